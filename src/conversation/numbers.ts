/**
 * Numbers as guests say them, read from normalised tokens: quantities
 * ("two", "a couple of", "a dozen"), plain numbers for tips ("twenty five"),
 * ordinals for picking from a list ("the second one") and money ("5.50
 * dollars", "five bucks"). Every reader takes the token array and a start
 * position and returns the value and how many tokens it used, so parsers can
 * walk an utterance left to right.
 */

export interface NumberRead {
  value: number;
  /** Tokens consumed. */
  length: number;
}

const SMALL_NUMBERS: ReadonlyMap<string, number> = new Map(
  [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
  ].map((word, value) => [word, value]),
);

const TENS: ReadonlyMap<string, number> = new Map([
  ["twenty", 20], ["thirty", 30], ["forty", 40], ["fifty", 50],
  ["sixty", 60], ["seventy", 70], ["eighty", 80], ["ninety", 90],
]);

const ORDINALS: ReadonlyMap<string, number> = new Map([
  ["first", 1], ["1st", 1], ["second", 2], ["2nd", 2], ["third", 3], ["3rd", 3],
  ["fourth", 4], ["4th", 4], ["fifth", 5], ["5th", 5], ["sixth", 6], ["6th", 6],
  ["seventh", 7], ["7th", 7], ["eighth", 8], ["8th", 8],
]);

/** Ordinal meaning "the last one in the list". */
export const LAST_ORDINAL = -1;

const INTEGER = /^\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

const at = (tokens: readonly string[], index: number): string => tokens[index] ?? "";

/** A whole number in digits or words, 0 to 999 ("7", "twenty five", "a hundred", "one hundred and five"). */
export function readNumber(tokens: readonly string[], start: number): NumberRead | null {
  const first = at(tokens, start);
  if (INTEGER.test(first)) return { value: Number.parseInt(first, 10), length: 1 };

  let value: number;
  let length: number;
  if (first === "hundred" || ((first === "a" || first === "one") && at(tokens, start + 1) === "hundred")) {
    value = 100;
    length = first === "hundred" ? 1 : 2;
  } else {
    const leading = readBelowHundred(tokens, start);
    if (!leading) return null;
    if (at(tokens, start + leading.length) !== "hundred") return leading;
    value = leading.value * 100;
    length = leading.length + 1;
  }
  // "one hundred and five", "two hundred twenty"
  const skipAnd = at(tokens, start + length) === "and" ? 1 : 0;
  const rest = readBelowHundred(tokens, start + length + skipAnd);
  return rest ? { value: value + rest.value, length: length + skipAnd + rest.length } : { value, length };
}

function readBelowHundred(tokens: readonly string[], start: number): NumberRead | null {
  const word = at(tokens, start);
  const small = SMALL_NUMBERS.get(word);
  if (small !== undefined) return { value: small, length: 1 };
  const tens = TENS.get(word);
  if (tens === undefined) return null;
  const unit = SMALL_NUMBERS.get(at(tokens, start + 1));
  return unit !== undefined && unit > 0 && unit < 10 ? { value: tens + unit, length: 2 } : { value: tens, length: 1 };
}

/**
 * How many drinks: a number, or the words guests use for one ("a", "an"),
 * two ("a couple of", "a pair of"), three ("a few") and twelve ("a dozen",
 * "two dozen" is 24). A trailing "of" is consumed ("a couple of beers").
 */
export function readQuantity(tokens: readonly string[], start: number): NumberRead | null {
  const read = readQuantityWords(tokens, start);
  if (!read) return null;
  return at(tokens, start + read.length) === "of" && read.length > 0 && isCollective(tokens, start, read.length)
    ? { value: read.value, length: read.length + 1 }
    : read;
}

function isCollective(tokens: readonly string[], start: number, length: number): boolean {
  const last = at(tokens, start + length - 1);
  return last === "couple" || last === "pair" || last === "few" || last === "dozen";
}

function readQuantityWords(tokens: readonly string[], start: number): NumberRead | null {
  const first = at(tokens, start);
  const second = at(tokens, start + 1);
  if (first === "half" && second === "a" && at(tokens, start + 2) === "dozen") return { value: 6, length: 3 };
  const article = first === "a" || first === "an";
  const word = article ? second : first;
  const offset = article ? 1 : 0;
  if (word === "couple" || word === "pair") return { value: 2, length: offset + 1 };
  if (word === "few") return { value: 3, length: offset + 1 };
  if (word === "dozen") return { value: 12, length: offset + 1 };
  if (article) return { value: 1, length: 1 };
  const number = readNumber(tokens, start);
  if (!number) return null;
  if (at(tokens, start + number.length) === "dozen") return { value: number.value * 12, length: number.length + 1 };
  return number;
}

/** "first", "2nd", "the last", "number three", "option 2". Returns LAST_ORDINAL for "last". */
export function readOrdinal(tokens: readonly string[], start: number): NumberRead | null {
  const word = at(tokens, start);
  const ordinal = ORDINALS.get(word);
  if (ordinal !== undefined) return { value: ordinal, length: 1 };
  if (word === "last" || word === "latter") return { value: LAST_ORDINAL, length: 1 };
  if (word === "former") return { value: 1, length: 1 };
  if (word === "number" || word === "option" || word === "no") {
    const number = readNumber(tokens, start + 1);
    if (number && number.value > 0) return { value: number.value, length: number.length + 1 };
  }
  return null;
}

/**
 * An amount of money in cents: "5 dollars", "5.50 dollars" (what "$5.50"
 * normalises to), "five bucks", "two dollars and fifty cents", "ten fifty
 * dollars" is not attempted. A bare decimal ("4.75") counts as dollars; a bare
 * whole number does not (it could be a percent or a quantity).
 */
export function readMoneyCents(tokens: readonly string[], start: number): NumberRead | null {
  const first = at(tokens, start);
  let dollars: number | null = null;
  let cents = 0;
  let length = 0;
  if (DECIMAL.test(first) && first.includes(".")) {
    const [whole = "0", fraction = ""] = first.split(".");
    if (fraction.length > 2) return null;
    dollars = Number.parseInt(whole, 10);
    cents = Number.parseInt(fraction.padEnd(2, "0"), 10);
    length = 1;
  } else {
    const number = readNumber(tokens, start);
    if (!number) return null;
    const unit = at(tokens, start + number.length);
    if (unit === "cents" || unit === "cent") return { value: number.value, length: number.length + 1 };
    if (!isDollarWord(unit)) return null;
    dollars = number.value;
    length = number.length;
  }
  if (isDollarWord(at(tokens, start + length))) length += 1;
  else if (length === 1 && first.includes(".")) return { value: dollars * 100 + cents, length };
  // "two dollars and fifty cents", "two dollars fifty"
  const skipAnd = at(tokens, start + length) === "and" ? 1 : 0;
  const change = readNumber(tokens, start + length + skipAnd);
  if (cents === 0 && change && change.value < 100) {
    const unit = at(tokens, start + length + skipAnd + change.length);
    const unitLength = unit === "cents" || unit === "cent" ? 1 : 0;
    if (unitLength === 1 || skipAnd === 0) {
      return { value: dollars * 100 + change.value, length: length + skipAnd + change.length + unitLength };
    }
  }
  return { value: dollars * 100 + cents, length };
}

function isDollarWord(word: string): boolean {
  return word === "dollars" || word === "dollar" || word === "bucks" || word === "buck" || word === "usd";
}

const NUMBER_WORDS = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
] as const;

/** For replies: "two", "twelve", then digits. */
export function numberWord(value: number): string {
  return NUMBER_WORDS[value] ?? String(value);
}
