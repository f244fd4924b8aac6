/**
 * Issue 5, end to end against the real server: a guest orders by typing, tips from the overlay,
 * removes the tip, pays through the mock hosted checkout and reloads, in headless Chromium.
 * Screenshots of every state land in test-artifacts/browser/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import {
  buildClient,
  collectErrors,
  describeWithBrowser,
  figure,
  lastMaya,
  launchBrowser,
  recordRequests,
  say,
  screenshot,
  startRealMaya,
  type LaunchedBrowser,
} from "./support.js";

describeWithBrowser("guest journey (real server)", () => {
  let app: MayaApp;
  let browser: LaunchedBrowser;
  let requests: Awaited<ReturnType<typeof recordRequests>>;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    buildClient();
    // Default configuration, as `npm start` runs: no MAYA_PUBLIC_URL.
    [app, browser] = await Promise.all([startRealMaya(), launchBrowser()]);
    requests = await recordRequests(browser.context, app.url);
    page = await browser.context.newPage();
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const transcriptText = () => page.locator("#transcript").innerText();

  it("opens a session on page load: empty tab, full balance, Maya's welcome", async () => {
    await page.goto(app.url);
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $0.00");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $1000.00");
    expect(await page.locator("[data-row='tips']").isHidden()).toBe(true);
    expect(await page.locator("[data-row='tip']").isHidden()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem("maya.token"))).toMatch(/.{16,}/);
    await screenshot(page, "01-session-started");
  });

  it("orders two martinis by typing: reply in the transcript, overlay counts to Tab $26.00", async () => {
    await say(page, "two martinis please");
    await expect.poll(() => lastMaya(page).textContent()).toMatch(/martini/i);
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $26.00");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $974.00");
    expect(await page.locator("[data-row='tips']").isVisible()).toBe(true);
    expect(await page.locator("[data-row='tip']").isHidden()).toBe(true);
    expect(await transcriptText()).toContain("two martinis please");
    await screenshot(page, "02-two-martinis");
  });

  it("presses 15%: tip and total rows, the button pressed, Maya names 15% and $3.90", async () => {
    const fifteen = page.locator("button[data-percent='15']");
    await fifteen.click();
    await expect.poll(() => fifteen.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => figure(page, "tip").textContent()).toBe("Tip $3.90");
    await expect.poll(() => figure(page, "total").textContent()).toBe("Total $29.90");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $970.10");
    await expect.poll(() => lastMaya(page).textContent()).toMatch(/15%[\s\S]*\$3\.90|\$3\.90[\s\S]*15%/);
    expect(await page.locator("button[data-percent='10']").getAttribute("aria-pressed")).toBe("false");
    expect(await page.locator("button[data-percent='20']").getAttribute("aria-pressed")).toBe("false");
    // The highlight is visible, not only an attribute.
    const background = (selector: string) => page.locator(selector).evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(await background("button[data-percent='15']")).not.toBe(await background("button[data-percent='10']"));
    await screenshot(page, "03-tip-15");
  });

  it("presses 15% again: the tip row disappears and Maya takes it gracefully", async () => {
    const mayaBefore = await page.locator("#transcript .message.maya").count();
    const fifteen = page.locator("button[data-percent='15']");
    await fifteen.click();
    await expect.poll(() => fifteen.getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => page.locator("[data-row='tip']").isHidden()).toBe(true);
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $974.00");
    expect(await figure(page, "tab").textContent()).toBe("Tab $26.00");
    await expect.poll(() => page.locator("#transcript .message.maya").count()).toBe(mayaBefore + 1);
    expect(await lastMaya(page).textContent()).toMatch(/tip/i);
    await screenshot(page, "04-tip-removed");
  });

  it("pays through the mock hosted checkout with 4242 4242 4242 4242 and comes back to an empty tab", async () => {
    await say(page, "I'll pay my bill");
    const pay = page.locator("#transcript a.pay").last();
    await expect.poll(() => pay.count()).toBe(1);
    expect(await pay.textContent()).toBe("Pay $26.00");
    // The button carries the link; Maya's words do not spell the long address out.
    expect(await lastMaya(page).locator(".text").textContent()).not.toMatch(/https?:\/\//);
    await screenshot(page, "05-pay-link");

    // The mock checkout sends the guest back to `/?payment=<id>` on its own origin; the session token
    // lives in this origin's localStorage, so the checkout must be on the page's origin too.
    const href = (await pay.getAttribute("href")) ?? "";
    expect(
      new URL(href).origin,
      `checkoutUrl ${href} is not on the page's origin ${app.url}: the guest would come back to a different origin with no session`,
    ).toBe(new URL(app.url).origin);

    await pay.click();
    await page.waitForURL(/\/checkout\/[^/]+$/);
    expect(await page.locator("#total").textContent()).toBe("$26.00");
    await page.fill("#card", "4242 4242 4242 4242");
    await screenshot(page, "06-checkout-page");
    await page.click("#pay");

    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $0.00");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $974.00");
    await expect.poll(() => transcriptText()).toMatch(/\$26\.00/);
    // Maya's words about the payment are the server's, stored with it, and shown once: the page adds none of its own.
    await expect.poll(() => lastMaya(page).textContent()).toBe("Maya: Payment of $26.00 received. Thank you, and cheers!");
    const lines = await page.locator("#transcript .message").allTextContents();
    expect(lines.filter((line) => /payment|went through/i.test(line) && !line.includes("Checkout closed"))).toHaveLength(1);
    expect(lines.filter((line) => line.includes("15% tip of $3.90")), "the tip thanks once").toHaveLength(1);
    // The spent checkout link no longer leads anywhere.
    expect(await page.locator("#transcript a.pay").count()).toBe(0);
    expect(await page.locator("#transcript .pay.closed").count()).toBe(1);
    // The return address is tidied away, so a reload does not report the payment twice.
    await expect.poll(() => page.url()).not.toContain("payment=");
    expect(await page.locator("[data-row='tips']").isHidden()).toBe(true);
    await screenshot(page, "07-paid");
  });

  it("keeps the session across a reload: same transcript, same balance", async () => {
    if (!page.url().startsWith(app.url)) await page.goto(app.url);
    const token = await page.evaluate(() => localStorage.getItem("maya.token"));
    const tab = await figure(page, "tab").textContent();
    const balance = await figure(page, "balance").textContent();
    const messages = () => page.locator("#transcript .message:not(.system)").allTextContents();
    const before = await messages();
    await page.reload();
    await expect.poll(() => figure(page, "balance").textContent()).toBe(balance);
    expect(await figure(page, "tab").textContent()).toBe(tab);
    expect(await page.evaluate(() => localStorage.getItem("maya.token"))).toBe(token);
    await expect.poll(() => page.locator("#transcript .message.guest").count()).toBeGreaterThan(0);
    await screenshot(page, "08-after-reload");
    const after = await messages();
    const joined = after.join("\n");
    for (const words of [/two martinis please/, /Maya: .*two martinis/i, /I'll pay my bill/]) expect(joined).toMatch(words);
    expect(await page.locator("#notice").isHidden()).toBe(true);
    // Maya's words about the tip (and the payment) are part of the conversation too: they must survive.
    expect(after.some((line) => line.includes("15%") && line.includes("$3.90")), "tip thanks kept in the transcript").toBe(true);
    expect(after, "the same transcript after a reload").toEqual(before);
  });

  it("made no request outside the app and logged no page errors", () => {
    expect(requests.outside()).toEqual([]);
    expect(requests.sockets().length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
