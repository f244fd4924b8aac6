/**
 * tabChanged over a real graphql-ws client, on PGlite and PostgreSQL: a
 * subscriber receives every change of its own session, in version order,
 * with the right reasons and money, and nothing of another session's; a
 * socket without a valid token is refused.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Client } from "graphql-ws";
import { availableBackends, useMaya } from "../support/backends.js";
import { MayaClient } from "../support/maya.js";
import { ADD, CARD_DECLINED, CARD_OK, CHECKOUT, REMOVE, SET_TIP, SIMULATE, type PaymentShape, type TabShape } from "../support/operations.js";
import {
  TAB_CHANGED_WITH_SNAPSHOT,
  collectTabEvents,
  waitForEvents,
  waitForSubscribers,
  type Collected,
  type TabEventShape,
} from "../support/subscriptions.js";

function expectConsecutiveVersions(events: TabEventShape[]): void {
  const versions = events.map((event) => event.tab.version);
  for (let i = 1; i < versions.length; i++) {
    if (versions[i] !== versions[i - 1]! + 1) throw new Error(`versions not consecutive: ${versions.join(", ")}`);
  }
}

describe.each(await availableBackends())("tabChanged over graphql-ws on %s", (backend) => {
  const maya = useMaya(backend);
  const open: { client: Client; collected: Collected }[] = [];

  afterEach(async () => {
    for (const { client, collected } of open.splice(0)) {
      collected.stop();
      await client.dispose();
    }
  });

  function subscribe(guest: MayaClient, token: string | null = guest.token, query?: string): Collected {
    const client = guest.subscriptions(token);
    const collected = collectTabEvents(client, query);
    open.push({ client, collected });
    return collected;
  }

  it("delivers a session's own events in version order with reasons and money, and none of another's", async () => {
    const ann = await MayaClient.startSession(maya.app.url, "Ann");
    const bob = await MayaClient.startSession(maya.app.url, "Bob");
    const baseline = maya.app.services.feed.activeSubscriptions;
    const annEvents = subscribe(ann);
    const bobEvents = subscribe(bob);
    await waitForSubscribers(maya.app, baseline + 2);

    const annTab = (await ann.data<{ addToTab: TabShape }>(ADD, { item: "martini", quantity: 2 })).addToTab;
    const bobTab = (await bob.data<{ addToTab: TabShape }>(ADD, { item: "water" })).addToTab;
    await ann.data(ADD, { item: "ipa" });
    await bob.data(SET_TIP, { amount: 50 });
    await ann.data(SET_TIP, { percent: 15 });
    await ann.data(REMOVE, { line: annTab.items[0]!.id });
    const first = (await ann.data<{ checkout: PaymentShape }>(CHECKOUT)).checkout;
    await bob.data(ADD, { item: "soda" });
    await ann.data(SIMULATE, { id: first.id, card: CARD_DECLINED });
    const second = (await ann.data<{ checkout: PaymentShape }>(CHECKOUT)).checkout;
    await ann.data(SIMULATE, { id: second.id, card: CARD_OK });

    const events = await waitForEvents(annEvents, 8);
    expect(events.map((event) => event.reason)).toEqual([
      "ITEM_ADDED",
      "ITEM_ADDED",
      "TIP_CHANGED",
      "ITEM_REMOVED",
      "PAYMENT_PENDING",
      "PAYMENT_FAILED",
      "PAYMENT_PENDING",
      "PAID",
    ]);
    expectConsecutiveVersions(events);
    expect(events[0]!.tab.version).toBe(annTab.version);
    // Every event but the last is about Ann's first tab; PAID carries the new, empty one.
    expect(events.slice(0, 7).every((event) => event.tab.id === annTab.id)).toBe(true);
    expect(events[7]!.tab).toMatchObject({ status: "OPEN", items: [], totalCents: 0 });
    expect(events[7]!.tab.id).not.toBe(annTab.id);

    expect(events.map((event) => [event.tab.subtotalCents, event.tab.tipCents, event.balanceCents])).toEqual([
      [2600, 0, 100_000 - 2600],
      [3200, 0, 100_000 - 3200],
      [3200, 480, 100_000 - 3680],
      [600, 90, 100_000 - 690],
      [600, 90, 100_000 - 690],
      [600, 90, 100_000 - 690],
      [600, 90, 100_000 - 690],
      [0, 0, 100_000 - 690],
    ]);
    expect(events[2]!.message).toMatch(/15%/);
    expect(events.map((event) => event.tab.status)).toEqual([
      "OPEN",
      "OPEN",
      "OPEN",
      "OPEN",
      "PAYMENT_PENDING",
      "OPEN",
      "PAYMENT_PENDING",
      "OPEN",
    ]);
    expect(events.map((event) => event.payment && [event.payment.id, event.payment.status])).toEqual([
      null,
      null,
      null,
      null,
      [first.id, "PENDING"],
      [first.id, "FAILED"],
      [second.id, "PENDING"],
      [second.id, "SUCCEEDED"],
    ]);
    expect(events[7]!.message).toMatch(/received/i);

    // Bob's own three, and only his: Ann's last change came after all of them.
    const bobs = await waitForEvents(bobEvents, 3);
    expect(bobs.map((event) => event.reason)).toEqual(["ITEM_ADDED", "TIP_CHANGED", "ITEM_ADDED"]);
    expect(bobs.every((event) => event.tab.id === bobTab.id)).toBe(true);
    expectConsecutiveVersions(bobs);
    expect(annEvents.events).toHaveLength(8);
    expect(annEvents.errors).toEqual([]);
    expect(bobEvents.errors).toEqual([]);
  });

  it("keeps version order under a burst of concurrent changes, and every subscriber of the session gets them", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const baseline = maya.app.services.feed.activeSubscriptions;
    const first = subscribe(guest);
    const second = subscribe(guest);
    await waitForSubscribers(maya.app, baseline + 2);
    const items = ["martini", "ipa", "water", "soda", "rum"];
    await Promise.all(Array.from({ length: 15 }, (_, i) => guest.data(ADD, { item: items[i % items.length]! })));
    for (const collected of [first, second]) {
      const events = await waitForEvents(collected, 15);
      expect(events).toHaveLength(15);
      expectConsecutiveVersions(events);
      expect(events.every((event) => event.reason === "ITEM_ADDED")).toBe(true);
      // Each event's balance and tab agree (conservation as the overlay sees it).
      for (const event of events) expect(event.balanceCents + event.tab.totalCents).toBe(100_000);
    }
    expect(second.events).toEqual(first.events);
  });

  it("with snapshot: starts with the session as it is, then every change after it, with no gap and no duplicate, while writes race it", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    await guest.data(ADD, { item: "water" });
    const items = ["water", "soda", "lemonade", "iced-tea"];
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let i = 0; writing && i < 40; i += 1) await guest.data(ADD, { item: items[(writer + i) % items.length]! });
    });
    // Subscribe while the writes are landing: whatever commits around the subscription must be in the snapshot or after it.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const collected = subscribe(guest, guest.token, TAB_CHANGED_WITH_SNAPSHOT);
    await expect.poll(() => collected.events.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    writing = false;
    await Promise.all(writers);
    const final = (await guest.data<{ me: { tab: TabShape } }>(`{ me { tab { version } } }`)).me.tab.version;
    await expect.poll(() => collected.events.at(-1)?.tab.version, { timeout: 10_000 }).toBe(final);
    const [snapshot, ...after] = collected.events;
    expect(snapshot).toMatchObject({ reason: "SNAPSHOT", payment: null, message: null });
    expect(snapshot!.balanceCents + snapshot!.tab.totalCents).toBe(100_000);
    expect(after.every((event) => event.reason === "ITEM_ADDED")).toBe(true);
    expectConsecutiveVersions(collected.events);
    expect(collected.errors).toEqual([]);
  });

  it("without snapshot: a subscriber sees no SNAPSHOT message, only changes", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const baseline = maya.app.services.feed.activeSubscriptions;
    const collected = subscribe(guest);
    await waitForSubscribers(maya.app, baseline + 1);
    await guest.data(ADD, { item: "soda" });
    expect((await waitForEvents(collected, 1)).map((event) => event.reason)).toEqual(["ITEM_ADDED"]);
  });

  it.each([
    ["no token", null],
    ["a malformed token", "definitely not a token"],
    ["an unknown well-formed token", "B".repeat(43)],
  ])("refuses a subscription with %s (close 4403)", async (_name, token) => {
    const guest = new MayaClient(maya.app.url);
    const collected = subscribe(guest, token);
    await expect.poll(() => collected.failure, { timeout: 10_000 }).toBeDefined();
    expect(collected.failure).toMatchObject({ code: 4403 });
    expect(collected.events).toEqual([]);
  });
});
