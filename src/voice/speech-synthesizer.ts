/**
 * Text to MP3 through Google Cloud Text-to-Speech (the official client over
 * gRPC). Long replies are split under the API's per-request byte limit and
 * the MP3 pieces concatenated: MP3 is a stream of self-contained frames, so
 * players read the joined bytes as one file.
 */
import { TextToSpeechClient } from "@google-cloud/text-to-speech";
import { googleAuthLibrary, grpc } from "google-gax";
import { chunkSpeech, DEFAULT_CHUNK_BYTES } from "./speech-chunks.js";

export interface SynthesizedSpeech {
  audio: Buffer;
  contentType: "audio/mpeg";
}

export interface SpeechSynthesizer {
  /** Identifies the voice; part of every cache key, so two voices never share audio. */
  readonly voiceId: string;
  synthesize(speechText: string): Promise<SynthesizedSpeech>;
}

export interface SpeechVoice {
  /** BCP-47, e.g. "en-US". */
  languageCode: string;
  /** A Google voice name, e.g. "en-US-Neural2-F". */
  name: string;
}

export const DEFAULT_VOICE: SpeechVoice = { languageCode: "en-US", name: "en-US-Neural2-F" };

export interface GoogleSpeechSynthesizerOptions {
  voice?: SpeechVoice;
  /** Host only (e.g. "localhost" for a stand-in); Google's own endpoint when absent. */
  apiEndpoint?: string;
  port?: number;
  /**
   * Plaintext gRPC and no Google credentials: only for a local stand-in.
   * Credentials otherwise come the SDK's usual way (GOOGLE_APPLICATION_CREDENTIALS
   * or the environment's default credentials).
   */
  insecure?: boolean;
  /** Deadline per request. A guest waits for the reply while this runs, so it is short and not retried. */
  timeoutMs?: number;
  /** Bytes of text per request (at most Google's 5,000). */
  maxRequestBytes?: number;
}

export class GoogleSpeechSynthesizer implements SpeechSynthesizer {
  readonly voiceId: string;
  private readonly client: TextToSpeechClient;
  private readonly voice: SpeechVoice;
  private readonly timeoutMs: number;
  private readonly maxRequestBytes: number;

  constructor(options: GoogleSpeechSynthesizerOptions = {}) {
    this.voice = options.voice ?? DEFAULT_VOICE;
    this.voiceId = `google:${this.voice.languageCode}:${this.voice.name}`;
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_CHUNK_BYTES;
    this.client = new TextToSpeechClient({
      ...(options.apiEndpoint === undefined ? {} : { apiEndpoint: options.apiEndpoint }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.insecure
        ? {
            sslCreds: grpc.credentials.createInsecure(),
            // Without credentials the auth library probes the cloud metadata server before
            // the first call (for the universe domain); a pass-through client answers at once.
            authClient: new googleAuthLibrary.PassThroughClient(),
          }
        : {}),
    });
  }

  async synthesize(speechText: string): Promise<SynthesizedSpeech> {
    const chunks = chunkSpeech(speechText, this.maxRequestBytes);
    if (chunks.length === 0) throw new Error("nothing to synthesize: the speech text is empty");
    const pieces: Buffer[] = [];
    // One request after another: replies this long are rare, and order is what matters.
    for (const text of chunks) pieces.push(await this.request(text));
    return { audio: Buffer.concat(pieces), contentType: "audio/mpeg" };
  }

  private async request(text: string): Promise<Buffer> {
    // The client's synthesizeSpeech starts initialize() without awaiting it and rethrows its
    // failure (missing credentials) as a rejection nobody handles; awaiting it here first makes
    // that failure this call's error, and synthesizeSpeech is then never reached.
    await this.client.initialize();
    const [response] = await this.client.synthesizeSpeech(
      { input: { text }, voice: { languageCode: this.voice.languageCode, name: this.voice.name }, audioConfig: { audioEncoding: "MP3" } },
      // The library's defaults retry for up to ten minutes; a turn cannot wait that long,
      // and the browser's own speech is the fallback.
      { timeout: this.timeoutMs, retry: null },
    );
    const content = response.audioContent;
    if (content === null || content === undefined || content.length === 0) throw new Error("Text-to-Speech returned no audio");
    return typeof content === "string" ? Buffer.from(content, "base64") : Buffer.from(content);
  }

  async close(): Promise<void> {
    // A client whose initialize() failed (no credentials) rejects close() with that same failure: nothing to close.
    await this.client.close().catch(() => undefined);
  }
}
