/**
 * Reads the drinks out of an utterance: "two martinis and an IPA, and a
 * whiskey neat for my friend" becomes three draft lines. A quantity starts a
 * line; modifiers said before a drink belong to it ("a dirty martini"), those
 * said after it too, up to the next quantity or "and" ("a martini, shaken").
 * "Two whiskeys, one neat and one on the rocks" splits the first line.
 * Words after a quantity (or after "and") that name nothing on the menu are
 * kept as the drink the guest asked for and the bar does not have.
 */
import type { Pause } from "./normalise.js";
import { DOUBLE, type MenuCategory, type Modifier } from "../bar/menu-catalog.js";
import type { DraftLine } from "./drafts.js";
import { isEnglishWord } from "./english.js";
import { groundPhrase, isDrinkLike, notOnMenuLengthAt } from "./grounding.js";
import { lexiconAt, lexiconWord } from "./lexicon.js";
import { CONTAINERS, matchMenuAt, type MenuIndex, type MenuMatch } from "./menu-matcher.js";
import { canonicalModifiers, isNegation, readModifierAt, replaceModifiers, type ModifierRead } from "./modifiers.js";
import { AMOUNT_UNITS, readQuantity, type QuantityRange } from "./numbers.js";
import { PERSON_WORDS } from "./people.js";
import { isEverydayWord } from "./vocabulary.js";

/** A draft as read, knowing whether a number was said ("take off one beer") or not ("remove the beer"). */
export interface ParsedLine extends DraftLine {
  quantitySaid: boolean;
  /** Named in the plural with no count ("soft drinks tonight"): a heading, if the drinks are counted elsewhere. */
  heading?: true;
  /** One for each guest: plural with no count ("the four of us want lagers") or a round of them ("a round of tequilas"). */
  perGuest?: true;
}

/** The lines without the headings that other lines count ("soft drinks tonight... one pepsi, six cokes"). */
export function withoutHeadings<T extends DraftLine & { heading?: true }>(lines: readonly T[]): T[] {
  return lines.filter(
    (heading) =>
      !heading.heading ||
      !lines.some((line) => line !== heading && !line.heading && (line as { quantitySaid?: boolean }).quantitySaid !== false && line.candidates.every((id) => heading.candidates.includes(id))),
  );
}

export interface ParsedOrder {
  drafts: ParsedLine[];
  /**
   * Drinks named as the topic of something else, never as what is asked for: the object of a
   * preposition ("a second to look at the gin", "a think about the negroni", "hear about the rum").
   */
  topics: ParsedLine[];
  /** What the guest asked for that is not on the menu ("margarita"), one phrase per line. */
  unknown: string[];
  /** Words the parser could not place anywhere, as phrases ("margarita" in "margarita please"). */
  stray: string[];
  /** A quantity with no drink after it ("make it two", "two please"). */
  looseQuantity: number | null;
  /** Modifiers said with no drink at all ("rocks"). */
  looseModifiers: ModifierRead[];
  /** Modifiers said with a negation ("not dry", "no ice"): how a drink is not to be made. */
  negatedModifiers?: Modifier[];
  /**
   * The words with each drink written DRINK and each modifier MOD, padded with spaces ("i will have
   * a DRINK MOD"): one pattern then serves every drink (clauses.ts reads dialogue acts on it).
   */
  shape: string;
  /** How many drinks, modifiers and counts (not a bare "a") were said. */
  said: { drinks: number; modifiers: number; counts: number };
}

const SEPARATORS = new Set(["and", "plus", "also", "then", "or"]);
/** "a large coke", "a two liter sprite", "a 12 oz soda": a size is neither a drink nor a count. */
const SIZES = new Set(["small", "medium", "med", "large", "lg", "xl", "big", "giant", "jumbo", "regular", "tall", "mini", "size", "sized"]);
const VOLUME_UNITS = new Set(["liter", "liters", "litre", "litres", "l", "oz", "ounce", "ounces", "ml", "cl"]);

/** A measure typed as one word: "12oz", "330ml". */
const MEASURED = /^\d+(\.\d+)?(oz|ml|cl|l)$/;
/** (A cheap look before the pattern, which is tried at every word.) */
const startsWithDigit = (word: string): boolean => word.charCodeAt(0) >= 48 && word.charCodeAt(0) <= 57;

/** How many words from `start` only say a size. */
function sizeLengthAt(tokens: readonly string[], start: number): number {
  const token = tokens[start] as string;
  if (SIZES.has(token) || (token !== undefined && startsWithDigit(token) && MEASURED.test(token))) return 1;
  // Most words have no unit after them: no number to read.
  if (![1, 2, 3].some((offset) => VOLUME_UNITS.has(tokens[start + offset] as string))) return 0;
  const number = readQuantity(tokens, start);
  return number && VOLUME_UNITS.has(tokens[start + number.length] as string) ? number.length + 1 : 0;
}
/** Words that keep a line open between a quantity and its drink ("two more IPAs", "three of the martinis"). */
const QUANTITY_LINKS = new Set(["more", "of", "the", "those", "these", "extra", "additional"]);
/** Words that name a drink alone but, before another drink's name, only describe it ("a classic martini", "a draft IPA"). */
const QUALIFIERS = new Set(["classic", "house", "draft", "draught", "amber", "pale"]);
/** Two drinks of one family that cannot make each other: cocktails, or beers. */
function sameFamily(first: Extract<Event, { kind: "item" }>, second: Extract<Event, { kind: "item" }>, index: MenuIndex): boolean {
  const family = (event: Extract<Event, { kind: "item" }>) => new Set(event.itemIds.map((id) => index.byId.get(id)?.category));
  const [a, b] = [family(first), family(second)];
  return a.size === 1 && b.size === 1 && [...a][0] === [...b][0] && LISTED_FAMILIES.has([...a][0] as string);
}
const LISTED_FAMILIES: ReadonlySet<string> = new Set(["COCKTAIL", "BEER"]);
/** A spirit said before a cocktail made with it: "bourbon" before the Old Fashioned ("Bourbon stirred with sugar..."). */
function namesItsBase(spirit: Extract<Event, { kind: "item" }>, cocktail: Extract<Event, { kind: "item" }>, index: MenuIndex): boolean {
  const [made] = cocktail.itemIds;
  const item = made === undefined || cocktail.itemIds.length !== 1 ? undefined : index.byId.get(made);
  if (item?.category !== "COCKTAIL" || !spirit.itemIds.every((id) => index.byId.get(id)?.category === "SPIRIT")) return false;
  return ` ${item.description.toLowerCase().replace(/[^a-z ]/g, " ")} `.includes(` ${spirit.words.join(" ")} `);
}
const isQualifier = (event: Extract<Event, { kind: "item" }>): boolean => event.words.length === 1 && QUALIFIERS.has(event.words[0] as string);
/** Verbs "over" goes with as a particle: "send over", "bring over", "pass over". */
const SENDING = new Set(["send", "bring", "pass", "hand", "fetch", "carry", "run", "pop", "come"]);
/** Verbs "in" goes with as a particle: "put in", "pop in", "get in" (an order placed). */
const PUTTING_IN = new Set(["put", "pop", "get", "order", "stick", "chuck", "throw", "call", "punch", "book", "squeeze", "slip"]);
/** Prepositions whose object is talked about, not asked for: "look at the gin", "a think about the negroni". */
const TOPIC_PREPOSITIONS = new Set(["at", "about", "on", "regarding", "over", "in", "between", "versus", "vs", "of", "than"]);
/** Words before "of" that count or measure the drink after it, not talk of it ("some of the negroni", "the rest of the IPAs"). */
const PARTITIVES = new Set(["some", "any", "more", "few", "couple", "bit", "half", "rest", "all", "none", "both", "each", "either", "neither", "another", "lot", "lots", "one", "two", "three", "four", "five", "sip", "taste", "splash", "drop", "dash", "double", "pair", "dozen", "round", "rounds", "rid"]);
/** Words between a preposition and its drink ("about the two negronis", "at that dirty martini"). */
const DETERMINERS = new Set(["a", "an", "the", "your", "this", "that", "these", "those", "my", "our", "his", "her", "their", "some", "any", "another", "more"]);

const DEMONSTRATIVES = new Set(["this", "that", "these", "those", "my", "your", "his", "her", "their", "our", "the"]);
/** The word right before the drink at events[at] (a determiner, when there is one). */
const previousWord = (events: readonly Event[], at: number): string => {
  const before = events[at - 1];
  return before?.kind === "word" ? before.token : "";
};

/** The drink at events[at] is the object of a preposition: what comes between is determiners, counts and modifiers. */
function isTopic(events: readonly Event[], at: number): boolean {
  let counts = 0;
  for (let back = at - 1; back >= 0; back -= 1) {
    const event = events[back] as Event;
    // ("at the half, three lagers": two numbers in a row are no one count of the drink.)
    if (event.kind === "quantity" && (counts += 1) > 1) return false;
    if (event.kind === "quantity" || event.kind === "modifier") continue;
    if (event.kind === "word" && DETERMINERS.has(event.token)) continue;
    // "between the manhattan and the negroni": joined to a drink that is a topic, a topic too.
    if (event.kind === "separator") return events[back - 1]?.kind === "item" && isTopic(events, back - 1);
    if (event.kind !== "word" || !TOPIC_PREPOSITIONS.has(event.token)) return false;
    // ("the color of this negroni": talk of it; "a couple of negronis", "half of the IPAs": how many.)
    if (event.token === "of") {
      const counted = events[back - 1];
      // ("an IPA instead of the lager": the drink it replaces, named to be taken off, not talked about.)
      return counted?.kind === "word" && counted.token !== "instead" && !PARTITIVES.has(counted.token) && !CONTAINERS.has(counted.token) && DEMONSTRATIVES.has(previousWord(events, at));
    }
    // "a twist on the cosmo": a modifier placed on a drink edits it; only a word (a verb, a noun) makes a topic.
    const before = events[back - 1];
    // ("send over a negroni", "bring over two IPAs": "over" goes with the verb; the drink is sent.)
    if (event.token === "over" && before?.kind === "word" && SENDING.has(before.token)) return false;
    // ("can we put in two gins", "pop in a lemonade": "in" goes with the verb; the drink is ordered.)
    if (event.token === "in" && before?.kind === "word" && PUTTING_IN.has(before.token)) return false;
    if (before !== undefined && before.kind !== "word") return false;
    // "how about an IPA", "what about a beer?": a suggestion to pour one.
    return !(event.token === "about" && before?.kind === "word" && (before.token === "how" || before.token === "what"));
  }
  return false;
}

/** The drink named in the plural ("martinis", "brandies"): its singular names it too. */
function isPlural(words: readonly string[], index: MenuIndex): boolean {
  const last = words[words.length - 1] ?? "";
  const singular = last.endsWith("ies") ? `${last.slice(0, -3)}y` : last.endsWith("s") ? last.slice(0, -1) : last;
  return singular !== last && matchMenuAt([...words.slice(0, -1), singular], 0, index)?.length === words.length;
}

/** Words that may stand between a drink and its serving word: "a martini, please, up", "served straight up". */
const NEAR_A_DRINK = new Set(["please", "with", "served", "very", "extra", "nice", "and", "but", "make", "it", "just", "really", "bone", "thanks", "be", "both", "all", "come", "made", "done", "have", "get", "they", "then", "too", "also", "now", "right"]);
/** Words after which a serving word is said of drinks ("one of them up", "make those dirty"). */
const POINTING = new Set(["them", "those", "these", "em", "it", "one", "ones", "both"]);
/** Possessives that stand alone for someone's drink: "make mine dirty", "she wants hers up". */
const OWN_DRINK = new Set(["mine", "hers", "theirs", "yours"]);
/** Vessels named after a drink: "a martini glass", "a beer mug". */
const GLASSWARE = new Set(["glass", "glasses", "mug", "mugs", "shaker", "shakers"]);
/** Verbs whose object "that" or "this" is the drink: "I'll have that", "make this". */
const HAVING_IT = new Set(["have", "take", "get", "make", "want", "try", "do", "pour", "bring", "grab"]);
/** Words that point back at drinks already named: "four of them", "two of those". */
export const REFERRING = new Set(["them", "those", "these", "em"]);
/** "for my negroni", "with our beers": a drink the guest has, not one asked for. */
const POSSESSIVES = new Set(["my", "our", "his", "her", "their", "your", "this", "these"]);
/** "a dry one", "an extra cold one": "one" standing for a drink after an article and how it is made. */
function pronounOne(tokens: readonly string[], position: number): boolean {
  if (tokens[position] !== "one") return false;
  let at = position - 1;
  while (at >= 0 && readModifierAt(tokens, at)?.length === 1) at -= 1;
  return at < position - 1 && (tokens[at] === "a" || tokens[at] === "an");
}

const PLACING = new Set(["for", "with", "in", "into", "on", "to"]);
/** Groups of people a drink's name may name: "the Negroni Nation table", "the IPA crew". */
const GROUPS_NAMED = new Set(["table", "team", "crew", "squad", "gang", "society", "club", "posse", "brigade"]);
/** Things named after the drink they hold or make: "the soda machine", "the beer fridge". */
// ("a few cosmos for the tea ladies", "the tea break": people and times named after a drink too.)
const MACHINES = new Set(["machine", "machines", "fountain", "dispenser", "gun", "fridge", "cooler", "tap", "taps", "pump", "line", "lines", "garden", "tent", "truck", "festival", "belly", "ladies", "lady", "party", "break", "towel", "stand"]);
/** Words after which "perfect" praises what was said rather than naming a perfect Manhattan. */
const PRAISED_AFTER = new Set(["be", "sounds", "is", "was", "were", "are", "looks", "looked", "tastes", "tasted", "seems", "seemed", "absolutely", "simply"]);
/** Words before "draft" that make it a draft of players: "league draft", "the NFL draft". */
const PICKING = new Set(["league", "nfl", "nba", "nhl", "mlb", "fantasy", "player", "players", "rookie", "team", "rough", "final", "first", "second"]);
/** Words "brew" is a noun after: "a brew", "the brews", "one more brew". */
const BEFORE_A_BREW = new Set(["a", "the", "one", "more", "another", "those", "these", "of", "cold", "classic", "house", "my", "your", "that", "this", "fresh"]);
/** What a bar hands over for a drink: "a straw for the lemonade", "a lid for this one". */
export const SUPPLIES: ReadonlySet<string> = new Set(["straw", "straws", "cup", "cups", "lid", "lids", "napkin", "napkins", "coaster", "coasters", "spoon", "stirrer", "umbrella", "garnish", "wedge", "slice", "cherry", "olive", "olives", "sleeve", "bag"]);
/** Containers asked for a drink already poured: "extra glasses for the Classic Brews", "a jug for the lemonades". */
const EMPTY_CONTAINERS = new Set(["glass", "glasses", "jug", "jugs", "pitcher", "pitchers", "bucket", "buckets", "mug", "mugs"]);
/** Words that may follow a count said after its drink ("the negroni, two please"). */
const COURTESY = new Set(["please", "thanks", "thank", "you", "mate", "love"]);
/** "one rum and one gin, both neat": the modifiers that follow go to every line. */
const EVERY_LINE = new Set(["both", "each", "all"]);

type Event =
  | { kind: "quantity"; value: number; range: QuantityRange | undefined; start: number; end: number }
  | { kind: "modifier"; read: ModifierRead }
  /**
   * `definite`: said as "the whisky", which may point back at a drink already named. `possessed`: said
   * as "for my negroni", a drink the guest already has, named to place something else.
   */
  | { kind: "item"; itemIds: string[]; category: MenuCategory | null; modifiers: Modifier[]; definite: boolean; possessed: boolean; plural: boolean; words: string[]; roundOf: boolean; heldInPlural: boolean }
  /** `or`: the drinks on either side are alternatives ("a negroni or an old fashioned?"). */
  | { kind: "separator"; or: boolean }
  /** "negroni x2": a count written after the drink it multiplies. */
  | { kind: "times"; value: number }
  | { kind: "word"; token: string };

interface Scan {
  events: Event[];
  shape: string;
  said: ParsedOrder["said"];
  negated: Modifier[];
}

function scan(tokens: readonly string[], index: MenuIndex, pauses: readonly Pause[]): Scan {
  const events: Event[] = [];
  const words: string[] = [];
  const said = { drinks: 0, modifiers: 0, counts: 0 };
  let afterDrink = false;
  /** Where "for" was said right after a drink: whom it is for follows. */
  let forWhomSince = -1;
  /** "a round of tequilas": the drink named next is poured one for each guest. */
  let roundOf = false;
  /** "some shots of vodka": the drink held in containers counted in the plural is more than one. */
  let heldInPlural = false;
  /** The drink named last, as its menu ids joined. */
  let lastNamed: string | null = null;
  const negatedModifiers: Modifier[] = [];
  for (let position = 0; position < tokens.length; ) {
    const token = tokens[position] as string;
    // The container goes with what it holds: "a can of DRINK" reads as "a DRINK" for the clause patterns.
    // ("a cup of tea" is hot tea, a drink of its own, not the iced tea in the cup.)
    if (CONTAINERS.has(token) && tokens[position + 1] === "of" && tokens[position + 2] !== undefined && lexiconAt(tokens, position) === null) {
      roundOf = token === "round" && (tokens[position - 1] === "a" || tokens[position - 1] === "another");
      heldInPlural = token.endsWith("s");
      position += 2;
      continue;
    }
    if (token === "x") {
      // "2 x IPA": the sign only links the count to its drink.
      if (events[events.length - 1]?.kind === "quantity") {
        position += 1;
        continue;
      }
      // "negroni x 2": the count of the drink just named.
      const times = afterDrink ? readQuantity(tokens, position + 1) : null;
      if (times) {
        events.push({ kind: "times", value: times.value });
        said.counts += 1;
        position += 1 + times.length;
        continue;
      }
    }
    // "make the bourbon a single": not a double, said of a drink named ("a single malt" is a whisky).
    if ((token === "single" || token === "singles") && tokens[position + 1] !== "malt" && readQuantity(tokens, position + 1) === null && matchMenuAt(tokens, position + 1, index) === null) {
      negatedModifiers.push("double");
      // ("a single": the article is the single's, no count of the drink.)
      if (events[events.length - 1]?.kind === "quantity" && (tokens[position - 1] === "a" || tokens[position - 1] === "one")) events.pop();
      words.push(token);
      position += 1;
      continue;
    }
    const size = sizeLengthAt(tokens, position);
    if (size > 0) {
      for (let offset = 0; offset < size; offset += 1) words.push(tokens[position + offset] as string);
      position += size;
      continue;
    }
    // ("my grandson brews his own beer": "brew" is the Classic Brew only as a noun, after a determiner or a count.)
    const brewed = (token === "brew" || token === "brews") && !BEFORE_A_BREW.has(tokens[position - 1] as string) && readQuantity(tokens, position - 1) === null;
    // ("for the fantasy league draft": a draft of players, after what it drafts for.)
    const drafted = (token === "draft" || token === "draught") && PICKING.has(tokens[position - 1] as string);
    // ("the soda machine's dead": a thing named after a drink, no drink.)
    // ("a martini glass tattooed on her ankle": a drink's name before "glass" names the glass, not the drink.)
    const glassware = GLASSWARE.has(tokens[position + 1] as string) && tokens[position + 2] !== "of" && tokens[position + 2] !== "please" && (pauses[position + 1] ?? "NONE") === "NONE";
    // ("two lagers for the Negroni Nation table", "the IPA crew": a drink's name in the name of a group of people.)
    const nameEnd = tokens[position - 1] === "the" ? position + (matchMenuAt(tokens, position, index)?.length ?? 1) - 1 : -1;
    const groupName = nameEnd >= 0 && [1, 2].some((ahead) => GROUPS_NAMED.has(tokens[nameEnd + ahead] as string) && !pauses.slice(nameEnd + 1, nameEnd + ahead + 1).some((pause) => pause !== "NONE"));
    const machine = MACHINES.has(tokens[position + 1] as string) || glassware || groupName;
    // ("pour me a lager, any lager": any of the drink just named is that drink, said again.)
    const againAfterAny: MenuMatch | null = tokens[position - 1] === "any" && lastNamed !== null ? matchMenuAt(tokens, position, index) : null;
    if (againAfterAny && againAfterAny.itemIds.join() === lastNamed) {
      events.push({ kind: "word", token });
      words.push(token);
      position += againAfterAny.length;
      continue;
    }
    const item = brewed || drafted || machine ? null : matchMenuAt(tokens, position, index);
    // "a lemonade would be perfect": praise, not a perfect Manhattan.
    // ("an up martini": "up" said before the drink, right after its article, is how it is served too.)
    const beforeItsDrink = token === "up" && (tokens[position - 1] === "a" || tokens[position - 1] === "an") && matchMenuAt(tokens, position + 1, index) !== null;
    // ("that martini was perfect by the way": said of the drink, after a verb of being or seeming, it is praise too.)
    const modifier = token === "perfect" && PRAISED_AFTER.has(tokens[position - 1] as string) ? null : readModifierAt(tokens, position, { afterDrink: afterDrink || beforeItsDrink });
    // ("a dirty martini shaken and a dry one stirred": "a dry one" is one more of the drink, "one" its noun, no second count.)
    const quantity = token === "another" ? { value: 1, length: 1 } : pronounOne(tokens, position) ? null : readQuantity(tokens, position);
    const itemLength = item?.length ?? 0;
    const modifierLength = modifier?.length ?? 0;
    const quantityLength = quantity?.length ?? 0;
    // "rum cake", "gin and tonic", "fish and chips": named as one thing the menu does not hold.
    // ("auntie Rose switched": a word after whom it names is a name, not a wine.)
    const other = PERSON_WORDS.has(tokens[position - 1] as string) && !item ? 0 : notOnMenuLengthAt(tokens, position, index, item);
    if (other > Math.max(itemLength, modifierLength, quantityLength)) {
      const said = tokens.slice(position, position + other);
      events.push({ kind: "word", token: said.join(" ") });
      // One thing, one word for the clause patterns: "a hot dog" names no dog.
      words.push(said.join("-"));
      position += other;
      continue;
    }
    if (item && itemLength >= modifierLength && itemLength >= quantityLength) {
      const definite = tokens[position - 1] === "the";
      // ("a straw for grandma's lemonade": the person's drink, its "'s" gone, is possessed as "her lemonade" is.)
      // ("a daiquiri for her, a manhattan for me": a pause after "her" ends whom the drink before is for.)
      const owner = (POSSESSIVES.has(tokens[position - 1] as string) || PERSON_WORDS.has(tokens[position - 1] as string)) && (pauses[position] ?? "NONE") === "NONE";
      // ("a to-go cup for this negroni", "another straw for the lemonade": the drink a thing is for.)
      // ("a straw for the kids' lemonades": whose drink it is may stand between.)
      const placedAt = [1, 2, 3].map((back) => position - back).find((at) => PLACING.has(tokens[at] as string)) ?? -1;
      const between = placedAt < 0 ? [] : tokens.slice(placedAt + 1, position);
      const suppliedFor =
        placedAt >= 0 &&
        between.length > 0 &&
        !pauses.slice(placedAt + 1, position + 1).some((pause) => pause !== "NONE") &&
        !between.some((word) => ["and", "or", "plus", "a", "an", "another"].includes(word)) &&
        // ("a bag of chips with two lagers": drinks counted with no determiner are asked for too.)
        !(readQuantity(tokens, placedAt + 1) !== null && tokens[placedAt] === "with") &&
        tokens.slice(Math.max(0, placedAt - 4), placedAt).some((word) => SUPPLIES.has(word) || (tokens[placedAt] === "for" && EMPTY_CONTAINERS.has(word)));
      const possessed = (owner && PLACING.has(tokens[position - 2] as string)) || suppliedFor;
      const named = tokens.slice(position, position + itemLength) as string[];
      events.push({ kind: "item", itemIds: item.itemIds, category: item.category, modifiers: item.modifiers, definite, possessed, plural: item.plural, words: named, roundOf, heldInPlural });
      lastNamed = item.itemIds.join();
      roundOf = false;
      heldInPlural = false;
      words.push("DRINK");
      said.drinks += 1;
      position += itemLength;
      afterDrink = true;
      continue;
    }
    if (modifier && modifierLength >= quantityLength) {
      events.push({ kind: "modifier", read: modifier });
      words.push("MOD");
      said.modifiers += 1;
      position += modifierLength;
      // ("a manhattan for my wife, stirred, up": serving words in a row are all the drink's.)
      if (said.drinks > 0) afterDrink = true;
      continue;
    }
    if (quantity && AMOUNT_UNITS.has(tokens[position + quantityLength] as string)) {
      // "15 percent", "5 dollars": an amount of money, never a count of the drinks that follow
      // ("a 15% tip and the negroni was great" is no offer of fifteen Negronis).
      // It ends the drink phrase before it, as a pause would, and names nothing itself.
      events.push({ kind: "separator", or: false });
      for (let offset = 0; offset <= quantityLength; offset += 1) words.push(tokens[position + offset] as string);
      position += quantityLength + 1;
      afterDrink = false;
      continue;
    }
    if (quantity) {
      events.push({ kind: "quantity", value: quantity.value, range: "range" in quantity ? quantity.range : undefined, start: position, end: position + quantityLength });
      for (let offset = 0; offset < quantityLength; offset += 1) words.push(tokens[position + offset] as string);
      if (quantityLength > 1 || (token !== "a" && token !== "an")) said.counts += 1;
      // "two manhattans on the rocks and one up": a count after "and" stands for the drink named before it.
      // ("two negronis, one up and one on the rocks": right after the drink too.)
      // ("One, stirred, up, please" after a drink was offered: "one" points at it as "one of them" does.)
      afterDrink = (said.drinks > 0 && (tokens[position - 1] === "and" || events[events.length - 2]?.kind === "item")) || token === "one";
      position += quantityLength;
      continue;
    }
    // "no ice" negates a modifier; "no iced tea" names a drink (the longer reading wins, as above).
    // ("dry instead of dirty": how it is not to be made any more.)
    if (token === "instead" && tokens[position + 1] === "of") {
      const replaced = readModifierAt(tokens, position + 2);
      if (replaced) {
        negatedModifiers.push(replaced.modifier);
        for (let offset = 0; offset < 2 + replaced.length; offset += 1) words.push(tokens[position + offset] as string);
        position += 2 + replaced.length;
        continue;
      }
    }
    const negated = isNegation(token) ? negatedModifierAt(tokens, position + 1) : LEAVING_OUT.has(token) ? leftOutModifierAt(tokens, position + 1) : null;
    if (negated && negated.length > (matchMenuAt(tokens, position + 1, index)?.length ?? 0)) {
      // "no ice": said, but not asked for; "dirty, not dry": how it is not to be made.
      if (!negated.soft) negatedModifiers.push(negated.modifier);
      for (let offset = 0; offset <= negated.length; offset += 1) words.push(tokens[position + offset] as string);
      position += 1 + negated.length;
      continue;
    }
    events.push(SEPARATORS.has(token) ? { kind: "separator", or: token === "or" } : { kind: "word", token });
    words.push(token);
    // A serving word that needs a drink before it ("up", "dry") is read only near one: "a martini, up
    // please", "one of them up"; never "IPAs, depending on who turns up".
    // ("one cosmo then, up": "then" before a serving word keeps it the drink's.)
    // ("the manhattan, perfect and up": "and" between serving words keeps them the drink's.)
    const betweenServings = token === "and" && events[events.length - 2]?.kind === "modifier";
    // ("a daiquiri for Margaret, up": whom the drink is for stands between it and its serving word.)
    if (token === "for" && afterDrink) forWhomSince = position;
    const forWhom = forWhomSince >= 0 && position - forWhomSince <= 3 && !SEPARATORS.has(token);
    if (!forWhom) forWhomSince = -1;
    if (((SEPARATORS.has(token) && token !== "then") || !NEAR_A_DRINK.has(token)) && !betweenServings && !forWhom) afterDrink = false;
    // "one of them up": a word pointing at drinks is as good as naming one for what follows.
    // ("I'll have that, up with a twist": "that" after a verb of having points at the drink too.)
    // ("one of them wants his up", "make mine dirty": a possessive standing alone stands for that one's drink.)
    const ownDrink = OWN_DRINK.has(token) || (token === "his" && matchMenuAt(tokens, position + 1, index) === null);
    if (POINTING.has(token) || ownDrink || ((token === "that" || token === "this") && HAVING_IT.has(tokens[position - 1] as string))) afterDrink = true;
    position += 1;
  }
  return { events, shape: ` ${words.join(" ")} `, said, negated: negatedModifiers };
}

type ItemEvent = Extract<Event, { kind: "item" }>;

/** The same drink as the line, or a spirit that may be the base of the cocktail it is: worth looking back for. */
const sameDrinkOrItsBase = (line: DraftLine, event: ItemEvent, index: MenuIndex): boolean =>
  sameDrink(line, event.itemIds) || event.itemIds.every((id) => index.byId.get(id)?.category === "SPIRIT");

/** What was said between the item event before `at` and it, looked at once. */
function sinceLastItem(events: readonly Event[], at: number): { lastItem: ItemEvent | undefined; each: boolean; separated: boolean; onlyLeads: boolean } {
  let each = false;
  let separated = false;
  let onlyLeads = true;
  for (let back = at - 1; back >= 0; back -= 1) {
    const earlier = events[back] as Event;
    if (earlier.kind === "item") return { lastItem: earlier, each, separated, onlyLeads };
    if (earlier.kind === "separator") separated = true;
    if (isWordEvent(earlier, "each")) each = true;
    if (earlier.kind !== "word" || !WHICH_KIND_LEADS.has(earlier.token)) onlyLeads = false;
  }
  return { lastItem: undefined, each, separated, onlyLeads };
}

/** What may stand between a drink and the same drink said again by another of its names: "a soda please, coke". */
const WHICH_KIND_LEADS = new Set(["please", "thanks", "preferably", "ideally", "say", "like", "maybe", "probably"]);

const isWordEvent = (event: Event | undefined, token: string): boolean => event?.kind === "word" && event.token === token;

const sameDrink = (draft: DraftLine, itemIds: readonly string[]): boolean =>
  draft.candidates.length === itemIds.length && draft.candidates.every((id) => itemIds.includes(id));

/** The modifier a negation reaches, over an article: "no ice", "without the twist", "not a double". */
/** Verbs between a negation and the serving word it refuses: "don't take ice", "never want it shaken". */
const REFUSING_VERBS = new Set(["take", "want", "like", "need", "have", "do", "put", "add", "drink", "get"]);

/** Verbs that refuse a serving word with "off" or "out": "leave the chaser off", "leave out the twist", "take the ice out". */
const LEAVING_OUT = new Set(["leave", "take"]);
const OUT_OR_OFF = new Set(["off", "out"]);

/** The serving word left out after "leave" or "take", with "off" or "out" before or after it (its length counts them), or null. */
function leftOutModifierAt(tokens: readonly string[], position: number): ModifierRead | null {
  if (OUT_OR_OFF.has(tokens[position] ?? "")) {
    const read = negatedModifierAt(tokens, position + 1);
    return read ? { ...read, length: read.length + 1 } : null;
  }
  const read = negatedModifierAt(tokens, position);
  return read && OUT_OR_OFF.has(tokens[position + read.length] ?? "") ? { ...read, length: read.length + 1 } : null;
}

function negatedModifierAt(tokens: readonly string[], position: number): ModifierRead | null {
  // ("sailors don't take ice": the verb goes with what it refuses.)
  if (REFUSING_VERBS.has(tokens[position] ?? "")) {
    const refused = negatedModifierAt(tokens, position + 1);
    return refused ? { ...refused, length: refused.length + 1 } : null;
  }
  const read = readModifierAt(tokens, position);
  if (read || !["the", "a", "any"].includes(tokens[position] ?? "")) return read;
  const afterArticle = readModifierAt(tokens, position + 1);
  return afterArticle ? { ...afterArticle, length: afterArticle.length + 1 } : null;
}

/** Everyday words around what was named; "food" or "lunch" name something themselves. */
/** Everyday words that make another drink of the one they qualify: a virgin daiquiri has no rum, a hard lemonade has. */
const OTHER_DRINK_WORDS = new Set(["virgin", "hard", "spiked", "alcoholic", "boozy", "nonalcoholic", "mocktail"]);
/** Words that say a drink is made the usual way: "a single whiskey", "a regular lager". */
export const PLAIN = new Set(["single", "regular", "normal", "plain", "standard", "ordinary", "simple", "basic", "usual"]);
/** Words that say a count is the whole: "ten altogether", "twelve in total". */
const TOTALLING = new Set(["altogether", "total", "overall", "together"]);
const isFiller = (word: string): boolean => (isEverydayWord(word) || PLAIN.has(word) || TOTALLING.has(word)) && lexiconWord(word) === null && !OTHER_DRINK_WORDS.has(word);

/** Drops leading and trailing everyday words: "big margarita please" -> "margarita". */
function drinkPhrase(words: readonly string[]): string | null {
  let first = 0;
  let last = words.length - 1;
  while (first <= last && isFiller(words[first] as string)) first += 1;
  while (last >= first && isFiller(words[last] as string)) last -= 1;
  return first <= last ? words.slice(first, last + 1).join(" ") : null;
}

/** Where someone is, said right after them: "daves coming", "the twins here". */
const ON_THEIR_WAY = new Set(["coming", "arriving", "joining", "here", "back", "outside", "parking"]);
const CLAUSE_WORDS = new Set(["is", "are", "was", "were", "has", "have", "had", "wants", "needs", "says", "will", "would", "can", "could", "likes", "loves"]);

/** A phrase that names a thing no bar serves, in English, and is no clause of its own. */
function isTalk(phrase: string, said: readonly string[], index: MenuIndex): boolean {
  // ("one of the lads", "two of the twins": people counted, not a drink the bar lacks.)
  if (PERSON_WORDS.has(phrase.split(" ").at(-1) as string)) return true;
  // ("no wait seven daves coming": someone on their way, "Dave's" said without its "'s", no drink.)
  const after = said[said.indexOf(phrase.split(" ").at(-1) as string) + 1];
  if (after !== undefined && ON_THEIR_WAY.has(after) && groundPhrase(phrase, index).kind === "UNKNOWN") return true;
  return isEnglishWord(phrase.split(" ")[0] as string) && !said.some((word) => CLAUSE_WORDS.has(word)) && groundPhrase(phrase, index).kind === "UNKNOWN";
}

/** What a stray phrase may name that the guest is told the bar does not serve. */
const NAMED_THINGS: ReadonlySet<string> = new Set(["DRINK", "FOOD", "GOODS"]);

/** `pauses[i]` is the pause said before `tokens[i]` (none known: none said). */
export function parseOrder(tokens: readonly string[], index: MenuIndex, pauses: readonly Pause[] = []): ParsedOrder {
  const drafts: ParsedLine[] = [];
  const topics: ParsedLine[] = [];
  const unknown: string[] = [];
  const stray: string[] = [];
  const looseModifiers: ModifierRead[] = [];
  let looseQuantity: number | null = null;
  /** The loose quantity pointed back at drinks already named ("four of them"): it may count them. */
  let looseRefers = false;
  /** The open slot's words pointed back at drinks ("those", "them"). */
  let slotRefers = false;

  let quantity: number | null = null;
  let quantityRange: QuantityRange | undefined;
  /** The quantity came right after "and" ("a martini and one for my wife"). */
  let quantityAfterAnd = false;
  /** After a quantity or an "and" that follows a drink, the next words are expected to name one. */
  let expectingDrink = false;
  let wordsSinceQuantity: string[] = [];
  let forEveryLine = false;
  let strayRun: string[] = [];
  let before: ModifierRead[] = [];
  /** How many of `before` were said before the open slot began: the rest were said inside it. */
  let beforeTheSlot = 0;
  /** The line modifiers said after a drink attach to; null after "and" or a new quantity. */
  let open: ParsedLine | null = null;
  /** The last line named by a drink, which "one neat and one on the rocks" splits. */
  let named: ParsedLine | null = null;
  /** Lines whose every drink went to splits ("two whiskeys, one neat and one on the rocks"). */
  const usedUp = new Set<ParsedLine>();
  /** The last drink named was said to be for someone ("one IPA for seat 3"). */
  let namedFor = false;
  /** "two of each": the count every drink said after it gets. */
  let eachCount: number | null = null;
  /** The line an "or" came after: the next drink is its alternative, not another line. */
  let alternativeTo: ParsedLine | null = null;

  /** The slot a quantity opened is done with: modifiers said next go to `line`. */
  const endSlot = (line: ParsedLine | null) => {
    quantity = null;
    quantityRange = undefined;
    expectingDrink = false;
    wordsSinceQuantity = [];
    open = line;
  };
  const attach = (line: DraftLine, reads: readonly ModifierRead[]) => {
    for (const read of reads) (read.soft ? line.softModifiers : line.modifiers).push(read.modifier);
  };
  const flushStray = () => {
    const phrase = drinkPhrase(strayRun);
    // "if you had mojitos", "we drank gin and lemonade": a drink the bar does not pour, named all the same.
    // "pretzels and a lemonade": food or goods named beside an order are told as such too.
    if (phrase) (NAMED_THINGS.has(groundPhrase(phrase, index).kind) ? unknown : stray).push(phrase);
    strayRun = [];
  };
  /**
   * Ends the slot opened by a quantity or an "and": words there that name nothing are a drink the
   * bar does not serve; a quantity with only modifiers splits the last drink ("one neat"); a bare
   * quantity is kept as loose ("make it two").
   */
  const closeSlot = () => {
    // "two more of those for my cousins": who the drinks are for is no drink of its own.
    const beneficiary = wordsSinceQuantity.indexOf("for");
    const slotWords = wordsSinceQuantity;
    const phrase = expectingDrink ? drinkPhrase(beneficiary >= 0 ? wordsSinceQuantity.slice(0, beneficiary) : wordsSinceQuantity) : null;
    const count = quantity;
    // "the negroni, two please": a count with nothing after it but courtesy points back as well.
    // ("water for the table, three glasses": a container counted after the drink counts the drink.)
    // ("martinis, two please, for me and my husband": whom they are for says nothing of what is counted.)
    const beforeWhom = beneficiary >= 0 && named?.heading ? wordsSinceQuantity.slice(0, beneficiary) : wordsSinceQuantity;
    const refers = slotRefers || (expectingDrink && beforeWhom.every((word) => COURTESY.has(word) || CONTAINERS.has(word)));
    /** "one of them", "two of those": the count said of drinks pointed back at. */
    const ofThose = slotRefers;
    const forSomeone = wordsSinceQuantity.includes("for");
    const range = quantityRange;
    const slotAfterAnd = quantityAfterAnd;
    quantityAfterAnd = false;
    expectingDrink = false;
    wordsSinceQuantity = [];
    slotRefers = false;
    quantity = null;
    quantityRange = undefined;
    // "a long flight from Singapore", "a client": an English noun that names nothing a bar serves is
    // talk, not a drink the bar lacks ("a sazerac" is one). Words that go on into a clause ("two, my
    // partner wants one") stay unknown: the clause is not an order as read.
    const notServed = phrase !== null && !isTalk(phrase, slotWords, index);
    if (phrase) (notServed ? unknown : stray).push(phrase);
    // ("a margarita on the rocks and a lager": how the drink not served was to be made goes with it.)
    if (notServed && phrase === slotWords.join(" ")) before = before.slice(0, beforeTheSlot);
    // "two or three" with no drink after it is no count at all.
    if (count === null || phrase || range) return;
    // ("a whiskey neat, a double": the size of the one drink just made, not a second one; "one dry" after a
    // dirty martini is another way of making it, so another martini.)
    if (named && named.quantity === 1 && count === 1 && !slotAfterAnd && !forSomeone && before.length > 0 && before.every((read) => read.modifier === DOUBLE && !named?.modifiers.includes(DOUBLE))) {
      attach(named, before);
      before = [];
      return;
    }
    if (before.length > 0 && named) {
      const source = named;
      const { heading: _heading, perGuest: _perGuest, ...counted } = source;
      // ("two martinis, both shaken, and one of them dirty": some of those counted are made so as well, the rest as they were.)
      const split: ParsedLine = ofThose
        ? { ...counted, quantity: count, quantitySaid: true, modifiers: replaceModifiers(source.modifiers, before.filter((read) => !read.soft).map((read) => read.modifier)), softModifiers: [...source.softModifiers, ...before.filter((read) => read.soft).map((read) => read.modifier)] }
        : { ...counted, quantity: count, quantitySaid: true, modifiers: [], softModifiers: [] };
      if (!ofThose) attach(split, before);
      before = [];
      // "martinis, two of them dirty": drinks named with no count are the ones counted now.
      // ("a round of cosmos, three of them, shaken": so are the drinks of a round, as many as there are guests.)
      if (source.heading || source.perGuest) usedUp.add(source);
      // The source keeps what is left of it; used up, the split takes its place at the end, in the order said.
      // "two vodkas neat and one on the rocks": a drink already made its own way keeps its count.
      const madeItsWay = source.modifiers.length > 0 || source.softModifiers.length > 0;
      if ((!madeItsWay || ofThose) && source.quantity >= count) {
        source.quantity -= count;
        if (source.quantity === 0) usedUp.add(source);
      }
      drafts.push(split);
    } else if (named && forSomeone && named.range === undefined && (namedFor || (slotAfterAnd && named.quantity === 1 && !named.perGuest))) {
      // "one IPA for seat 3 and one for seat 4", "a martini and one for my wife": another of the same
      // drink, for someone else. ("two martinis, one for me and one for her" shares out the two.)
      drafts.push({ ...named, quantity: count, quantitySaid: true, modifiers: [...named.modifiers], softModifiers: [...named.softModifiers] });
    } else if (!(looseQuantity !== null && forSomeone && count < looseQuantity)) {
      // ("two of those, please, one for my old lab partner": one of the two is for someone, not a new count.)
      looseQuantity = count;
      looseRefers = refers;
    }
  };

  const { events, shape, said, negated } = scan(tokens, index, pauses);
  let restrictedCount = false;
  for (const [at, event] of events.entries()) {
    switch (event.kind) {
      case "quantity": {
        // "two vodkas and a rum, all three on the rocks": the drinks said, counted again, not three more.
        const previousEvent = events[at - 1];
        const allCounted = forEveryLine && previousEvent?.kind === "word" && previousEvent.token === "all" && event.value === drafts.reduce((sum, draft) => sum + draft.quantity, 0);
        if (allCounted) break;
        closeSlot();
        flushStray();
        // "four martinis, just three": a count said again, restricted, after the drink.
        restrictedCount = previousEvent?.kind === "word" && (previousEvent.token === "just" || previousEvent.token === "only") && drafts.length > 0;
        quantity = event.value;
        quantityRange = event.range;
        beforeTheSlot = before.length;
        quantityAfterAnd = previousEvent?.kind === "separator" && !previousEvent.or;
        expectingDrink = true;
        forEveryLine = false;
        open = null;
        break;
      }
      case "modifier":
        if (forEveryLine) drafts.forEach((draft) => attach(draft, [event.read]));
        else if (open) attach(open, [event.read]);
        else before.push(event.read);
        break;
      case "item": {
        // "a coaster for my negroni", "fries with my beer": not another negroni, only where the coaster goes.
        if (event.possessed) break;
        // "a classic martini": a word that names a drink alone only describes the one after it.
        const nextItem = events[at + 1];
        if (nextItem?.kind === "item" && (isQualifier(event) || namesItsBase(event, nextItem, index))) break;
        if (isTopic(events, at)) {
          // "a moment to read up on the brandy": talked about, whatever came before it.
          topics.push({ candidates: event.itemIds, category: event.category, quantity: 1, quantitySaid: false, modifiers: [...event.modifiers], softModifiers: [] });
          before = [];
          endSlot(null);
          break;
        }
        const previous = events[at - 1];
        // ("a water please, just a water", "an iced tea, no alcohol, just the plain iced tea": the same drink
        // said again, "just" that, is no second one; "just" may stand a few words before it, none of them a drink.)
        const since = events.slice(Math.max(0, at - 3), at);
        const saidSince = since.slice(since.findLastIndex((event) => event.kind === "item" || isWordEvent(event, "and")) + 1);
        const restricting = saidSince.some((event) => event.kind === "word" && (event.token === "just" || event.token === "only"));
        const countSince = saidSince.find((event) => event.kind === "quantity");
        const restatedCount = countSince?.kind === "quantity" ? countSince.value : 1;
        if (restricting && drafts.some((draft) => sameDrink(draft, event.itemIds) && draft.quantity === restatedCount)) {
          quantity = null;
          expectingDrink = false;
          break;
        }
        // ("an iced tea, the non-alcoholic one": the kind the drink just named belongs to, said to tell it apart.)
        const describesNamed =
          event.category !== null && event.definite && named !== null && named === drafts[drafts.length - 1] && named.candidates.every((id) => event.itemIds.includes(id)) &&
          (isWordEvent(events[at + 1], "one") || events[at + 1]?.kind === "quantity" || events[at + 1] === undefined);
        if (describesNamed) {
          endSlot(named);
          break;
        }
        // ("a lemonade and two waters, and one of the waters on the rocks": some of the drink just counted, made apart.)
        const ofThe = isWordEvent(events[at - 2], "of") && ["the", "those", "these"].some((word) => isWordEvent(events[at - 1], word)) && events[at - 3]?.kind === "quantity";
        if (ofThe && named !== null && quantity !== null && Number.isInteger(quantity) && named.quantity > quantity && sameDrink(named, event.itemIds)) {
          named.quantity -= quantity;
          const unit: ParsedLine = { ...named, quantity, quantitySaid: true, modifiers: [...named.modifiers], softModifiers: [...named.softModifiers] };
          delete (unit as { heading?: true }).heading;
          drafts.push(unit);
          attach(unit, before);
          before = [];
          endSlot(unit);
          break;
        }
        // ("a martini, dirty, a dirty martini please": the one drink said again, made the same way, is not a second one.)
        const saidAlike = [...before.map((read) => read.modifier), ...event.modifiers];
        const alike =
          named !== null && named === drafts[drafts.length - 1] && named.quantity === 1 && quantity === 1 && !quantityAfterAnd && named.modifiers.length > 0 &&
          sameDrink(named, event.itemIds) && saidAlike.length === named.modifiers.length && saidAlike.every((modifier) => named?.modifiers.includes(modifier));
        if (alike) {
          before = [];
          endSlot(named);
          break;
        }
        if (named !== null && named === drafts[drafts.length - 1] && sameDrinkOrItsBase(named, event, index)) {
          const since = sinceLastItem(events, at);
          // ("a water for each of us, three waters": one each, then the sum said; no more than that sum.)
          if (named.quantity === 1 && quantity !== null && quantity > 1 && !quantityAfterAnd && since.each && !since.separated && sameDrink(named, event.itemIds)) {
            named.quantity = quantity;
            named.quantitySaid = true;
            endSlot(named);
            break;
          }
          // ("a soda please, coke if you have it": the drink said again bare, no count and only a "please" or a
          // "preferably" since it was named, by another of its names, says which kind of it; no second one;
          // "sprite for me, ginger ale for him" are two.)
          // ("A martini, please. Gin, very cold, stirred.": the spirit the cocktail just named is made with, said bare
          // after it, says which of it; the serving words after go with the cocktail.)
          const sayWhichKind = sameDrink(named, event.itemIds) && since.lastItem?.itemIds.join() === event.itemIds.join() && event.category === null;
          const baseAfter = since.lastItem !== undefined && namesItsBase(event, since.lastItem, index);
          if (quantity === null && since.onlyLeads && (sayWhichKind || baseAfter)) {
            endSlot(named);
            break;
          }
        }
        // "a jameson whiskey", "a corona beer": the drink named again by its kind is still that one drink.
        if (!expectingDrink && previous?.kind === "item" && previous.category === null && previous.itemIds.every((id) => event.itemIds.includes(id))) break;
        // "four beer IPA", "two beers, the IPA": the kind said first, then which one of it.
        const kindLine = drafts[drafts.length - 1];
        const refines =
          kindLine !== undefined && kindLine === named && kindLine.category !== null && quantity === null && wordsSinceQuantity.length === 0 &&
          event.itemIds.every((id) => kindLine.candidates.includes(id)) &&
          (previous?.kind === "item" || (event.definite && isWordEvent(previous, "the") && events[at - 2]?.kind === "item"));
        if (refines) {
          kindLine.candidates = [...event.itemIds];
          kindLine.category = null;
          expectingDrink = false;
          open = kindLine;
          break;
        }
        // "an espresso martini", "a vodka martini": one drink the bar does not have, not the one in its name.
        // ("negroni, manhattan, old fashioned": two cocktails, or two beers, side by side are a list.)
        // ("a bourbon old fashioned", "a rye manhattan": the spirit the cocktail is made with only describes it.)
        // ("make the lemonades iced teas": a drink said in the plural names drinks, never what another is made with.)
        const drinkBefore =
          !expectingDrink && previous?.kind === "item" && !previous.plural && !isQualifier(previous) && !sameFamily(previous, event, index) && !namesItsBase(previous, event, index) ? previous : null;
        let qualifier = expectingDrink ? drinkPhrase(wordsSinceQuantity) : drinkBefore?.words.join(" ") ?? null;
        const other = qualifier !== null && expectingDrink ? groundPhrase(qualifier, index) : null;
        if (other && qualifier !== null && !isDrinkLike(other)) {
          unknown.push(qualifier);
          // "a straw for the soda": the drink the garnish is for, not another one.
          // ("a straw for my friend's soda": the drink someone has, after "for".)
          const placed = wordsSinceQuantity.findLastIndex((word) => PLACING.has(word));
          const owned = placed >= 0 && placed < wordsSinceQuantity.length - 1 && POSSESSIVES.has(wordsSinceQuantity[placed + 1] as string);
          if (other.kind === "GARNISH" && ((event.definite && placed === wordsSinceQuantity.length - 1) || owned)) {
            wordsSinceQuantity = [];
            expectingDrink = false;
            quantity = null;
            break;
          }
          // "one pizza with a diet coke": the count and the words were a dish's; the drink is a line of its own.
          qualifier = null;
          quantity = null;
        }
        if (qualifier !== null) {
          const last = drafts[drafts.length - 1];
          if (drinkBefore && last && sameDrink(last, drinkBefore.itemIds)) {
            drafts.pop();
            if (named === last) named = null;
          }
          unknown.push(`${qualifier} ${event.words.join(" ")}`);
          before = [];
          endSlot(null);
          break;
        }
        flushStray();
        // "a whisky and a water, the whisky on the rocks": back to the line already named.
        const earlier = event.definite && quantity === null ? drafts.find((draft) => sameDrink(draft, event.itemIds)) : undefined;
        if (earlier) {
          open = earlier;
          break;
        }
        const line: ParsedLine = {
          candidates: event.itemIds,
          category: event.category,
          quantity: quantity ?? eachCount ?? 1,
          quantitySaid: quantity !== null || eachCount !== null,
          modifiers: [...event.modifiers],
          softModifiers: [],
          ...(quantity !== null && quantityRange ? { range: quantityRange } : {}),
        };
        attach(line, before);
        // "some martinis for the group": more than one, but how many was not said.
        if (quantity === null && events[at - 1]?.kind === "word" && (events[at - 1] as { token: string }).token === "some" && (isPlural(event.words, index) || event.heldInPlural)) {
          line.range = { low: 2, high: 4, vague: true };
        }
        const alternative = alternativeTo;
        alternativeTo = null;
        if (alternative && alternative.category === null && line.category === null) {
          // "A negroni or an old fashioned?": one line that could be either; the guest is asked which.
          alternative.candidates = [...new Set([...alternative.candidates, ...line.candidates])];
          if (line.quantitySaid && line.quantity !== alternative.quantity) {
            alternative.range = { low: Math.min(line.quantity, alternative.quantity), high: Math.max(line.quantity, alternative.quantity), vague: false };
          }
          before = [];
          endSlot(alternative);
          break;
        }
        drafts.push(line);
        if (event.plural && quantity === null) line.heading = true;
        if (event.plural && (quantity === null || (event.roundOf && quantity === 1))) line.perGuest = true;
        before = [];
        forEveryLine = false;
        endSlot(line);
        named = line;
        namedFor = false;
        break;
      }
      case "times":
        // "a martini x 3" is three; "2 IPAs x 2", four.
        if (named !== null && named === drafts[drafts.length - 1]) {
          named.quantity = named.quantitySaid ? named.quantity * event.value : event.value;
          named.quantitySaid = true;
        }
        break;
      case "separator":
        // "a martini, dirty and shaken, and a negroni": "and" between two serving words keeps the line open.
        if (open !== null && events[at - 1]?.kind === "modifier" && events[at + 1]?.kind === "modifier") break;
        closeSlot();
        flushStray();
        alternativeTo = event.or && events[at - 1]?.kind !== "separator" ? (drafts[drafts.length - 1] ?? null) : null;
        // ("eighty-eight! and a lemonade": a number said alone before "and" and the first drink counts none of them.)
        // ("ride tickets, two of them, and an iced tea", "two of those and a lager": a count said before "and" and any drink, the same.)
        const saidLast = events[at - 1];
        const countOfThose = looseQuantity !== null && saidLast?.kind === "word" && REFERRING.has(saidLast.token);
        if (named === null && (events[at - 1]?.kind === "quantity" || countOfThose)) looseRefers = false;
        expectingDrink = named !== null;
        beforeTheSlot = before.length;
        open = null;
        break;
      case "word":
        // "two of each: daiquiri, cosmo": the count goes to every drink said after it.
        if (event.token === "each" && isWordEvent(events[at - 1], "of") && quantity !== null && expectingDrink && wordsSinceQuantity.length === 0) {
          eachCount = quantity;
          break;
        }
        // "a gin on the rocks, and the same for my colleague": what was just ordered, once more, for them.
        if (event.token === "same" && expectingDrink && quantity === null && isWordEvent(events[at + 1], "for") && drafts.length > 0) {
          const again = drafts.filter((draft) => !usedUp.has(draft)).map((draft) => ({ ...draft, modifiers: [...draft.modifiers], softModifiers: [...draft.softModifiers] }));
          drafts.push(...again);
          expectingDrink = false;
          wordsSinceQuantity = [];
          open = null;
          break;
        }
        if (expectingDrink && REFERRING.has(event.token)) slotRefers = true;
        if (open !== null && open === named && event.token === "for") namedFor = true;
        if (EVERY_LINE.has(event.token) && drafts.length > 1) {
          // "one dry and one dirty, both shaken": the split before "both" is made first.
          closeSlot();
          forEveryLine = true;
        }
        else if (expectingDrink && !QUANTITY_LINKS.has(event.token)) wordsSinceQuantity.push(event.token);
        // ("auntie Rose": the name after whom it is, no drink to report missing.)
        else if (!expectingDrink && !isFiller(event.token) && !PERSON_WORDS.has(previousWord(events, at))) strayRun.push(event.token);
        else if (!expectingDrink) flushStray();
        break;
    }
  }
  closeSlot();
  flushStray();
  if (before.length > 0) {
    const last = drafts[drafts.length - 1];
    if (last) attach(last, before);
    else looseModifiers.push(...before);
  }
  for (const draft of drafts) {
    draft.modifiers = canonicalModifiers(draft.modifiers);
    draft.softModifiers = canonicalModifiers(draft.softModifiers.filter((modifier) => !draft.modifiers.includes(modifier)));
  }
  // "a round of IPAs, four of them": a number after the only drink, said with none of its own and
  // pointing back at it, is its count. Any other number after it ("my lucky number is 7") is not.
  const [only, ...others] = drafts;
  if (only && others.length === 0 && looseQuantity !== null && looseQuantity > 0 && restrictedCount && only.range === undefined) {
    only.quantity = looseQuantity;
    looseQuantity = null;
  }
  if (only && others.length === 0 && only.quantity === 1 && looseQuantity !== null && looseQuantity > 0 && looseRefers) {
    only.quantity = looseQuantity;
    only.quantitySaid = true;
    looseQuantity = null;
  }
  // Quantities no bar pours (zero, negative, fractional, countless) stay as said, to be refused in words.
  return {
    drafts: withoutHeadings(drafts.filter((draft) => !usedUp.has(draft))),
    topics, unknown, stray, looseQuantity, looseModifiers, shape, said,
    ...(negated.length > 0 ? { negatedModifiers: negated } : {}),
  };
}
