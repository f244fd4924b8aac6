/**
 * What the speech tests need from the machine: pocketsphinx with its US English model (the offline
 * recognizer) and espeak-ng with sox (a voice to hear). Without them the tests skip with a message,
 * unless MAYA_REQUIRE_SPEECH=1 (CI) makes that a failure. Also: speech as 16 kHz PCM, made at run time.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { buildSphinxModel, SphinxRecognizer, type SphinxModelFiles } from "../../src/voice/recognition/sphinx-recognizer.js";
import { describeWhen, skipReason, type Requirement } from "./requirements.js";

const SPEECH: Requirement = { kind: "speech", requiredBy: "MAYA_REQUIRE_SPEECH" };

export const SPHINX_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";
export const SPHINX_ACOUSTIC_MODEL = `${SPHINX_MODEL_DIR}/en-us`;
export const SPHINX_DICTIONARY = `${SPHINX_MODEL_DIR}/cmudict-en-us.dict`;

function onPath(binary: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${binary}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Null when every speech tool is here; otherwise why the speech tests are skipped. Throws when they are required. */
export function speechSkipReason(): string | null {
  const missing = [
    ...["pocketsphinx_continuous", "espeak-ng", "sox"].filter((binary) => !onPath(binary)),
    ...(existsSync(`${SPHINX_ACOUSTIC_MODEL}/mdef`) && existsSync(SPHINX_DICTIONARY) ? [] : [`${SPHINX_MODEL_DIR} (pocketsphinx-en-us)`]),
  ];
  return skipReason(
    SPEECH,
    missing.length === 0 ? null : `missing ${missing.join(", ")} (apt-get install -y pocketsphinx pocketsphinx-en-us espeak-ng sox)`,
  );
}

/** `describe` when the speech tools are present, else a skipped suite that says why. */
export function describeWithSpeech(name: string, body: () => void): void {
  describeWhen(SPEECH, speechSkipReason(), name, body);
}

/** The same, when `missing` (the spoken corpus's own check: flite, festival and its voices too) is null as well. */
export function describeWithSpeechAnd(missing: string | null, name: string, body: () => void): void {
  describeWhen(SPEECH, speechSkipReason() ?? skipReason(SPEECH, missing), name, body);
}

export interface Voice {
  /** espeak-ng voice, e.g. "en-us" or "en-us+f3". */
  name: string;
  wordsPerMinute: number;
}

export const VOICES: readonly Voice[] = [
  { name: "en-us", wordsPerMinute: 150 },
  { name: "en-us+f3", wordsPerMinute: 175 },
];

/**
 * `text` spoken by espeak-ng as 16 kHz mono s16le PCM, with `padSeconds` of silence either side.
 * Piped through sox in memory: nothing is written to disk.
 */
export function speak(text: string, voice: Voice = VOICES[0]!, padSeconds = 0.3): Promise<Buffer> {
  const script =
    'espeak-ng -v "$1" -s "$2" --stdout "$3" | sox -D -t wav - -t raw -r 16000 -e signed -b 16 -c 1 - pad "$4" "$4"';
  return new Promise((resolve, reject) => {
    execFile("sh", ["-c", script, "speak", voice.name, String(voice.wordsPerMinute), text, String(padSeconds)], { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

/** The same speech as a 16 kHz WAV file at `file` (for Chromium's fake microphone). */
export function speakToWav(text: string, file: string, voice: Voice = VOICES[0]!, leadSeconds = 1, tailSeconds = 2.5): void {
  const script = 'espeak-ng -v "$1" -s "$2" --stdout "$3" | sox -D -t wav - -r 16000 -b 16 -c 1 "$4" pad "$5" "$6"';
  execFileSync("sh", ["-c", script, "speak", voice.name, String(voice.wordsPerMinute), text, file, String(leadSeconds), String(tailSeconds)]);
}

/**
 * Registers beforeAll/afterAll for the calling suite: the bar's model built from the shipped menu and
 * a SphinxRecognizer on it, closed afterwards. Read the getters inside tests and hooks only.
 */
export function useSphinxRecognizer(): { readonly model: SphinxModelFiles; readonly recognizer: SphinxRecognizer } {
  let model: SphinxModelFiles | undefined;
  let recognizer: SphinxRecognizer | undefined;
  beforeAll(async () => {
    model = await buildSphinxModel(MENU_CATALOG, { dictionaryPath: SPHINX_DICTIONARY });
    recognizer = new SphinxRecognizer({ acousticModelDir: SPHINX_ACOUSTIC_MODEL, lmPath: model.lmPath, dictPath: model.dictPath });
  });
  afterAll(async () => {
    await recognizer?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useSphinxRecognizer: not started (read it inside a test or hook)");
    return value;
  };
  return {
    get model() {
      return started(model);
    },
    get recognizer() {
      return started(recognizer);
    },
  };
}
