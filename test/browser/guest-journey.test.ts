/**
 * Issue 5, end to end against the real server: a guest orders by typing, tips from the overlay,
 * removes the tip, pays through the mock hosted checkout and reloads, in headless Chromium.
 * Screenshots of every state land in test-artifacts/browser/.
 */
import { expect, it } from "vitest";
import { describeWithBrowser, figure, lastMaya, say, screenshot, useRealMayaInBrowser } from "./support.js";

describeWithBrowser("guest journey (real server)", () => {
  // Default configuration, as `npm start` runs: no MAYA_PUBLIC_URL.
  const maya = useRealMayaInBrowser({ recordRequests: true });

  const transcriptText = () => maya.page.locator("#transcript").innerText();

  it("opens a session on page load: empty tab, full balance, Maya's welcome", async () => {
    await maya.page.goto(maya.app.url);
    await expect.poll(() => figure(maya.page, "tab").textContent()).toBe("Tab $0.00");
    await expect.poll(() => figure(maya.page, "balance").textContent()).toBe("Balance $1000.00");
    expect(await maya.page.locator("[data-row='tips']").isHidden()).toBe(true);
    expect(await maya.page.locator("[data-row='tip']").isHidden()).toBe(true);
    expect(await maya.page.evaluate(() => localStorage.getItem("maya.token"))).toMatch(/.{16,}/);
    await screenshot(maya.page, "01-session-started");
  });

  it("orders two martinis by typing: reply in the transcript, overlay counts to Tab $26.00", async () => {
    await say(maya.page, "two martinis please");
    await expect.poll(() => lastMaya(maya.page).textContent()).toMatch(/martini/i);
    await expect.poll(() => figure(maya.page, "tab").textContent()).toBe("Tab $26.00");
    await expect.poll(() => figure(maya.page, "balance").textContent()).toBe("Balance $974.00");
    expect(await maya.page.locator("[data-row='tips']").isVisible()).toBe(true);
    expect(await maya.page.locator("[data-row='tip']").isHidden()).toBe(true);
    expect(await transcriptText()).toContain("two martinis please");
    await screenshot(maya.page, "02-two-martinis");
  });

  it("presses 15%: tip and total rows, the button pressed, Maya names 15% and $3.90", async () => {
    const fifteen = maya.page.locator("button[data-percent='15']");
    await fifteen.click();
    await expect.poll(() => fifteen.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => figure(maya.page, "tip").textContent()).toBe("Tip $3.90");
    await expect.poll(() => figure(maya.page, "total").textContent()).toBe("Total $29.90");
    await expect.poll(() => figure(maya.page, "balance").textContent()).toBe("Balance $970.10");
    await expect.poll(() => lastMaya(maya.page).textContent()).toMatch(/15%[\s\S]*\$3\.90|\$3\.90[\s\S]*15%/);
    expect(await maya.page.locator("button[data-percent='10']").getAttribute("aria-pressed")).toBe("false");
    expect(await maya.page.locator("button[data-percent='20']").getAttribute("aria-pressed")).toBe("false");
    // The highlight is visible, not only an attribute.
    const background = (selector: string) => maya.page.locator(selector).evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(await background("button[data-percent='15']")).not.toBe(await background("button[data-percent='10']"));
    await screenshot(maya.page, "03-tip-15");
  });

  it("presses 15% again: the tip row disappears and Maya takes it gracefully", async () => {
    const mayaBefore = await maya.page.locator("#transcript .message.maya").count();
    const fifteen = maya.page.locator("button[data-percent='15']");
    await fifteen.click();
    await expect.poll(() => fifteen.getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => maya.page.locator("[data-row='tip']").isHidden()).toBe(true);
    await expect.poll(() => figure(maya.page, "balance").textContent()).toBe("Balance $974.00");
    expect(await figure(maya.page, "tab").textContent()).toBe("Tab $26.00");
    await expect.poll(() => maya.page.locator("#transcript .message.maya").count()).toBe(mayaBefore + 1);
    expect(await lastMaya(maya.page).textContent()).toMatch(/tip/i);
    await screenshot(maya.page, "04-tip-removed");
  });

  it("pays through the mock hosted checkout with 4242 4242 4242 4242 and comes back to an empty tab", async () => {
    await say(maya.page, "I'll pay my bill");
    const pay = maya.page.locator("#transcript a.pay").last();
    await expect.poll(() => pay.count()).toBe(1);
    expect(await pay.textContent()).toBe("Pay $26.00");
    // The button carries the link; Maya's words do not spell the long address out.
    expect(await lastMaya(maya.page).locator(".text").textContent()).not.toMatch(/https?:\/\//);
    await screenshot(maya.page, "05-pay-link");

    // The mock checkout sends the guest back to `/?payment=<id>` on its own origin; the session token
    // lives in this origin's localStorage, so the checkout must be on the page's origin too.
    const href = (await pay.getAttribute("href")) ?? "";
    expect(
      new URL(href).origin,
      `checkoutUrl ${href} is not on the page's origin ${maya.app.url}: the guest would come back to a different origin with no session`,
    ).toBe(new URL(maya.app.url).origin);

    await pay.click();
    await maya.page.waitForURL(/\/checkout\/[^/]+$/);
    expect(await maya.page.locator("#total").textContent()).toBe("$26.00");
    await maya.page.fill("#card", "4242 4242 4242 4242");
    await screenshot(maya.page, "06-checkout-page");
    await maya.page.click("#pay");

    await maya.page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => figure(maya.page, "tab").textContent()).toBe("Tab $0.00");
    await expect.poll(() => figure(maya.page, "balance").textContent()).toBe("Balance $974.00");
    await expect.poll(() => transcriptText()).toMatch(/\$26\.00/);
    // Maya's words about the payment are the server's, stored with it, and shown once: the page adds none of its own.
    await expect.poll(() => lastMaya(maya.page).textContent()).toBe("Maya: Payment of $26.00 received. Thank you, and cheers!");
    const lines = await maya.page.locator("#transcript .message").allTextContents();
    expect(lines.filter((line) => /payment|went through/i.test(line) && !line.includes("Checkout closed"))).toHaveLength(1);
    expect(lines.filter((line) => line.includes("15% tip of $3.90")), "the tip thanks once").toHaveLength(1);
    // The spent checkout link no longer leads anywhere.
    expect(await maya.page.locator("#transcript a.pay").count()).toBe(0);
    expect(await maya.page.locator("#transcript .pay.closed").count()).toBe(1);
    // The return address is tidied away, so a reload does not report the payment twice.
    await expect.poll(() => maya.page.url()).not.toContain("payment=");
    expect(await maya.page.locator("[data-row='tips']").isHidden()).toBe(true);
    await screenshot(maya.page, "07-paid");
  });

  it("keeps the session across a reload: same transcript, same balance", async () => {
    if (!maya.page.url().startsWith(maya.app.url)) await maya.page.goto(maya.app.url);
    const token = await maya.page.evaluate(() => localStorage.getItem("maya.token"));
    const tab = await figure(maya.page, "tab").textContent();
    const balance = await figure(maya.page, "balance").textContent();
    const messages = () => maya.page.locator("#transcript .message:not(.system)").allTextContents();
    const before = await messages();
    await maya.page.reload();
    await expect.poll(() => figure(maya.page, "balance").textContent()).toBe(balance);
    expect(await figure(maya.page, "tab").textContent()).toBe(tab);
    expect(await maya.page.evaluate(() => localStorage.getItem("maya.token"))).toBe(token);
    await expect.poll(() => maya.page.locator("#transcript .message.guest").count()).toBeGreaterThan(0);
    await screenshot(maya.page, "08-after-reload");
    const after = await messages();
    const joined = after.join("\n");
    for (const words of [/two martinis please/, /Maya: .*two martinis/i, /I'll pay my bill/]) expect(joined).toMatch(words);
    expect(await maya.page.locator("#notice").isHidden()).toBe(true);
    // Maya's words about the tip (and the payment) are part of the conversation too: they must survive.
    expect(after.some((line) => line.includes("15%") && line.includes("$3.90")), "tip thanks kept in the transcript").toBe(true);
    expect(after, "the same transcript after a reload").toEqual(before);
  });

  it("made no request outside the app and logged no page errors", () => {
    expect(maya.requests.outside()).toEqual([]);
    expect(maya.requests.sockets().length).toBeGreaterThan(0);
    expect(maya.errors).toEqual([]);
  });
});
