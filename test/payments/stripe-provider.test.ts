import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors.js";
import { PROVIDER_DOWN_MESSAGE } from "../../src/payments/payment-provider.js";
import type { CreateCheckoutInput } from "../../src/payments/payment-provider.js";
import { StripeConfigError } from "../../src/payments/stripe/stripe-config.js";
import { StripePaymentProvider } from "../../src/payments/stripe/stripe-provider.js";
import type { StripeCallInfo, StripeProviderOptions, StripeRetryInfo } from "../../src/payments/stripe/stripe-provider.js";
import { startStripeStandin } from "../support/stripe-standin/index.js";
import type { FaultPlan, StripeStandin } from "../support/stripe-standin/index.js";

const KEY = "sk_test_maya_standin_4242";
/** Faults aimed at one attempt's create calls, so a late request from another test cannot take them. */
const createCall = (input: CreateCheckoutInput) =>
  ({ method: "POST", path: "/v1/checkout/sessions", idempotencyKey: input.idempotencyKey }) as const;
const BASE_DELAY_MS = 5;

let standin: StripeStandin;
const providers: StripePaymentProvider[] = [];
/** Figures for the report: sessions created and retries seen per fault kind. */
const figures: Array<{ fault: string; sessions: number; retries: number; requests: number; replayed: number }> = [];

beforeAll(async () => {
  standin = await startStripeStandin({ secretKey: KEY });
});
afterEach(() => {
  standin.clearFaults();
  for (const p of providers.splice(0)) p.close();
});
afterAll(async () => {
  if (figures.length > 0) console.info(`stripe provider under faults:\n${figures.map((f) => JSON.stringify(f)).join("\n")}`);
  await standin.close();
});

function makeProvider(overrides: Partial<StripeProviderOptions> = {}) {
  const retries: StripeRetryInfo[] = [];
  const calls: StripeCallInfo[] = [];
  const provider = new StripePaymentProvider({
    secretKey: KEY,
    apiBase: standin.url,
    publicBaseUrl: "http://maya.test/",
    retryBaseDelayMs: BASE_DELAY_MS,
    // Generous: client and stand-in share one event loop, and a busy machine must not time out the happy paths.
    timeoutMs: 5_000,
    onRetry: (info) => retries.push(info),
    onCall: (info) => calls.push(info),
    ...overrides,
  });
  providers.push(provider);
  return { provider, retries, calls };
}

function checkoutInput(overrides: Partial<CreateCheckoutInput> = {}): CreateCheckoutInput {
  const attemptId = randomUUID();
  return {
    attemptId,
    tabId: `tab_${attemptId.slice(0, 8)}`,
    sessionId: "ses_standin",
    idempotencyKey: `pay_${attemptId}`,
    amountCents: 2 * 1400 + 900 + 300,
    tipCents: 300,
    lines: [
      { name: "Martini (dirty)", unitAmountCents: 1400, quantity: 2 },
      { name: "IPA", unitAmountCents: 900, quantity: 1 },
    ],
    currency: "usd",
    attemptCreatedAt: new Date(),
    ...overrides,
  };
}

const sessionsFor = (attemptId: string) => [...standin.sessions.values()].filter((s) => s.metadata.attempt_id === attemptId);
const requestsFor = (key: string) => standin.requests.filter((r) => r.idempotencyKey === key);

function record(fault: string, input: CreateCheckoutInput, retries: number): void {
  const requests = requestsFor(input.idempotencyKey);
  figures.push({
    fault,
    sessions: sessionsFor(input.attemptId).length,
    retries,
    requests: requests.length,
    replayed: requests.filter((r) => r.replayed).length,
  });
}

async function unavailable(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  const domainErr = err as DomainError;
  expect(domainErr.code).toBe("PAYMENT_PROVIDER_UNAVAILABLE");
  // The guest's words carry no internals; the technical reason is a detail for the logs.
  expect(domainErr.message).toBe(PROVIDER_DOWN_MESSAGE);
  expect(typeof domainErr.details.failure).toBe("string");
  expect(domainErr.message).not.toContain(KEY);
  expect(JSON.stringify(domainErr.details)).not.toContain(KEY);
  return domainErr;
}

describe("StripePaymentProvider.createCheckout", () => {
  it("creates one Checkout Session with the lines, a tip line, return URLs and metadata", async () => {
    const { provider, retries, calls } = makeProvider();
    const input = checkoutInput();
    const before = Math.floor(Date.now() / 1000);

    const created = await provider.createCheckout(input);

    const session = standin.sessions.get(created.providerRef);
    expect(session).toBeDefined();
    expect(created.providerRef).toMatch(/^cs_test_/);
    expect(created.checkoutUrl).toBe(session?.url);
    expect(session).toMatchObject({
      mode: "payment",
      currency: "usd",
      status: "open",
      payment_status: "unpaid",
      amount_total: input.amountCents,
      client_reference_id: input.tabId,
      metadata: { tab_id: input.tabId, attempt_id: input.attemptId, session_id: input.sessionId },
      success_url: `http://maya.test/checkout/return?attempt=${input.attemptId}&result=success`,
      cancel_url: `http://maya.test/checkout/return?attempt=${input.attemptId}&result=cancel`,
    });
    expect(standin.lineItems.get(created.providerRef)).toEqual([
      { name: "Martini (dirty)", unitAmount: 1400, quantity: 2, currency: "usd" },
      { name: "IPA", unitAmount: 900, quantity: 1, currency: "usd" },
      { name: "Tip", unitAmount: 300, quantity: 1, currency: "usd" },
    ]);
    const expiresIn = (session?.expires_at ?? 0) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(30 * 60);
    expect(expiresIn).toBeLessThanOrEqual(33 * 60);
    expect(requestsFor(input.idempotencyKey)).toHaveLength(1);
    expect(retries).toEqual([]);
    expect(calls).toMatchObject([{ operation: "create_checkout", attempt: 1, outcome: "ok" }]);
  });

  it("adds no tip line when there is no tip", async () => {
    const { provider } = makeProvider();
    const input = checkoutInput({ tipCents: 0, amountCents: 3700 });
    const created = await provider.createCheckout(input);
    expect(standin.lineItems.get(created.providerRef)?.map((l) => l.name)).toEqual(["Martini (dirty)", "IPA"]);
  });

  it("refuses, before calling Stripe, lines and tip that do not add up to the amount", async () => {
    const { provider } = makeProvider();
    const input = checkoutInput({ amountCents: 4001 });
    await expect(provider.createCheckout(input)).rejects.toThrow(/total mismatch/);
    expect(requestsFor(input.idempotencyKey)).toHaveLength(0);
  });

  const singleFaults: Array<[string, FaultPlan]> = [
    ["500 before", { kind: "status", status: 500 }],
    ["503 before", { kind: "status", status: 503 }],
    ["409 lock_timeout before", { kind: "status", status: 409 }],
    ["429 rate_limit before", { kind: "status", status: 429 }],
    ["connection reset before", { kind: "reset" }],
    ["timeout before", { kind: "timeout" }],
    ["500 after create", { kind: "status", status: 500, when: "after" }],
    ["503 after create", { kind: "status", status: 503, when: "after" }],
    ["connection reset after create", { kind: "reset", when: "after" }],
    ["timeout after create", { kind: "timeout", when: "after" }],
  ];

  it.each(singleFaults)("%s: retried once, exactly one session", async (label, fault) => {
    const { provider, retries } = makeProvider(fault.kind === "timeout" ? { timeoutMs: 300 } : {});
    const input = checkoutInput();
    standin.injectFaults({ ...fault, ...createCall(input) });

    const created = await provider.createCheckout(input);

    const sessions = sessionsFor(input.attemptId);
    const requests = requestsFor(input.idempotencyKey);
    record(label, input, retries.length);
    expect(sessions.map((s) => s.id)).toEqual([created.providerRef]);
    expect(retries).toMatchObject([{ operation: "create_checkout", attempt: 1, delayMs: BASE_DELAY_MS }]);
    expect(requests).toHaveLength(2);
    // After a fault that struck once the session existed, the retry is answered from Stripe's idempotency store.
    expect(requests[1]?.replayed).toBe(fault.when === "after");
  });

  it("slow response: no retry, one session", async () => {
    const { provider, retries } = makeProvider();
    const input = checkoutInput();
    standin.injectFaults({ kind: "slow", delayMs: 100, ...createCall(input) });
    await provider.createCheckout(input);
    expect(sessionsFor(input.attemptId)).toHaveLength(1);
    expect(retries).toHaveLength(0);
    record("slow 100 ms", input, retries.length);
  });

  it("survives three different faults in a row with delays 1x, 2x, 4x the base", async () => {
    const { provider, retries } = makeProvider();
    const input = checkoutInput();
    standin.injectFaults([
      { kind: "status", status: 503, ...createCall(input) },
      { kind: "reset", when: "after", ...createCall(input) },
      { kind: "status", status: 429, ...createCall(input) },
    ]);
    const created = await provider.createCheckout(input);
    expect(sessionsFor(input.attemptId).map((s) => s.id)).toEqual([created.providerRef]);
    expect(retries.map((r) => r.delayMs)).toEqual([5, 10, 20]);
    expect(retries.map((r) => r.reason)).toEqual([
      "Stripe had an internal error (HTTP 503)",
      "could not reach Stripe (ECONNRESET)",
      "Stripe is rate limiting us (HTTP 429, rate_limit)",
    ]);
    record("503, reset after, 429", input, retries.length);
  });

  it("gives up after 3 retries with PAYMENT_PROVIDER_UNAVAILABLE", async () => {
    const { provider, retries, calls } = makeProvider();
    const input = checkoutInput();
    standin.injectFaults({ kind: "status", status: 503, times: 4, ...createCall(input) });

    const err = await unavailable(provider.createCheckout(input));

    expect(err.details.failure).toBe("Stripe had an internal error (HTTP 503)");
    expect(err.details).toMatchObject({ provider: "stripe", operation: "create_checkout", attempts: 4, retryable: true, httpStatus: 503 });
    expect(retries.map((r) => r.delayMs)).toEqual([5, 10, 20]);
    expect(calls.map((c) => c.outcome)).toEqual(["error", "error", "error", "error"]);
    expect(requestsFor(input.idempotencyKey)).toHaveLength(4);
    expect(sessionsFor(input.attemptId)).toHaveLength(0);
    record("503 x4 (gives up)", input, retries.length);
  });

  it("gives up on a timeout that keeps happening, with a short reason", async () => {
    const { provider, retries } = makeProvider({ timeoutMs: 100 });
    const input = checkoutInput();
    standin.injectFaults({ kind: "timeout", times: 4, ...createCall(input) });
    const err = await unavailable(provider.createCheckout(input));
    expect(err.details.failure).toBe("Stripe did not answer in time");
    expect(retries).toHaveLength(3);
  });

  it("does not retry a 400 (the request itself is wrong)", async () => {
    const { provider, retries } = makeProvider();
    // Stripe refuses a checkout under $0.50.
    const input = checkoutInput({ lines: [{ name: "Water", unitAmountCents: 40, quantity: 1 }], tipCents: 0, amountCents: 40 });
    const err = await unavailable(provider.createCheckout(input));
    expect(err.details.failure).toBe("Stripe rejected the request (HTTP 400, amount_too_small)");
    expect(err.details).toMatchObject({ attempts: 1, retryable: false, httpStatus: 400, stripeCode: "amount_too_small" });
    expect(retries).toHaveLength(0);
    expect(requestsFor(input.idempotencyKey)).toHaveLength(1);
  });

  it("does not retry a 401 and does not echo the key", async () => {
    const { provider, retries } = makeProvider({ secretKey: "sk_test_wrong_key_9999" });
    const err = await unavailable(provider.createCheckout(checkoutInput()));
    expect(err.details.failure).toBe("Stripe refused our API key");
    expect(JSON.stringify(err.details)).not.toContain("9999");
    expect(retries).toHaveLength(0);
  });

  it("50 concurrent calls with one idempotency key, from two instances, create one session", async () => {
    const a = makeProvider();
    const b = makeProvider();
    const input = checkoutInput();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).provider.createCheckout(input)),
    );
    expect(new Set(results.map((r) => r.providerRef)).size).toBe(1);
    expect(sessionsFor(input.attemptId)).toHaveLength(1);
    record("50 concurrent", input, a.retries.length + b.retries.length);
  });

  it("50 concurrent calls while the first holds the key: 409s are retried, still one session", async () => {
    const a = makeProvider({ retries: 6 });
    const b = makeProvider({ retries: 6 });
    const input = checkoutInput();
    standin.injectFaults({ kind: "slow", delayMs: 40, ...createCall(input) });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).provider.createCheckout(input)),
    );
    expect(new Set(results.map((r) => r.providerRef)).size).toBe(1);
    expect(sessionsFor(input.attemptId)).toHaveLength(1);
    const requests = requestsFor(input.idempotencyKey);
    const conflicts = requests.filter((r) => r.status === 409).length;
    expect(conflicts).toBeGreaterThan(0);
    record(`50 concurrent, first slow (${conflicts} x 409 in progress)`, input, a.retries.length + b.retries.length);
  });
});

describe("crash recovery", () => {
  it("finds the session a lost response created: same id, nothing new created", async () => {
    const input = checkoutInput();
    const first = makeProvider();
    // Every try is executed or replayed at the stand-in, and every answer is lost.
    standin.injectFaults({ kind: "reset", when: "after", times: 4, ...createCall(input) });
    await unavailable(first.provider.createCheckout(input));
    const created = sessionsFor(input.attemptId);
    expect(created).toHaveLength(1);
    const countBefore = standin.createdCount;

    // A restarted server: a new provider, the same attempt row.
    const later = makeProvider();
    const recovered = await later.provider.recoverCheckout(input);

    expect(recovered.providerRef).toBe(created[0]?.id);
    expect(recovered.checkoutUrl).toBe(created[0]?.url);
    expect(recovered.status).toBe("PENDING");
    expect(standin.createdCount).toBe(countBefore);
    const replay = requestsFor(input.idempotencyKey).at(-1);
    expect(replay?.replayed).toBe(true);
  });

  it("fetchStatus with a null providerRef recovers through the checkout input", async () => {
    const { provider } = makeProvider();
    const input = checkoutInput();
    const created = await provider.createCheckout(input);
    standin.completeSession(created.providerRef);
    const countBefore = standin.createdCount;

    const status = await provider.fetchStatus({ providerRef: null, idempotencyKey: input.idempotencyKey, checkout: input });

    expect(status).toEqual({ status: "SUCCEEDED" });
    expect(standin.createdCount).toBe(countBefore);
  });

  it("fetchStatus with a null providerRef and no input explains what it needs", async () => {
    const { provider } = makeProvider();
    await expect(provider.fetchStatus({ providerRef: null, idempotencyKey: "pay_x" })).rejects.toThrow(/recoverCheckout/);
  });

  it("creates the session when the first call never reached Stripe", async () => {
    const { provider } = makeProvider();
    const input = checkoutInput();
    const recovered = await provider.recoverCheckout(input);
    expect(sessionsFor(input.attemptId).map((s) => s.id)).toEqual([recovered.providerRef]);
  });

  it("a recovery with other parameters under the same key is refused by Stripe, not turned into a second session", async () => {
    const input = checkoutInput();
    await makeProvider().provider.createCheckout(input);
    const later = new Date(input.attemptCreatedAt!.getTime() + 60_000);
    const err = await unavailable(makeProvider().provider.recoverCheckout({ ...input, attemptCreatedAt: later }));
    expect(err.details.failure).toBe("Stripe rejected the request (HTTP 400, idempotency_error)");
    expect(err.details).toMatchObject({ httpStatus: 400, retryable: false });
    expect(sessionsFor(input.attemptId)).toHaveLength(1);
  });

  it("refuses input without attemptCreatedAt, before calling Stripe", async () => {
    const { provider } = makeProvider();
    const { attemptCreatedAt: _omitted, ...input } = checkoutInput();
    await expect(provider.createCheckout(input)).rejects.toThrow(/attemptCreatedAt/);
    expect(requestsFor(input.idempotencyKey)).toHaveLength(0);
  });
});

describe("StripePaymentProvider.fetchStatus", () => {
  async function created() {
    const { provider, retries } = makeProvider();
    const input = checkoutInput();
    const { providerRef } = await provider.createCheckout(input);
    const fetch = () => provider.fetchStatus({ providerRef, idempotencyKey: input.idempotencyKey });
    return { provider, providerRef, fetch, retries };
  }

  it("maps open, paid, expired, and a delayed payment that settles or fails", async () => {
    const open = await created();
    expect(await open.fetch()).toEqual({ status: "PENDING" });
    standin.completeSession(open.providerRef);
    expect(await open.fetch()).toEqual({ status: "SUCCEEDED" });

    const expired = await created();
    standin.expireSession(expired.providerRef);
    expect((await expired.fetch()).status).toBe("EXPIRED");

    const settling = await created();
    standin.completeSession(settling.providerRef, { paymentStatus: "unpaid" });
    expect(await settling.fetch()).toEqual({ status: "PENDING" });
    standin.succeedAsyncPayment(settling.providerRef);
    expect(await settling.fetch()).toEqual({ status: "SUCCEEDED" });

    const failing = await created();
    standin.completeSession(failing.providerRef, { paymentStatus: "unpaid" });
    standin.failAsyncPayment(failing.providerRef);
    expect((await failing.fetch()).status).toBe("FAILED");
  });

  it("reports EXPIRED once expires_at has passed", async () => {
    const c = await created();
    standin.advanceTime(34 * 60);
    try {
      expect((await c.fetch()).status).toBe("EXPIRED");
    } finally {
      standin.advanceTime(-34 * 60);
    }
  });

  it("retries a failed retrieve", async () => {
    const c = await created();
    standin.injectFaults({ kind: "status", status: 502, method: "GET", path: `/v1/checkout/sessions/${c.providerRef}` });
    expect(await c.fetch()).toEqual({ status: "PENDING" });
    expect(c.retries).toMatchObject([{ operation: "retrieve_checkout", attempt: 1 }]);
  });

  it("an unknown session is a 404, not retried", async () => {
    const { provider, retries } = makeProvider();
    const err = await unavailable(provider.fetchStatus({ providerRef: "cs_test_nope", idempotencyKey: "pay_nope" }));
    expect(err.details).toMatchObject({ httpStatus: 404, retryable: false });
    expect(retries).toHaveLength(0);
  });
});

describe("construction", () => {
  const base = { publicBaseUrl: "http://maya.test", apiBase: "http://127.0.0.1:1" };

  it.each(["sk_live_51HqLiveSecretValue", "pk_test_51HqPublishable", "rk_test_51HqRestricted", "", "whatever"])(
    "refuses %j without echoing it",
    (secretKey) => {
      let err: unknown;
      try {
        new StripePaymentProvider({ ...base, secretKey });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StripeConfigError);
      const message = (err as Error).message;
      expect(message).toContain("sk_test_");
      if (secretKey !== "") expect(message).not.toContain(secretKey);
    },
  );

  it("says a live key is a live key", () => {
    expect(() => new StripePaymentProvider({ ...base, secretKey: "sk_live_abc" })).toThrow(/live-mode secret key/);
  });

  it("refuses an expiry under Stripe's 30 minutes", () => {
    expect(() => new StripePaymentProvider({ ...base, secretKey: KEY, checkoutExpiryMinutes: 10 })).toThrow(StripeConfigError);
  });

  it("describes itself without the key", () => {
    const { provider } = makeProvider();
    expect(provider.name).toBe("stripe");
    expect(provider.description).toBe(`Stripe Checkout (test mode, API at ${standin.url})`);
  });
});
