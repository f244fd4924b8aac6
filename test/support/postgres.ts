/**
 * Real PostgreSQL for tests: each test file gets its own fresh database on the
 * server at MAYA_TEST_POSTGRES_URL (default: the local server, trust auth).
 * When the server is not reachable the PostgreSQL tests are skipped with a
 * message, unless MAYA_REQUIRE_POSTGRES=1 (CI), which turns that into a failure.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const POSTGRES_ADMIN_URL = process.env.MAYA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const POSTGRES_REQUIRED = process.env.MAYA_REQUIRE_POSTGRES === "1";

let available: Promise<boolean> | undefined;

export function postgresAvailable(): Promise<boolean> {
  available ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return available;
}

/** Says why PostgreSQL tests are skipped, or fails when they are mandatory. */
export async function postgresOrSkip(): Promise<boolean> {
  if (await postgresAvailable()) return true;
  const message = `PostgreSQL is not reachable at ${redact(POSTGRES_ADMIN_URL)}`;
  if (POSTGRES_REQUIRED) throw new Error(`${message}, and MAYA_REQUIRE_POSTGRES=1 makes these tests mandatory.`);
  console.warn(`SKIPPED: ${message}; set MAYA_TEST_POSTGRES_URL or start PostgreSQL to run the PostgreSQL tests.`);
  return false;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `maya_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
