/**
 * The pocketsphinx recognizer's process handling, with stand-in decoders (shell scripts) for the
 * ways a decoder goes wrong, and the real decoder for words heard while the guest is still talking.
 */
import { execFileSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecognitionError } from "../../src/voice/recognition/recognizer.js";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { buildSphinxModel, SphinxRecognizer, VOICE_CMN_PRIOR } from "../../src/voice/recognition/sphinx-recognizer.js";
import { describeWithSpeech, speak, SPHINX_ACOUSTIC_MODEL, SPHINX_DICTIONARY, useSphinxRecognizer } from "../support/speech-tools.js";

const silence = (seconds: number) => Buffer.alloc(Math.round(seconds * 32_000));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Pids of processes whose command line mentions `marker`. */
const processesWith = (marker: string) =>
  execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(marker) && !line.includes("ps -eo"))
    .map((line) => Number(line.trim().split(/\s+/)[0]));

describe("SphinxRecognizer with decoders that misbehave", () => {
  let folder: string;
  const script = async (name: string, body: string) => {
    const file = path.join(folder, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  };
  const recognizer = (binary: string, options: { finishTimeoutMs?: number; maxLifetimeMs?: number } = {}) => {
    const problems: string[] = [];
    const created = new SphinxRecognizer({
      binary,
      acousticModelDir: "/nowhere",
      lmPath: "/nowhere.lm",
      dictPath: "/nowhere.dict",
      onDecoderProblem: (problem) => problems.push(problem.kind),
      ...options,
    });
    return { recognizer: created, problems };
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "maya-fake-decoders-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("a missing decoder: unavailable, at once, and nothing left running", async () => {
    const { recognizer: missing } = recognizer(path.join(folder, "no-such-decoder"));
    const stream = missing.start({ onPartial: () => undefined });
    stream.write(silence(0.1));
    await expect(stream.finish()).rejects.toMatchObject({ failure: { reason: "unavailable" } });
    expect(missing.liveDecoders).toBe(0);
    await expect(missing.probe()).rejects.toBeInstanceOf(RecognitionError);
  });

  it("a decoder that crashes mid-utterance: onFailure at once, finish rejects, its last error line reported", async () => {
    const crashing = await script("crash.sh", 'head -c 3200 >/dev/null; echo "ERROR: \\"acmod.c\\", line 83: Acoustic model definition is not specified" >&2; exit 1');
    const { recognizer: decoder, problems } = recognizer(crashing);
    const failures: RecognitionError[] = [];
    const stream = decoder.start({ onPartial: () => undefined, onFailure: (error) => failures.push(error) });
    stream.write(silence(0.5));
    await expect.poll(() => failures.length).toBe(1);
    expect(failures[0]!.failure).toMatchObject({ reason: "crashed" });
    expect(failures[0]!.failure.details).toMatch(/Acoustic model definition/);
    await expect(stream.finish()).rejects.toBeInstanceOf(RecognitionError);
    expect(problems).toEqual(["crashed"]);
  });

  it("a decoder that hangs after its input ends is killed (it and its pipe) and reported as a timeout", async () => {
    const marker = `maya-hang-${process.pid}`;
    const hanging = await script("hang.sh", `cat >/dev/null; exec sleep 600 # ${marker}`);
    const { recognizer: decoder, problems } = recognizer(hanging, { finishTimeoutMs: 300 });
    const stream = decoder.start({ onPartial: () => undefined });
    stream.write(silence(0.2));
    const started = Date.now();
    await expect(stream.finish()).rejects.toMatchObject({ failure: { reason: "timeout" } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(problems).toContain("killed");
    await expect.poll(() => decoder.liveDecoders).toBe(0);
    await expect.poll(() => processesWith(marker)).toEqual([]);
  });

  it("a decoder that outlives its utterance (never finished, never aborted) is killed at its lifetime", async () => {
    const marker = `maya-linger-${process.pid}`;
    const lingering = await script("linger.sh", `exec sleep 600 # ${marker}`);
    const { recognizer: decoder, problems } = recognizer(lingering, { maxLifetimeMs: 300 });
    const failures: RecognitionError[] = [];
    decoder.start({ onPartial: () => undefined, onFailure: (error) => failures.push(error) });
    await expect.poll(() => failures.map((error) => error.failure.reason)).toEqual(["timeout"]);
    expect(problems).toContain("killed");
    await expect.poll(() => processesWith(marker)).toEqual([]);
  });

  it("abort and close end every decoder process", async () => {
    const marker = `maya-abort-${process.pid}`;
    const waiting = await script("wait.sh", `cat >/dev/null; exec sleep 600 # ${marker}`);
    const { recognizer: decoder } = recognizer(waiting);
    const first = decoder.start({ onPartial: () => undefined });
    decoder.start({ onPartial: () => undefined });
    expect(decoder.liveDecoders).toBe(2);
    first.abort();
    await expect.poll(() => decoder.liveDecoders).toBe(1);
    await decoder.close();
    expect(decoder.liveDecoders).toBe(0);
    await expect.poll(() => processesWith(marker)).toEqual([]);
  });

  it("a decoder that quits before the audio ends cannot hear the rest: crashed", async () => {
    const quitter = await script("quit.sh", "exit 0");
    const { recognizer: decoder } = recognizer(quitter);
    const stream = decoder.start({ onPartial: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 200));
    stream.write(silence(0.1));
    await expect(stream.finish()).rejects.toMatchObject({ failure: { reason: "crashed" } });
  });
});

describe("SphinxRecognizer carries a listener's voice to their next utterance", () => {
  let folder: string;
  let decoder: string;
  /**
   * A stand-in decoder that says, as its words, the cepstral mean it was told to start from (the
   * -cmninit of the feature parameters it was given), and logs, as pocketsphinx does, a mean it
   * adapted to: the audio's length in kilobytes, then 1 to 12. It also keeps its feature parameters.
   */
  const decoderScript = `#!/bin/bash
while [ $# -gt 0 ]; do [ "$1" = -featparams ] && params="$2"; shift; done
cat "$params" > "$(dirname "$0")/last.params"
init=$(sed -n 's/^-cmninit //p' "$(dirname "$0")/last.params")
bytes=$(cat | wc -c)
echo "INFO: cmn_live.c(138): Update to   < $((bytes / 1000)).00 1.00 2.00 3.00 4.00 5.00 6.00 7.00 8.00 9.00 10.00 11.00 12.00 >" >&2
echo "\${init//,/ }"
echo "x 0.100 0.500 1.000000"
`;
  const startedFrom = (text: string) => text.split(" ").map(Number);
  const hear = async (recognizer: SphinxRecognizer, seconds: number, listener?: string) => {
    const stream = recognizer.start({ onPartial: () => undefined }, listener === undefined ? {} : { listener });
    stream.write(silence(seconds));
    return startedFrom((await stream.finish()).text);
  };
  const make = (options: Partial<ConstructorParameters<typeof SphinxRecognizer>[0]> = {}) =>
    new SphinxRecognizer({ binary: decoder, acousticModelDir: folder, lmPath: "/nowhere.lm", dictPath: "/nowhere.dict", ...options });

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "maya-fake-model-"));
    decoder = path.join(folder, "decoder.sh");
    await writeFile(decoder, decoderScript);
    await chmod(decoder, 0o755);
    await writeFile(path.join(folder, "feat.params"), "-lowerf 130\n-cmninit 41.00,-5.29,-0.12\n-svspec 0-12/13-25/26-38\n");
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("a voice never heard starts from the prior; the listener's next utterance from the mean their last one left", async () => {
    const recognizer = make({ voiceBlend: 1 });
    expect(await hear(recognizer, 0.5, "guest-a")).toEqual([...VOICE_CMN_PRIOR]);
    expect(await hear(recognizer, 1, "guest-a")).toEqual([16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await hear(recognizer, 0.25, "guest-a")).toEqual([32, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Another guest, and an utterance nobody is named for, start from the prior.
    expect(await hear(recognizer, 0.5, "guest-b")).toEqual([...VOICE_CMN_PRIOR]);
    expect(await hear(recognizer, 0.5)).toEqual([...VOICE_CMN_PRIOR]);
    expect(recognizer.rememberedVoices).toBe(2);
  });

  it("the decoder gets the model's own feature parameters, with only its starting mean replaced", async () => {
    await hear(make({ cmnPrior: [40, 3, -1] }), 0.1);
    const params = await readFile(path.join(folder, "last.params"), "utf8");
    expect(params).toMatch(/^-lowerf 130$/m);
    expect(params).toMatch(/^-svspec 0-12\/13-25\/26-38$/m);
    expect(params.match(/^-cmninit .*$/gm)).toEqual(["-cmninit 40.00,3.00,-1.00"]);
  });

  it("by default moves a remembered voice half way from where the utterance started to what it left", async () => {
    const recognizer = make({ cmnPrior: [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10] });
    await hear(recognizer, 1, "guest-a");
    expect(await hear(recognizer, 1, "guest-a")).toEqual([21, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11]);
    expect((await hear(recognizer, 1, "guest-a"))[0]).toBe(26.5);
  });

  it("forgets a voice after a while, and the oldest when it holds too many", async () => {
    const brief = make({ voiceMemory: { listeners: 10, ttlMs: 100 } });
    await hear(brief, 1, "guest-a");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await hear(brief, 1, "guest-a")).toEqual([...VOICE_CMN_PRIOR]);

    const small = make({ voiceBlend: 1, voiceMemory: { listeners: 2, ttlMs: 60_000 } });
    await hear(small, 1, "guest-a");
    await hear(small, 1, "guest-b");
    await hear(small, 1, "guest-a");
    await hear(small, 1, "guest-c");
    expect(small.rememberedVoices).toBe(2);
    // guest-b was the least recently heard: forgotten; guest-a, heard since, kept.
    expect(await hear(small, 0.5, "guest-b")).toEqual([...VOICE_CMN_PRIOR]);
    expect((await hear(small, 0.5, "guest-c"))[0]).toBe(32);
  });

  it("a failed utterance leaves the voice as it was", async () => {
    const recognizer = make({ voiceBlend: 1 });
    await hear(recognizer, 1, "guest-a");
    const stream = recognizer.start({ onPartial: () => undefined }, { listener: "guest-a" });
    stream.write(silence(2));
    stream.abort();
    expect((await hear(recognizer, 0.5, "guest-a"))[0]).toBe(32);
  });
});

describeWithSpeech("SphinxRecognizer with the real decoder", () => {
  const sphinx = useSphinxRecognizer();

  it("builds the model with the menu's words, pronouncing those the dictionary lacks", async () => {
    expect(sphinx.model.missing).toEqual([]);
    expect(sphinx.model.generated).toContain("ipa");
    expect(sphinx.model.vocabularySize).toBeGreaterThan(500);
    await sphinx.recognizer.probe();
  });

  it("names the model's folder by its content: the same menu shares one (restarts leave nothing behind), another menu gets its own", async () => {
    const again = await buildSphinxModel(MENU_CATALOG, { dictionaryPath: SPHINX_DICTIONARY });
    expect(again.dir).toBe(sphinx.model.dir);
    expect(await readFile(again.lmPath, "utf8")).toBe(await readFile(sphinx.model.lmPath, "utf8"));
    const smaller = await buildSphinxModel(MENU_CATALOG.slice(1), { dictionaryPath: SPHINX_DICTIONARY });
    expect(smaller.dir).not.toBe(sphinx.model.dir);
    await rm(smaller.dir, { recursive: true, force: true });
  });

  it("reports words heard while the guest is still talking (after a pause), then the whole transcript", async () => {
    const [first, second] = await Promise.all([speak("two martinis please"), speak("and a negroni")]);
    const partials: string[] = [];
    const stream = sphinx.recognizer.start({ onPartial: (text) => partials.push(text) });
    stream.write(first);
    stream.write(silence(1));
    await expect.poll(() => partials.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(partials[0]).toMatch(/martini/);
    stream.write(second);
    const { text: final, confidence } = await stream.finish();
    expect(final).toMatch(/^two martinis please\b/);
    expect(final).toMatch(/negroni/);
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThanOrEqual(1);
    expect(sphinx.recognizer.liveDecoders).toBe(0);
  });

  it("remembers the mean a listener's speech left the real decoder at, and hears their next utterance from it", async () => {
    const recognizer = new SphinxRecognizer({ acousticModelDir: SPHINX_ACOUSTIC_MODEL, lmPath: sphinx.model.lmPath, dictPath: sphinx.model.dictPath });
    const hear = async (audio: Buffer, listener: string) => {
      const stream = recognizer.start({ onPartial: () => undefined }, { listener });
      stream.write(audio);
      return stream.finish();
    };
    expect((await hear(await speak("two martinis please"), "guest")).text).toMatch(/martini/);
    expect(recognizer.rememberedVoices).toBe(1);
    expect((await hear(await speak("what's my tab"), "guest")).text).toMatch(/tab/);
    await recognizer.close();
  });
});
