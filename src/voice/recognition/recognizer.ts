/**
 * Server-side speech recognition, behind one interface whichever engine hears
 * (pocketsphinx offline, Google Speech-to-Text): one utterance at a time, fed
 * 16 kHz mono 16-bit little-endian PCM as it arrives, with words heard so far
 * reported as they come and the transcript when the audio ends.
 */

export const SAMPLE_RATE_HERTZ = 16_000;
export const BYTES_PER_SECOND = SAMPLE_RATE_HERTZ * 2;
/** Where the page streams its microphone (a WebSocket on the app's own origin). */
export const RECOGNITION_PATH = "/listen";

export type RecognizerName = "sphinx" | "google";

/** Why an utterance produced no transcript, one message per reason (the guest reads these). */
export type RecognitionFailure =
  | { reason: "unavailable"; details: string }
  | { reason: "timeout"; details: string }
  | { reason: "crashed"; details: string };

export class RecognitionError extends Error {
  constructor(readonly failure: RecognitionFailure) {
    super(`${failure.reason}: ${failure.details}`);
    this.name = "RecognitionError";
  }
}

/** What an utterance was heard as: the words, how sure the engine is, and what else they may have been. */
export interface Transcript {
  /** Everything heard (possibly ""). */
  text: string;
  /** 0-1: how sure the engine is of the words that matter least surely; null when it does not say. */
  confidence: number | null;
  /** Other readings of the same audio, most likely first, none equal to `text` (empty when the engine gave one). */
  alternatives: string[];
}

/** Alternatives kept per utterance: enough to choose among, few enough to read at once. */
export const MAX_ALTERNATIVES = 4;

/** A transcript's alternatives: cleaned, distinct, without the text itself or empty ones, at most MAX_ALTERNATIVES. */
export function distinctAlternatives(text: string, candidates: readonly string[]): string[] {
  const seen = new Set([text.toLowerCase()]);
  const kept: string[] = [];
  for (const candidate of candidates.map(cleanTranscript)) {
    if (candidate === "" || seen.has(candidate.toLowerCase())) continue;
    seen.add(candidate.toLowerCase());
    kept.push(candidate);
  }
  return kept.slice(0, MAX_ALTERNATIVES);
}

export interface RecognitionStream {
  /** Audio: 16 kHz mono s16le PCM, any number of whole samples. Ignored once ended or aborted. */
  write(pcm: Buffer): void;
  /**
   * No more audio: resolves with everything heard (its text possibly ""), or rejects with a
   * RecognitionError. Call once.
   */
  finish(): Promise<Transcript>;
  /** Drops the utterance and frees what it holds (a process, a connection) at once. Idempotent. */
  abort(): void;
}

export interface StreamHandlers {
  /** Everything heard so far in this utterance (it grows, and may be revised). */
  onPartial(text: string): void;
  /** The engine failed mid-utterance (its process died, its connection broke); finish() rejects too. */
  onFailure?(error: RecognitionError): void;
}

export interface StreamOptions {
  /**
   * Who is speaking (an opaque key: the session), so an engine may carry what it learned of their
   * voice and microphone from one utterance to their next. Absent: a voice it has never heard.
   */
  listener?: string;
}

export interface SpeechRecognizer {
  readonly name: RecognizerName;
  /** Opens one utterance. Throws a RecognitionError when the engine cannot start at all. */
  start(handlers: StreamHandlers, options?: StreamOptions): RecognitionStream;
  /** Frees the engine (ends live utterances). */
  close(): Promise<void>;
}

/** Collapses whitespace in a transcript. */
export const cleanTranscript = (text: string): string => text.replace(/\s+/g, " ").trim();
