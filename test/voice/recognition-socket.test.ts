/**
 * The /listen socket against the real app with the offline recognizer: a spoken order comes back as
 * words, and hostile or clumsy clients are refused with a reason and a close code, never reaching the
 * decoder before their session is known, and never taking the process down.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import type { MayaApp } from "../../src/app.js";
import { openListen, listenUrl } from "../support/listen-client.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { describeWithSpeech, speak } from "../support/speech-tools.js";
import { parseExposition, valueOf } from "../observability/prometheus-text.js";

const metricValue = (text: string, name: string, labels: Record<string, string> = {}) => valueOf(parseExposition(text), name, labels);

describeWithSpeech("the recognition socket (offline recognizer)", () => {
  let app: MayaApp;
  let guest: MayaClient;
  let order: Buffer;

  beforeAll(async () => {
    [app, order] = await Promise.all([
      startTestMaya({ kind: "pglite" }, { MAYA_STT: "sphinx", MAYA_STT_MAX_SECONDS: "4", MAYA_STT_MAX_SOCKETS_PER_ADDRESS: "6", MAYA_STT_MAX_STREAMS: "2" }),
      speak("two martinis please"),
    ]);
    guest = await MayaClient.startSession(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  const metrics = async () => app.metrics.render();
  const recognitions = async (outcome: string) => metricValue(await metrics(), "maya_speech_recognitions_total", { recognizer: "sphinx", outcome }) ?? 0;
  const refusals = async (reason: string) => metricValue(await metrics(), "maya_speech_recognition_refusals_total", { reason }) ?? 0;

  it("says which recognizer it has through the API", async () => {
    const { speechRecognition } = await new MayaClient(app.url).data<{ speechRecognition: Record<string, unknown> }>(
      "{ speechRecognition { recognizer available preferServer path sampleRateHertz maxSeconds } }",
    );
    expect(speechRecognition).toEqual({ recognizer: "sphinx", available: true, preferServer: false, path: "/listen", sampleRateHertz: 16000, maxSeconds: 4 });
  });

  it("hears a spoken order: ready, then the final words, then a clean close; metrics count it", async () => {
    const before = await recognitions("success");
    const listen = await openListen(app.url);
    listen.start(guest.token!);
    expect(await listen.next()).toMatchObject({ type: "ready", recognizer: "sphinx" });
    await listen.stream(order);
    listen.stop();
    const final = await listen.until("final");
    expect(final.text).toBe("two martinis please");
    // How sure the decoder is, and what else it heard, for `say` to weigh.
    expect(final.confidence).toBeGreaterThan(0);
    expect(final.confidence).toBeLessThanOrEqual(1);
    expect(Array.isArray(final.alternatives)).toBe(true);
    expect((await listen.closed).code).toBe(1000);
    expect(await recognitions("success")).toBe(before + 1);
    const text = await metrics();
    expect(metricValue(text, "maya_speech_recognition_audio_seconds_total", { recognizer: "sphinx" })).toBeCloseTo(order.length / 32_000, 1);
    expect(metricValue(text, "maya_speech_recognition_latency_seconds_count", { recognizer: "sphinx" })).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, "maya_speech_recognition_streams_active")).toBe(0);
  });

  it("refuses a forged or malformed token, an overlay token, a start without one, and audio before any token, without starting a decoder", async () => {
    const forged = await openListen(app.url);
    forged.start("A".repeat(43));
    expect(await forged.next()).toMatchObject({ type: "error", reason: "unauthenticated" });
    expect((await forged.closed).code).toBe(4401);

    const malformed = await openListen(app.url);
    malformed.start("not a token\u0000");
    expect((await malformed.closed).code).toBe(4401);

    const tokenless = await openListen(app.url);
    tokenless.socket.send(JSON.stringify({ type: "start" }));
    expect(await tokenless.next()).toMatchObject({ type: "error", reason: "bad_message" });
    expect((await tokenless.closed).code).toBe(4400);

    // An overlay token reads the tab; it never talks to Maya.
    const { createOverlayToken } = await guest.data<{ createOverlayToken: string }>(`mutation { createOverlayToken }`);
    const overlay = await openListen(app.url);
    overlay.start(createOverlayToken);
    expect(await overlay.next()).toMatchObject({ type: "error", reason: "forbidden" });
    expect((await overlay.closed).code).toBe(4403);

    const eager = await openListen(app.url);
    eager.socket.send(order.subarray(0, 3200));
    expect(await eager.next()).toMatchObject({ type: "error", reason: "unauthenticated" });
    expect((await eager.closed).code).toBe(4401);
    expect(metricValue(await metrics(), "maya_speech_recognition_streams_active")).toBe(0);
  });

  it("refuses text where audio is expected, malformed JSON, an odd-length frame and a second start", async () => {
    for (const send of [
      (socket: WebSocket) => socket.send("two martinis please"),
      (socket: WebSocket) => socket.send('{"type":"start","token":'),
      (socket: WebSocket) => socket.send(JSON.stringify({ type: "start", token: guest.token })),
      (socket: WebSocket) => socket.send(Buffer.from([1, 2, 3])),
      (socket: WebSocket) => socket.send(JSON.stringify({ type: "dance" })),
    ]) {
      const listen = await openListen(app.url);
      listen.start(guest.token!);
      await listen.until("ready");
      send(listen.socket);
      expect(await listen.until("error")).toMatchObject({ reason: "bad_message" });
      expect((await listen.closed).code).toBe(4400);
    }
    expect(await refusals("bad_message")).toBeGreaterThanOrEqual(5);
  });

  it("closes on an oversized frame (1009) and on a flood of frames (4429)", async () => {
    const big = await openListen(app.url);
    big.start(guest.token!);
    await big.until("ready");
    big.socket.send(Buffer.alloc(64 * 1024));
    expect((await big.closed).code).toBe(1009);

    const flood = await openListen(app.url);
    flood.start(guest.token!);
    await flood.until("ready");
    for (let i = 0; i < 400 && flood.socket.readyState === WebSocket.OPEN; i++) flood.socket.send(Buffer.alloc(2));
    expect(await flood.until("error")).toMatchObject({ reason: "too_many_frames" });
    expect((await flood.closed).code).toBe(4429);
  });

  it("allows one live stream per session (a second is refused while the first listens, allowed after) and caps streams per instance", async () => {
    const first = await openListen(app.url);
    first.start(guest.token!);
    await first.until("ready");
    const second = await openListen(app.url);
    second.start(guest.token!);
    expect(await second.next()).toMatchObject({ type: "error", reason: "busy" });
    expect((await second.closed).code).toBe(4409);

    const other = await MayaClient.startSession(app.url);
    const elsewhere = await openListen(app.url);
    elsewhere.start(other.token!);
    expect(await elsewhere.next()).toMatchObject({ type: "ready" });
    // Two utterances live is this instance's cap (MAYA_STT_MAX_STREAMS=2 here): a third guest waits.
    const third = await openListen(app.url);
    third.start((await MayaClient.startSession(app.url)).token!);
    expect(await third.next()).toMatchObject({ type: "error", reason: "overloaded" });
    expect((await third.closed).code).toBe(4503);
    elsewhere.socket.send(JSON.stringify({ type: "cancel" }));
    expect((await elsewhere.closed).code).toBe(1000);

    first.socket.close();
    await first.closed;
    await expect.poll(() => metrics().then((text) => metricValue(text, "maya_speech_recognition_streams_active"))).toBe(0);
    const again = await openListen(app.url);
    again.start(guest.token!);
    expect(await again.next()).toMatchObject({ type: "ready" });
    again.socket.close();
  });

  it("ends an utterance at its length limit (4 s here) and transcribes what it had", async () => {
    const long = Buffer.concat([order, order, order, order]);
    const listen = await openListen(app.url);
    listen.start(guest.token!);
    await listen.until("ready");
    await listen.stream(long, { frameBytes: 8000 });
    const final = await listen.until("final");
    expect(final.truncated).toBe(true);
    expect(final.text).toContain("martinis");
    expect((await listen.closed).code).toBe(1000);
  });

  it("ends a socket that never starts (auth timeout) and one that goes quiet (idle: a final with nothing heard)", async () => {
    const silent = await openListen(app.url);
    expect((await silent.closed).code).toBe(4408);

    const quiet = await openListen(app.url);
    quiet.start(guest.token!);
    await quiet.until("ready");
    const final = await quiet.until("final", 15_000);
    expect(final.text).toBe("");
    expect((await quiet.closed).code).toBe(1000);
  });

  it("survives garbage bytes as audio: a transcript of whatever it was, and the app still answers", async () => {
    const listen = await openListen(app.url);
    listen.start(guest.token!);
    await listen.until("ready");
    await listen.stream(randomBytes(32_000));
    listen.stop();
    const final = await listen.until("final");
    expect(typeof final.text).toBe("string");
    const reply = await guest.data<{ say: { intent: string } }>(`mutation { say(text: "what's my tab") { intent } }`);
    expect(reply.say.intent).toBe("SHOW_TAB");
  });

  it("caps sockets per client address: past the cap the upgrade is refused with 429", async () => {
    const open: WebSocket[] = [];
    for (let i = 0; i < 6; i++) open.push((await openListen(app.url)).socket);
    await expect(openListen(app.url)).rejects.toThrow("HTTP 429");
    for (const socket of open) socket.close();
    await Promise.all(open.map((socket) => new Promise((resolve) => (socket.readyState === WebSocket.CLOSED ? resolve(null) : socket.once("close", resolve)))));
    const after = await openListen(app.url);
    after.socket.close();
  });

  it("never puts the token in the URL: the socket works at the bare path", () => {
    expect(listenUrl(app.url)).toMatch(/\/listen$/);
  });
});
