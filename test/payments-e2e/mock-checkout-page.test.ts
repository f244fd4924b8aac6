/**
 * The mock provider's hosted checkout page (GET/POST /checkout/:attemptId),
 * driven in headless Chromium against a real Maya on PGlite: Stripe's test
 * cards succeed, are declined or ask for a confirmation step; a malformed
 * card shows an error and changes nothing; cancel cancels. Screenshots go to
 * test-artifacts/payments/ (git-ignored).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, afterEach, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { describeWithBrowser, launchBrowser, type LaunchedBrowser } from "../client/browser.js";
import { startTestMaya, type MayaClient } from "../support/maya.js";
import {
  checkout,
  conservation,
  guestWithTab,
  ledger,
  me,
  payment,
  ROOT,
  type MeJson,
  type PaymentJson,
} from "../support/payments-e2e.js";

const ARTIFACTS = path.join(ROOT, "test-artifacts", "payments");

describeWithBrowser("the mock hosted checkout page in Chromium", () => {
  let app: MayaApp;
  let browser: LaunchedBrowser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestMaya({ kind: "pglite" });
    expect(app.services.payments.provider.name).toBe("mock");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    page = await browser.context.newPage();
  });

  afterEach(async () => {
    await page?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  /** A guest with $40.70 on the tab, a pending mock checkout, and the browser on its page. */
  async function openCheckout(name: string): Promise<{ guest: MayaClient; before: MeJson; attempt: PaymentJson }> {
    const { guest, me: before } = await guestWithTab(app.url, name);
    const attempt = await checkout(guest);
    expect(attempt).toMatchObject({ status: "PENDING", provider: "mock" });
    expect(attempt.checkoutUrl).toMatch(new RegExp(`/checkout/${attempt.id}$`));
    const response = await page.goto(attempt.checkoutUrl!);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe("Pay $40.70 · Maya's bar");
    expect(await page.locator("#total").textContent()).toBe("$40.70");
    const rows = await page.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent?.trim())),
    );
    expect(rows).toEqual([
      ["2 × Martini", "$26.00"],
      ["1 × Negroni", "$11.00"],
      ["Tip", "$3.70"],
    ]);
    expect(await page.locator("#pay").textContent()).toBe("Pay $40.70");
    return { guest, before, attempt };
  }

  /** Submits with the given button and waits for the redirect back to Maya at /?payment=<id>. */
  async function submitAndReturn(button: string, attemptId: string): Promise<void> {
    const redirect = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/checkout/${attemptId}`));
    await page.click(button);
    const res = await redirect;
    expect(res.status()).toBe(303);
    expect(res.headers().location).toBe(`/?payment=${attemptId}`);
    await page.waitForURL((url) => url.pathname === "/", { waitUntil: "commit" });
  }

  async function expectPaid(guest: MayaClient, before: MeJson, attemptId: string): Promise<void> {
    expect(await payment(guest, attemptId)).toMatchObject({ status: "SUCCEEDED", failureReason: null });
    const l = await ledger(app.db.prisma, before.id);
    expect(l.tabs.filter((t) => t.status === "PAID").map((t) => t.id)).toEqual([before.tab.id]);
    expect(l.attempts.map((a) => a.status)).toEqual(["SUCCEEDED"]);
    const now = await me(guest);
    expect(now.tab).toMatchObject({ status: "OPEN", totalCents: 0 });
    expect(now.balanceCents).toBe(before.balanceCents);
    const { starting, accounted } = conservation(l);
    expect(accounted).toBe(starting);
  }

  it("4242 4242 4242 4242 succeeds: back to /?payment=<id>, attempt SUCCEEDED, tab PAID", async () => {
    const { guest, before, attempt } = await openCheckout("Visa");
    await page.fill("#card", "4242 4242 4242 4242");
    await shot("01-checkout-page");
    await submitAndReturn("#pay", attempt.id);
    await expectPaid(guest, before, attempt.id);

    // Coming back to the page shows the outcome and offers nothing to pay.
    await page.goto(attempt.checkoutUrl!);
    expect(await page.locator("#status").textContent()).toBe("This payment is succeeded.");
    expect(await page.locator("#pay").count()).toBe(0);
    await shot("02-after-success");
  });

  it("4000 0000 0000 0002 is declined: attempt FAILED, the tab reopened as it was", async () => {
    const { guest, before, attempt } = await openCheckout("Declined");
    await page.fill("#card", "4000 0000 0000 0002");
    await submitAndReturn("#pay", attempt.id);
    expect(await payment(guest, attempt.id)).toMatchObject({ status: "FAILED", failureReason: "Your card was declined." });
    const now = await me(guest);
    expect(now.tab.status).toBe("OPEN");
    expect(now.tab.id).toBe(before.tab.id);
    expect(now.tab.items).toEqual(before.tab.items);
    expect(now.tab.totalCents).toBe(before.tab.totalCents);
    expect(now.balanceCents).toBe(before.balanceCents);
    const l = await ledger(app.db.prisma, before.id);
    expect(l.paidTotalCents).toBe(0);
    expect(conservation(l).accounted).toBe(l.startingBalanceCents);
  });

  it("4000 0025 0000 3155 asks for a confirmation step; confirming succeeds", async () => {
    const { guest, before, attempt } = await openCheckout("Secure");
    await page.fill("#card", "4000 0025 0000 3155");
    await page.click("#pay");
    await page.locator("#confirm-step").waitFor();
    expect(await page.locator("#confirm-step").textContent()).toBe("Your bank asks you to confirm this payment of $40.70.");
    // Asking is not paying.
    expect(await payment(guest, attempt.id)).toMatchObject({ status: "PENDING" });
    expect((await me(guest)).tab.status).toBe("PAYMENT_PENDING");
    await shot("03-confirm-step");
    await submitAndReturn("#confirm", attempt.id);
    await expectPaid(guest, before, attempt.id);
  });

  it("a malformed card shows an error and changes nothing; cancel then cancels the checkout", async () => {
    const { guest, before, attempt } = await openCheckout("Typo");
    const pending = await ledger(app.db.prisma, before.id);
    for (const [card, message] of [
      ["4242 abcd", /That is not a card number\. Use a test card: 4242 4242 4242 4242/],
      ["1234 5678 9012 3456", /test cards only/],
    ] as const) {
      await page.fill("#card", card);
      const answer = page.waitForResponse((r) => r.request().method() === "POST");
      await page.click("#pay");
      expect((await answer).status()).toBe(400);
      await page.locator("#error").waitFor();
      expect(await page.locator("#error").textContent()).toMatch(message);
      expect(await page.locator("#card").getAttribute("aria-invalid")).toBe("true");
      expect(new URL(page.url()).pathname).toBe(`/checkout/${attempt.id}`);
      // The error carries the test-card hint; the page says it once.
      expect((await page.locator("main").innerText()).split("Use a test card:")).toHaveLength(2);
    }
    await shot("04-malformed-card");
    expect(await ledger(app.db.prisma, before.id)).toEqual(pending);
    expect(await payment(guest, attempt.id)).toMatchObject({ status: "PENDING" });

    // Cancel needs no card number (the field is required for Pay only).
    await page.fill("#card", "");
    await submitAndReturn("#cancel", attempt.id);
    expect(await payment(guest, attempt.id)).toMatchObject({ status: "CANCELED", failureReason: "You canceled the checkout." });
    const now = await me(guest);
    expect(now.tab).toMatchObject({ id: before.tab.id, status: "OPEN", totalCents: before.tab.totalCents });
    expect(now.tab.items).toEqual(before.tab.items);
    expect(now.balanceCents).toBe(before.balanceCents);
    const l = await ledger(app.db.prisma, before.id);
    expect(l.attempts.map((a) => a.status)).toEqual(["CANCELED"]);
    expect(l.paidTotalCents).toBe(0);
  });

  it("an unknown checkout link is a 404 page", async () => {
    const res = await page.goto(`${app.url}/checkout/00000000-0000-4000-8000-000000000000`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent("main")).toContain("This checkout link is not valid.");
  });
});
