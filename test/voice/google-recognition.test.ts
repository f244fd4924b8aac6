/**
 * Google Speech-to-Text through the real @google-cloud/speech client, against a local gRPC stand-in
 * built from the package's protos: streaming with interim and final results, the phrase hints and
 * audio format sent, and outages (refused, down mid-stream, unreachable) that the guest is told
 * about while the process and the conversation carry on.
 */
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { GOOGLE_MAX_ALTERNATIVES, GoogleSpeechRecognizer, PHRASE_BOOST, transcriptOf } from "../../src/voice/recognition/google-recognizer.js";
import { RecognitionError } from "../../src/voice/recognition/recognizer.js";
import { openListen } from "../support/listen-client.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { startSttStandin, type SttStandin } from "../support/stt-standin.js";

/** A second of a 440 Hz tone as 16 kHz PCM: audio the stand-in counts (it does not listen). */
function tone(seconds: number): Buffer {
  const pcm = Buffer.alloc(seconds * 32_000);
  for (let i = 0; i < pcm.length / 2; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16_000)), i * 2);
  return pcm;
}

let standin: SttStandin;
beforeAll(async () => {
  standin = await startSttStandin();
});
afterAll(async () => {
  await standin?.stop();
});

describe("GoogleSpeechRecognizer against the stand-in", () => {
  const recognizers: GoogleSpeechRecognizer[] = [];
  const recognizer = (phraseHints: string[] = []) => {
    const created = new GoogleSpeechRecognizer({ apiEndpoint: "127.0.0.1", port: standin.port, insecure: true, phraseHints, finishTimeoutMs: 3000 });
    recognizers.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(recognizers.map((created) => created.close()));
  });

  it("streams audio: interim words grow as audio arrives, the final transcript comes on half-close", async () => {
    standin.hearNext("can I get a negroni and an IPA");
    const partials: string[] = [];
    const stream = recognizer(["negroni", "ipa"]).start({ onPartial: (text) => partials.push(text) });
    const audio = tone(2);
    for (let at = 0; at < audio.length; at += 3200) {
      stream.write(audio.subarray(at, at + 3200));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await expect.poll(() => partials.length).toBeGreaterThanOrEqual(3);
    expect((await stream.finish()).text).toBe("can I get a negroni and an IPA");
    expect(partials[0]).toBe("can");
    expect(partials.at(-1)).toMatch(/^can I get a/);
    const recorded = standin.streams.at(-1)!;
    expect(recorded).toMatchObject({ audioBytes: audio.length, halfClosed: true, interimResults: true });
    expect(recorded.config).toMatchObject({ encoding: "LINEAR16", sampleRateHertz: 16000, languageCode: "en-US", audioChannelCount: 1 });
  });

  it("reports Google's confidence and its other readings, most likely first", async () => {
    standin.hearNext("five gins", { confidence: 0.41, alternatives: ["four gins", "five gins", "five chins"] });
    const stream = recognizer(["gin"]).start({ onPartial: () => undefined });
    stream.write(tone(1));
    // A float on the wire: 0.41 arrives as 0.4099999964...
    expect(await stream.finish()).toEqual({ text: "five gins", confidence: expect.closeTo(0.41, 5), alternatives: ["four gins", "five chins"] });
    expect(standin.streams.at(-1)!.config!.maxAlternatives).toBe(GOOGLE_MAX_ALTERNATIVES);
  });

  it("sends the bar's phrase hints with a boost", async () => {
    const stream = recognizer(["negroni", "two martinis", "what's my tab"]).start({ onPartial: () => undefined });
    stream.write(tone(0.2));
    expect(await stream.finish()).toEqual({ text: "", confidence: null, alternatives: [] });
    const config = standin.streams.at(-1)!.config!;
    expect(config.phrases).toEqual(["negroni", "two martinis", "what's my tab"]);
    expect(config.boost).toBe(PHRASE_BOOST);
  });

  it("reports a refusal and a mid-stream outage as RecognitionErrors, through finish() and onFailure", async () => {
    standin.failNext(status.PERMISSION_DENIED, 0, "Cloud Speech-to-Text API has not been used in project");
    const refused = recognizer().start({ onPartial: () => undefined });
    refused.write(tone(0.2));
    await expect(refused.finish()).rejects.toMatchObject({ failure: { reason: "unavailable" } });

    standin.hearNext("two martinis please");
    standin.failNext(status.UNAVAILABLE, 16_000, "the service is down");
    const failures: RecognitionError[] = [];
    const broken = recognizer().start({ onPartial: () => undefined, onFailure: (error) => failures.push(error) });
    broken.write(tone(1));
    await expect.poll(() => failures.length).toBe(1);
    expect(failures[0]!.failure.reason).toBe("unavailable");
    await expect(broken.finish()).rejects.toBeInstanceOf(RecognitionError);
  });

  it("aborting cancels the call on the server", async () => {
    const stream = recognizer().start({ onPartial: () => undefined });
    stream.write(tone(0.2));
    await expect.poll(() => standin.streams.at(-1)?.audioBytes).toBe(6400);
    stream.abort();
    await expect.poll(() => standin.streams.at(-1)?.cancelled).toBe(true);
  });
});

describe("the app with MAYA_STT=google", () => {
  let app: MayaApp;
  let guest: MayaClient;
  beforeAll(async () => {
    app = await startTestMaya({ kind: "pglite" }, { MAYA_STT: "google", MAYA_STT_API_ENDPOINT: `127.0.0.1:${standin.port}`, MAYA_STT_PREFER_SERVER: "1" });
    guest = await MayaClient.startSession(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("tells the page it prefers its own recognizer, Google", async () => {
    const { speechRecognition } = await guest.data<{ speechRecognition: Record<string, unknown> }>("{ speechRecognition { recognizer available preferServer } }");
    expect(speechRecognition).toEqual({ recognizer: "google", available: true, preferServer: true });
  });

  it("relays interim and final words over /listen, with the menu's names among the hints", async () => {
    standin.hearNext("two martinis please");
    const listen = await openListen(app.url);
    listen.start(guest.token!);
    expect(await listen.next()).toMatchObject({ type: "ready", recognizer: "google" });
    await listen.stream(tone(1));
    const partial = await listen.until("partial");
    expect(partial.text).toMatch(/^two/);
    listen.stop();
    expect(await listen.until("final")).toMatchObject({ text: "two martinis please" });
    const phrases = standin.streams.at(-1)!.config!.phrases;
    for (const name of ["martini", "negroni", "daiquiri", "ipa", "long island", "on the rocks", "what's my tab"]) expect(phrases).toContain(name);
  });

  it("an outage mid-utterance: the guest is told, the process lives, typing still works", async () => {
    standin.hearNext("two martinis please");
    standin.failNext(status.UNAVAILABLE, 9600, "backend unavailable");
    const listen = await openListen(app.url);
    listen.start(guest.token!);
    await listen.until("ready");
    await listen.stream(tone(1));
    const error = await listen.until("error");
    expect(error.reason).toBe("recognizer_failed");
    expect(error.message).toMatch(/type/i);
    expect((await listen.closed).code).toBe(4503);
    const reply = await guest.data<{ say: { intent: string; session: { tab: { subtotalCents: number } } } }>(
      `mutation { say(text: "two martinis please") { intent session { tab { subtotalCents } } } }`,
    );
    expect(reply.say).toEqual({ intent: "ORDER", session: { tab: { subtotalCents: 2600 } } });
    expect(await app.metrics.render()).toMatch(/maya_speech_recognitions_total\{recognizer="google",outcome="error"\} [1-9]/);
  });

  it("a recognizer that is down altogether: each utterance fails with a message, and the next one still works", async () => {
    const down = await startTestMaya({ kind: "pglite" }, { MAYA_STT: "google", MAYA_STT_API_ENDPOINT: "127.0.0.1:9" });
    try {
      const someone = await MayaClient.startSession(down.url);
      const listen = await openListen(down.url);
      listen.start(someone.token!);
      await listen.until("ready");
      await listen.stream(tone(0.5));
      listen.stop();
      expect(await listen.until("error")).toMatchObject({ reason: "recognizer_failed" });
      expect((await someone.data<{ say: { intent: string } }>(`mutation { say(text: "hello") { intent } }`)).say.intent).toBe("GREET");
    } finally {
      await down.close();
    }
  });
});

describe("Google's final results as one transcript", () => {
  it("joins them, keeps the least confidence, and reads the others one result at a time", () => {
    const finals = [
      { text: "two martinis", confidence: 0.9, alternatives: ["two martini"] },
      { text: "and a negroni", confidence: 0.6, alternatives: ["and an negroni", "and a macaroni"] },
    ];
    expect(transcriptOf(finals, "")).toEqual({
      text: "two martinis and a negroni",
      confidence: 0.6,
      alternatives: ["two martini and a negroni", "two martinis and an negroni", "two martinis and a macaroni"],
    });
    // Words never made final are vouched for by nothing; 0 is Google's "not estimated".
    expect(transcriptOf(finals, "please").confidence).toBeNull();
    expect(transcriptOf([{ text: "a beer", confidence: 0, alternatives: [] }], "").confidence).toBeNull();
    expect(transcriptOf([], "")).toEqual({ text: "", confidence: null, alternatives: [] });
  });
});
