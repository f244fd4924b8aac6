/**
 * Grounding: what the words the menu does not hold refer to. A phrase the
 * order parser could not place ("pizza with ham", "glass red wine", "espresso
 * martini") is food, other goods, a garnish, a drink the bar does not pour,
 * or unknown; only a drink gets suggestions, and those come from its family
 * and mood (the menu's tags), with the menu drinks named inside it first.
 * Spelling alone never suggests anything: a typo close enough to a drink is
 * the drink itself (menu-matcher.ts), anything further is not a drink.
 */
import type { MenuCategory, MenuItem } from "../bar/menu-catalog.js";
import { DISH_LINKS, lexiconAt, type LexiconEntry, type LexiconKind } from "./lexicon.js";
import { matchMenuAt, type MenuIndex, type MenuMatch } from "./menu-matcher.js";

export type NotOnMenuKind = LexiconKind | "UNKNOWN";

export interface NotOnMenu {
  kind: NotOnMenuKind;
  /** The words that name it, as said: "red wine" in "glass red wine". */
  said: string;
  /** The menu family of a drink, when it has one. */
  category: MenuCategory | null;
  /** The menu tags a drink shares. */
  moods: readonly string[];
  /** Menu drinks named inside the phrase ("martini" in "espresso martini"): the first suggestions. */
  named: readonly string[];
}

/** A drink the bar does not pour, or words that may name one: anything but food, goods or a garnish. */
export const isDrinkLike = (thing: NotOnMenu): boolean => thing.kind === "DRINK" || thing.kind === "UNKNOWN";

/** Words after which a phrase says what its head comes with: "pizza with ham", "fish and chips". */
const HEAD_ENDS: ReadonlySet<string> = new Set(["with", "without", "and", "on", "in", "plus", "from", "for", "but", "or", "no", ...DISH_LINKS]);

type Mention =
  | { kind: "MENU"; match: MenuMatch; start: number; length: number }
  | { kind: "LEXICON"; entry: LexiconEntry; start: number; length: number };

/** Menu drinks and lexicon phrases in the words, the longer reading first at each place. */
function mentionsIn(tokens: readonly string[], index: MenuIndex): Mention[] {
  const found: Mention[] = [];
  for (let start = 0; start < tokens.length; ) {
    const menu = matchMenuAt(tokens, start, index);
    const known = lexiconAt(tokens, start);
    if (known && known.length >= (menu?.length ?? 0)) {
      found.push({ kind: "LEXICON", entry: known.entry, start, length: known.length });
      start += known.length;
    } else if (menu) {
      found.push({ kind: "MENU", match: menu, start, length: menu.length });
      start += menu.length;
    } else start += 1;
  }
  return found;
}

const kindOf = (mention: Mention): NotOnMenuKind => (mention.kind === "MENU" ? "DRINK" : mention.entry.kind);

/**
 * What a phrase the parser could not place refers to. Its head decides (the last thing named before
 * "with", "and"...: "chocolate milkshake" is a drink, "rum cake" a dish); a garnish only counts
 * when nothing else is named.
 */
export function groundPhrase(phrase: string, index: MenuIndex): NotOnMenu {
  const tokens = phrase.split(" ").filter((token) => token !== "");
  const mentions = mentionsIn(tokens, index);
  const headEnd = tokens.findIndex((token, at) => at > 0 && HEAD_ENDS.has(token));
  const inHead = mentions.filter((mention) => headEnd < 0 || mention.start < headEnd);
  // Every menu drink named anywhere, inside a longer name too ("gin" in "gin and tonic").
  const named = [...new Set(tokens.flatMap((_, at) => {
    const menu = matchMenuAt(tokens, at, index);
    return menu && menu.category === null ? menu.itemIds : [];
  }))];
  const unknown: NotOnMenu = { kind: "UNKNOWN", said: phrase, category: null, moods: [], named };
  const meaningful = (list: Mention[]) => list.filter((mention) => kindOf(mention) !== "GARNISH");
  // A family of drinks ("beer") says less than the drink that qualifies it ("guinness beer").
  const specific = (list: Mention[]) => list.filter((mention) => !(mention.kind === "MENU" && mention.match.category !== null));
  const head = [specific(meaningful(inHead)), meaningful(inHead), specific(meaningful(mentions)), meaningful(mentions), mentions]
    .map((list) => list[list.length - 1])
    .find((mention) => mention !== undefined);
  if (!head) return unknown;
  const said = tokens.slice(head.start, head.start + head.length).join(" ");
  if (head.kind === "LEXICON") {
    const { kind, category, moods } = head.entry;
    // A drink's name is how the guest said it; a dish is the whole phrase ("pizza with ham").
    return { kind, said: kind === "DRINK" ? said : phrase, category, moods, named };
  }
  const items = head.match.itemIds.flatMap((id) => index.byId.get(id) ?? []);
  const [first] = items;
  return {
    kind: "DRINK",
    said: phrase,
    category: head.match.category ?? first?.category ?? null,
    moods: head.match.category === null ? [...new Set(items.flatMap((item) => item.tags))] : [],
    named,
  };
}

/** Words after a drink's name that make it a contest's: "the Manhattan Cup", "the Negroni bracket". */
const CONTESTS = new Set(["cup", "bracket", "tournament", "trophy", "league", "championship", "championships", "competition", "challenge", "festival", "week"]);

/**
 * How many words from `start` name something not on the menu where the menu might be read: a
 * phrase of the lexicon ("gin and tonic", "fish and chips"), a drink naming a dish ("rum cake",
 * "root beer float") or a dish cooked with one ("penne alla vodka"). 0 when there is none.
 */
export function notOnMenuLengthAt(tokens: readonly string[], start: number, index: MenuIndex, menu: MenuMatch | null): number {
  const own = lexiconAt(tokens, start);
  let length = own?.length ?? 0;
  if (menu) {
    const dish = lexiconAt(tokens, start + menu.length);
    if (dish?.entry.kind === "FOOD") length = Math.max(length, menu.length + dish.length);
  }
  if (menu && tokens[start + menu.length] === "and") length = Math.max(length, mixedDrinkLength(tokens, start, index, menu));
  // ("sign me up for the Manhattan Cup bracket": a contest named after a drink is no drink.)
  if (menu && CONTESTS.has(tokens[start + menu.length] as string)) length = Math.max(length, menu.length + 1);
  if (own?.entry.kind === "FOOD" && DISH_LINKS.has(tokens[start + own.length] as string)) {
    const after = start + own.length + 1;
    const cooked = matchMenuAt(tokens, after, index)?.length ?? lexiconAt(tokens, after)?.length ?? 0;
    if (cooked > 0) length = own.length + 1 + cooked;
  }
  return length;
}

const allIn = (match: MenuMatch, category: MenuCategory, index: MenuIndex): boolean =>
  match.category === null && match.itemIds.every((id) => index.byId.get(id)?.category === category);

/**
 * "a bourbon and coke", "vodka and lemonade": a spirit and a soft drink joined with no count or
 * article between them are one mixed drink, which the menu does not hold. 0 when they are not.
 */
function mixedDrinkLength(tokens: readonly string[], start: number, index: MenuIndex, spirit: MenuMatch): number {
  if (!allIn(spirit, "SPIRIT", index)) return 0;
  const after = start + spirit.length + 1;
  const menu = matchMenuAt(tokens, after, index);
  if (menu && allIn(menu, "NON_ALCOHOLIC", index)) return spirit.length + 1 + menu.length;
  const known = lexiconAt(tokens, after);
  return known?.entry.category === "NON_ALCOHOLIC" ? spirit.length + 1 + known.length : 0;
}

/** Points for a menu drink as a suggestion for what was asked: named in it, same family, shared moods. */
function likeness(item: MenuItem, wanted: NotOnMenu): number {
  const named = wanted.named.includes(item.id) ? 4 : 0;
  const family = wanted.category !== null && item.category === wanted.category ? 2 : 0;
  return named + family + wanted.moods.filter((mood) => item.tags.includes(mood)).length;
}

/** Menu drinks to suggest instead of a drink the bar does not pour, best first; none for anything else. */
export function suggestionsFor(wanted: NotOnMenu, index: MenuIndex, limit = 2): MenuItem[] {
  if (wanted.kind !== "DRINK") return [];
  return index.items
    .map((item) => ({ item, score: likeness(item, wanted) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.item.sortOrder - b.item.sortOrder)
    .slice(0, limit)
    .map(({ item }) => item);
}

/** The drinks to suggest for words the menu does not hold: by family and mood, never by spelling. */
export function closestItems(phrase: string, index: MenuIndex, limit = 2): MenuItem[] {
  return suggestionsFor(groundPhrase(phrase, index), index, limit);
}
