/**
 * Issue 11, end to end with no cloud: espeak-ng says "two martinis please" into a WAV, Chromium's fake
 * microphone plays it, the page (its Web Speech API removed, as in Firefox) streams it to the real
 * server over /listen, pocketsphinx hears it, the page sends the words to `say` as if typed, and the
 * overlay shows the two martinis.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { speechSkipReason, speakToWav } from "../support/speech-tools.js";
import {
  buildClient,
  collectErrors,
  describeWithBrowser,
  figure,
  lastMaya,
  launchBrowser,
  recordRequests,
  screenshot,
  startRealMaya,
  type LaunchedBrowser,
  type RecordedRequests,
} from "./support.js";

/** Runs before the page's scripts: the browser has no speech recognition, like Firefox. */
function removeWebSpeech(): void {
  for (const name of ["SpeechRecognition", "webkitSpeechRecognition"]) {
    Object.defineProperty(window, name, { value: undefined, configurable: true });
  }
}

const speechMissing = speechSkipReason();

describeWithBrowser(`hearing on the server, end to end${speechMissing ? ` (skipped: ${speechMissing})` : ""}`, () => {
  if (speechMissing !== null) {
    it.skip("needs pocketsphinx, espeak-ng and sox", () => undefined);
    return;
  }
  let app: MayaApp;
  let browser: LaunchedBrowser;
  let page: Page;
  let errors: string[];
  let requests: RecordedRequests;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "maya-voice-"));
    const wav = path.join(folder, "two-martinis.wav");
    speakToWav("two martinis please", wav);
    buildClient();
    [app, browser] = await Promise.all([
      startRealMaya({ MAYA_STT: "sphinx" }),
      launchBrowser({
        extraArgs: ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-audio-capture=${wav}`],
      }),
    ]);
    requests = await recordRequests(browser.context, app.url);
    await browser.context.addInitScript(removeWebSpeech);
    page = await browser.context.newPage();
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("enables the mic in a browser without speech recognition, because the server can listen", async () => {
    await page.goto(app.url);
    await expect.poll(() => figure(page, "tab").textContent()).toBe("Tab $0.00");
    expect(await page.evaluate(() => "webkitSpeechRecognition" in window && (window as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition)).toBeFalsy();
    await expect.poll(() => page.locator("#mic").isEnabled()).toBe(true);
    expect(await page.locator("#mic-note").isHidden()).toBe(true);
  });

  it("hears 'two martinis please' from the microphone: the words go to say, the overlay shows Tab $26.00", async () => {
    // Keyboard activation: one press, and Maya listens until the guest pauses.
    await page.focus("#mic");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#mic").getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.locator("#transcript .message.guest").last().textContent(), { timeout: 20_000 }).toMatch(/two martinis please/i);
    await expect.poll(() => figure(page, "tab").textContent(), { timeout: 10_000 }).toBe("Tab $26.00");
    await expect.poll(() => figure(page, "balance").textContent()).toBe("Balance $974.00");
    await expect.poll(() => lastMaya(page).textContent()).toMatch(/martini/i);
    await expect.poll(() => page.locator("#mic").getAttribute("aria-pressed")).toBe("false");
    await screenshot(page, "11-heard-on-the-server");
  });

  it("streamed over its own socket on the same origin, with the token nowhere in an address", async () => {
    const sockets = requests.sockets();
    expect(sockets.some((url) => new URL(url).pathname === "/listen")).toBe(true);
    const token = await page.evaluate(() => localStorage.getItem("maya.token"));
    expect(token).toBeTruthy();
    for (const url of requests.all()) expect(url).not.toContain(token!);
    expect(requests.outside()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
