/**
 * The offline recognizer on a spoken corpus: utterances from the conversation corpus, spoken by
 * espeak-ng in two voices and speeds, heard by the sphinx recognizer with the bar's language model.
 * Reports the word error rate and the share of utterances for which Maya derives the same intent and
 * the same tab change from the transcript as from the text (ConversationService on the fake bar),
 * and holds floors under both. The language model is built from the menu and the bar's own phrase
 * list, not from this corpus; the share of these utterances the model saw word for word is printed.
 */
import { expect, it } from "vitest";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { buildBarLanguage, spokenWords } from "../../src/voice/recognition/bar-language.js";
import { CORPUS, type CorpusCase } from "../conversation/corpus.js";
import { FakeBackend, FakeBar, MemoryStore, tabLines } from "../conversation/fake-bar.js";
import { describeWithSpeech, speak, useSphinxRecognizer, VOICES, type Voice } from "../support/speech-tools.js";

/** Floors, under the figures measured when this was written (see the printed report). */
const MAX_WORD_ERROR_RATE = 0.45;
const MIN_SAME_OUTCOME = 0.5;
const SAMPLE_SIZE = 64;

/** Levenshtein distance over words. */
export function wordErrors(reference: readonly string[], hypothesis: readonly string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const substitution = previous[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  return previous[hypothesis.length]!;
}

/** Cases espeak reads the way they are written (no digits or symbols), spread over the intents round-robin. */
function sample(size: number): CorpusCase[] {
  const speakable = CORPUS.filter((entry) => /^[A-Za-z' ,.!?-]+$/.test(entry.say) && spokenWords(entry.say).length > 0);
  const byIntent = new Map<string, CorpusCase[]>();
  for (const entry of speakable) byIntent.set(entry.intent, [...(byIntent.get(entry.intent) ?? []), entry]);
  const queues = [...byIntent.values()];
  const chosen: CorpusCase[] = [];
  for (let round = 0; chosen.length < size && queues.some((queue) => queue.length > round); round++) {
    for (const queue of queues) if (queue[round] && chosen.length < size) chosen.push(queue[round]!);
  }
  return chosen;
}

async function outcome(entry: CorpusCase, text: string): Promise<string> {
  const bar = new FakeBar();
  const service = new ConversationService(new FakeBackend(bar, new MemoryStore()));
  for (const said of entry.given ?? []) await service.say("guest", said);
  const result = await service.say("guest", text);
  return `${result.intent} [${tabLines(result.session).join("; ")}] tip=${result.session.tab.tipCents}`;
}

describeWithSpeech("a spoken corpus through the offline recognizer", () => {
  const sphinx = useSphinxRecognizer();
  const cases = sample(SAMPLE_SIZE);

  async function hear(text: string, voice: Voice): Promise<string> {
    const stream = sphinx.recognizer.start({ onPartial: () => undefined });
    const pcm = await speak(text, voice);
    // Fed in 100 ms frames, as the socket does.
    for (let at = 0; at < pcm.length; at += 3200) stream.write(pcm.subarray(at, at + 3200));
    return (await stream.finish()).text;
  }

  it(`hears ${SAMPLE_SIZE} corpus utterances in ${VOICES.length} voices well enough for Maya to do the same thing`, async () => {
    expect(cases.length).toBe(SAMPLE_SIZE);
    const training = new Set(buildBarLanguage(MENU_CATALOG).sentences.map((sentence) => sentence.words.join(" ")));
    const seen = cases.filter((entry) => training.has(spokenWords(entry.say).join(" "))).length;
    const rows: string[] = [];
    let totalErrors = 0;
    let totalWords = 0;
    let exact = 0;
    let same = 0;
    const perVoice = new Map<string, { errors: number; words: number; same: number }>();
    for (const voice of VOICES) {
      const label = `${voice.name}@${voice.wordsPerMinute}`;
      const tally = { errors: 0, words: 0, same: 0 };
      // Two decoders at a time (the machine has two cores); results are taken in corpus order.
      const heardAll: string[] = [];
      for (let at = 0; at < cases.length; at += 2) {
        heardAll.push(...(await Promise.all(cases.slice(at, at + 2).map((entry) => hear(entry.say, voice)))));
      }
      for (const [index, entry] of cases.entries()) {
        const reference = spokenWords(entry.say);
        const heard = heardAll[index]!;
        const errors = wordErrors(reference, spokenWords(heard));
        const agrees = (await outcome(entry, entry.say)) === (await outcome(entry, heard));
        tally.errors += errors;
        tally.words += reference.length;
        if (agrees) tally.same += 1;
        if (errors === 0) exact += 1;
        if (!agrees) rows.push(`  ${label}  "${entry.say}" -> "${heard}" (${entry.intent})`);
      }
      totalErrors += tally.errors;
      totalWords += tally.words;
      same += tally.same;
      perVoice.set(label, tally);
    }
    const heardCount = cases.length * VOICES.length;
    const wer = totalErrors / totalWords;
    const sameShare = same / heardCount;
    const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
    console.log(
      [
        `spoken corpus: ${cases.length} utterances x ${VOICES.length} voices = ${heardCount} recognitions (${seen} of the ${cases.length} are word for word in the model's training sentences)`,
        `  word error rate ${percent(wer)} (${totalErrors}/${totalWords} words); word-perfect ${percent(exact / heardCount)}`,
        `  same intent and tab change as the text: ${percent(sameShare)} (${same}/${heardCount})`,
        ...[...perVoice].map(([label, tally]) => `  ${label}: WER ${percent(tally.errors / tally.words)}, same outcome ${percent(tally.same / cases.length)}`),
        `  where Maya would do something else:`,
        ...rows,
      ].join("\n"),
    );
    expect(wer).toBeLessThanOrEqual(MAX_WORD_ERROR_RATE);
    expect(sameShare).toBeGreaterThanOrEqual(MIN_SAME_OUTCOME);
  }, 300_000);
});
