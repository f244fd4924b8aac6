import { describe, expect, it, vi } from "vitest";
import { withRetries } from "../../src/payments/retry.js";

class Transient extends Error {}
class Permanent extends Error {}

function harness() {
  const delays: number[] = [];
  const retried: Array<{ attempt: number; delayMs: number; message: string }> = [];
  return {
    delays,
    retried,
    opts: {
      isRetryable: (err: unknown) => err instanceof Transient,
      sleep: async (ms: number) => {
        delays.push(ms);
      },
      onRetry: (err: unknown, attempt: number, delayMs: number) =>
        retried.push({ attempt, delayMs, message: (err as Error).message }),
    },
  };
}

describe("withRetries", () => {
  it("returns the first success without sleeping", async () => {
    const h = harness();
    const fn = vi.fn(async (attempt: number) => `ok on ${attempt}`);
    await expect(withRetries(fn, h.opts)).resolves.toBe("ok on 1");
    expect(fn).toHaveBeenCalledTimes(1);
    expect(h.delays).toEqual([]);
  });

  it("backs off 1 s, 2 s, 4 s by default and succeeds on the last try", async () => {
    const h = harness();
    const seen: number[] = [];
    const result = await withRetries(async (attempt) => {
      seen.push(attempt);
      if (attempt < 4) throw new Transient(`fail ${attempt}`);
      return "paid";
    }, h.opts);
    expect(result).toBe("paid");
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(h.delays).toEqual([1000, 2000, 4000]);
    expect(h.retried).toEqual([
      { attempt: 1, delayMs: 1000, message: "fail 1" },
      { attempt: 2, delayMs: 2000, message: "fail 2" },
      { attempt: 3, delayMs: 4000, message: "fail 3" },
    ]);
  });

  it("rethrows the last error once the retries are used up", async () => {
    const h = harness();
    const fn = vi.fn(async (attempt: number) => {
      throw new Transient(`fail ${attempt}`);
    });
    await expect(withRetries(fn, h.opts)).rejects.toThrow("fail 4");
    expect(fn).toHaveBeenCalledTimes(4);
    expect(h.delays).toEqual([1000, 2000, 4000]);
  });

  it("stops at the first non-retryable error", async () => {
    const h = harness();
    const fn = vi.fn(async (attempt: number) => {
      throw attempt === 1 ? new Transient("flaky") : new Permanent("bad request");
    });
    const err = await withRetries(fn, h.opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Permanent);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(h.delays).toEqual([1000]);
  });

  it("scales with baseDelayMs and honours a custom retry count", async () => {
    const h = harness();
    await expect(
      withRetries(async () => {
        throw new Transient("down");
      }, { ...h.opts, baseDelayMs: 5, retries: 5 }),
    ).rejects.toThrow("down");
    expect(h.delays).toEqual([5, 10, 20, 40, 80]);
  });

  it("makes a single try with retries: 0", async () => {
    const h = harness();
    const fn = vi.fn(async () => {
      throw new Transient("down");
    });
    await expect(withRetries(fn, { ...h.opts, retries: 0 })).rejects.toThrow("down");
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("rejects nonsense options", async () => {
    const h = harness();
    await expect(withRetries(async () => 1, { ...h.opts, retries: -1 })).rejects.toThrow(RangeError);
    await expect(withRetries(async () => 1, { ...h.opts, baseDelayMs: Number.NaN })).rejects.toThrow(RangeError);
  });
});
