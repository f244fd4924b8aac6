/**
 * Balance colours against the real server, with a small starting balance (MAYA_STARTING_BALANCE_CENTS=6000):
 * ordering takes the balance under $50 (orange), then to $0 (red), and an order the balance cannot
 * cover is refused kindly with nothing changed.
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
  say,
  screenshot,
  startRealMaya,
  type LaunchedBrowser,
} from "./support.js";

describeWithBrowser("balance colour (real server, $60 starting balance)", () => {
  let app: MayaApp;
  let browser: LaunchedBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    buildClient();
    [app, browser] = await Promise.all([startRealMaya({ MAYA_STARTING_BALANCE_CENTS: "6000" }), launchBrowser()]);
    page = await browser.context.newPage();
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const balance = () => figure(page, "balance");
  const colour = () => balance().locator(".value").evaluate((element) => getComputedStyle(element).color);

  it("starts at $60.00 in the normal colour", async () => {
    await page.goto(app.url);
    await expect.poll(() => balance().textContent()).toBe("Balance $60.00");
    expect(await balance().getAttribute("data-tone")).toBe("normal");
    expect(await colour()).toBe("rgb(244, 239, 230)");
  });

  it("turns orange under $50", async () => {
    await say(page, "a martini please");
    await expect.poll(() => balance().textContent()).toBe("Balance $47.00");
    expect(await balance().getAttribute("data-tone")).toBe("low");
    expect(await colour()).toBe("rgb(255, 165, 0)");
    await screenshot(page, "20-balance-orange");
  });

  it("turns red at $0", async () => {
    await say(page, "three martinis");
    await expect.poll(() => balance().textContent()).toBe("Balance $8.00");
    expect(await balance().getAttribute("data-tone")).toBe("low");
    await say(page, "a whiskey neat");
    await expect.poll(() => balance().textContent()).toBe("Balance $0.00");
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $60.00");
    expect(await balance().getAttribute("data-tone")).toBe("empty");
    expect(await colour()).toBe("rgb(255, 90, 95)");
    await screenshot(page, "21-balance-red");
  });

  it("refuses an order the balance cannot cover, kindly, and changes nothing", async () => {
    await say(page, "a water");
    await expect.poll(() => lastMaya(page).textContent()).toMatch(/\$0\.00/);
    await page.waitForTimeout(700);
    expect(await balance().textContent()).toBe("Balance $0.00");
    expect(await figure(page, "tab").textContent()).toBe("Tab $60.00");
    expect(await page.locator("#transcript .message.system").count()).toBe(0);
    await screenshot(page, "22-insufficient-funds");
    expect(errors).toEqual([]);
  });
});
