import type { PaymentStatus } from "../payment-provider.js";

/** Stripe has no canceled Checkout Session: a guest who backs out leaves it open until it expires. */
export interface CheckoutOutcome {
  status: Exclude<PaymentStatus, "CANCELED">;
  failureReason?: string;
}

/**
 * The parts of a Checkout Session that decide its outcome. Structural, so
 * the function stays pure and can be fed an SDK object, a webhook payload
 * or a literal in a test.
 */
export interface CheckoutSessionState {
  status: string | null;
  payment_status: string;
  /** An id, an expanded PaymentIntent, or null before the guest pays. */
  payment_intent?: string | { status?: string | null } | null;
}

export const ASYNC_PAYMENT_FAILED_REASON = "The payment did not go through.";

/** PaymentIntent states in which a completed-but-unpaid session can no longer be paid. */
const FAILED_INTENT_STATUSES = new Set(["requires_payment_method", "canceled"]);

/**
 * Maps a Checkout Session to our vocabulary. Anything unknown stays PENDING:
 * we never report a payment that Stripe has not confirmed as paid, and we
 * never fail one that Stripe might still complete.
 */
export function mapCheckoutSessionState(session: CheckoutSessionState): CheckoutOutcome {
  switch (session.status) {
    case "complete": {
      if (session.payment_status === "paid" || session.payment_status === "no_payment_required") {
        return { status: "SUCCEEDED" };
      }
      // "complete" + "unpaid" is a delayed payment method still settling;
      // only the PaymentIntent (when expanded) tells whether it gave up.
      const intent = intentStatus(session.payment_intent);
      if (intent !== null && FAILED_INTENT_STATUSES.has(intent)) {
        return { status: "FAILED", failureReason: ASYNC_PAYMENT_FAILED_REASON };
      }
      return { status: "PENDING" };
    }
    case "expired":
      return { status: "EXPIRED", failureReason: "The checkout expired before it was paid." };
    default:
      return { status: "PENDING" };
  }
}

function intentStatus(intent: CheckoutSessionState["payment_intent"]): string | null {
  if (intent && typeof intent === "object" && typeof intent.status === "string") return intent.status;
  return null;
}
