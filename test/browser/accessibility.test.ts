/**
 * Accessibility, checked by axe-core in Chromium against the real server: Maya's page (fresh, and
 * mid-conversation with the tip buttons, a Pay button and the overlay link showing) and the
 * standalone /overlay (live, and refused) pass axe's wcag2a, wcag2aa and best-practice rules with
 * no violation. The embedded overlay's Shadow DOM is checked with its page (axe walks open shadow roots).
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { MayaClient } from "../support/maya.js";
import { collectErrors, describeWithBrowser, figure, say, useRealMayaInBrowser } from "./support.js";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "best-practice"];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe's violations on the page as it is now (injected through the debugging protocol, so the page's CSP stays as served). */
async function violations(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  // Let count-ups and pulses settle: colour contrast is measured on what is drawn.
  await page.waitForTimeout(700);
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations;
  }, TAGS);
  return found.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
}

describeWithBrowser("accessibility (axe-core: wcag2a, wcag2aa, best-practice)", () => {
  const maya = useRealMayaInBrowser();

  it("Maya's page, fresh: no violation", async () => {
    await maya.page.goto(maya.app.url);
    await expect.poll(() => figure(maya.page, "balance").textContent()).toBe("Balance $1000.00");
    expect(await violations(maya.page)).toEqual([]);
  });

  it("Maya's page mid-conversation (transcript, tip buttons, tip row, Pay button, overlay link): no violation", async () => {
    await say(maya.page, "two martinis please");
    await maya.page.click("#overlay button[data-percent='15']");
    await expect.poll(() => figure(maya.page, "total").textContent()).toBe("Total $29.90");
    await maya.page.click("#copy-overlay-link");
    await expect.poll(() => maya.page.locator("#overlay-link").inputValue()).toMatch(/\/overlay#token=maya_ovl_/);
    await say(maya.page, "I'll pay my bill");
    await expect.poll(() => maya.page.locator("#transcript a.pay").count()).toBe(1);
    expect(await maya.page.locator("#transcript li").count()).toBeGreaterThan(3);
    expect(await violations(maya.page)).toEqual([]);
    expect(maya.errors).toEqual([]);
  });

  it("/overlay, live and refused: no violation", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    await guest.data(`mutation { addToTab(menuItemId: "ipa") { id } setTip(percent: 20) { id } }`);
    const { createOverlayToken } = await guest.data<{ createOverlayToken: string }>(`mutation { createOverlayToken }`);
    const page = await maya.browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${maya.app.url}/overlay#token=${createOverlayToken}`);
    await expect.poll(() => page.locator("maya-tab-overlay").getAttribute("state")).toBe("live");
    expect(await violations(page)).toEqual([]);
    await guest.data(`mutation { revokeOverlayTokens }`);
    await expect.poll(() => page.locator("maya-tab-overlay").getAttribute("state")).toBe("refused");
    expect(await violations(page)).toEqual([]);
    // The standalone page is transparent: a streaming tool shows only the overlay.
    expect(await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor])).toEqual([
      "rgba(0, 0, 0, 0)",
      "rgba(0, 0, 0, 0)",
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
