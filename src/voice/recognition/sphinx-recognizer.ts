/**
 * Offline recognition with Debian's pocketsphinx (`pocketsphinx_continuous`,
 * acoustic model from pocketsphinx-en-us), given the bar's own language: a
 * trigram model and a dictionary built at startup from the menu and the
 * bar's phrases (the general English model hears almost none of an order).
 *
 * One decoder process per utterance, fed through its stdin, so audio never
 * touches the disk. The decoder prints the words of each stretch of speech it
 * finds (it segments on pauses), with times: those are the words heard so
 * far, and the last stretch is printed soon after the guest stops (the
 * transcript waits for little more than that). Its cepstral mean
 * normalisation (the voice's and microphone's average spectrum, subtracted
 * from every frame) moves only when a stretch of speech ends, so a decoder
 * hears a whole short utterance with the mean it starts from: the acoustic
 * model's own is far from every voice measured ("I'll pay my bill" heard as
 * "do you"). So a decoder starts from VOICE_CMN_PRIOR for a voice it has
 * never heard, and from the mean the listener's last utterance left (13
 * numbers, kept in memory a while, never audio) for a voice it has. It used
 * to play each utterance to the decoder again after it ended, adapted, and
 * take the second hearing: most of the wait for a transcript (p95 629 ms,
 * now 114 ms), and measured as accurate as a session's remembered voice; a
 * guest's first words in noise are heard worse from the prior than they were
 * replayed (bench/RESULTS.md, issue 21). `maxReplays` still replays a voice
 * not yet remembered. A decoder that does not finish in time, or lives past
 * its utterance, is killed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { access, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { MenuItem } from "../../bar/menu-catalog.js";
import { buildBarLanguage } from "./bar-language.js";
import { buildNgramModel, type NgramModelOptions } from "./ngram-model.js";
import { dictionaryText, pronounce } from "./pronunciations.js";
import {
  BYTES_PER_SECOND,
  cleanTranscript,
  RecognitionError,
  distinctAlternatives,
  SAMPLE_RATE_HERTZ,
  type RecognitionStream,
  type SpeechRecognizer,
  type StreamHandlers,
  type StreamOptions,
  type Transcript,
} from "./recognizer.js";

export const DEFAULT_SPHINX_BINARY = "pocketsphinx_continuous";
export const DEFAULT_SPHINX_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";

export interface SphinxModelFiles {
  /** The folder holding the files, named by their content. */
  dir: string;
  lmPath: string;
  dictPath: string;
  /** Words in the model. */
  vocabularySize: number;
  sentences: number;
  /** Words the model had to leave out (no pronunciation anywhere). */
  missing: string[];
  /** Words pronounced by espeak-ng. */
  generated: string[];
}

/**
 * Writes the bar's language model and dictionary into a temporary folder
 * named by their content: instances and restarts with the same menu share
 * one folder (written once, atomically, never removed under a running
 * decoder), so nothing piles up even after a crash. They hold the menu's
 * words, never audio.
 */
export async function buildSphinxModel(
  menu: readonly MenuItem[],
  options: {
    dictionaryPath: string;
    espeak?: (word: string) => Promise<string | null>;
    language?: Parameters<typeof buildBarLanguage>[1];
    model?: NgramModelOptions;
  },
): Promise<SphinxModelFiles> {
  const language = buildBarLanguage(menu, options.language);
  const words = new Set([...language.sentences.flatMap((sentence) => sentence.words), ...language.openWords]);
  const spoken = await pronounce(words, { ...options, readAlsoAsSpelled: language.nameWords });
  const sayable = (word: string) => spoken.pronunciations.has(word);
  const sentences = language.sentences.filter((sentence) => sentence.words.every(sayable));
  const model = buildNgramModel(sentences, { ...options.model, openWords: language.openWords.filter(sayable) });
  const dictionary = new Map([...spoken.pronunciations].filter(([word]) => model.vocabulary.includes(word)));
  const arpa = model.arpa;
  const dict = dictionaryText(dictionary);
  const digest = createHash("sha256").update(arpa).update("\u0000").update(dict).digest("hex").slice(0, 16);
  const dir = path.join(tmpdir(), `maya-sphinx-${digest}`);
  const lmPath = path.join(dir, "bar.lm");
  const dictPath = path.join(dir, "bar.dict");
  const present = await Promise.all([access(lmPath), access(dictPath)]).then(() => true, () => false);
  if (!present) {
    const staging = await mkdtemp(path.join(tmpdir(), "maya-sphinx-staging-"));
    try {
      await writeFile(path.join(staging, "bar.lm"), arpa);
      await writeFile(path.join(staging, "bar.dict"), dict);
      // Atomic: a decoder never sees half a file. Another instance may have won the race; its files are the same.
      await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return {
    dir,
    lmPath,
    dictPath,
    vocabularySize: model.vocabulary.length,
    sentences: sentences.length,
    missing: spoken.missing,
    generated: spoken.generated,
  };
}

export interface SphinxRecognizerOptions {
  binary?: string;
  /** The acoustic model folder (pocketsphinx-en-us's en-us/en-us). */
  acousticModelDir: string;
  lmPath: string;
  dictPath: string;
  /** From the end of the audio to the transcript, at most; then the decoder is killed. */
  finishTimeoutMs?: number;
  /** A decoder never lives longer than this, whatever its utterance does. */
  maxLifetimeMs?: number;
  /**
   * Hearings of the utterance after its end, at most, for a voice the decoder has not adapted to yet
   * (default 0: live only; two used to be the rule). A listener whose voice is remembered is heard live only.
   */
  maxReplays?: number;
  /**
   * The cepstral mean a decoder starts from for a voice it has never heard (13 values; default
   * VOICE_CMN_PRIOR). Ignored when the acoustic model has no feat.params to carry it.
   */
  cmnPrior?: readonly number[];
  /**
   * How far a listener's remembered mean moves to the one their utterance left (0..1, default
   * VOICE_BLEND); the rest stays with the mean the utterance started from.
   */
  voiceBlend?: number;
  /** Listeners whose voice (their cepstral mean: 13 numbers, no audio) is remembered, and for how long. */
  voiceMemory?: { listeners: number; ttlMs: number };
  /** More decoder flags (e.g. ["-lw", "10"]), for tuning. */
  extraArgs?: readonly string[];
  /** Called when a decoder had to be killed (stuck) or died (crashed), for logs. */
  onDecoderProblem?: (problem: { kind: "killed" | "crashed"; details: string }) => void;
}

const STDERR_TAIL_BYTES = 2048;
/** Silence between the live audio and its replay: enough for the decoder to close the last segment. */
const REPLAY_GAP_SECONDS = 1;
/** A short utterance is replayed until the decoder has heard about this much of it before the last hearing. */
const ADAPTATION_SECONDS = 3;
/** Replays by default: none (a good starting mean hears as well, without the wait). */
const MAX_REPLAYS = 0;
/** A decoder never holds more than this much of an utterance (the socket's own limit is lower). */
const MAX_BUFFERED_SECONDS = 60;
/**
 * Where the decoder's cepstral mean normalisation starts for a voice it has never heard: the mean it
 * settled on over espeak-ng and flite voices (en-us, en-us+f3, slt, rms; normal and fast; clean and
 * with pink noise at 10 dB SNR), on 160 corpus utterances outside the tuning sample. The acoustic
 * model's own prior (41, -5.29, …) is far from every voice measured (c0 48-61 clean, 68-75 noisy), and
 * the live normalisation moves only when an utterance ends, so a fresh decoder heard a whole utterance
 * with the wrong mean; that is what the replays made up for.
 */
export const VOICE_CMN_PRIOR: readonly number[] = [62.34, -3.08, 3.89, 12.73, -4.42, 1.29, -2.65, -4.4, -2.96, -1.79, 3.3, 0.94, 2.11];
/** The decoder's log line with its adapted cepstral mean ("INFO: cmn_live.c(138): Update to   < 60.44 -5.57 … >"). */
const CMN_UPDATE = /Update to\s*<([^>]*)>/;
/** A `-time yes` line: "word start end posterior". */
const WORD_TIME = /^(\S+) (\d+\.\d+) (\d+\.\d+) (-?\d+(?:\.\d+)?)$/;
/** Sentence marks, silences and fillers in a `-time yes` listing ("<s>", "<sil>", "[NOISE]", "++BREATH++"). */
const NOT_A_WORD = /^(<.*>|\[.*\]|\+\+.*\+\+)$/;
/**
 * Half of the way from the mean an utterance started from to the one it left: one short utterance's
 * mean leans on its words ("yes" is not "what's my tab"). Measured on the tuning voices, carried
 * across a guest's utterances: word errors 31.8 % clean, 68.1 % noisy at a half; 35.1 %, 67.9 %
 * all the way; 32.7 %, 69.4 % at a quarter.
 */
const VOICE_BLEND = 0.5;
/** How long and how many listeners' voices are remembered (13 numbers each). */
const VOICE_MEMORY_MS = 30 * 60_000;
const VOICE_MEMORY_LISTENERS = 10_000;
/** bash's exit status when the decoder binary is missing. */
const COMMAND_NOT_FOUND = 127;

export class SphinxRecognizer implements SpeechRecognizer {
  readonly name = "sphinx" as const;
  private readonly live = new Set<ChildProcessWithoutNullStreams>();
  private readonly binary: string;
  private readonly finishTimeoutMs: number;
  private readonly maxLifetimeMs: number;
  /** The acoustic model's feature parameters (feat.params), read once; null when it has none. */
  private featParams: string | null | undefined;
  /** Each listener's cepstral mean as their last utterance left it, oldest first (a Map keeps insertion order). */
  private readonly voices = new Map<string, { cmn: number[]; at: number }>();

  constructor(private readonly options: SphinxRecognizerOptions) {
    this.binary = options.binary ?? DEFAULT_SPHINX_BINARY;
    this.finishTimeoutMs = options.finishTimeoutMs ?? 10_000;
    this.maxLifetimeMs = options.maxLifetimeMs ?? 60_000;
  }

  /** Listeners whose voice is remembered now (for tests). */
  get rememberedVoices(): number {
    return this.voices.size;
  }

  /** The cepstral mean a listener's last utterance left, if remembered and fresh. */
  private rememberedVoice(listener: string | undefined): number[] | null {
    if (listener === undefined) return null;
    const voice = this.voices.get(listener);
    if (!voice) return null;
    if (Date.now() - voice.at > (this.options.voiceMemory?.ttlMs ?? VOICE_MEMORY_MS)) {
      this.voices.delete(listener);
      return null;
    }
    return voice.cmn;
  }

  private rememberVoice(listener: string, cmn: number[]): void {
    this.voices.delete(listener);
    this.voices.set(listener, { cmn, at: Date.now() });
    const most = this.options.voiceMemory?.listeners ?? VOICE_MEMORY_LISTENERS;
    for (const oldest of this.voices.keys()) {
      if (this.voices.size <= most) break;
      this.voices.delete(oldest);
    }
  }

  /** The model's feature parameters with the decoder's starting cepstral mean set to `cmn`; null without a feat.params. */
  private featParamsWith(cmn: readonly number[]): string | null {
    if (this.featParams === undefined) {
      try {
        this.featParams = readFileSync(path.join(this.options.acousticModelDir, "feat.params"), "utf8");
      } catch {
        this.featParams = null;
      }
    }
    if (this.featParams === null) return null;
    const line = `-cmninit ${cmn.map((value) => value.toFixed(2)).join(",")}`;
    const kept = this.featParams.split("\n").filter((candidate) => !/^\s*-cmninit\s/.test(candidate) && candidate.trim() !== "");
    return [...kept, line, ""].join("\n");
  }

  /** Decoders running now (for tests and metrics). */
  get liveDecoders(): number {
    return this.live.size;
  }

  start(handlers: StreamHandlers, streamOptions: StreamOptions = {}): RecognitionStream {
    const listener = streamOptions.listener;
    const remembered = this.rememberedVoice(listener);
    // The model's feat.params overrides -cmninit on the command line: the decoder gets its own copy
    // through a pipe (bash's process substitution), nothing on disk.
    const startMean = remembered ?? this.options.cmnPrior ?? VOICE_CMN_PRIOR;
    const featParams = this.featParamsWith(startMean);
    const decoderArgs = [
      "-hmm", this.options.acousticModelDir,
      "-lm", this.options.lmPath,
      "-dict", this.options.dictPath,
      "-samprate", String(SAMPLE_RATE_HERTZ),
      "-infile", "/dev/stdin",
      "-time", "yes",
      ...(this.options.extraArgs ?? []),
    ];
    // The decoder fopen()s its input, and Node's stdin for a child is a socket, which /dev/stdin
    // cannot open: `cat` turns it into a real pipe, so audio still never touches the disk. The shell
    // becomes the decoder (exec), so its exit is seen at once even while cat still waits for audio;
    // its own process group, so one kill takes cat and the decoder together.
    const script = featParams === null ? 'exec "$0" "$@" < <(exec cat)' : 'exec "$0" "$@" -featparams <(printf "%s" "$MAYA_SPHINX_FEAT_PARAMS") < <(exec cat)';
    const child = spawn("/bin/bash", ["-c", script, this.binary, ...decoderArgs], {
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
      ...(featParams === null ? {} : { env: { ...process.env, MAYA_SPHINX_FEAT_PARAMS: featParams } }),
    });
    this.live.add(child);
    /**
     * Stretches of speech: their words, the time (seconds into the stream) they start at, and the
     * posterior probability of each word (silences and fillers left out).
     */
    const segments: { text: string; start: number; posteriors: number[] }[] = [];
    let current: { text: string; start: number | null; posteriors: number[] } | null = null;
    const audio: Buffer[] = [];
    let audioBytes = 0;
    let stdoutRest = "";
    let stderrTail = "";
    let stderrRest = "";
    /** The cepstral mean the decoder last adapted to (it logs one at the end of each stretch of speech). */
    let adapted: number[] | null = null;
    let state: "open" | "finishing" | "done" = "open";
    let failure: RecognitionError | null = null;
    let settle: { resolve: (heard: Transcript) => void; reject: (error: RecognitionError) => void } | null = null;
    /** Where each hearing after the first begins (seconds into the stream); empty until the replays are sent. */
    let hearingStarts: number[] = [];

    const hearingOf = (start: number) => hearingStarts.filter((from) => start >= from).length;
    const joined = (list: readonly { text: string }[]) => cleanTranscript(list.map((segment) => segment.text).join(" "));
    const heardLive = () => joined(segments.filter((segment) => hearingOf(segment.start) === 0));
    const transcript = (): Transcript => {
      const last = hearingStarts.length;
      const final = segments.filter((segment) => hearingOf(segment.start) === last);
      const text = joined(final);
      const posteriors = final.flatMap((segment) => segment.posteriors);
      // The earlier hearings, latest first: the same audio heard before the decoder had adapted to it.
      const earlier = Array.from({ length: last }, (_, hearing) => joined(segments.filter((segment) => hearingOf(segment.start) === hearing))).reverse();
      return { text, confidence: text === "" ? null : Math.min(...posteriors, 1), alternatives: distinctAlternatives(text, earlier) };
    };
    const readLine = (raw: string) => {
      const line = raw.trim();
      const time = WORD_TIME.exec(line);
      if (time === null) {
        current = { text: cleanTranscript(line), start: null, posteriors: [] };
        return;
      }
      if (current === null) return;
      const [, word = "", start = "0", , posterior = "1"] = time;
      if (!NOT_A_WORD.test(word)) current.posteriors.push(Math.min(1, Math.max(0, Number(posterior))));
      if (current.start !== null) return;
      // The first timed word of a segment gives its start; the words themselves are in the hypothesis line.
      current.start = Number(start);
      segments.push(current as { text: string; start: number; posteriors: number[] });
      if (state === "open" && failure === null) handlers.onPartial(heardLive());
    };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.once("error", (error) => resolve({ code: null, signal: null, error }));
      child.once("close", (code, signal) => resolve({ code, signal }));
    });
    const kill = () => killGroup(child);
    const lifetime = setTimeout(() => {
      if (state === "done") return;
      this.options.onDecoderProblem?.({ kind: "killed", details: `decoder outlived ${this.maxLifetimeMs} ms` });
      fail(new RecognitionError({ reason: "timeout", details: "the decoder ran too long and was stopped" }));
      kill();
    }, this.maxLifetimeMs);
    lifetime.unref();

    const fail = (error: RecognitionError) => {
      if (failure !== null || state === "done") return;
      failure = error;
      handlers.onFailure?.(error);
      settle?.reject(error);
    };

    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdoutRest += chunk;
      const lines = stdoutRest.split("\n");
      stdoutRest = lines.pop() ?? "";
      for (const line of lines) readLine(line);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
      const lines = (stderrRest + chunk).split("\n");
      stderrRest = (lines.pop() ?? "").slice(-STDERR_TAIL_BYTES);
      for (const line of lines) {
        const update = CMN_UPDATE.exec(line);
        const values = update?.[1]?.trim().split(/\s+/).map(Number);
        if (values && values.length === VOICE_CMN_PRIOR.length && values.every(Number.isFinite)) adapted = values;
      }
    });
    // Writing to a decoder that died raises EPIPE on stdin: the exit reports it.
    child.stdin.on("error", () => undefined);

    void exited.then(({ code, signal, error }) => {
      clearTimeout(lifetime);
      this.live.delete(child);
      // cat may still be waiting for audio that nobody will read.
      child.stdin.destroy();
      killGroup(child, true);
      if (stdoutRest.trim() !== "") readLine(stdoutRest);
      stdoutRest = "";
      // Aborted, or already failed (killed for a timeout): nothing more to report.
      if (state === "done" || failure !== null) {
        state = "done";
        return;
      }
      if (error) {
        fail(new RecognitionError({ reason: "unavailable", details: `the decoder could not start (${error.message})` }));
      } else if (code === COMMAND_NOT_FOUND) {
        fail(new RecognitionError({ reason: "unavailable", details: `${this.binary} is not installed` }));
      } else if (code !== 0) {
        const details = `decoder exited with ${signal ?? `code ${code}`}${lastErrorLine(stderrTail)}`;
        this.options.onDecoderProblem?.({ kind: "crashed", details });
        fail(new RecognitionError({ reason: "crashed", details }));
      } else if (state === "open") {
        // Exited cleanly before its input ended: it cannot hear the rest.
        fail(new RecognitionError({ reason: "crashed", details: "the decoder stopped before the audio ended" }));
      } else {
        if (listener !== undefined && adapted !== null) {
          const blend = this.options.voiceBlend ?? VOICE_BLEND;
          const learned: number[] = adapted;
          this.rememberVoice(listener, learned.map((value, at) => (startMean[at] ?? value) + blend * (value - (startMean[at] ?? value))));
        }
        settle?.resolve(transcript());
      }
      state = "done";
    });

    return {
      write: (pcm) => {
        if (state !== "open" || failure !== null || pcm.length === 0) return;
        if (audioBytes + pcm.length > MAX_BUFFERED_SECONDS * BYTES_PER_SECOND) return;
        audio.push(pcm);
        audioBytes += pcm.length;
        child.stdin.write(pcm);
      },
      finish: () => {
        // A decoder that already failed says so, whenever the audio ends.
        if (failure !== null) {
          state = "done";
          kill();
          return Promise.reject(failure);
        }
        if (state !== "open") return Promise.reject(new Error("finish() was already called"));
        state = "finishing";
        return new Promise<Transcript>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.options.onDecoderProblem?.({ kind: "killed", details: `no transcript ${this.finishTimeoutMs} ms after the audio ended` });
            fail(new RecognitionError({ reason: "timeout", details: "the decoder took too long and was stopped" }));
            kill();
          }, this.finishTimeoutMs);
          settle = {
            resolve: (heard) => {
              clearTimeout(timer);
              resolve(heard);
            },
            reject: (error) => {
              clearTimeout(timer);
              reject(error);
            },
          };
          // The replay, after a gap of silence; its segments start after the gap's middle. A short
          // utterance gives the normalisation little to learn from, so it is heard once more first.
          const gap = Buffer.alloc(REPLAY_GAP_SECONDS * BYTES_PER_SECOND);
          const seconds = audioBytes / BYTES_PER_SECOND;
          const most = remembered !== null ? 0 : (this.options.maxReplays ?? MAX_REPLAYS);
          const replays = Math.min(most, Math.max(1, Math.ceil(ADAPTATION_SECONDS / Math.max(seconds, 0.1))));
          hearingStarts = Array.from({ length: replays }, (_, replay) => (seconds + REPLAY_GAP_SECONDS) * (replay + 1) - REPLAY_GAP_SECONDS / 2);
          for (let replay = 0; replay < replays; replay++) {
            child.stdin.write(gap);
            for (const chunk of audio) child.stdin.write(chunk);
          }
          audio.length = 0;
          child.stdin.end();
        });
      },
      abort: () => {
        if (state === "done") return;
        state = "done";
        settle = null;
        audio.length = 0;
        kill();
      },
    };
  }

  /** Runs a decoder on a moment of silence: throws a RecognitionError when the binary or the model is broken. */
  async probe(): Promise<void> {
    const stream = this.start({ onPartial: () => undefined });
    stream.write(Buffer.alloc(BYTES_PER_SECOND / 5));
    await stream.finish();
  }

  async close(): Promise<void> {
    const exits = [...this.live].map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("close", () => resolve());
      killGroup(child);
    }));
    await Promise.all(exits);
  }
}

/** Kills the decoder and cat (one process group); `afterExit` reaps what is left once the decoder ended. */
function killGroup(child: ChildProcessWithoutNullStreams, afterExit = false): void {
  if (child.pid === undefined) return;
  if (!afterExit && (child.exitCode !== null || child.signalCode !== null)) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // The group is gone already.
  }
}

/** The decoder's last error line, if it printed one (it names a missing model file, say). */
function lastErrorLine(stderr: string): string {
  const line = stderr
    .split("\n")
    .reverse()
    .find((candidate) => /ERROR|FATAL/.test(candidate));
  return line ? `: ${line.trim().slice(0, 200)}` : "";
}
