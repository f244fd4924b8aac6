/**
 * One instance per embedded data folder, with the built server as `npm start`
 * runs it: a second instance on the same MAYA_DATA_DIR refuses with one line
 * naming it (exit 2) while the first keeps serving; after the first is killed
 * with SIGKILL its stale lock does not block for ever (the next instance
 * starts, and the data is all there); after a clean stop the lock is released
 * at once, and so it is when MAYA_SHUTDOWN_SECONDS ends a start halfway. Plus the lock module itself, in process.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_NAME, lockDataDir } from "../../src/db/data-dir-lock.js";
import { StartupError } from "../../src/startup/startup-error.js";
import { MayaClient } from "../support/maya.js";
import { buildServer, freePort, spawnMaya, type SpawnedMaya } from "../support/payments-e2e.js";

const spawned: SpawnedMaya[] = [];
let folder: string;

beforeAll(() => {
  buildServer();
  folder = mkdtempSync(path.join(tmpdir(), "maya-lock-"));
}, 180_000);

afterAll(() => {
  for (const maya of spawned) if (maya.child.exitCode === null && maya.child.signalCode === null) maya.child.kill("SIGKILL");
  rmSync(folder, { recursive: true, force: true });
});

function start(dataDir: string, port: number): SpawnedMaya {
  const maya = spawnMaya({ HOST: "127.0.0.1", PORT: String(port), MAYA_DATA_DIR: dataDir });
  spawned.push(maya);
  return maya;
}

const exitWithin = (maya: SpawnedMaya, seconds: number, what: string) =>
  Promise.race([
    maya.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: still running after ${seconds} s\n${maya.stdout()}\n${maya.stderr()}`)), seconds * 1000),
    ),
  ]);

describe("the lock module", () => {
  it("refuses a second holder naming MAYA_DATA_DIR, and is free again once released", async () => {
    const dir = mkdtempSync(path.join(folder, "unit-"));
    const release = await lockDataDir(dir);
    expect(existsSync(path.join(dir, LOCK_NAME))).toBe(true);
    const second = await lockDataDir(dir).then(
      () => null,
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(StartupError);
    expect((second as StartupError).message).toMatch(/^MAYA_DATA_DIR \(.*\) is in use by another running Maya instance/);
    await release();
    expect(existsSync(path.join(dir, LOCK_NAME))).toBe(false);
    await (await lockDataDir(dir))();
  });
});

describe("two processes on one MAYA_DATA_DIR", () => {
  it("the second refuses, a SIGKILLed holder's lock goes stale, a clean stop releases it", async () => {
    const dataDir = path.join(folder, "pgdata");
    const firstPort = await freePort();
    const first = start(dataDir, firstPort);
    await first.listening;
    const guest = await MayaClient.startSession(`http://127.0.0.1:${firstPort}`, "Ann");
    await guest.data(`mutation { addToTab(menuItemId: "martini") { id } }`);

    const second = start(dataDir, await freePort());
    const refused = await exitWithin(second, 30, "the second instance");
    expect(refused.code).toBe(2);
    const lines = second.stderr().trim().split("\n");
    expect(lines).toEqual([expect.stringMatching(/^Maya cannot start: MAYA_DATA_DIR \(.*pgdata\) is in use by another running Maya instance/)]);
    // The first is untouched.
    expect((await guest.data<{ me: { tab: { totalCents: number } } }>(`{ me { tab { totalCents } } }`)).me.tab.totalCents).toBe(1300);

    first.child.kill("SIGKILL");
    await first.exited;
    const thirdPort = await freePort();
    const third = start(dataDir, thirdPort);
    await third.listening;
    const again = new MayaClient(`http://127.0.0.1:${thirdPort}`, guest.token);
    const me = await again.data<{ me: { customerName: string; balanceCents: number; tab: { totalCents: number } } }>(
      `{ me { customerName balanceCents tab { totalCents } } }`,
    );
    expect(me.me).toEqual({ customerName: "Ann", balanceCents: 100_000 - 1300, tab: { totalCents: 1300 } });

    third.child.kill("SIGTERM");
    expect((await exitWithin(third, 30, "the third instance")).code).toBe(0);
    expect(existsSync(path.join(dataDir, LOCK_NAME))).toBe(false);
    const fourthPort = await freePort();
    const fourth = start(dataDir, fourthPort);
    await fourth.listening;
    fourth.child.kill("SIGTERM");
    expect((await exitWithin(fourth, 30, "the fourth instance")).code).toBe(0);
  }, 240_000);
});

describe("a stop while starting", () => {
  it("SIGTERM before the app is ready ends it by MAYA_SHUTDOWN_SECONDS, releases the folder, and the next start works", async () => {
    // A new folder: creating the database takes seconds, so the signal lands mid-start.
    const dataDir = path.join(folder, "fresh");
    const port = await freePort();
    const maya = start(dataDir, port);
    // Listening, not ready: the startup gate answers 503 while the database is being created.
    await expect
      .poll(() => fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.status, () => 0), { interval: 20, timeout: 60_000 })
      .toBe(503);
    const signalled = Date.now();
    maya.child.kill("SIGTERM");
    // It finishes starting and stops cleanly (0) if that fits in the deadline (8 s), else the deadline ends it (1).
    // Creating the embedded database holds the main thread for seconds at a time: the signal and the
    // deadline are acted on between those stretches, so this one case is allowed longer.
    const exit = await exitWithin(maya, 60, "the starting instance");
    console.log(`SIGTERM while creating the database: exit ${exit.code} after ${(Date.now() - signalled) / 1000} s`);
    expect([0, 1]).toContain(exit.code);
    expect(existsSync(path.join(dataDir, LOCK_NAME))).toBe(false);
    // The folder opens at once for the next instance (no stale lock to wait out), the database whole.
    const nextPort = await freePort();
    const next = start(dataDir, nextPort);
    await next.listening;
    const guest = await MayaClient.startSession(`http://127.0.0.1:${nextPort}`);
    await guest.data(`mutation { addToTab(menuItemId: "martini") { id } }`);
    next.child.kill("SIGTERM");
    expect((await exitWithin(next, 30, "the next instance")).code).toBe(0);
  }, 180_000);
});
