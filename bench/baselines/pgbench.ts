/**
 * The database's own speed for one order turn, the baseline for tab writes:
 * pgbench runs the turn's SQL (lock the session, insert a line, update the
 * tab and the balance) on Maya's own tables in the bench's database, one
 * session per client so no client waits for another's lock.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

const ORDER_TURN = `
BEGIN;
SELECT s.balance_cents FROM sessions s JOIN bench_clients c ON c.session_id = s.id WHERE c.cid = :client_id FOR UPDATE OF s;
INSERT INTO tab_items (id, tab_id, menu_item_id, quantity, modifiers, unit_price_cents) SELECT gen_random_uuid(), tab_id, 'water', 1, '{}', 100 FROM bench_clients WHERE cid = :client_id;
UPDATE tabs SET subtotal_cents = subtotal_cents + 100, total_cents = total_cents + 100, version = version + 1 WHERE id = (SELECT tab_id FROM bench_clients WHERE cid = :client_id);
UPDATE sessions SET balance_cents = balance_cents - 100 WHERE id = (SELECT session_id FROM bench_clients WHERE cid = :client_id);
COMMIT;
`;

export interface PgbenchResult {
  tps: number;
  clients: number;
  seconds: number;
}

/** `databaseUrl` must already hold Maya's schema (a Maya has migrated it). */
export async function runOrderTurnPgbench(databaseUrl: string, clients: number, seconds: number): Promise<PgbenchResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      DROP TABLE IF EXISTS bench_clients;
      CREATE TABLE bench_clients (cid int PRIMARY KEY, session_id uuid NOT NULL, tab_id uuid NOT NULL)`);
    for (let cid = 0; cid < clients; cid += 1) {
      await client.query(
        `WITH s AS (
           INSERT INTO sessions (id, token_hash, starting_balance_cents, balance_cents)
           VALUES (gen_random_uuid(), 'pgbench-' || gen_random_uuid(), 2000000000, 2000000000) RETURNING id),
         t AS (INSERT INTO tabs (id, session_id, updated_at) SELECT gen_random_uuid(), id, now() FROM s RETURNING id, session_id)
         INSERT INTO bench_clients (cid, session_id, tab_id) SELECT $1, session_id, id FROM t`,
        [cid],
      );
    }
  } finally {
    await client.end();
  }
  const folder = await mkdtemp(join(tmpdir(), "maya-pgbench-"));
  try {
    const script = join(folder, "order-turn.sql");
    await writeFile(script, ORDER_TURN);
    const url = new URL(databaseUrl);
    const { stdout } = await run(
      "pgbench",
      ["-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username) || "postgres", "-n", "-c", String(clients), "-j", "2", "-T", String(seconds), "-f", script, url.pathname.slice(1)],
      { env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } },
    );
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return { tps: Number(match[1]), clients, seconds };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
