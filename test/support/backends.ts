/**
 * Runs one suite against both databases Maya supports: the embedded PGlite
 * always, real PostgreSQL when it is reachable (or mandatory, with
 * MAYA_REQUIRE_POSTGRES=1). One app per describe block: PGlite instances are
 * slow to create and memory-hungry.
 */
import { afterAll, beforeAll } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { startTestMaya, type TestDatabaseChoice } from "./maya.js";
import { createTestDatabase, postgresOrSkip, type TestDatabase } from "./postgres.js";

export type BackendName = "pglite" | "postgres";

/** PGlite, plus PostgreSQL when available; says why when it is skipped. */
export async function availableBackends(): Promise<BackendName[]> {
  return (await postgresOrSkip()) ? ["pglite", "postgres"] : ["pglite"];
}

export interface MayaFixture {
  readonly app: MayaApp;
  /** The PostgreSQL database's URL; null on PGlite. */
  readonly databaseUrl: string | null;
}

export interface UseMayaOptions {
  env?: Record<string, string>;
  /**
   * Runs on the fresh database before the app starts (e.g. to add test-only
   * menu rows); may add environment for the app and a cleanup for afterAll.
   */
  prepare?: (choice: TestDatabaseChoice) => Promise<Prepared>;
}

export interface Prepared {
  env?: Record<string, string>;
  cleanup?: () => Promise<void>;
}

/** Starts an app in `beforeAll` and closes it (dropping its PostgreSQL database) in `afterAll`. */
export function useMaya(backend: BackendName, options: UseMayaOptions = {}): MayaFixture {
  let app: MayaApp | undefined;
  let database: TestDatabase | undefined;
  let prepared: Prepared = {};
  beforeAll(async () => {
    if (backend === "postgres") database = await createTestDatabase();
    const choice: TestDatabaseChoice = database ? { kind: "postgres", url: database.url } : { kind: "pglite" };
    if (options.prepare) prepared = await options.prepare(choice);
    app = await startTestMaya(choice, { ...options.env, ...prepared.env });
  });
  afterAll(async () => {
    await app?.close();
    await prepared.cleanup?.();
    await database?.drop();
  });
  return {
    get app() {
      if (!app) throw new Error("The app is not started yet (use it inside a test or hook).");
      return app;
    },
    get databaseUrl() {
      return database?.url ?? null;
    },
  };
}
