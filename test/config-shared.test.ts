/** The settings for many instances: REDIS_URL, MAYA_REDIS_PREFIX, MAYA_STATE_KEY, MAYA_TRUSTED_PROXIES. */
import { describe, expect, it } from "vitest";
import { ConfigError, sharedStateConfig } from "../src/config.js";

const KEY = "0123456789abcdef".repeat(4);

describe("shared state configuration", () => {
  it("is nothing shared without REDIS_URL, with loopback as the trusted proxy", () => {
    expect(sharedStateConfig({})).toEqual({ trustedProxies: ["loopback"] });
  });

  it("reads Redis with its prefix and a 32-byte key in hex or base64", () => {
    const hex = sharedStateConfig({ REDIS_URL: "redis://redis:6379/0", MAYA_STATE_KEY: KEY, MAYA_REDIS_PREFIX: "bar-7:" });
    expect(hex.redis).toEqual({ url: "redis://redis:6379/0", keyPrefix: "bar-7:" });
    expect(hex.stateKey?.toString("hex")).toBe(KEY);
    const base64 = sharedStateConfig({ REDIS_URL: "rediss://h:6380", MAYA_STATE_KEY: Buffer.from(KEY, "hex").toString("base64") });
    expect(base64.stateKey?.toString("hex")).toBe(KEY);
    expect(base64.redis?.keyPrefix).toBe("maya:");
  });

  it("refuses a bad value with a message that never repeats a password", () => {
    const refused = (env: Record<string, string>) => {
      try {
        sharedStateConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refused({ REDIS_URL: "http://user:hunter2@redis:6379" })).not.toContain("hunter2");
    expect(refused({ REDIS_URL: "redis//nope" })).toMatch(/REDIS_URL is not a URL/);
    expect(refused({ REDIS_URL: "redis://:hunter2@redis:6379" })).toMatch(/MAYA_STATE_KEY/);
    expect(refused({ REDIS_URL: "redis://redis", MAYA_STATE_KEY: "short" })).toMatch(/32 random bytes/);
    expect(refused({ REDIS_URL: "redis://redis", MAYA_STATE_KEY: KEY.slice(2) })).toMatch(/32 random bytes/);
    expect(refused({ MAYA_REDIS_PREFIX: "has space" })).toMatch(/MAYA_REDIS_PREFIX/);
    expect(refused({ MAYA_TRUSTED_PROXIES: "10.0.0.0/99" })).toMatch(/MAYA_TRUSTED_PROXIES/);
  });

  it("reads the balancer's addresses as trusted proxies", () => {
    expect(sharedStateConfig({ MAYA_TRUSTED_PROXIES: "loopback, 10.0.0.0/8,uniquelocal" }).trustedProxies).toEqual(["loopback", "10.0.0.0/8", "uniquelocal"]);
  });
});
