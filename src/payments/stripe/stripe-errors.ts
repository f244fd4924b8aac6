/**
 * Classifying errors thrown by the stripe SDK. Checked by shape, not with
 * instanceof: the package ships CJS and ESM builds, and an error from one is
 * not an instance of the other's classes.
 */

export interface StripeErrorShape {
  /** The SDK's class name, e.g. "StripeConnectionError", "StripeAPIError". */
  type: string;
  statusCode?: number;
  /** Stripe's error type from the body, e.g. "invalid_request_error". */
  rawType?: string;
  code?: string;
  requestId?: string;
  headers?: Record<string, string>;
  detail?: unknown;
}

const NETWORK_ERROR_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNREFUSED", "ECONNABORTED", "EAI_AGAIN", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_SOCKET"]);

export function asStripeError(err: unknown): StripeErrorShape | null {
  if (typeof err !== "object" || err === null) return null;
  const type = (err as { type?: unknown }).type;
  return typeof type === "string" && type.startsWith("Stripe") ? (err as StripeErrorShape) : null;
}

/** A Node socket error code, looked for on the error and along its detail/cause chain. */
export function networkErrorCode(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      const base = code.replace(/_NO_SDK_RETRY$/, "");
      if (NETWORK_ERROR_CODES.has(base)) return base;
    }
    current = (current as { detail?: unknown; cause?: unknown }).detail ?? (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Worth another try with the same idempotency key: the network, a timeout,
 * 409 (lock timeout, or the same key still in flight), 429 and 5xx. Other
 * 4xx would fail the same way again.
 */
export function isRetryableStripeError(err: unknown): boolean {
  const stripeErr = asStripeError(err);
  if (stripeErr === null) return networkErrorCode(err) !== null;
  if (stripeErr.type === "StripeConnectionError") return true;
  // Stripe says outright when a retry would be pointless (or useful).
  const advice = stripeErr.headers?.["stripe-should-retry"];
  if (advice === "false") return false;
  if (advice === "true") return true;
  const status = stripeErr.statusCode;
  // No status: the body never arrived whole or was not JSON (a proxy's error page).
  if (status === undefined) return stripeErr.type === "StripeAPIError" || networkErrorCode(err) !== null;
  return status === 409 || status === 429 || status >= 500;
}

/**
 * A few words for the guest-facing "card reader is down" message and the
 * logs. Built from status and codes only: Stripe's own messages can quote
 * request parameters, so they are never passed through.
 */
export function describeStripeFailure(err: unknown): string {
  const stripeErr = asStripeError(err);
  const netCode = networkErrorCode(err);
  if (stripeErr === null) {
    return netCode !== null ? `could not reach Stripe (${netCode})` : "unexpected error talking to Stripe";
  }
  if (stripeErr.type === "StripeConnectionError") {
    if (netCode === "ETIMEDOUT") return "Stripe did not answer in time";
    return netCode !== null ? `could not reach Stripe (${netCode})` : "could not reach Stripe";
  }
  const status = stripeErr.statusCode;
  const code = stripeErr.code ?? stripeErr.rawType;
  const suffix = code !== undefined ? `, ${code}` : "";
  if (status === 401) return "Stripe refused our API key";
  if (status === 403) return "Stripe refused the request (permissions)";
  if (status === 429) return `Stripe is rate limiting us (HTTP 429${suffix})`;
  if (status === 409) return `Stripe reported a conflict (HTTP 409${suffix})`;
  if (status !== undefined && status >= 500) return `Stripe had an internal error (HTTP ${status})`;
  if (status !== undefined) return `Stripe rejected the request (HTTP ${status}${suffix})`;
  return "unexpected error from Stripe";
}
