/** Server-side speech end to end: say returns an audio URL the app serves, and a speech outage never breaks a turn. */
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { startTtsStandin, type TtsStandin } from "../support/tts-standin.js";

describe("say with Google Text-to-Speech configured", () => {
  let tts: TtsStandin;
  let app: MayaApp;

  beforeAll(async () => {
    tts = await startTtsStandin();
    app = await startTestMaya({ kind: "pglite" }, { MAYA_TTS: "google", MAYA_TTS_API_ENDPOINT: `127.0.0.1:${tts.port}` });
  });
  afterAll(async () => {
    await app?.close();
    await tts?.stop();
  });

  const SAY = `mutation Say($text: String!) { say(text: $text) { text speech audioUrl session { tab { totalCents } } } }`;

  it("speaks the reply's speech text and serves the audio", async () => {
    const guest = await MayaClient.startSession(app.url);
    const { say } = await guest.data(SAY, { text: "a martini please" });
    expect(say.audioUrl).toMatch(/^\/speech\/[0-9a-f]{64}\.mp3$/);
    expect(tts.requests.at(-1)?.text).toBe(say.speech);

    const audio = await fetch(`${app.url}${say.audioUrl}`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toContain("audio/mpeg");
    const bytes = Buffer.from(await audio.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfb]));
    expect(bytes.subarray(4).toString("utf8")).toBe(say.speech);
  });

  it("answers the turn without audio when speech fails", async () => {
    const guest = await MayaClient.startSession(app.url);
    tts.failNext({ code: status.UNAVAILABLE }, 5);
    const { say } = await guest.data(SAY, { text: "two martinis please" });
    expect(say.audioUrl).toBeNull();
    expect(say.session.tab.totalCents).toBe(2600);
  });

  it("serves nothing for an unknown or malformed clip id", async () => {
    expect((await fetch(`${app.url}/speech/${"0".repeat(64)}.mp3`)).status).toBe(404);
    expect((await fetch(`${app.url}/speech/..%2Fpackage.json`)).status).toBe(404);
  });
});
