/**
 * A drink given a name of the guests' own in the same breath: "we call the cosmo a pink nuke, so one
 * pink nuke please", "three mana potions, which is what our guild calls your lagers". The naming is
 * read as what it is, a definition (it asks for nothing and is taken out), and the nickname wherever
 * else it is said is read as the drink it names, so the order reads "so one cosmo please".
 */
import { matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import type { Pause, ReadText } from "./normalise.js";

const CALLING = new Set(["call", "calls"]);
const DETERMINERS = new Set(["the", "a", "an", "your", "our", "my", "their", "his", "her", "those", "these"]);
/** Words that end a nickname said after the drink: "a pink nuke, so...", "a pink nuke and...". */
const NICKNAME_ENDS = new Set(["so", "and", "but", "please", "then", "because", "cause", "which", "for"]);
const LONGEST_NICKNAME = 3;
/** Words no nickname is made of: counts and the words around an order. */
const NOT_A_NAME = new Set(["one", "two", "three", "four", "five", "six", "some", "a", "an", "the", "of", "please", "another", "more"]);

interface Naming {
  /** The span of the definition, taken out. */
  start: number;
  end: number;
  nickname: string[];
  drink: string[];
}

/** "we call the cosmo a pink nuke": the naming verb, the drink, then its nickname. */
function namedAfter(tokens: readonly string[], pauses: readonly Pause[], at: number, index: MenuIndex): Naming | null {
  let drinkAt = at + 1;
  if (DETERMINERS.has(tokens[drinkAt] ?? "")) drinkAt += 1;
  const drink = matchMenuAt(tokens, drinkAt, index);
  if (!drink || drink.category !== null) return null;
  let nameAt = drinkAt + drink.length;
  if (DETERMINERS.has(tokens[nameAt] ?? "")) nameAt += 1;
  let end = nameAt;
  while (end < tokens.length && end - nameAt < LONGEST_NICKNAME && (end === nameAt || pauses[end] === "NONE") && !NICKNAME_ENDS.has(tokens[end] as string)) end += 1;
  const nickname = tokens.slice(nameAt, end);
  if (nickname.length === 0 || nickname.some((word) => NOT_A_NAME.has(word)) || matchMenuAt(tokens, nameAt, index)) return null;
  // The subject of "call" goes too: "we", "our guild", "the regulars".
  let start = at;
  while (start > 0 && at - start < 3 && pauses[start] === "NONE" && !NICKNAME_ENDS.has(tokens[start - 1] as string)) start -= 1;
  return { start, end, nickname, drink: tokens.slice(drinkAt, drinkAt + drink.length) as string[] };
}

/** "three mana potions, which is what our guild calls your lagers": the nickname said first. */
function namedBefore(tokens: readonly string[], at: number, index: MenuIndex): Naming | null {
  const whichAt = tokens.lastIndexOf("which", at);
  if (whichAt < 1 || tokens[whichAt + 1] !== "is" || tokens[whichAt + 2] !== "what" || at - whichAt > 6) return null;
  let drinkAt = at + 1;
  if (DETERMINERS.has(tokens[drinkAt] ?? "")) drinkAt += 1;
  const drink = matchMenuAt(tokens, drinkAt, index);
  if (!drink || drink.category !== null) return null;
  let nameStart = whichAt;
  while (nameStart > 0 && whichAt - nameStart < LONGEST_NICKNAME && !NOT_A_NAME.has(tokens[nameStart - 1] as string) && !matchMenuAt(tokens, nameStart - 1, index)) nameStart -= 1;
  const nickname = tokens.slice(nameStart, whichAt);
  if (nickname.length === 0) return null;
  return { start: whichAt, end: drinkAt + drink.length, nickname, drink: tokens.slice(drinkAt, drinkAt + drink.length) as string[] };
}

/** Where the words of `nickname` (or their plural) are said from `at`, and how many tokens they take. */
function nicknameAt(tokens: readonly string[], at: number, nickname: readonly string[]): boolean {
  return nickname.every((word, offset) => {
    const said = tokens[at + offset];
    return said === word || (offset === nickname.length - 1 && (said === `${word}s` || `${said}s` === word));
  });
}

export function withNicknames(read: ReadText, index: MenuIndex): ReadText {
  const { tokens, pauses } = read;
  const callAt = tokens.findIndex((token) => CALLING.has(token));
  if (callAt < 0) return read;
  const naming = namedAfter(tokens, pauses, callAt, index) ?? namedBefore(tokens, callAt, index);
  if (!naming) return read;
  const out: string[] = [];
  const outPauses: Pause[] = [];
  for (let position = 0; position < tokens.length; position += 1) {
    if (position >= naming.start && position < naming.end) continue;
    if (nicknameAt(tokens, position, naming.nickname)) {
      out.push(...naming.drink);
      outPauses.push(pauses[position] ?? "NONE", ...naming.drink.slice(1).map((): Pause => "NONE"));
      position += naming.nickname.length - 1;
      continue;
    }
    out.push(tokens[position] as string);
    outPauses.push(pauses[position] ?? "NONE");
  }
  outPauses.push(pauses[tokens.length] ?? "NONE");
  return { tokens: out, pauses: outPauses };
}
