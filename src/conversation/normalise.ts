/**
 * Turns an utterance, typed or transcribed, into lower-case word tokens the
 * parsers can compare: accents and punctuation go, contractions are spelled
 * out ("I'll" -> "i will"), symbols become words ("&" -> "and", "15%" ->
 * "15 percent", "$5.50" -> "5.50 dollars"). Number words stay words: their
 * meaning depends on where they stand ("a" is a quantity in "a beer", not in
 * "what's a negroni"), so numbers.ts reads them in place.
 */

const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Contractions whose expansion is not the regular pattern below. */
const IRREGULAR_CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwon't\b/g, "will not"],
  [/\bcan't\b/g, "can not"],
  [/\bshan't\b/g, "shall not"],
  [/\bain't\b/g, "is not"],
  [/\blet's\b/g, "let us"],
  [/\by'all\b/g, "you all"],
];

const REGULAR_CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/n't\b/g, " not"],
  [/'ll\b/g, " will"],
  [/'re\b/g, " are"],
  [/'ve\b/g, " have"],
  [/'m\b/g, " am"],
  [/'d\b/g, " would"],
  // "'s" is "is" after these words and a possessive (dropped) elsewhere.
  [/\b(what|that|it|there|here|how|who|where|when|why|he|she|this)'s\b/g, "$1 is"],
  [/'s\b/g, ""],
  [/'/g, ""],
];

/** Whole-word spellings people type without apostrophes, and chat shorthand. */
const WORD_REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ["im", "i am"],
  ["ive", "i have"],
  ["id", "i would"],
  ["whats", "what is"],
  ["thats", "that is"],
  ["its", "it is"],
  ["hows", "how is"],
  ["wheres", "where is"],
  ["dont", "do not"],
  ["doesnt", "does not"],
  ["didnt", "did not"],
  ["cant", "can not"],
  ["cannot", "can not"],
  ["wont", "will not"],
  ["isnt", "is not"],
  ["wasnt", "was not"],
  ["arent", "are not"],
  ["youre", "you are"],
  ["theyre", "they are"],
  ["gimme", "give me"],
  ["lemme", "let me"],
  ["wanna", "want to"],
  ["gonna", "going to"],
  ["gotta", "got to"],
  ["pls", "please"],
  ["plz", "please"],
  ["thx", "thanks"],
  ["thanx", "thanks"],
  ["ty", "thank you"],
  ["u", "you"],
  ["ur", "your"],
  ["ya", "you"],
  ["yeah", "yes"],
  ["yep", "yes"],
  ["yup", "yes"],
  ["ok", "okay"],
  ["nope", "no"],
  ["nah", "no"],
  ["percentage", "percent"],
  ["pct", "percent"],
  ["gratuity", "tip"],
]);

/** "ill" is also a word, so it is only read as "I'll" where a sentence starts. */
const LEADING_ILL = /^ill\b/;

const MONEY = /\$\s?(\d+(?:\.\d{1,2})?)/g;
const PERCENT = /(\d)\s?%/g;
const THOUSANDS_SEPARATOR = /(\d),(?=\d{3}\b)/g;
/** Anything that is not a letter, a digit or a decimal point between digits. */
const NOT_WORD = /[^a-z0-9.]+|\.(?!\d)|(?<!\d)\./g;

export function normalise(text: string): string {
  let result = text
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(THOUSANDS_SEPARATOR, "$1")
    .replace(MONEY, " $1 dollars ")
    .replace(PERCENT, "$1 percent ")
    .replace(/&/g, " and ")
    .replace(/\+/g, " plus ");
  for (const [pattern, replacement] of IRREGULAR_CONTRACTIONS) result = result.replace(pattern, replacement);
  for (const [pattern, replacement] of REGULAR_CONTRACTIONS) result = result.replace(pattern, replacement);
  result = result.replace(NOT_WORD, " ").trim().replace(LEADING_ILL, "i will");
  return result
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => WORD_REPLACEMENTS.get(word) ?? word)
    .join(" ");
}

export function tokenize(text: string): string[] {
  const normalised = normalise(text);
  return normalised === "" ? [] : normalised.split(" ");
}
