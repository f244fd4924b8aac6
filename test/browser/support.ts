/**
 * Shared pieces of the end-to-end browser tests: the real Maya server (same composition root as
 * `npm start`, embedded PGlite), the built client, headless Chromium, a record of every request the
 * page makes, and screenshots under test-artifacts/browser/ (git-ignored) for a human to look at.
 * `useRealMayaInBrowser` puts them together for a suite.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { launchBrowser, type LaunchedBrowser } from "../client/browser.js";
import { startTestMaya } from "../support/maya.js";

export { describeWithBrowser, launchBrowser, type LaunchedBrowser } from "../client/browser.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const artifactsDir = path.join(root, "test-artifacts", "browser");

/** Builds dist/client when a source changed (build-client.mjs skips itself when up to date). */
export function buildClient(): void {
  execFileSync(process.execPath, [path.join(root, "scripts/build-client.mjs")], { stdio: "inherit" });
}

export async function startRealMaya(env: Record<string, string> = {}): Promise<MayaApp> {
  return startTestMaya({ kind: "pglite" }, env);
}

/**
 * Records every URL the browser asks for, sockets included. Requests to anywhere but the app are
 * aborted (so a test cannot pass by quietly reaching the internet) and reported by `outside()`.
 */
export async function recordRequests(context: BrowserContext, appUrl: string) {
  const origin = new URL(appUrl);
  const allowed = (url: string) => {
    if (url.startsWith("data:") || url.startsWith("blob:")) return true;
    try {
      const parsed = new URL(url);
      return (parsed.protocol === "http:" || parsed.protocol === "ws:") && parsed.host === origin.host;
    } catch {
      return false;
    }
  };
  const seen: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    seen.push(url);
    return allowed(url) ? route.continue() : route.abort();
  });
  const sockets: string[] = [];
  context.on("page", (page) => page.on("websocket", (socket) => sockets.push(socket.url())));
  return {
    /** Every http(s) request and websocket the pages opened. */
    all: () => [...seen, ...sockets],
    sockets: () => [...sockets],
    outside: () => [...seen, ...sockets].filter((url) => !allowed(url)),
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  // Let count-ups (500 ms) and pulses finish so the picture shows the settled state.
  await page.waitForTimeout(700);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export const figure = (page: Page, key: "tab" | "balance" | "tip" | "total"): Locator =>
  page.locator(`#overlay [data-figure="${key}"]`);
export const lastMaya = (page: Page): Locator => page.locator("#transcript .message.maya").last();

export async function say(page: Page, text: string): Promise<void> {
  const before = await page.locator("#transcript .message.maya").count();
  await page.fill("#say-input", text);
  await page.press("#say-input", "Enter");
  // Wait for Maya's answer to this utterance before the next one.
  await expect.poll(() => page.locator("#transcript .message.maya").count(), { timeout: 10_000 }).toBeGreaterThan(before);
}

/** The page's own JS errors and failed console messages, to assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}

export type RecordedRequests = Awaited<ReturnType<typeof recordRequests>>;

export interface RealMayaInBrowser {
  readonly app: MayaApp;
  readonly browser: LaunchedBrowser;
  /** The page opened for the suite (open others with `browser.context.newPage()`). */
  readonly page: Page;
  /** The page's JS errors and failed console messages (`collectErrors`). */
  readonly errors: string[];
  /** Every request the browser made; only with `recordRequests: true`. */
  readonly requests: RecordedRequests;
}

/**
 * Registers beforeAll/afterAll for the calling suite: builds the client, starts the real Maya (with
 * `env`) and Chromium side by side, records the browser's requests if asked, and opens one page
 * whose errors are collected. afterAll closes the browser, then the app. Read the getters inside
 * tests and hooks only.
 */
export function useRealMayaInBrowser(options: { env?: Record<string, string>; recordRequests?: boolean } = {}): RealMayaInBrowser {
  const { env = {}, recordRequests: record = false } = options;
  let app: MayaApp | undefined;
  let browser: LaunchedBrowser | undefined;
  let requests: RecordedRequests | undefined;
  let page: Page | undefined;
  let errors: string[] | undefined;

  beforeAll(async () => {
    buildClient();
    [app, browser] = await Promise.all([startRealMaya(env), launchBrowser()]);
    if (record) requests = await recordRequests(browser.context, app.url);
    page = await browser.context.newPage();
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useRealMayaInBrowser: ${what} is not started (read it inside a test or hook)`);
    return value;
  };
  return {
    get app() {
      return started(app, "the app");
    },
    get browser() {
      return started(browser, "the browser");
    },
    get page() {
      return started(page, "the page");
    },
    get errors() {
      return started(errors, "the error record");
    },
    get requests() {
      return started(requests, record ? "the request record" : "the request record (pass recordRequests: true)");
    },
  };
}
