/**
 * The README's "any frontend" example, run as written: examples/urql (urql with graphql-ws), bundled
 * with esbuild and served by another server on another port (listed in MAYA_CORS_ORIGINS), starts a
 * session, follows tabChanged, orders, tips and talks to Maya from Chromium. The README shows those
 * two files verbatim (checked here too), so the documentation cannot drift from what runs.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as esbuild from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { projectPath } from "../../src/db/paths.js";
import { MayaClient, ME_QUERY } from "../support/maya.js";
import { describeWithBrowser, useRealMayaInBrowser } from "./support.js";

const EXAMPLE_FILES = ["examples/urql/maya.js", "examples/urql/usage.js"];

describe("README: the urql example", () => {
  it("shows examples/urql/maya.js and usage.js verbatim", () => {
    const readme = readFileSync(projectPath("README.md"), "utf8");
    for (const file of EXAMPLE_FILES) expect(readme, file).toContain(readFileSync(projectPath(file), "utf8").trim());
  });
});

async function bundleExample(): Promise<string> {
  const built = await esbuild.build({
    stdin: { contents: `import { visitTheBar } from "./examples/urql/usage.js"; window.visitTheBar = visitTheBar;`, resolveDir: projectPath("."), loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return built.outputFiles[0]!.text;
}

const frontend = createServer();
await new Promise<void>((resolve) => frontend.listen(0, "127.0.0.1", resolve));
const frontendOrigin = `http://127.0.0.1:${(frontend.address() as AddressInfo).port}`;

describeWithBrowser("an urql + graphql-ws frontend on another origin (the README's example)", () => {
  const maya = useRealMayaInBrowser({ env: { MAYA_CORS_ORIGINS: frontendOrigin } });

  afterAll(async () => {
    frontend.closeAllConnections();
    await new Promise((resolve) => frontend.close(resolve));
  });

  it("starts a session, follows the tab, orders, tips and talks, cross-origin", async () => {
    const script = await bundleExample();
    frontend.on("request", (req, res) => {
      if (req.url === "/app.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><html lang="en"><head><title>A frontend</title>
        <script type="module" src="/app.js"></script></head><body><main>A frontend</main></body></html>`);
    });
    const page = maya.page;
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(frontendOrigin);
    await page.waitForFunction(() => "visitTheBar" in window);
    const outcome = await page.evaluate(async (mayaUrl) => {
      const events: { reason: string; version: number; totalCents: number; tipCents: number }[] = [];
      const visit = (window as unknown as { visitTheBar: (url: string, show: (e: any) => void) => Promise<{ token: string; reply: string }> }).visitTheBar;
      const { token, reply } = await visit(mayaUrl, (event) =>
        events.push({ reason: event.reason, version: event.tab.version, totalCents: event.tab.totalCents, tipCents: event.tab.tipCents }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return { token, reply, events };
    }, maya.app.url);

    expect(outcome.reply).toMatch(/IPA/i);
    const guest = new MayaClient(maya.app.url, outcome.token);
    const { me } = await guest.data<{ me: { tab: { version: number; totalCents: number; tipCents: number; items: unknown[] } } }>(ME_QUERY);
    expect(me.tab.items).toHaveLength(2);
    expect(me.tab.tipCents).toBeGreaterThan(0);
    // The snapshot first, then every change once, in version order, ending where the tab is.
    expect(outcome.events[0]?.reason).toBe("SNAPSHOT");
    const versions = outcome.events.map((event) => event.version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => versions[0]! + i));
    expect(outcome.events.at(-1)).toMatchObject({ version: me.tab.version, totalCents: me.tab.totalCents, tipCents: me.tab.tipCents });
    expect(errors).toEqual([]);
  });
});
