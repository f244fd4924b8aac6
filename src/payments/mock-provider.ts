import type { CreateCheckoutInput, CreatedCheckout, PaymentProvider, ProviderStatus } from "./payment-provider.js";

/**
 * The built-in provider: the checkout page is served by Maya itself
 * (src/http/checkout-page.ts), so paying works with nothing configured. The
 * page settles the attempt through the payment service; there is no remote
 * state to ask about.
 */
export class MockPaymentProvider implements PaymentProvider {
  readonly name = "mock" as const;
  readonly description = "mock checkout served by Maya (test mode: test cards only, no real money)";

  constructor(private readonly publicBaseUrl: () => string) {}

  async createCheckout(input: CreateCheckoutInput): Promise<CreatedCheckout> {
    return {
      providerRef: `mock_${input.attemptId}`,
      checkoutUrl: `${this.publicBaseUrl()}/checkout/${input.attemptId}`,
    };
  }

  async fetchStatus(): Promise<ProviderStatus> {
    return { status: "PENDING" };
  }
}
