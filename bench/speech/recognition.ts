/**
 * The offline recognizer's latency as a guest feels it: from the end of their speech to the final
 * transcript. Speech is espeak-ng's, streamed in 100 ms frames at real-time pace (as the page sends
 * it), then the stream is finished and the wait measured. Skipped, with a note, when pocketsphinx,
 * its model, espeak-ng or sox is missing.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { BYTES_PER_SECOND } from "../../src/voice/recognition/recognizer.js";
import { buildSphinxModel, DEFAULT_SPHINX_MODEL_DIR, SphinxRecognizer } from "../../src/voice/recognition/sphinx-recognizer.js";

const PHRASES = ["two martinis please", "what's my tab", "add a fifteen percent tip", "I'll pay my bill", "can I get a negroni and an IPA"];
const VOICES = [
  ["en-us", "150"],
  ["en-us+f3", "175"],
] as const;
const FRAME_BYTES = 3200;

export interface RecognitionBench {
  skipped?: string;
  utterances: number;
  audioSeconds: number;
  latencyMs: { p50: number; p95: number; max: number };
  wordPerfect: number;
}

function missingTool(): string | null {
  for (const binary of ["pocketsphinx_continuous", "espeak-ng", "sox"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${binary}`], { stdio: "ignore" });
    } catch {
      return `${binary} is not installed`;
    }
  }
  return existsSync(`${DEFAULT_SPHINX_MODEL_DIR}/en-us/mdef`) ? null : `${DEFAULT_SPHINX_MODEL_DIR} is missing (pocketsphinx-en-us)`;
}

function speak(text: string, voice: string, speed: string): Promise<Buffer> {
  const script = 'espeak-ng -v "$1" -s "$2" --stdout "$3" | sox -D -t wav - -t raw -r 16000 -e signed -b 16 -c 1 - pad 0.3 0.3';
  return new Promise((resolve, reject) =>
    execFile("sh", ["-c", script, "speak", voice, speed, text], { encoding: "buffer", maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
}

const percentile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export async function runRecognitionBench(): Promise<RecognitionBench> {
  const missing = missingTool();
  if (missing) return { skipped: missing, utterances: 0, audioSeconds: 0, latencyMs: { p50: 0, p95: 0, max: 0 }, wordPerfect: 0 };
  const model = await buildSphinxModel(MENU_CATALOG, { dictionaryPath: `${DEFAULT_SPHINX_MODEL_DIR}/cmudict-en-us.dict` });
  const recognizer = new SphinxRecognizer({ acousticModelDir: `${DEFAULT_SPHINX_MODEL_DIR}/en-us`, lmPath: model.lmPath, dictPath: model.dictPath });
  const latencies: number[] = [];
  let audioSeconds = 0;
  let wordPerfect = 0;
  try {
    for (const [voice, speed] of VOICES) {
      for (const phrase of PHRASES) {
        const pcm = await speak(phrase, voice, speed);
        audioSeconds += pcm.length / BYTES_PER_SECOND;
        const stream = recognizer.start({ onPartial: () => undefined });
        for (let at = 0; at < pcm.length; at += FRAME_BYTES) {
          stream.write(pcm.subarray(at, at + FRAME_BYTES));
          await new Promise((resolve) => setTimeout(resolve, (FRAME_BYTES / BYTES_PER_SECOND) * 1000));
        }
        const ended = performance.now();
        const { text } = await stream.finish();
        latencies.push(performance.now() - ended);
        if (text === phrase.toLowerCase()) wordPerfect += 1;
      }
    }
  } finally {
    await recognizer.close();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    utterances: latencies.length,
    audioSeconds,
    latencyMs: { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1)! },
    wordPerfect,
  };
}
