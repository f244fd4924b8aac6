/**
 * Concurrency through the real API: bursts of requests on one session and on
 * several at once lose no update, overdraw nothing and charge once; two app
 * instances on one PostgreSQL database serialise the same way and fan events
 * out to each other's subscribers (LISTEN/NOTIFY).
 */
import { readdirSync } from "node:fs";
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { projectPath } from "../../src/db/paths.js";
import { availableBackends, useMaya } from "../support/backends.js";
import { assertConserved, readLedger } from "../support/ledger.js";
import { ME_QUERY, MayaClient, startTestMaya, type GraphQLResponse } from "../support/maya.js";
import { ADD, CARD_OK, CHECKOUT, SIMULATE, type PaymentShape, type TabShape } from "../support/operations.js";
import { collectTabEvents, waitForEvents, waitForSubscribers } from "../support/subscriptions.js";

const PRICES: Record<string, number> = { martini: 1300, ipa: 600, water: 100, soda: 300, whiskey: 800 };
const ITEMS = Object.keys(PRICES);

async function me(guest: MayaClient) {
  return (await guest.data<{ me: { id: string; balanceCents: number; tab: TabShape } }>(ME_QUERY)).me;
}

/** Fires `count` single-drink orders at once, cycling through ITEMS, spread over the given clients. */
function burst(clients: MayaClient[], count: number, items = ITEMS): Promise<GraphQLResponse<{ addToTab: TabShape }>[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => clients[i % clients.length]!.request<{ addToTab: TabShape }>(ADD, { item: items[i % items.length]! })),
  );
}

function expectedQuantities(count: number, items = ITEMS): Map<string, number> {
  const quantities = new Map<string, number>();
  for (let i = 0; i < count; i++) quantities.set(items[i % items.length]!, (quantities.get(items[i % items.length]!) ?? 0) + 1);
  return quantities;
}

async function expectExactTab(app: MayaApp, guest: MayaClient, startVersion: number, count: number) {
  const after = await me(guest);
  const quantities = expectedQuantities(count);
  expect(new Map(after.tab.items.map((line) => [line.menuItem.id, line.quantity]))).toEqual(quantities);
  const subtotal = [...quantities].reduce((sum, [item, quantity]) => sum + PRICES[item]! * quantity, 0);
  expect(after.tab).toMatchObject({ subtotalCents: subtotal, totalCents: subtotal, version: startVersion + count });
  expect(after.balanceCents).toBe(100_000 - subtotal);
  // One event per change, each with its own version.
  const events = await app.db.prisma.tabEvent.findMany({ where: { sessionId: after.id }, select: { version: true }, orderBy: { id: "asc" } });
  expect(events.map((event) => event.version)).toEqual(Array.from({ length: count }, (_, i) => startVersion + 1 + i));
  assertConserved(await readLedger(app.db.prisma, after.id));
  return after;
}

describe.each(await availableBackends())("concurrent requests on %s", (backend) => {
  const maya = useMaya(backend);

  it("50 concurrent addToTab on one session: no lost update", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const start = await me(guest);
    const results = await burst([guest], 50);
    expect(results.filter((result) => result.errors)).toEqual([]);
    await expectExactTab(maya.app, guest, start.tab.version, 50);
  });

  it("50 concurrent addToTab on each of two sessions at once: both exact, neither touches the other", async () => {
    const ann = await MayaClient.startSession(maya.app.url);
    const bob = await MayaClient.startSession(maya.app.url);
    const [annStart, bobStart] = [await me(ann), await me(bob)];
    const [annResults, bobResults] = await Promise.all([burst([ann], 50), burst([bob], 50)]);
    expect([...annResults, ...bobResults].filter((result) => result.errors)).toEqual([]);
    await expectExactTab(maya.app, ann, annStart.tab.version, 50);
    await expectExactTab(maya.app, bob, bobStart.tab.version, 50);
  });

  it("a burst beyond the balance: exactly what fits lands, the rest is INSUFFICIENT_FUNDS, never negative", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    // $1000 holds 76 martinis at $13 ($988); the 77th would overdraw.
    const results = await burst([guest], 80, ["martini"]);
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? "OK");
    expect(codes.filter((code) => code === "OK")).toHaveLength(76);
    expect(codes.filter((code) => code !== "OK")).toEqual(Array(4).fill("INSUFFICIENT_FUNDS"));
    const after = await me(guest);
    expect(after.tab.items).toMatchObject([{ quantity: 76 }]);
    expect(after.balanceCents).toBe(100_000 - 76 * 1300);
    assertConserved(await readLedger(maya.app.db.prisma, after.id));
  });

  it("20 concurrent checkouts: one attempt, the same id for all, one PAYMENT_PENDING", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    await guest.data(ADD, { item: "martini", quantity: 2 });
    const before = await me(guest);
    const results = await Promise.all(Array.from({ length: 20 }, () => guest.data<{ checkout: PaymentShape }>(CHECKOUT)));
    const ids = new Set(results.map((result) => result.checkout.id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(await maya.app.db.prisma.paymentAttempt.count({ where: { tabId: before.tab.id } })).toBe(1);
    expect(results.every((result) => result.checkout.amountCents === 2600 && result.checkout.status === "PENDING")).toBe(true);
    // Everyone gets the one checkout page, the provider having been called once.
    expect(new Set(results.map((result) => result.checkout.checkoutUrl))).toEqual(new Set([results[0]!.checkout.checkoutUrl]));
    expect(results[0]!.checkout.checkoutUrl).toContain(id!);
    const after = await me(guest);
    expect(after.tab).toMatchObject({ status: "PAYMENT_PENDING", version: before.tab.version + 1 });
    expect(await maya.app.db.prisma.tabEvent.count({ where: { sessionId: after.id, reason: "PAYMENT_PENDING" } })).toBe(1);
    await guest.data(SIMULATE, { id, card: CARD_OK });
    assertConserved(await readLedger(maya.app.db.prisma, after.id));
  });

  it("orders racing a checkout: the attempt charges exactly the tab it locked", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    await guest.data(ADD, { item: "water" });
    const [orders, checkouts] = await Promise.all([
      burst([guest], 20),
      Promise.all(Array.from({ length: 5 }, () => guest.request<{ checkout: PaymentShape }>(CHECKOUT))),
    ]);
    const payment = checkouts[0]!.data!.checkout;
    expect(checkouts.every((result) => result.data?.checkout.id === payment.id)).toBe(true);
    const codes = orders.map((result) => result.errors?.[0]?.extensions?.code ?? "OK");
    expect(codes.every((code) => code === "OK" || code === "TAB_LOCKED")).toBe(true);
    const after = await me(guest);
    expect(after.tab.status).toBe("PAYMENT_PENDING");
    expect(after.tab.totalCents).toBe(payment.amountCents);
    const landed = orders.filter((result) => !result.errors).length;
    expect(after.tab.items.reduce((sum, line) => sum + line.quantity, 0)).toBe(1 + landed);
    assertConserved(await readLedger(maya.app.db.prisma, after.id));
  });
});

const postgresOnly = (await availableBackends()).includes("postgres");

describe.runIf(postgresOnly)("two app instances on one PostgreSQL database", () => {
  const maya = useMaya("postgres");
  let second: MayaApp;
  const sockets: Client[] = [];

  beforeAll(async () => {
    second = await startTestMaya({ kind: "postgres", url: maya.databaseUrl! });
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await second?.close();
  });

  it("share one migration record and the same menu", async () => {
    const migrations = readdirSync(projectPath("prisma/migrations"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(await maya.app.db.prisma.$queryRaw<{ count: number }[]>`SELECT COUNT(*)::int AS count FROM _prisma_migrations`).toEqual([
      { count: migrations.length },
    ]);
    expect(second.services.menu.items.map((item) => item.id)).toEqual(maya.app.services.menu.items.map((item) => item.id));
  });

  // Each instance queues its own half, so the two race write for write: without the lock to fall
  // back on, one instance's writer lost to the other's whole queue (about one burst in seven).
  it("serialise 50 concurrent addToTab split across both, ten times over: no lost update, no request starved", async () => {
    for (let round = 0; round < 10; round++) {
      const viaA = await MayaClient.startSession(maya.app.url);
      const viaB = new MayaClient(second.url, viaA.token);
      const start = await me(viaB);
      const results = await burst([viaA, viaB], 50);
      expect(results.filter((result) => result.errors)).toEqual([]);
      await expectExactTab(maya.app, viaA, start.tab.version, 50);
    }
  });

  it("make 20 concurrent checkouts split across both into one attempt", async () => {
    const viaA = await MayaClient.startSession(maya.app.url);
    const viaB = new MayaClient(second.url, viaA.token);
    await viaA.data(ADD, { item: "ipa", quantity: 3 });
    const tab = (await me(viaA)).tab;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? viaA : viaB).data<{ checkout: PaymentShape }>(CHECKOUT)),
    );
    expect(new Set(results.map((result) => result.checkout.id)).size).toBe(1);
    expect(await maya.app.db.prisma.paymentAttempt.count({ where: { tabId: tab.id } })).toBe(1);
  });

  it("deliver events of changes made through B to a subscriber on A, in version order", async () => {
    const viaA = await MayaClient.startSession(maya.app.url);
    const viaB = new MayaClient(second.url, viaA.token);
    const socket = viaA.subscriptions();
    sockets.push(socket);
    const baseline = maya.app.services.feed.activeSubscriptions;
    const onA = collectTabEvents(socket);
    await waitForSubscribers(maya.app, baseline + 1);

    const results = await burst([viaB], 10);
    expect(results.filter((result) => result.errors)).toEqual([]);
    const { checkout } = await viaB.data<{ checkout: PaymentShape }>(CHECKOUT);
    await viaB.data(SIMULATE, { id: checkout.id, card: CARD_OK });

    const events = await waitForEvents(onA, 12);
    expect(events.map((event) => event.reason)).toEqual([...Array(10).fill("ITEM_ADDED"), "PAYMENT_PENDING", "PAID"]);
    const versions = events.map((event) => event.tab.version);
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => versions[0]! + i));
    expect(events[11]!.payment).toMatchObject({ id: checkout.id, status: "SUCCEEDED" });
    onA.stop();
  });
});
