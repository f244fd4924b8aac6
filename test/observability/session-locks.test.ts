import { afterEach, describe, expect, it, vi } from "vitest";
import { createMetrics } from "../../src/observability/metrics.js";
import { SessionLocks } from "../../src/observability/session-locks.js";
import { parseExposition, valueOf } from "./prometheus-text.js";

const HOUR = 3_600_000;
const FIVE_MINUTES = 300_000;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("SessionLocks.runExclusive", () => {
  it("runs one session's turns one at a time, in arrival order", async () => {
    const locks = new SessionLocks({ idleMs: HOUR, cleanupIntervalMs: FIVE_MINUTES });
    const log: string[] = [];
    const turn = (name: string, ms: number) =>
      locks.runExclusive("s1", async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([turn("a", 15), turn("b", 1), turn("c", 5)]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("lets different sessions run at the same time", async () => {
    const locks = new SessionLocks({ idleMs: HOUR, cleanupIntervalMs: FIVE_MINUTES });
    const gate = deferred();
    const first = locks.runExclusive("s1", () => gate.promise);
    let otherRan = false;
    await locks.runExclusive("s2", async () => {
      otherRan = true;
    });
    expect(otherRan).toBe(true);
    gate.resolve();
    await first;
  });

  it("is not poisoned by a turn that throws", async () => {
    const locks = new SessionLocks({ idleMs: HOUR, cleanupIntervalMs: FIVE_MINUTES });
    const failing = locks.runExclusive("s1", async () => {
      throw new Error("boom");
    });
    const next = locks.runExclusive("s1", async () => "still works");
    await expect(failing).rejects.toThrow("boom");
    await expect(next).resolves.toBe("still works");
    expect(locks.waiting).toBe(0);
  });
});

describe("SessionLocks cleanup", () => {
  it("evicts locks idle for more than idleMs, keeps held and waited-on ones, and counts it all", async () => {
    vi.useFakeTimers();
    const metrics = createMetrics({ config: {}, collectDefaultMetrics: false });
    const locks = new SessionLocks({ idleMs: HOUR, cleanupIntervalMs: FIVE_MINUTES, metrics });
    locks.start();

    await locks.runExclusive("idle", async () => {});
    const held = deferred();
    const heldTurn = locks.runExclusive("held", () => held.promise);
    const waitingTurn = locks.runExclusive("held", async () => "waited");
    expect(locks.size).toBe(2);
    expect(locks.waiting).toBe(1);

    // Exactly an hour idle is not "more than an hour".
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(locks.size).toBe(2);
    await vi.advanceTimersByTimeAsync(FIVE_MINUTES);
    expect(locks.size).toBe(1);

    let exposition = parseExposition(await metrics.render());
    expect(valueOf(exposition, "maya_session_lock_cleanup_runs_total")).toBe(13);
    expect(valueOf(exposition, "maya_session_lock_evictions_total")).toBe(1);
    expect(valueOf(exposition, "maya_session_locks")).toBe(1);
    expect(valueOf(exposition, "maya_session_lock_waiters")).toBe(1);
    // Only the held session counts as active after an hour of silence.
    expect(valueOf(exposition, "maya_sessions_active")).toBe(1);

    held.resolve();
    await heldTurn;
    await expect(waitingTurn).resolves.toBe("waited");
    await vi.advanceTimersByTimeAsync(HOUR + FIVE_MINUTES);
    expect(locks.size).toBe(0);
    exposition = parseExposition(await metrics.render());
    expect(valueOf(exposition, "maya_session_lock_evictions_total")).toBe(2);
    expect(valueOf(exposition, "maya_session_locks")).toBe(0);

    locks.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reuses a lock touched again before it goes idle", async () => {
    vi.useFakeTimers();
    const locks = new SessionLocks({ idleMs: HOUR, cleanupIntervalMs: FIVE_MINUTES });
    await locks.runExclusive("s1", async () => {});
    vi.advanceTimersByTime(HOUR - 1000);
    await locks.runExclusive("s1", async () => {});
    vi.advanceTimersByTime(2000);
    expect(locks.sweep()).toBe(0);
    expect(locks.size).toBe(1);
  });

  it("leaves no timer behind: start is idempotent, the timer is unref'd, stop clears it", () => {
    const setIntervalSpy = vi.spyOn(globalThis, "setInterval");
    const locks = new SessionLocks({ idleMs: HOUR, cleanupIntervalMs: FIVE_MINUTES });
    locks.start();
    locks.start();
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);
    const timer = setIntervalSpy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    const clearSpy = vi.spyOn(globalThis, "clearInterval");
    locks.stop();
    locks.stop();
    expect(clearSpy).toHaveBeenCalledTimes(1);
    expect(clearSpy).toHaveBeenCalledWith(timer);
  });

  it("refuses nonsense intervals", () => {
    expect(() => new SessionLocks({ idleMs: 0, cleanupIntervalMs: 1000 })).toThrow(RangeError);
    expect(() => new SessionLocks({ idleMs: 1000, cleanupIntervalMs: Number.NaN })).toThrow(RangeError);
  });

  it("leaves the map empty after 10,000 sessions churned and one cleanup", async () => {
    let now = 0;
    const metrics = createMetrics({ config: {}, collectDefaultMetrics: false });
    const locks = new SessionLocks({ idleMs: HOUR, cleanupIntervalMs: FIVE_MINUTES, metrics, now: () => now });
    const turns: Promise<number>[] = [];
    for (let i = 0; i < 10_000; i++) {
      turns.push(locks.runExclusive(`session-${i}`, async () => i));
      // Some sessions take several turns.
      if (i % 10 === 0) turns.push(locks.runExclusive(`session-${i}`, async () => -i));
    }
    await Promise.all(turns);
    expect(locks.size).toBe(10_000);
    now += HOUR + 1;
    expect(locks.sweep()).toBe(10_000);
    expect(locks.size).toBe(0);
    const exposition = parseExposition(await metrics.render());
    expect(valueOf(exposition, "maya_session_lock_evictions_total")).toBe(10_000);
    expect(valueOf(exposition, "maya_session_lock_wait_seconds_count")).toBe(11_000);
  });
});
