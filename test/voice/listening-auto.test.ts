/**
 * MAYA_STT=auto, the default: the offline recognizer where pocketsphinx and its model are installed,
 * else none (the browser's own recognizer), and /readyz and the API say which.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { describeWithSpeech } from "../support/speech-tools.js";

const QUERY = "{ speechRecognition { recognizer available } }";

async function listening(app: MayaApp) {
  const readyz = (await (await fetch(`${app.url}/readyz`)).json()) as { speechRecognition: Record<string, unknown> };
  const { speechRecognition } = await new MayaClient(app.url).data<{ speechRecognition: Record<string, unknown> }>(QUERY);
  return { readyz: readyz.speechRecognition, api: speechRecognition };
}

describe("MAYA_STT=auto on a machine without pocketsphinx", () => {
  let app: MayaApp;
  beforeAll(async () => {
    app = await startTestMaya({ kind: "pglite" }, { MAYA_STT: "auto", MAYA_STT_SPHINX_BINARY: "/nonexistent/pocketsphinx_continuous" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("listens with the browser's recognizer only, and says so", async () => {
    const { readyz, api } = await listening(app);
    expect(readyz).toMatchObject({ configured: "auto", active: null, reason: expect.stringContaining("pocketsphinx not found") });
    expect(api).toEqual({ recognizer: null, available: false });
  });
});

describe("MAYA_STT=off", () => {
  it("has no server recognizer, whatever is installed", async () => {
    const app = await startTestMaya({ kind: "pglite" }, { MAYA_STT: "off" });
    try {
      const { readyz, api } = await listening(app);
      expect(readyz).toEqual({ configured: "off", active: null });
      expect(api).toEqual({ recognizer: null, available: false });
    } finally {
      await app.close();
    }
  });
});

describeWithSpeech("MAYA_STT=auto where pocketsphinx is installed", () => {
  let app: MayaApp;
  beforeAll(async () => {
    app = await startTestMaya({ kind: "pglite" }, { MAYA_STT: "auto" });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it("listens with the offline recognizer, and says so", async () => {
    const { readyz, api } = await listening(app);
    expect(readyz).toEqual({ configured: "auto", active: "sphinx" });
    expect(api).toEqual({ recognizer: "sphinx", available: true });
  });
});
