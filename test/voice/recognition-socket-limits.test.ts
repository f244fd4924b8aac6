/**
 * The recognition socket's rate limits, with the limiter instances the app passes in (GraphQL's
 * limits): a connection takes a token from the client address's bucket, a start from the session's.
 * A scripted recognizer and session service stand in; the socket is the real one on a real port.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unauthenticated } from "../../src/errors.js";
import { createSharedRateLimiter } from "../../src/limits/shared-rate-limiter.js";
import { routeUpgrades } from "../../src/http/upgrade-router.js";
import { createMetrics } from "../../src/observability/index.js";
import { mountRecognitionSocket, type RecognitionSocket } from "../../src/voice/recognition/recognition-socket.js";
import type { SpeechRecognizer } from "../../src/voice/recognition/recognizer.js";
import { openListen } from "../support/listen-client.js";

const TOKEN = "t".repeat(43);
const OTHER_TOKEN = "u".repeat(43);

/** Who each utterance was started for (the recognizer may carry what it learned of a voice to its next). */
const listeners: (string | undefined)[] = [];
/** Hears "bytes:<n>" for n bytes of audio. */
const countingRecognizer: SpeechRecognizer = {
  name: "sphinx",
  start: (_handlers, options) => {
    listeners.push(options?.listener);
    let bytes = 0;
    return { write: (pcm) => void (bytes += pcm.length), finish: async () => ({ text: `bytes:${bytes}`, confidence: null, alternatives: [] }), abort: () => undefined };
  },
  close: async () => undefined,
};

describe("recognition socket rate limits", () => {
  let server: Server;
  let url: string;
  let socket: RecognitionSocket;
  const metrics = createMetrics({ config: {}, collectDefaultMetrics: false });

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const upgrades = routeUpgrades();
    server.on("upgrade", upgrades.handle);
    socket = mountRecognitionSocket({
      upgrades,
      path: "/listen",
      recognizer: countingRecognizer,
      sessions: { authenticate: async (token) => (token === TOKEN || token === OTHER_TOKEN ? ({ id: token.slice(0, 1) } as never) : Promise.reject(unauthenticated())) },
      limiters: {
        perAddress: createSharedRateLimiter({ capacity: 4, refillPerSecond: 4 }, "address"),
        perSession: createSharedRateLimiter({ capacity: 2, refillPerSecond: 1 }, "session"),
      },
      metrics,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
  });
  afterAll(async () => {
    await socket.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("takes a session's token per utterance: past its bucket, rate_limited (4429); another session is unaffected", async () => {
    for (let i = 0; i < 2; i++) {
      const listen = await openListen(url);
      listen.start(TOKEN);
      await listen.until("ready");
      listen.socket.send(Buffer.alloc(640));
      listen.stop();
      expect(await listen.until("final")).toMatchObject({ text: "bytes:640" });
    }
    const third = await openListen(url);
    third.start(TOKEN);
    expect(await third.next()).toMatchObject({ type: "error", reason: "rate_limited" });
    expect((await third.closed).code).toBe(4429);

    const other = await openListen(url);
    other.start(OTHER_TOKEN);
    expect(await other.next()).toMatchObject({ type: "ready" });
    other.socket.close();
    // Each utterance is started for its session: the same listener for the same guest, another for another.
    expect(listeners).toEqual(["t", "t", "u"]);
  });

  it("takes the address's token per connection: past its bucket the upgrade is refused (429), and it refills", async () => {
    await expect(openListen(url)).rejects.toThrow("HTTP 429");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await openListen(url);
    again.socket.close();
    expect(await metrics.render()).toMatch(/maya_speech_recognition_refusals_total\{reason="rate_limited"\} [2-9]/);
  });
});
