/**
 * Voice behaviour in Chromium with the Web Speech API replaced by scripted fakes:
 * speaking state on the avatar, barge-in by typing or by the mic, push-to-talk with
 * interim text, the message where recognition is missing, and reduced motion.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithBrowser, launchBrowser, type LaunchedBrowser } from "./browser.js";
import { startFakeMayaServer, type FakeMayaServer } from "./fake-maya-server.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs in the page before its scripts: a synthesizer that starts at once and never ends by itself, and a scripted recogniser. */
function installFakeSpeech(withRecognition: boolean): void {
  const log: string[] = [];
  (window as unknown as { speechLog: string[] }).speechLog = log;
  let current: EventTarget | null = null;
  const synth = {
    speaking: false,
    pending: false,
    speak(utterance: EventTarget & { text: string }) {
      log.push(`speak:${utterance.text}`);
      current = utterance;
      synth.speaking = true;
      setTimeout(() => utterance.dispatchEvent(new Event("start")), 0);
    },
    cancel() {
      log.push("cancel");
      synth.speaking = false;
      current?.dispatchEvent(new Event("end"));
      current = null;
    },
  };
  class FakeUtterance extends EventTarget {
    lang = "";
    constructor(readonly text: string) {
      super();
    }
  }
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: FakeUtterance, configurable: true });

  class FakeRecognition {
    lang = "";
    interimResults = false;
    continuous = false;
    maxAlternatives = 1;
    onresult: ((event: unknown) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onend: (() => void) | null = null;
    onspeechstart: (() => void) | null = null;
    private readonly result = (text: string, isFinal: boolean) => ({
      resultIndex: 0,
      results: { length: 1, 0: Object.assign([{ transcript: text }], { isFinal }) },
    });
    start() {
      log.push("listen");
      setTimeout(() => {
        this.onspeechstart?.();
        this.onresult?.(this.result("a mart", false));
      }, 50);
    }
    stop() {
      setTimeout(() => {
        this.onresult?.(this.result("a martini", true));
        this.onend?.();
      }, 20);
    }
    abort() {
      this.onend?.();
    }
  }
  // Chromium has both names; the page must find only the fake (or nothing).
  for (const name of ["SpeechRecognition", "webkitSpeechRecognition"]) {
    Object.defineProperty(window, name, { value: withRecognition ? FakeRecognition : undefined, configurable: true });
  }
}

describeWithBrowser("client voice (fake speech API)", () => {
  let server: FakeMayaServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, "scripts/build-client.mjs")], { stdio: "inherit" });
    server = await startFakeMayaServer();
    browser = await launchBrowser({ reducedMotion: "reduce" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(withRecognition: boolean): Promise<Page> {
    const page = await browser.context.newPage();
    await page.addInitScript(installFakeSpeech, withRecognition);
    await page.goto(server.url);
    await expect.poll(() => page.locator("#overlay").getAttribute("data-ready")).toBe("true");
    return page;
  }

  const speaking = (page: Page) => page.locator("#avatar").getAttribute("data-speaking");
  const speechLog = (page: Page) => page.evaluate(() => (window as unknown as { speechLog: string[] }).speechLog);

  it("speaks replies, shows it on the avatar, and stops the moment the guest types", async () => {
    const page = await open(true);
    await page.fill("#say-input", "hello");
    await page.press("#say-input", "Enter");
    await expect.poll(() => speaking(page)).toBe("true");
    expect(await speechLog(page)).toContain("speak:I didn't catch that. Try asking for a martini.");
    await page.type("#say-input", "w");
    await expect.poll(() => speaking(page)).toBe("false");
    expect((await speechLog(page)).at(-1)).toBe("cancel");
    await page.close();
  });

  it("push to talk: the mic silences Maya, shows interim words, then sends what was heard", async () => {
    const page = await open(true);
    await page.fill("#say-input", "hello");
    await page.press("#say-input", "Enter");
    await expect.poll(() => speaking(page)).toBe("true");

    const mic = page.locator("#mic");
    const box = (await mic.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect.poll(() => speaking(page)).toBe("false");
    await expect.poll(() => mic.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.locator("#interim").textContent()).toContain("a mart");
    await page.waitForTimeout(500); // held: releasing ends the turn
    await page.mouse.up();
    await expect.poll(() => mic.getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => page.locator("#transcript .message.guest").last().textContent()).toContain("a martini");
    // Reduced motion: the figures change without counting.
    await expect.poll(() => page.locator("[data-figure='tab']").textContent(), { timeout: 300 }).toBe("Tab $13.00");
    expect(await page.locator("#interim").isHidden()).toBe(true);
    await page.close();
  });

  it("says clearly when the browser has no speech recognition", async () => {
    const page = await open(false);
    expect(await page.locator("#mic").isDisabled()).toBe(true);
    expect(await page.locator("#mic-note").textContent()).toContain("Voice input isn't available in this browser");
    await page.close();
  });

  it("keyboard: the mic toggles with Enter, Escape silences Maya, focus is visible", async () => {
    const page = await open(true);
    await page.fill("#say-input", "hello");
    await page.press("#say-input", "Enter");
    await expect.poll(() => speaking(page)).toBe("true");
    await page.keyboard.press("Escape");
    await expect.poll(() => speaking(page)).toBe("false");
    await page.focus("#mic");
    const outline = await page.locator("#mic").evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#mic").getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#transcript .message.guest").last().textContent()).toContain("a martini");
    await page.close();
  });
});
