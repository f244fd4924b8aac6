import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/http/rate-limiter.js";

describe("RateLimiter", () => {
  it("allows a burst, refuses past it, and refills over time", () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 2 }, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([true, true, true, false]);
    now += 499; // 0.998 tokens: still empty
    expect(limiter.take("a")).toBe(false);
    now += 2; // past half a second: one token back
    expect(limiter.take("a")).toBe(true);
    expect(limiter.take("a")).toBe(false);
    now += 60_000; // refills to capacity, never beyond
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([true, true, true, false]);
  });

  it("keeps one bucket per key", () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 }, () => 0);
    expect(limiter.take("guest-1")).toBe(true);
    expect(limiter.take("guest-1")).toBe(false);
    expect(limiter.take("guest-2")).toBe(true);
  });

  it("forgets buckets that have refilled, so keys cannot grow without bound", () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1 }, () => now);
    for (let i = 0; i < 1000; i++) limiter.take(`address-${i}`);
    expect(limiter.size).toBe(1000);
    now += 5_000;
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });
});
