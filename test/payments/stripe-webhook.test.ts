import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StripePaymentProvider } from "../../src/payments/stripe/stripe-provider.js";
import {
  createStripeWebhookHandler,
  createStripeWebhookVerifier,
  mapStripeEvent,
} from "../../src/payments/stripe/webhook.js";
import type { MappedStripeEvent, StripeEventLike } from "../../src/payments/stripe/webhook.js";
import { startStripeStandin } from "../support/stripe-standin/index.js";
import type { StripeStandin } from "../support/stripe-standin/index.js";

const SECRET = "whsec_test_maya_standin_secret";
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/checkout.session.completed.json", import.meta.url), "utf8"),
) as StripeEventLike & { data: { object: Record<string, unknown> } };

/** The fixture event with another type and some session fields changed. */
function variant(type: string, session: Record<string, unknown> = {}): StripeEventLike {
  return { ...fixture, type, data: { object: { ...fixture.data.object, ...session } } };
}

describe("mapStripeEvent", () => {
  const ids = { attemptId: "7d1c2f0e-5b7a-4e0b-9a51-3f1f4c6a2b10", providerRef: "cs_test_a1Zq3dRk9WmXb2Lp7Yt5Hs0CfNe4Vu8JgQo6Ki1MrTy3Bx" };

  it("checkout.session.completed and paid -> SUCCEEDED", () => {
    expect(mapStripeEvent(fixture)).toEqual({ ...ids, outcome: "SUCCEEDED" });
  });

  it("checkout.session.completed with no payment required -> SUCCEEDED", () => {
    expect(mapStripeEvent(variant("checkout.session.completed", { payment_status: "no_payment_required" }))?.outcome).toBe("SUCCEEDED");
  });

  it("checkout.session.completed but unpaid (delayed method) -> PENDING", () => {
    expect(mapStripeEvent(variant("checkout.session.completed", { payment_status: "unpaid" }))).toEqual({ ...ids, outcome: "PENDING" });
  });

  it("checkout.session.async_payment_succeeded -> SUCCEEDED", () => {
    expect(mapStripeEvent(variant("checkout.session.async_payment_succeeded"))).toEqual({ ...ids, outcome: "SUCCEEDED" });
  });

  it("checkout.session.async_payment_failed -> FAILED with a reason", () => {
    const mapped = mapStripeEvent(variant("checkout.session.async_payment_failed", { payment_status: "unpaid" }));
    expect(mapped).toMatchObject({ ...ids, outcome: "FAILED" });
    expect(mapped?.failureReason).toMatch(/did not go through/);
  });

  it("checkout.session.expired -> EXPIRED", () => {
    const mapped = mapStripeEvent(
      variant("checkout.session.expired", { status: "expired", payment_status: "unpaid", payment_intent: null }),
    );
    expect(mapped).toMatchObject({ ...ids, outcome: "EXPIRED" });
  });

  it("a session without our metadata has no attempt id", () => {
    expect(mapStripeEvent(variant("checkout.session.completed", { metadata: {} }))?.attemptId).toBeNull();
    expect(mapStripeEvent(variant("checkout.session.completed", { metadata: null }))?.attemptId).toBeNull();
  });

  it("ignores other events and other objects", () => {
    expect(mapStripeEvent(variant("checkout.session.async_payment_pending"))).toBeNull();
    expect(mapStripeEvent({ id: "evt_1", type: "payment_intent.succeeded", data: { object: { object: "payment_intent", id: "pi_1" } } })).toBeNull();
    expect(mapStripeEvent({ id: "evt_2", type: "checkout.session.completed", data: { object: { object: "charge", id: "ch_1" } } })).toBeNull();
  });
});

describe("Stripe webhook route", () => {
  let standin: StripeStandin;
  let server: Server;
  let endpoint: string;
  const seen = new Set<string>();
  const received: Array<{ eventId: string; eventType: string; mapped: MappedStripeEvent }> = [];
  let failNext = false;
  let client: Stripe;
  const warnings: Record<string, unknown>[] = [];

  beforeAll(async () => {
    standin = await startStripeStandin();
    client = new Stripe("sk_test_webhook_suite", { host: "127.0.0.1", port: standin.port, protocol: "http", maxNetworkRetries: 0 });
    const app = express();
    app.post(
      "/webhooks/stripe",
      express.raw({ type: "application/json" }),
      createStripeWebhookHandler({
        verify: await createStripeWebhookVerifier(SECRET),
        log: { warn: (message, fields) => warnings.push({ message, ...fields }) },
        onEvent: async (eventId, eventType, mapped) => {
          if (failNext) {
            failNext = false;
            throw new Error("database is down");
          }
          if (seen.has(eventId)) return "duplicate";
          seen.add(eventId);
          received.push({ eventId, eventType, mapped });
          return "processed";
        },
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await standin.close();
  });
  beforeEach(() => {
    received.length = 0;
  });

  async function post(body: string, signature?: string) {
    const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
    if (signature !== undefined) headers["Stripe-Signature"] = signature;
    const res = await fetch(endpoint, { method: "POST", headers, body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** A completed session's event, as Stripe would send it. */
  async function completedEvent() {
    const id = await createSession();
    standin.completeSession(id);
    return standin.eventFor("checkout.session.completed", id);
  }

  let seq = 0;
  /** Through the stand-in's API with the real SDK, as the provider would. */
  async function createSession(): Promise<string> {
    seq++;
    const session = await client.checkout.sessions.create({
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 1200, product_data: { name: "Negroni" } } }],
      success_url: "http://maya.test/checkout/return?result=success",
      metadata: { attempt_id: `att_${seq}`, tab_id: "tab_1", session_id: "ses_1" },
    });
    return session.id;
  }

  it("accepts a correctly signed event and hands over the mapped outcome", async () => {
    const event = await completedEvent();
    const { payload, header } = standin.signEvent(event, SECRET);
    const res = await post(payload, header);
    expect(res).toEqual({ status: 200, body: { received: true, result: "processed" } });
    expect(received).toEqual([
      {
        eventId: event.id,
        eventType: "checkout.session.completed",
        mapped: { attemptId: event.data.object.metadata.attempt_id, providerRef: event.data.object.id, outcome: "SUCCEEDED" },
      },
    ]);
  });

  it("answers 200 'duplicate' for a redelivered event", async () => {
    const { payload, header } = standin.signEvent(await completedEvent(), SECRET);
    expect((await post(payload, header)).body.result).toBe("processed");
    expect(await post(payload, header)).toEqual({ status: 200, body: { received: true, result: "duplicate" } });
    expect(received).toHaveLength(1);
  });

  it("accepts the signature Stripe's own test helper makes", async () => {
    const payload = JSON.stringify(await completedEvent());
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    expect((await post(payload, header)).status).toBe(200);
  });

  it("rejects a missing signature with 400 and changes nothing", async () => {
    const { payload } = standin.signEvent(await completedEvent(), SECRET);
    const res = await post(payload);
    expect(res.status).toBe(400);
    expect(received).toHaveLength(0);
  });

  it("rejects a signature made with another secret", async () => {
    const { payload, header } = standin.signEvent(await completedEvent(), "whsec_someone_else");
    const res = await post(payload, header);
    expect(res).toEqual({ status: 400, body: { error: "Invalid Stripe signature." } });
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(received).toHaveLength(0);
  });

  it("rejects a body changed after signing", async () => {
    const event = await completedEvent();
    const { header } = standin.signEvent(event, SECRET);
    const tampered = JSON.stringify({ ...event, type: "checkout.session.async_payment_succeeded" }, null, 2);
    expect((await post(tampered, header)).status).toBe(400);
    expect(received).toHaveLength(0);
  });

  it("rejects a replay older than Stripe's 5-minute tolerance", async () => {
    const { payload, header } = standin.signEvent(await completedEvent(), SECRET, Math.floor(Date.now() / 1000) - 301);
    expect((await post(payload, header)).status).toBe(400);
    expect(received).toHaveLength(0);
  });

  it("rejects garbage in the header", async () => {
    const { payload } = standin.signEvent(await completedEvent(), SECRET);
    expect((await post(payload, "t=oops,v1=nothex")).status).toBe(400);
  });

  it("acknowledges events it does not act on without calling the service", async () => {
    const event = { ...standin.eventFor("checkout.session.completed", await createSession()), type: "checkout.session.async_payment_pending" };
    const { payload, header } = standin.signEvent(event, SECRET);
    expect(await post(payload, header)).toEqual({ status: 200, body: { received: true, ignored: true } });
    expect(received).toHaveLength(0);
  });

  it("maps expired and async-failed sessions end to end", async () => {
    const expiredId = await createSession();
    standin.expireSession(expiredId);
    const failedId = await createSession();
    standin.completeSession(failedId, { paymentStatus: "unpaid" });
    standin.failAsyncPayment(failedId);
    for (const [type, id] of [
      ["checkout.session.expired", expiredId],
      ["checkout.session.async_payment_failed", failedId],
    ] as const) {
      const { payload, header } = standin.signEvent(standin.eventFor(type, id), SECRET);
      expect((await post(payload, header)).status).toBe(200);
    }
    expect(received.map((r) => r.mapped.outcome)).toEqual(["EXPIRED", "FAILED"]);
  });

  it.each([
    ["no data", JSON.stringify({ id: "evt_1", type: "checkout.session.completed" })],
    ["data: null", JSON.stringify({ id: "evt_2", type: "checkout.session.completed", data: null })],
    ["a JSON array", JSON.stringify([{ id: "evt_3", type: "checkout.session.completed" }])],
    ["no id", JSON.stringify({ type: "checkout.session.completed", data: { object: {} } })],
    ["JSON null", "null"],
  ])("answers 400 and logs one line for a correctly signed body with %s, calling nothing", async (_name, payload) => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const before = warnings.length;
    const response = await post(payload, header);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/not a Stripe event/i);
    expect(warnings.slice(before)).toEqual([expect.objectContaining({ message: expect.stringMatching(/malformed/i) })]);
    expect(JSON.stringify(warnings.slice(before))).not.toContain(SECRET);
    expect(received).toHaveLength(0);
  });

  it("answers 500 when the service fails, so Stripe delivers it again", async () => {
    const { payload, header } = standin.signEvent(await completedEvent(), SECRET);
    failNext = true;
    expect((await post(payload, header)).status).toBe(500);
    expect((await post(payload, header)).body.result).toBe("processed");
  });

  it("end to end: the guest pays on the hosted page, Stripe posts the signed event, a redelivery is a duplicate", async () => {
    standin.setWebhook({ url: endpoint, secret: SECRET });
    const provider = new StripePaymentProvider({
      secretKey: "sk_test_webhook_suite",
      apiBase: standin.url,
      publicBaseUrl: "http://maya.test",
      retryBaseDelayMs: 5,
    });
    try {
      const input = {
        attemptId: "att_e2e",
        tabId: "tab_e2e",
        sessionId: "ses_e2e",
        idempotencyKey: "maya_checkout_att_e2e",
        amountCents: 1500,
        tipCents: 300,
        lines: [{ name: "Old Fashioned", unitAmountCents: 1200, quantity: 1 }],
        currency: "usd" as const,
        attemptCreatedAt: new Date(),
      };
      const { providerRef, checkoutUrl } = await provider.createCheckout(input);

      const page = await fetch(checkoutUrl);
      expect(await page.text()).toContain("Pay $15.00");
      const paid = await fetch(`${standin.url}/c/pay/${providerRef}/pay`, { method: "POST", redirect: "manual" });
      expect(paid.status).toBe(303);
      expect(paid.headers.get("location")).toBe("http://maya.test/checkout/return?attempt=att_e2e&result=success");
      await standin.flushWebhooks();

      expect(received.map((r) => r.mapped)).toEqual([{ attemptId: "att_e2e", providerRef, outcome: "SUCCEEDED" }]);
      expect(await provider.fetchStatus({ providerRef, idempotencyKey: input.idempotencyKey })).toEqual({ status: "SUCCEEDED" });

      const delivery = standin.deliveries.at(-1);
      expect(delivery?.status).toBe(200);
      expect((await post(delivery?.payload ?? "", delivery?.header)).body.result).toBe("duplicate");
    } finally {
      standin.setWebhook(null);
      provider.close();
    }
  });
});
