import { describe, expect, it } from "vitest";
import { assertTestModeKey, parseApiBase, readStripeEnv, StripeConfigError } from "../../src/payments/stripe/stripe-config.js";

describe("assertTestModeKey", () => {
  it("accepts a test secret key", () => {
    expect(() => assertTestModeKey("sk_test_51Abc")).not.toThrow();
  });

  it.each(["sk_live_51SuperSecret", "pk_live_51Pub", "rk_live_51Restricted", "sk_51NoMode", undefined, 42])(
    "refuses %j without echoing it",
    (key) => {
      let err: unknown;
      try {
        assertTestModeKey(key);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StripeConfigError);
      expect((err as Error).message).toMatch(/STRIPE_SECRET_KEY .* test mode only .* "sk_test_"/);
      if (typeof key === "string") expect((err as Error).message).not.toContain(key);
    },
  );
});

describe("parseApiBase", () => {
  it.each([
    ["http://127.0.0.1:12111", { host: "127.0.0.1", port: 12111, protocol: "http" }],
    ["http://localhost:12111/", { host: "localhost", port: 12111, protocol: "http" }],
    ["https://api.stripe.com", { host: "api.stripe.com", port: 443, protocol: "https" }],
    ["http://[::1]:8080", { host: "::1", port: 8080, protocol: "http" }],
  ])("%s", (base, expected) => {
    expect(parseApiBase(base)).toEqual(expected);
  });

  it.each(["127.0.0.1:12111", "ftp://x", "http://x/v1", "http://u:p@x"])("refuses %s", (base) => {
    expect(() => parseApiBase(base)).toThrow(StripeConfigError);
  });
});

describe("readStripeEnv", () => {
  it("is null without a key (the mock provider is used)", () => {
    expect(readStripeEnv({})).toBeNull();
    expect(readStripeEnv({ STRIPE_SECRET_KEY: "" })).toBeNull();
  });

  it("reads every setting", () => {
    expect(
      readStripeEnv({
        STRIPE_SECRET_KEY: "sk_test_1",
        STRIPE_WEBHOOK_SECRET: "whsec_1",
        STRIPE_API_BASE: "http://127.0.0.1:12111",
        MAYA_PAYMENT_RETRY_BASE_MS: "5",
      }),
    ).toEqual({ secretKey: "sk_test_1", webhookSecret: "whsec_1", apiBase: "http://127.0.0.1:12111", retryBaseDelayMs: 5 });
  });

  it("defaults the retry base to 1000 ms and allows no webhook secret", () => {
    expect(readStripeEnv({ STRIPE_SECRET_KEY: "sk_test_1" })).toEqual({
      secretKey: "sk_test_1",
      webhookSecret: null,
      apiBase: undefined,
      retryBaseDelayMs: 1000,
    });
  });

  it("refuses a live key and a bad retry base", () => {
    expect(() => readStripeEnv({ STRIPE_SECRET_KEY: "sk_live_1" })).toThrow(StripeConfigError);
    expect(() => readStripeEnv({ STRIPE_SECRET_KEY: "sk_test_1", MAYA_PAYMENT_RETRY_BASE_MS: "1s" })).toThrow(/MAYA_PAYMENT_RETRY_BASE_MS/);
  });
});
