/**
 * Maya's overlay in another frontend, end to end in Chromium: two pages served by other servers (other
 * ports, so other origins) embed <maya-tab-overlay> from Maya's /overlay.js with an overlay token
 * copied from Maya's page. Maya lists only the first (MAYA_CORS_ORIGINS).
 *
 * - The allowed page shows the tab within 1 s of each order made on Maya's page, and every later
 *   change once, in version order; its cross-origin fetch of /graphql works, and a mutation with the
 *   overlay token is FORBIDDEN and changes nothing.
 * - The refused page gets nothing: the module script, /graphql and the socket are all refused.
 *
 * The delays printed are Date.now() at the press of Enter on Maya's page to Date.now() in the other
 * page when the element announces the new version (same machine, same clock).
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import { projectPath } from "../../src/db/paths.js";
import { MayaClient, ME_QUERY } from "../support/maya.js";
import { describeWithBrowser, figure, say, screenshot, useRealMayaInBrowser } from "./support.js";

/** A venue's page on its own server: it loads Maya's overlay and takes the token from its fragment. */
function hostPage(mayaUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>The venue's screen</title>
  <script type="module" src="${mayaUrl}/overlay.js"></script>
  <script type="module">
    const overlay = document.querySelector("maya-tab-overlay");
    window.changes = [];
    overlay.addEventListener("maya-tab-change", (event) => window.changes.push({ at: Date.now(), ...event.detail }));
    overlay.setAttribute("token", new URLSearchParams(location.hash.slice(1)).get("token") ?? "");
  </script>
</head>
<body style="background: #334">
  <main><h1>Tonight at the bar</h1><maya-tab-overlay server="${mayaUrl}"></maya-tab-overlay></main>
</body>
</html>`;
}

interface HostServer {
  readonly origin: string;
  setMaya(url: string): void;
  close(): Promise<void>;
}

async function startHostServer(): Promise<HostServer> {
  let mayaUrl = "";
  const server: Server = createServer((req, res) => {
    if (req.url !== "/") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(hostPage(mayaUrl));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMaya: (url) => {
      mayaUrl = url;
    },
    close: () => {
      // The browser may still hold keep-alive connections: they would hold close() open.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const allowedHost = await startHostServer();
const refusedHost = await startHostServer();

interface Change {
  at: number;
  tabId: string;
  version: number;
  subtotalCents: number;
  tipCents: number;
  totalCents: number;
  balanceCents: number;
}

const changesOn = (page: Page) => page.evaluate(() => (window as unknown as { changes?: Change[] }).changes ?? []);

/** What the page's own code gets from Maya's /graphql with the token: the JSON, or the fetch's failure. */
function fetchFrom(page: Page, mayaUrl: string, token: string, query: string) {
  return page.evaluate(
    async ({ url, token, query }) => {
      try {
        const response = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] } };
      } catch (error) {
        return { failed: String(error) };
      }
    },
    { url: mayaUrl, token, query },
  );
}

/** Whether a WebSocket from this page to Maya's /graphql opens at all. */
function socketOpens(page: Page, mayaUrl: string) {
  return page.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
        socket.onopen = () => {
          socket.close();
          resolve(true);
        };
        socket.onerror = () => resolve(false);
      }),
    mayaUrl,
  );
}

describeWithBrowser("<maya-tab-overlay> on other origins (one allowed by MAYA_CORS_ORIGINS, one not)", () => {
  const maya = useRealMayaInBrowser({ env: { MAYA_CORS_ORIGINS: allowedHost.origin } });
  let overlayToken = "";
  let guest: MayaClient;
  let allowed: Page;
  let refused: Page;

  afterAll(async () => {
    await allowedHost.close();
    await refusedHost.close();
  });

  it("Maya's page copies an overlay link for the guest", async () => {
    allowedHost.setMaya(maya.app.url);
    refusedHost.setMaya(maya.app.url);
    await maya.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: maya.app.url });
    await maya.page.goto(maya.app.url);
    await expect.poll(() => figure(maya.page, "balance").textContent()).toBe("Balance $1000.00");
    await maya.page.click("#copy-overlay-link");
    const link = await maya.page.locator("#overlay-link").inputValue();
    expect(link).toMatch(new RegExp(`^${maya.app.url}/overlay#token=maya_ovl_[A-Za-z0-9_-]{43}$`));
    expect(await maya.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expect.poll(() => maya.page.locator("#overlay-link-note").textContent()).toMatch(/copied/);
    // Copying again gives the same link: one token per session, not one per click.
    await maya.page.click("#copy-overlay-link");
    await expect.poll(() => maya.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    overlayToken = decodeURIComponent(link.split("#token=")[1]!);
    guest = new MayaClient(maya.app.url, (await maya.page.evaluate(() => localStorage.getItem("maya.token")))!);
  });

  it("the allowed page shows the tab within 1 s of each order on Maya's page, every change once and in order", async () => {
    allowed = await maya.browser.context.newPage();
    const errors: string[] = [];
    allowed.on("pageerror", (error) => errors.push(error.message));
    await allowed.goto(`${allowedHost.origin}/#token=${overlayToken}`);
    await expect.poll(() => allowed.locator("maya-tab-overlay").getAttribute("state")).toBe("live");
    expect(await changesOn(allowed)).toHaveLength(1);

    const delays: number[] = [];
    for (const utterance of ["a martini please", "two IPAs", "add a 20% tip", "one more martini", "take off one IPA"]) {
      const seen = (await changesOn(allowed)).length;
      await maya.page.fill("#say-input", utterance);
      const sentAt = Date.now();
      await maya.page.press("#say-input", "Enter");
      await expect.poll(() => changesOn(allowed).then((changes) => changes.length), { timeout: 5_000 }).toBe(seen + 1);
      const change = (await changesOn(allowed))[seen]!;
      delays.push(change.at - sentAt);
    }
    console.log(`[cross-origin overlay] order on Maya's page to the other origin's overlay: ${delays.map((ms) => `${ms} ms`).join(", ")}`);
    for (const delay of delays) expect(delay).toBeLessThan(1000);

    // Every version once, in order, and the last one is the guest's tab as Maya has it.
    const changes = await changesOn(allowed);
    const versions = changes.map((change) => change.version);
    expect(versions).toEqual(Array.from({ length: changes.length }, (_, i) => versions[0]! + i));
    const { me } = await guest.data<{ me: { balanceCents: number; tab: { version: number; totalCents: number; tipCents: number } } }>(ME_QUERY);
    expect(changes.at(-1)).toMatchObject({ version: me.tab.version, totalCents: me.tab.totalCents, tipCents: me.tab.tipCents, balanceCents: me.balanceCents });
    // What it draws, once the count-ups have played, is what Maya's page draws. Headless Chromium gives animation
    // frames to the page in front only (a real screen shows its page), so each is brought to the front in turn.
    const shown = (page: Page, root: string) =>
      page.evaluate((selector) => {
        const overlay = selector === "shadow" ? document.querySelector("maya-tab-overlay")!.shadowRoot! : document;
        return ["tab", "balance", "tip", "total"].map((key) => overlay.querySelector(`[data-figure="${key}"] .value`)?.textContent);
      }, root);
    const dollars = (cents: number) => `$${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
    const expected = [dollars(me.tab.totalCents - me.tab.tipCents), dollars(me.balanceCents), dollars(me.tab.tipCents), dollars(me.tab.totalCents)];
    await allowed.bringToFront();
    await expect.poll(() => shown(allowed, "shadow"), { timeout: 10_000 }).toEqual(expected);
    await screenshot(allowed, "40-overlay-on-another-origin");
    await maya.page.bringToFront();
    await expect.poll(() => shown(maya.page, "document"), { timeout: 10_000 }).toEqual(expected);
    await allowed.bringToFront();
    expect(errors).toEqual([]);
  });

  it("the allowed page reads /graphql with the overlay token, and a mutation with it is FORBIDDEN and changes nothing", async () => {
    const before = await guest.data(ME_QUERY);
    const read = await fetchFrom(allowed, maya.app.url, overlayToken, "{ me { balanceCents tab { totalCents } } }");
    expect(read).toMatchObject({ status: 200, body: { data: { me: { balanceCents: (before as { me: { balanceCents: number } }).me.balanceCents } } } });
    const write = await fetchFrom(allowed, maya.app.url, overlayToken, `mutation { addToTab(menuItemId: "martini", quantity: 5) { id } }`);
    expect(write).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: "FORBIDDEN" } }] } });
    expect((write as { body: { data?: unknown } }).body.data ?? null).toBeNull();
    expect(await socketOpens(allowed, maya.app.url)).toBe(true);
    expect(await guest.data(ME_QUERY)).toEqual(before);
  });

  it("the refused page gets nothing: no script, no /graphql, no socket", async () => {
    refused = await maya.browser.context.newPage();
    const failedLoads: string[] = [];
    refused.on("requestfailed", (request) => failedLoads.push(request.url()));
    await refused.goto(`${refusedHost.origin}/#token=${overlayToken}`);
    await expect.poll(() => failedLoads).toContain(`${maya.app.url}/overlay.js`);
    expect(await refused.evaluate(() => customElements.get("maya-tab-overlay") === undefined)).toBe(true);
    expect(await fetchFrom(refused, maya.app.url, overlayToken, "{ me { balanceCents } }")).toMatchObject({ failed: expect.stringMatching(/Failed to fetch/) });
    expect(await socketOpens(refused, maya.app.url)).toBe(false);
    // Even with the element's code in hand (a copy bundled by the page itself), its socket is refused: nothing is drawn.
    await refused.addScriptTag({ type: "module", content: readFileSync(projectPath("dist/client/overlay.js"), "utf8") });
    await expect.poll(() => refused.locator("maya-tab-overlay").getAttribute("state")).toMatch(/^(connecting|lost)$/);
    await refused.waitForTimeout(2_000);
    expect(await refused.locator("maya-tab-overlay").getAttribute("state")).toMatch(/^(connecting|lost)$/);
    expect(await changesOn(refused)).toEqual([]);
  });

  it("revoking the overlay links on Maya's page puts the allowed page's overlay in a clear refused state", async () => {
    await maya.page.click("#revoke-overlay-links");
    await expect.poll(() => allowed.locator("maya-tab-overlay").getAttribute("state")).toBe("refused");
    const status = await allowed.evaluate(() => document.querySelector("maya-tab-overlay")!.shadowRoot!.querySelector("[role=status]")!.textContent);
    expect(status).toMatch(/revoked or has expired/);
    await expect.poll(() => maya.page.locator("#overlay-link").isHidden()).toBe(true);
    await expect.poll(() => maya.page.locator("#overlay-link-note").textContent()).toMatch(/revoked/);
    await screenshot(allowed, "41-overlay-refused");
  });

  it("copies a new link after a revocation, made on this page or elsewhere", async () => {
    const current = () => maya.page.locator("#overlay-link").inputValue();
    await maya.page.click("#copy-overlay-link");
    await expect.poll(current).toMatch(/#token=maya_ovl_/);
    const afterPageRevoke = await current();
    expect(afterPageRevoke).not.toContain(overlayToken);
    // Revoked by another device of the guest's: the page notices its kept token is dead and makes another.
    await guest.data(`mutation { revokeOverlayTokens }`);
    await maya.page.click("#copy-overlay-link");
    await expect.poll(current).not.toBe(afterPageRevoke);
    const fresh = decodeURIComponent((await current()).split("#token=")[1]!);
    expect(await new MayaClient(maya.app.url, fresh).data(`{ me { id } }`)).toMatchObject({ me: { id: expect.any(String) } });
  });
});
