import { describe, expect, it } from "vitest";
import { CountUpQueue, interpolate, type CountUpFrame, type FrameClock } from "../../client/src/count-up-queue.js";

/** A display that only draws when the test says a frame has passed. */
class ManualClock implements FrameClock {
  time = 0;
  private callbacks: (() => void)[] = [];

  now(): number {
    return this.time;
  }

  requestFrame(callback: () => void): void {
    this.callbacks.push(callback);
  }

  get waitingFrames(): number {
    return this.callbacks.length;
  }

  /** Advances time in display frames of `frameMs`, running the frame callbacks each time. */
  advance(ms: number, frameMs = 16): void {
    const end = this.time + ms;
    while (this.time < end) {
      this.time = Math.min(end, this.time + frameMs);
      const due = this.callbacks;
      this.callbacks = [];
      for (const callback of due) callback();
    }
  }
}

type Key = "tab" | "balance";

function setup(durationMs = 500) {
  const clock = new ManualClock();
  const frames: CountUpFrame<Key, string>[] = [];
  let duration = durationMs;
  const queue = new CountUpQueue<Key, string>({
    clock,
    durationMs: () => duration,
    initial: { values: { tab: 0, balance: 100000 }, extra: "start" },
    render: (frame) => frames.push(frame),
  });
  return { clock, frames, queue, setDuration: (ms: number) => (duration = ms) };
}

describe("CountUpQueue", () => {
  it("counts from the shown value to the target over 500 ms, in whole cents, ending exactly on it", () => {
    const { clock, frames, queue } = setup();
    queue.push({ tab: 1300, balance: 98700 }, "martini");
    expect(frames[0]).toMatchObject({ stepStart: true, stepEnd: false, values: { tab: 0, balance: 100000 }, extra: "martini" });
    expect([...frames[0]!.changed].sort()).toEqual(["balance", "tab"]);

    clock.advance(250);
    const middle = frames.at(-1)!;
    expect(middle.stepEnd).toBe(false);
    expect(middle.values.tab).toBeGreaterThan(0);
    expect(middle.values.tab).toBeLessThan(1300);
    expect(middle.values.balance).toBeLessThan(100000);
    expect(middle.values.balance).toBeGreaterThan(98700);

    clock.advance(240);
    expect(queue.animating).toBe(true);
    clock.advance(10);
    expect(frames.at(-1)).toMatchObject({ stepEnd: true, values: { tab: 1300, balance: 98700 } });
    expect(queue.animating).toBe(false);
    expect(clock.waitingFrames).toBe(0);
    for (const frame of frames) {
      expect(Number.isInteger(frame.values.tab)).toBe(true);
      expect(Number.isInteger(frame.values.balance)).toBe(true);
    }
  });

  it("is monotonic while counting up or down", () => {
    const { clock, frames, queue } = setup();
    queue.push({ tab: 5000, balance: 95000 }, "a");
    clock.advance(600, 7);
    const tabs = frames.map((frame) => frame.values.tab);
    const balances = frames.map((frame) => frame.values.balance);
    expect(tabs).toEqual([...tabs].sort((a, b) => a - b));
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
  });

  it("queues changes that arrive mid-animation and never overlaps them", () => {
    const { clock, frames, queue } = setup();
    queue.push({ tab: 1300, balance: 98700 }, "first");
    clock.advance(100);
    queue.push({ tab: 2500, balance: 97500 }, "second");
    queue.push({ tab: 2500, balance: 97000 }, "third");
    expect(queue.pending).toBe(2);

    clock.advance(400);
    // The first step finished on its own target before the second began.
    const firstEnd = frames.findIndex((frame) => frame.stepEnd && frame.extra === "first");
    const secondStart = frames.findIndex((frame) => frame.stepStart && frame.extra === "second");
    expect(firstEnd).toBeGreaterThan(-1);
    expect(frames[firstEnd]!.values).toEqual({ tab: 1300, balance: 98700 });
    expect(secondStart).toBe(firstEnd + 1);
    expect(frames[secondStart]!.values).toEqual({ tab: 1300, balance: 98700 });

    clock.advance(500);
    const thirdStart = frames.find((frame) => frame.stepStart && frame.extra === "third")!;
    expect([...thirdStart.changed]).toEqual(["balance"]);
    clock.advance(500);
    expect(frames.at(-1)).toMatchObject({ stepEnd: true, extra: "third", values: { tab: 2500, balance: 97000 } });
    expect(queue.pending).toBe(0);

    // Steps are strictly sequential: each start follows the previous end.
    const marks = frames.filter((frame) => frame.stepStart || frame.stepEnd).map((frame) => `${frame.extra}:${frame.stepStart ? "start" : "end"}`);
    expect(marks).toEqual(["first:start", "first:end", "second:start", "second:end", "third:start", "third:end"]);
  });

  it("applies a change with no moving number at once, keeping its place in the queue", () => {
    const { clock, frames, queue } = setup();
    queue.push({ tab: 1300, balance: 98700 }, "item");
    queue.push({ tab: 1300, balance: 98700 }, "locked");
    expect(frames.some((frame) => frame.extra === "locked")).toBe(false);
    clock.advance(500);
    expect(frames.at(-1)).toMatchObject({ extra: "locked", stepStart: true, stepEnd: true });
    expect(frames.at(-1)!.changed.size).toBe(0);
  });

  it("skips the animation when motion is reduced", () => {
    const { clock, frames, queue } = setup(0);
    queue.push({ tab: 1300, balance: 98700 }, "a");
    queue.push({ tab: 2600, balance: 97400 }, "b");
    expect(frames.map((frame) => [frame.extra, frame.values.tab, frame.stepEnd])).toEqual([
      ["a", 1300, true],
      ["b", 2600, true],
    ]);
    expect(frames[0]!.changed.size).toBe(2);
    expect(clock.waitingFrames).toBe(0);
  });

  it("reads the duration per step, so reduced motion applies from the next change on", () => {
    const { clock, frames, queue, setDuration } = setup();
    queue.push({ tab: 100, balance: 99900 }, "slow");
    queue.push({ tab: 200, balance: 99800 }, "instant");
    setDuration(0);
    clock.advance(500);
    expect(frames.at(-1)).toMatchObject({ extra: "instant", values: { tab: 200 }, stepEnd: true });
  });

  it("reset drops the queue and shows the values at once", () => {
    const { clock, frames, queue } = setup();
    queue.push({ tab: 1300, balance: 98700 }, "a");
    queue.push({ tab: 2600, balance: 97400 }, "b");
    queue.reset({ tab: 0, balance: 100000 }, "fresh");
    expect(frames.at(-1)).toMatchObject({ extra: "fresh", values: { tab: 0, balance: 100000 }, stepEnd: true });
    clock.advance(2000);
    expect(frames.at(-1)!.extra).toBe("fresh");
    expect(queue.values).toEqual({ tab: 0, balance: 100000 });
  });
});

describe("interpolate", () => {
  it("rounds to whole cents", () => {
    expect(interpolate({ a: 0 }, { a: 3 }, 0.5)).toEqual({ a: 2 });
    expect(interpolate({ a: 100 }, { a: 0 }, 0.333)).toEqual({ a: 67 });
  });
});
