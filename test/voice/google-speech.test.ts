/**
 * The real TextToSpeechClient (gRPC) against the local stand-in: requests,
 * chunking under the byte limit, caching by voice and text, and failures.
 */
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SpeechCache } from "../../src/voice/speech-cache.js";
import { GoogleSpeechSynthesizer, type GoogleSpeechSynthesizerOptions } from "../../src/voice/speech-synthesizer.js";
import { SpeechService, speechId } from "../../src/voice/speech.service.js";
import { fakeMp3For, startTtsStandin, type TtsStandin } from "../support/tts-standin.js";

let standin: TtsStandin;
const synthesizers: GoogleSpeechSynthesizer[] = [];

beforeAll(async () => {
  standin = await startTtsStandin();
});
afterAll(async () => {
  await Promise.all(synthesizers.map((synthesizer) => synthesizer.close()));
  await standin.stop();
});
beforeEach(() => {
  standin.requests.length = 0;
  standin.setDelay(0);
});

function synthesizer(options: GoogleSpeechSynthesizerOptions = {}): GoogleSpeechSynthesizer {
  const created = new GoogleSpeechSynthesizer({ apiEndpoint: "127.0.0.1", port: standin.port, insecure: true, ...options });
  synthesizers.push(created);
  return created;
}

function service(speechSynthesizer = synthesizer(), cache = new SpeechCache()) {
  const syntheses: Array<{ outcome: string; seconds: number }> = [];
  const lookups: string[] = [];
  const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const speech = new SpeechService({
    synthesizer: speechSynthesizer,
    cache,
    onSynthesis: (outcome, seconds) => syntheses.push({ outcome, seconds }),
    onCacheLookup: (result) => lookups.push(result),
    logger: { info: () => undefined, error: () => undefined, warn: (message, fields) => warnings.push({ message, fields }) },
  });
  return { speech, syntheses, lookups, warnings };
}

/** About `bytes` bytes of sentences, with multi-byte characters throughout. */
function longText(bytes: number): string {
  const sentences: string[] = [];
  let total = 0;
  for (let i = 0; total < bytes; i += 1) {
    const sentence = `Round ${i}: a piña colada, a crème brûlée and one more café au lait for the table — enjoy! 🍹`;
    sentences.push(sentence);
    total += Buffer.byteLength(sentence) + 1;
  }
  return sentences.join(" ");
}

describe("GoogleSpeechSynthesizer against the stand-in", () => {
  it("synthesizes MP3 with the configured voice", async () => {
    const result = await synthesizer({ voice: { languageCode: "en-US", name: "en-US-Neural2-F" } }).synthesize("Coming right up!");
    expect(result.contentType).toBe("audio/mpeg");
    expect(result.audio.equals(fakeMp3For("Coming right up!"))).toBe(true);
    expect(standin.requests).toEqual([
      { text: "Coming right up!", ssml: "", textBytes: 16, voice: { languageCode: "en-US", name: "en-US-Neural2-F" }, audioEncoding: "MP3" },
    ]);
  });

  it("splits 12,000 bytes of text into requests under 5,000 bytes and joins the audio in order", async () => {
    const text = longText(12_000);
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(12_000);
    const result = await synthesizer().synthesize(text);
    const sent = standin.requests.map((request) => request.text);
    expect(sent.length).toBe(3);
    for (const request of standin.requests) expect(request.textBytes).toBeLessThan(5000);
    expect(sent.join(" ")).toBe(text);
    expect(result.audio.equals(Buffer.concat(sent.map(fakeMp3For)))).toBe(true);
  });

  it("the stand-in refuses over 5,000 bytes as Google does", async () => {
    await expect(synthesizer({ maxRequestBytes: 6000 }).synthesize("é".repeat(2600))).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
  });
});

describe("SpeechService", () => {
  it("returns a /speech/<sha256>.mp3 path whose audio the route can serve", async () => {
    const { speech, syntheses, lookups } = service();
    const url = await speech.audioFor("One Negroni, coming up.");
    expect(url).toMatch(/^\/speech\/[0-9a-f]{64}\.mp3$/);
    const id = url!.slice("/speech/".length, -".mp3".length);
    expect(speech.get(id)?.audio.equals(fakeMp3For("One Negroni, coming up."))).toBe(true);
    expect(speech.get("../etc/passwd")).toBeUndefined();
    expect(syntheses.map((s) => s.outcome)).toEqual(["success"]);
    expect(lookups).toEqual(["miss"]);
  });

  it("a repeated phrase makes no second request", async () => {
    const { speech, syntheses, lookups } = service();
    const first = await speech.audioFor("Cheers!");
    const second = await speech.audioFor("Cheers!");
    const [third, fourth] = await Promise.all([speech.audioFor("Enjoy."), speech.audioFor("Enjoy.")]);
    expect(second).toBe(first);
    expect(fourth).toBe(third);
    expect(standin.requests.map((r) => r.text)).toEqual(["Cheers!", "Enjoy."]);
    expect(lookups).toEqual(["miss", "hit", "miss", "hit"]);
    expect(syntheses).toHaveLength(2);
  });

  it("a different voice is a different entry", async () => {
    const cache = new SpeechCache();
    const f = service(synthesizer({ voice: { languageCode: "en-US", name: "en-US-Neural2-F" } }), cache);
    const d = service(synthesizer({ voice: { languageCode: "en-US", name: "en-US-Neural2-D" } }), cache);
    const urlF = await f.speech.audioFor("Welcome in.");
    const urlD = await d.speech.audioFor("Welcome in.");
    expect(urlF).not.toBe(urlD);
    expect(standin.requests.map((r) => r.voice.name)).toEqual(["en-US-Neural2-F", "en-US-Neural2-D"]);
    expect(d.lookups).toEqual(["miss"]);
    expect(cache.size).toBe(2);
    expect(speechId("google:en-US:en-US-Neural2-F", "Welcome in.")).not.toBe(speechId("google:en-US:en-US-Neural2-D", "Welcome in."));
  });

  it("an unavailable service gives null, a warning and a failure; the next try succeeds", async () => {
    const { speech, syntheses, warnings } = service();
    standin.failNext({ code: status.UNAVAILABLE, message: "backend down" });
    await expect(speech.audioFor("Last call.")).resolves.toBeNull();
    expect(syntheses.map((s) => s.outcome)).toEqual(["failure"]);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.fields?.error)).toContain("backend down");
    // No retry inside the turn: exactly one request was made.
    expect(standin.requests).toHaveLength(1);
    // Failures are not cached.
    await expect(speech.audioFor("Last call.")).resolves.toMatch(/\.mp3$/);
    expect(syntheses.map((s) => s.outcome)).toEqual(["failure", "success"]);
  });

  it("a slow service is cut off at the deadline with null", async () => {
    const { speech, syntheses } = service(synthesizer({ timeoutMs: 200 }));
    standin.setDelay(2000);
    const started = Date.now();
    await expect(speech.audioFor("Take your time.")).resolves.toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(syntheses.map((s) => s.outcome)).toEqual(["failure"]);
  });

  it("a failure in the middle of a long text gives null, not partial audio", async () => {
    const { speech, syntheses, lookups } = service();
    standin.failNth(2, { code: status.INTERNAL, message: "mid-way" });
    await expect(speech.audioFor(longText(12_000))).resolves.toBeNull();
    // The first chunk was answered, the second failed, the third was never asked for.
    expect(standin.requests).toHaveLength(2);
    expect(syntheses.map((s) => s.outcome)).toEqual(["failure"]);
    expect(lookups).toEqual(["miss"]);
  });

  it("empty speech asks for nothing", async () => {
    const { speech, lookups } = service();
    await expect(speech.audioFor("   ")).resolves.toBeNull();
    expect(standin.requests).toHaveLength(0);
    expect(lookups).toEqual([]);
  });
});

describe("without Google credentials", () => {
  it("a synthesis fails as that call's error, and nothing rejects unhandled (the client's initialize() is awaited)", async () => {
    const saved = { ...process.env };
    const home = await import("node:fs").then((fs) => fs.mkdtempSync(`${(process.env.TMPDIR ?? "/tmp")}/maya-no-adc-`));
    Object.assign(process.env, { METADATA_SERVER_DETECTION: "none", HOME: home });
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    const stray: unknown[] = [];
    const onStray = (reason: unknown) => stray.push(reason);
    process.on("unhandledRejection", onStray);
    try {
      // Google's own endpoint is never reached: credentials are looked for first, and there are none.
      const withoutCredentials = synthesizer({ apiEndpoint: "127.0.0.1", port: standin.port, insecure: false });
      await expect(withoutCredentials.synthesize("Coming right up.")).rejects.toThrow(/credentials/i);
      const { speech, warnings } = service(withoutCredentials);
      expect(await speech.audioFor("Cheers!")).toBeNull();
      expect(warnings.map((warning) => warning.message)).toEqual([expect.stringMatching(/browser speech/)]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stray).toEqual([]);
      expect(standin.requests).toHaveLength(0);
    } finally {
      process.off("unhandledRejection", onStray);
      process.env = saved;
    }
  });
});
