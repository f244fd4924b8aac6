/**
 * The overlay against the real server, with a small starting balance (MAYA_STARTING_BALANCE_CENTS=6000):
 * ordering takes the balance under $50 (orange), then to $0 (red), and an order the balance cannot
 * cover is refused kindly with nothing changed. Then the live connection: when the graphql-ws socket
 * drops, the page says so, and when it comes back the overlay catches up with what it missed.
 */
import type { WebSocketRoute } from "playwright-core";
import { expect, it } from "vitest";
import { MayaClient } from "../support/maya.js";
import { collectErrors, describeWithBrowser, figure, lastMaya, say, screenshot, useRealMayaInBrowser } from "./support.js";

describeWithBrowser("overlay: balance colours and the live connection (real server, $60 starting balance)", () => {
  const maya = useRealMayaInBrowser({ env: { MAYA_STARTING_BALANCE_CENTS: "6000" } });

  const balance = () => figure(maya.page, "balance");
  const colour = () => balance().locator(".value").evaluate((element) => getComputedStyle(element).color);

  it("starts at $60.00 in the normal colour", async () => {
    await maya.page.goto(maya.app.url);
    await expect.poll(() => balance().textContent()).toBe("Balance $60.00");
    expect(await balance().getAttribute("data-tone")).toBe("normal");
    expect(await colour()).toBe("rgb(244, 239, 230)");
  });

  it("turns orange under $50", async () => {
    await say(maya.page, "a martini please");
    await expect.poll(() => balance().textContent()).toBe("Balance $47.00");
    expect(await balance().getAttribute("data-tone")).toBe("low");
    expect(await colour()).toBe("rgb(255, 165, 0)");
    await screenshot(maya.page, "20-balance-orange");
  });

  it("turns red at $0", async () => {
    await say(maya.page, "three martinis");
    await expect.poll(() => balance().textContent()).toBe("Balance $8.00");
    expect(await balance().getAttribute("data-tone")).toBe("low");
    await say(maya.page, "a whiskey neat");
    await expect.poll(() => balance().textContent()).toBe("Balance $0.00");
    await expect.poll(() => figure(maya.page, "tab").textContent()).toBe("Tab $60.00");
    expect(await balance().getAttribute("data-tone")).toBe("empty");
    expect(await colour()).toBe("rgb(255, 90, 95)");
    await screenshot(maya.page, "21-balance-red");
  });

  it("refuses an order the balance cannot cover, kindly, and changes nothing", async () => {
    await say(maya.page, "a water");
    await expect.poll(() => lastMaya(maya.page).textContent()).toMatch(/\$0\.00/);
    await maya.page.waitForTimeout(700);
    expect(await balance().textContent()).toBe("Balance $0.00");
    expect(await figure(maya.page, "tab").textContent()).toBe("Tab $60.00");
    expect(await maya.page.locator("#transcript .message.system").count()).toBe(0);
    await screenshot(maya.page, "22-insufficient-funds");
    expect(maya.errors).toEqual([]);
  });

  it("shows the lost connection and catches up on what it missed when the socket returns", async () => {
    // A new guest in a fresh page: its live socket passes through a switch the test can open.
    const live = await maya.browser.context.newPage();
    const liveErrors = collectErrors(live);
    let down = false;
    const open: WebSocketRoute[] = [];
    await live.routeWebSocket(/\/graphql$/, (socket) => {
      if (down) {
        // The bar is unreachable: every reconnection attempt fails straight away.
        void socket.close({ code: 1011, reason: "test: network down" });
        return;
      }
      socket.connectToServer();
      open.push(socket);
    });
    await live.goto(maya.app.url);
    await live.evaluate(() => localStorage.removeItem("maya.token"));
    await live.reload();
    await expect.poll(() => figure(live, "balance").textContent()).toBe("Balance $60.00");
    await expect.poll(() => open.length).toBeGreaterThan(0);
    await live.waitForTimeout(500); // the subscription is registered on the server
    const token = (await live.evaluate(() => localStorage.getItem("maya.token")))!;
    const guest = new MayaClient(maya.app.url, token);

    // Events arrive while connected: a change made elsewhere reaches the overlay.
    await guest.data(`mutation { say(text: "a water please") { text } }`);
    await expect.poll(() => figure(live, "tab").textContent()).toBe("Tab $1.00");

    down = true;
    for (const socket of open.splice(0)) await socket.close({ code: 1011, reason: "test: network down" });
    await expect.poll(() => live.locator("#banner").isVisible()).toBe(true);
    expect(await live.locator("#banner").textContent()).toMatch(/connection lost|reconnecting/i);
    await guest.data(`mutation { say(text: "an iced tea") { text } }`);
    await live.waitForTimeout(500);
    expect(await figure(live, "tab").textContent(), "no event can reach a page that is cut off").toBe("Tab $1.00");
    await screenshot(live, "23-connection-lost");

    down = false;
    await expect.poll(() => live.locator("#banner").isHidden(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => figure(live, "tab").textContent(), { timeout: 5_000 }).toBe("Tab $3.00");
    expect(await figure(live, "balance").textContent()).toBe("Balance $57.00");
    // And live again: the next change arrives as an event.
    await guest.data(`mutation { say(text: "a soda") { text } }`);
    await expect.poll(() => figure(live, "tab").textContent()).toBe("Tab $6.00");
    // The words that changed the tab elsewhere are on this page too, once each, missed ones included,
    // so the transcript never disagrees with the overlay; a reload shows the very same lines.
    const lines = () => live.locator("#transcript .message:not(.system)").allTextContents();
    await expect
      .poll(() => live.locator("#transcript .message.guest").allTextContents())
      .toEqual(["You: a water please", "You: an iced tea", "You: a soda"]);
    await expect.poll(async () => (await lines()).length).toBe(7);
    await screenshot(live, "24-connection-back");
    const before = await lines();
    await live.reload();
    await expect.poll(() => lines()).toEqual(before);
    expect(liveErrors).toEqual([]);
    await live.close();
  });
});
