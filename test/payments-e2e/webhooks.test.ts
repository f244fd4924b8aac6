/**
 * Stripe webhooks through the app's own route (POST /webhooks/stripe, raw
 * body, signature checked with STRIPE_WEBHOOK_SECRET, event ids
 * deduplicated in the database): a signed completion pays the tab; a bad
 * signature, a replay and a late "expired" change nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { MayaClient } from "../support/maya.js";
import {
  checkout,
  conservation,
  guestWithTab,
  ledger,
  me,
  STRIPE_WEBHOOK_SECRET,
  useStripeApp,
  waitFor,
  type Ledger,
  type MeJson,
} from "../support/payments-e2e.js";
import { postgresOrSkip } from "../support/postgres.js";
import type { StandinEvent } from "../support/stripe-standin/index.js";

const usePostgres = await postgresOrSkip();

describe.runIf(usePostgres)("Stripe webhooks through the app's HTTP route", () => {
  const stripe = useStripeApp();

  beforeAll(() => {
    stripe.standin.setWebhook({ url: `${stripe.url}/webhooks/stripe`, secret: STRIPE_WEBHOOK_SECRET });
  });

  async function post(payload: string, signature: string | null): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${stripe.url}/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...(signature === null ? {} : { "stripe-signature": signature }) },
      body: payload,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** A guest whose tab has a pending Stripe checkout. */
  async function pendingCheckout(name: string): Promise<{ guest: MayaClient; before: MeJson; sessionId: string; attemptId: string }> {
    const { guest, me: before } = await guestWithTab(stripe.url, name);
    const attempt = await checkout(guest);
    expect(attempt).toMatchObject({ status: "PENDING", provider: "stripe" });
    const l = await ledger(stripe.app.db.prisma, before.id);
    const sessionId = l.attempts[0]?.providerRef;
    if (!sessionId) throw new Error("checkout not recorded");
    return { guest, before, sessionId, attemptId: attempt.id };
  }

  /** A completed-and-paid event for a session the stand-in still has open (so only the webhook can settle it). */
  function completedEvent(sessionId: string): StandinEvent {
    const event = stripe.standin.eventFor("checkout.session.completed", sessionId);
    Object.assign(event.data.object, { status: "complete", payment_status: "paid", url: null });
    return event;
  }

  const processedEvents = () => stripe.app.db.prisma.processedWebhookEvent.count();

  function expectPaidOnce(l: Ledger, before: MeJson): void {
    expect(l.attempts).toHaveLength(1);
    expect(l.attempts[0]?.status).toBe("SUCCEEDED");
    expect(l.tabs.filter((t) => t.status === "PAID").map((t) => t.id)).toEqual([before.tab.id]);
    expect(l.tabs.filter((t) => t.status === "OPEN")).toHaveLength(1);
    expect(l.balanceCents).toBe(before.balanceCents);
    const { starting, accounted } = conservation(l);
    expect(accounted).toBe(starting);
  }

  describe("a paid checkout, then the same news again and late news", () => {
    let guest: MayaClient;
    let before: MeJson;
    let sessionId: string;
    let afterPaid: Ledger;

    beforeAll(async () => {
      ({ guest, before, sessionId } = await pendingCheckout("Paid"));
    });

    it("a valid signed checkout.session.completed settles the attempt: tab PAID, a new tab opens", async () => {
      const sent = stripe.standin.deliveries.length;
      stripe.standin.completeSession(sessionId);
      await stripe.standin.flushWebhooks();
      const delivery = stripe.standin.deliveries[sent];
      expect(delivery?.event.type).toBe("checkout.session.completed");
      expect(delivery?.status).toBe(200);
      afterPaid = await ledger(stripe.app.db.prisma, before.id);
      expectPaidOnce(afterPaid, before);
      const now = await me(guest);
      expect(now.tab).toMatchObject({ status: "OPEN", totalCents: 0, items: [] });
      expect(now.tab.id).not.toBe(before.tab.id);
    });

    it("a replay of the same event id changes nothing", async () => {
      const original = stripe.standin.deliveries.find((d) => d.event.type === "checkout.session.completed" && d.event.data.object.id === sessionId);
      if (!original) throw new Error("no delivery to replay");
      const events = await processedEvents();
      // Exactly the bytes and signature Stripe sent, as a redelivery would carry them.
      for (let i = 0; i < 3; i++) {
        expect(await post(original.payload, original.header)).toEqual({ status: 200, body: { received: true, result: "duplicate" } });
      }
      // The same event re-signed now (a later redelivery has a fresh timestamp).
      const resigned = stripe.standin.signEvent(original.payload, STRIPE_WEBHOOK_SECRET);
      expect(await post(resigned.payload, resigned.header)).toMatchObject({ status: 200, body: { result: "duplicate" } });
      expect(await ledger(stripe.app.db.prisma, before.id)).toEqual(afterPaid);
      expect(await processedEvents()).toBe(events);
    });

    it("another completion event (new id) for the paid session changes nothing", async () => {
      const signed = stripe.standin.signEvent(stripe.standin.eventFor("checkout.session.completed", sessionId), STRIPE_WEBHOOK_SECRET);
      expect(await post(signed.payload, signed.header)).toMatchObject({ status: 200, body: { result: "processed" } });
      expect(await ledger(stripe.app.db.prisma, before.id)).toEqual(afterPaid);
    });

    it("an out-of-order checkout.session.expired after success changes nothing: the attempt stays SUCCEEDED", async () => {
      const expired = stripe.standin.eventFor("checkout.session.expired", sessionId);
      Object.assign(expired.data.object, { status: "expired", payment_status: "unpaid", payment_intent: null, url: null });
      const signed = stripe.standin.signEvent(expired, STRIPE_WEBHOOK_SECRET);
      expect(await post(signed.payload, signed.header)).toMatchObject({ status: 200, body: { received: true } });
      const l = await ledger(stripe.app.db.prisma, before.id);
      expect(l).toEqual(afterPaid);
      expect(l.attempts[0]?.status).toBe("SUCCEEDED");
      expect((await me(guest)).balanceCents).toBe(before.balanceCents);
    });
  });

  it("checkout.session.expired for a pending checkout reopens the tab as it was", async () => {
    const { guest, before, sessionId } = await pendingCheckout("Slow");
    stripe.standin.expireSession(sessionId);
    await stripe.standin.flushWebhooks();
    expect(stripe.standin.deliveries.at(-1)).toMatchObject({ status: 200, event: { type: "checkout.session.expired" } });
    const l = await ledger(stripe.app.db.prisma, before.id);
    expect(l.attempts).toMatchObject([{ status: "EXPIRED", failureReason: "The checkout expired before it was paid." }]);
    const now = await me(guest);
    expect(now.tab).toMatchObject({ id: before.tab.id, status: "OPEN", totalCents: before.tab.totalCents });
    expect(now.tab.items).toEqual(before.tab.items);
    expect(now.balanceCents).toBe(before.balanceCents);
  });

  it("a delayed payment method: completed-but-unpaid stays pending until async_payment_succeeded pays it", async () => {
    const { before, sessionId } = await pendingCheckout("Bank transfer");
    stripe.standin.completeSession(sessionId, { paymentStatus: "unpaid" });
    await stripe.standin.flushWebhooks();
    expect(stripe.standin.deliveries.at(-1)?.status).toBe(200);
    const waiting = await ledger(stripe.app.db.prisma, before.id);
    expect(waiting.attempts.map((a) => a.status)).toEqual(["PENDING"]);
    expect(waiting.tabs.map((t) => t.status)).toEqual(["PAYMENT_PENDING"]);
    stripe.standin.succeedAsyncPayment(sessionId);
    await stripe.standin.flushWebhooks();
    expect(stripe.standin.deliveries.at(-1)).toMatchObject({ status: 200, event: { type: "checkout.session.async_payment_succeeded" } });
    expectPaidOnce(await ledger(stripe.app.db.prisma, before.id), before);
  });

  it("a delayed payment method that fails (async_payment_failed) reopens the tab", async () => {
    const { before, sessionId } = await pendingCheckout("Bounced");
    stripe.standin.completeSession(sessionId, { paymentStatus: "unpaid" });
    stripe.standin.failAsyncPayment(sessionId);
    await stripe.standin.flushWebhooks();
    const l = await ledger(stripe.app.db.prisma, before.id);
    expect(l.attempts).toMatchObject([{ status: "FAILED", failureReason: "The payment did not go through." }]);
    expect(l.tabs).toMatchObject([{ id: before.tab.id, status: "OPEN", totalCents: before.tab.totalCents }]);
    expect(l.paidTotalCents).toBe(0);
  });

  it("a bad signature is 400 and changes nothing; the genuine event still settles afterwards", async () => {
    const { before, sessionId } = await pendingCheckout("Forged");
    const pending = await ledger(stripe.app.db.prisma, before.id);
    expect(pending.attempts[0]?.status).toBe("PENDING");
    const events = await processedEvents();
    const event = completedEvent(sessionId);
    const genuine = stripe.standin.signEvent(event, STRIPE_WEBHOOK_SECRET);
    const refused = [
      stripe.standin.signEvent(event, "whsec_not_our_secret"),
      { payload: genuine.payload.replace(`"amount_total": ${pending.attempts[0]!.amountCents}`, `"amount_total": 1`), header: genuine.header },
      stripe.standin.signEvent(event, STRIPE_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600),
      { payload: genuine.payload, header: "t=1,v1=deadbeef" },
      { payload: genuine.payload, header: null },
    ];
    expect(refused[1]!.payload).not.toBe(genuine.payload);
    for (const forged of refused) {
      const res = await post(forged.payload, forged.header);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain(STRIPE_WEBHOOK_SECRET);
    }
    expect(await ledger(stripe.app.db.prisma, before.id)).toEqual(pending);
    expect(await processedEvents()).toBe(events);

    // The refusals did not mark the event id as seen: the real one settles.
    expect(await post(genuine.payload, genuine.header)).toEqual({ status: 200, body: { received: true, result: "processed" } });
    expectPaidOnce(await waitFor("the payment", async () => {
      const l = await ledger(stripe.app.db.prisma, before.id);
      return l.attempts[0]?.status === "SUCCEEDED" ? l : null;
    }), before);
  });
});
