#!/usr/bin/env node
// Builds everything `npm start` and `npm test` need, skipping what is up to
// date: the Prisma client (when prisma/schema.prisma changed), the server
// (tsc, incremental) and the browser client. When nothing changed it starts
// no compiler at all, so `npm start` on a built checkout goes straight to Maya.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLIENT, SERVER, isFresh, markFresh, root } from "./freshness.mjs";

const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: "inherit" });
const bin = (name) => join(root, "node_modules", ".bin", name);

const schemaHash = createHash("sha256").update(readFileSync(join(root, "prisma/schema.prisma"))).digest("hex");
const stamp = join(root, "src/generated/prisma/.schema-hash");
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== schemaHash) {
  run(bin("prisma"), ["generate"]);
  writeFileSync(stamp, schemaHash);
}

if (!(await isFresh(SERVER))) {
  run(bin("tsc"), ["-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", "dist/.tsbuildinfo"]);
  await markFresh(SERVER);
}

if (!(await isFresh(CLIENT))) run(process.execPath, [join(root, "scripts/build-client.mjs")]);
