/**
 * Picks the payment provider at startup: Stripe (test mode only) when a key
 * is configured, else the built-in mock checkout. A live or malformed key
 * stops the app here, with a message that names the problem but not the key.
 */
import type { PaymentConfig } from "../config.js";
import type { Logger } from "../logger.js";
import type { MayaMetrics } from "../observability/index.js";
import { MockPaymentProvider } from "./mock-provider.js";
import type { PaymentProvider } from "./payment-provider.js";
import { assertTestModeKey } from "./stripe/stripe-config.js";

export async function createPaymentProvider(
  config: PaymentConfig,
  publicBaseUrl: string,
  metrics: Pick<MayaMetrics, "providerCall" | "providerRetry">,
  log: Logger,
): Promise<PaymentProvider> {
  if (config.stripeSecretKey === undefined) return new MockPaymentProvider(() => publicBaseUrl);
  assertTestModeKey(config.stripeSecretKey);
  // Stripe's SDK only with a key: without one it is load time for nothing.
  const { StripePaymentProvider } = await import("./stripe/stripe-provider.js");
  return new StripePaymentProvider({
    secretKey: config.stripeSecretKey,
    ...(config.stripeApiBase ? { apiBase: config.stripeApiBase } : {}),
    publicBaseUrl,
    retries: config.retries,
    retryBaseDelayMs: config.retryBaseDelayMs,
    timeoutMs: config.timeoutMs,
    onCall: (call) => {
      metrics.providerCall("stripe", call.operation, call.outcome === "ok" ? "success" : "error", call.durationMs / 1000);
      // Every failed try, with its technical reason: the guest only hears that the card reader is down.
      if (call.outcome === "error") {
        log.warn("payment provider call failed", {
          provider: "stripe",
          operation: call.operation,
          attempt: call.attempt,
          reason: call.reason,
          ...(call.httpStatus === undefined ? {} : { httpStatus: call.httpStatus }),
        });
      }
    },
    onRetry: (retry) => metrics.providerRetry("stripe", retry.operation),
  });
}
