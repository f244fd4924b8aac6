/**
 * Finds menu items in normalised tokens: by name, slug, alias, plural, a
 * category word ("a beer" could be any beer) or a small typo ("negorni").
 * The index is built once per menu array and cached by its identity, so a
 * parse only does map look-ups, plus a bounded edit-distance scan for words
 * it does not know.
 */
import { MENU_CATEGORIES, type MenuCategory, type MenuItem, type Modifier } from "../bar/menu-catalog.js";
import { tokenize } from "./normalise.js";
import { MODIFIER_WORDS, readModifierAt } from "./modifiers.js";
import { isNeverATypo } from "./lexicon.js";
import { isEnglishWord } from "./english.js";
import { readNumber } from "./numbers.js";
import { isEverydayWord } from "./vocabulary.js";

export interface MenuMatch {
  /** One id when the words name a single drink; several for a category or an ambiguous typo. */
  itemIds: string[];
  /** Set when the words named a category ("beer", "cocktails"). */
  category: MenuCategory | null;
  /** Modifiers the words imply ("dry martini"), only those the drink accepts. */
  modifiers: Modifier[];
  length: number;
  /** Letters corrected to reach the match; 0 for an exact one. */
  edits: number;
  /** Said in the plural ("cokes", "soft drinks"). */
  plural: boolean;
}

interface Phrase {
  tokens: readonly string[];
  itemIds: readonly string[];
  category: MenuCategory | null;
  modifiers: readonly Modifier[];
  plural: boolean;
  /** A proper name ("Dr Pepper"): read as spelled, never as a typo ("faster" is not Foster's). */
  exact: boolean;
}

export interface MenuIndex {
  readonly items: readonly MenuItem[];
  readonly byId: ReadonlyMap<string, MenuItem>;
  readonly byCategory: ReadonlyMap<MenuCategory, readonly MenuItem[]>;
  /** Longest phrase first within each list. */
  readonly phrasesByFirstToken: ReadonlyMap<string, readonly Phrase[]>;
  /** Single words of an item's name or aliases, for answers like "the tap one" or "classic". */
  readonly itemsByWord: ReadonlyMap<string, readonly string[]>;
  /** Every word of every menu phrase. */
  readonly words: ReadonlySet<string>;
  /** Per unknown word, the first tokens within edit distance: typos repeat, so they are remembered. */
  readonly fuzzyFirstTokens: Map<string, readonly { token: string; edits: number }[]>;
  /**
   * Matches already made, by the words they were made from: an utterance is read several times
   * (clauses, orders, answers) and guests repeat themselves. Results are shared: never mutated.
   */
  readonly matches: Map<string, MenuMatch | null>;
  /** The most words in any menu phrase: how far a match can look ahead. */
  readonly longestPhrase: number;
}

/** How guests name a whole category. */
const CATEGORY_PHRASES: Readonly<Record<MenuCategory, readonly string[]>> = {
  COCKTAIL: ["cocktail", "mixed drink", "something mixed"],
  BEER: ["beer", "brewski", "on tap", "something on tap", "cold one"],
  SPIRIT: ["spirit", "liquor", "hard liquor", "shot", "straight spirit"],
  NON_ALCOHOLIC: [
    "non alcoholic", "non alcoholic drink", "nonalcoholic", "alcohol free", "alcohol free drink", "mocktail",
    "virgin drink", "soft drink option", "zero proof", "non alcoholic option",
  ],
};

/**
 * Single words too generic to pick an item out of a list ("the classic brew" is picked by "classic", not "brew";
 * "one" of "Ketel One" names no vodka alone).
 */
const GENERIC_WORDS = new Set(["beer", "the", "of", "on", "a", "and", "shot", "glass", "drink", "one", "two", "three"]);

const FUZZY_CACHE_LIMIT = 10_000;
/** More corrections than this and a phrase is not a typo any more. */
const MAX_PHRASE_EDITS = 2;

const indexes = new WeakMap<readonly MenuItem[], MenuIndex>();

export function menuIndex(menu: readonly MenuItem[]): MenuIndex {
  let index = indexes.get(menu);
  if (!index) {
    index = buildIndex(menu);
    indexes.set(menu, index);
  }
  return index;
}

export function pluralOf(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|sh|ch|x|z)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** The phrase and then its plurals: the head noun may be last ("tap beers") or first ("beers on tap"). */
function withPlural(tokens: readonly string[]): string[][] {
  const variants = [[...tokens]];
  tokens.forEach((token, position) => {
    // ("two 7 Ups": a short last word of a name is its head noun too; a short word alone is not pluralised.)
    const headOfName = tokens.length > 1 && position === tokens.length - 1 && /^[a-z]+$/.test(token);
    if ((token.length < 3 && !headOfName) || (position > 0 && position < tokens.length - 1)) return;
    for (const plural of new Set([pluralOf(token), `${token}s`])) {
      variants.push(tokens.map((word, at) => (at === position ? plural : word)));
    }
  });
  return variants;
}

function buildIndex(menu: readonly MenuItem[]): MenuIndex {
  const byId = new Map(menu.map((item) => [item.id, item]));
  const byCategory = new Map<MenuCategory, MenuItem[]>(MENU_CATEGORIES.map((category) => [category, []]));
  for (const item of menu) byCategory.get(item.category)?.push(item);

  const phrases = new Map<string, Phrase>();
  const addPhrase = (tokens: string[], itemIds: readonly string[], category: MenuCategory | null, modifiers: Modifier[], plural: boolean, exact = false) => {
    const key = tokens.join(" ");
    const existing = phrases.get(key);
    // Names beat categories; two items sharing a phrase make it ambiguous, and the guest is asked.
    if (existing && existing.category === null && category !== null) return;
    const ids = existing && existing.category === null && category === null ? [...new Set([...existing.itemIds, ...itemIds])] : itemIds;
    phrases.set(key, { tokens, itemIds: ids, category, modifiers, plural: plural || (existing?.plural ?? false), exact: exact && (existing?.exact ?? true) });
  };

  const itemsByWord = new Map<string, string[]>();
  for (const item of menu) {
    const spoken = [item.name, item.id.replace(/-/g, " "), ...item.aliases];
    for (const phrase of spoken) {
      const tokens = tokenize(phrase);
      const implied = tokens.filter((token): token is Modifier => (item.modifiers as string[]).includes(token));
      const properName = phrase !== item.name && /\p{Lu}/u.test(phrase);
      withPlural(tokens).forEach((variant, at) => addPhrase(variant, [item.id], null, implied, at > 0, properName));
      // "oldfashioned", "icedtea": a name of several words typed as one (a tablet's keyboard, a hurry).
      if (tokens.length > 1) withPlural([tokens.join("")]).forEach((variant, at) => addPhrase(variant, [item.id], null, implied, at > 0, properName));
      for (const word of tokens) {
        if (GENERIC_WORDS.has(word) || word.length < 3) continue;
        const ids = itemsByWord.get(word) ?? [];
        if (!ids.includes(item.id)) ids.push(item.id);
        itemsByWord.set(word, ids);
      }
    }
  }
  for (const category of MENU_CATEGORIES) {
    const ids = (byCategory.get(category) ?? []).map((item) => item.id);
    if (ids.length === 0) continue;
    for (const phrase of CATEGORY_PHRASES[category]) {
      withPlural(tokenize(phrase)).forEach((variant, at) => addPhrase(variant, ids, category, [], at > 0));
    }
  }

  const phrasesByFirstToken = new Map<string, Phrase[]>();
  for (const phrase of phrases.values()) {
    const first = phrase.tokens[0] as string;
    const list = phrasesByFirstToken.get(first) ?? [];
    list.push(phrase);
    phrasesByFirstToken.set(first, list);
  }
  for (const list of phrasesByFirstToken.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  const words = new Set([...phrases.values()].flatMap((phrase) => phrase.tokens));
  const longestPhrase = Math.max(1, ...[...phrases.values()].map((phrase) => phrase.tokens.length));
  return { items: menu, byId, byCategory, phrasesByFirstToken, itemsByWord, words, fuzzyFirstTokens: new Map(), matches: new Map(), longestPhrase };
}

/**
 * Two neighbouring letters swapped ("pespi"): the one slip of the fingers a proper name is read
 * through, since it almost never makes another word.
 */
function transposed(word: string, target: string): boolean {
  if (word.length !== target.length) return false;
  let at = 0;
  while (at < word.length && word[at] === target[at]) at += 1;
  return at < word.length - 1 && word[at] === target[at + 1] && word[at + 1] === target[at] && word.slice(at + 2) === target.slice(at + 2);
}

/** Edits allowed for a word of this length: none for short words, where one letter changes the word. */
function editBudget(length: number): number {
  if (length < 4) return 0;
  return length < 7 ? 1 : 2;
}

/** Optimal string alignment distance (a swap of neighbours is one edit), giving up above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] as number) + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Edits needed to read `word` as `target`, or null when it is not a plausible typo of it. Inside a
 * longer phrase whose first word matched, a short word may carry one typo too ("ice tee").
 */
function typoEdits(word: string, target: string, withinPhrase = false, counted = false): number | null {
  if (word === target) return 0;
  if (isEverydayWord(word) || isNeverATypo(word) || /\d/.test(word)) return null;
  // An English word may stand for a drink's word only inside a phrase begun right ("ice tee") or
  // right after a count of drinks ("three larger").
  if (!withinPhrase && !counted && isEnglishWord(word)) return null;
  const shortest = Math.min(word.length, target.length);
  const budget = withinPhrase && shortest === 3 ? 1 : Math.min(editBudget(word.length), editBudget(target.length));
  if (budget === 0) return null;
  const edits = editDistance(word, target, budget);
  if (edits <= budget) return edits;
  // "tekila", "manhatin": spelled as said, more letters off than a typo but the same sounds.
  return shortest >= MIN_SOUNDED && soundKey(word) === soundKey(target) ? budget : null;
}

/** Each word's sound key, worked out once: thirteen replacements are dear next to a look-up. */
const soundKeys = new Map<string, string>();
/** Words shorter than this are too short to match by their sounds ("rim" is no "rum"). */
const MIN_SOUNDED = 5;
const SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/ph/g, "f"], [/qu/g, "k"], [/ck/g, "k"], [/c(?=[eiy])/g, "s"], [/c/g, "k"], [/q/g, "k"], [/x/g, "ks"], [/z/g, "s"],
  [/wh/g, "w"], [/gh/g, "g"], [/(?<=[^aeiouy])h/g, ""], [/[aeiouy]+/g, "a"], [/(.)\1+/g, "$1"],
];

/**
 * How a word sounds, roughly: spellings of one sound made one ("qu" and "k", "ph" and "f"), every
 * run of vowels one vowel, doubled letters single, a silent final "e" gone. "tekila" and "tequila"
 * sound alike; "martin" and "martini" do not (the final vowel is heard).
 */
export function soundKey(word: string): string {
  const known = soundKeys.get(word);
  if (known !== undefined) return known;
  let key = word.length > 3 && word.endsWith("e") ? word.slice(0, -1) : word;
  for (const [spelling, sound] of SPELLINGS) key = key.replace(spelling, sound);
  if (soundKeys.size >= FUZZY_CACHE_LIMIT) soundKeys.clear();
  soundKeys.set(word, key);
  return key;
}

function fuzzyFirstTokens(index: MenuIndex, word: string, counted: boolean): readonly { token: string; edits: number }[] {
  const key = counted ? `#${word}` : word;
  const cached = index.fuzzyFirstTokens.get(key);
  if (cached) return cached;
  const found: { token: string; edits: number }[] = [];
  // (What typoEdits rules out for the word alone, ruled out once, not once per first word.)
  const mayBeATypo = !isEverydayWord(word) && !isNeverATypo(word) && !/\d/.test(word) && (counted || !isEnglishWord(word));
  if (mayBeATypo) for (const token of index.phrasesByFirstToken.keys()) {
    const edits = token === word ? null : typoEdits(word, token, false, counted);
    if (edits !== null) found.push({ token, edits });
  }
  if (index.fuzzyFirstTokens.size >= FUZZY_CACHE_LIMIT) index.fuzzyFirstTokens.clear();
  index.fuzzyFirstTokens.set(key, found);
  return found;
}

/**
 * Brands known by a short name that is also a name or a word ("thanks, bud", "Jack's buying"): a
 * drink only when counted ("a Bud", "two Jacks on the rocks"), as the brand's full name.
 */
const SHORT_BRAND_NAMES: ReadonlyMap<string, string> = new Map(
  [["bud", "budweiser"], ["jack", "jack daniels"], ["crown", "crown royal"], ["captain", "captain morgan"], ["stella", "stella artois"]].flatMap(([short, full]) => [
    [short as string, full as string],
    [`${short}s`, full as string],
  ]),
);

/** "a pint of IPA", "two cans of coke": the container is not a drink of its own when a drink follows. */
export const CONTAINERS: ReadonlySet<string> = new Set(
  [
    "glass", "pint", "shot", "bottle", "cup", "round", "can", "jug", "pitcher", "serving", "order", "carafe", "mug", "liter",
    "litre", "bucket", "pack", "case", "bag", "bowl", "plate", "basket", "box", "slice", "piece", "side", "portion",
  ].flatMap((container) => [container, `${container}s`, `${container}es`]),
);

/** Counts said with "of": "a couple of Buds", "a round of Jacks". */
const COUNTS_OF = new Set(["couple", "pair", "round", "bunch", "dozen", "few"]);

/** Words that count the brand before it: "a Bud", "another Bud", "a second Bud", "one more Bud". */
const COUNTING_WORDS = new Set(["a", "an", "another", "second", "third", "fourth", "fifth", "more"]);

function shortBrandAt(tokens: readonly string[], start: number, brand: string, index: MenuIndex): MenuMatch | null {
  const named = matchWordsAt(tokens, start, tokens[start] as string, index);
  if (named) return named;
  // ("never mind the Bud": the beer, said with "the", as no friend is.)
  // ("a bottle of Bud", "two shots of Jack", "a couple of Buds": a container or a count with "of" counts it as well.)
  const counted =
    (start > 0 || tokens[start + 1] !== undefined) &&
    (COUNTING_WORDS.has(tokens[start - 1] as string) ||
      readNumber(tokens, start - 1) !== null ||
      (brand === "budweiser" && tokens[start - 1] === "the") ||
      // ("Stella please", "Bud for me": said first with nothing but courtesy after it.)
      (start === 0 && ["please", "for", "thanks", "and"].includes(tokens[start + 1] ?? "")) ||
      (tokens[start - 1] === "of" && (CONTAINERS.has(tokens[start - 2] ?? "") || COUNTS_OF.has(tokens[start - 2] ?? "") || readNumber(tokens, start - 2) !== null)));
  const full = tokenize(brand);
  const match = counted ? matchWordsAt(full, 0, full[0] as string, index) : null;
  return match ? { ...match, length: 1, plural: (tokens[start] as string).endsWith("s") } : null;
}

/** What may follow a drink counted and misspelt: nothing, or words that end an order. */
const ENDS_A_COUNTED_DRINK = new Set(["", "please", "and", "thanks", "for", "with", "then", "too", "now", "mate", "love"]);

/**
 * The best menu phrase starting at `start`: the longest, then the one with
 * fewest corrections. Exact phrases are tried first; a word the bar does not
 * know may also be read as a typo of a phrase's first word.
 */
export function matchMenuAt(tokens: readonly string[], start: number, index: MenuIndex): MenuMatch | null {
  const word = tokens[start];
  if (word === undefined) return null;
  // The stages of one reading scan the same words many times (tags, clauses, orders): each position is
  // matched once per token list. (Lists are built whole, then only read; one that grew is matched afresh.)
  const memo = matchesOf(tokens, index);
  const known = memo.matches[start];
  if (known !== undefined) return known;
  const brand = SHORT_BRAND_NAMES.get(word);
  const found = brand === undefined ? matchWordsAt(tokens, start, word, index) : shortBrandAt(tokens, start, brand, index);
  memo.matches[start] = found;
  return found;
}

interface MatchMemo {
  tokens: readonly string[];
  index: MenuIndex;
  matches: (MenuMatch | null | undefined)[];
}
/**
 * The token lists matched last, the latest first. One reading matches a few lists (the utterance's, its
 * clauses'), each many times over: comparing a few references finds a list's memo for less than a
 * WeakMap, whose entries also cost the garbage collector.
 */
const RECENT_LISTS = 16;
const recentMemos: MatchMemo[] = [];
function matchesOf(tokens: readonly string[], index: MenuIndex): MatchMemo {
  for (let at = 0; at < recentMemos.length; at += 1) {
    const memo = recentMemos[at] as MatchMemo;
    if (memo.tokens !== tokens || memo.index !== index || memo.matches.length !== tokens.length) continue;
    if (at > 0) {
      recentMemos.splice(at, 1);
      recentMemos.unshift(memo);
    }
    return memo;
  }
  const memo: MatchMemo = { tokens, index, matches: new Array<MenuMatch | null | undefined>(tokens.length) };
  recentMemos.unshift(memo);
  if (recentMemos.length > RECENT_LISTS) recentMemos.pop();
  return memo;
}

function matchWordsAt(tokens: readonly string[], start: number, word: string, index: MenuIndex): MenuMatch | null {
  const split = splitWordAt(tokens, start, word, index);
  if (split) return split;
  // Most words start no phrase and cannot be a typo of one (short, everyday or with digits): no look-up.
  if (!index.phrasesByFirstToken.has(word) && (word.length < 4 || /\d/.test(word) || isEverydayWord(word) || isNeverATypo(word))) return null;
  // The words a match can depend on: the phrase's length, and one more (a typo before an unknown word),
  // and whether a count comes before it.
  // ...and ends the phrase: "three larger please" is lager, "two pink drinks" no pint.
  // ("a larger please", "another larger for my mate": an article counts it too.)
  // ("a pint of larger": a container counts it as well.)
  // ("the skipper of Seven Seas": a number after "of" names a boat or a band, no count that corrects a word.)
  const counted =
    start > 0 &&
    ((readNumber(tokens, start - 1) !== null && tokens[start - 2] !== "of") || COUNTING_WORDS.has(tokens[start - 1] as string) || (tokens[start - 1] === "of" && CONTAINERS.has(tokens[start - 2] ?? ""))) &&
    // ("a jamison on the rocks": how it is made may follow the drink counted and misspelt too.)
    (ENDS_A_COUNTED_DRINK.has(tokens[start + 1] ?? "") || readModifierAt(tokens, start + 1) !== null);
  let key = counted ? `#${word}` : word;
  for (let offset = 1; offset <= index.longestPhrase && start + offset < tokens.length; offset += 1) key += ` ${tokens[start + offset]}`;
  const known = index.matches.get(key);
  if (known !== undefined) return known;
  const found = findMenuAt(tokens, start, index, word, counted);
  if (index.matches.size >= FUZZY_CACHE_LIMIT) index.matches.clear();
  index.matches.set(key, found);
  return found;
}

/**
 * "a man hatten", "negro ni": one drink's name heard or typed as two words, one of them no English
 * word. Read as the name said whole, exactly or with one slip.
 */
function splitWordAt(tokens: readonly string[], start: number, word: string, index: MenuIndex): MenuMatch | null {
  const next = tokens[start + 1];
  if (next === undefined || word.length + next.length < 6) return null;
  // ("a cosmo politan up": a name of its own, then the rest of a longer one, no English word, is that one said whole.)
  if (index.phrasesByFirstToken.has(word) && index.phrasesByFirstToken.has(word + next) && !isEnglishWord(next) && !index.phrasesByFirstToken.has(next)) {
    const whole = findMenuAt([word + next, ...tokens.slice(start + 2)], 0, index, word + next, false);
    return whole && whole.edits === 0 ? { ...whole, length: whole.length + 1 } : null;
  }
  // Most pairs are ruled out by a look-up: either word starts a name of its own ("a cosmo").
  if (index.phrasesByFirstToken.has(word) || index.phrasesByFirstToken.has(next)) return null;
  const joined = word + next;
  // (Two English words are two words, whatever they sound like together: "last call is", "with it".)
  if (/\d/.test(joined) || (isEnglishWord(word) && isEnglishWord(next))) return null;
  const rest = [joined, ...tokens.slice(start + 2)];
  const found = index.phrasesByFirstToken.has(joined) || fuzzyFirstTokens(index, joined, false).length > 0 ? findMenuAt(rest, 0, index, joined, false) : null;
  // ("lemon aid": more than one letter off, but said as the word sounds.)
  const closeEnough = found !== null && (found.edits <= 1 || soundsLikeAFirstWord(joined, index));
  return found && closeEnough ? { ...found, length: found.length + 1 } : null;
}

/** The first words of the menu's phrases by how they sound. */
const FIRST_WORDS_BY_SOUND = new WeakMap<MenuIndex, ReadonlySet<string>>();
function soundsLikeAFirstWord(word: string, index: MenuIndex): boolean {
  let sounds = FIRST_WORDS_BY_SOUND.get(index);
  if (!sounds) {
    sounds = new Set([...index.phrasesByFirstToken.keys()].filter((token) => token.length >= MIN_SOUNDED).map(soundKey));
    FIRST_WORDS_BY_SOUND.set(index, sounds);
  }
  return word.length >= MIN_SOUNDED && sounds.has(soundKey(word));
}

/** Brand names this long are seldom another word one letter away: a counted one may be misspelt by a letter. */
const MIN_LONG_NAME = 7;

function findMenuAt(tokens: readonly string[], start: number, index: MenuIndex, word: string, counted: boolean): MenuMatch | null {
  let best: MenuMatch | null = null;
  const consider = (phrase: Phrase, firstEdits: number) => {
    // A brand's name is matched as spelt, but for letters swapped; counted, a long one may be off by one letter ("a heiniken").
    const name = phrase.tokens[0] as string;
    const slipOfALongName = counted && firstEdits === 1 && phrase.tokens.length === 1 && Math.min(word.length, name.length) >= MIN_LONG_NAME && editDistance(word, name, 1) === 1;
    if (phrase.exact && firstEdits > 0 && !transposed(word, name) && !slipOfALongName) return;
    let edits = firstEdits;
    for (let offset = 1; offset < phrase.tokens.length; offset += 1) {
      const said = tokens[start + offset];
      if (said === undefined) return;
      const tokenEdits = typoEdits(said, phrase.tokens[offset] as string, true);
      if (tokenEdits === null || (phrase.exact && tokenEdits > 0 && !transposed(said, phrase.tokens[offset] as string))) return;
      edits += tokenEdits;
    }
    if (edits > MAX_PHRASE_EDITS) return;
    const length = phrase.tokens.length;
    if (best && (length < best.length || (length === best.length && edits > best.edits))) return;
    if (best && length === best.length && edits === best.edits) {
      // Equally good readings of different drinks: keep both and let the guest choose.
      if (best.category !== null || phrase.category !== null) return;
      best = { ...best, itemIds: [...new Set([...best.itemIds, ...phrase.itemIds])] };
      return;
    }
    best = { itemIds: [...phrase.itemIds], category: phrase.category, modifiers: [...phrase.modifiers], length, edits, plural: phrase.plural };
  };
  for (const phrase of index.phrasesByFirstToken.get(word) ?? []) consider(phrase, 0);
  if (!best) {
    for (const { token, edits } of fuzzyFirstTokens(index, word, counted)) {
      for (const phrase of index.phrasesByFirstToken.get(token) ?? []) consider(phrase, edits);
    }
  }
  const found = best as MenuMatch | null;
  // A corrected word followed by another unknown one is more likely part of a drink we do not
  // serve ("pina colada" is not a misspelt "pint") than a typo.
  if (found && found.edits > 0 && isUnknownWord(tokens[start + found.length], index)) return null;
  // "a negroni for martin": after "for", a word a letter off a drink is whom it is for, not another drink.
  // ("fifty lemonades for the daters": so it is after "for the", "for my".)
  const placedAt = WHOSE_WORDS.has(tokens[start - 1] ?? "") ? start - 2 : start - 1;
  if (found && found.edits > 0 && !counted && (tokens[placedAt] === "for" || tokens[placedAt] === "with")) return null;
  return found;
}

/** Words between "for" and whom a drink is for: "for the daters", "for my nan". */
const WHOSE_WORDS = new Set(["the", "my", "our", "his", "her", "their", "these", "those", "all", "both"]);

function isUnknownWord(word: string | undefined, index: MenuIndex): boolean {
  // ("lemonaid x2": the typed multiplication sign is no word.)
  return word !== undefined && word !== "x" && !isEverydayWord(word) && !index.words.has(word) && !MODIFIER_WORDS.has(word) && !/\d/.test(word);
}

const FUNCTION_WORDS = new Set(["from", "the", "of", "on", "in", "a", "an", "with", "and", "or", "to", "for", "at", "by", "off", "up"]);

/** Items among `candidates` named by single words of the answer ("the tap one", "classic"). */
export function itemsNamedByWords(tokens: readonly string[], candidates: readonly string[], index: MenuIndex): string[] {
  const named = new Set<string>();
  for (const token of tokens) {
    // ("she's flying in from Denver": "from" of "beer from the tap" names no beer.)
    if (FUNCTION_WORDS.has(token)) continue;
    for (const id of index.itemsByWord.get(token) ?? []) if (candidates.includes(id)) named.add(id);
  }
  return [...named];
}
