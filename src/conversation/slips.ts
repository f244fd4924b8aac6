/**
 * What a speech recognizer (or a hurried guest) gets wrong, corrected on the
 * tokens before anything is read from them:
 * - fillers go ("um", "uh", "er", "hmm", "one sec", and "like" where it only
 *   fills: "so like two IPAs", not "I'd like two IPAs");
 * - a stutter is said once ("a a martini", "can I can I get", "two two");
 * - letters spelled out are joined when they spell a drink ("i p a");
 * - homophones of numbers are numbers where a count belongs: "to"/"too" is two
 *   and "for" is four before a plural drink ("to IPAs", "for negronis") or
 *   before "more"; "won" is one before a drink.
 * A homophone is only read as a number where a quantity is expected: at the
 * start of a clause or after a request word ("get", "have", "like", "and"...),
 * so "go for martinis", "enough for two" and "switch to IPAs" keep their words.
 * The pauses are kept aligned with the tokens.
 */
import { EXCLUSIVE_MODIFIER_GROUPS } from "../bar/menu-catalog.js";
import { isEnglishWord } from "./english.js";
import { editDistance, matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import { readModifierAt } from "./modifiers.js";
import type { Pause, ReadText } from "./normalise.js";
import { readQuantity } from "./numbers.js";

const FILLERS = new Set(["um", "umm", "ummm", "uh", "uhh", "uhm", "uhhh", "er", "erm", "err", "hmm", "hmmm", "hm", "mm", "mmm", "eh"]);
/** "one sec", "one second", "one moment": a pause, not a drink count. */
const WAIT_NOUNS = new Set(["sec", "second", "moment", "minute", "mo"]);
/** What "a second" counts when it is an ordinal, not a moment: "pour me a second one", "give us a second round". */
const ORDINAL_OF = new Set(["one", "round", "drink", "glass", "pint", "of"]);
/** Words that ask for a moment before "a sec" ("give me a sec", "just a moment"). */
const WAITING = new Set(["give", "me", "just", "wait", "hold", "on"]);
/** Words after which a count is natural: a homophone there is a number. */
const BEFORE_A_COUNT = new Set([
  "get", "have", "take", "want", "need", "like", "bring", "order", "pour", "grab", "me", "us", "please", "and", "plus", "also",
  "yes", "okay", "so", "just", "then", "with", "add", "mean", "wait", "no", "actually", "sorry", "oh", "maybe", "do", "try",
  "gimme", "hey", "maya", "alright", "well",
  // "an" is how a recognizer often hears a quick "and": "an to more of those".
  "an",
  // "make that too martinis": the cue of a new count.
  "that", "it", "make",
]);
/** Before which "like" is a filler: a count or a drink follows. */
const AFTER_FILLER_LIKE = new Set(["so", "and", "yes", "okay", "then", "just", "get", "have", "take", "want", "me", "us", "maybe", "well", "oh", "please", "order", "um", "uh"]);
const NUMBER_WORDS = new Set(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an", "couple", "few", "dozen"]);

/** Spelled-out names are short ("i p a"): longer runs of letters are not tried. */
const MAX_SPELLED = 5;

interface Draft {
  tokens: string[];
  pauses: Pause[];
}

const strongest = (a: Pause, b: Pause): Pause => {
  const rank: Record<Pause, number> = { NONE: 0, PAUSE: 1, STOP: 2, QUESTION: 3 };
  return rank[a] >= rank[b] ? a : b;
};

/** Drops tokens[i] (a filler), keeping the pause that stood before it. */
function without(text: Draft, position: number): Draft {
  const tokens = text.tokens.filter((_, at) => at !== position);
  const pauses = text.pauses.filter((_, at) => at !== position);
  pauses[position] = strongest(pauses[position] ?? "NONE", text.pauses[position] ?? "NONE");
  return { tokens, pauses };
}

/** The weak cue a correcting hesitation is read as. */
const CORRECTION_CUE = "sorry";
const ADDING = new Set(["and", "plus", "also", "then", "with", "or"]);

/** A hesitation at `position` between two serving words a drink cannot have both of ("neat, er, on the rocks"). */
function correctsServing(tokens: readonly string[], position: number): boolean {
  const after = readModifierAt(tokens, position + 1)?.modifier;
  if (after === undefined) return false;
  const group = EXCLUSIVE_MODIFIER_GROUPS.find((modifiers) => modifiers.includes(after));
  if (group === undefined) return false;
  for (let start = Math.max(0, position - 3); start < position; start += 1) {
    const before = readModifierAt(tokens, start);
    if (before && start + before.length === position && before.modifier !== after && group.includes(before.modifier)) return true;
  }
  return false;
}

/** A hesitation at `position` between a count said and another count said alone ("three martinis uh, four"). */
function correctsCount(text: Draft, position: number): boolean {
  const { tokens, pauses } = text;
  const at = position + 1;
  if (tokens[at] === "a" || tokens[at] === "an" || ADDING.has(tokens[position - 1] ?? "")) return false;
  const count = readQuantity(tokens, at);
  if (!count) return false;
  const end = at + count.length;
  // ("two cosmos, uh, three actually": a word of correcting after it still leaves it alone.)
  const after = tokens[end] === "actually" || tokens[end] === "then" || tokens[end] === "please" ? end + 1 : end;
  const alone = tokens[after] === undefined || (pauses[after] ?? "NONE") !== "NONE";
  return alone && tokens.slice(0, position).some((token, before) => token !== "a" && token !== "an" && readQuantity(tokens, before) !== null);
}

/** "so like can I get...": a question or a request starts after the filler. */
function startsQuestion(tokens: readonly string[], position: number): boolean {
  return ["can", "could", "may", "would", "will"].includes(tokens[position] ?? "") && ["i", "we", "you"].includes(tokens[position + 1] ?? "");
}

function startsCount(tokens: readonly string[], position: number, index: MenuIndex): boolean {
  const token = tokens[position];
  if (token === undefined) return false;
  return NUMBER_WORDS.has(token) || /^\d/.test(token) || matchMenuAt(tokens, position, index) !== null;
}

/** A plural drink starts here ("IPAs", "old fashioneds", "beers"): a count belongs before it. */
function pluralDrinkAt(tokens: readonly string[], position: number, index: MenuIndex): boolean {
  const match = matchMenuAt(tokens, position, index);
  if (!match) return false;
  const last = tokens[position + match.length - 1] ?? "";
  return last.length > 3 && last.endsWith("s");
}

const clauseStart = (text: Draft, position: number): boolean =>
  position === 0 || (text.pauses[position] ?? "NONE") !== "NONE";

function countExpected(text: Draft, position: number): boolean {
  // "a round of for lagers": a round is counted out too.
  const roundOf = text.tokens[position - 1] === "of" && text.tokens[position - 2] === "round";
  return clauseStart(text, position) || BEFORE_A_COUNT.has(text.tokens[position - 1] ?? "") || roundOf;
}

const MONEY_WORDS = new Set(["dollars", "dollar", "bucks", "buck", "percent", "quid", "euros", "pounds"]);
const TIPPING = new Set(["tip", "leave", "add", "give", "put", "make", "tipping"]);
const CHANGING = new Set(["switch", "change", "swap", "make", "turn", "from", "convert", "upgrade"]);

/** Where the drinks start after the serving words at `position`: "to dirty martinis" (serving words may come between a count and its drinks). */
function drinksAfterServingWords(tokens: readonly string[], position: number): number {
  let drinkAt = position;
  for (let serving = readModifierAt(tokens, drinkAt); serving; serving = readModifierAt(tokens, drinkAt)) drinkAt += serving.length;
  return drinkAt;
}

/** "for the table um to cosmos": after a hesitation, as at a clause's start, "to" or "for" before drinks is their count. */
function countAfterHesitation(tokens: readonly string[], position: number, index: MenuIndex): string | null {
  const token = tokens[position];
  if (token !== "to" && token !== "too" && token !== "for") return null;
  return pluralDrinkAt(tokens, drinksAfterServingWords(tokens, position + 1), index) ? (token === "for" ? "four" : "two") : null;
}

/** The homophone of a number at `position`, when it stands where a count belongs. */
function numberFor(text: Draft, position: number, index: MenuIndex): string | null {
  const { tokens } = text;
  const token = tokens[position];
  const next = tokens[position + 1];
  if (token === "won") {
    const subject = ["i", "we", "you", "he", "she", "they", "who"].includes(tokens[position - 1] ?? "");
    // ("won more negroni": "one more" too.)
    const drinkAt = next === "more" ? position + 2 : position + 1;
    return !subject && next !== undefined && matchMenuAt(tokens, drinkAt, index) ? "one" : null;
  }
  // "tree ipas", "fore lagers": heard, not meant.
  if ((token === "tree" || token === "fore") && pluralDrinkAt(tokens, position + 1, index)) return token === "tree" ? "three" : "four";
  if (token !== "to" && token !== "too" && token !== "for") return null;
  // "tip for dollars", "leave to bucks": an amount where a tip's amount belongs.
  if (next !== undefined && MONEY_WORDS.has(next) && TIPPING.has(tokens[position - 1] ?? "")) return token === "for" ? "four" : "two";
  // "four IPAs to cosmos and a water": a list of counted drinks goes on after a drink, unless a drink is being changed into another ("switch the IPAs to cosmos").
  const listed = pluralDrinkAt(tokens, position - 1, index) && !tokens.slice(0, position).some((word) => CHANGING.has(word));
  if (!countExpected(text, position) && !listed) return null;
  const word = token === "for" ? "four" : "two";
  const drinkAt = drinksAfterServingWords(tokens, position + 1);
  if (pluralDrinkAt(tokens, drinkAt, index)) return word;
  // ("too old fashion please": said first, before a drink and a please, the plural dropped as a learner may.)
  const drink = position === 0 && token !== "for" ? matchMenuAt(tokens, drinkAt, index) : null;
  if (drink && ["please", "thanks", "thank"].includes(tokens[drinkAt + drink.length] ?? "")) return word;
  // ("three ipas", then "no wait make that to": the new count, said last after "make that".)
  if ((next === undefined || next === "please" || next === "instead") && token !== "for" && MAKE_THAT.has(tokens[position - 1] ?? "") && tokens[position - 2] === "make") return word;
  // "too more please", "for more IPAs"
  if (next === "more") {
    const after = tokens[position + 2];
    if (after === undefined || after === "please" || after === "of" || pluralDrinkAt(tokens, position + 2, index)) return word;
  }
  return null;
}

/** What "make" changes, before a new count: "make that to", "make it too". */
const MAKE_THAT = new Set(["that", "it", "those", "them", "these"]);

/** A single letter said as a word ("i p a"). */
const isLetter = (word: string): boolean => word.length === 1 && word >= "a" && word <= "z";

/** A run of single letters spelling a word of the menu ("i p a", "i p as") joined into it. */
function spelledAt(tokens: readonly string[], position: number, index: MenuIndex): { word: string; length: number } | null {
  let end = position;
  while (end < tokens.length && end - position < MAX_SPELLED && isLetter(tokens[end] as string)) end += 1;
  // The last letter may carry a plural "s" ("i p as"), or be two letters heard as one word ("i pas").
  if (end > position && end < tokens.length && /^[a-z]{1,2}s?$/.test(tokens[end] as string)) end += 1;
  for (let last = end; last - position >= 2; last -= 1) {
    const word = tokens.slice(position, last).join("");
    if (index.words.has(word)) return { word, length: last - position };
  }
  return null;
}

/** Serving words a slip of one letter may stand for, right after a drink ("vodka neet", "martini dirtey"). */
const SERVING_WORDS = ["neat", "dirty", "shaken", "stirred", "double", "rocks", "twist", "chaser"];
const DRINK_BEFORE = 3;

/** The serving word a misspelled word after a drink stands for: one letter off, and no word of its own. */
function servingWordFor(tokens: readonly string[], position: number, index: MenuIndex): string | null {
  const word = tokens[position] as string;
  if (word.length < 4 || isEnglishWord(word) || index.words.has(word) || SERVING_WORDS.includes(word)) return null;
  const target = SERVING_WORDS.find((serving) => editDistance(word, serving, 1) <= 1);
  if (!target) return null;
  for (let before = Math.max(0, position - DRINK_BEFORE); before < position; before += 1) {
    if (matchMenuAt(tokens, before, index)) return target;
  }
  return null;
}

/**
 * "martini dirty an shaken": "an" before a serving word it cannot go with (one said with a consonant first),
 * a drink just before: "and" typed short. ("an up martini" keeps its article.)
 */
function andFor(tokens: readonly string[], position: number, index: MenuIndex): string | null {
  const next = tokens[position + 1];
  if (tokens[position] !== "an" || next === undefined || "aeiou".includes(next[0] as string) || readModifierAt(tokens, position + 1) === null) return null;
  for (let before = Math.max(0, position - DRINK_BEFORE); before < position; before += 1) {
    if (matchMenuAt(tokens, before, index)) return "and";
  }
  return null;
}

/** "a pint a lager", "a glass o water": "of" said short between a container and its drink. */
function ofFor(tokens: readonly string[], position: number, index: MenuIndex): string | null {
  const word = tokens[position] as string;
  if (word !== "a" && word !== "o") return null;
  return DRINK_VESSELS.has(tokens[position - 1] ?? "") && matchMenuAt(tokens, position + 1, index) !== null ? "of" : null;
}
/** "negroni times two": "times" between a drink and a number counts it, as "x2" does. */
function timesFor(tokens: readonly string[], position: number, index: MenuIndex): string | null {
  if (tokens[position] !== "times" || readQuantity(tokens, position + 1) === null) return null;
  for (let start = Math.max(0, position - 3); start < position; start += 1) {
    const drink = matchMenuAt(tokens, start, index);
    if (drink && start + drink.length === position) return "x";
  }
  return null;
}

const DRAWN_OUT_OH = /^o+h+$/;
const DRAWN_OUT_AH = /^a+h+$/;
const DRAWN_OUT_UM = /^u+m+$/;

/** "ooh", "ohh", "aah", "ummm": an interjection drawn out is the interjection. */
function interjectionFor(token: string): string | null {
  // (Looked at only for words starting so: the patterns are tried on every word.)
  if (token.startsWith("o") && DRAWN_OUT_OH.test(token) && token !== "oh") return "oh";
  if (token.startsWith("a") && DRAWN_OUT_AH.test(token) && token !== "ah") return "ah";
  if (token.startsWith("u") && DRAWN_OUT_UM.test(token) && token !== "um") return "um";
  return null;
}

/** "iced t", "ice t": the letter heard for "tea". */
function teaFor(tokens: readonly string[], position: number): string | null {
  return tokens[position] === "t" && (tokens[position - 1] === "iced" || tokens[position - 1] === "ice") ? "tea" : null;
}
const DRINK_VESSELS = new Set(["pint", "glass", "shot", "bottle", "can", "jug", "pitcher", "mug", "cup"]);

/** Words that insist on what was just said, before it is said again: "an IPA, definitely an IPA". */
// ("yes" and "yeah" are not among them: "did you say three negronis? yes, three negronis" answers, and is read as the answer.)
const RESTATING = [["definitely"], ["absolutely"], ["for", "sure"], ["i", "said"]];
/** Words after a drink said again that make it another one: "... for her", "... too". */
const ANOTHER_FOR = new Set(["for", "too", "also", "as", "each", "and"]);
/** The longest drink phrase said twice around an insisting word ("an old fashioned" is three words, with a count four). */
const MAX_RESTATED = 4;

/**
 * "I'll have an IPA, definitely an IPA", "two IPAs, absolutely two IPAs": a drink said again for emphasis,
 * after a word that insists on it, is said once (the insisting word goes with it).
 */
function withoutRestatements(text: Draft, index: MenuIndex): Draft {
  for (let position = 1; position < text.tokens.length; position += 1) {
    const insisting = RESTATING.find((words) => words.every((word, offset) => text.tokens[position + offset] === word));
    if (!insisting) continue;
    const after = position + insisting.length;
    for (let size = MAX_RESTATED; size >= 1; size -= 1) {
      const before = position - size;
      if (before < 0 || after + size > text.tokens.length) continue;
      const phrase = text.tokens.slice(before, position);
      if (!phrase.every((word, offset) => text.tokens[after + offset] === word)) continue;
      if (!phrase.some((_, offset) => matchMenuAt(phrase, offset, index) !== null)) continue;
      // ("a negroni, definitely a negroni for her too": another one, for someone else.)
      if (ANOTHER_FOR.has(text.tokens[after + size] ?? "")) continue;
      for (let dropped = 0; dropped < insisting.length + size; dropped += 1) text = without(text, position);
      break;
    }
  }
  return text;
}

export function correctSlips(read: ReadText, index: MenuIndex): ReadText {
  let text: Draft = { tokens: [...read.tokens], pauses: [...read.pauses] };

  // Fillers.
  for (let position = 0; position < text.tokens.length; ) {
    const token = text.tokens[position] as string;
    const next = text.tokens[position + 1];
    const filler =
      FILLERS.has(token) ||
      ((token === "one" || token === "a") && next !== undefined && WAIT_NOUNS.has(next) && WAITING.has(text.tokens[position - 1] ?? "") && !ORDINAL_OF.has(text.tokens[position + 2] ?? "")) ||
      (token === "one" && next !== undefined && WAIT_NOUNS.has(next) && text.tokens.length > position + 2) ||
      (token === "like" &&
        (position === 0 || AFTER_FILLER_LIKE.has(text.tokens[position - 1] as string)) &&
        (startsCount(text.tokens, position + 1, index) || startsQuestion(text.tokens, position + 1)));
    if (!filler) {
      position += 1;
      continue;
    }
    // "four negronis, er, five": a hesitation before a count said alone, after a count, corrects it.
    // ("a gin neat, er, on the rocks": so does one before a serving word the one said before it rules out.)
    if (FILLERS.has(token) && (correctsCount(text, position) || correctsServing(text.tokens, position))) {
      text = { tokens: text.tokens.map((word, at) => (at === position ? CORRECTION_CUE : word)), pauses: text.pauses };
      position += 1;
      continue;
    }
    const count = FILLERS.has(token) ? countAfterHesitation(text.tokens, position + 1, index) : null;
    if (count !== null) text.tokens[position + 1] = count;
    text = without(text, position);
    // "one sec", "give me a sec": the noun goes too, and what asked for the wait.
    if (token === "one" || token === "a") {
      text = without(text, position);
      while (position > 0 && WAITING.has(text.tokens[position - 1] as string)) {
        position -= 1;
        text = without(text, position);
      }
    }
  }

  // Stutters: a word or a phrase of up to three words said twice in a row is said once. The first
  // saying goes, so the second keeps its place against the pauses ("nah, no lemonade" is "no lemonade").
  for (let position = 0; position < text.tokens.length; position += 1) {
    for (let size = 3; size >= 1; size -= 1) {
      if (position < size || position + size > text.tokens.length) continue;
      let repeated = true;
      for (let offset = 0; offset < size; offset += 1) {
        if (text.tokens[position + offset] !== text.tokens[position - size + offset]) repeated = false;
      }
      if (!repeated) continue;
      for (let offset = 0; offset < size; offset += 1) text = without(text, position - size);
      position -= size + 1;
      break;
    }
  }

  text = withoutRestatements(text, index);

  // Spelled letters first ("to i p a s": the count's homophone is read against the drink spelled)...
  const spelledOut: Draft = { tokens: [], pauses: [] };
  for (let position = 0; position < text.tokens.length; ) {
    const spelled = spelledAt(text.tokens, position, index);
    spelledOut.pauses.push(text.pauses[position] ?? "NONE");
    spelledOut.tokens.push(spelled?.word ?? (text.tokens[position] as string));
    position += spelled?.length ?? 1;
  }
  spelledOut.pauses.push(text.pauses[text.tokens.length] ?? "NONE");
  // ...then homophones of numbers and the other slips of one word.
  const tokens = spelledOut.tokens.map(
    (token, position) =>
      interjectionFor(token) ??
      timesFor(spelledOut.tokens, position, index) ??
      ofFor(spelledOut.tokens, position, index) ??
      andFor(spelledOut.tokens, position, index) ??
      teaFor(spelledOut.tokens, position) ??
      numberFor(spelledOut, position, index) ??
      servingWordFor(spelledOut.tokens, position, index) ??
      token,
  );
  return { tokens, pauses: spelledOut.pauses };
}
