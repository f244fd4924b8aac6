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
  /**
   * Said as a range ("two or three", "2 to 3") or vaguely ("a few", "several"): not one count, so
   * it is asked, never guessed. `value` is then the most the guest spoke of.
   */
  range?: QuantityRange;
}

export interface QuantityRange {
  low: number;
  high: number;
  vague: boolean;
}

/** Words for "some, not saying how many": asked, never guessed. */
const VAGUE_WORDS: ReadonlyMap<string, QuantityRange> = new Map([
  ["few", { low: 2, high: 4, vague: true }],
  ["several", { low: 3, high: 7, vague: true }],
]);
/** Words that join the two ends of a range: "two or three", "2 to 3". */
const RANGE_JOINERS = new Set(["or", "to"]);

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

/** Whether the word is all digits (as /^\d+$/ says), looked at without a pattern: numbers are read at every word. */
function isDigits(word: string): boolean {
  if (word.length === 0) return false;
  for (let at = 0; at < word.length; at += 1) {
    const code = word.charCodeAt(at);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** Words for a number too large to mean anything but "too many". */
const HUGE_WORDS = new Set(["zillion", "gazillion", "bajillion", "kajillion", "squillion", "infinite", "infinity", "umpteen", "countless", "unlimited", "endless"]);
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ["thousand", 1_000], ["million", 1_000_000], ["billion", 1_000_000_000], ["trillion", 1_000_000_000_000],
]);
/** "hundreds of", "thousands of": a number of the kind, at least. */
const PLURAL_MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ["hundreds", 100], ["thousands", 1_000], ["millions", 1_000_000], ["billions", 1_000_000_000],
]);
/** What a guest said that is more than any bar pours, when no exact number was said. */
export const COUNTLESS = Number.MAX_SAFE_INTEGER;
/** A sign said or typed ("-5" is read "negative 5"); the spoken "minus one beer" takes a drink off instead. */
const NEGATIVE_WORDS = new Set(["negative"]);

const at = (tokens: readonly string[], index: number): string => tokens[index] ?? "";

/**
 * A whole number in digits or words ("7", "twenty five", "a hundred", "one hundred and five",
 * "a thousand", "two million"), or COUNTLESS for "a zillion".
 */
export function readNumber(tokens: readonly string[], start: number): NumberRead | null {
  const read = readBelowThousand(tokens, start);
  if (!read) {
    const word = at(tokens, start);
    const article = word === "a" || word === "an" ? 1 : 0;
    const huge = at(tokens, start + article);
    if (HUGE_WORDS.has(huge)) return { value: COUNTLESS, length: article + 1 };
    const multiplier = MULTIPLIERS.get(huge);
    if (multiplier !== undefined && (article === 1 || at(tokens, start) === huge)) return { value: multiplier, length: article + 1 };
    return null;
  }
  const multiplier = MULTIPLIERS.get(at(tokens, start + read.length));
  if (multiplier === undefined) return read;
  return { value: read.value * multiplier, length: read.length + 1 };
}

function readBelowThousand(tokens: readonly string[], start: number): NumberRead | null {
  const first = at(tokens, start);
  if (isDigits(first)) return { value: Number.parseInt(first, 10), length: 1 };

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
 * How many drinks, as said: a number, or the words guests use for one ("a", "an"), two ("a
 * couple of", "a pair of"), three ("a few"), twelve ("a dozen", "two dozen" is 24) and six ("half
 * a dozen"). What no bar pours is read as said, so it can be refused in words rather than
 * clamped: negatives ("minus two", what "-2" normalises to), fractions ("half a", "1.5", "one and
 * a half", "three quarters of") and the countless ("a billion", "hundreds of", "a zillion").
 * A trailing "of" is consumed ("a couple of beers").
 */
export function readQuantity(tokens: readonly string[], start: number): NumberRead | null {
  if (NEGATIVE_WORDS.has(at(tokens, start))) {
    const magnitude = readQuantity(tokens, start + 1);
    return magnitude && magnitude.value > 0 ? { value: -magnitude.value, length: magnitude.length + 1 } : null;
  }
  const single = readQuantityWords(tokens, start);
  if (!single) return null;
  const read = withRange(tokens, start, single);
  // "a dozen or so", "ten or thereabouts": about that many, asked, never guessed.
  const about = at(tokens, start + read.length) === "or" && ["so", "thereabouts", "more"].includes(at(tokens, start + read.length + 1));
  if (about && !read.range) return { value: read.value, length: read.length + 2, range: { low: read.value, high: read.value, vague: true } };
  if (at(tokens, start + read.length) !== "of" || !isCollective(tokens, start, read.length)) return read;
  // "three quarters of a beer": the article after a fraction belongs to it.
  const article = !Number.isInteger(read.value) && ["a", "an"].includes(at(tokens, start + read.length + 1)) ? 1 : 0;
  // ("a few of the lagers": still a few, asked, never four.)
  return { ...read, length: read.length + 1 + article };
}

/** How many words join the two ends of a range at `position`: "or", "to", "maybe" ("two, maybe three"), "or maybe"; 0 when none. */
function rangeJoinerLength(tokens: readonly string[], position: number): number {
  const word = at(tokens, position);
  if (word === "or" && HEDGES.has(at(tokens, position + 1))) return 2;
  return RANGE_JOINERS.has(word) || HEDGES.has(word) ? 1 : 0;
}
const HEDGES = new Set(["maybe", "perhaps", "possibly"]);

/** "two or three", "2 to 3", "one or two", "two, maybe three": the higher end read too, as a range. */
function withRange(tokens: readonly string[], start: number, low: NumberRead): NumberRead {
  const joiner = rangeJoinerLength(tokens, start + low.length);
  if (low.range || !Number.isInteger(low.value) || low.value < 0 || joiner === 0) return low;
  const high = readQuantityWords(tokens, start + low.length + joiner);
  if (!high || high.range || !Number.isInteger(high.value) || high.value <= low.value) return low;
  // "two or three dozen": the dozen counts both ends.
  const head = readBelowHundred(tokens, start + low.length + joiner);
  const factor = head && head.length < high.length && COLLECTIVES.has(at(tokens, start + low.length + joiner - 1 + high.length)) ? high.value / head.value : 1;
  const lowEnd = low.value * factor;
  if (!Number.isInteger(lowEnd) || high.value - lowEnd > 10 * factor) return low;
  return { value: high.value, length: low.length + joiner + high.length, range: { low: lowEnd, high: high.value, vague: false } };
}

const COLLECTIVES = new Set(["couple", "pair", "few", "several", "dozen", "half", "quarter", "quarters", "hundred", "thousand", "million", "billion", "trillion", ...PLURAL_MULTIPLIERS.keys()]);

function isCollective(tokens: readonly string[], start: number, length: number): boolean {
  return COLLECTIVES.has(at(tokens, start + length - 1));
}

/** Words before a "half" that is a part of a game: "the first half", "the 2nd half". */
const PARTS_OF_A_GAME = new Set(["first", "second", "1st", "2nd"]);

/** "half", "a half", "a quarter", "three quarters": the fraction and its length, or null. */
function readFraction(tokens: readonly string[], start: number): NumberRead | null {
  const first = at(tokens, start);
  const article = first === "a" || first === "an" || first === "one" ? 1 : 0;
  const word = at(tokens, start + article);
  // ("after the second half": a part of the game, not half a drink.)
  if (word === "half") return article === 0 && PARTS_OF_A_GAME.has(at(tokens, start - 1)) ? null : { value: 0.5, length: article + 1 };
  if (word === "quarter") return { value: 0.25, length: article + 1 };
  const count = readBelowHundred(tokens, start);
  if (count && at(tokens, start + count.length) === "quarters") return { value: count.value / 4, length: count.length + 1 };
  return null;
}

function readQuantityWords(tokens: readonly string[], start: number): NumberRead | null {
  const first = at(tokens, start);
  const second = at(tokens, start + 1);
  if (first === "half" && (second === "dozen" || (second === "a" && at(tokens, start + 2) === "dozen"))) {
    return { value: 6, length: second === "a" ? 3 : 2 };
  }
  // "a half dozen"
  if ((first === "a" || first === "an") && second === "half" && at(tokens, start + 2) === "dozen") return { value: 6, length: 3 };
  if (first.includes(".") && DECIMAL.test(first)) return { value: Number.parseFloat(first), length: 1 };
  const plural = PLURAL_MULTIPLIERS.get(first);
  if (plural !== undefined) return { value: COUNTLESS, length: 1 };
  const fraction = readFraction(tokens, start);
  // "half a martini": the article belongs to the fraction.
  if (fraction) return at(tokens, start + fraction.length) === "a" ? { value: fraction.value, length: fraction.length + 1 } : fraction;
  const article = first === "a" || first === "an";
  const word = article ? second : first;
  const offset = article ? 1 : 0;
  if (word === "couple" || word === "pair") return { value: 2, length: offset + 1 };
  const vague = VAGUE_WORDS.get(word);
  if (vague) {
    // "a few hundred": more than a few.
    const scale = at(tokens, start + offset + 1);
    if (scale === "hundred" || MULTIPLIERS.has(scale)) return { value: COUNTLESS, length: offset + 2 };
    return { value: vague.high, length: offset + 1, range: vague };
  }
  // "a dozen and a half": eighteen, said as a dozen and half of one.
  if (word === "dozen" && at(tokens, start + offset + 1) === "and" && at(tokens, start + offset + 2) === "a" && at(tokens, start + offset + 3) === "half") return { value: 18, length: offset + 4 };
  if (word === "dozen") return { value: 12, length: offset + 1 };
  const number = readNumber(tokens, start);
  if (!number) return article ? { value: 1, length: 1 } : null;
  const after = number.length;
  if (at(tokens, start + after) === "dozen") return { value: number.value * 12, length: after + 1 };
  // "two point five": a decimal said aloud.
  if (at(tokens, start + after) === "point") {
    const decimals = readBelowHundred(tokens, start + after + 1) ?? (isDigits(at(tokens, start + after + 1)) ? { value: Number(at(tokens, start + after + 1)), length: 1 } : null);
    if (decimals) return { value: number.value + Number(`0.${decimals.value}`), length: after + 1 + decimals.length };
  }
  // "one and a half", "two and a half"
  if (at(tokens, start + after) === "and") {
    const part = readFraction(tokens, start + after + 1);
    if (part) return { value: number.value + part.value, length: after + 1 + part.length };
  }
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
  if (first.includes(".") && DECIMAL.test(first)) {
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

const DOLLAR_WORDS: ReadonlySet<string> = new Set(["dollars", "dollar", "bucks", "buck", "usd"]);

/** Words that make the number before them an amount (of money, or a percent), never a count of drinks. */
/** Money of other countries, said in passing ("in my country, five euro"): an amount, never a count. */
const OTHER_CURRENCIES = ["euro", "euros", "pound", "pounds", "quid", "yen", "peso", "pesos", "franc", "francs", "rupee", "rupees", "yuan", "won", "krona", "kronor", "krone", "kroner", "real", "reais", "baht", "dirham", "dirhams"];
export const AMOUNT_UNITS: ReadonlySet<string> = new Set([...DOLLAR_WORDS, "cents", "cent", "percent", ...OTHER_CURRENCIES]);

export function isDollarWord(word: string): boolean {
  return DOLLAR_WORDS.has(word);
}

const NUMBER_WORDS = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
] as const;

/** For replies: "two", "twelve", then digits. */
export function numberWord(value: number): string {
  return NUMBER_WORDS[value] ?? String(value);
}
