/**
 * Opens Maya's database: real PostgreSQL when a URL is given, else an embedded
 * PostgreSQL (PGlite) kept in a local folder, so a fresh machine runs with
 * nothing installed. Both speak the same SQL, run the same migrations and
 * deliver LISTEN/NOTIFY, which is how tab events reach every app instance.
 */
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.js";
import { openLocked } from "./data-dir-lock.js";

export type DatabaseKind = "postgres" | "pglite";

export type Unlisten = () => Promise<void>;

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /**
   * For the schema engine (migrations). On PostgreSQL each connection it makes
   * is its own, closed when the engine is done (never one of the app's pooled
   * connections, which would keep the engine's session-level advisory lock).
   */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Receives NOTIFY payloads sent on `channel` by any connection, after their transaction commits. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<Unlisten>;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
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
  const listener = new PostgresListener(connectionString);
  return {
    kind: "postgres",
    prisma,
    // A configuration, not the pool: each connect() opens a one-connection pool that dispose() ends.
    adapterFactory: new PrismaPg({ connectionString, max: 1 }),
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    ping: async () => {
      await pool.query("SELECT 1");
    },
    close: async () => {
      await listener.close();
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
    listen: async (channel, onPayload) => {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    ping: async () => {
      await pglite.query("SELECT 1");
    },
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * One dedicated connection for LISTEN (a pooled one would lose its
 * subscriptions when returned). Reconnects with a delay if the server drops it.
 */
class PostgresListener {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly connectionString: string) {}

  async listen(channel: string, onPayload: (payload: string) => void): Promise<Unlisten> {
    let handlers = this.handlers.get(channel);
    const firstOnChannel = !handlers;
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
    }
    handlers.add(onPayload);
    const client = await this.connect();
    if (firstOnChannel) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return async () => {
      handlers.delete(onPayload);
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on("notification", (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? "");
      });
      client.on("error", () => this.dropAndReconnect(client));
      client.on("end", () => this.dropAndReconnect(client));
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private dropAndReconnect(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch(() => this.dropAndReconnect(client));
    }, 1000);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
