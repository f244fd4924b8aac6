/**
 * The wasm schema engine wrapper (src/db/schema-engine.ts) against both
 * databases: migrations apply from empty, the hand-written invariants (CHECK
 * constraints, partial unique indexes) exist and fire, `_prisma_migrations`
 * records them, a second run applies nothing, and prisma/schema.prisma agrees
 * with the migrations (no drift).
 */
import { readdir, readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresMigrationAdapter } from "../../src/db/database.js";
import { projectPath } from "../../src/db/paths.js";
import { applyMigrations, diffMigrationsToSchema, readMigrationList } from "../../src/db/schema-engine.js";
import { availableBackends, type BackendName } from "../support/backends.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";

const MIGRATIONS_DIR = projectPath("prisma/migrations");
const SCHEMA_PATH = projectPath("prisma/schema.prisma");

const TABLES = [
  "_prisma_migrations",
  "menu_items",
  "messages",
  "overlay_tokens",
  "payment_attempts",
  "processed_webhook_events",
  "sessions",
  "tab_events",
  "tab_items",
  "tabs",
];
const PARTIAL_UNIQUE_INDEXES = ["payment_attempts_one_pending_per_tab", "tabs_one_current_per_session"];

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

/** Every CHECK constraint and partial unique index the migrations write by hand. */
async function handWrittenInvariants(): Promise<{ checks: string[]; partialIndexes: string[] }> {
  const sql = (await Promise.all((await migrationNames()).map((name) => readFile(`${MIGRATIONS_DIR}/${name}/migration.sql`, "utf8")))).join("\n");
  const checks = [...sql.matchAll(/ADD CONSTRAINT "(\w+)" CHECK/g)].map((match) => match[1]!);
  const partialIndexes = [...sql.matchAll(/CREATE UNIQUE INDEX "(\w+)" ON [^;]* WHERE /g)].map((match) => match[1]!);
  return { checks, partialIndexes };
}

interface RawDatabase {
  adapter: SqlMigrationAwareDriverAdapterFactory;
  query<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function openRaw(backend: BackendName): Promise<RawDatabase> {
  if (backend === "pglite") {
    const pglite = await PGlite.create();
    return {
      adapter: new PrismaPGlite(pglite),
      query: async <T>(sql: string) => (await pglite.query<T>(sql)).rows,
      close: () => pglite.close(),
    };
  }
  const database: TestDatabase = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // Dropping the database (WITH FORCE) terminates a connection still closing: an error event, not a crash of the run.
  pool.on("error", () => undefined);
  return {
    // As src/db/database.ts gives it: the engine's own connections, closed when it is done.
    adapter: postgresMigrationAdapter(database.url),
    query: async <T>(sql: string) => (await pool.query(sql)).rows as T[],
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

describe.each(await availableBackends())("migrations from empty on %s", (backend) => {
  let db: RawDatabase;
  let firstRun: string[];
  beforeAll(async () => {
    db = await openRaw(backend);
    firstRun = await applyMigrations(db.adapter, MIGRATIONS_DIR);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("applies every migration folder, in order", async () => {
    expect(firstRun).toEqual(await migrationNames());
    expect(firstRun.length).toBeGreaterThan(0);
  });

  it("creates the tables", async () => {
    const rows = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual(TABLES);
  });

  it("creates every hand-written CHECK constraint and partial unique index", async () => {
    const { checks, partialIndexes } = await handWrittenInvariants();
    expect(checks).toContain("sessions_balance_non_negative");
    expect(checks).toContain("tabs_total_is_subtotal_plus_tip");
    expect(partialIndexes.sort()).toEqual(PARTIAL_UNIQUE_INDEXES);

    const constraints = await db.query<{ conname: string }>(`SELECT conname FROM pg_constraint WHERE contype = 'c'`);
    const present = new Set(constraints.map((row) => row.conname));
    expect(checks.filter((name) => !present.has(name))).toEqual([]);

    const indexes = await db.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname IN (${PARTIAL_UNIQUE_INDEXES.map((name) => `'${name}'`).join(", ")}) ORDER BY indexname`,
    );
    expect(indexes.map((row) => row.indexname)).toEqual(PARTIAL_UNIQUE_INDEXES);
    for (const index of indexes) expect(index.indexdef).toMatch(/^CREATE UNIQUE INDEX .* WHERE /);
  });

  it("records the migrations in _prisma_migrations as finished", async () => {
    const rows = await db.query<{ migration_name: string; finished: boolean; rolled_back: boolean; checksum: string }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, checksum
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(await migrationNames());
    for (const row of rows) {
      expect(row.finished).toBe(true);
      expect(row.rolled_back).toBe(false);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  // PGlite is one connection for one process: the engine's lock there is re-entrant and harmless.
  it.runIf(backend === "postgres")("leaves no lock behind for another instance to wait on", async () => {
    const held = await db.query<{ objid: number }>(
      `SELECT l.objid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND a.datname = current_database()`,
    );
    expect(held).toEqual([]);
  });

  it("applies nothing on a second run", async () => {
    expect(await applyMigrations(db.adapter, MIGRATIONS_DIR)).toEqual([]);
    const rows = await db.query<{ count: number }>(`SELECT COUNT(*)::int AS count FROM _prisma_migrations`);
    expect(rows[0]?.count).toBe((await migrationNames()).length);
  });

  it("enforces the invariants in the database itself", async () => {
    const insertSession = (balance: number) =>
      db.query(
        `INSERT INTO sessions (id, token_hash, starting_balance_cents, balance_cents)
         VALUES (gen_random_uuid(), md5(random()::text), 100, ${balance}) RETURNING id`,
      );
    await expect(insertSession(-1)).rejects.toThrow(/sessions_balance_non_negative/);
    const [session] = await insertSession(100) as { id: string }[];
    await db.query(`INSERT INTO tabs (id, session_id) VALUES (gen_random_uuid(), '${session!.id}')`);
    await expect(db.query(`INSERT INTO tabs (id, session_id) VALUES (gen_random_uuid(), '${session!.id}')`)).rejects.toThrow(
      /tabs_one_current_per_session/,
    );
    await expect(
      db.query(
        `INSERT INTO tabs (id, session_id, status, subtotal_cents, tip_cents, total_cents)
         VALUES (gen_random_uuid(), '${session!.id}', 'PAID', 100, 10, 100)`,
      ),
    ).rejects.toThrow(/tabs_total_is_subtotal_plus_tip/);
    // A second tab is fine once the first is paid.
    await db.query(`UPDATE tabs SET status = 'PAID' WHERE session_id = '${session!.id}'`);
    await db.query(`INSERT INTO tabs (id, session_id) VALUES (gen_random_uuid(), '${session!.id}')`);
  });
});

describe("prisma/schema.prisma and the migrations", () => {
  it("reads the migrations in Prisma's layout", async () => {
    const list = await readMigrationList(MIGRATIONS_DIR);
    expect(list.migrationDirectories.map((dir) => dir.path)).toEqual(await migrationNames());
    expect(list.lockfile.content).toMatch(/provider = "postgresql"/);
    for (const dir of list.migrationDirectories) expect(dir.migrationFile.content.tag).toBe("ok");
  });

  it("agree on every table and column (no drift; run npm run db:diff to see it)", async () => {
    const shadow = await PGlite.create();
    let sql: string;
    try {
      sql = await diffMigrationsToSchema(new PrismaPGlite(shadow), MIGRATIONS_DIR, SCHEMA_PATH);
    } finally {
      await shadow.close();
    }
    const statements = sql
      .split("\n")
      .filter((line) => !line.trim().startsWith("--"))
      .join("\n")
      .split(";")
      .map((statement) => statement.trim())
      .filter(Boolean);
    expect(statements.filter((statement) => /CREATE TABLE|ADD COLUMN|DROP COLUMN|ALTER COLUMN|CREATE TYPE/i.test(statement))).toEqual([]);
    // The only acceptable difference: the hand-written invariants, which schema.prisma cannot express.
    const { checks, partialIndexes } = await handWrittenInvariants();
    const handWritten = [...checks, ...partialIndexes];
    const unexplained = statements.filter((statement) => !handWritten.some((name) => statement.includes(`"${name}"`)));
    expect(unexplained).toEqual([]);
  });
});
