/**
 * Money talk: what a clause's words about the tip and about paying ask for. intents.ts calls these
 * readers where it classifies money intents; the acts work amounts out on the tab (acts/tip.ts).
 *
 * A tip, as guests say it:
 * - a percent ("15 percent", "tip 20"), an amount in everyday words ("five dollars", "a fiver",
 *   "a couple of bucks", "a buck fifty"), or none ("skip the tip", "I'm not tipping", "tip nothing");
 * - "round it up": the tip that brings the total up to the next whole dollar; "round it up to 20",
 *   "make it an even 20": the tip that brings the total to $20.00. Both depend on the tab, so they are
 *   read as a RoundUp and worked out when acting;
 * - a vague amount ("a few bucks") is asked for, never guessed.
 *
 * Paying: only the guest's own request to pay now is a payment. The time ("later", "at the end of the
 * night", "when she gets here", "after this one"), a condition ("if you throw in a free shot") or
 * another payer ("my boss is paying") make it talk about paying, unless it is said to be now
 * ("she's paying now, check please").
 */
import type { Utterance } from "./intents.js";
import { isDollarWord, readMoneyCents, readNumber, readQuantity } from "./numbers.js";
import { oneOf } from "./patterns.js";
import { PERSON_WORDS } from "./people.js";
import { MAX_TIP_PERCENT, type TipRefusal } from "./refusals.js";
import type { RoundUp, TipAsked, Understanding } from "./understanding.js";
import { isEverydayWord } from "./vocabulary.js";

// ---------------------------------------------------------------------------
// Tips

const TIP_WORDS: ReadonlySet<string> = new Set(["tip", "tips", "tipping", "tipped", "gratuity"]);
/** Asking what the tip is, not setting one: "what's the tip?", "how much was my tip". */
const TIP_QUESTION = / (what|how much) (is|was|are|would be) (the|my) tip /;
/** Money left for the bartender without saying "tip": "leave three dollars for you", "a fiver for yourself". */
const LEAVING_MONEY = / (leave|leaving|give you|for you|for yourself|for your trouble|keep the change|on top|for the (bar |kitchen )?(bartender|bartenders|staff|barman|barmaid|house|team|crew|lads|girls|servers)) /;
const SIGNED = / (minus|negative) /;
/** Words after a percent that say what it is a share of: "64 percent reporting", "80 percent in". */
const OTHER_SHARES: ReadonlySet<string> = new Set(["reporting", "counted", "turnout", "battery", "chance", "sure", "alcohol", "abv", "proof", "done", "off", "humidity", "full", "charged"]);

/** "a hundred percent", "100%": agreeing wholly, unless "tip" is said. */
const WHOLEHEARTED = / (a |one )?hundred percent | 100 percent /;
const NO_TIP: TipAsked = { tip: { none: true }, refusal: null };
const refused = (refusal: TipRefusal): TipAsked => ({ tip: null, refusal });
const amountTip = (cents: number): TipAsked => (cents === 0 ? NO_TIP : { tip: { amountCents: cents }, refusal: null });

/**
 * The tip a clause asks for, or null when it says nothing about one. A clause naming a drink is
 * about the tip only when it says "tip" ("a 15% tip for the martinis").
 */
/** A share said of drinks already had: "20 percent on top for the two IPAs", "15 percent for those", "twenty percent on top of those two lagers". */
const SHARE_OF_THE_DRINKS = / percent (\w+ ){0,2}(for|of|on) (the|those|these|our|my|both|all|them)( |$)/;

export function readTip(u: Utterance): TipAsked | null {
  const { tokens, padded } = u;
  const tipAt = tokens.findIndex((token) => TIP_WORDS.has(token));
  const mentionsTip = tipAt >= 0;
  const percentAt = tokens.indexOf("percent");
  const leaving = LEAVING_MONEY.test(padded);
  const namesDrink = u.order.drafts.length > 0;
  const roundUp = readRoundUp(tokens);
  if (roundUp) return namesDrink ? null : { tip: null, refusal: null, roundUp };
  if (!mentionsTip && percentAt < 0 && !leaving) return bareTip(tokens);
  // "absolutely, one hundred percent, a negroni": full agreement, said as a share, is no tip.
  if (!mentionsTip && !leaving && WHOLEHEARTED.test(padded)) return null;
  if (mentionsTip && TIP_QUESTION.test(padded)) return null;
  // ("put 20 percent on top for the two IPAs": the drinks the share is of, already poured, name no order.)
  if (!mentionsTip && namesDrink && !SHARE_OF_THE_DRINKS.test(padded)) return null;
  // "51 percent now with 90 percent counted", "with 64 percent reporting": shares of something else, no tip.
  if (!mentionsTip && !leaving && (tokens.filter((token) => token === "percent").length > 1 || OTHER_SHARES.has(tokens[percentAt + 1] as string))) return null;
  if (clearsTip(tokens)) return NO_TIP;
  // "add a -5% tip", "tip minus five dollars": refused, never read without its sign.
  if (SIGNED.test(padded) && (percentAt > 0 || mentionsTip)) return refused({ reason: "TIP_NEGATIVE", max: MAX_TIP_PERCENT });
  if (percentAt > 0) {
    const before = tokens[percentAt - 1] as string;
    if (/^\d+\.\d+$/.test(before)) return refused({ reason: "TIP_PERCENT_NOT_WHOLE" });
    for (let start = 0; start < percentAt; start += 1) {
      const number = readNumber(tokens, start);
      if (number && start + number.length === percentAt) return percentTip(number.value);
    }
  }
  if (mentionsTip || leaving) {
    for (let start = 0; start < tokens.length; start += 1) {
      const amount = readTipAmount(tokens, start);
      if (amount === VAGUE) return refused({ reason: "TIP_NO_AMOUNT" });
      if (amount !== null) return amountTip(amount.cents);
    }
  }
  if (!mentionsTip) return null;
  // "tip 20", "a tip of twenty", "the tip at 15": a bare number after the word is a percent, as on the tip buttons.
  for (let start = tipAt + 1; start < tokens.length; start += 1) {
    if (TIP_LINKS.has(tokens[start] as string)) continue;
    const number = readNumber(tokens, start);
    if (number) return percentTip(number.value);
    break;
  }
  return refused({ reason: "TIP_NO_AMOUNT" });
}

/** Words between "tip" and its bare number. */
// ("take the tip down to 15", "bump the tip up to 20": the new share said after which way it goes.)
const TIP_LINKS: ReadonlySet<string> = new Set(["of", "a", "at", "to", "be", "is", "would", "will", "around", "about", "down", "up", "back"]);

function percentTip(percent: number): TipAsked {
  if (percent > MAX_TIP_PERCENT) return refused({ reason: "TIP_PERCENT_OUT_OF_RANGE", max: MAX_TIP_PERCENT });
  return percent === 0 ? NO_TIP : { tip: { percent }, refusal: null };
}

/** Money nouns a guest tips with. */
const MONEY_NOUNS: ReadonlyMap<string, number> = new Map([["fiver", 500], ["tenner", 1000]]);
/** Notes a guest tips with, named by their value: "a twenty". */
const NOTES: ReadonlyMap<string, number> = new Map([["ten", 1000], ["twenty", 2000], ["fifty", 5000]]);
/** What may follow a note: nothing, or the end of the tip ("a twenty for you", "a twenty, thanks"). */
const AFTER_A_NOTE: ReadonlySet<string> = new Set(["", "for", "please", "thanks", "then", "on", "and", "mate", "love", "yeah"]);
/** Amounts too vague to set: asked for, never guessed ("a few bucks", "some dollars"). */
const VAGUE_WORDS: ReadonlySet<string> = new Set(["few", "some", "several"]);
const VAGUE = "VAGUE";
const ARTICLES: ReadonlySet<string> = new Set(["a", "an", "one"]);

/** An amount of money in cents and the tokens it took. */
export interface AmountRead {
  cents: number;
  length: number;
}

/**
 * An amount of money at `start`, in everyday words: "a fiver", "a tenner", "a buck", "a buck
 * fifty", "a couple of bucks", "two dollars and fifty cents", "$5.50"; VAGUE for "a few bucks";
 * null when no amount starts there.
 */
export function readTipAmount(tokens: readonly string[], start: number): AmountRead | typeof VAGUE | null {
  // ("a flat five dollars": the amount as it is, no percent.)
  if (ARTICLES.has(tokens[start] ?? "") && tokens[start + 1] === "flat") {
    const flat = readTipAmount(tokens, start + 2);
    return flat && flat !== VAGUE ? { cents: flat.cents, length: flat.length + 2 } : flat;
  }
  const article = ARTICLES.has(tokens[start] ?? "") ? 1 : 0;
  const head = tokens[start + article] ?? "";
  const noun = MONEY_NOUNS.get(head);
  if (noun !== undefined) return { cents: noun, length: article + 1 };
  // ("leave yourself a twenty": a note, said with its article, and nothing it counts after it.)
  const note = article === 1 && tokens[start] !== "one" ? NOTES.get(head) : undefined;
  if (note !== undefined && AFTER_A_NOTE.has(tokens[start + 2] ?? "")) return { cents: note, length: 2 };
  if (VAGUE_WORDS.has(head) && isDollarWord(tokens[start + article + 1] ?? "")) return VAGUE;
  // "a buck fifty", "a couple of bucks": the article or the couple is the number of dollars.
  const count = readQuantity(tokens, start);
  if (count && Number.isInteger(count.value) && isDollarWord(tokens[start + count.length] ?? "")) {
    const money = readMoneyCents([String(count.value), ...tokens.slice(start + count.length)], 0);
    return money ? { cents: money.value, length: count.length - 1 + money.length } : null;
  }
  const money = readMoneyCents(tokens, start);
  if (money) return { cents: money.value, length: money.length };
  // "leave twelve fifty": dollars and cents, said as two numbers.
  const dollars = readNumber(tokens, start);
  const cents = dollars && Number.isInteger(dollars.value) && dollars.value >= 1 && dollars.value < 100 ? readNumber(tokens, start + dollars.length) : null;
  if (dollars && cents && Number.isInteger(cents.value) && cents.value >= 10 && cents.value <= 99) return { cents: dollars.value * 100 + cents.value, length: dollars.length + cents.length };
  return null;
}

/** Words that may stand around an amount said on its own ("just a tenner, thanks", "fine, throw a fiver back on"). */
const BARE_TIP_WORDS: ReadonlySet<string> = new Set([
  "just", "please", "thanks", "thank", "you", "okay", "ok", "oh", "well", "so", "then", "here", "is", "and", "maya", "how", "about",
  "fine", "yeah", "alright", "throw", "put", "stick", "chuck", "bung", "slap", "back", "on", "in", "there", "top",
]);

/** How an everyday amount starts: "a fiver", "a buck fifty", "a couple of bucks" (not "20 dollars", which may be a price or a total). */
const EVERYDAY_AMOUNT: ReadonlySet<string> = new Set([...ARTICLES, ...MONEY_NOUNS.keys(), "couple"]);

/**
 * "A fiver", "a couple of bucks then", "just a tenner": money in everyday words, said on its own to a
 * bartender, is a tip.
 */
function bareTip(tokens: readonly string[]): TipAsked | null {
  let start = 0;
  while (BARE_TIP_WORDS.has(tokens[start] ?? "")) start += 1;
  if (!EVERYDAY_AMOUNT.has(tokens[start] ?? "")) return null;
  // "a fiver", "a couple of bucks": an article before everyday money; "a thousand dollars?" is a figure said back.
  const word = ARTICLES.has(tokens[start] ?? "") ? (tokens[start + 1] ?? "") : (tokens[start] ?? "");
  if (!MONEY_NOUNS.has(word) && word !== "couple") return null;
  const amount = readTipAmount(tokens, start);
  if (amount === null || amount === VAGUE) return null;
  return tokens.slice(start + amount.length).every((token) => BARE_TIP_WORDS.has(token)) ? amountTip(amount.cents) : null;
}

/** Words that negate the tip they govern. */
const TIP_NEGATORS: ReadonlySet<string> = new Set([
  "no", "not", "never", "without", "skip", "skipping", "forget", "drop", "remove", "cancel", "delete", "clear", "scrap", "scratch",
  "nix", "ditch", "lose", "waive", "hold", "zero", "nothing", "off", "rid",
]);
/** Words a negation reaches the tip through ("not going to leave a tip"): anything else ends its scope ("no rush, add a tip"). */
const NEGATION_SCOPE: ReadonlySet<string> = new Set([
  "a", "an", "the", "my", "any", "that", "this", "your", "our", "really", "even", "just", "be", "to", "want", "wanna", "going",
  "leave", "leaving", "add", "adding", "give", "giving", "do", "doing", "need", "for", "bother", "with", "include", "put", "will",
  "would", "am", "is", "are", "of", "about", "get", "take", "knock", "we", "i", "extra",
]);
/** After the tip: "tip nothing", "leave the tip off". */
const NEGATED_AFTER: ReadonlySet<string> = new Set(["off", "nothing", "none", "zero"]);
const LONGEST_NEGATION_REACH = 6;

/**
 * Whether the clause takes the tip away: a negation governing the tip word ("no tip", "I'm not
 * going to leave a tip", "forget the tip", "tip nothing", "leave the tip off"). Two negations
 * cancel out ("don't forget the tip"); a word outside the negation's reach ends it ("not sure
 * about the tip", "no rush, add a tip").
 */
export function clearsTip(tokens: readonly string[]): boolean {
  for (const [at, token] of tokens.entries()) {
    if (!TIP_WORDS.has(token)) continue;
    // "drop the tip to 10 percent", "knock the tip down to five": a new tip, not none.
    const newFigure = tokens.slice(at + 1, at + 4).indexOf("to");
    if (newFigure >= 0 && readNumber(tokens, at + 2 + newFigure) !== null) continue;
    let negations = 0;
    for (let back = at - 1; back >= 0 && at - back <= LONGEST_NEGATION_REACH; back -= 1) {
      const word = tokens[back] as string;
      // "no, forget the tip": a "no" the clause opens with answers; it does not undo the negation after it.
      if (back === 0 && word === "no" && negations > 0) break;
      if (TIP_NEGATORS.has(word)) negations += 1;
      else if (!NEGATION_SCOPE.has(word)) break;
    }
    if (NEGATED_AFTER.has(tokens[at + 1] ?? "")) negations += 1;
    if (negations % 2 === 1) return true;
  }
  return false;
}

/** Words "round" is a noun after ("another round", "the next round"): not rounding anything. */
const ROUND_AS_NOUN: ReadonlySet<string> = new Set([
  "a", "an", "another", "the", "this", "that", "next", "first", "second", "third", "last", "one", "my", "our", "your", "his", "her",
  "their", "new", "same", "full", "whole", "each", "every", "final", "of",
]);
/** What is rounded: "round it up", "round the total up". */
const ROUNDED: ReadonlySet<string> = new Set(["it", "that", "this", "the", "my", "our", "total", "bill", "tab", "check", "everything", "us", "me", "things", "whole", "thing"]);
const ROUND_TOTAL = / (total|it|bill|tab|everything) (is|comes to|to be|be|at) (a |an )?(nice )?(round|even|whole) (dollar )?(amount|number|figure|sum|total) | (round|even|whole) dollar (amount|figure|total) | up to the (next|nearest) (whole |even |full )?(dollar|buck) /;
const NEXT_DOLLAR = / (next|nearest|closest) (whole |even |full )?(dollar|buck) /;

/**
 * "round it up" (the next whole dollar: `toCents` null), "round it up to 20", "round the bill up to
 * thirty dollars", "make it an even 20", "call it twenty", "here's 20, keep the change": a total the
 * tip brings the tab to.
 */
export function readRoundUp(tokens: readonly string[]): RoundUp | null {
  // "bump it so the total is a round dollar amount", "bump the total up to the next whole dollar": the next whole dollar.
  if (tokens.includes("round") || tokens.includes("even") || tokens.includes("whole") || tokens.includes("next")) {
    if (ROUND_TOTAL.test(` ${tokens.join(" ")} `)) return { toCents: null };
  }
  for (const [at, token] of tokens.entries()) {
    if (token === "round" || token === "rounded" || token === "rounding") {
      if (ROUND_AS_NOUN.has(tokens[at - 1] ?? "")) continue;
      let next = at + 1;
      while (ROUNDED.has(tokens[next] ?? "")) next += 1;
      const up = tokens[next] === "up";
      if (up) next += 1;
      if (tokens[next] !== "to") {
        if (up) return { toCents: null };
        continue;
      }
      const target = tokens.slice(next);
      if (NEXT_DOLLAR.test(` ${target.join(" ")} `)) return { toCents: null };
      const total = totalAt(tokens, next + 1);
      if (total !== null) return { toCents: total };
      if (up) return { toCents: null };
    }
    // "make it an even 20", "an even twenty bucks"; "call it 20": the total, said.
    if (token === "even" && tokens[at - 1] !== "not") {
      const total = totalAt(tokens, at + 1);
      if (total !== null) return { toCents: total };
    }
    if (token === "call" && ["it", "that"].includes(tokens[at + 1] ?? "")) {
      const evenly = tokens[at + 2] === "an" && tokens[at + 3] === "even" ? 2 : 0;
      const total = totalAt(tokens, at + 2 + evenly);
      if (total !== null) return { toCents: total };
    }
  }
  return keepingTheChange(tokens);
}

/** "Here's twenty, keep the change": the amount handed over is the total. */
function keepingTheChange(tokens: readonly string[]): RoundUp | null {
  const keep = tokens.findIndex((token, at) => token === "keep" && tokens[at + 1] === "the" && tokens[at + 2] === "change");
  if (keep < 0) return null;
  for (let start = 0; start < tokens.length; start += 1) {
    if (start >= keep && start < keep + 3) continue;
    const total = totalAt(tokens, start);
    if (total !== null) return { toCents: total };
  }
  return null;
}

/** A total said as money ("20 dollars", "$19.50") or a bare number of dollars ("20", not "20 percent"). */
function totalAt(tokens: readonly string[], start: number): number | null {
  const money = readMoneyCents(tokens, start);
  if (money) return money.value;
  const number = readNumber(tokens, start);
  if (!number || tokens[start + number.length] === "percent") return null;
  return number.value * 100;
}

/**
 * A tip asked about rather than asked for ("what would 20% be?", "if I rounded up?", "maybe a 15%
 * tip"): the amount is quoted and nothing is set. Asking what the tip is, or about no tip, reads
 * the tab.
 */
export function tipAskedAbout(asked: TipAsked): Understanding {
  const quotable =
    asked.roundUp !== undefined ||
    (asked.tip !== null && !("none" in asked.tip)) ||
    (asked.refusal !== null && asked.refusal.reason !== "TIP_NO_AMOUNT");
  const { tip, refusal, roundUp } = asked;
  return quotable ? { intent: "QUOTE_TIP", tip, refusal, ...(roundUp ? { roundUp } : {}) } : { intent: "SHOW_TAB" };
}

/** "Add that", "put it on", "go with that": taking the tip Maya just quoted (read on the answer's core words). */
const TAKES_QUOTED_TIP = /^(add|put|do|set|make|take|leave|go with|throw|stick|include|charge|let us do) (it|that|this|that one|the tip|that tip|this tip|them|those)( on| in| on there| on the (tab|bill))?( as (the|a|my) tip)?$/;
export const takesQuotedTip = (core: string): boolean => TAKES_QUOTED_TIP.test(core);

// ---------------------------------------------------------------------------
// Paying

/** When the guest's words about paying say it happens: only NOW and UNSAID ask to pay. */
export type PayingWhen = "NOW" | "UNSAID" | "LATER" | "ON_CONDITION" | "SOMEONE_ELSE" | "NOT_YET";

export const asksToPayNow = (when: PayingWhen): boolean => when === "NOW" || when === "UNSAID";

/** What Maya hears in talk of paying that is not a request to pay now. */
export const PAYING_LATER: Understanding = { intent: "SMALL_TALK", topic: "NOT_YET" };

const NOT_PAYING =
  / (pay|paying|bill|check|settle)( \w+){0,2} not (yet|now) | (not|never) (\w+ ){0,4}(pay|paying|close|closing|settle|check out|bill|check|charge|charging|ring) | pay later | (no|not in a) rush | not (yet|now) .*(pay|bill|check|close|charge)| hold (off )?(on )?(the|my|our) (bill|check|tab|payment) | hold off (on )?(paying|settling) /;
/** "let me ...", "let's ...": what the guest proposes to do now. */
const PROPOSING = "(let us|lets|let me)";
export const PROPOSED_NOW = new RegExp(`^ ((ok|okay|so|right|well|and|alright) )*${PROPOSING} `);
/** "let's settle before the next set", "let me pay before I go": a proposal to pay, now, before what comes. */
const LETS_PAY_BEFORE = new RegExp(` ${PROPOSING} (pay|settle|close|square up|cash out)( \\w+){0,3} before `);
/** Now, said: "now", "right away"; not "not now", "for now", "until now". */
const SAID_NOW = / (?<!(not|for|until|till|by|from|than|just) )now | (right away|immediately|straight away|at once) /;
const LATER = oneOf([
  // "before the last ferry", "at midnight": a time to come, named ("leave it at twenty" is a tip kept).
  / before (the|my|our|his|her|their) (last |next |first )?(ferry|train|bus|flight|plane|boat|show|game|match|band|set|speech|speeches|toast|cake|taxi|cab|uber|ride|shift|song|turn) | (?<!(leave|keep|make|set|put|call|stick|fix) (it|that|the tip) )at (midnight|noon|num|\d+) | before (dinner|lunch|breakfast|supper|brunch|bed|bedtime|we eat|i eat|sunset|sundown|sunrise|dark|dusk|nightfall|close|closing|last orders|last call) /,
  / (later|eventually|afterwards|afterward|(?<!(shift|flight|meeting|work|exam|class|start|day|train) )tomorrow|in the morning|tonight before (i|we) (leave|go)|soon(?! as)|next (time|week|month|weekend|visit|round|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|another (time|day)|some other time|on (my|our|the) way (out|back|home)) /,
  / in (a|an|a few|a couple of|\w+) (bit|while|minute|minutes|moment|sec|second|hour|hours|little bit) /,
  // ("let me finish this drink then I'll pay", "I'll drink up and then settle": after what the guest sees through first.)
  / (let me|lemme|let us|lets|i will|we will|(i|we) (am|are) (going to|gonna)) (just )?(finish|drink up|wrap up|get through) (\w+ ){0,3}(and |then )+((i|we) will )?(pay|settle|close|square|check) /,
  // ("i'll pay at breakfast", "we'll settle over lunch tomorrow": a meal or the night's end to come.)
  / (at|over|during) (breakfast|brunch|lunch|dinner|supper|closing|closing time|last orders|the end of the (night|evening|day|trip|cruise|crossing|week)) /,
  // "I'll square up Friday", "pay you on payday": a day to come.
  / (on |by |this |come )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|payday|the weekend|month end|end of the month)( night| morning)? | (on|by) (\w+ )?day /,
  // ("will I be able to pay at the door?": on the way out, or at the hotel's desk, not here now.)
  // ("I'll settle at the cast party": at a gathering still to come.)
  / at the (door|exit|front desk|reception|reception desk) | at the (\w+ )?(party|afterparty|after party|reception|wake|gig|barbecue|bbq|do) /,
  / (at|by|towards|toward) the (very )?end | end of the (night|evening|day|game|show|set|quiz) | at closing( time)? | closing time | last (call|orders) /,
  / before (i|we|you) (leave|go|head|take off|close|closes|are done|am done|are finished|am finished|pay|check out|checkout|fly|board|settle) /,
  // ("the bus is at 5:30 so we'll pay before then": before a time just named.)
  / before then /,
  // A hotel guest: "I'll pay at checkout", "when we check out", "when we leave".
  / (at|on|by) (check ?out|checkout)( time)? | when (i|we) (check out|leave|go|head out|are leaving|am leaving) /,
  // "at halftime", "after the game", "at the final whistle", "at tea", "at stumps": a moment still to come.
  / (at|after|by|around|until|till|during) (the )?(\w+ )?(halftime|half time|full time|fulltime|whistle|buzzer|timeout|intermission|interval|break|game|match|show|concert|movie|set|meeting|dinner|lunch|quarter|period|inning|innings|overtime|kickoff|kick off|tea|teatime|stumps|drinks break) | (at|after|by) (the )?(close|end) of play /,
]);
/** Words that open a condition or a time for what they follow: "I'll pay when she gets here". */
const CONDITIONS: ReadonlySet<string> = new Set(["if", "unless", "when", "whenever", "once", "after", "until", "till", "provided", "assuming", "otherwise"]);
/** Conditions that are only politeness: "when you get a chance", "if you can, check please", "ready to pay whenever you are". */
const POLITE_CONDITION = oneOf([
  /^ (when|whenever|once|if|as soon as) (you|ya) (guys )?((can|could|would|please)( please)?(?= $| (check|bill|close|settle|pay|and|i|we|maya|thanks|thank|then)\b)|(get|have) a (chance|sec|second|minute|moment)|are (ready|free)|are $|(do|would) not mind)/,
  /^ if (that|it|this) is (okay|ok|fine|alright|all right|possible|not too much trouble) /,
  /^ if (possible|you please) /,
]);
/** "when" before an auxiliary asks when ("when can I pay?"); "after all" is no time. */
const NOT_A_CONDITION = /^ (when (can|do|does|should|shall|will|would|is|are|may) |after all |once (again|more) )/;

/**
 * Whether a clause (or the part of one from a condition word on) puts paying off: it opens with a
 * condition or a time ("if you throw in a free shot", "when she gets here", "once the game ends",
 * "as soon as my friend arrives") that is not only politeness ("when you get a chance").
 */
export function putsPayingOff(tokens: readonly string[]): boolean {
  const start = tokens.findIndex(
    (token, at) => CONDITIONS.has(token) || (token === "as" && tokens[at + 1] === "soon" && tokens[at + 2] === "as"),
  );
  if (start < 0) return false;
  const rest = ` ${tokens.slice(start).join(" ")} `;
  return !NOT_A_CONDITION.test(rest) && !POLITE_CONDITION.test(rest);
}

/** Words that may come before a condition said after its clause: "... but only if", "... and once". */
const BEFORE_CONDITION: ReadonlySet<string> = new Set(["and", "but", "only", "just", "so", "then", "or"]);

/** Whether the clause said after a clause about paying is its condition or time ("... if you throw in a free shot"). */
export function conditionsPaying(following: readonly string[]): boolean {
  const start = following.findIndex((token) => !BEFORE_CONDITION.has(token));
  const opener = following[start] ?? "";
  // "how do I pay? later is okay?": asked whether paying may wait.
  // ("I'll pay before I leave": a time to come; "let me pay before they make me order more" is now.)
  const said = ` ${following.slice(Math.max(0, start)).join(" ")} `;
  if (LATER_ALLOWED.test(` ${following.join(" ")} `) || (opener === "before" && LATER.test(said))) return true;
  return (CONDITIONS.has(opener) || opener === "as") && putsPayingOff(following.slice(start));
}
/** A later time asked or said to be fine for paying: "later is okay?", "or tomorrow?", "is later fine". */
const LATER_ALLOWED = /^ ((and|but|or|so) )?((is|can|could) (it )?(be )?)?(later|tomorrow|another time|next time)( is| would be| be)? (okay|ok|fine|alright|all right|possible|good) | or (later|tomorrow)( maybe| perhaps)? $/;

/** When the clause's talk of paying says it happens. Read only on clauses that talk about paying. */
export function whenPaying(u: Utterance): PayingWhen {
  const { tokens } = u;
  // "I'll pay my tab, boarding at gate 12 in twenty minutes": the time after a participle is the boarding's.
  const payAt = tokens.findIndex((token) => PAYING_WORDS.has(token));
  // (So is "close out my tab, all aboard in ten minutes": the ship's time.)
  const reasonAt = payAt < 0 ? -1 : tokens.findIndex((token, at) => at > payAt + 1 && ((/[a-z]{3,}ing$/.test(token) && !NOT_PARTICIPLES.has(token)) || token === "aboard"));
  const padded = reasonAt < 0 ? u.padded : ` ${tokens.slice(0, reasonAt).join(" ")} `;
  if (NOT_PAYING.test(padded)) return "NOT_YET";
  // "if my card works I'll pay now": a condition said first holds even "now".
  if (tokens[0] === "if" && putsPayingOff(tokens)) return "ON_CONDITION";
  if (SAID_NOW.test(padded)) return "NOW";
  // ("let's settle before the next set": paying proposed now, ahead of what comes next.)
  if (LETS_PAY_BEFORE.test(padded)) return "NOW";
  if (LATER.test(padded)) return "LATER";
  if (putsPayingOff(tokens)) return "ON_CONDITION";
  return paidBySomeoneElse(tokens) ? "SOMEONE_ELSE" : "UNSAID";
}

/** Words in "-ing" that are no participle starting a clause of their own. */
const NOT_PARTICIPLES: ReadonlySet<string> = new Set(["paying", "settling", "closing", "splitting", "something", "anything", "everything", "nothing", "morning", "evening", "during", "king", "thing", "ring", "bring", "sing", "spring", "string", "wedding", "meeting", "booking", "coming", "going", "leaving", "being"]);
/** Words that name paying (or what is paid) in a clause: the payer is said before the first of them. */
const PAYING_WORDS: ReadonlySet<string> = new Set([
  "pay", "pays", "paying", "settle", "settling", "close", "closing", "check", "bill", "cash", "checkout", "split", "splitting",
  "square", "ring", "charge", "tab",
]);
/** "my wife's getting this one", "he's covering this round": paying for it, said with an everyday verb. */
const COVERING: ReadonlySet<string> = new Set(["getting", "grabbing", "covering"]);
const coversThisAt = (tokens: readonly string[], at: number): boolean =>
  COVERING.has(tokens[at] as string) && (tokens[at + 1] === "this" || tokens[at + 1] === "that") && (tokens[at + 2] === undefined || tokens[at + 2] === "one" || tokens[at + 2] === "round");
const ASKING_MODALS: ReadonlySet<string> = new Set(["can", "could", "may", "will", "would", "should", "does", "do", "did", "is"]);
// ("who's paying for this wedding anyway": asked of no one in particular, and not the guest paying.)
const OTHER_PAYERS: ReadonlySet<string> = new Set(["he", "she", "they", "someone", "somebody", "everyone", "everybody", "who"]);
const DETERMINERS: ReadonlySet<string> = new Set(["my", "our", "his", "her", "their", "the"]);
/** What a guest's own possessive names when it is not a person: "my card will pay", "the bill please". */
const NOT_A_PAYER: ReadonlySet<string> = new Set(["tab", "bill", "check", "card", "total", "account", "order", "drinks", "round", "money", "cash", "own", "share", "part", "half", "turn"]);
/** The guest as the subject, anywhere in it ("my wife and I will pay"), or opening it ("let me pay", "you can close it"). */
const THE_GUEST_SAYS: ReadonlySet<string> = new Set(["i", "we"]);
const THE_GUEST_OPENS: ReadonlySet<string> = new Set(["let", "you", "me", "us", "can", "could", "may", "would", "will", "do", "how", "when", "is", "are"]);
/** A verb after a subject that makes it the one paying ("my boss is", "my date going to"), or paying said of them ("my buddy paying"). */
const PAYER_VERBS: ReadonlySet<string> = new Set([
  "is", "are", "will", "would", "going", "gonna", "wants", "can", "said", "says", "has", "should", "might", "offered", "insists",
  "picking", "got", "getting", "taking", "covering", "grabbing", "handling",
]);
const PAID_BY: ReadonlySet<string> = new Set(["paying", "pays"]);
/** Words that say where a payer sits or comes from: "Anna from table 3", "the guy at the end". */
const PLACED_AT: ReadonlySet<string> = new Set(["from", "at", "in", "on", "by", "over"]);
/** Words between a payer's verb and paying: "is going to pay", "said he would get the bill", "will sort the bill out". */
const ON_TO_PAYING: ReadonlySet<string> = new Set(["to", "up", "for", "the", "he", "she", "they", "it", "get", "take", "cover", "just", "totally", "definitely", "probably", "been", "be", "kindly", "insisted", "on", "sort", "settle", "handle", "deal", "with", "care", "of"]);
/** Words a clause may open with before its subject. */
const OPENERS: ReadonlySet<string> = new Set([
  "okay", "so", "well", "oh", "alright", "and", "but", "hey", "yeah", "yes", "no", "um", "uh", "right", "then", "anyway", "great",
  "cool", "perfect", "fine", "look", "listen", "actually", "maya", "please", "good", "news",
]);

/**
 * Whether someone other than the guest pays: "my boss is paying", "my date's gonna pay", "she'll
 * settle up", "Sarah's paying". The subject is what comes before the first paying word; the guest
 * ("I", "we", "let me"), an imperative ("check please") or the tab itself ("the bill please") is not
 * someone else.
 */
/** Someone else named as paying, said after something else ("a twenty percent tip, the company's paying anyway", "it's Raj's turn to pay tonight"). */
// ("my company is covering this, I'll send someone over to pay": someone sent to pay, later.)
const SOMEONE_NAMED_PAYING = / (the|my|our|his|her|their) (?!(guest|guests|bill|tab|check)\b)\w+ (is|are|will be) (paying|covering|picking up) | send (someone|somebody|\w+) (over |back |up |round )?to (pay|settle) | (?<!(my|our|your) )(?!(my|our|your)\b)\w+ turn to (pay|settle|buy|get the) /;

/** "they are back", "she is here": someone arrived, told; no payer. */
const ARRIVED = / (is|are) (back|here|outside|done) $/;

/** A paying word naming the kind of person after it: "our charge nurse is paying". */
const namesKindOfPayerAt = (tokens: readonly string[], at: number): boolean =>
  DETERMINERS.has(tokens[at - 1] as string) && tokens[at + 1] !== undefined && !PAYER_VERBS.has(tokens[at + 1] as string) && PAYER_VERBS.has(tokens[at + 2] as string);

function paidBySomeoneElse(tokens: readonly string[]): boolean {
  const payAt = tokens.findIndex((token, at) => (PAYING_WORDS.has(token) && !namesKindOfPayerAt(tokens, at)) || coversThisAt(tokens, at));
  if (payAt < 0) return false;
  if (SOMEONE_NAMED_PAYING.test(` ${tokens.join(" ")} `)) return true;
  let from = 0;
  while (from < payAt && OPENERS.has(tokens[from] as string)) from += 1;
  // "can my sister pay for this one?": asked of someone else, the subject is after the modal.
  const askedOfThem = ASKING_MODALS.has(tokens[from] as string) && !["i", "we", "you"].includes(tokens[from + 1] as string);
  if (askedOfThem) from += 1;
  const subject = tokens.slice(from, payAt);
  const [first, second] = subject;
  // "fine, you're paying tonight then, Margaret": Maya never pays, so "you" paying is someone at the bar.
  if (first === "you" && second === "are" && subject.length === 2 && PAID_BY.has(tokens[payAt] as string)) return true;
  if (first === undefined || THE_GUEST_OPENS.has(first) || subject.some((word) => THE_GUEST_SAYS.has(word))) return false;
  // ("ok they're back close it out": where they are, told, then a command of the guest's own.)
  if (ARRIVED.test(` ${subject.join(" ")} `)) return false;
  if (OTHER_PAYERS.has(first)) return true;
  // ("the game is over, bill please": something else said of the subject, no payer.)
  const verbAt = subject.findIndex((word) => PAYER_VERBS.has(word));
  const toPay = verbAt >= 0 && subject.slice(verbAt + 1).every((word) => PAYER_VERBS.has(word) || ON_TO_PAYING.has(word));
  const saidToPay = askedOfThem || PAID_BY.has(tokens[payAt] as string) || toPay;
  if (DETERMINERS.has(first)) return saidToPay && second !== undefined && !NOT_A_PAYER.has(second);
  // A name, or what the guest calls someone: "Sarah's paying", "John is going to pay", "Dad's paying".
  // ("Anna from table 3 is paying tonight": where they sit, said between, leaves them the one named.)
  const placeAt = subject.findIndex((word, at) => at > 0 && PLACED_AT.has(word));
  const named = placeAt > 0 && verbAt > placeAt ? [...subject.slice(0, placeAt), ...subject.slice(verbAt)] : subject;
  // ("Dr Shah said he's paying": the name is after the title.)
  const titled = TITLES.has(first) && second !== undefined;
  const name = titled ? second : first;
  return saidToPay && named.length <= (titled ? 5 : 4) && /^[a-z]+$/.test(name) && (!isEverydayWord(name) || PERSON_WORDS.has(name));
}
/** Titles said before a name. */
const TITLES: ReadonlySet<string> = new Set(["dr", "doctor", "mr", "mrs", "ms", "miss", "prof", "professor", "sister", "nurse", "father", "coach", "captain", "sir", "madam", "lady", "lord", "uncle", "aunt", "auntie"]);
