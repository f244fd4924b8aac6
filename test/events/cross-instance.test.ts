/**
 * Tab events between two real instances on one PostgreSQL, the way a
 * balancer spreads a guest: the subscription on B, the writes on A. Through
 * Redis (with REDIS_URL) and through PostgreSQL NOTIFY (without): every
 * change arrives once and in order; a broker that goes away (the connection
 * to Redis cut, the LISTEN connection killed) loses nothing, since the outbox
 * is read meanwhile and caught up once it is back; and instances with a
 * subscriber each cost the database (almost) nothing while nothing changes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { ADD } from "../support/operations.js";
import { createTestDatabase, postgresOrSkip, type TestDatabase } from "../support/postgres.js";
import { redisEnv, redisSkipReason, REDIS_REQUIREMENT, REDIS_TEST_URL, uniqueRedisPrefix } from "../support/redis.js";
import { describeWhen } from "../support/requirements.js";
import { collectTabEvents, TAB_CHANGED_WITH_SNAPSHOT } from "../support/subscriptions.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";

const onPostgres = await postgresOrSkip();
const redisMissing = onPostgres ? await redisSkipReason() : "PostgreSQL is not reachable";

async function transactions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The statistics are flushed now and then; asking for a snapshot that is current.
    await client.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ count: string }>(
      "SELECT xact_commit + xact_rollback AS count FROM pg_stat_database WHERE datname = current_database()",
    );
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

/** A guest subscribed on `reader` who orders `count` drinks on `writer`: the versions that arrived, in arrival order. */
async function orderAcross(writer: MayaApp, reader: MayaApp, guest: MayaClient, count: number, during?: (index: number) => Promise<void>) {
  const socket = new MayaClient(reader.url, guest.token).subscriptions();
  const collected = collectTabEvents(socket, TAB_CHANGED_WITH_SNAPSHOT);
  try {
    await expect.poll(() => collected.events.length).toBe(1);
    const start = collected.events[0]!.tab.version;
    const writes = new MayaClient(writer.url, guest.token);
    for (let index = 0; index < count; index += 1) {
      await writes.data(ADD, { item: "water" });
      await during?.(index);
    }
    await expect.poll(() => collected.events.length, { timeout: 10_000 }).toBe(count + 1);
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing more comes
    expect(collected.errors).toEqual([]);
    return { start, versions: collected.events.map((event) => event.tab.version), last: collected.events.at(-1)! };
  } finally {
    collected.stop();
    await socket.dispose();
  }
}

function sequence(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => from + index);
}

for (const broker of ["redis", "postgres"] as const) {
  const skip = broker === "redis" ? redisMissing : onPostgres ? null : "PostgreSQL is not reachable";
  describeWhen(REDIS_REQUIREMENT, broker === "redis" ? skip : null, `tab events across instances through ${broker}`, () => {
    if (skip !== null) return;
    let database: TestDatabase;
    let redisProxy: TcpProxy | undefined;
    let a: MayaApp;
    let b: MayaApp;
    beforeAll(async () => {
      database = await createTestDatabase();
      let env: Record<string, string> = {};
      if (broker === "redis") {
        const target = new URL(REDIS_TEST_URL);
        redisProxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
        env = { ...redisEnv(uniqueRedisPrefix("events")), REDIS_URL: `redis://127.0.0.1:${redisProxy.port}` };
      }
      a = await startTestMaya({ kind: "postgres", url: database.url }, env);
      b = await startTestMaya({ kind: "postgres", url: database.url }, env);
    });
    afterEach(async () => {
      await redisProxy?.accept().catch(() => undefined);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await redisProxy?.close();
      await database?.drop();
    });

    it("delivers every change made on one instance to a subscriber on the other, once and in order", async () => {
      const guest = await MayaClient.startSession(a.url);
      const { start, versions, last } = await orderAcross(a, b, guest, 20);
      expect(versions).toEqual(sequence(start, 21));
      expect(last.tab.items.find((item) => item.menuItem.id === "water")?.quantity).toBe(20);
    });

    it("loses nothing while the broker is away, and catches up once it is back", async () => {
      const guest = await MayaClient.startSession(a.url);
      const cut = async (index: number) => {
        if (broker === "redis") {
          // Cut for the last writes: no later message can reveal what was lost.
          if (index === 12) await redisProxy!.refuse();
          if (index === 19) await redisProxy!.accept();
        } else if (index === 12 || index === 16) {
          // Every instance's LISTEN connection, killed by the database (a restart, a failover).
          const admin = new pg.Client({ connectionString: database.url });
          await admin.connect();
          await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'maya-events' AND datname = current_database()");
          await admin.end();
        }
      };
      const { start, versions } = await orderAcross(a, b, guest, 20, cut);
      expect(versions).toEqual(sequence(start, 21));
    });

    it("costs the database almost nothing while nothing changes, with a subscriber on each instance", async () => {
      const guests = await Promise.all([MayaClient.startSession(a.url), MayaClient.startSession(b.url)]);
      const sockets = [new MayaClient(a.url, guests[0].token).subscriptions(), new MayaClient(b.url, guests[1].token).subscriptions()];
      const collected = sockets.map((socket) => collectTabEvents(socket, TAB_CHANGED_WITH_SNAPSHOT));
      try {
        await expect.poll(() => collected.every((each) => each.events.length === 1)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 1000)); // settled
        const before = await transactions(database.url);
        await new Promise((resolve) => setTimeout(resolve, 4000));
        const after = await transactions(database.url);
        // Two reads of the statistics themselves are among them; the old relay made ~200/s per instance here.
        expect(after - before).toBeLessThanOrEqual(6);
      } finally {
        for (const each of collected) each.stop();
        await Promise.all(sockets.map((socket) => socket.dispose()));
      }
    });
  });
}
