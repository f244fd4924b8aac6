/**
 * The standalone /overlay page and its <maya-tab-overlay> against the real server: the token comes
 * from the URL fragment (never the query string, never sent to the server), a missing token is a
 * clear idle state, a malformed one a clear refused state, and when the socket drops the overlay says
 * so, reconnects on its own and catches up with what it missed, in order.
 */
import type { Page, WebSocketRoute } from "playwright-core";
import { expect, it } from "vitest";
import { MayaClient } from "../support/maya.js";
import { collectErrors, describeWithBrowser, useRealMayaInBrowser } from "./support.js";

const stateOf = (page: Page) => page.locator("maya-tab-overlay").getAttribute("state");
const shown = (page: Page, key: string) =>
  page.evaluate((figure) => document.querySelector("maya-tab-overlay")!.shadowRoot!.querySelector(`[data-figure="${figure}"] .value`)!.textContent, key);
const statusText = (page: Page) => page.evaluate(() => document.querySelector("maya-tab-overlay")!.shadowRoot!.querySelector("[role=status]")!.textContent);

describeWithBrowser("/overlay: the overlay alone, its token in the fragment", () => {
  const maya = useRealMayaInBrowser({ recordRequests: true });

  it("is idle without a token and refused with a malformed one, saying so", async () => {
    await maya.page.goto(`${maya.app.url}/overlay`);
    await expect.poll(() => stateOf(maya.page)).toBe("idle");
    expect(await statusText(maya.page)).toMatch(/no overlay token/i);
    await maya.page.goto(`${maya.app.url}/overlay#token=not-a-token`);
    await expect.poll(() => stateOf(maya.page)).toBe("refused");
    expect(await statusText(maya.page)).toMatch(/revoked or has expired/);
  });

  it("follows the tab, says when the link is lost, reconnects by itself and catches up", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const { createOverlayToken: token } = await guest.data<{ createOverlayToken: string }>(`mutation { createOverlayToken }`);
    const page = await maya.browser.context.newPage();
    const errors = collectErrors(page);
    let down = false;
    const open: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      if (down) return void socket.close({ code: 1011, reason: "test: network down" });
      socket.connectToServer();
      open.push(socket);
    });
    await page.goto(`${maya.app.url}/overlay#token=${token}`);
    await expect.poll(() => stateOf(page)).toBe("live");
    await guest.data(`mutation { addToTab(menuItemId: "water") { id } }`);
    await expect.poll(() => shown(page, "tab")).toBe("$1.00");

    down = true;
    for (const socket of open.splice(0)) await socket.close({ code: 1011, reason: "test: network down" });
    await expect.poll(() => stateOf(page)).toBe("lost");
    expect(await statusText(page)).toMatch(/reconnecting/i);
    await guest.data(`mutation { addToTab(menuItemId: "martini") { id } }`);
    await page.waitForTimeout(500);
    expect(await shown(page, "tab"), "nothing reaches an overlay that is cut off").toBe("$1.00");

    down = false;
    await expect.poll(() => stateOf(page), { timeout: 20_000 }).toBe("live");
    await expect.poll(() => shown(page, "tab"), { timeout: 5_000 }).toBe("$14.00");
    await guest.data(`mutation { setTip(percent: 10) { id } }`);
    await expect.poll(() => shown(page, "tip")).toBe("$1.40");
    expect(errors).toEqual([]);
    // The token travelled in the fragment and the socket's connection_init only: no URL the browser asked for carries it.
    expect(maya.requests.all().filter((url) => url.includes(token))).toEqual([]);
    await page.close();
  });
});
