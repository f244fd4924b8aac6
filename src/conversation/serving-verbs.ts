/**
 * How a drink is made, said as a verb: "can you shake that martini", "stir the negronis", "double
 * my whiskey". Each is read as the bar's own change, "make that martini shaken", so the readers
 * downstream (a change to drinks on the tab, or to the one just ordered) need no verb list of their own.
 */
import { matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import { readModifierAt } from "./modifiers.js";
import type { Pause, ReadText } from "./normalise.js";

/** Verbs of making a drink, with the serving word they ask for. */
const SERVING_VERBS: ReadonlyMap<string, string> = new Map([
  ["shake", "shaken"],
  ["stir", "stirred"],
  ["double", "double"],
]);
/** Words a serving verb's object starts with: a drink pointed at or owned, or a pronoun for it. */
const POINTERS = new Set(["the", "that", "this", "those", "these", "my", "his", "her", "our", "their", "your"]);
const COUNTS = new Set(["two", "three", "four", "five", "six", "both", "2", "3", "4", "5", "6"]);
const PRONOUNS = new Set(["it", "them", "that", "this", "those", "these", "one"]);
/** What may come right before the verb when it asks: the start, "and", "please", "you" ("can you shake"). */
const BEFORE_THE_VERB = new Set(["and", "please", "you", "also", "then", "just", "now", "so", "oh", "actually"]);

/** Where the object of a serving verb at `position` ends, or null when it has none. */
function objectEnd(tokens: readonly string[], position: number, index: MenuIndex): number | null {
  const first = tokens[position + 1];
  if (first === undefined) return null;
  if (POINTERS.has(first)) {
    // ("the two negronis": how many of them may be said.)
    const at = COUNTS.has(tokens[position + 2] ?? "") ? position + 3 : position + 2;
    const drink = matchMenuAt(tokens, at, index);
    if (drink) return at + drink.length;
  }
  return PRONOUNS.has(first) ? position + 2 : null;
}

/**
 * "do those neat", "can you do the negronis on the rocks": "do" with a drink and how it is to be made
 * is "make" (asked, not a question: "do those come neat?" has a verb of its own, and a question mark
 * keeps it a question).
 */
function doesMaking(tokens: readonly string[], pauses: readonly Pause[], position: number, index: MenuIndex): boolean {
  if (tokens[position] !== "do" || pauses[tokens.length] === "QUESTION") return false;
  const end = objectEnd(tokens, position, index);
  return end !== null && readModifierAt(tokens, end) !== null;
}

export function withServingVerbs(read: ReadText, index: MenuIndex): ReadText {
  const { tokens, pauses } = read;
  if (!tokens.some((token) => SERVING_VERBS.has(token) || token === "do")) return read;
  const out: string[] = [];
  const outPauses: Pause[] = [];
  for (let position = 0; position < tokens.length; position += 1) {
    const token = tokens[position] as string;
    const served = SERVING_VERBS.get(token);
    const asks = position === 0 || pauses[position] !== "NONE" || BEFORE_THE_VERB.has(tokens[position - 1] as string);
    if (asks && doesMaking(tokens, pauses, position, index)) {
      out.push("make");
      outPauses.push(pauses[position] ?? "NONE");
      continue;
    }
    const end = served && asks ? objectEnd(tokens, position, index) : null;
    if (served === undefined || end === null) {
      out.push(token);
      outPauses.push(pauses[position] ?? "NONE");
      continue;
    }
    out.push("make", ...tokens.slice(position + 1, end), served);
    outPauses.push(pauses[position] ?? "NONE", ...pauses.slice(position + 1, end), "NONE");
    position = end - 1;
  }
  outPauses.push(pauses[tokens.length] ?? "NONE");
  return { tokens: out, pauses: outPauses };
}
