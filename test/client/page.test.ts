/**
 * The built page in headless Chromium against the fake server: overlay, tips, reload, expired token,
 * payment round trip and the GraphQL IDE offline. The same checks against the real server come with it.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithBrowser, launchBrowser, type LaunchedBrowser } from "./browser.js";
import { serverTipMessage, startFakeMayaServer, type FakeMayaServer } from "./fake-maya-server.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describeWithBrowser("client page (fake server)", () => {
  let server: FakeMayaServer;
  let browser: LaunchedBrowser;
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, "scripts/build-client.mjs")], { stdio: "inherit" });
    server = await startFakeMayaServer();
    browser = await launchBrowser();
    // Nothing may leave the machine: no CDN, no web fonts.
    await browser.context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      outsideRequests.push(url);
      return route.abort();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const figure = (page: Page, key: string) => page.locator(`#overlay [data-figure="${key}"]`);
  const lastMaya = (page: Page) => page.locator("#transcript .message.maya").last();

  async function say(page: Page, text: string): Promise<void> {
    await page.fill("#say-input", text);
    await page.press("#say-input", "Enter");
  }

  /** The conversation as the guest reads it, without the page's own notes. */
  const lines = (page: Page) => page.locator("#transcript .message:not(.system)").allTextContents();

  /** What a reload shows is what was on screen: nothing doubled, nothing the store does not have. */
  async function expectSameAfterReload(page: Page): Promise<void> {
    await page.waitForTimeout(300); // a late duplicate would have landed by now
    const before = await lines(page);
    await page.reload();
    await expect.poll(() => lines(page)).toEqual(before);
  }

  it("shows the empty tab, orders by text, counts up and offers tips", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $0.00");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $1000.00");
    expect(await page.locator("[data-row='tips']").isHidden()).toBe(true);
    expect(await page.locator("[data-row='tip']").isHidden()).toBe(true);

    // Sample the tab figure while it counts: it passes through values between the two.
    await say(page, "a martini please");
    const seen = new Set<string>();
    const started = Date.now();
    while (Date.now() - started < 1500) {
      seen.add((await figure(page, "tab").locator(".value").textContent()) ?? "");
      if (seen.has("$13.00") && seen.size > 2) break;
      await page.waitForTimeout(15);
    }
    expect([...seen].some((value) => value !== "$0.00" && value !== "$13.00")).toBe(true);
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $13.00");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $987.00");
    await expect.poll(() => lastMaya(page).textContent()).toContain("One martini");
    expect(await page.locator("[data-row='tips']").isVisible()).toBe(true);
    expect(await page.locator("[data-live]").textContent()).toContain("Tab $13.00");
    await page.close();
  });

  it("sets and removes a tip from the buttons, with Maya's words", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $13.00");
    const fifteen = page.locator("button[data-percent='15']");
    await fifteen.click();
    await expect.poll(() => fifteen.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => lastMaya(page).textContent()).toContain("Thank you! A 15% tip of $1.95 is on the tab.");
    await expect.poll(() => figure(page, "tip").textContent()).toBe("Tip $1.95");
    await expect.poll(() => figure(page, "total").textContent()).toBe("Total $14.95");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $985.05");

    await fifteen.click();
    await expect.poll(() => fifteen.getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => lastMaya(page).textContent()).toContain("taken the tip off");
    await expect.poll(() => page.locator("[data-row='tip']").isHidden()).toBe(true);

    // The server's own words win when the event carries them.
    server.tipMessage = (percent, tip) => `Server says: ${percent}% is $${(tip / 100).toFixed(2)}.`;
    await page.locator("button[data-percent='20']").click();
    await expect.poll(() => lastMaya(page).textContent()).toContain("Server says: 20% is $2.60.");
    server.tipMessage = serverTipMessage;

    // Each thanks once, in the server's words, and a reload shows the same lines.
    const shown = await lines(page);
    expect(shown.filter((line) => line.includes("15% tip of $1.95"))).toHaveLength(1);
    expect(shown.filter((line) => line.includes("taken the tip off"))).toHaveLength(1);
    expect(shown.filter((line) => line.includes("Server says"))).toHaveLength(1);
    await expectSameAfterReload(page);
    await page.close();
  });

  it("keeps the session across a reload and follows changes made elsewhere", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $13.00");
    expect(await page.locator("#transcript").textContent()).toContain("a martini please");
    const token = await page.evaluate(() => localStorage.getItem("maya.token"));
    await page.waitForTimeout(300); // let the subscription connect
    server.addMartini(token!);
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $26.00");
    await page.close();
  });

  it("pays through the hosted checkout and shows the result on return", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await say(page, "I'll pay now");
    const pay = page.locator("#transcript a.pay").last();
    await expect.poll(() => pay.textContent()).toBe("Pay $31.20");
    expect(await page.locator("button[data-percent='20']").isDisabled()).toBe(true);
    await pay.click();
    await page.waitForURL(/\/checkout\//);
    await page.click("button");
    await page.waitForURL((url) => url.pathname === "/");
    // Maya's words are the server's, stored with the payment: shown once, not again by the page.
    await expect.poll(() => lastMaya(page).textContent()).toContain("Payment of $31.20 received. Thank you, and cheers!");
    expect(page.url()).not.toContain("payment=");
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $0.00");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $968.80");
    expect((await lines(page)).filter((line) => line.includes("$31.20"))).toEqual([
      "Maya: Your total is $31.20. You can pay here:Checkout closed",
      "Maya: Payment of $31.20 received. Thank you, and cheers!",
    ]);
    // The spent link is inert, not a Pay button to a finished checkout.
    expect(await page.locator("#transcript a.pay").count()).toBe(0);
    await expectSameAfterReload(page);
    await page.close();
  });

  it("shows a payment settled elsewhere once, closes its Pay button, and a reload agrees", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.evaluate(() => localStorage.removeItem("maya.token"));
    await page.reload();
    await say(page, "a martini please");
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $13.00");
    await say(page, "let me pay");
    const pay = page.locator("#transcript a.pay");
    await expect.poll(() => pay.textContent()).toBe("Pay $13.00");
    await page.waitForTimeout(300); // let the subscription connect
    const token = (await page.evaluate(() => localStorage.getItem("maya.token")))!;

    // Declined by a webhook: Maya's stored words, once; the tab reopens and the link is spent.
    server.settlePayment(token, "FAILED");
    await expect.poll(() => lastMaya(page).textContent()).toBe("Maya: The payment didn't go through: Your card was declined. Your tab is still open.");
    await expect.poll(() => pay.count()).toBe(0);
    expect(await page.locator("#transcript .pay.closed").count()).toBe(1);
    await expectSameAfterReload(page);

    // A second try, paid while the page looks on.
    await say(page, "let me pay");
    await expect.poll(() => pay.textContent()).toBe("Pay $13.00");
    await page.waitForTimeout(300);
    server.settlePayment(token, "SUCCEEDED");
    await expect.poll(() => lastMaya(page).textContent()).toBe("Maya: Payment of $13.00 received. Thank you, and cheers!");
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $0.00");
    expect(await pay.count()).toBe(0);
    const shown = await lines(page);
    expect(shown.filter((line) => line.includes("received"))).toHaveLength(1);
    expect(shown.filter((line) => line.includes("didn't go through"))).toHaveLength(1);
    await expectSameAfterReload(page);
    await page.close();
  });

  it("turns the balance orange under $50 and red at $0", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.evaluate(() => localStorage.removeItem("maya.token"));
    await page.reload();
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $1000.00");
    const balance = figure(page, "balance");
    const colour = () => balance.locator(".value").evaluate((element) => getComputedStyle(element).color);
    const normal = await colour();
    await say(page, "splurge 95001");
    await expect.poll(() => balance.textContent()).toBe("Balance $49.99");
    expect(await balance.getAttribute("data-tone")).toBe("low");
    expect(await colour()).toBe("rgb(255, 165, 0)");
    await say(page, "splurge 4999");
    await expect.poll(() => balance.textContent()).toBe("Balance $0.00");
    expect(await balance.getAttribute("data-tone")).toBe("empty");
    expect(await colour()).not.toBe(normal);
    expect(await colour()).toBe("rgb(255, 90, 95)");
    await page.close();
  });

  it("starts a fresh session with a notice when the stored token is no longer valid", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.evaluate(() => localStorage.setItem("maya.token", "expired-token"));
    await page.reload();
    await expect.poll(() => page.locator("#notice").textContent()).toContain("expired");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $1000.00");
    expect(await page.evaluate(() => localStorage.getItem("maya.token"))).not.toBe("expired-token");
    await page.close();
  });

  it("shows a banner when the live connection drops and resynchronises after it returns", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $0.00");
    await page.waitForTimeout(300);
    const token = await page.evaluate(() => localStorage.getItem("maya.token"));
    server.dropConnections();
    await expect.poll(() => page.locator("#banner").isVisible()).toBe(true);
    expect(await page.locator("#banner").textContent()).toMatch(/reconnecting/i);
    server.addMartini(token!); // no event reaches the page while it is cut off
    await page.waitForTimeout(300);
    expect(await figure(page, "tab").textContent()).toBe("Tab $0.00");
    server.restoreConnections();
    await expect.poll(() => page.locator("#banner").isHidden(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => figure(page, "tab").textContent(), { timeout: 5_000 }).toBe("Tab $13.00");
    await page.close();
  });

  it("serves the GraphQL IDE offline, with subscriptions working", async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(server.url);
    const token = await page.evaluate(() => localStorage.getItem("maya.token"));
    await page.goto(`${server.url}/graphql`);
    await page.waitForSelector(".graphiql-container");
    await expect.poll(() => page.locator(".graphiql-editor-tool").count()).toBeGreaterThan(0);
    await page.evaluate(() => {
      const editor = document.querySelector(".graphiql-query-editor .CodeMirror") as unknown as { CodeMirror: { setValue(v: string): void } };
      editor.CodeMirror.setValue("subscription Live { tabChanged { reason tab { subtotalCents version } } }");
    });
    // GraphiQL parses the edited document after a debounce; running before that would run the old one.
    await page.waitForTimeout(1000);
    await page.click(".graphiql-execute-button");
    // Keep changing the tab until the open subscription shows one: connecting takes a moment.
    await expect
      .poll(
        async () => {
          server.addMartini(token!);
          return page.locator(".graphiql-response").textContent();
        },
        { timeout: 10_000, interval: 300 },
      )
      .toContain("ITEM_ADDED");
    expect(errors).toEqual([]);
    expect(outsideRequests).toEqual([]);
    await page.close();
  });
});
