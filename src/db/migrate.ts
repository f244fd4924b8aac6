import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Database } from "./database.js";
import { projectPath } from "./paths.js";
import { applyMigrations } from "./schema-engine.js";
import { MENU_CATALOG } from "../bar/menu-catalog.js";

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
  return withMigrationLock(db, async (seedWith) => {
    const applied = await applyMigrations(db.adapterFactory, projectPath("prisma/migrations"));
    const menuItems = await seedMenu(seedWith);
    return { applied, menuItems };
  });
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
