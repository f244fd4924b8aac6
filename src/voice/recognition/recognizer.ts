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

export interface RecognitionStream {
  /** Audio: 16 kHz mono s16le PCM, any number of whole samples. Ignored once ended or aborted. */
  write(pcm: Buffer): void;
  /**
   * No more audio: resolves with everything heard (possibly ""), or rejects with a
   * RecognitionError. Call once.
   */
  finish(): Promise<string>;
  /** Drops the utterance and frees what it holds (a process, a connection) at once. Idempotent. */
  abort(): void;
}

export interface StreamHandlers {
  /** Everything heard so far in this utterance (it grows, and may be revised). */
  onPartial(text: string): void;
  /** The engine failed mid-utterance (its process died, its connection broke); finish() rejects too. */
  onFailure?(error: RecognitionError): void;
}

export interface SpeechRecognizer {
  readonly name: RecognizerName;
  /** Opens one utterance. Throws a RecognitionError when the engine cannot start at all. */
  start(handlers: StreamHandlers): RecognitionStream;
  /** Frees the engine (ends live utterances). */
  close(): Promise<void>;
}

/** Collapses whitespace in a transcript. */
export const cleanTranscript = (text: string): string => text.replace(/\s+/g, " ").trim();
