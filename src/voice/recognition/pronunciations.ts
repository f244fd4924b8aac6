/**
 * Pronunciations for the bar's words, in the phone set of pocketsphinx's
 * en-us model (ARPAbet, as in the CMU dictionary). Words come from the CMU
 * dictionary Debian ships with the model; a plural it lacks is its singular
 * plus the right ending; anything else is asked of espeak-ng (when installed)
 * and its phonemes are mapped to ARPAbet. A word nobody can pronounce is
 * reported, and left out of the model rather than guessed.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";

export type Pronunciations = Map<string, string[]>;

/** The entries of a CMU-format dictionary ("word  P H O N E S", "word(2) ..."), for `wanted` words only. */
export async function readDictionary(path: string, wanted: ReadonlySet<string>): Promise<Pronunciations> {
  const found: Pronunciations = new Map();
  const text = await readFile(path, "utf8");
  for (const line of text.split("\n")) {
    const match = /^(\S+?)(?:\(\d+\))?\s+(.+?)\s*$/.exec(line);
    if (!match || !wanted.has(match[1]!)) continue;
    const list = found.get(match[1]!) ?? [];
    list.push(match[2]!);
    found.set(match[1]!, list);
  }
  return found;
}

const VOICELESS_END = new Set(["P", "T", "K", "F", "TH"]);
const SIBILANT_END = new Set(["S", "Z", "SH", "ZH", "CH", "JH"]);

/** "daiquiris" from "daiquiri": the plural ending as English says it after the last sound. */
export function pluralPronunciation(singular: string): string {
  const last = singular.split(" ").at(-1) ?? "";
  if (SIBILANT_END.has(last)) return `${singular} IH Z`;
  return `${singular} ${VOICELESS_END.has(last) ? "S" : "Z"}`;
}

/** espeak-ng's phoneme mnemonics (`-x`, en-us) to ARPAbet; longest first wins. */
const ESPEAK_TO_ARPABET: ReadonlyArray<readonly [string, string]> = [
  ["i@3", "IY R"], ["aI@", "AY ER"], ["aU@", "AW ER"], ["i@", "IY ER"], ["e@", "EH R"], ["U@", "UH R"], ["A@", "AA R"], ["O@", "AO R"],
  ["o@", "AO R"], ["aa", "AE"], ["3:", "ER"], ["aI", "AY"], ["aU", "AW"], ["eI", "EY"], ["oU", "OW"], ["OI", "OY"], ["i:", "IY"], ["u:", "UW"],
  ["A:", "AA"], ["O:", "AO"], ["I2", "IH"], ["I#", "IH"], ["@L", "AH L"], ["@2", "AH"], ["a#", "AH"], ["tS", "CH"], ["dZ", "JH"],
  ["t#", "T"], ["n-", "N"], ["l-", "L"], ["@", "AH"], ["3", "ER"], ["a", "AE"], ["A", "AA"], ["0", "AA"], ["E", "EH"], ["I", "IH"],
  ["i", "IY"], ["O", "AO"], ["U", "UH"], ["V", "AH"], ["e", "EH"], ["o", "OW"], ["u", "UW"], ["S", "SH"], ["Z", "ZH"], ["T", "TH"],
  ["D", "DH"], ["N", "NG"], ["j", "Y"], ["h", "HH"], ["w", "W"], ["r", "R"], ["l", "L"], ["m", "M"], ["n", "N"], ["p", "P"],
  ["b", "B"], ["t", "T"], ["d", "D"], ["k", "K"], ["g", "G"], ["f", "F"], ["v", "V"], ["s", "S"], ["z", "Z"], ["x", "K"],
  ["?", "T"], ["*", "D"],
];

/** ARPAbet for one word's espeak-ng `-x` output; null when a sound has no mapping. */
export function arpabetFromEspeak(phonemes: string): string | null {
  // Stress and syllable marks, pauses and length marks carry no phone; ";" ends a sound ("i;@" is two).
  const text = phonemes.trim().replace(/;/g, " ").replace(/[',%=_!|^]/g, "");
  const phones: string[] = [];
  let at = 0;
  while (at < text.length) {
    if (/\s|:/.test(text[at]!)) {
      at++;
      continue;
    }
    const entry = ESPEAK_TO_ARPABET.find(([mnemonic]) => text.startsWith(mnemonic, at));
    if (!entry) return null;
    phones.push(entry[1]);
    at += entry[0].length;
  }
  return phones.length === 0 ? null : phones.join(" ");
}

/** espeak-ng's pronunciation of `word`, or null when espeak-ng is missing, slow or says nothing usable. */
export function espeakPronunciation(word: string, binary = "espeak-ng"): Promise<string | null> {
  if (!/^[a-z][a-z']*$/.test(word)) return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile(binary, ["-q", "-x", "-v", "en-us", word], { timeout: 5000, maxBuffer: 4096 }, (error, stdout) => {
      resolve(error ? null : arpabetFromEspeak(stdout));
    });
  });
}

export interface PronunciationResult {
  pronunciations: Pronunciations;
  /** Words nobody could pronounce: the model leaves them out. */
  missing: string[];
  /** Words whose pronunciation came from espeak-ng. */
  generated: string[];
}

/**
 * Pronunciations for every word of `words`: the dictionary, then plurals, then espeak-ng. A word of
 * `readAlsoAsSpelled` (the drinks' names) also gets espeak-ng's reading of it (of its singular, for a
 * plural) as an alternate: menu words are borrowed from other languages, guests say them more than one
 * way, and one dictionary reading ("negroni" N EH G R OW N IY) left the other ("nee-GROH-nee") unheard.
 */
export async function pronounce(
  words: Iterable<string>,
  options: {
    dictionaryPath: string;
    espeak?: (word: string) => Promise<string | null>;
    readAlsoAsSpelled?: Iterable<string>;
  },
): Promise<PronunciationResult> {
  const wanted = new Set(words);
  const readAlso = new Set(options.readAlsoAsSpelled ?? []);
  // Singulars too, for plurals the dictionary lacks.
  const singulars = new Set([...wanted].filter((word) => word.endsWith("s")).flatMap((word) => [word.slice(0, -1), word.replace(/es$/, "")]));
  const dictionary = await readDictionary(options.dictionaryPath, new Set([...wanted, ...singulars]));
  const pronunciations: Pronunciations = new Map();
  const missing: string[] = [];
  const generated: string[] = [];
  const espeak = options.espeak ?? ((word: string) => espeakPronunciation(word));
  for (const word of [...wanted].sort()) {
    // Sorted, so a singular asked for with its plural ("ipa", "ipas") is already pronounced, however.
    const singular = word.endsWith("s") ? [word.slice(0, -1), word.replace(/es$/, "")].find((stem) => dictionary.has(stem) || pronunciations.has(stem)) : undefined;
    const known = dictionary.get(word) ?? (singular === undefined ? undefined : (dictionary.get(singular) ?? pronunciations.get(singular))!.map(pluralPronunciation));
    if (!known) {
      const spoken = await espeak(word);
      if (spoken) {
        pronunciations.set(word, [spoken]);
        generated.push(word);
      } else {
        missing.push(word);
      }
      continue;
    }
    const list = [...known];
    if (readAlso.has(word)) {
      const fromDictionary = dictionary.has(word);
      const reading = await espeak(fromDictionary ? word : singular!);
      const alternate = reading === null || fromDictionary ? reading : pluralPronunciation(reading);
      if (alternate !== null && !list.includes(alternate)) list.push(alternate);
    }
    pronunciations.set(word, list);
  }
  return { pronunciations, missing, generated };
}

/** A pocketsphinx dictionary file: "word P H O N E S", alternates as "word(2) ...". */
export function dictionaryText(pronunciations: Pronunciations): string {
  const lines: string[] = [];
  for (const word of [...pronunciations.keys()].sort()) {
    pronunciations.get(word)!.forEach((phones, index) => lines.push(`${index === 0 ? word : `${word}(${index + 1})`} ${phones}`));
  }
  return `${lines.join("\n")}\n`;
}
