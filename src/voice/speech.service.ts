/**
 * Speech for a reply: a URL the client can play, or null when there is none
 * (not configured, empty text, or synthesis failed). It never throws, because
 * a guest's turn must not fail over audio: the client falls back to the
 * browser's own speech when audioUrl is null.
 */
import { createHash } from "node:crypto";
import { describeError, type Logger } from "../logger.js";
import { SpeechCache } from "./speech-cache.js";
import type { SpeechSynthesizer, SynthesizedSpeech } from "./speech-synthesizer.js";

export interface SpeechServiceOptions {
  synthesizer: SpeechSynthesizer;
  cache?: SpeechCache;
  logger?: Logger;
  /** One synthesis of a phrase (one or more API requests), with its duration; the app maps it to MayaMetrics.speechSynthesis. */
  onSynthesis?: (outcome: "success" | "failure", seconds: number) => void;
  /** One cache lookup; the app maps it to MayaMetrics.speechCache. */
  onCacheLookup?: (result: "hit" | "miss") => void;
  /** Where the audio is served; the id and ".mp3" follow. */
  pathPrefix?: string;
}

/** The id of a phrase in a voice: the same text in the same voice is the same audio. */
export function speechId(voiceId: string, speechText: string): string {
  // A NUL cannot occur in a voice id, so ("a", "bc") and ("ab", "c") never collide.
  return createHash("sha256").update(`${voiceId}\u0000${speechText}`).digest("hex");
}

const ID = /^[0-9a-f]{64}$/;

export class SpeechService {
  private readonly synthesizer: SpeechSynthesizer;
  private readonly cache: SpeechCache;
  private readonly logger: Logger | undefined;
  private readonly onSynthesis: NonNullable<SpeechServiceOptions["onSynthesis"]>;
  private readonly onCacheLookup: NonNullable<SpeechServiceOptions["onCacheLookup"]>;
  private readonly pathPrefix: string;
  // Two guests (or two tabs) asking for the same phrase at once share one request.
  private readonly inFlight = new Map<string, Promise<string | null>>();

  constructor(options: SpeechServiceOptions) {
    this.synthesizer = options.synthesizer;
    this.cache = options.cache ?? new SpeechCache();
    this.logger = options.logger;
    this.onSynthesis = options.onSynthesis ?? (() => undefined);
    this.onCacheLookup = options.onCacheLookup ?? (() => undefined);
    this.pathPrefix = options.pathPrefix ?? "/speech/";
  }

  /** The URL path of the audio for this speech text, or null. Never throws. */
  async audioFor(speechText: string): Promise<string | null> {
    const text = speechText.trim();
    if (text === "") return null;
    const id = speechId(this.synthesizer.voiceId, text);
    if (this.cache.get(id) !== undefined) {
      this.onCacheLookup("hit");
      return this.urlFor(id);
    }
    const pending = this.inFlight.get(id);
    if (pending !== undefined) {
      this.onCacheLookup("hit");
      return pending;
    }
    this.onCacheLookup("miss");
    const work = this.synthesize(id, text).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, work);
    return work;
  }

  /** The audio behind an id from audioFor, for the HTTP route; undefined when unknown or evicted. */
  get(id: string): SynthesizedSpeech | undefined {
    if (!ID.test(id)) return undefined;
    return this.cache.get(id);
  }

  private urlFor(id: string): string {
    return `${this.pathPrefix}${id}.mp3`;
  }

  private async synthesize(id: string, text: string): Promise<string | null> {
    const started = performance.now();
    let speech: SynthesizedSpeech;
    try {
      speech = await this.synthesizer.synthesize(text);
    } catch (error) {
      this.onSynthesis("failure", (performance.now() - started) / 1000);
      this.logger?.warn("speech synthesis failed; the client will use browser speech", {
        voice: this.synthesizer.voiceId,
        textBytes: Buffer.byteLength(text),
        // gRPC errors can carry long details; the log wants the gist.
        error: describeError(error).slice(0, 300),
      });
      return null;
    }
    this.onSynthesis("success", (performance.now() - started) / 1000);
    if (!this.cache.set(id, speech)) {
      // The route serves from the cache, so audio that cannot be kept cannot be served.
      this.logger?.warn("synthesized speech is larger than the speech cache; not served", {
        voice: this.synthesizer.voiceId,
        audioBytes: speech.audio.length,
      });
      return null;
    }
    return this.urlFor(id);
  }
}
