/**
 * migrateAndSeed, as every app start runs it: migrations plus the menu seed,
 * idempotent, and safe when several instances start at once on one
 * PostgreSQL database (they queue on an advisory lock).
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { openDatabase } from "../../src/db/database.js";
import { migrateAndSeed } from "../../src/db/migrate.js";
import { availableBackends } from "../support/backends.js";
import { createTestDatabase } from "../support/postgres.js";

const onPostgres = (await availableBackends()).includes("postgres");

describe("migrateAndSeed", () => {
  it("on an empty PGlite: applies the migrations and seeds the menu once; a second run applies nothing", async () => {
    const db = await openDatabase({ dataDir: "memory://" });
    try {
      const first = await migrateAndSeed(db);
      expect(first.applied.length).toBeGreaterThan(0);
      expect(first.menuItems).toBe(MENU_CATALOG.length);
      const second = await migrateAndSeed(db);
      expect(second).toEqual({ applied: [], menuItems: MENU_CATALOG.length });
      expect(await db.prisma.menuItem.count()).toBe(20);
    } finally {
      await db.close();
    }
  });

  it.runIf(onPostgres)(
    "on PostgreSQL: three instances starting at once apply the migrations exactly once",
    async () => {
      const database = await createTestDatabase();
      const dbs = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: database.url, dataDir: "unused", poolSize: 3 })));
      try {
        const reports = await Promise.all(dbs.map((db) => migrateAndSeed(db)));
        const applied = reports.map((report) => report.applied.length);
        expect(applied.filter((count) => count > 0)).toHaveLength(1);
        expect(applied.filter((count) => count === 0)).toHaveLength(2);
        const [row] = await dbs[0]!.prisma.$queryRaw<{ count: number }[]>`SELECT COUNT(*)::int AS count FROM _prisma_migrations`;
        expect(row?.count).toBe(Math.max(...applied));
        expect(await dbs[0]!.prisma.menuItem.count()).toBe(20);
        // A price changed in the database is put back by the seed (the catalog is the source).
        await dbs[0]!.prisma.menuItem.update({ where: { id: "martini" }, data: { priceCents: 1 } });
        await migrateAndSeed(dbs[1]!);
        expect((await dbs[0]!.prisma.menuItem.findUniqueOrThrow({ where: { id: "martini" } })).priceCents).toBe(1300);
      } finally {
        for (const db of dbs) await db.close();
        await database.drop();
      }
    },
  );

  it.runIf(onPostgres)("on PostgreSQL: leaves no advisory lock held once done, so the next instance need not wait", async () => {
    const database = await createTestDatabase();
    const db = await openDatabase({ databaseUrl: database.url, dataDir: "unused", poolSize: 4 });
    const observer = new pg.Client({ connectionString: database.url });
    await observer.connect();
    try {
      await migrateAndSeed(db);
      // The app stays up with its pool open; nothing it keeps may still hold a migration lock
      // (Prisma's engine takes pg_advisory_lock(72707369) and waits 10 s for it on the next start).
      const held = await observer.query(
        `SELECT l.objid, a.state FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()`,
      );
      expect(held.rows).toEqual([]);
      await db.prisma.menuItem.count(); // the app's own pool still works
    } finally {
      await observer.end();
      await db.close();
      await database.drop();
    }
  });

  it.runIf(onPostgres)("on PostgreSQL: works with a pool of one connection (MAYA_DB_POOL_SIZE=1)", async () => {
    const database = await createTestDatabase();
    const db = await openDatabase({ databaseUrl: database.url, dataDir: "unused", poolSize: 1 });
    try {
      const report = await migrateAndSeed(db);
      expect(report.applied.length).toBeGreaterThan(0);
      expect(await db.prisma.menuItem.count()).toBe(20);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
