/**
 * Stripe configured but failing: every try of the create call fails, so the
 * attempt fails with a clear reason, the tab stays open exactly as it was,
 * and nothing pretends a payment happened; Maya says so in words. Also:
 * test cards (simulatePayment) are refused while Stripe is the provider.
 */
import { describe, expect, it } from "vitest";
import {
  CHECKOUT,
  checkout,
  conservation,
  guestWithTab,
  ledger,
  me,
  payment,
  providerRetries,
  standinFigures,
  STRIPE_TEST_KEY,
  STRIPE_WEBHOOK_SECRET,
  useStripeApp,
  waitFor,
  type PaymentJson,
} from "../support/payments-e2e.js";
import { postgresOrSkip } from "../support/postgres.js";
import type { FaultPlan } from "../support/stripe-standin/index.js";
import { PROVIDER_DOWN_MESSAGE } from "../../src/payments/payment-provider.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { freePort, stripeEnv } from "../support/payments-e2e.js";

const CREATE = { method: "POST", path: "/v1/checkout/sessions" } as const;
/** The first try and 3 retries; a fifth try would get through, so a test sees any try too many. */
const EVERY_TRY: FaultPlan[] = [
  { ...CREATE, kind: "status", status: 503 },
  { ...CREATE, kind: "status", status: 500 },
  { ...CREATE, kind: "reset" },
  { ...CREATE, kind: "status", status: 429 },
];

const usePostgres = await postgresOrSkip();

describe.runIf(usePostgres)("Stripe failing, and test cards under Stripe", () => {
  const stripe = useStripeApp();

  it("checkout: PAYMENT_PROVIDER_UNAVAILABLE, the attempt FAILED with a reason, the tab open and unchanged", async () => {
    const { guest, me: before } = await guestWithTab(stripe.url, "Down");
    const logFrom = stripe.standin.requests.length;
    const retriesBefore = await providerRetries(stripe.app);
    stripe.standin.injectFaults(EVERY_TRY);

    const result = await guest.request<{ checkout: PaymentJson }>(CHECKOUT);
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe("PAYMENT_PROVIDER_UNAVAILABLE");
    expect(result.errors?.[0]?.message).toMatch(/card reader is down/i);
    expect(JSON.stringify(result)).not.toContain(STRIPE_TEST_KEY);

    // Four tries (1 + 3 retries), then it gave up; nothing was created at Stripe.
    expect(stripe.standin.pendingFaults).toBe(0);
    const l = await ledger(stripe.app.db.prisma, before.id);
    expect(l.attempts).toHaveLength(1);
    const attempt = l.attempts[0]!;
    expect(attempt.status).toBe("FAILED");
    expect(attempt.failureReason).toBe(PROVIDER_DOWN_MESSAGE);
    expect(attempt.providerRef).toBeNull();
    const f = standinFigures(stripe.standin, attempt.idempotencyKey, null, logFrom);
    expect(f.createRequests).toBe(4);
    expect(new Set(stripe.standin.requests.slice(logFrom).map((r) => r.idempotencyKey))).toEqual(new Set([attempt.idempotencyKey]));
    expect(await providerRetries(stripe.app)).toBe(retriesBefore + 3);
    expect(stripe.standin.createdCount).toBe(0);

    // The tab is open again with the same lines and totals; no money moved, nothing paid.
    const after = await me(guest);
    expect(after.tab.status).toBe("OPEN");
    expect(after.tab.id).toBe(before.tab.id);
    expect(after.tab.items).toEqual(before.tab.items);
    expect({ ...after.tab, version: 0 }).toEqual({ ...before.tab, version: 0 });
    expect(after.balanceCents).toBe(before.balanceCents);
    expect(l.tabs.filter((t) => t.status === "PAID")).toEqual([]);
    expect(l.paidTotalCents).toBe(0);
    const { starting, accounted } = conservation(l);
    expect(accounted).toBe(starting);
    expect(await payment(guest, attempt.id)).toMatchObject({ status: "FAILED", failureReason: attempt.failureReason, checkoutUrl: null });
    console.log(
      `[payments-e2e] provider down: ${f.createRequests} create requests (faults: ${f.faultsHit.join(", ")}), ` +
        `retries ${(await providerRetries(stripe.app)) - retriesBefore}, sessions created ${stripe.standin.createdCount}`,
    );

    // The tab is not locked: it can still change, and paying works once Stripe is back.
    await guest.data(`mutation { addToTab(menuItemId: "ipa") { id } }`);
    const back = await checkout(guest);
    expect(back).toMatchObject({ status: "PENDING", provider: "stripe" });
    expect(back.id).not.toBe(attempt.id);
    expect(back.amountCents).toBeGreaterThan(before.tab.totalCents);
    expect(stripe.standin.createdCount).toBe(1);
  });

  it("say(\"I'll pay my bill\") answers in words that the card reader is down; the tab stays open", async () => {
    const { guest, me: before } = await guestWithTab(stripe.url, "Talker");
    stripe.standin.injectFaults(EVERY_TRY);
    const created = stripe.standin.createdCount;
    const reply = await guest.request<{ say: { text: string; speech: string; intent: string; session: { tab: { status: string; totalCents: number } } } }>(
      `mutation { say(text: "I'll pay my bill") { text speech intent session { tab { status totalCents } } } }`,
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.say.intent).toBe("PAY");
    expect(reply.data?.say.text).toMatch(/card machine isn't answering/i);
    expect(reply.data?.say.text).toMatch(/nothing was charged/i);
    expect(reply.data?.say.text).toMatch(/tab is still open/i);
    expect(reply.data?.say.speech.length).toBeGreaterThan(0);
    expect(reply.data?.say.session.tab).toEqual({ status: "OPEN", totalCents: before.tab.totalCents });
    expect(stripe.standin.pendingFaults).toBe(0);
    expect(stripe.standin.createdCount).toBe(created);

    const l = await ledger(stripe.app.db.prisma, before.id);
    expect(l.attempts.map((a) => a.status)).toEqual(["FAILED"]);
    expect(l.attempts[0]?.failureReason).toMatch(/^The card reader is down: /);
    expect(l.tabs).toMatchObject([{ id: before.tab.id, status: "OPEN", totalCents: before.tab.totalCents, itemCount: 2 }]);
    expect((await me(guest)).balanceCents).toBe(before.balanceCents);
  });

  it("concurrent checkouts and a spoken 'pay' while it is down: every caller hears it is down, none a payment on its way", async () => {
    const { guest, me: before } = await guestWithTab(stripe.url, "Crowd");
    const created = stripe.standin.createdCount;
    // Enough failing tries for every attempt the callers could start between them.
    stripe.standin.injectFaults(Array.from({ length: 8 }, () => EVERY_TRY).flat());
    const [spoken, ...results] = await Promise.all([
      guest.request<{ say: { text: string; intent: string } }>(`mutation { say(text: "I'll pay my bill") { text intent } }`),
      ...Array.from({ length: 7 }, () => guest.request<{ checkout: PaymentJson }>(CHECKOUT)),
    ]);
    stripe.standin.clearFaults();

    for (const result of results) {
      expect(result.data?.checkout ?? null, `a checkout call got ${JSON.stringify(result.data)}`).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe("PAYMENT_PROVIDER_UNAVAILABLE");
      expect(result.errors?.[0]?.message).toMatch(/^The card reader is down: /);
    }
    expect(spoken.errors).toBeUndefined();
    expect(spoken.data?.say.intent).toBe("PAY");
    expect(spoken.data?.say.text).toMatch(/card machine isn't answering/i);
    expect(spoken.data?.say.text).not.toMatch(/on its way/i);

    const l = await ledger(stripe.app.db.prisma, before.id);
    expect(l.attempts.length).toBeGreaterThanOrEqual(1);
    expect(l.attempts.every((a) => a.status === "FAILED" && a.providerRef === null)).toBe(true);
    expect(l.tabs).toMatchObject([{ id: before.tab.id, status: "OPEN", totalCents: before.tab.totalCents, itemCount: 2 }]);
    expect(stripe.standin.createdCount).toBe(created);
    console.log(`[payments-e2e] provider down, 8 concurrent callers: ${l.attempts.length} attempt(s), all FAILED, no session created`);
  });

  it("the creator's call gives up after the reconciler recovered its checkout: the attempt keeps that checkout, paid or not", async () => {
    // Two guests at once (each case waits out the SDK's 10 s timeout). For both, Stripe makes the
    // session but the answer to the creator's first try never comes; meanwhile the reconciler
    // recovers the checkout by the attempt's key; then every retry of the creator's call fails.
    // "Paid" pays the recovered checkout before the creator gives up, "Later" after.
    const created = stripe.standin.createdCount;
    stripe.standin.setWebhook({ url: `${stripe.url}/webhooks/stripe`, secret: STRIPE_WEBHOOK_SECRET });
    const guests = await Promise.all(["Paid", "Later"].map((name) => guestWithTab(stripe.url, name)));
    stripe.standin.injectFaults({ ...CREATE, kind: "timeout", when: "after", times: 2 });
    const creators = guests.map(({ guest }) => guest.request<{ checkout: PaymentJson }>(CHECKOUT));
    await waitFor("both sessions", () => stripe.standin.createdCount === created + 2);
    const attempts = await Promise.all(
      guests.map(({ me: before }) => waitFor("the attempt", async () => (await ledger(stripe.app.db.prisma, before.id)).attempts[0])),
    );
    const report = await stripe.app.services.reconciler.reconcile(0);
    expect(report).toMatchObject({ failed: 0 });
    const recovered = await Promise.all(guests.map(async ({ me: before }) => (await ledger(stripe.app.db.prisma, before.id)).attempts[0]!));
    for (const attempt of recovered) expect(attempt).toMatchObject({ status: "PENDING", providerRef: expect.stringMatching(/^cs_/) });
    stripe.standin.completeSession(recovered[0]!.providerRef!);
    await stripe.standin.flushWebhooks();
    expect((await ledger(stripe.app.db.prisma, guests[0]!.me.id)).attempts[0]?.status).toBe("SUCCEEDED");
    for (const attempt of attempts) {
      stripe.standin.injectFaults(EVERY_TRY.slice(1).map((fault) => ({ ...fault, idempotencyKey: attempt.idempotencyKey })));
    }

    const [paid, later] = await Promise.all(creators);
    expect(stripe.standin.pendingFaults).toBe(0);
    // Not "the card reader is down" to a guest who has paid, nor to one holding a live checkout.
    expect(paid!.errors).toBeUndefined();
    expect(paid!.data?.checkout).toMatchObject({ id: attempts[0]!.id, status: "SUCCEEDED" });
    expect(later!.errors).toBeUndefined();
    expect(later!.data?.checkout).toMatchObject({ id: attempts[1]!.id, status: "PENDING", checkoutUrl: recovered[1]!.checkoutUrl });
    expect((await ledger(stripe.app.db.prisma, guests[1]!.me.id)).tabs.map((t) => t.status)).toEqual(["PAYMENT_PENDING"]);

    // "Later" pays the checkout the reconciler recovered: the tab is paid, once.
    stripe.standin.completeSession(recovered[1]!.providerRef!);
    await stripe.standin.flushWebhooks();
    stripe.standin.setWebhook(null);
    for (const [i, { me: before }] of guests.entries()) {
      const l = await ledger(stripe.app.db.prisma, before.id);
      expect(l.attempts.map((a) => a.status), `guest ${i}`).toEqual(["SUCCEEDED"]);
      expect(l.tabs.filter((t) => t.status === "PAID").map((t) => t.id)).toEqual([before.tab.id]);
      expect(conservation(l).accounted).toBe(l.startingBalanceCents);
    }
    expect(stripe.standin.createdCount).toBe(created + 2);
  });

  it("simulatePayment while Stripe is the provider is BAD_USER_INPUT and changes nothing", async () => {
    const { guest, me: before } = await guestWithTab(stripe.url, "Simulator");
    const created = stripe.standin.createdCount;
    const attempt = await checkout(guest);
    const pending = await ledger(stripe.app.db.prisma, before.id);
    const requests = stripe.standin.requests.length;
    for (const [card, confirm] of [
      ["4242424242424242", false],
      ["4000002500003155", true],
      ["4000000000000002", false],
    ] as const) {
      const result = await guest.request(
        `mutation($id: ID!, $card: String!, $confirm: Boolean!) { simulatePayment(paymentId: $id, card: $card, confirm: $confirm) { id status } }`,
        { id: attempt.id, card, confirm },
      );
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message).toMatch(/mock payment provider only/);
    }
    expect(await ledger(stripe.app.db.prisma, before.id)).toEqual(pending);
    expect(pending.attempts).toMatchObject([{ id: attempt.id, status: "PENDING" }]);
    expect((await me(guest)).tab.status).toBe("PAYMENT_PENDING");
    expect(stripe.standin.requests.length).toBe(requests);
    expect(stripe.standin.createdCount - created).toBe(1);
    // The mock checkout page does not serve a Stripe attempt either.
    expect((await fetch(`${stripe.url}/checkout/${attempt.id}`)).status).toBe(404);
  });
});

describe("Stripe unreachable (nothing listens at STRIPE_API_BASE)", () => {
  it("the guest's words carry no internals: the API error, the payment's reason and what Maya says", async () => {
    const port = await freePort();
    const app = await startTestMaya({ kind: "pglite" }, {
      ...stripeEnv({ url: `http://127.0.0.1:${port}` } as never),
      MAYA_PAYMENT_RETRIES: "1",
      MAYA_PAYMENT_RETRY_BASE_MS: "1",
    });
    try {
      const guest = await MayaClient.startSession(app.url);
      await guest.data(`mutation { addToTab(menuItemId: "martini") { id } }`);
      const refused = await guest.request<{ checkout: PaymentJson }>(CHECKOUT);
      expect(refused.errors?.[0]).toMatchObject({ message: PROVIDER_DOWN_MESSAGE, extensions: { code: "PAYMENT_PROVIDER_UNAVAILABLE" } });
      const spokenPay = await guest.data<{ say: { text: string } }>(`mutation { say(text: "I'll pay my bill") { text } }`);
      const asked = await guest.data<{ say: { text: string; payment: { failureReason: string } | null } }>(
        `mutation { say(text: "did my payment go through?") { text payment { status failureReason } } }`,
      );
      const { me: after } = await guest.data<{ me: { transcript: { text: string }[] } }>(`{ me { transcript(last: 50) { text } } }`);
      const guestFacing = JSON.stringify({ refused, spokenPay, asked, after });
      expect(guestFacing).not.toMatch(/ECONN|HTTP \d|could not reach Stripe|Stripe had|rate limiting/);
      expect(asked.say.text).toMatch(/didn't go through/i);
      expect(asked.say.payment?.failureReason).toBe(PROVIDER_DOWN_MESSAGE);
    } finally {
      await app.close();
    }
  });
});
