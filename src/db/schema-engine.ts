/**
 * Prisma's own schema engine, compiled to wasm, driven through a driver
 * adapter. The CLI's `migrate deploy` needs a native engine it downloads, which
 * this project cannot rely on (offline machines, CI); the wasm engine applies
 * the same migration folders and records them in the same `_prisma_migrations`
 * table. This is an undocumented entry point, so it lives behind these few
 * functions (with their own tests) and a later Prisma can swap in here.
 */
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type * as Engine from "@prisma/schema-engine-wasm";

type EngineModule = typeof Engine;

type WasmExports = Record<string, unknown>;
/** The slice of the WebAssembly global used here (Node has it; @types/node does not declare it). */
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: {
    instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: WasmExports } }>;
  };
};

let enginePromise: Promise<EngineModule> | undefined;

/** Instantiates the wasm module by hand, so Node needs no experimental wasm-import flag. */
function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as EngineModule & {
      __wbg_set_wasm(exports: WasmExports): void;
    };
    const bytes = await readFile(bgPath.replace(/\.js$/, ".wasm"));
    const { instance } = await wasm.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return enginePromise;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

async function withEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: Engine.SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const logs: string[] = [];
  const connections = disposedAfterUse(adapterFactory);
  try {
    const engine = await SchemaEngine.new(
      { datamodels: undefined },
      (line: string) => logs.push(line),
      bindMigrationAwareSqlAdapterFactory(connections.factory),
    );
    try {
      return await run(engine);
    } catch (error) {
      throw new Error(`schema engine: ${describeEngineError(error)}`, { cause: error });
    } finally {
      engine.free();
    }
  } finally {
    await connections.disposeAll();
  }
}

/**
 * The engine connects through the factory but never disposes what it
 * connected. On PostgreSQL it takes Prisma's session-level migration lock
 * (pg_advisory_lock) on that connection and relies on the connection closing
 * to release it: left open, the lock is held for the life of the process and
 * every other instance's migration waits for it and fails (P1002). So every
 * adapter it opened is disposed once it is done.
 */
function disposedAfterUse(factory: SqlMigrationAwareDriverAdapterFactory): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  disposeAll(): Promise<void>;
} {
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    const connected = await adapter;
    opened.push(connected);
    return connected;
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => track(factory.connect()),
      connectToShadowDb: () => track(factory.connectToShadowDb()),
    },
    disposeAll: async () => {
      await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}

/** Reads prisma/migrations in Prisma's layout: `<timestamp>_<name>/migration.sql` and `migration_lock.toml`. */
export async function readMigrationList(migrationsDir: string): Promise<Engine.MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    directories.map(async (name): Promise<Engine.MigrationDirectory> => {
      const content = await readFile(join(migrationsDir, name, "migration.sql"), "utf8").then(
        (sql) => ({ tag: "ok", value: sql }) as const,
        (error: Error) => ({ tag: "error", value: error.message }) as const,
      );
      // The engine wants bare directory names, relative to baseDir.
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  const lockfile = await readFile(join(migrationsDir, "migration_lock.toml"), "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies every migration not yet recorded in `_prisma_migrations`; returns their names. */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string,
): Promise<string[]> {
  const migrationsList = await readMigrationList(migrationsDir);
  return withEngine(adapterFactory, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return output.appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database from the existing migrations to the schema:
 * the body of the next migration. Replays the migrations on the shadow
 * database the factory provides.
 */
export async function diffMigrationsToSchema(
  shadowFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string,
  schemaPath: string,
): Promise<string> {
  const migrationsList = await readMigrationList(migrationsDir);
  const schema = await readFile(schemaPath, "utf8");
  return withEngine(shadowFactory, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  });
}
