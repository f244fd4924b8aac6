/**
 * A local stand-in for Google Cloud Speech-to-Text v1 StreamingRecognize: a gRPC server built from
 * the protos shipped inside @google-cloud/speech, so the real client talks to it unchanged
 * (apiEndpoint "127.0.0.1", its port, insecure credentials). It cannot understand speech, so each
 * stream is told what it "hears" (`hearNext`); it answers the way Google does: the first request
 * must carry the streaming config and no audio, later ones only audio; interim results (one more
 * word per quarter second of audio received, only when asked for) while audio arrives; a final
 * result when the client half-closes; then the end of the call. It records every stream's config
 * and audio byte count, and can be told to fail.
 */
import * as grpc from "@grpc/grpc-js";
import { loadGoogleService } from "./google-protos.js";

/** Audio bytes per interim word: a quarter second of 16 kHz 16-bit mono. */
const BYTES_PER_WORD = 8000;

export interface RecordedStream {
  config: {
    encoding: string;
    sampleRateHertz: number;
    languageCode: string;
    audioChannelCount: number;
    phrases: string[];
    boost: number;
    maxAlternatives: number;
  } | null;
  interimResults: boolean;
  audioBytes: number;
  audioMessages: number;
  /** The client half-closed (sent all its audio). */
  halfClosed: boolean;
  cancelled: boolean;
}

export interface SttStandin {
  readonly port: number;
  readonly streams: RecordedStream[];
  /**
   * The next stream "hears" these words (default: nothing), as sure as `confidence` (0.92 unless
   * given), with these other readings (sent up to the max_alternatives asked for, as Google does).
   */
  hearNext(transcript: string, options?: { confidence?: number; alternatives?: string[] }): void;
  /** The next stream fails with this status once it has received `afterBytes` of audio (0: at its config). */
  failNext(code: grpc.status, afterBytes?: number, message?: string): void;
  stop(): Promise<void>;
}

interface StreamingRequest {
  streamingConfig?: {
    config?: {
      encoding?: string;
      sampleRateHertz?: number;
      languageCode?: string;
      audioChannelCount?: number;
      speechContexts?: { phrases?: string[]; boost?: number }[];
      maxAlternatives?: number;
    };
    interimResults?: boolean;
  } | null;
  audioContent?: Buffer | null;
  streamingRequest?: "streamingConfig" | "audioContent";
}

export async function startSttStandin(): Promise<SttStandin> {
  const service = await loadGoogleService("@google-cloud/speech", "google/cloud/speech/v1/cloud_speech.proto", "google.cloud.speech.v1.Speech");
  const streams: RecordedStream[] = [];
  const transcripts: { transcript: string; confidence: number; alternatives: string[] }[] = [];
  const failures: { code: grpc.status; afterBytes: number; message: string }[] = [];
  const unimplemented = (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback({ code: grpc.status.UNIMPLEMENTED, details: "stand-in" });

  const server = new grpc.Server();
  server.addService(service, {
    Recognize: unimplemented,
    LongRunningRecognize: unimplemented,
    StreamingRecognize(call: grpc.ServerDuplexStream<StreamingRequest, unknown>) {
      const record: RecordedStream = { config: null, interimResults: false, audioBytes: 0, audioMessages: 0, halfClosed: false, cancelled: false };
      streams.push(record);
      const heardNext = transcripts.shift() ?? { transcript: "", confidence: 0.92, alternatives: [] };
      const words = heardNext.transcript.split(/\s+/).filter((word) => word !== "");
      const failure = failures.shift();
      let wordsSent = 0;
      let done = false;
      const fail = (code: grpc.status, details: string) => {
        if (done) return;
        done = true;
        call.emit("error", { code, details });
      };
      call.on("cancelled", () => {
        record.cancelled = true;
        done = true;
      });
      call.on("data", (request: StreamingRequest) => {
        if (done) return;
        if (record.config === null) {
          const streaming = request.streamingConfig;
          if (request.streamingRequest !== "streamingConfig" || !streaming?.config) {
            return fail(grpc.status.INVALID_ARGUMENT, "The first StreamingRecognizeRequest must contain a streaming_config.");
          }
          const config = streaming.config;
          const context = config.speechContexts?.[0];
          record.config = {
            encoding: config.encoding ?? "",
            sampleRateHertz: config.sampleRateHertz ?? 0,
            languageCode: config.languageCode ?? "",
            audioChannelCount: config.audioChannelCount ?? 0,
            phrases: context?.phrases ?? [],
            boost: context?.boost ?? 0,
            maxAlternatives: config.maxAlternatives ?? 0,
          };
          record.interimResults = streaming.interimResults === true;
          if (!record.config.languageCode) return fail(grpc.status.INVALID_ARGUMENT, "language_code is required.");
          if (failure?.afterBytes === 0) return fail(failure.code, failure.message);
          return;
        }
        if (request.streamingRequest !== "audioContent" || !request.audioContent) {
          return fail(grpc.status.INVALID_ARGUMENT, "Only the first request may carry a streaming_config; later ones carry audio_content.");
        }
        record.audioBytes += request.audioContent.length;
        record.audioMessages += 1;
        if (failure && failure.afterBytes > 0 && record.audioBytes >= failure.afterBytes) return fail(failure.code, failure.message);
        const heard = Math.min(words.length, Math.floor(record.audioBytes / BYTES_PER_WORD));
        if (record.interimResults && heard > wordsSent) {
          wordsSent = heard;
          call.write({ results: [{ alternatives: [{ transcript: words.slice(0, heard).join(" "), confidence: 0 }], isFinal: false, stability: 0.5 }] });
        }
      });
      call.on("end", () => {
        record.halfClosed = true;
        if (done) return;
        done = true;
        // Google sends max_alternatives readings at most (0 and 1 both mean one); only the first has a confidence.
        const others = heardNext.alternatives.slice(0, Math.max(1, record.config?.maxAlternatives ?? 1) - 1).map((transcript) => ({ transcript, confidence: 0 }));
        if (words.length > 0) call.write({ results: [{ alternatives: [{ transcript: words.join(" "), confidence: heardNext.confidence }, ...others], isFinal: true }] });
        call.end();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    port,
    streams,
    hearNext: (transcript, options = {}) => void transcripts.push({ transcript, confidence: options.confidence ?? 0.92, alternatives: options.alternatives ?? [] }),
    failNext: (code, afterBytes = 0, message = "injected failure") => void failures.push({ code, afterBytes, message }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 1000).unref();
      }),
  };
}
