// What each build step reads and writes, and whether its output is newer than every input, so
// `npm start` and `npm test` skip (without even starting the compilers) what is already built.
import { stat, readdir, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const at = (...parts) => path.join(root, ...parts);

export const SERVER = {
  // bench/ compiles test helpers it imports, and the Prisma client is generated from the schema.
  inputs: [at("src"), at("bench"), at("scripts"), at("test"), at("tsconfig.json"), at("package-lock.json"), at("prisma", "schema.prisma")],
  outputs: [at("dist", "src", "main.js")],
  stamp: at("dist", ".server-build-stamp"),
};

export const CLIENT = {
  inputs: [at("client"), at("scripts", "build-client.mjs"), at("package-lock.json")],
  outputs: ["index.html", "app.js", "app.css", "pcm-worklet.js", "overlay.html", "overlay.js", "overlay-page.js", "graphiql/index.html", "graphiql/graphiql.js"].map((file) => at("dist", "client", file)),
  stamp: at("dist", "client", ".build-stamp"),
};

/** Newest modification time below these paths (files, or folders walked whole). */
export async function newestInput(paths) {
  let newest = 0;
  const visit = async (target) => {
    const info = await stat(target).catch(() => null);
    if (!info) return;
    if (info.isDirectory()) {
      for (const entry of await readdir(target)) await visit(path.join(target, entry));
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const target of paths) await visit(target);
  return newest;
}

/** Every output exists and the stamp is newer than every input (a half-deleted output is not fresh). */
export async function isFresh({ inputs, outputs, stamp }) {
  try {
    const written = await stat(stamp);
    await Promise.all(outputs.map((file) => stat(file)));
    return written.mtimeMs >= (await newestInput(inputs));
  } catch {
    return false;
  }
}

export async function markFresh({ stamp }) {
  await mkdir(path.dirname(stamp), { recursive: true });
  await writeFile(stamp, `${new Date().toISOString()}\n`);
}
