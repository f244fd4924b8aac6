/**
 * One Maya instance per embedded data folder. PGlite's own postmaster.pid
 * holds a fake pid, so a second instance would open the same folder without a
 * word, both would write, and the folder would be lost. An exclusive lock
 * (proper-lockfile: a lock directory inside the data folder, its mtime
 * refreshed while the holder lives) makes the second instance refuse with one
 * line naming MAYA_DATA_DIR. A holder killed with SIGKILL stops refreshing
 * it: the next instance waits until the lock is stale, then takes it over.
 */
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import lockfile from "proper-lockfile";
import { dataDirNotWritable, errorCode, StartupError } from "../startup/startup-error.js";

export const LOCK_NAME = "maya.lock";
/** How often the holder refreshes the lock. */
const UPDATE_MS = 2_000;
/** A lock not refreshed for this long belongs to a process that is gone. */
const STALE_MS = 12_000;

/** Opens `open()` while holding the folder's lock; closing what it returns releases the lock. */
export async function openLocked<T extends { close(): Promise<void> }>(dataDir: string, open: () => Promise<T>): Promise<T> {
  if (dataDir.startsWith("memory://")) return open();
  const release = await lockDataDir(dataDir);
  let opened: T;
  try {
    opened = await open();
  } catch (error) {
    await release();
    throw error;
  }
  const close = opened.close.bind(opened);
  opened.close = async () => {
    try {
      await close();
    } finally {
      await release();
    }
  };
  return opened;
}

/** Takes the folder's lock (the folder must exist); resolves with its release. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, LOCK_NAME);
  const deadline = Date.now() + STALE_MS + 2 * UPDATE_MS;
  for (;;) {
    try {
      const release = await lockfile.lock(dataDir, {
        lockfilePath: lockPath,
        stale: STALE_MS,
        update: UPDATE_MS,
        realpath: false,
        // Losing the lock means another instance took the folder over: say so loudly.
        onCompromised: (error) =>
          process.stderr.write(`${JSON.stringify({ level: "error", message: "MAYA_DATA_DIR lock compromised: another instance took over the data folder", error: error.message })}\n`),
      });
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await release().catch(() => undefined);
      };
    } catch (error) {
      const code = errorCode(error) ?? (error as { code?: string }).code;
      if (code !== "ELOCKED") {
        if (code === "EACCES" || code === "EROFS" || code === "EPERM") throw dataDirNotWritable(resolve(dataDir), code);
        throw error;
      }
      // A live holder refreshes the lock every UPDATE_MS; one that stopped doing so is gone,
      // and its lock goes stale soon: wait for that rather than refuse a restart after a crash.
      if (!(await refreshedWithin(lockPath, UPDATE_MS * 1.5)) && Date.now() < deadline) continue;
      throw new StartupError(
        "MAYA_DATA_DIR",
        `MAYA_DATA_DIR (${resolve(dataDir)}) is in use by another running Maya instance: stop it first, or set MAYA_DATA_DIR to another folder.`,
      );
    }
  }
}

async function refreshedWithin(path: string, ms: number): Promise<boolean> {
  const mtime = () => stat(path).then((info) => info.mtimeMs, () => null);
  const before = await mtime();
  await new Promise((done) => setTimeout(done, ms));
  const after = await mtime();
  return before !== null && after !== null && after !== before;
}
