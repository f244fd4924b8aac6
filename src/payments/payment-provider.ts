/**
 * What the payment service needs from a payment provider. The service owns
 * the attempt rows and the tab; a provider only talks to the outside world.
 */
export type ProviderName = "mock" | "stripe";

/**
 * What the guest is told (the API error, the attempt's failure reason, and so
 * Maya's words) when a provider cannot be used. The technical reason
 * ("could not reach Stripe (ECONNREFUSED)") is a detail for the logs only.
 */
export const PROVIDER_DOWN_MESSAGE = "The card reader is down: the payment provider could not be reached.";

export type PaymentStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "EXPIRED" | "CANCELED";

export interface CheckoutLine {
  name: string;
  /** Per unit, modifiers included. */
  unitAmountCents: number;
  quantity: number;
}

export interface CreateCheckoutInput {
  attemptId: string;
  tabId: string;
  sessionId: string;
  /** Stored on the attempt before this call; passed verbatim to the provider on every try. */
  idempotencyKey: string;
  amountCents: number;
  tipCents: number;
  /** The tab's lines; the tip is not among them (a provider adds its own tip line). */
  lines: CheckoutLine[];
  currency: "usd";
  /**
   * Added for Stripe, which requires it (optional for the mock): when the
   * attempt row was created. Stripe's expires_at is anchored here, so a
   * retry, a concurrent double click or a recovery after a restart sends a
   * request identical to the first; Stripe rejects a reused idempotency key
   * whose parameters differ.
   */
  attemptCreatedAt?: Date;
}

export interface CreatedCheckout {
  /** The provider's id for the checkout (Stripe: the Checkout Session id). */
  providerRef: string;
  checkoutUrl: string;
}

/** A provider's view of a checkout, turned into our vocabulary. */
export interface ProviderStatus {
  status: PaymentStatus;
  failureReason?: string;
}

/** A checkout found again by re-issuing its create request (see `recoverCheckout`). */
export interface RecoveredCheckout extends CreatedCheckout, ProviderStatus {}

export interface PaymentProvider {
  readonly name: ProviderName;
  /** Human-readable, for the startup log and /readyz, e.g. "mock checkout (test mode)". */
  readonly description: string;
  createCheckout(input: CreateCheckoutInput): Promise<CreatedCheckout>;
  fetchStatus(attempt: {
    providerRef: string | null;
    idempotencyKey: string;
    /**
     * Optional (added for Stripe): the attempt's original checkout input.
     * Needed only when providerRef is null (a crash between the create call
     * and recording its result); the provider then recovers the checkout.
     */
    checkout?: CreateCheckoutInput;
  }): Promise<ProviderStatus>;
  /**
   * Optional (added for Stripe): re-issues the create request with the same
   * idempotency key, which returns the checkout the first call created (or
   * creates it if the first call never reached the provider). Use when
   * providerRef was never recorded; record the returned providerRef.
   */
  recoverCheckout?(input: CreateCheckoutInput): Promise<RecoveredCheckout>;
}
