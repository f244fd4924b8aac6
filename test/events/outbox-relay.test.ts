/**
 * The outbox relay on real PostgreSQL (it runs only there): it reads every
 * committed row once, including a row whose id was taken before a higher one
 * but committed after it; an id skipped over by the broker's messages is read
 * from the outbox; a read that fails is retried from where it was, reporting
 * the relay unhealthy meanwhile, and nothing committed in between is missed;
 * and nothing reads the outbox while nothing happens.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { SqlOutboxRepository, type OutboxRepository, type OutboxRow } from "../../src/events/outbox.repository.js";
import { OutboxRelay, type ReadCause } from "../../src/events/outbox-relay.js";
import { useMigratedDatabase } from "../support/database.js";
import { postgresOrSkip } from "../support/postgres.js";

const onPostgres = await postgresOrSkip();

describe.runIf(onPostgres)("OutboxRelay on PostgreSQL", () => {
  const fixture = useMigratedDatabase("postgres");
  const relays: OutboxRelay[] = [];
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });

  async function newSession(): Promise<string> {
    const { id } = await fixture.db.prisma.session.create({
      data: { tokenHash: randomUUID(), startingBalanceCents: 1, balanceCents: 1, tabs: { create: {} } },
      select: { id: true },
    });
    return id;
  }

  const payload = (sessionId: string, version: number) =>
    JSON.stringify({ sessionId, reason: "ITEM_ADDED", balanceCents: 0, tab: { version }, payment: null, message: null });

  async function insertRow(sessionId: string, version: number): Promise<void> {
    await fixture.db.prisma.$executeRawUnsafe(
      `INSERT INTO tab_events (session_id, version, reason, payload) VALUES ($1::uuid, $2, 'ITEM_ADDED', $3::jsonb)`,
      sessionId,
      version,
      payload(sessionId, version),
    );
  }

  function startRelay(outbox: Pick<OutboxRepository, "lastId" | "rowsAfter">) {
    const seen: OutboxRow[] = [];
    const reads: ReadCause[] = [];
    const relay = new OutboxRelay(outbox, (row) => seen.push(row), { read: (cause) => reads.push(cause) }, {
      gapCheckMs: 20,
      gapCheckMaxMs: 200,
      fallbackPollMs: 5,
      gapTimeoutMs: 60_000,
      batchSize: 100,
    });
    relays.push(relay);
    return { relay, seen, reads };
  }

  async function lastRow(): Promise<OutboxRow> {
    const [row] = await new SqlOutboxRepository(fixture.db.sql).rowsAfter(0, [], 1_000_000).then((rows) => rows.slice(-1));
    if (!row) throw new Error("the outbox is empty");
    return row;
  }

  it("delivers a row committed after a higher id was already read, once", async () => {
    const outbox = new SqlOutboxRepository(fixture.db.sql);
    const { relay, seen } = startRelay(outbox);
    await relay.start();
    // No broker: the outbox is read on a timer, as while a broker is away.
    relay.brokerDown();
    const [slow, fast] = [await newSession(), await newSession()];
    // A transaction takes an id and holds it uncommitted while another commits a higher one.
    let commitSlow!: () => void;
    const slowDone = fixture.db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO tab_events (session_id, version, reason, payload) VALUES ($1::uuid, 2, 'ITEM_ADDED', $2::jsonb)`,
          slow,
          payload(slow, 2),
        );
        await new Promise<void>((resolve) => (commitSlow = resolve));
      },
      { timeout: 20_000 },
    );
    await expect.poll(() => typeof commitSlow).toBe("function");
    await insertRow(fast, 2);
    await expect.poll(() => seen.map((row) => row.sessionId)).toEqual([fast]);
    commitSlow();
    await slowDone;
    await expect.poll(() => seen.map((row) => row.sessionId)).toEqual([fast, slow]);
    await relay.catchUp();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ sessionId: slow, version: 2, change: { tab: { version: 2 } } });
  });

  it("retries a failing read from where it was, unhealthy meanwhile, and misses nothing", async () => {
    const real = new SqlOutboxRepository(fixture.db.sql);
    let failing = false;
    const flaky: Pick<OutboxRepository, "lastId" | "rowsAfter"> = {
      lastId: () => real.lastId(),
      rowsAfter: (...args) => (failing ? Promise.reject(new Error("connection terminated")) : real.rowsAfter(...args)),
    };
    const { relay, seen } = startRelay(flaky);
    await relay.start();
    relay.brokerDown();
    const session = await newSession();
    await insertRow(session, 2);
    await expect.poll(() => seen.length).toBe(1);
    expect(relay.healthy).toBe(true);
    failing = true;
    await expect.poll(() => relay.healthy).toBe(false);
    await insertRow(session, 3);
    await insertRow(session, 4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(1);
    failing = false;
    await expect.poll(() => seen.map((row) => row.version), { timeout: 5_000 }).toEqual([2, 3, 4]);
    expect(relay.healthy).toBe(true);
  });

  it("delivers what the broker brings once, reads an id it skipped from the outbox, and reads nothing while idle", async () => {
    const { relay, seen, reads } = startRelay(new SqlOutboxRepository(fixture.db.sql));
    await relay.start();
    const session = await newSession();
    await insertRow(session, 2);
    const first = await lastRow();
    await insertRow(session, 3); // its message is lost
    const lost = await lastRow();
    await insertRow(session, 4);
    const third = await lastRow();
    relay.receive(first);
    relay.receive(first);
    relay.receive(third);
    expect(seen.map((row) => row.version)).toEqual([2, 4]);
    expect(relay.missingIds).toBe(1);
    // The skipped id is read from the outbox after the check delay, once.
    await expect.poll(() => seen.map((row) => row.version)).toEqual([2, 4, 3]);
    expect(seen[2]).toMatchObject({ id: lost.id, sessionId: session });
    expect(relay.missingIds).toBe(0);
    relay.receive(lost); // its message, late
    expect(seen).toHaveLength(3);
    // Nothing missing, nothing changing: no read at all.
    const readsBefore = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reads.length).toBe(readsBefore);
    expect(reads).toEqual(["gap"]);
  });

  it("while the broker is away reads on a timer, and once it is back catches up and stops reading", async () => {
    const { relay, seen, reads } = startRelay(new SqlOutboxRepository(fixture.db.sql));
    await relay.start();
    const session = await newSession();
    relay.brokerDown();
    await insertRow(session, 2);
    await expect.poll(() => seen.map((row) => row.version)).toEqual([2]);
    await insertRow(session, 3);
    await relay.brokerUp();
    expect(seen.map((row) => row.version)).toEqual([2, 3]);
    const readsAfter = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads.length).toBe(readsAfter);
  });
});

describe("OutboxRelay, a read asked for while one runs", () => {
  it("resolves only after the read that runs again, which sees what was committed meanwhile", async () => {
    const committed: OutboxRow[] = [];
    const row = (id: number) => ({ id, sessionId: "s", version: id, change: {} as OutboxRow["change"] });
    let release: () => void = () => {};
    let reads = 0;
    const outbox = {
      lastId: async () => 0,
      rowsAfter: async (after: number) => {
        reads += 1;
        // The first read sees the outbox as it was when it started, and is slow.
        const snapshot = committed.filter((entry) => entry.id > after);
        if (reads === 1) await new Promise<void>((resolve) => (release = resolve));
        // Every read takes a moment, as a database's does.
        await new Promise((resolve) => setTimeout(resolve, 5));
        return snapshot;
      },
    };
    const seen: number[] = [];
    const relay = new OutboxRelay(outbox, (delivered) => seen.push(delivered.id));
    await relay.start();
    committed.push(row(1));
    const first = relay.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 10));
    committed.push(row(2));
    const second = relay.catchUp();
    release();
    await first;
    await second;
    expect(seen).toEqual([1, 2]);
    expect(reads).toBe(2);
    await relay.stop();
  });
});
