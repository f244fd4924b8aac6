/**
 * Recognition through Google Cloud Speech-to-Text (v1 StreamingRecognize over
 * gRPC, the official client): interim results while the guest speaks, and
 * speech adaptation with phrase hints from the menu and the bar's phrases, so
 * "negroni" is not heard as "Giorgio". The guest's audio leaves the machine
 * for Google; nothing else about the guest does.
 */
import { SpeechClient } from "@google-cloud/speech";
import { googleAuthLibrary, grpc } from "google-gax";
import {
  cleanTranscript,
  distinctAlternatives,
  RecognitionError,
  SAMPLE_RATE_HERTZ,
  type RecognitionStream,
  type SpeechRecognizer,
  type StreamHandlers,
  type Transcript,
} from "./recognizer.js";

/** Google's documented limits on phrase hints (per request and per phrase). */
export const MAX_PHRASE_HINTS = 5000;
export const MAX_PHRASE_CHARS = 100;
/** How strongly the hints bias recognition (Google accepts 0-20; higher means more false positives). */
export const PHRASE_BOOST = 10;
/** Readings asked of Google per result: the bar chooses among them (src/conversation/heard.ts). */
export const GOOGLE_MAX_ALTERNATIVES = 4;

type FinalResult = { text: string; confidence: number | null; alternatives: string[] };

/**
 * The utterance from its final results: their words joined, the least confidence among them (Google
 * gives one per final result, 0 when it did not estimate it), and, with one final result, its other
 * readings; with several, each other reading of one result beside the best of the rest.
 */
export function transcriptOf(finals: readonly FinalResult[], interim: string): Transcript {
  const text = cleanTranscript([...finals.map((result) => result.text), interim].join(" "));
  const confidences = finals.map((result) => result.confidence).filter((value): value is number => value !== null && value > 0);
  const confidence = text === "" || confidences.length === 0 || interim !== "" ? null : Math.min(...confidences);
  const alternatives = finals.flatMap((result, at) =>
    result.alternatives.map((reading) => cleanTranscript([...finals.map((other, index) => (index === at ? reading : other.text)), interim].join(" "))),
  );
  return { text, confidence, alternatives: distinctAlternatives(text, alternatives) };
}

export interface GoogleRecognizerOptions {
  languageCode?: string;
  phraseHints?: readonly string[];
  /** Host only (e.g. "localhost" for a stand-in); Google's own endpoint when absent. */
  apiEndpoint?: string;
  port?: number;
  /** Plaintext gRPC and no Google credentials: only for a local stand-in. */
  insecure?: boolean;
  /** From the end of the audio to the transcript, at most; then the call is cancelled. */
  finishTimeoutMs?: number;
  /** The whole call's deadline. */
  maxStreamMs?: number;
}

interface StreamingResult {
  isFinal?: boolean | null;
  alternatives?: { transcript?: string | null; confidence?: number | null }[] | null;
}
interface StreamingResponse {
  results?: StreamingResult[] | null;
}

interface BidiCall {
  write(message: unknown): boolean;
  end(): void;
  cancel(): void;
  on(event: "data", listener: (response: StreamingResponse) => void): BidiCall;
  on(event: "error", listener: (error: Error & { code?: number }) => void): BidiCall;
  on(event: "end", listener: () => void): BidiCall;
}

export class GoogleSpeechRecognizer implements SpeechRecognizer {
  readonly name = "google" as const;
  private readonly client: SpeechClient;
  private readonly languageCode: string;
  private readonly phraseHints: string[];
  private readonly finishTimeoutMs: number;
  private readonly maxStreamMs: number;
  private readonly live = new Set<BidiCall>();

  constructor(options: GoogleRecognizerOptions = {}) {
    this.languageCode = options.languageCode ?? "en-US";
    this.phraseHints = [...new Set(options.phraseHints ?? [])].filter((phrase) => phrase.length <= MAX_PHRASE_CHARS).slice(0, MAX_PHRASE_HINTS);
    this.finishTimeoutMs = options.finishTimeoutMs ?? 10_000;
    this.maxStreamMs = options.maxStreamMs ?? 60_000;
    this.client = new SpeechClient({
      ...(options.apiEndpoint === undefined ? {} : { apiEndpoint: options.apiEndpoint }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.insecure
        ? { sslCreds: grpc.credentials.createInsecure(), authClient: new googleAuthLibrary.PassThroughClient() }
        : {}),
    });
  }

  start(handlers: StreamHandlers): RecognitionStream {
    // A deadline on the whole call, and no retries: a guest is waiting, and typing is the fallback.
    const call = this.client._streamingRecognize({ timeout: this.maxStreamMs, retry: null }) as unknown as BidiCall;
    this.live.add(call);
    const finals: FinalResult[] = [];
    let interim = "";
    let state: "open" | "finishing" | "done" = "open";
    let failure: RecognitionError | null = null;
    let settle: { resolve: (heard: Transcript) => void; reject: (error: RecognitionError) => void } | null = null;
    const heard = () => cleanTranscript([...finals.map((result) => result.text), interim].join(" "));

    const fail = (error: RecognitionError) => {
      if (failure !== null || state === "done") return;
      failure = error;
      handlers.onFailure?.(error);
      settle?.reject(error);
    };
    call.on("data", (response) => {
      let latest = "";
      for (const result of response.results ?? []) {
        const [best, ...others] = result.alternatives ?? [];
        const text = cleanTranscript(best?.transcript ?? "");
        if (result.isFinal) {
          if (text !== "") finals.push({ text, confidence: best?.confidence ?? null, alternatives: others.map((other) => cleanTranscript(other.transcript ?? "")).filter(Boolean) });
        } else {
          latest = cleanTranscript(`${latest} ${text}`);
        }
      }
      interim = latest;
      if (state === "open" && failure === null) handlers.onPartial(heard());
    });
    call.on("error", (error) => {
      this.live.delete(call);
      if (state === "done") return;
      const down = error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED || error.code === grpc.status.UNAUTHENTICATED || error.code === grpc.status.PERMISSION_DENIED;
      fail(new RecognitionError({ reason: down ? "unavailable" : "crashed", details: `Speech-to-Text: ${error.message}`.slice(0, 300) }));
    });
    call.on("end", () => {
      this.live.delete(call);
      if (state === "done" || failure !== null) return;
      // Words never made final before the stream ended still count (with no confidence: nothing vouched for them).
      settle?.resolve(transcriptOf(finals, interim));
    });

    call.write({
      streamingConfig: {
        config: {
          encoding: "LINEAR16",
          sampleRateHertz: SAMPLE_RATE_HERTZ,
          audioChannelCount: 1,
          languageCode: this.languageCode,
          maxAlternatives: GOOGLE_MAX_ALTERNATIVES,
          enableAutomaticPunctuation: false,
          speechContexts: this.phraseHints.length > 0 ? [{ phrases: this.phraseHints, boost: PHRASE_BOOST }] : [],
        },
        interimResults: true,
        singleUtterance: false,
      },
    });

    return {
      write: (pcm) => {
        if (state !== "open" || failure !== null || pcm.length === 0) return;
        call.write({ audioContent: pcm });
      },
      finish: () => {
        // A call that already failed says so, whenever the audio ends.
        if (failure !== null) {
          state = "done";
          call.cancel();
          return Promise.reject(failure);
        }
        if (state !== "open") return Promise.reject(new Error("finish() was already called"));
        state = "finishing";
        return new Promise<Transcript>((resolve, reject) => {
          const timer = setTimeout(() => {
            fail(new RecognitionError({ reason: "timeout", details: `no transcript ${this.finishTimeoutMs} ms after the audio ended` }));
            call.cancel();
          }, this.finishTimeoutMs);
          settle = {
            resolve: (result) => {
              clearTimeout(timer);
              state = "done";
              resolve(result);
            },
            reject: (error) => {
              clearTimeout(timer);
              state = "done";
              reject(error);
            },
          };
          call.end();
        });
      },
      abort: () => {
        if (state === "done") return;
        state = "done";
        settle = null;
        this.live.delete(call);
        call.cancel();
      },
    };
  }

  async close(): Promise<void> {
    for (const call of this.live) call.cancel();
    this.live.clear();
    await this.client.close();
  }
}
