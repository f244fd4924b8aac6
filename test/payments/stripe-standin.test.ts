/**
 * The stand-in must behave like Stripe where the provider depends on it;
 * these tests pin that behaviour with plain HTTP, independent of the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseForm } from "../support/stripe-standin/form.js";
import { startStripeStandin } from "../support/stripe-standin/index.js";
import type { StripeStandin } from "../support/stripe-standin/index.js";

const KEY = "sk_test_standin_self_test";
let standin: StripeStandin;

beforeAll(async () => {
  standin = await startStripeStandin({ secretKey: KEY });
});
afterAll(() => standin.close());

function form(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
}

const sessionParams = (overrides: Record<string, string | number> = {}): Record<string, string | number> => ({
  mode: "payment",
  "line_items[0][quantity]": 2,
  "line_items[0][price_data][currency]": "usd",
  "line_items[0][price_data][unit_amount]": 1400,
  "line_items[0][price_data][product_data][name]": "Martini",
  "line_items[1][quantity]": 1,
  "line_items[1][price_data][currency]": "usd",
  "line_items[1][price_data][unit_amount]": 300,
  "line_items[1][price_data][product_data][name]": "Tip",
  success_url: "http://maya.test/ok",
  client_reference_id: "tab_1",
  "metadata[attempt_id]": "att_1",
  ...overrides,
});
const validSession = (overrides: Record<string, string | number> = {}) => form(sessionParams(overrides));

async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${standin.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, any> };
}

describe("form parsing", () => {
  it("nests brackets and turns 0..n-1 keys into arrays", () => {
    expect(
      parseForm("line_items[0][price_data][unit_amount]=900&line_items[1][quantity]=2&metadata[tab_id]=t%201&expand[]=a&expand[]=b"),
    ).toEqual({
      line_items: [{ price_data: { unit_amount: "900" } }, { quantity: "2" }],
      metadata: { tab_id: "t 1" },
      expand: ["a", "b"],
    });
  });
});

describe("Stripe stand-in", () => {
  it("creates a session shaped like Stripe's, with the total computed from the lines", async () => {
    const res = await call("POST", "/v1/checkout/sessions", validSession());
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: 3100,
      currency: "usd",
      client_reference_id: "tab_1",
      metadata: { attempt_id: "att_1" },
      livemode: false,
      payment_intent: null,
    });
    expect(res.json.id).toMatch(/^cs_test_[A-Za-z0-9]{58}$/);
    expect(res.json.url).toBe(`${standin.url}/c/pay/${res.json.id}`);
    expect(res.headers.get("request-id")).toMatch(/^req_/);

    const fetched = await call("GET", `/v1/checkout/sessions/${res.json.id}`);
    expect(fetched.json).toEqual(res.json);
  });

  it("checks the bearer key", async () => {
    expect((await call("POST", "/v1/checkout/sessions", validSession(), { Authorization: "" })).status).toBe(401);
    const wrong = await call("POST", "/v1/checkout/sessions", validSession(), { Authorization: "Bearer sk_test_other_1234" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.type).toBe("invalid_request_error");
    expect(wrong.json.error.message).not.toContain("sk_test_other_1234");
  });

  it.each([
    // An empty value stands for "parameter left out".
    [{ mode: "" }, "parameter_missing", "mode"],
    [{ "line_items[0][price_data][currency]": "" }, "parameter_missing", "line_items[0][price_data][currency]"],
    [{ "line_items[0][quantity]": 0 }, "parameter_invalid", "line_items[0][quantity]"],
    [{ surprise: "yes" }, "parameter_unknown", "surprise"],
    [{ success_url: "not a url" }, "url_invalid", "success_url"],
    [{ expires_at: Math.floor(Date.now() / 1000) + 600 }, "parameter_invalid", "expires_at"],
  ])("400 invalid_request_error for %j", async (overrides, code, param) => {
    const kept = Object.fromEntries(Object.entries(sessionParams(overrides)).filter(([, v]) => v !== ""));
    const res = await call("POST", "/v1/checkout/sessions", form(kept));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: "invalid_request_error", code, param });
  });

  it("404 resource_missing for an unknown session", async () => {
    const res = await call("GET", "/v1/checkout/sessions/cs_test_nope");
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ type: "invalid_request_error", code: "resource_missing", param: "session" });
  });

  it("replays the first response for a repeated idempotency key", async () => {
    const before = standin.createdCount;
    const first = await call("POST", "/v1/checkout/sessions", validSession(), { "Idempotency-Key": "k-replay" });
    const second = await call("POST", "/v1/checkout/sessions", validSession(), { "Idempotency-Key": "k-replay" });
    expect(second.status).toBe(first.status);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("original-request")).toBe(first.headers.get("request-id"));
    expect(standin.createdCount).toBe(before + 1);
  });

  it("400 idempotency_error for a key reused with other parameters", async () => {
    await call("POST", "/v1/checkout/sessions", validSession(), { "Idempotency-Key": "k-mismatch" });
    const res = await call("POST", "/v1/checkout/sessions", validSession({ client_reference_id: "tab_2" }), {
      "Idempotency-Key": "k-mismatch",
    });
    expect(res.status).toBe(400);
    expect(res.json.error.type).toBe("idempotency_error");
  });

  it("keeps no result for a request that failed validation", async () => {
    const bad = await call("POST", "/v1/checkout/sessions", validSession({ surprise: 1 }), { "Idempotency-Key": "k-invalid" });
    expect(bad.status).toBe(400);
    const good = await call("POST", "/v1/checkout/sessions", validSession(), { "Idempotency-Key": "k-invalid" });
    expect(good.status).toBe(200);
  });

  it("409 idempotency_error while the first request with the key is still running", async () => {
    standin.injectFaults({ kind: "slow", delayMs: 100, idempotencyKey: "k-busy" });
    const first = call("POST", "/v1/checkout/sessions", validSession(), { "Idempotency-Key": "k-busy" });
    await new Promise((r) => setTimeout(r, 30));
    const second = await call("POST", "/v1/checkout/sessions", validSession(), { "Idempotency-Key": "k-busy" });
    expect(second.status).toBe(409);
    expect(second.json.error.type).toBe("idempotency_error");
    expect((await first).status).toBe(200);
  });

  it("a fault 'after' creates the session but the client sees the failure", async () => {
    const before = standin.createdCount;
    standin.injectFaults({ kind: "status", status: 503, when: "after", idempotencyKey: "k-after" });
    const lost = await call("POST", "/v1/checkout/sessions", validSession(), { "Idempotency-Key": "k-after" });
    expect(lost.status).toBe(503);
    expect(lost.json.error.type).toBe("api_error");
    expect(standin.createdCount).toBe(before + 1);
    const retry = await call("POST", "/v1/checkout/sessions", validSession(), { "Idempotency-Key": "k-after" });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(standin.createdCount).toBe(before + 1);
  });

  it("a reset destroys the connection", async () => {
    standin.injectFaults({ kind: "reset" });
    await expect(call("POST", "/v1/checkout/sessions", validSession())).rejects.toThrow();
  });

  it("expires an open session through the API, and only an open one", async () => {
    const { json } = await call("POST", "/v1/checkout/sessions", validSession());
    const expired = await call("POST", `/v1/checkout/sessions/${json.id}/expire`);
    expect(expired.json).toMatchObject({ status: "expired", url: null });
    expect((await call("POST", `/v1/checkout/sessions/${json.id}/expire`)).status).toBe(400);
  });

  it("expands the payment intent on request", async () => {
    const { json } = await call("POST", "/v1/checkout/sessions", validSession());
    standin.completeSession(json.id);
    const plain = await call("GET", `/v1/checkout/sessions/${json.id}`);
    expect(plain.json.payment_intent).toMatch(/^pi_test_/);
    const expanded = await call("GET", `/v1/checkout/sessions/${json.id}?expand[0]=payment_intent`);
    expect(expanded.json.payment_intent).toMatchObject({ object: "payment_intent", status: "succeeded", amount: 3100 });
  });
});
