/**
 * Server-side speech when configured (MAYA_TTS=google), else none: replies
 * then carry no audio and the browser speaks them itself.
 */
import { ConfigError, type SpeechConfig } from "../config.js";
import type { Logger } from "../logger.js";
import type { MayaMetrics } from "../observability/index.js";
import { SpeechCache } from "./speech-cache.js";
import { GoogleSpeechSynthesizer } from "./speech-synthesizer.js";
import { SpeechService } from "./speech.service.js";

export interface Speech {
  service: Pick<SpeechService, "audioFor" | "get">;
  close(): Promise<void>;
}

const NO_SPEECH: Speech = {
  service: { audioFor: async () => null, get: () => undefined },
  close: async () => undefined,
};

export function createSpeech(
  config: SpeechConfig,
  log: Logger,
  metrics: Pick<MayaMetrics, "speechSynthesis" | "speechCache">,
): Speech {
  if (config.provider !== "google") return NO_SPEECH;
  const endpoint = config.apiEndpoint ? parseEndpoint(config.apiEndpoint) : undefined;
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

function parseEndpoint(endpoint: string): { host: string; port: number } {
  const separator = endpoint.lastIndexOf(":");
  const port = Number(endpoint.slice(separator + 1));
  if (separator <= 0 || !Number.isInteger(port) || port <= 0 || port > 65_535) {
    throw new ConfigError(`MAYA_TTS_API_ENDPOINT must be host:port, got "${endpoint}"`);
  }
  return { host: endpoint.slice(0, separator), port };
}
