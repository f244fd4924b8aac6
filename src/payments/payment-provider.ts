/**
 * What the payment service needs from a payment provider. The service owns
 * the attempt rows and the tab; a provider only talks to the outside world.
 */
export type ProviderName = "mock" | "stripe";

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

export interface PaymentProvider {
  readonly name: ProviderName;
  /** Human-readable, for the startup log and /readyz, e.g. "mock checkout (test mode)". */
  readonly description: string;
  createCheckout(input: CreateCheckoutInput): Promise<CreatedCheckout>;
  fetchStatus(attempt: { providerRef: string | null; idempotencyKey: string }): Promise<ProviderStatus>;
}
