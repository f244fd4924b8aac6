/**
 * Headless Chromium for the client's browser tests (playwright-core drives Debian's chromium).
 * Without /usr/bin/chromium the tests skip with a message, unless MAYA_REQUIRE_BROWSER=1 makes that a failure.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { describeWhen, skipReason, type Requirement } from "../support/requirements.js";

export const CHROMIUM_PATH = process.env.MAYA_CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
] as const;

const BROWSER: Requirement = { kind: "browser", requiredBy: "MAYA_REQUIRE_BROWSER" };

/** Null when a browser can run; otherwise why the browser tests are skipped. Throws when a browser is required. */
export function browserSkipReason(): string | null {
  return skipReason(BROWSER, existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
}

/** `describe` when Chromium is present, else a skipped suite that says why. */
export function describeWithBrowser(name: string, body: () => void): void {
  describeWhen(BROWSER, browserSkipReason(), name, body);
}

export interface LaunchedBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile per launch: no token, cache or permission leaks from one test run into the next. */
export async function launchBrowser(options: { reducedMotion?: "reduce" | "no-preference"; extraArgs?: readonly string[] } = {}): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), "maya-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
      reducedMotion: options.reducedMotion ?? "no-preference",
      viewport: { width: 1200, height: 860 },
    });
    return {
      context,
      async close() {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
