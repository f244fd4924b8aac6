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
  return withMigrationLock(db, async () => {
    const applied = await applyMigrations(db.adapterFactory, projectPath("prisma/migrations"));
    const menuItems = await seedMenu(db);
    return { applied, menuItems };
  });
}

async function withMigrationLock<T>(db: Database, run: () => Promise<T>): Promise<T> {
  if (db.kind === "pglite") return run(); // one process owns an embedded database
  // A transaction-scoped lock, held by this open transaction while the engine
  // works on its own connections; it is released however the work ends.
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
      return run();
    },
    { maxWait: 60_000, timeout: 300_000 },
  );
}

/** Upserts the shipped menu: idempotent, and a price change in the catalog reaches the database. */
async function seedMenu(db: Database): Promise<number> {
  await db.prisma.$transaction(
    MENU_CATALOG.map(({ id, ...fields }) =>
      db.prisma.menuItem.upsert({ where: { id }, create: { id, ...fields }, update: fields }),
    ),
  );
  return MENU_CATALOG.length;
}
