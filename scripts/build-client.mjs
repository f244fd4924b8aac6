#!/usr/bin/env node
// Builds the browser client into dist/client/ (the guest page at /, the embeddable overlay at
// /overlay.js with its standalone page /overlay, the GraphQL IDE under /graphiql/).
// Skips the work when every output is newer than every input, so a second `npm start` is instant.
// Offline by construction: esbuild bundles only what is in node_modules. `--force` rebuilds anyway.
import { createHash } from "node:crypto";
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { CLIENT, isFresh, markFresh } from "./freshness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const clientDir = path.join(root, "client");
const outDir = path.join(root, "dist", "client");
const started = performance.now();

async function upToDate() {
  return isFresh(CLIENT);
}

const shared = {
  bundle: true,
  minify: true,
  sourcemap: "linked",
  format: "esm",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  platform: "browser",
  // React and friends read NODE_ENV to drop their development builds.
  define: { "process.env.NODE_ENV": '"production"' },
  jsx: "automatic",
  tsconfig: path.join(clientDir, "tsconfig.json"),
  logLevel: "warning",
  legalComments: "linked",
  metafile: true,
};

/** Cache-busting query strings from the content, so a browser never pairs a new page with an old bundle. */
async function writeHtml(template, destination, assets) {
  let html = await readFile(template, "utf8");
  for (const [url, file] of Object.entries(assets)) {
    const digest = createHash("sha256").update(await readFile(file)).digest("hex").slice(0, 12);
    html = html.replaceAll(`"${url}"`, `"${url}?v=${digest}"`);
  }
  await writeFile(destination, html);
}

function kilobytes(metafile, suffix) {
  const bytes = Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith(suffix))
    .reduce((sum, [, output]) => sum + output.bytes, 0);
  return `${Math.round(bytes / 1024)} kB`;
}

async function build() {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.join(outDir, "graphiql"), { recursive: true });
  const [app, , ide, overlay] = await Promise.all([
    esbuild.build({ ...shared, entryPoints: { app: path.join(clientDir, "src", "main.ts") }, outdir: outDir }),
    // The microphone's AudioWorklet runs in its own scope and is loaded by URL: a bundle of its own.
    esbuild.build({ ...shared, entryPoints: { "pcm-worklet": path.join(clientDir, "src", "audio", "pcm-worklet.ts") }, outdir: outDir }),
    esbuild.build({
      ...shared,
      entryPoints: { graphiql: path.join(clientDir, "graphiql", "main.tsx") },
      outdir: path.join(outDir, "graphiql"),
    }),
    // <maya-tab-overlay> for any page: one module, its stylesheet inlined as text for its Shadow DOM.
    esbuild.build({
      ...shared,
      entryPoints: { overlay: path.join(clientDir, "src", "overlay-element.ts"), "overlay-page": path.join(clientDir, "src", "overlay-page.ts") },
      loader: { ".css": "text" },
      outdir: outDir,
    }),
  ]);
  await cp(path.join(clientDir, "public"), outDir, { recursive: true });
  await writeHtml(path.join(clientDir, "index.html"), path.join(outDir, "index.html"), {
    "/app.js": path.join(outDir, "app.js"),
    "/app.css": path.join(outDir, "app.css"),
  });
  await writeHtml(path.join(clientDir, "overlay.html"), path.join(outDir, "overlay.html"), {
    "/overlay.js": path.join(outDir, "overlay.js"),
    "/overlay-page.js": path.join(outDir, "overlay-page.js"),
  });
  await writeHtml(path.join(clientDir, "graphiql", "index.html"), path.join(outDir, "graphiql", "index.html"), {
    "/graphiql/graphiql.js": path.join(outDir, "graphiql", "graphiql.js"),
    "/graphiql/graphiql.css": path.join(outDir, "graphiql", "graphiql.css"),
  });
  await markFresh(CLIENT);
  return { app: app.metafile, ide: ide.metafile, overlay: overlay.metafile };
}

/**
 * One build at a time: test files running in parallel each ask for a build, and two builds wiping and
 * writing dist/client together would leave it half-written. The lock is a directory (mkdir is atomic);
 * one left behind by a killed build is taken over after a while.
 */
const lockDir = path.join(root, "dist", ".client-build.lock");
const STALE_LOCK_MS = 120_000;

async function withBuildLock(work) {
  await mkdir(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const since = await stat(lockDir).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (since > STALE_LOCK_MS) await rm(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

await withBuildLock(async () => {
  // Checked under the lock: a build that finished while we waited leaves nothing to do.
  if (!process.argv.includes("--force") && (await upToDate())) {
    console.log("client: dist/client is up to date (nothing to build)");
    return;
  }
  const { app, ide, overlay } = await build();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `client: built dist/client in ${seconds}s (app ${kilobytes(app, ".js")} js + ${kilobytes(app, ".css")} css; ` +
      `overlay ${kilobytes(overlay, "overlay.js")} js; ` +
      `GraphQL IDE ${kilobytes(ide, ".js")} js + ${kilobytes(ide, ".css")} css)`,
  );
});
