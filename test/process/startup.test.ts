/**
 * The built server as `npm start` runs it (`node dist/src/main.js`):
 * - a startup problem is one line on stderr naming the setting and what to
 *   do, exit code 2, no stack trace, no secret: a DATABASE_URL that is not a
 *   URL or cannot be reached, a read-only data folder (empty or not), a port
 *   in use, STRIPE_API_BASE and MAYA_TTS_API_ENDPOINT (checked before the
 *   database is opened), MAYA_TTS=google without Google credentials;
 * - while it starts, every request is answered at once (/healthz 200,
 *   /readyz and the rest 503 with Retry-After, WebSocket upgrades too), and
 *   once it is ready everything works, on a connection opened while starting;
 * - a stray rejection or exception is logged (without secrets) and counted,
 *   and the process keeps serving.
 */
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { buildServer, freePort, ROOT, spawnMaya, waitFor, type SpawnedMaya } from "../support/payments-e2e.js";
import { postgresAvailable } from "../support/postgres.js";

const NOBODY = 65534;
const spawned: SpawnedMaya[] = [];
const folders: string[] = [];

beforeAll(() => {
  buildServer();
}, 180_000);

afterAll(() => {
  for (const maya of spawned) if (maya.child.exitCode === null && maya.child.signalCode === null) maya.child.kill("SIGKILL");
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "maya-startup-"));
  folders.push(folder);
  return folder;
}

function start(env: Record<string, string>, options: Parameters<typeof spawnMaya>[1] = {}): SpawnedMaya {
  const maya = spawnMaya({ HOST: "127.0.0.1", PORT: "0", METADATA_SERVER_DETECTION: "none", HOME: tempFolder(), ...env }, options);
  spawned.push(maya);
  return maya;
}

async function exitOf(maya: SpawnedMaya, seconds = 60) {
  return Promise.race([
    maya.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${seconds} s:\n${maya.stdout()}\n${maya.stderr()}`)), seconds * 1000)),
  ]);
}

/** Exit code 2 and exactly one line on stderr, matching `message`, with no stack trace. */
async function expectRefusedToStart(maya: SpawnedMaya, message: RegExp) {
  const exit = await exitOf(maya);
  const lines = maya.stderr().trim().split("\n");
  expect(lines, maya.stderr()).toHaveLength(1);
  expect(lines[0]).toMatch(/^Maya cannot start: /);
  expect(lines[0]).toMatch(message);
  expect(maya.stderr()).not.toMatch(/\n\s+at |node_modules|RuntimeError/);
  expect(maya.stdout()).not.toContain("Maya is listening");
  expect(exit.code).toBe(2);
  return lines[0]!;
}

describe("startup problems: one line naming the setting, exit code 2", () => {
  it("a DATABASE_URL that is not a URL", async () => {
    const line = await expectRefusedToStart(start({ DATABASE_URL: "hunter2 at db-host" }), /DATABASE_URL is not a URL/);
    expect(line).not.toContain("hunter2");
    const other = await expectRefusedToStart(start({ DATABASE_URL: "mysql://maya:hunter2@db/maya" }), /DATABASE_URL must be a postgres:\/\//);
    expect(other).not.toContain("hunter2");
  });

  it("an unreachable DATABASE_URL, without its password", async () => {
    const port = await freePort();
    const line = await expectRefusedToStart(
      start({ DATABASE_URL: `postgres://maya:hunter2@127.0.0.1:${port}/maya` }),
      new RegExp(`DATABASE_URL: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}/maya.*Start PostgreSQL`),
    );
    expect(line).not.toContain("hunter2");
  });

  it("STRIPE_API_BASE and MAYA_TTS_API_ENDPOINT are checked before the database is opened", async () => {
    const unreachable = `postgres://maya@127.0.0.1:${await freePort()}/maya`;
    await expectRefusedToStart(
      start({ DATABASE_URL: unreachable, STRIPE_SECRET_KEY: "sk_test_x", STRIPE_API_BASE: "ftp://127.0.0.1:1" }),
      /STRIPE_API_BASE must use http or https/,
    );
    await expectRefusedToStart(start({ DATABASE_URL: unreachable, MAYA_TTS: "google", MAYA_TTS_API_ENDPOINT: "localhost" }), /MAYA_TTS_API_ENDPOINT must be host:port/);
  });

  it("MAYA_TTS=google without Google credentials names GOOGLE_APPLICATION_CREDENTIALS", async () => {
    const unreachable = `postgres://maya@127.0.0.1:${await freePort()}/maya`;
    await expectRefusedToStart(start({ DATABASE_URL: unreachable, MAYA_TTS: "google" }), /MAYA_TTS=google needs Google credentials.*GOOGLE_APPLICATION_CREDENTIALS.*unset MAYA_TTS/);
  });

  it("a port in use", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expectRefusedToStart(start({ PORT: String(port), MAYA_DATA_DIR: "memory://" }), new RegExp(`PORT ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it.each(["empty", "not empty"])("a read-only data folder (%s), for a user who cannot write it", async (kind) => {
    const folder = tempFolder();
    chmodSync(folder, 0o755);
    const dataDir = path.join(folder, "pgdata");
    mkdirSync(dataDir);
    if (kind === "not empty") {
      writeFileSync(path.join(dataDir, "PG_VERSION"), "18\n");
      mkdirSync(path.join(dataDir, "base"));
    }
    chmodSync(dataDir, 0o555);
    await expectRefusedToStart(
      start({ MAYA_DATA_DIR: dataDir, HOME: folder }, { uid: NOBODY, gid: NOBODY }),
      /MAYA_DATA_DIR \(.*pgdata\) is not writable \(EACCES\): make the folder writable/,
    );
  });
});

describe("requests during startup", () => {
  it("are answered at once while starting (healthz 200, the rest 503 with Retry-After), and everything works once ready", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // A fresh embedded database takes seconds to create: the window to look into.
    const maya = start({ PORT: String(port), MAYA_DATA_DIR: path.join(tempFolder(), "pgdata") });
    const health = await waitFor("the port to open", () => fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => null), { timeoutMs: 30_000 });
    expect(health.status).toBe(200);
    expect(maya.stdout()).not.toContain("Maya is listening");

    const answers = await Promise.all(
      [
        fetch(`${url}/readyz`),
        fetch(`${url}/`),
        fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ menu { id } }" }) }),
      ].map((pending) => pending.then(async (response) => ({ status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text() }))),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(answer.body)).toMatchObject({ status: "starting" });
    }
    const upgradeStatus = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, "graphql-transport-ws");
      socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      socket.on("open", () => resolve(101));
      socket.on("error", () => undefined);
    });
    expect(upgradeStatus).toBe(503);

    await maya.listening;
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const menu = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ menu { id } }" }) });
    expect(((await menu.json()) as { data: { menu: unknown[] } }).data.menu).toHaveLength(20);
    maya.child.kill("SIGTERM");
    expect((await exitOf(maya)).code).toBe(0);
  });
});

describe("stray errors", () => {
  it("an unhandled rejection and an uncaught exception are logged without secrets, counted, and the server keeps serving", async () => {
    const preload = path.join(ROOT, "test/process/fixtures/stray-errors.mjs");
    const port = await freePort();
    const maya = start({ PORT: String(port), MAYA_DATA_DIR: "memory://" }, { nodeArgs: ["--import", preload] });
    await maya.listening;
    maya.child.kill("SIGUSR2");
    await waitFor("both stray errors in the log", () => (maya.stdout().match(/stray error/g) ?? []).length >= 2);
    const url = `http://127.0.0.1:${port}`;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/maya_process_errors_total\{kind="unhandled_rejection"\} 1/);
    expect(metrics).toMatch(/maya_process_errors_total\{kind="uncaught_exception"\} 1/);
    expect(maya.stdout()).not.toMatch(/hunter2|sk_live_51Hx[A-Za-z0-9]|SECRETTOKEN/);
    expect(maya.child.exitCode).toBeNull();
    maya.child.kill("SIGTERM");
    expect((await exitOf(maya)).code).toBe(0);
  });
});

describe.runIf(await postgresAvailable())("(PostgreSQL available)", () => {
  it("an unknown database on a reachable server is one line naming DATABASE_URL", async () => {
    await expectRefusedToStart(start({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/maya_no_such_database_9" }), /DATABASE_URL: PostgreSQL at 127\.0\.0\.1:5432\/maya_no_such_database_9 refused/);
  });
});
