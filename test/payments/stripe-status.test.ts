import { describe, expect, it } from "vitest";
import { mapCheckoutSessionState } from "../../src/payments/stripe/stripe-status.js";

describe("mapCheckoutSessionState", () => {
  it.each([
    [{ status: "complete", payment_status: "paid" }, "SUCCEEDED"],
    [{ status: "complete", payment_status: "no_payment_required" }, "SUCCEEDED"],
    [{ status: "complete", payment_status: "unpaid", payment_intent: "pi_123" }, "PENDING"],
    [{ status: "complete", payment_status: "unpaid", payment_intent: { status: "processing" } }, "PENDING"],
    [{ status: "complete", payment_status: "unpaid", payment_intent: { status: "requires_payment_method" } }, "FAILED"],
    [{ status: "complete", payment_status: "unpaid", payment_intent: { status: "canceled" } }, "FAILED"],
    [{ status: "open", payment_status: "unpaid" }, "PENDING"],
    [{ status: "expired", payment_status: "unpaid" }, "EXPIRED"],
    [{ status: null, payment_status: "unpaid" }, "PENDING"],
    [{ status: "some_future_status", payment_status: "paid" }, "PENDING"],
  ] as const)("%j -> %s", (session, expected) => {
    expect(mapCheckoutSessionState(session).status).toBe(expected);
  });

  it("only an open or settling session is left without a reason", () => {
    expect(mapCheckoutSessionState({ status: "expired", payment_status: "unpaid" }).failureReason).toMatch(/expired/);
    expect(
      mapCheckoutSessionState({ status: "complete", payment_status: "unpaid", payment_intent: { status: "canceled" } }).failureReason,
    ).toMatch(/did not go through/);
    expect(mapCheckoutSessionState({ status: "open", payment_status: "unpaid" }).failureReason).toBeUndefined();
  });

  it("never reports success for an unpaid session, whatever its status", () => {
    for (const status of ["open", "complete", "expired", null, "x"]) {
      expect(mapCheckoutSessionState({ status, payment_status: "unpaid" }).status).not.toBe("SUCCEEDED");
    }
  });
});
