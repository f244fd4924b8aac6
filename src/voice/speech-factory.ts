/**
 * Server-side speech when configured (MAYA_TTS=google), else none: replies
 * then carry no audio and the browser speaks them itself. Google's client
 * libraries are loaded only when configured: most instances never need them,
 * and they are a good part of a start's time.
 */
import { parseHostPort, type SpeechConfig } from "../config.js";
import type { Logger } from "../logger.js";
import type { MayaMetrics } from "../observability/index.js";
import { StartupError } from "../startup/startup-error.js";
import { SpeechCache } from "./speech-cache.js";
import { SpeechService } from "./speech.service.js";

export interface Speech {
  service: Pick<SpeechService, "audioFor" | "get">;
  close(): Promise<void>;
}

const NO_SPEECH: Speech = {
  service: { audioFor: async () => null, get: () => undefined },
  close: async () => undefined,
};

export async function createSpeech(
  config: SpeechConfig,
  log: Logger,
  metrics: Pick<MayaMetrics, "speechSynthesis" | "speechCache">,
): Promise<Speech> {
  if (config.provider !== "google") return NO_SPEECH;
  const { GoogleSpeechSynthesizer } = await import("./speech-synthesizer.js");
  const endpoint = config.apiEndpoint ? parseHostPort(config.apiEndpoint, "MAYA_TTS_API_ENDPOINT") : undefined;
  const synthesizer = new GoogleSpeechSynthesizer({
    voice: config.voice,
    ...(endpoint ? { apiEndpoint: endpoint.host, port: endpoint.port, insecure: true } : {}),
  });
  return {
    service: new SpeechService({
      synthesizer,
      cache: new SpeechCache(config.cacheBytes),
      logger: log,
      onSynthesis: (outcome, seconds) => metrics.speechSynthesis(outcome, seconds),
      onCacheLookup: (result) => metrics.speechCache(result),
    }),
    close: () => synthesizer.close(),
  };
}

/**
 * MAYA_TTS=google against Google itself needs credentials: without them Maya
 * refuses to start (rather than answer every turn without audio), naming what
 * to set. A local stand-in (MAYA_TTS_API_ENDPOINT) needs none.
 */
export async function assertSpeechCredentials(config: SpeechConfig): Promise<void> {
  if (config.provider !== "google" || config.apiEndpoint) return;
  const { googleAuthLibrary } = await import("google-gax");
  try {
    await new googleAuthLibrary.GoogleAuth({ scopes: ["https://www.googleapis.com/auth/cloud-platform"] }).getClient();
  } catch {
    throw new StartupError(
      "GOOGLE_APPLICATION_CREDENTIALS",
      "MAYA_TTS=google needs Google credentials and none were found: set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file " +
        "(or run where Application Default Credentials exist), or unset MAYA_TTS to let the browser speak.",
    );
  }
}
