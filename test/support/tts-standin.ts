/**
 * A local stand-in for Google Cloud Text-to-Speech: a gRPC server built from
 * the protos shipped inside @google-cloud/text-to-speech, so the real client
 * talks to it unchanged (apiEndpoint "localhost", its port, insecure creds).
 * It answers SynthesizeSpeech with deterministic fake "MP3" bytes (a fixed
 * MPEG frame header followed by the request text), records every request,
 * refuses input over 5,000 bytes as Google does, and can be told to fail.
 */
import * as grpc from "@grpc/grpc-js";
import { loadGoogleService } from "./google-protos.js";

/** An MPEG-1 Layer III frame header (128 kbit/s, 44.1 kHz); what every fake clip starts with. */
export const FAKE_MP3_HEADER = Buffer.from([0xff, 0xfb, 0x90, 0x64]);
export const MAX_INPUT_BYTES = 5000;

/** The audio the stand-in returns for one request's text. */
export const fakeMp3For = (text: string): Buffer => Buffer.concat([FAKE_MP3_HEADER, Buffer.from(text, "utf8")]);

export interface RecordedSynthesis {
  text: string;
  ssml: string;
  textBytes: number;
  voice: { languageCode: string; name: string };
  audioEncoding: string;
}

export interface Failure {
  code: grpc.status;
  message?: string;
}

interface SynthesizeRequest {
  input?: { text?: string; ssml?: string };
  voice?: { languageCode?: string; name?: string };
  audioConfig?: { audioEncoding?: string };
}

export interface TtsStandin {
  readonly port: number;
  readonly requests: RecordedSynthesis[];
  /** The next `count` requests fail with this status (after being recorded). */
  failNext(failure: Failure, count?: number): void;
  /** The `nth` request from now (1 = the next one) fails with this status; those before it are answered. */
  failNth(nth: number, failure: Failure): void;
  /** Every request waits this long before answering (0 for none). */
  setDelay(ms: number): void;
  stop(): Promise<void>;
}

export async function startTtsStandin(): Promise<TtsStandin> {
  const service = await loadGoogleService(
    "@google-cloud/text-to-speech",
    "google/cloud/texttospeech/v1/cloud_tts.proto",
    "google.cloud.texttospeech.v1.TextToSpeech",
  );

  const requests: RecordedSynthesis[] = [];
  const failures: Failure[] = [];
  // Failures planned for a later request, by its absolute number in `requests` (1-based).
  const planned = new Map<number, Failure>();
  let delayMs = 0;

  const server = new grpc.Server();
  server.addService(service, {
    SynthesizeSpeech(call: grpc.ServerUnaryCall<SynthesizeRequest, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const { input, voice, audioConfig } = call.request;
      const text = input?.text ?? "";
      const ssml = input?.ssml ?? "";
      const textBytes = Buffer.byteLength(text || ssml, "utf8");
      requests.push({
        text,
        ssml,
        textBytes,
        voice: { languageCode: voice?.languageCode ?? "", name: voice?.name ?? "" },
        audioEncoding: audioConfig?.audioEncoding ?? "",
      });
      const answer = () => {
        const failure = planned.get(requests.length) ?? failures.shift();
        planned.delete(requests.length);
        if (failure !== undefined) return callback({ code: failure.code, details: failure.message ?? "injected failure" });
        if (textBytes > MAX_INPUT_BYTES)
          return callback({
            code: grpc.status.INVALID_ARGUMENT,
            details: `Either input.text or input.ssml is longer than the limit of ${MAX_INPUT_BYTES} bytes.`,
          });
        if (textBytes === 0) return callback({ code: grpc.status.INVALID_ARGUMENT, details: "Input text or SSML is empty." });
        callback(null, { audioContent: fakeMp3For(text || ssml) });
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    },
    ListVoices(_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) {
      callback(null, { voices: [{ languageCodes: ["en-US"], name: "en-US-Neural2-F", ssmlGender: "FEMALE", naturalSampleRateHertz: 24000 }] });
    },
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  return {
    port,
    requests,
    failNext(failure, count = 1) {
      for (let i = 0; i < count; i += 1) failures.push(failure);
    },
    failNth(nth, failure) {
      planned.set(requests.length + nth, failure);
    },
    setDelay(ms) {
      delayMs = ms;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Calls still waiting on an injected delay would hold the shutdown open.
        setTimeout(() => server.forceShutdown(), 1000).unref();
      }),
  };
}
