/**
 * Modifiers as guests say them ("rocks", "with ice", "straight up", "extra
 * dirty") read into the bar's canonical spellings, and the checks a bartender
 * makes before pouring: does this drink take that modifier, do two of them
 * contradict each other, is the serving choice (neat or on the rocks) missing.
 */
import { EXCLUSIVE_MODIFIER_GROUPS, MODIFIERS, type MenuItem, type Modifier } from "../bar/menu-catalog.js";

export interface ModifierRead {
  modifier: Modifier;
  /**
   * Said in passing rather than asked for ("no ice" reads as neat): dropped
   * quietly when the drink does not take it, instead of refusing the order.
   */
  soft: boolean;
  length: number;
}

interface ModifierPhrase {
  tokens: readonly string[];
  modifier: Modifier;
  soft: boolean;
}

const SPOKEN_MODIFIERS: ReadonlyArray<readonly [Modifier, readonly string[], (readonly string[])?]> = [
  ["shaken", ["shaken", "shake it", "shaken not stirred", "shaken hard", "hard shaken", "well shaken"]],
  ["stirred", ["stirred", "stir it", "stirred not shaken", "stirred down", "well stirred"]],
  ["neat", ["neat", "straight", "straight no ice", "served neat"], ["no ice", "without ice", "hold the ice", "with no ice"]],
  [
    "on the rocks",
    [
      "on the rocks", "on rocks", "rocks", "with ice", "on ice", "over ice", "over the rocks", "with rocks", "iced", "ice", "some ice", "on the rock", "over the rock", "on the rox", "rox", "rock",
      "served on the rocks", "served over ice", "served on ice",
    ],
  ],
  // "straight up" is a martini served up, but to many guests a spirit served neat: only a hint.
  ["up", ["served up", "up"], ["straight up"]],
  ["dry", ["dry", "extra dry", "bone dry"]],
  ["dirty", ["dirty", "extra dirty", "filthy"]],
  ["perfect", ["perfect"]],
  [
    "with a twist",
    [
      "with a twist", "with twist", "a twist", "twist", "with a lemon twist", "lemon twist", "orange twist", "twist of lemon", "with a twist of lemon",
      "with an orange twist", "an orange twist", "a lemon twist", "with a twist of orange", "twist of orange", "with an orange peel", "orange peel", "lemon peel",
    ],
  ],
  ["with a chaser", ["with a chaser", "chaser", "a chaser", "with a beer chaser", "beer chaser", "with a water chaser", "with chasers", "chasers", "with beer chasers"]],
  ["double", ["double", "doubles", "doubled", "make it a double", "a double shot", "double shot"]],
];

const PHRASES_BY_FIRST_TOKEN: ReadonlyMap<string, readonly ModifierPhrase[]> = (() => {
  const byFirst = new Map<string, ModifierPhrase[]>();
  for (const [modifier, phrases, softPhrases = []] of SPOKEN_MODIFIERS) {
    const entries = [
      ...phrases.map((phrase) => ({ phrase, soft: false })),
      ...softPhrases.map((phrase) => ({ phrase, soft: true })),
    ];
    for (const { phrase, soft } of entries) {
      const tokens = phrase.split(" ");
      const first = tokens[0] as string;
      const list = byFirst.get(first) ?? [];
      list.push({ tokens, modifier, soft });
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return byFirst;
})();

/** Every word that appears in a way of saying a modifier. */
export const MODIFIER_WORDS: ReadonlySet<string> = new Set(
  SPOKEN_MODIFIERS.flatMap(([, phrases, softPhrases = []]) => [...phrases, ...softPhrases].flatMap((phrase) => phrase.split(" "))),
);

/**
 * "up" alone is a modifier only right after a drink ("a martini up"); elsewhere it is "settle up", "set me up".
 * So is "rock" ("whiskey, rock, please" in a second language; "rock music" is none).
 */
const CONTEXTUAL = new Set(["up", "rock"]);
/** Verbs whose "up" is their own: "mixed them up", "messed it up", "I'll take it up" (to the room). */
export const PHRASAL_UP: ReadonlySet<string> = new Set([
  "mix", "mixed", "mixing", "mess", "messed", "muddle", "muddled", "screw", "screwed", "jumble", "jumbled", "fill", "filled", "pick", "picked", "cheer", "cheered",
  "warm", "warmed", "take", "bring", "carry", "send", "run",
]);
/** What ice may be for besides a drink: "ice for her ankle", "some ice for my knee". */
const HURTS = new Set([
  "ankle", "ankles", "knee", "knees", "head", "wrist", "wrists", "hand", "hands", "foot", "feet", "leg", "legs", "arm", "arms", "back", "shoulder", "face", "eye",
  "lip", "lips", "finger", "fingers", "toe", "toes", "elbow", "neck", "bruise", "burn", "injury", "swelling", "bump", "nose", "jaw", "hip", "shin", "sprain",
]);
/** Words that make "up" a place: "up to room 214", "up at the mic", "up on stage", "up front", "up there". */
const PLACE_AFTER_UP = new Set(["to", "at", "by", "near", "on", "onto", "there", "here", "front", "top", "towards", "toward", "stairs", "upstairs"]);
/** What "double" says of besides a pour: dice, darts, dominoes, shifts, dates, bets. */
const DOUBLED_THINGS = new Set([
  "ones", "twos", "threes", "fours", "fives", "sixes", "sevens", "eights", "nines", "tens", "blanks", "top", "tops", "bull", "bullseye",
  "shift", "shifts", "date", "dates", "or", "whammy", "trouble", "dutch", "decker", "bed", "room", "digits", "figures", "fault", "faults", "bogey", "time", "points",
  // ("my doubles partner", "the doubles final": a game played in pairs.)
  "partner", "partners", "match", "matches", "final", "finals", "team", "league", "game", "games", "pair", "pairs", "tournament", "player", "players",
]);
/** Words around "shaken" that make it how someone feels: "shaken from the fall", "a bit shaken", "still shaken". */
const FELT_AFTER = new Set(["from", "by", "after"]);
const FELT_BEFORE = new Set(["bit", "little", "still", "so", "very", "really", "quite", "feeling", "felt", "pretty"]);
/** Words after which a modifier word is a verb taking them as object. */
const VERB_OBJECTS = new Set(["my", "your", "his", "her", "our", "their", "me", "him", "us", "them"]);

/** What "ice" names before these: a place or a thing of ice ("the ice plant", "the ice room"). */
const ICE_PLACES = new Set(["plant", "room", "rink", "hockey", "storm", "age", "skating", "sculpture", "house", "factory", "fishing", "truck", "bath", "machine", "maker", "cream", "road", "field", "sheet"]);
const PLACED_ON = new Set(["on", "onto", "across"]);

/** The longest modifier phrase starting at `start`, or null. */
export function readModifierAt(
  tokens: readonly string[],
  start: number,
  options: { afterDrink: boolean } = { afterDrink: true },
): ModifierRead | null {
  const candidates = PHRASES_BY_FIRST_TOKEN.get(tokens[start] ?? "");
  if (!candidates) return null;
  for (const phrase of candidates) {
    if (!phrase.tokens.every((token, offset) => tokens[start + offset] === token)) continue;
    if (phrase.tokens.length === 1 && CONTEXTUAL.has(phrase.tokens[0] as string) && !options.afterDrink) continue;
    // ("two ice cold IPAs": how cold, not served over ice.)
    if (phrase.tokens.length === 1 && phrase.tokens[0] === "ice" && (tokens[start + 1] === "cold" || tokens[start + 1] === "cool")) continue;
    // ("the lads from the ice plant", "after the ice room", "the lads on the ice": a place of ice, no way of serving.)
    if (phrase.tokens[phrase.tokens.length - 1] === "ice" && (ICE_PLACES.has(tokens[start + phrase.tokens.length] ?? "") || (tokens[start - 1] === "the" && PLACED_ON.has(tokens[start - 2] ?? "") && tokens[start + 1] === undefined))) continue;
    // ("some ice for her ankle", "ice for my knee": ice for a hurt, no way of serving a drink.)
    if (phrase.tokens[phrase.tokens.length - 1] === "ice" && tokens[start + phrase.tokens.length] === "for" && HURTS.has(tokens[start + phrase.tokens.length + 2] ?? "")) continue;
    // ("I've mixed them up": a verb's particle, no way of serving.)
    if (phrase.tokens.length === 1 && phrase.tokens[0] === "up" && PHRASAL_UP.has(tokens[start - 2] ?? "") && (VERB_OBJECTS.has(tokens[start - 1] ?? "") || tokens[start - 1] === "it")) continue;
    // ("still a bit shaken from that wipeout", "I was shaken by it": how someone feels, not how a drink is made.)
    if (phrase.modifier === "shaken" && (FELT_AFTER.has(tokens[start + 1] ?? "") || FELT_BEFORE.has(tokens[start - 1] ?? ""))) continue;
    // "send a daiquiri up to room 214", "a water for me up at the mic": "up" and a place says where, not how.
    if (phrase.tokens.length === 1 && phrase.tokens[0] === "up" && PLACE_AFTER_UP.has(tokens[start + 1] ?? "")) continue;
    // "twist my arm", "shake your hand": a verb with its object, no way of making a drink ("neat, my treat" is no verb).
    if (phrase.tokens.length === 1 && phrase.modifier !== "neat" && VERB_OBJECTS.has(tokens[start + 1] as string)) continue;
    // ("double sixes!", "a double shift", "double or nothing": a double of something else, no double pour.)
    if (phrase.tokens.length === 1 && phrase.modifier === "double" && DOUBLED_THINGS.has(tokens[start + 1] ?? "")) continue;
    return { modifier: phrase.modifier, soft: phrase.soft, length: phrase.tokens.length };
  }
  return null;
}

/** Every modifier said anywhere in the tokens, in order, negated ones ("not stirred") left out. */
export function findModifiers(tokens: readonly string[]): ModifierRead[] {
  const found: ModifierRead[] = [];
  for (let index = 0; index < tokens.length; ) {
    const read = readModifierAt(tokens, index);
    if (read) {
      if (!isNegation(tokens[index - 1])) found.push(read);
      index += read.length;
    } else index += 1;
  }
  return found;
}

/** Words that refuse the serving word after them: "no ice", "without the twist", "skip the twist", "hold the ice". */
const REFUSING_A_SERVING = new Set(["not", "no", "without", "never", "skip", "hold", "lose", "ditch", "minus", "sans", "forget"]);

export function isNegation(token: string | undefined): boolean {
  return token !== undefined && REFUSING_A_SERVING.has(token);
}

const CANONICAL_RANK: ReadonlyMap<string, number> = new Map(MODIFIERS.map((modifier, rank) => [modifier, rank]));

/** Modifiers without repeats, in the catalog's order, so equal lines compare equal. */
export function canonicalModifiers(modifiers: Iterable<Modifier>): Modifier[] {
  return [...new Set(modifiers)].sort((a, b) => (CANONICAL_RANK.get(a) ?? 0) - (CANONICAL_RANK.get(b) ?? 0));
}

/** `current` changed by `added`: a new serving replaces the old one ("make it on the rocks" after neat). */
export function replaceModifiers(current: readonly Modifier[], added: readonly Modifier[]): Modifier[] {
  const displaced = (modifier: Modifier) =>
    EXCLUSIVE_MODIFIER_GROUPS.some((group) => group.includes(modifier) && added.some((entry) => entry !== modifier && group.includes(entry)));
  return canonicalModifiers([...current.filter((modifier) => !displaced(modifier)), ...added]);
}

/** How a drink's vermouth and brine are done: dry, dirty, perfect. */
const STYLES: ReadonlySet<Modifier> = new Set<Modifier>(["dry", "dirty", "perfect"]);

/** The styles a drink was made with that a style said now replaces ("dry", then "dirty instead"): none when no style is said. */
export function stylesReplaced(current: readonly Modifier[], said: readonly Modifier[]): Modifier[] {
  return said.some((modifier) => STYLES.has(modifier)) ? current.filter((modifier) => STYLES.has(modifier) && !said.includes(modifier)) : [];
}

/**
 * A new version said in a repair ("a dirty martini, no, make that a dry one"): as replaceModifiers,
 * and a style said again replaces the style said before (together they can still be asked for at once).
 */
export function reviseModifiers(current: readonly Modifier[], said: readonly Modifier[]): Modifier[] {
  const restyled = said.some((modifier) => STYLES.has(modifier));
  return replaceModifiers(restyled ? current.filter((modifier) => !STYLES.has(modifier)) : current, said);
}

export type ModifierProblem =
  | { kind: "NOT_ACCEPTED"; modifier: Modifier }
  | { kind: "CONFLICT"; modifiers: readonly [Modifier, Modifier] };

/** The first reason `modifiers` cannot be poured on `item`, or null. */
export function modifierProblem(item: MenuItem, modifiers: readonly Modifier[]): ModifierProblem | null {
  const refused = modifiers.find((modifier) => !item.modifiers.includes(modifier));
  if (refused) return { kind: "NOT_ACCEPTED", modifier: refused };
  for (const group of EXCLUSIVE_MODIFIER_GROUPS) {
    const chosen = modifiers.filter((modifier) => group.includes(modifier));
    const [first, second] = chosen;
    if (first !== undefined && second !== undefined) return { kind: "CONFLICT", modifiers: [first, second] };
  }
  return null;
}

/** A spirit ordered without saying neat or on the rocks. */
export function needsServingChoice(item: MenuItem, modifiers: readonly Modifier[]): boolean {
  return item.servingChoices.length > 0 && !modifiers.some((modifier) => item.servingChoices.includes(modifier));
}

export function isModifier(value: string): value is Modifier {
  return CANONICAL_RANK.has(value);
}

/** Words a clause of serving words may hold besides them: "and have it up", "make it neat please", "up then". */
const AROUND_SERVING = new Set(["and", "but", "have", "make", "get", "do", "it", "them", "both", "please", "thanks", "with", "i", "would", "like", "will", "can", "you", "also", "then", "just", "so"]);

/** The serving words of a clause made of nothing else (read as said right after a drink), or null. */
export function servingWordsOnly(tokens: readonly string[]): Modifier[] | null {
  const said: Modifier[] = [];
  for (let position = 0; position < tokens.length; ) {
    const read = readModifierAt(tokens, position, { afterDrink: true });
    if (read && !read.soft) {
      said.push(read.modifier);
      position += read.length;
    } else if (AROUND_SERVING.has(tokens[position] as string)) position += 1;
    else return null;
  }
  return said.length > 0 ? canonicalModifiers(said) : null;
}
