import http from "node:http";
import https from "node:https";
import Stripe from "stripe";
import { DomainError } from "../../errors.js";
import {
  PROVIDER_DOWN_MESSAGE,
  type CreateCheckoutInput,
  type CreatedCheckout,
  type PaymentProvider,
  type ProviderStatus,
  type RecoveredCheckout,
} from "../payment-provider.js";
import { DEFAULT_BASE_DELAY_MS, DEFAULT_RETRIES, withRetries } from "../retry.js";
import { assertTestModeKey, parseApiBase, StripeConfigError } from "./stripe-config.js";
import { asStripeError, describeStripeFailure, isRetryableStripeError } from "./stripe-errors.js";
import { mapCheckoutSessionState } from "./stripe-status.js";

export type StripeOperation = "create_checkout" | "retrieve_checkout";

/** One HTTP try against Stripe, for metrics. */
export interface StripeCallInfo {
  operation: StripeOperation;
  /** 1 for the first try of an operation. */
  attempt: number;
  outcome: "ok" | "error";
  durationMs: number;
  httpStatus?: number;
  /** Short and secret-free (see describeStripeFailure); set when outcome is "error". */
  reason?: string;
}

export interface StripeRetryInfo {
  operation: StripeOperation;
  /** The try that just failed. */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface StripeProviderOptions {
  /** Must start with sk_test_; anything else is refused. */
  secretKey: string;
  /** STRIPE_API_BASE, e.g. "http://127.0.0.1:12111"; unset for api.stripe.com. */
  apiBase?: string;
  /** The app's own public URL; Stripe sends the guest back to `${publicBaseUrl}/checkout/return`. */
  publicBaseUrl: string;
  /** MAYA_PAYMENT_RETRY_BASE_MS; delays are 1x, 2x, 4x this. Default 1000. */
  retryBaseDelayMs?: number;
  /** Default 3. */
  retries?: number;
  /** How long the guest has to pay; Stripe accepts 30 to 1440. Default 30. */
  checkoutExpiryMinutes?: number;
  /** Per HTTP try. Default 10 000: with 3 retries a dead Stripe costs at most 4 x timeout + 7 s of backoff; the SDK default of 80 s is far too long for a guest at the bar. */
  timeoutMs?: number;
  onRetry?: (info: StripeRetryInfo) => void;
  onCall?: (info: StripeCallInfo) => void;
}

type CreateParams = Stripe.Checkout.SessionCreateParams;
type HttpClient = NonNullable<Stripe.StripeConfig["httpClient"]>;

const MIN_EXPIRY_MINUTES = 30;
const MAX_EXPIRY_MINUTES = 24 * 60;
/**
 * expires_at is anchored at the attempt's creation, which comes before the
 * request reaches Stripe by our retry delays plus any clock skew; without
 * this margin Stripe could find it under its 30-minute minimum.
 */
const EXPIRY_MARGIN_SECONDS = 120;
const DEFAULT_TIMEOUT_MS = 10_000;
const TIP_LINE_NAME = "Tip";

/**
 * Payments through Stripe Checkout, test mode only. Every create carries
 * the attempt's idempotency key, so retries here, double clicks and
 * recoveries after a restart all land on the one Checkout Session.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = "stripe" as const;
  readonly description: string;

  private readonly stripe: Stripe;
  private readonly agent: http.Agent;
  private readonly publicBaseUrl: string;
  private readonly retries: number;
  private readonly retryBaseDelayMs: number;
  private readonly expiryMinutes: number;
  private readonly onRetry: ((info: StripeRetryInfo) => void) | undefined;
  private readonly onCall: ((info: StripeCallInfo) => void) | undefined;

  constructor(opts: StripeProviderOptions) {
    assertTestModeKey(opts.secretKey);
    this.publicBaseUrl = checkPublicBaseUrl(opts.publicBaseUrl);
    this.expiryMinutes = opts.checkoutExpiryMinutes ?? MIN_EXPIRY_MINUTES;
    if (!Number.isInteger(this.expiryMinutes) || this.expiryMinutes < MIN_EXPIRY_MINUTES || this.expiryMinutes > MAX_EXPIRY_MINUTES) {
      throw new StripeConfigError(`checkoutExpiryMinutes must be a whole number from ${MIN_EXPIRY_MINUTES} to ${MAX_EXPIRY_MINUTES} (Stripe's limits).`);
    }
    this.retries = opts.retries ?? DEFAULT_RETRIES;
    this.retryBaseDelayMs = opts.retryBaseDelayMs ?? DEFAULT_BASE_DELAY_MS;
    this.onRetry = opts.onRetry;
    this.onCall = opts.onCall;

    const endpoint = opts.apiBase === undefined ? undefined : parseApiBase(opts.apiBase);
    // Our own agent, so close() can release its keep-alive sockets.
    this.agent = endpoint?.protocol === "http" ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true });
    this.stripe = new Stripe(opts.secretKey, {
      // Retries are ours (withRetries): one policy, one backoff, counted in metrics.
      maxNetworkRetries: 0,
      httpClient: withoutHiddenSdkRetry(Stripe.createNodeHttpClient(this.agent)),
      timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      telemetry: false,
      appInfo: { name: "maya" },
      ...(endpoint === undefined ? {} : { host: endpoint.host, port: endpoint.port, protocol: endpoint.protocol }),
    });
    this.description =
      endpoint === undefined
        ? "Stripe Checkout (test mode)"
        : `Stripe Checkout (test mode, API at ${endpoint.protocol}://${endpoint.host}:${endpoint.port})`;
  }

  async createCheckout(input: CreateCheckoutInput): Promise<CreatedCheckout> {
    const session = await this.createSession(input);
    return { providerRef: session.id, checkoutUrl: session.url };
  }

  async fetchStatus(attempt: {
    providerRef: string | null;
    idempotencyKey: string;
    checkout?: CreateCheckoutInput;
  }): Promise<ProviderStatus> {
    if (attempt.providerRef !== null) return this.retrieveStatus(attempt.providerRef);
    if (attempt.checkout === undefined) {
      throw new Error(
        "Cannot look up a Stripe checkout whose providerRef was never recorded without its original input; " +
          "pass `checkout` or call recoverCheckout().",
      );
    }
    if (attempt.checkout.idempotencyKey !== attempt.idempotencyKey) {
      throw new Error("fetchStatus: the checkout input carries a different idempotency key than the attempt.");
    }
    const { status, failureReason } = await this.recoverCheckout(attempt.checkout);
    return failureReason === undefined ? { status } : { status, failureReason };
  }

  /**
   * Re-issues the identical create request under the same idempotency key:
   * Stripe replays the first response for 24 hours, so this finds the
   * session a crashed call created (or creates it if that call never got
   * through). A replay carries the session as it was at creation, hence
   * the retrieve for its current status.
   */
  async recoverCheckout(input: CreateCheckoutInput): Promise<RecoveredCheckout> {
    const session = await this.createSession(input);
    const status = await this.retrieveStatus(session.id);
    return { providerRef: session.id, checkoutUrl: session.url, ...status };
  }

  /** Releases pooled sockets (tests, shutdown). */
  close(): void {
    this.agent.destroy();
  }

  private async createSession(input: CreateCheckoutInput): Promise<{ id: string; url: string }> {
    const params = this.buildCreateParams(input);
    const session = await this.call("create_checkout", () =>
      this.stripe.checkout.sessions.create(params, { idempotencyKey: input.idempotencyKey }),
    );
    // A session for another attempt or amount under this key would mean a key
    // collision; never show the guest a checkout for the wrong money.
    if (session.metadata?.attempt_id !== input.attemptId || session.amount_total !== input.amountCents) {
      throw new Error("Stripe returned a Checkout Session that does not match this payment attempt (idempotency key reused?).");
    }
    if (session.url === null) {
      throw new DomainError("PAYMENT_PROVIDER_UNAVAILABLE", PROVIDER_DOWN_MESSAGE, {
        provider: "stripe",
        failure: "Stripe returned no checkout page",
      });
    }
    return { id: session.id, url: session.url };
  }

  private async retrieveStatus(providerRef: string): Promise<ProviderStatus> {
    // Idempotency keys mean nothing on a GET; a retrieve is safe to repeat as is.
    const session = await this.call("retrieve_checkout", () =>
      this.stripe.checkout.sessions.retrieve(providerRef, { expand: ["payment_intent"] }),
    );
    return mapCheckoutSessionState(session);
  }

  /** Deterministic for a given input, so every try and every recovery sends the same request. */
  private buildCreateParams(input: CreateCheckoutInput): CreateParams {
    assertCheckoutTotals(input);
    // The clock at call time would differ between two calls with the same key
    // (a double click, a recovery), and Stripe refuses the second with a 400.
    if (input.attemptCreatedAt === undefined || Number.isNaN(input.attemptCreatedAt.getTime())) {
      throw new Error("The Stripe provider needs attemptCreatedAt: expires_at must be the same on every call with one idempotency key.");
    }
    const anchorMs = input.attemptCreatedAt.getTime();
    const metadata = { tab_id: input.tabId, attempt_id: input.attemptId, session_id: input.sessionId };
    const lineItem = (name: string, unitAmount: number, quantity: number): Stripe.Checkout.SessionCreateParams.LineItem => ({
      quantity,
      price_data: { currency: input.currency, unit_amount: unitAmount, product_data: { name } },
    });
    const lineItems = input.lines.map((line) => lineItem(line.name, line.unitAmountCents, line.quantity));
    if (input.tipCents > 0) lineItems.push(lineItem(TIP_LINE_NAME, input.tipCents, 1));
    const returnUrl = (result: "success" | "cancel") =>
      `${this.publicBaseUrl}/checkout/return?attempt=${encodeURIComponent(input.attemptId)}&result=${result}`;
    return {
      mode: "payment",
      currency: input.currency,
      line_items: lineItems,
      success_url: returnUrl("success"),
      cancel_url: returnUrl("cancel"),
      client_reference_id: input.tabId,
      metadata,
      payment_intent_data: { metadata },
      expires_at: Math.floor(anchorMs / 1000) + this.expiryMinutes * 60 + EXPIRY_MARGIN_SECONDS,
    };
  }

  private async call<T>(operation: StripeOperation, request: () => Promise<T>): Promise<T> {
    let attempts = 0;
    try {
      return await withRetries(
        async (attempt) => {
          attempts = attempt;
          const started = performance.now();
          try {
            const result = await request();
            this.report({ operation, attempt, outcome: "ok", durationMs: performance.now() - started });
            return result;
          } catch (err) {
            const httpStatus = asStripeError(err)?.statusCode;
            this.report({
              operation,
              attempt,
              outcome: "error",
              durationMs: performance.now() - started,
              reason: describeStripeFailure(err),
              ...(httpStatus === undefined ? {} : { httpStatus }),
            });
            throw err;
          }
        },
        {
          retries: this.retries,
          baseDelayMs: this.retryBaseDelayMs,
          isRetryable: isRetryableStripeError,
          onRetry: (err, attempt, delayMs) =>
            runHook(this.onRetry, { operation, attempt, delayMs, reason: describeStripeFailure(err) }),
        },
      );
    } catch (err) {
      throw providerUnavailable(operation, err, attempts);
    }
  }

  private report(info: StripeCallInfo): void {
    runHook(this.onCall, info);
  }
}

function runHook<I>(hook: ((info: I) => void) | undefined, info: I): void {
  try {
    hook?.(info);
  } catch {
    // Metrics must never decide whether a payment goes through.
  }
}

function providerUnavailable(operation: StripeOperation, err: unknown, attempts: number): DomainError {
  const stripeErr = asStripeError(err);
  return new DomainError("PAYMENT_PROVIDER_UNAVAILABLE", PROVIDER_DOWN_MESSAGE, {
    provider: "stripe",
    // For the logs and the operator; never in what the guest sees or hears.
    failure: describeStripeFailure(err),
    operation,
    attempts,
    retryable: isRetryableStripeError(err),
    ...(stripeErr?.statusCode === undefined ? {} : { httpStatus: stripeErr.statusCode }),
    ...(stripeErr?.code === undefined ? {} : { stripeCode: stripeErr.code }),
    // Stripe's request id (req_...) lets support find the call; it is not a secret.
    ...(stripeErr?.requestId === undefined ? {} : { stripeRequestId: stripeErr.requestId }),
  });
}

/** Lines and tip must add up to the amount charged: the guest pays exactly what Maya said. */
export function assertCheckoutTotals(input: CreateCheckoutInput): void {
  if (input.currency !== "usd") throw new Error(`Unsupported checkout currency: ${String(input.currency)}`);
  for (const [i, line] of input.lines.entries()) {
    if (line.name.trim() === "") throw new Error(`Checkout line ${i} has no name.`);
    if (!Number.isInteger(line.unitAmountCents) || line.unitAmountCents < 0) {
      throw new Error(`Checkout line ${i} has an invalid unit amount: ${line.unitAmountCents}`);
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw new Error(`Checkout line ${i} has an invalid quantity: ${line.quantity}`);
    }
  }
  if (!Number.isInteger(input.tipCents) || input.tipCents < 0) throw new Error(`Invalid tip: ${input.tipCents}`);
  const total = input.lines.reduce((sum, line) => sum + line.unitAmountCents * line.quantity, input.tipCents);
  if (total !== input.amountCents) {
    throw new Error(`Checkout total mismatch: lines and tip add up to ${total} cents, the attempt is for ${input.amountCents}.`);
  }
  if (total <= 0) throw new Error("Checkout total must be positive.");
}

function checkPublicBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StripeConfigError("publicBaseUrl must be an absolute http(s) URL, e.g. http://localhost:4000.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new StripeConfigError("publicBaseUrl must be an absolute http(s) URL, e.g. http://localhost:4000.");
  }
  return value.replace(/\/+$/, "");
}

/**
 * The SDK retries a reset or broken connection once even with
 * maxNetworkRetries 0 (stripe-node #1040), after its own 0.5 s delay. That
 * retry would be invisible to our count and backoff; renaming the code makes
 * the SDK surface the failure, and withRetries retries it like any other.
 */
function withoutHiddenSdkRetry(inner: HttpClient): HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: (...args) =>
      inner.makeRequest(...args).catch((err: unknown) => {
        const code = (err as { code?: unknown } | null)?.code;
        if (code === "ECONNRESET" || code === "EPIPE") {
          throw Object.assign(new Error(`connection closed (${code})`, { cause: err }), { code: `${code}_NO_SDK_RETRY` });
        }
        throw err;
      }),
  };
}
