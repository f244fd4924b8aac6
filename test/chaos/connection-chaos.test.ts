/**
 * Chaos on PostgreSQL: two instances on one database, 16 guests writing
 * through instance A with their live overlays (snapshot subscriptions) on
 * instance B, while every connection the apps hold is terminated
 * (pg_terminate_backend) every few seconds for a minute. Requests caught by a
 * dying connection may fail; nothing else may: every acknowledged write is in
 * the database as acknowledged, money is conserved, every overlay received
 * every change in version order (B hears A only through the outbox relay,
 * which must keep reading through the outages), and both instances report
 * ready again.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { createTestDatabase, postgresOrSkip, POSTGRES_ADMIN_URL, type TestDatabase } from "../support/postgres.js";
import { collectTabEvents, TAB_CHANGED_WITH_SNAPSHOT, type Collected } from "../support/subscriptions.js";

const onPostgres = await postgresOrSkip();
const GUESTS = 16;
const CHAOS_MS = Number(process.env.MAYA_CHAOS_SECONDS ?? 60) * 1000;
const KILL_EVERY_MS = 3000;
const START = 100_000;

const TAB = "version totalCents items { id quantity menuItem { id } }";
const ADD = `mutation { addToTab(menuItemId: "water") { ${TAB} } }`;
const REMOVE = `mutation Remove($line: ID!) { removeFromTab(tabItemId: $line) { ${TAB} } }`;

interface Ack {
  version: number;
  totalCents: number;
}

describe.runIf(onPostgres)("connections terminated under load (PostgreSQL)", () => {
  let database: TestDatabase;
  let a: MayaApp;
  let b: MayaApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startTestMaya({ kind: "postgres", url: database.url });
    b = await startTestMaya({ kind: "postgres", url: database.url });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  async function terminateAppConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      const name = new URL(database.url).pathname.slice(1);
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      return rows.length;
    } finally {
      await admin.end();
    }
  }

  it(
    "loses no acknowledged write, conserves money, delivers every event in order, and recovers",
    async () => {
      const guests = await Promise.all(Array.from({ length: GUESTS }, () => MayaClient.startSession(a.url)));
      const watchers = guests.map((guest) => {
        const client = new MayaClient(b.url, guest.token).subscriptions();
        return { client, collected: collectTabEvents(client, TAB_CHANGED_WITH_SNAPSHOT) };
      });
      await expect.poll(() => watchers.every(({ collected }) => collected.events.length > 0), { timeout: 20_000 }).toBe(true);

      const acks: Ack[][] = guests.map(() => []);
      let failed = 0;
      let stop = false;
      const writers = guests.map(async (guest, index) => {
        let line: string | null = null;
        while (!stop) {
          const result = line
            ? await guest.request<{ removeFromTab: Ack & { items: { id: string }[] } }>(REMOVE, { line }).catch(() => null)
            : await guest.request<{ addToTab: Ack & { items: { id: string }[] } }>(ADD).catch(() => null);
          const tab = result?.data ? ("removeFromTab" in result.data ? result.data.removeFromTab : result.data.addToTab) : null;
          if (!tab) {
            failed += 1;
            // Ambiguous: it may have committed. Read the tab again before deciding what to do next.
            const me = await guest.request<{ me: { tab: { items: { id: string }[] } } }>(`{ me { tab { items { id } } } }`).catch(() => null);
            if (me?.data) line = me.data.me.tab.items[0]?.id ?? null;
            await new Promise((resolve) => setTimeout(resolve, 20));
            continue;
          }
          acks[index]!.push({ version: tab.version, totalCents: tab.totalCents });
          line = tab.items[0]?.id ?? null;
        }
      });

      let kills = 0;
      const chaosEnds = Date.now() + CHAOS_MS;
      while (Date.now() < chaosEnds) {
        await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
        kills += await terminateAppConnections();
      }
      stop = true;
      await Promise.all(writers);

      // Both instances come back.
      for (const app of [a, b]) {
        await expect.poll(async () => (await fetch(`${app.url}/readyz`)).status, { timeout: 20_000 }).toBe(200);
      }

      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        let acknowledged = 0;
        for (const [index, guest] of guests.entries()) {
          const { me } = await guest.data<{ me: { id: string; balanceCents: number; tab: Ack } }>(`{ me { id balanceCents tab { version totalCents } } }`);
          // Money: nothing created or lost, whatever failed.
          expect(me.balanceCents + me.tab.totalCents).toBe(START);
          // Every acknowledged write is stored exactly as it was acknowledged.
          const { rows } = await admin.query<{ version: number; total: number }>(
            `SELECT version, (payload->'tab'->>'totalCents')::int AS total FROM tab_events WHERE session_id = $1::uuid`,
            [me.id],
          );
          const stored = new Map(rows.map((row) => [row.version, row.total]));
          for (const ack of acks[index]!) expect(stored.get(ack.version), `version ${ack.version}`).toBe(ack.totalCents);
          acknowledged += acks[index]!.length;
          // The overlay on the other instance: the snapshot, then every version up to the last, once each, in order.
          const collected: Collected = watchers[index]!.collected;
          await expect.poll(() => collected.events.at(-1)?.tab.version, { timeout: 20_000 }).toBe(me.tab.version);
          const versions = collected.events.map((event) => event.tab.version);
          const first = versions[0]!;
          expect(collected.events[0]!.reason).toBe("SNAPSHOT");
          expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => first + i));
          expect(collected.errors).toEqual([]);
        }
        console.log(
          `chaos: ${kills} connections terminated over ${CHAOS_MS / 1000} s; ${acknowledged} writes acknowledged, ${failed} failed or ambiguous; every overlay complete and in order`,
        );
        expect(kills).toBeGreaterThan(0);
        expect(acknowledged).toBeGreaterThan(GUESTS * 10);
      } finally {
        await admin.end();
        for (const { client, collected } of watchers) {
          collected.stop();
          await client.dispose();
        }
      }
    },
    CHAOS_MS + 120_000,
  );
});
