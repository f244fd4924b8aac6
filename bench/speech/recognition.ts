/**
 * The offline recognizer's latency as a guest feels it: from the end of their speech to the final
 * transcript. Speech from one voice of each synthesizer family (espeak-ng, flite, festival), clean
 * and with pink noise at 10 dB SNR, streamed in 100 ms frames at real-time pace (as the page sends
 * it), then the stream is finished and the wait measured. Skipped, with a note, when a tool is missing.
 */
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { BYTES_PER_SECOND } from "../../src/voice/recognition/recognizer.js";
import { buildSphinxModel, DEFAULT_SPHINX_MODEL_DIR, SphinxRecognizer, type SphinxRecognizerOptions } from "../../src/voice/recognition/sphinx-recognizer.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { missingSpeechTools, NOISE_SNR_DB, pinkNoise, SPEEDS, synthesize, SYNTH_VOICES, withNoise } from "./spoken-corpus.js";

const PHRASES = ["two martinis please", "what's my tab", "add a fifteen percent tip", "I'll pay my bill", "can I get a negroni and an IPA"];
const VOICES = SYNTH_VOICES.filter((voice) => ["en-us", "en-us+f3", "slt", "kal_diphone"].includes(voice.name));
const FRAME_BYTES = 3200;

export interface RecognitionBench {
  skipped?: string;
  utterances: number;
  audioSeconds: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** The noisy half alone. */
  noisyLatencyMs?: { p50: number; p95: number; max: number };
  wordPerfect: number;
}

const percentile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const summary = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? 0 };
};

/** `options`: decoder settings to measure instead of the defaults (for tuning). */
export async function runRecognitionBench(options: Partial<SphinxRecognizerOptions> = {}): Promise<RecognitionBench> {
  const missing = missingSpeechTools();
  if (missing) return { skipped: missing, utterances: 0, audioSeconds: 0, latencyMs: { p50: 0, p95: 0, max: 0 }, wordPerfect: 0 };
  const model = await buildSphinxModel(MENU_CATALOG, { dictionaryPath: `${DEFAULT_SPHINX_MODEL_DIR}/cmudict-en-us.dict` });
  const recognizer = new SphinxRecognizer({ acousticModelDir: `${DEFAULT_SPHINX_MODEL_DIR}/en-us`, lmPath: model.lmPath, dictPath: model.dictPath, ...options });
  const latencies: number[] = [];
  const noisyLatencies: number[] = [];
  let audioSeconds = 0;
  let wordPerfect = 0;
  const scratch = await mkdtemp(path.join(tmpdir(), "maya-recognition-bench-"));
  const noise = await pinkNoise(10);
  try {
    for (const voice of VOICES) {
      for (const [at, phrase] of PHRASES.entries()) for (const noisy of [false, true]) {
        const clean = await synthesize(phrase, voice, SPEEDS[0], scratch);
        const pcm = noisy ? withNoise(clean, noise, NOISE_SNR_DB, at * 7919) : clean;
        audioSeconds += pcm.length / BYTES_PER_SECOND;
        const stream = recognizer.start({ onPartial: () => undefined });
        for (let frame = 0; frame < pcm.length; frame += FRAME_BYTES) {
          stream.write(pcm.subarray(frame, frame + FRAME_BYTES));
          await new Promise((resolve) => setTimeout(resolve, (FRAME_BYTES / BYTES_PER_SECOND) * 1000));
        }
        const ended = performance.now();
        const { text } = await stream.finish();
        const latency = performance.now() - ended;
        latencies.push(latency);
        if (noisy) noisyLatencies.push(latency);
        if (text === phrase.toLowerCase()) wordPerfect += 1;
      }
    }
  } finally {
    await recognizer.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return { utterances: latencies.length, audioSeconds, latencyMs: summary(latencies), noisyLatencyMs: summary(noisyLatencies), wordPerfect };
}
