import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Database } from "./database.js";
import { projectPath } from "./paths.js";
import { createHash } from "node:crypto";
import { applyMigrations, readMigrationList } from "./schema-engine.js";
import { MENU_CATALOG } from "../bar/menu-catalog.js";
import { readMenu } from "../bar/menu.repository.js";

/** Any constant will do: it only has to be the same in every Maya instance. */
const MIGRATION_LOCK_KEY = 7_364_921;

export interface MigrationReport {
  applied: string[];
  menuItems: number;
}

/**
 * Brings the schema up to date and seeds the menu. Safe to run from several
 * instances at once: on PostgreSQL they queue on an advisory lock.
 */
export async function migrateAndSeed(db: Database): Promise<MigrationReport> {
  const migrationsDir = projectPath("prisma/migrations");
  // Most starts find the schema current and the menu as shipped: then neither the schema engine (a
  // large WebAssembly module) nor Prisma's query engine is loaded for it, and no lock is taken.
  const current = await allApplied(db, migrationsDir);
  if (current && (await menuIsAsShipped(db))) return { applied: [], menuItems: MENU_CATALOG.length };
  return withMigrationLock(db, async (seedWith) => {
    const applied = current ? [] : await applyMigrations(db.adapterFactory, migrationsDir);
    const menuItems = await seedMenu(seedWith);
    return { applied, menuItems };
  });
}

/** The menu table holds exactly the shipped catalog (a seed would change nothing). */
async function menuIsAsShipped(db: Database): Promise<boolean> {
  const rows = await readMenu(db.sql).catch(() => null);
  if (!rows || rows.length !== MENU_CATALOG.length) return false;
  const shipped = [...MENU_CATALOG].sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
  const fields = (item: Record<string, unknown>) => JSON.stringify(MENU_FIELDS.map((field) => item[field]));
  return shipped.every((item, index) => fields(rows[index] as unknown as Record<string, unknown>) === fields(item as unknown as Record<string, unknown>));
}

const MENU_FIELDS = ["id", "name", "category", "priceCents", "description", "aliases", "modifiers", "servingChoices", "tags", "sortOrder"] as const;

const APPLIED_MIGRATIONS = {
  name: "maya_applied_migrations",
  text: `SELECT "migration_name" AS name, "checksum" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
};

/**
 * Whether every migration folder is recorded as applied with the checksum Prisma records (the
 * SHA-256 of its migration.sql): then the engine would apply nothing. Anything else (no table yet,
 * a new or an edited migration) goes to the engine, which applies, or refuses, as it always does.
 */
async function allApplied(db: Database, migrationsDir: string): Promise<boolean> {
  const rows = await db.sql.query<{ name: string; checksum: string }>(APPLIED_MIGRATIONS, []).catch(() => null);
  if (!rows) return false;
  const applied = new Map(rows.map((row) => [row.name, row.checksum]));
  const { migrationDirectories } = await readMigrationList(migrationsDir);
  return migrationDirectories.every(
    ({ path, migrationFile }) =>
      migrationFile.content.tag === "ok" &&
      applied.get(path) === createHash("sha256").update(migrationFile.content.value).digest("hex"),
  );
}

/** What to seed with: the lock's own open transaction on PostgreSQL, else the app's client. */
type SeedClient = { client: PrismaClient } | { transaction: Prisma.TransactionClient };

async function withMigrationLock<T>(db: Database, run: (seedWith: SeedClient) => Promise<T>): Promise<T> {
  if (db.kind === "pglite") return run({ client: db.prisma }); // one process owns an embedded database
  // A transaction-scoped lock, held by this open transaction while the engine
  // works on its own connections; it is released however the work ends. The
  // seed runs in this same transaction, so it needs no second pooled
  // connection (a pool of one would wait for itself).
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
      return run({ transaction: tx });
    },
    { maxWait: 60_000, timeout: 300_000 },
  );
}

/** Upserts the shipped menu, all or nothing: idempotent, and a price change in the catalog reaches the database. */
async function seedMenu(seedWith: SeedClient): Promise<number> {
  const upsert = (db: Prisma.TransactionClient, { id, ...fields }: (typeof MENU_CATALOG)[number]) =>
    db.menuItem.upsert({ where: { id }, create: { id, ...fields }, update: fields });
  if ("transaction" in seedWith) {
    for (const item of MENU_CATALOG) await upsert(seedWith.transaction, item);
  } else {
    await seedWith.client.$transaction(MENU_CATALOG.map((item) => upsert(seedWith.client, item)));
  }
  return MENU_CATALOG.length;
}
