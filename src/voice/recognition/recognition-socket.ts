/**
 * The WebSocket where a guest's page streams its microphone for server-side
 * recognition: one utterance per socket, on the app's own port and origin.
 *
 * Protocol (JSON text frames, audio in binary frames):
 *   client → {"type":"start","token":"<session token>"}   first, within a few seconds
 *   server → {"type":"ready","recognizer":"sphinx","sampleRateHertz":16000,"maxSeconds":15}
 *   client → binary frames of 16 kHz mono s16le PCM
 *   server → {"type":"partial","text":"two martinis"}        as words are heard
 *   client → {"type":"stop"}                                 end of speech (or {"type":"cancel"})
 *   server → {"type":"final","text":"two martinis please","confidence":0.93,"alternatives":["two martini please"]}
 *                                                            then closes (1000); confidence may be null
 *   server → {"type":"error","reason":"...","message":"..."} then closes (4xxx)
 *
 * The token travels in the first message, never in the URL (which proxies
 * log), and nothing reaches a recognizer before the session is known. The
 * client then sends the transcript to `say` itself, with the confidence and
 * alternatives as `heard` (an order heard unsurely is confirmed before it is poured).
 * Audio is passed through, never kept: not on disk, not in a log.
 */
import type { IncomingMessage } from "node:http";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { OutageReporter } from "../../db/availability.js";
import { DomainError } from "../../errors.js";
import { ConnectionCounter } from "../../limits/connection-counter.js";
import { clientAddress } from "../../limits/request-limits.js";
import { RateLimiter } from "../../http/rate-limiter.js";
import type { SharedRateLimiter } from "../../limits/shared-rate-limiter.js";
import { closeGoingAway, type UpgradeRouter } from "../../http/upgrade-router.js";
import { describeError, type Logger } from "../../logger.js";
import type { MayaMetrics } from "../../observability/index.js";
import type { SessionService } from "../../sessions/session.service.js";
import { hashSessionToken } from "../../sessions/session-token.js";
import { BYTES_PER_SECOND, RecognitionError, SAMPLE_RATE_HERTZ, type RecognitionStream, type SpeechRecognizer } from "./recognizer.js";

export interface RecognitionLimits {
  /** Audio per utterance; the stream is ended (and transcribed) there. */
  maxUtteranceSeconds: number;
  /** Largest binary frame (bytes); larger ones close the socket (1009). */
  maxFrameBytes: number;
  /** Frames per second, sustained, and how many may come at once. */
  framesPerSecond: number;
  frameBurst: number;
  /** Sockets open at once from one client address. */
  maxSocketsPerAddress: number;
  /** Utterances being recognized at once on this instance. */
  maxStreams: number;
  /** From the socket opening to the start message. */
  authTimeoutMs: number;
  /** With no frame for this long, the utterance is taken as ended. */
  idleTimeoutMs: number;
}

export const DEFAULT_RECOGNITION_LIMITS: RecognitionLimits = {
  maxUtteranceSeconds: 15,
  // A quarter second of audio; the page sends about a tenth.
  maxFrameBytes: 8000,
  framesPerSecond: 50,
  frameBurst: 100,
  maxSocketsPerAddress: 8,
  maxStreams: 16,
  authTimeoutMs: 5000,
  idleTimeoutMs: 5000,
};

/** Why a socket was closed without a transcript: one message per reason, shown to the guest. */
export type RefusalReason =
  | "bad_message"
  | "unauthenticated"
  | "forbidden"
  | "auth_timeout"
  | "rate_limited"
  | "busy"
  | "overloaded"
  | "too_many_frames"
  | "unavailable"
  | "recognizer_failed";

const REFUSALS: Readonly<Record<RefusalReason, { code: number; message: string }>> = {
  bad_message: { code: 4400, message: "That wasn't audio I could use. Please try the mic again." },
  unauthenticated: { code: 4401, message: "Your session isn't valid any more. Reload the page to start a new one." },
  forbidden: { code: 4403, message: "An overlay link can only show the tab. Talk to Maya on her own page." },
  auth_timeout: { code: 4408, message: "The microphone connection took too long to start. Please try again." },
  rate_limited: { code: 4429, message: "That's a lot at once. Give it a second and try again." },
  busy: { code: 4409, message: "I'm already listening to you in another window. Finish there, or try again in a moment." },
  overloaded: { code: 4503, message: "Lots of guests are talking to me at once. Please try again in a moment, or type it." },
  too_many_frames: { code: 4429, message: "The microphone sent audio faster than I can take it. Please try again." },
  unavailable: { code: 4503, message: "I can't listen right now. You can type to me instead." },
  recognizer_failed: { code: 4503, message: "I couldn't make that out just now. Please try again, or type it." },
};

const RESTARTING_MESSAGE = "I'm restarting for a moment. Try the mic again in a few seconds, or type to me.";

type ClientMessage = { type: "start"; token: string } | { type: "stop" } | { type: "cancel" };

function parseClientMessage(data: RawData): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(data.toString());
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { type, token } = value as { type?: unknown; token?: unknown };
  if (type === "start" && typeof token === "string" && token.length <= 256) return { type, token };
  if (type === "stop" || type === "cancel") return { type };
  return null;
}

export type RecognitionMetrics = Pick<MayaMetrics, "speechRecognition" | "speechRecognitionRefused" | "speechRecognitionOpened">;

export interface RecognitionSocketOptions {
  upgrades: UpgradeRouter;
  path: string;
  /** Null when no recognizer is configured or it could not start: every socket is told so. */
  recognizer: SpeechRecognizer | null;
  sessions: Pick<SessionService, "authenticate">;
  /** The same limits as GraphQL (pass GraphQL's own instances to share their buckets). */
  limiters: { perAddress: SharedRateLimiter; perSession: SharedRateLimiter };
  limits?: Partial<RecognitionLimits>;
  metrics: RecognitionMetrics;
  log: Logger;
  /** The database away is an outage (logged once there), not a line per socket. */
  outages?: OutageReporter;
}

export interface RecognitionSocket {
  /** Live utterances now. */
  readonly liveStreams: number;
  close(): Promise<void>;
}

export function mountRecognitionSocket(options: RecognitionSocketOptions): RecognitionSocket {
  const limits = { ...DEFAULT_RECOGNITION_LIMITS, ...options.limits };
  const { recognizer, sessions, limiters, metrics, log } = options;
  const sockets = new ConnectionCounter(limits.maxSocketsPerAddress);
  const liveSessions = new Set<string>();
  let liveStreams = 0;
  const maxAudioBytes = limits.maxUtteranceSeconds * BYTES_PER_SECOND;

  const wsServer = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    // Refused before the handshake: too many sockets from one address, or its rate limit spent.
    verifyClient: (info: { req: IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) => {
      const address = clientAddress(info.req);
      if (sockets.isFull(address)) {
        metrics.speechRecognitionRefused("too_many_sockets");
        return done(false, 429, "Too Many Connections");
      }
      limiters.perAddress.take(address).then(
        (admitted) => {
          if (admitted) return done(true);
          metrics.speechRecognitionRefused("rate_limited");
          done(false, 429, "Too Many Requests");
        },
        () => done(false, 503, "Service Unavailable"),
      );
    },
  });
  options.upgrades.add(options.path, wsServer);

  wsServer.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    const closed = sockets.add(clientAddress(request));
    const frames = new RateLimiter({ capacity: limits.frameBurst, refillPerSecond: limits.framesPerSecond });
    let phase: "awaiting_start" | "authorizing" | "listening" | "finishing" | "closed" = "awaiting_start";
    let sessionId: string | null = null;
    let stream: RecognitionStream | null = null;
    let closeStream: (() => void) | null = null;
    let audioBytes = 0;
    let endedAt = 0;
    let timer: NodeJS.Timeout | null = null;
    let deadline: NodeJS.Timeout | null = null;

    const send = (message: Record<string, unknown>) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const arm = (ms: number, onTimeout: () => void) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };
    const record = (outcome: "success" | "no_speech" | "error" | "aborted", latencySeconds: number | null) =>
      metrics.speechRecognition(recognizer?.name ?? "none", outcome, audioBytes / BYTES_PER_SECOND, latencySeconds);

    const refuse = (reason: RefusalReason) => {
      if (phase === "closed") return;
      metrics.speechRecognitionRefused(reason);
      send({ type: "error", reason, message: REFUSALS[reason].message });
      if (stream) {
        stream.abort();
        record("aborted", null);
        stream = null;
      }
      end(REFUSALS[reason].code, reason);
    };
    const end = (code: number, reason: string) => {
      if (phase === "closed") return;
      phase = "closed";
      if (timer) clearTimeout(timer);
      if (deadline) clearTimeout(deadline);
      closeStream?.();
      socket.close(code, reason);
      // A client that ignores the close frame is cut off.
      setTimeout(() => socket.terminate(), 2000).unref();
    };

    const finish = async (truncated: boolean) => {
      if (phase !== "listening" || !stream) return;
      phase = "finishing";
      if (timer) clearTimeout(timer);
      const current = stream;
      endedAt = performance.now();
      try {
        const { text, confidence, alternatives } = await current.finish();
        const latency = (performance.now() - endedAt) / 1000;
        record(text === "" ? "no_speech" : "success", latency);
        stream = null;
        if (phase !== "finishing") return;
        send({ type: "final", text, confidence, alternatives, ...(truncated ? { truncated: true } : {}) });
        end(1000, "done");
      } catch (error) {
        stream = null;
        record("error", null);
        if (error instanceof RecognitionError) log.warn("speech recognition failed", { recognizer: recognizer?.name, reason: error.failure.reason, details: error.failure.details.slice(0, 300) });
        else log.error("speech recognition failed", { recognizer: recognizer?.name, error: describeError(error).slice(0, 300) });
        if (phase === "finishing") refuse("recognizer_failed");
      }
    };

    const startListening = async (token: string) => {
      let session: { id: string };
      try {
        session = await sessions.authenticate(token);
      } catch (error) {
        if (error instanceof DomainError && error.code === "UNAUTHENTICATED") return refuse("unauthenticated");
        if (error instanceof DomainError && error.code === "FORBIDDEN") return refuse("forbidden");
        // The database is away: no session to listen for, but the page can say so and typing still works.
        if (options.outages?.report(error)) return refuse("unavailable");
        log.warn("speech socket could not authenticate", { error: describeError(error).slice(0, 300) });
        return refuse("unavailable");
      }
      if (phase !== "authorizing") return;
      if (!(await limiters.perSession.take(hashSessionToken(token)))) return refuse("rate_limited");
      if (phase !== "authorizing") return;
      if (!recognizer) return refuse("unavailable");
      if (liveSessions.has(session.id)) return refuse("busy");
      if (liveStreams >= limits.maxStreams) return refuse("overloaded");
      try {
        stream = recognizer.start({
          onPartial: (text) => {
            if (phase === "listening") send({ type: "partial", text });
          },
          onFailure: () => {
            // finish() rejects too when it is under way; before that, end the socket here.
            if (phase === "listening") {
              record("error", null);
              stream = null;
              log.warn("speech recognizer failed mid-utterance", { recognizer: recognizer.name });
              refuse("recognizer_failed");
            }
          },
        }, { listener: session.id });
      } catch (error) {
        log.warn("speech recognizer could not start", { recognizer: recognizer.name, error: describeError(error).slice(0, 300) });
        return refuse("unavailable");
      }
      sessionId = session.id;
      liveSessions.add(session.id);
      liveStreams += 1;
      const closed = metrics.speechRecognitionOpened();
      closeStream = () => {
        closeStream = null;
        closed();
        liveStreams -= 1;
        if (sessionId) liveSessions.delete(sessionId);
      };
      phase = "listening";
      send({ type: "ready", recognizer: recognizer.name, sampleRateHertz: SAMPLE_RATE_HERTZ, maxSeconds: limits.maxUtteranceSeconds });
      arm(limits.idleTimeoutMs, () => void finish(false));
      // A socket that trickles audio forever still ends: the utterance's length plus slack, in wall time.
      deadline = setTimeout(() => void finish(true), limits.maxUtteranceSeconds * 1000 + limits.idleTimeoutMs);
    };

    arm(limits.authTimeoutMs, () => refuse("auth_timeout"));

    socket.on("message", (data: RawData, isBinary: boolean) => {
      if (phase === "closed" || phase === "finishing") return;
      if (!frames.take("frames")) return refuse("too_many_frames");
      if (isBinary) {
        // Nothing reaches a recognizer before the session is known; the page waits for "ready".
        if (phase !== "listening" || !stream) return refuse("unauthenticated");
        const pcm = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        if (pcm.length === 0 || pcm.length % 2 !== 0) return refuse("bad_message");
        const room = maxAudioBytes - audioBytes;
        const taken = pcm.length <= room ? pcm : pcm.subarray(0, room);
        audioBytes += taken.length;
        stream.write(taken);
        if (audioBytes >= maxAudioBytes) return void finish(true);
        arm(limits.idleTimeoutMs, () => void finish(false));
        return;
      }
      const message = parseClientMessage(data);
      if (message === null) return refuse("bad_message");
      if (message.type === "start") {
        // One start per socket: authentication runs once.
        if (phase !== "awaiting_start") return refuse("bad_message");
        phase = "authorizing";
        void startListening(message.token);
        return;
      }
      if (phase !== "listening") return refuse(phase === "awaiting_start" ? "unauthenticated" : "bad_message");
      if (message.type === "stop") return void finish(false);
      stream?.abort();
      stream = null;
      record("aborted", null);
      end(1000, "canceled");
    });

    socket.on("error", () => socket.terminate());
    socket.on("close", () => {
      closed();
      // While finishing, the transcript is on its way: finish() ends the stream itself.
      if (phase === "finishing") return;
      if (stream) {
        stream.abort();
        stream = null;
        record("aborted", null);
      }
      phase = "closed";
      if (timer) clearTimeout(timer);
      if (deadline) clearTimeout(deadline);
      closeStream?.();
    });
  });

  return {
    get liveStreams() {
      return liveStreams;
    },
    close: async () => {
      // The guest is told (the page says so and typing works), then the socket closes as going away.
      for (const client of wsServer.clients) {
        if (client.readyState === client.OPEN) client.send(JSON.stringify({ type: "error", reason: "unavailable", message: RESTARTING_MESSAGE }));
      }
      await closeGoingAway(wsServer, "restarting");
    },
  };
}
