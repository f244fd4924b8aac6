#!/usr/bin/env node
// Builds everything `npm start` and `npm test` need, skipping what is up to
// date: the Prisma client (when prisma/schema.prisma changed), the server
// (tsc, incremental) and the browser client.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: "inherit" });
const bin = (name) => join(root, "node_modules", ".bin", name);

const schemaHash = createHash("sha256").update(readFileSync(join(root, "prisma/schema.prisma"))).digest("hex");
const stamp = join(root, "src/generated/prisma/.schema-hash");
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== schemaHash) {
  run(bin("prisma"), ["generate"]);
  writeFileSync(stamp, schemaHash);
}

run(bin("tsc"), ["-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", "dist/.tsbuildinfo"]);

if (existsSync(join(root, "scripts/build-client.mjs"))) run(process.execPath, [join(root, "scripts/build-client.mjs")]);
