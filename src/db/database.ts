/**
 * Opens Maya's database: real PostgreSQL when a URL is given, else an embedded
 * PostgreSQL (PGlite) kept in a local folder, so a fresh machine runs with
 * nothing installed. Both speak the same SQL and run the same migrations;
 * Prisma serves the cold paths, `sql` the statements every request runs.
 */
import { mkdir, statfs } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.js";
import { openLocked } from "./data-dir-lock.js";
import { pgliteSqlClient, poolSqlClient, type SqlClient } from "./sql.js";

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /**
   * For the schema engine (migrations). On PostgreSQL each connection it makes
   * is its own, closed when the engine is done (never one of the app's pooled
   * connections, which would keep the engine's session-level advisory lock).
   */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The hot path: one statement, one round trip, on the same connections as Prisma. */
  readonly sql: SqlClient;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  /**
   * Throws when the database cannot answer or cannot take writes: it is read-only, or (embedded) the
   * disk under its folder is (nearly) full. Without a write, so an idle instance costs nothing.
   */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://... ; unset means the embedded database. */
  databaseUrl?: string;
  /** Folder of the embedded database; "memory://" keeps it in memory (tests). */
  dataDir: string;
  /** Connections in the pool (PostgreSQL only). */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPGlite(options.dataDir);
}

async function openPostgres(connectionString: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    adapterFactory: postgresMigrationAdapter(connectionString),
    sql: poolSqlClient(pool),
    ping: async () => {
      await pool.query("SELECT 1");
    },
    checkWritable: async () => {
      const { rows } = await pool.query<{ read_only: string }>(READ_ONLY_QUERY);
      if (rows[0]?.read_only === "on") throw readOnly();
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPGlite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) await mkdir(dataDir, { recursive: true });
  const pglite = await openLocked(dataDir, () => PGlite.create({ dataDir }));
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: "pglite",
    prisma,
    adapterFactory,
    sql: pgliteSqlClient(pglite),
    ping: async () => {
      await pglite.query("SELECT 1");
    },
    checkWritable: async () => {
      if (!dataDir.startsWith("memory://")) {
        const disk = await statfs(dataDir);
        if (disk.bavail * disk.bsize < MIN_FREE_BYTES) {
          throw Object.assign(new Error(`no space left on device: under ${MIN_FREE_BYTES >> 20} MiB free under ${dataDir}`), { code: "ENOSPC" });
        }
      }
      const { rows } = await pglite.query<{ read_only: string }>(READ_ONLY_QUERY);
      if (rows[0]?.read_only === "on") throw readOnly();
    },
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** A hot standby, or default_transaction_read_only set by an operator: every write would fail. */
const READ_ONLY_QUERY = "SELECT current_setting('transaction_read_only') AS read_only";
const readOnly = () => Object.assign(new Error("the database is read-only"), { code: "25006" });
/**
 * Room for the embedded database to grow a table and its write-ahead log: with less, writes are
 * about to fail (or already do), so the instance says it is not ready.
 */
const MIN_FREE_BYTES = 16 * 1024 * 1024;

/**
 * The schema engine's way into PostgreSQL. A configuration, not the app's
 * pool: each connect() opens a one-connection pool that dispose() ends.
 *
 * Prisma's pg adapter runs a migration script by splitting it at every ";",
 * which cuts a SQL function's body apart. The migrations here define
 * functions, so a script runs whole instead, as one simple-protocol query
 * (as psql would send it) on a connection of its own, like every migration
 * statement Prisma runs outside a transaction.
 */
export function postgresMigrationAdapter(connectionString: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg({ connectionString, max: 1 });
  const executeScript = async (script: string) => {
    const client = new pg.Client({ connectionString });
    // A server that ends the connection between statements fails the script's query, never the process.
    client.on("error", () => undefined);
    await client.connect();
    try {
      await client.query(script);
    } finally {
      await client.end();
    }
  };
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, property) {
        if (property === "executeScript") return executeScript;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
