/**
 * Reading and checking Stripe settings. Every message here names the
 * setting and what is wrong with it, never its value: keys and secrets must
 * not reach logs.
 */

export class StripeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StripeConfigError";
  }
}

function describeKeyKind(key: string): string {
  if (key === "") return "an empty value";
  if (key.startsWith("sk_live_")) return "a live-mode secret key";
  if (key.startsWith("rk_")) return "a restricted key";
  if (key.startsWith("pk_")) return "a publishable key";
  return "not a Stripe secret key";
}

/** Maya only ever talks to Stripe in test mode; a live key must stop the server at startup. */
export function assertTestModeKey(key: unknown): asserts key is string {
  if (typeof key === "string" && key.startsWith("sk_test_")) return;
  const kind = typeof key === "string" ? describeKeyKind(key) : "missing";
  throw new StripeConfigError(
    `STRIPE_SECRET_KEY is ${kind}; Maya runs Stripe in test mode only and needs a test secret key ` +
      `(one that starts with "sk_test_"). Unset STRIPE_SECRET_KEY to use the mock checkout instead.`,
  );
}

export interface StripeEndpoint {
  host: string;
  port: number;
  protocol: "http" | "https";
}

/** Turns STRIPE_API_BASE (e.g. "http://127.0.0.1:12111") into the SDK's host/port/protocol. */
export function parseApiBase(apiBase: string): StripeEndpoint {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new StripeConfigError(`STRIPE_API_BASE is not a URL (expected e.g. "http://127.0.0.1:12111").`);
  }
  const protocol = url.protocol.replace(/:$/, "");
  if (protocol !== "http" && protocol !== "https") {
    throw new StripeConfigError(`STRIPE_API_BASE must use http or https, not ${protocol}.`);
  }
  // The SDK always sends /v1/... from the root; a base path would be silently dropped.
  if (url.pathname !== "/" || url.search !== "" || url.username !== "" || url.password !== "") {
    throw new StripeConfigError(`STRIPE_API_BASE must be a bare origin such as "http://127.0.0.1:12111".`);
  }
  const port = url.port === "" ? (protocol === "https" ? 443 : 80) : Number(url.port);
  // URL keeps IPv6 literals bracketed; node:http wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return { host, port, protocol };
}

export interface StripeEnv {
  secretKey: string;
  /** Null when STRIPE_WEBHOOK_SECRET is unset: webhooks cannot be verified, status polling still works. */
  webhookSecret: string | null;
  apiBase: string | undefined;
  retryBaseDelayMs: number;
}

/**
 * Null when STRIPE_SECRET_KEY is unset (the app uses the mock provider);
 * throws StripeConfigError for a live or malformed key, or a bad setting.
 */
export function readStripeEnv(env: NodeJS.ProcessEnv = process.env): StripeEnv | null {
  const secretKey = env.STRIPE_SECRET_KEY;
  if (secretKey === undefined || secretKey === "") return null;
  assertTestModeKey(secretKey);

  const apiBase = env.STRIPE_API_BASE === "" ? undefined : env.STRIPE_API_BASE;
  if (apiBase !== undefined) parseApiBase(apiBase);

  const rawDelay = env.MAYA_PAYMENT_RETRY_BASE_MS;
  let retryBaseDelayMs = 1000;
  if (rawDelay !== undefined && rawDelay !== "") {
    retryBaseDelayMs = Number(rawDelay);
    if (!Number.isInteger(retryBaseDelayMs) || retryBaseDelayMs < 0) {
      throw new StripeConfigError(`MAYA_PAYMENT_RETRY_BASE_MS must be a non-negative integer (milliseconds).`);
    }
  }

  const webhookSecret = env.STRIPE_WEBHOOK_SECRET;
  return {
    secretKey,
    webhookSecret: webhookSecret === undefined || webhookSecret === "" ? null : webhookSecret,
    apiBase,
    retryBaseDelayMs,
  };
}
