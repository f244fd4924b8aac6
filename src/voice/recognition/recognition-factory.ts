/**
 * Server-side listening as configured (MAYA_STT=sphinx or google), else none.
 * MAYA_STT=auto (the default) is pocketsphinx where it and its model are
 * installed, and none otherwise, quietly: a machine without them is as it was.
 * A recognizer named outright that cannot start (pocketsphinx or its model
 * missing) is reported once and left out: the page then uses the browser's
 * recognizer or typing, and the app runs on. Bad configuration values stop the
 * app earlier, in loadConfig.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import type { MenuItem } from "../../bar/menu-catalog.js";
import { parseHostPort, type SpeechRecognitionConfig } from "../../config.js";
import type { SharedRateLimiter } from "../../limits/shared-rate-limiter.js";
import type { UpgradeRouter } from "../../http/upgrade-router.js";
import { describeError, type Logger } from "../../logger.js";
import type { SessionService } from "../../sessions/session.service.js";
import { buildBarLanguage } from "./bar-language.js";
import type { OutageReporter } from "../../db/availability.js";
import { mountRecognitionSocket, type RecognitionMetrics, type RecognitionSocket } from "./recognition-socket.js";
import { RECOGNITION_PATH, SAMPLE_RATE_HERTZ, type RecognizerName, type SpeechRecognizer } from "./recognizer.js";
import { buildSphinxModel, SphinxRecognizer } from "./sphinx-recognizer.js";

/** What the page learns from the API (Query.speechRecognition). */
export interface SpeechRecognitionInfo {
  /** The recognizer configured, or under MAYA_STT=auto the one found (null when none was). */
  recognizer: RecognizerName | null;
  available: boolean;
  preferServer: boolean;
  path: string;
  sampleRateHertz: number;
  maxSeconds: number;
}

/** What /readyz and the startup log say about listening. */
export interface SpeechRecognitionStatus {
  /** MAYA_STT as read ("off" when unset by an older config). */
  configured: "auto" | RecognizerName | "off";
  /** The recognizer listening now, or null (the browser's own recognizer only). */
  active: RecognizerName | null;
  /** Why none is active when one was asked for (auto found none, or it could not start). */
  reason?: string;
}

export interface SpeechRecognition {
  readonly info: SpeechRecognitionInfo;
  readonly status: SpeechRecognitionStatus;
  readonly recognizer: SpeechRecognizer | null;
  /** Serves the recognition socket on the app's port. */
  mount(deps: {
    upgrades: UpgradeRouter;
    sessions: Pick<SessionService, "authenticate">;
    limiters: { perAddress: SharedRateLimiter; perSession: SharedRateLimiter };
    outages?: OutageReporter;
  }): void;
  close(): Promise<void>;
}

export async function createSpeechRecognition(
  config: SpeechRecognitionConfig,
  menu: readonly MenuItem[],
  log: Logger,
  metrics: RecognitionMetrics,
): Promise<SpeechRecognition> {
  let recognizer: SpeechRecognizer | null = null;
  let reason: string | undefined;
  try {
    if (config.recognizer === "auto") {
      const missing = await sphinxMissing(config);
      if (missing === null) recognizer = await startSphinx(config, menu, log);
      else {
        reason = `pocketsphinx not found (${missing})`;
        log.info("speech recognition: off (MAYA_STT=auto found no pocketsphinx; the browser's recognizer only)", { missing });
      }
    } else if (config.recognizer === "sphinx") {
      recognizer = await startSphinx(config, menu, log);
    } else if (config.recognizer === "google") {
      // Google's client libraries only when configured: they are a good part of a start's time.
      const { GoogleSpeechRecognizer } = await import("./google-recognizer.js");
      const endpoint = config.apiEndpoint ? parseHostPort(config.apiEndpoint, "MAYA_STT_API_ENDPOINT") : undefined;
      recognizer = new GoogleSpeechRecognizer({
        languageCode: config.languageCode,
        phraseHints: buildBarLanguage(menu).phraseHints,
        maxStreamMs: (config.maxUtteranceSeconds + 30) * 1000,
        ...(endpoint ? { apiEndpoint: endpoint.host, port: endpoint.port, insecure: true } : {}),
      });
      log.info("speech recognition: Google Speech-to-Text", { endpoint: config.apiEndpoint ?? "speech.googleapis.com" });
    }
  } catch (error) {
    reason = `the recognizer could not start: ${describeError(error).slice(0, 200)}`;
    log.warn("speech recognition is off: the recognizer could not start", {
      recognizer: config.recognizer,
      error: describeError(error).slice(0, 300),
    });
    recognizer = null;
  }
  const configured = config.recognizer ?? "off";
  const status: SpeechRecognitionStatus = { configured, active: recognizer?.name ?? null, ...(reason ? { reason } : {}) };
  const info: SpeechRecognitionInfo = {
    // Auto names what it found; a recognizer named outright is named even when it could not start.
    recognizer: configured === "auto" ? (recognizer?.name ?? null) : configured === "off" ? null : configured,
    available: recognizer !== null,
    preferServer: config.preferServer && recognizer !== null,
    path: RECOGNITION_PATH,
    sampleRateHertz: SAMPLE_RATE_HERTZ,
    maxSeconds: config.maxUtteranceSeconds,
  };
  let socket: RecognitionSocket | null = null;
  return {
    info,
    status,
    recognizer,
    mount: ({ upgrades, sessions, limiters, outages }) => {
      socket = mountRecognitionSocket({
        upgrades,
        path: RECOGNITION_PATH,
        recognizer,
        sessions,
        limiters,
        ...(outages ? { outages } : {}),
        limits: {
          maxUtteranceSeconds: config.maxUtteranceSeconds,
          maxSocketsPerAddress: config.maxSocketsPerAddress,
          maxStreams: config.maxStreams,
        },
        metrics,
        log,
      });
    },
    close: async () => {
      await socket?.close();
      await recognizer?.close();
    },
  };
}

/** Null when the decoder is on the PATH (or at its configured path) and the model is installed; else what is missing. */
async function sphinxMissing(config: SpeechRecognitionConfig): Promise<string | null> {
  const binary = config.sphinx.binary;
  const candidates = binary.includes("/") ? [binary] : (process.env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, binary));
  const found = await Promise.any(candidates.map((candidate) => access(candidate, constants.X_OK))).then(() => true, () => false);
  if (!found) return binary;
  const model = path.join(config.sphinx.modelDir, "en-us", "mdef");
  return (await access(model).then(() => true, () => false)) ? null : model;
}

async function startSphinx(config: SpeechRecognitionConfig, menu: readonly MenuItem[], log: Logger) {
  const dictionaryPath = path.join(config.sphinx.modelDir, "cmudict-en-us.dict");
  const acousticModelDir = path.join(config.sphinx.modelDir, "en-us");
  for (const required of [dictionaryPath, path.join(acousticModelDir, "mdef")]) {
    await access(required).catch(() => {
      throw new Error(`${required} is missing (apt-get install pocketsphinx-en-us, or set MAYA_STT_SPHINX_MODEL_DIR)`);
    });
  }
  const model = await buildSphinxModel(menu, { dictionaryPath });
  const recognizer = new SphinxRecognizer({
    binary: config.sphinx.binary,
    acousticModelDir,
    lmPath: model.lmPath,
    dictPath: model.dictPath,
    maxLifetimeMs: (config.maxUtteranceSeconds + 30) * 1000,
    onDecoderProblem: (problem) => log.warn("speech decoder problem", { recognizer: "sphinx", kind: problem.kind, details: problem.details }),
  });
  await recognizer.probe();
  log.info("speech recognition: pocketsphinx (offline)", {
    words: model.vocabularySize,
    sentences: model.sentences,
    ...(model.generated.length > 0 ? { pronouncedByEspeak: model.generated } : {}),
    ...(model.missing.length > 0 ? { leftOut: model.missing } : {}),
  });
  return recognizer;
}
