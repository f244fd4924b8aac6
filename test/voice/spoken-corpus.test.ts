/**
 * A sample of the spoken corpus (bench/speech/spoken-corpus.ts runs it whole): corpus utterances
 * spoken by one voice of each synthesizer family (espeak-ng, flite, festival), clean and with pink
 * noise at 10 dB SNR (sox, repeatable), heard by the offline recognizer with the bar's model and sent
 * to Maya with their confidence and alternatives. Holds floors under the share that ends with the
 * same tab as the typed text, and holds the line that matters most: a mishearing is confirmed or
 * missed, never charged (no drink the typed text did not pour). The language model is built from
 * the menu and the bar's own phrases, never from this corpus.
 */
import { expect, it } from "vitest";
import {
  missingSpeechTools,
  recognizeCorpus,
  SPEEDS,
  SYNTH_VOICES,
  tallyCorpus,
  tallyLine,
  type Recognition,
} from "../../bench/speech/spoken-corpus.js";
import { describeWithSpeechAnd } from "../support/speech-tools.js";

/** About 27 utterances: every category of the full corpus at a tenth of its quota, at least one each. */
const SCALE = 0.1;
const VOICES = SYNTH_VOICES.filter((voice) => ["en-us+f3", "slt", "kal_diphone"].includes(voice.name));
/** Floors, under the figures measured when this was written (printed below). */
const MIN_SAME_CLEAN = 0.7;
const MIN_SAME_NOISY = 0.45;

describeWithSpeechAnd(missingSpeechTools(), "a sample of the spoken corpus through the offline recognizer", () => {
  it("hears three synthesizer families, clean and noisy, well enough for the same tab; a mishearing never charges", async () => {
    const { recognitions, utterances } = await recognizeCorpus({ scale: SCALE, voices: VOICES, speeds: SPEEDS.filter((speed) => speed.name === "normal") });
    expect(utterances).toBeGreaterThanOrEqual(20);
    expect(recognitions).toHaveLength(utterances * VOICES.length * 2);
    const noise = (recognition: Recognition) => (recognition.noisy ? "noisy" : "clean");
    const { tallies, wrong } = await tallyCorpus(recognitions, { heard: true, chooseByBar: true }, (recognition) => [noise(recognition), `${recognition.voice.name} ${noise(recognition)}`]);
    console.log([`spoken corpus sample: ${utterances} utterances x ${VOICES.length} voices x clean and noisy`, ...[...tallies].sort().map(([key, tally]) => `  ${key}: ${tallyLine(tally)}`), ...wrong.map((line) => `  wrong charge: ${line}`)].join("\n"));
    const clean = tallies.get("clean")!;
    const noisy = tallies.get("noisy")!;
    expect(clean.same / clean.recognitions).toBeGreaterThanOrEqual(MIN_SAME_CLEAN);
    expect(noisy.same / noisy.recognitions).toBeGreaterThanOrEqual(MIN_SAME_NOISY);
    expect(wrong).toEqual([]);
  }, 300_000);
});
