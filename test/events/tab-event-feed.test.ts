/**
 * The event feed's delivery promise, without a database: each subscriber gets
 * its session's changes once each and in version order, whatever order and
 * however often they are published (this instance's commits and the relay
 * both publish); a missing version is read from the outbox; a snapshot comes
 * first and the changes after it follow with no gap and no duplicate.
 */
import { describe, expect, it } from "vitest";
import type { TabChange } from "../../src/bar/views.js";
import { TabEventFeed } from "../../src/events/tab-event-feed.js";

const SESSION = "s1";

function change(version: number, sessionId = SESSION, reason: TabChange["reason"] = "ITEM_ADDED"): TabChange {
  return {
    sessionId,
    reason,
    balanceCents: 100_000 - version,
    tab: { id: "t", status: "OPEN", items: [], subtotalCents: 0, tipPercent: null, tipCents: 0, totalCents: 0, version },
    payment: null,
    message: null,
  };
}

/** An outbox holding versions of one session, counting reads. */
function outboxOf(versions: number[]) {
  const reads: [number, number][] = [];
  return {
    reads,
    sessionChanges: async (_sessionId: string, from: number, to: number) => {
      reads.push([from, to]);
      return versions.filter((version) => version >= from && version < to).map((version) => change(version));
    },
  };
}

async function take(iterator: AsyncIterator<TabChange>, count: number, timeoutMs = 2000): Promise<number[]> {
  const versions: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const next = await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${versions.join(",")} arrived`)), timeoutMs)),
    ]);
    if (next.done) break;
    versions.push(next.value.tab.version);
  }
  return versions;
}

describe("TabEventFeed", () => {
  it("delivers each version once, in order, however the publishers interleave", async () => {
    const feed = new TabEventFeed(outboxOf([]));
    const events = feed.subscribe(SESSION);
    for (const version of [3, 3, 4, 6, 5, 4, 7, 6]) feed.publish(change(version));
    expect(await take(events, 5)).toEqual([3, 4, 5, 6, 7]);
    feed.publish(change(5));
    feed.publish(change(8, "another session"));
    feed.publish(change(8));
    expect(await take(events, 1)).toEqual([8]);
    await events.return?.();
  });

  it("reads a missing version from the outbox when a later one arrives without it", async () => {
    const outbox = outboxOf([10, 11, 12, 13]);
    const feed = new TabEventFeed(outbox);
    const events = feed.subscribe(SESSION);
    feed.publish(change(10));
    feed.publish(change(13));
    expect(await take(events, 4)).toEqual([10, 11, 12, 13]);
    expect(outbox.reads).toEqual([[11, 13]]);
    await events.return?.();
  });

  it("does not read the outbox when the missing version arrives on its own in time", async () => {
    const outbox = outboxOf([]);
    const feed = new TabEventFeed(outbox);
    const events = feed.subscribe(SESSION);
    feed.publish(change(1));
    feed.publish(change(3));
    feed.publish(change(2));
    expect(await take(events, 3)).toEqual([1, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(outbox.reads).toEqual([]);
    await events.return?.();
  });

  it("starts with the snapshot, then continues after its version: no gap, no duplicate", async () => {
    const feed = new TabEventFeed(outboxOf([6]));
    let release!: (snapshot: TabChange) => void;
    const events = feed.subscribe(SESSION, { snapshot: () => new Promise((resolve) => (release = resolve)) });
    // Changes committed while the snapshot is being read: 5 is in it, 7 comes after it (6 from the outbox).
    feed.publish(change(5));
    feed.publish(change(7));
    release(change(5, SESSION, "SNAPSHOT"));
    const first = await events.next();
    expect(first.value).toMatchObject({ reason: "SNAPSHOT", tab: { version: 5 } });
    expect(await take(events, 2)).toEqual([6, 7]);
    await events.return?.();
  });

  it("ends a subscription whose snapshot cannot be read, with the error", async () => {
    const feed = new TabEventFeed(outboxOf([]));
    let opened = 0;
    let closed = 0;
    const observed = new TabEventFeed(outboxOf([]), { subscriptionOpened: () => (opened++, () => void closed++) });
    const events = observed.subscribe(SESSION, { snapshot: () => Promise.reject(new Error("database gone")) });
    await expect(events.next()).rejects.toThrow("database gone");
    expect([opened, closed, observed.activeSubscriptions, feed.activeSubscriptions]).toEqual([1, 1, 0, 0]);
  });

  it("forgets a subscriber once it is returned, and cuts off one that never reads", async () => {
    const feed = new TabEventFeed(outboxOf([]));
    const reader = feed.subscribe(SESSION);
    await reader.return?.();
    expect(feed.activeSubscriptions).toBe(0);
    const sleeper = feed.subscribe(SESSION);
    for (let version = 1; version <= 1001; version += 1) feed.publish(change(version));
    expect(feed.activeSubscriptions).toBe(0);
    expect(await take(sleeper, 2000)).toHaveLength(1000);
  });
});
