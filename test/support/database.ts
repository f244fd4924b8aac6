/**
 * A migrated, seeded database without the app around it, for repository
 * tests: PGlite in memory, or a fresh PostgreSQL database dropped afterwards.
 */
import { afterAll, beforeAll } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.js";
import { migrateAndSeed } from "../../src/db/migrate.js";
import type { BackendName } from "./backends.js";
import { createTestDatabase, type TestDatabase } from "./postgres.js";

export interface DatabaseFixture {
  readonly db: Database;
}

export function useMigratedDatabase(backend: BackendName): DatabaseFixture {
  let db: Database | undefined;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    if (backend === "postgres") database = await createTestDatabase();
    db = await openDatabase(database ? { databaseUrl: database.url, dataDir: "unused", poolSize: 12 } : { dataDir: "memory://" });
    await migrateAndSeed(db);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error("The database is not open yet.");
      return db;
    },
  };
}
