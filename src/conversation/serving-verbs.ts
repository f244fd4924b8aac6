/**
 * How a drink is made, said as a verb: "can you shake that martini", "stir the negronis", "double
 * my whiskey". Each is read as the bar's own change, "make that martini shaken", so the readers
 * downstream (a change to drinks on the tab, or to the one just ordered) need no verb list of their own.
 */
import { matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import type { Pause, ReadText } from "./normalise.js";

/** Verbs of making a drink, with the serving word they ask for. */
const SERVING_VERBS: ReadonlyMap<string, string> = new Map([
  ["shake", "shaken"],
  ["stir", "stirred"],
  ["double", "double"],
]);
/** Words a serving verb's object starts with: a drink pointed at or owned, or a pronoun for it. */
const POINTERS = new Set(["the", "that", "this", "those", "these", "my", "his", "her", "our", "their", "your"]);
const PRONOUNS = new Set(["it", "them", "that", "this", "those", "these", "one"]);
/** What may come right before the verb when it asks: the start, "and", "please", "you" ("can you shake"). */
const BEFORE_THE_VERB = new Set(["and", "please", "you", "also", "then", "just", "now", "so", "oh"]);

/** Where the object of a serving verb at `position` ends, or null when it has none. */
function objectEnd(tokens: readonly string[], position: number, index: MenuIndex): number | null {
  const first = tokens[position + 1];
  if (first === undefined) return null;
  if (POINTERS.has(first)) {
    const drink = matchMenuAt(tokens, position + 2, index);
    if (drink) return position + 2 + drink.length;
  }
  return PRONOUNS.has(first) ? position + 2 : null;
}

export function withServingVerbs(read: ReadText, index: MenuIndex): ReadText {
  const { tokens, pauses } = read;
  if (!tokens.some((token) => SERVING_VERBS.has(token))) return read;
  const out: string[] = [];
  const outPauses: Pause[] = [];
  for (let position = 0; position < tokens.length; position += 1) {
    const token = tokens[position] as string;
    const served = SERVING_VERBS.get(token);
    const asks = position === 0 || pauses[position] !== "NONE" || BEFORE_THE_VERB.has(tokens[position - 1] as string);
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
