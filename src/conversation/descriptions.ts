/**
 * Drinks ordered by what is in them rather than by name: "the rum and lime one", "that one with gin,
 * Campari and sweet vermouth", "the one with the olives, dirty please" (a guest who cannot read the
 * board, or forgot the name). The words said are matched against each drink's own description on the
 * menu (a spirit said by any of its names counts as that spirit), and the phrase is read as the one
 * drink they fit best, "a daiquiri", so every reader downstream sees a drink named. Nothing is guessed:
 * two drinks that fit as well, or a single word that fits several, leave the words as they were.
 */
import type { MenuItem } from "../bar/menu-catalog.js";
import { matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import { readModifierAt } from "./modifiers.js";
import { tokenize, type Pause, type ReadText } from "./normalise.js";

/** What a description is made of, per drink: its ingredients and describing words, spirits by id. */
interface Described {
  item: MenuItem;
  words: ReadonlySet<string>;
}

/** Words of a description that say how a drink is served, not what is in it (read as modifiers elsewhere). */
const SERVING_WORDS = new Set(["neat", "rocks", "shaken", "stirred", "served", "up", "twist", "ice", "over", "cold", "house", "our", "made", "full", "big"]);
/** Words that join the describing words of one phrase: "rum and lime", "with a cherry", "a bit of sugar". */
const LINKS = new Set(["and", "the", "a", "an", "some", "of", "with", "little", "bit", "touch", "splash", "in", "it", "like", "or"]);
/** Words that end the phrase: "the one with the cranberry, please", "... for my wife". */
const ENDS = new Set(["please", "thanks", "cheers", "for", "then", "now", "mate", "too", "also", "but", "so", "because", "if", "when"]);
/** Words that open the phrase: "the ... one", "that one with ...". */
const OPENERS = new Set(["the", "that", "this"]);
/** Words that stand for the drink in such a phrase. */
const HEADS = new Set(["one", "drink", "cocktail"]);
const LONGEST_PHRASE = 10;
/** How a drink looks, which no description says: neither for it nor against it. */
const COLOURS = new Set(["pink", "red", "green", "orange", "brown", "clear", "golden", "dark", "light", "white", "yellow", "purple", "blue", "fizzy", "bubbly"]);

const cache = new WeakMap<MenuIndex, readonly Described[]>();

/** "olives" is "olive", "cherries" is "cherry". */
function singular(word: string): string {
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("s") && !word.endsWith("ss") && word.length > 3) return word.slice(0, -1);
  return word;
}

/** A word as the description reader compares it: a spirit by its item id, anything else singular. */
function term(tokens: readonly string[], at: number, index: MenuIndex): { term: string; length: number } | null {
  const drink = matchMenuAt(tokens, at, index);
  // (Only as spelled: "pink" is no "pint" here.)
  if (drink && drink.itemIds.length === 1 && drink.edits === 0) return { term: `#${drink.itemIds[0] as string}`, length: drink.length };
  const word = tokens[at] as string;
  if (word.length < 3 || LINKS.has(word) || SERVING_WORDS.has(word) || HEADS.has(word)) return null;
  return { term: singular(word), length: 1 };
}

function describedDrinks(index: MenuIndex): readonly Described[] {
  const known = cache.get(index);
  if (known) return known;
  const described = index.items.map((item) => {
    const tokens = tokenize(item.description);
    const words = new Set<string>();
    for (let at = 0; at < tokens.length; ) {
      const read = term(tokens, at, index);
      if (read) words.add(read.term);
      at += read?.length ?? 1;
    }
    for (const tag of item.tags) words.add(singular(tag));
    return { item, words };
  });
  cache.set(index, described);
  return described;
}

/** The one drink the terms fit best, with two terms at least or one no other drink has; else null. */
function bestFit(terms: readonly string[], index: MenuIndex): MenuItem | null {
  const drinks = describedDrinks(index);
  const known = terms.filter((said) => drinks.some(({ words }) => words.has(said)));
  // ("the old Kingston Trio one": a word no drink is described by says it is something else.)
  if (known.length === 0 || terms.some((said) => !known.includes(said) && !COLOURS.has(said))) return null;
  const scored = drinks.map(({ item, words }) => ({ item, score: known.filter((said) => words.has(said)).length })).sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score === 0 || (second && second.score === best.score)) return null;
  const bestWords = drinks.find(({ item }) => item === best.item)?.words;
  const unique = known.some((said) => bestWords?.has(said) && drinks.filter(({ words }) => words.has(said)).length === 1);
  return best.score >= 2 || unique ? best.item : null;
}

/** The describing terms from `from` on, and where they end: describing words and the words that join them. */
function termsFrom(tokens: readonly string[], pauses: readonly Pause[], from: number, index: MenuIndex): { terms: string[]; end: number } {
  const terms: string[] = [];
  let at = from;
  let end = from;
  while (at < tokens.length && at - from < LONGEST_PHRASE) {
    if (at > from && (pauses[at] === "STOP" || pauses[at] === "QUESTION")) break;
    const word = tokens[at] as string;
    if (readModifierAt(tokens, at) !== null || HEADS.has(word) || ENDS.has(word)) break;
    const read = term(tokens, at, index);
    if (read) {
      terms.push(read.term);
      at += read.length;
      end = at;
    } else if (LINKS.has(word)) at += 1;
    else break;
  }
  return { terms, end };
}

/** The drink a description phrase starting at `start` names, and where the phrase ends; or null. */
function describedAt(tokens: readonly string[], pauses: readonly Pause[], start: number, index: MenuIndex): { item: MenuItem; end: number } | null {
  if (!OPENERS.has(tokens[start] as string)) return null;
  // "the rum and lime one": the words before the head...
  const before = termsFrom(tokens, pauses, start + 1, index);
  const headAt = before.end < tokens.length && HEADS.has(tokens[before.end] as string) ? before.end : start + 1 < tokens.length && HEADS.has(tokens[start + 1] as string) ? start + 1 : -1;
  if (headAt < 0 || (headAt !== start + 1 && before.terms.length === 0)) return null;
  // ...and "with the cranberry", "that has bitters in it", "made with rye" after it.
  let after = { terms: [] as string[], end: headAt + 1 };
  const linked = ["with", "that", "made"].includes(tokens[headAt + 1] as string);
  if (linked) {
    let from = headAt + 2;
    while (["has", "have", "is", "with", "tastes", "taste"].includes(tokens[from] as string)) from += 1;
    after = termsFrom(tokens, pauses, from, index);
    if (after.terms.length === 0) after.end = headAt + 1;
  }
  const terms = [...(headAt === start + 1 ? [] : before.terms), ...after.terms];
  // A drink named alone ("the lager one") is already named: nothing to read.
  if (terms.length === 0 || (terms.length === 1 && terms[0]?.startsWith("#"))) return null;
  const item = bestFit(terms, index);
  return item ? { item, end: after.end } : null;
}

/** The text with each drink described by what is in it said by its name ("a daiquiri"). */
export function withDescribedDrinks(read: ReadText, index: MenuIndex): ReadText {
  const { tokens, pauses } = read;
  if (!tokens.some((token) => HEADS.has(token))) return read;
  const out: string[] = [];
  const outPauses: Pause[] = [];
  for (let position = 0; position < tokens.length; position += 1) {
    const described = describedAt(tokens, pauses, position, index);
    if (!described) {
      out.push(tokens[position] as string);
      outPauses.push(pauses[position] ?? "NONE");
      continue;
    }
    const name = tokenize(described.item.name);
    const article = /^[aeiou]/.test(name[0] as string) ? "an" : "a";
    out.push(article, ...name);
    outPauses.push(pauses[position] ?? "NONE", ...name.map((): Pause => "NONE"));
    position = described.end - 1;
  }
  outPauses.push(pauses[tokens.length] ?? "NONE");
  return { tokens: out, pauses: outPauses };
}
