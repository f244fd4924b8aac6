import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/observability/metrics.js";
import { trackSubscription } from "../../src/observability/subscriptions.js";
import { parseExposition, valueOf } from "./prometheus-text.js";

async function* events(count: number, failAt?: number) {
  for (let i = 0; i < count; i++) {
    if (i === failAt) throw new Error("pubsub gone");
    yield i;
  }
}

describe("trackSubscription", () => {
  it("counts a subscription open until it ends, whichever way it ends", async () => {
    const metrics = createMetrics({ config: {}, collectDefaultMetrics: false });
    const open = async () => valueOf(parseExposition(await metrics.render()), "maya_subscriptions_active");

    const finished = trackSubscription(metrics, events(2));
    const cancelled = trackSubscription(metrics, events(10));
    const failing = trackSubscription(metrics, events(10, 1));
    expect(await open()).toBe(3);

    const seen: number[] = [];
    for await (const value of finished) seen.push(value);
    expect(seen).toEqual([0, 1]);
    expect(await open()).toBe(2);

    expect(await cancelled.next()).toEqual({ done: false, value: 0 });
    await cancelled.return?.();
    await cancelled.return?.();
    expect(await open()).toBe(1);

    await failing.next();
    await expect(failing.next()).rejects.toThrow("pubsub gone");
    expect(await open()).toBe(0);
  });
});
