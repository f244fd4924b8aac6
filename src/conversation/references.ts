/**
 * What an utterance says of drinks already ordered, asked about or offered: edits of what is on
 * the tab ("dirty" after a martini, "make one of those a manhattan", "take one off", "the lemonade
 * should be an iced tea"), the drink or the round in focus ("make it three" after a price question,
 * "and the daiquiri?"), and what Maya is still waiting to hear about. Pure: each function reads one
 * clause with the dialogue state and returns a reading, or null when the clause is not one of these.
 */
import type { MenuItem, Modifier } from "../bar/menu-catalog.js";
import type { Clause } from "./clauses.js";
import type { DialogueState, PendingQuestion } from "./dialogue-state.js";
import { sameDrink, type DraftLine } from "./drafts.js";
import { matches, namesNewDrinkFirst, REMOVE_VERB, REPEAT_CUE, spokenCount, subjectOf, utteranceOf, type Utterance } from "./intents.js";
import { matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import { canonicalModifiers, isModifier, modifierProblem, readModifierAt, replaceModifiers } from "./modifiers.js";
import type { Pause, ReadText } from "./normalise.js";
import { readQuantity } from "./numbers.js";
import { WHOSE } from "./people.js";
import type { RemoveLine, Understanding } from "./understanding.js";

const namesAny = (u: Utterance): boolean => u.order.drafts.length > 0 || u.order.unknown.length > 0;

/** Words a clause may open with before what it says. */
const OPENERS = new Set(["and", "so", "oh", "okay", "well", "also", "then", "actually", "um", "uh", "ah", "hmm", "maya", "hey", "but", "now"]);
const opening = (u: Utterance): string => ` ${u.tokens.slice(u.tokens.findIndex((token) => !OPENERS.has(token))).join(" ")} `;
/** "can one of them be on the rocks?", "could it be shaken?": a question that asks for a change. */
const ASKING_FOR = /^ (can|could|would|will) /;
/** "one of those", "two of them", "a couple of the martinis": some units of the drinks ordered. */
const THOSE = new Set(["those", "them", "these", "the", "my", "our"]);
const EVERY_ONE = / (them|those|these|all|both|each|every one|the lot) /;

/** The units "one of those" speaks of, or null when no such phrase was said. */
export function unitsOf(u: Utterance): number | null {
  const { tokens } = u;
  // "make the bride's one dry", "his one up": one person's one of them.
  if (tokens.some((token, at) => token === "one" && at >= 2 && (WHOSE.has(tokens[at - 1] as string) || (tokens[at - 2] === "the" && readQuantity(tokens, at - 1) === null && tokens[at - 1] !== "same")))) return 1;
  // "she wants hers dirty", "make mine a double": one person's one.
  // ("he wants his on the rocks", "make his a double": "his" standing for his drink.)
  if (tokens.some((token, at) => token === "hers" || token === "mine" || (token === "his" && (tokens[at + 1] === undefined || tokens[at + 1] === "a" || readModifierAt(tokens, at + 1) !== null)))) return 1;
  for (let of = 1; of < tokens.length - 1; of += 1) {
    if (tokens[of] !== "of" || !THOSE.has(tokens[of + 1] as string)) continue;
    for (let start = Math.max(0, of - 3); start < of; start += 1) {
      const read = readQuantity(tokens, start);
      if (read && start + read.length === of) return read.value;
    }
  }
  return null;
}

/** Verbs that change a drink into another. */
const CHANGING = new Set(["make", "change", "switch", "swap", "turn"]);
/** Words between the units and the new drink: "change one to a lager", "make two into negronis", "swap one for an IPA". */
const INTO = new Set(["to", "into", "for", "a", "an"]);

/**
 * "change one to a lager", "make two into negronis": units counted right after a verb of changing;
 * `linked` when a word must lead on to the new drink ("make one up" needs none).
 */
function unitsChanged(u: Utterance, linked = true): number | null {
  const { tokens } = u;
  for (let at = 0; at < tokens.length - 1; at += 1) {
    if (!CHANGING.has(tokens[at] as string) || tokens[at + 1] === "a" || tokens[at + 1] === "an") continue;
    const read = readQuantity(tokens, at + 1);
    if (read && (!linked || INTO.has(tokens[at + 1 + read.length] as string))) return read.value;
  }
  return null;
}

/** A request, or a question asking for one ("can it be shaken?"). */
const asksForChange = (clause: Clause, u: Utterance): boolean =>
  clause.act === "REQUEST" || clause.fragment || ASKING_FOR.test(opening(u)) || servingWordsOnly(u) || matches(u, UNITS_SHOULD_BE);
/** "two of them should be classic brews": units of what was poured, said to be another drink. */
export const UNITS_SHOULD_BE = / of (them|those|these|the \w+) (should|ought to|need to|needs to|must|have to|has to|can|could) be /;

/** Words that only point at the drink or soften the ask: "double it", "neat that one please". */
const POINTING = new Set(["it", "that", "this", "them", "those", "these", "one", "ones", "please", "thanks", "too", "also", "and", "but", "both", "all", "of", "then", "fine", "okay", "alright", "sure"]);
/** "both up please": nothing but pointing words and a serving word the parser reads only after a drink. */
const onlyPointing = (u: Utterance): boolean => u.tokens.every((token) => POINTING.has(token) || token === "up");
const servingWordsOnly = (u: Utterance): boolean =>
  u.order.looseModifiers.length > 0 && u.order.shape.trim().split(" ").every((word) => word === "MOD" || POINTING.has(word));

/** "he wants it doubled", "could his be dirty?": whoever wants it, it is a drink just poured. */
const THE_DRINK_POURED = / (it|them|that one|those) | (could|can|would) (his|hers) be /;
/** "my wife wants hers on the rocks": another guest's drink, not the one poured. */
const SOMEONE_ELSES = / (hers|his|theirs|he|she|wife|husband|friend|mate|brother|sister|partner|date) /;

/** "for my friend", "for him": a drink for someone else. */
const FOR_ANOTHER = / for (my|our|his|her|their|the) \w+ | for (him|her|them) /;

/** Readings that say nothing of their own: serving words alone read as one of these. */
const SAYS_NOTHING = (reading: Understanding): boolean =>
  reading.intent === "UNKNOWN" ||
  reading.intent === "MODIFY" ||
  (reading.intent === "ORDER" && reading.drafts.length === 0 && reading.unknown.length === 0) ||
  (reading.intent === "SMALL_TALK" && reading.topic === "ACKNOWLEDGE");

/**
 * Serving words said on their own after an order ("dirty", "with a chaser too", "up, with a twist",
 * "can one of them be on the rocks?"): how the drinks already poured are made, changed in one edit;
 * nothing more is poured. They are read as if said right after the drink ("a Manhattan up, with a
 * twist"). A count is an order ("two, dirty"), unless it counts some of those poured ("one of
 * them"); "another one, dirty" pours another.
 */
function referredEdit(reading: Understanding, clause: Clause, u: Utterance, state: DialogueState, index: MenuIndex): Understanding | null {
  const last = state.lastOrder[state.lastOrder.length - 1];
  const item = last && index.byId.get(last.menuItemId);
  // ("he wants his with a twist" after two old fashioneds, one for him: "his" is one of those poured;
  // after one drink, the guest's own, it is another guest's drink.)
  const oneOfThePoured = unitsOf(u) === 1 && state.lastOrder.reduce((units, line) => units + line.quantity, 0) > 1;
  if (!item || namesAny(u) || !SAYS_NOTHING(reading) || !asksForChange(clause, u) || matches(u, REPEAT_CUE) || (matches(u, SOMEONE_ELSES) && !matches(u, THE_DRINK_POURED) && !oneOfThePoured)) return null;
  // "one of those on the rocks for my friend": another one, made that way, for someone.
  if (matches(u, FOR_ANOTHER) && spokenCount(u) !== null && !matches(u, CHANGE_VERB)) return null;
  // "Perfect." on its own approves; the serving is asked for with the drink or a verb ("make it perfect").
  if (u.tokens.length === 1 && u.tokens[0] === "perfect") return null;
  const hard = u.order.looseModifiers.filter((read) => !read.soft).map((read) => read.modifier);
  const continued = asSaidOf(u, item.name, clause.fragment || onlyPointing(u), index).order.drafts[0];
  // "make the neat one a double": "neat" says which drink, "a double" how it is to be made.
  const madeAs = namedByServing(u.tokens);
  // ("make those up, no ice" of daiquiris: "no ice" said in passing, where the drink cannot be neat, asks nothing.)
  const inPassing = u.order.looseModifiers.filter((read) => read.soft).map((read) => read.modifier);
  const modifiers = canonicalModifiers([...hard, ...(continued?.modifiers ?? [])]).filter(
    (modifier) => !madeAs.includes(modifier) && !(inPassing.includes(modifier) && !hard.includes(modifier) && modifierProblem(item, [modifier]) !== null),
  );
  if (modifiers.length === 0) return null;
  const units = unitsOf(u) ?? unitsChanged(u, false);
  // "two, dirty" orders two; "that one" and "them both" point at drinks poured, counting none.
  const pointing = matches(u, POINTING_ONE) || matches(u, EVERY_ONE);
  if (units === null && !pointing && (spokenCount(u) !== null || u.order.looseQuantity !== null)) return null;
  return {
    intent: "MODIFY",
    modifiers,
    ...(units !== null ? { quantity: units } : matches(u, EVERY_ONE) ? { all: true } : {}),
    ...(madeAs.length > 0 ? { madeAs } : {}),
  };
}

/** The serving words in "the neat one", "that dirty one", "the one on the rocks": which of the drinks poured is meant. */
function namedByServing(tokens: readonly string[]): Modifier[] {
  return servedOnes(tokens)?.modifiers ?? [];
}

const POINTING_DETERMINERS = new Set(["the", "that", "this", "those", "these"]);
/** Verbs that ask for a drink to be made some way: "do that one stirred", "make the one neat". */
const MAKING_VERBS = new Set(["do", "make", "have", "serve", "pour"]);

/** "the neat one" (one), "the dirty ones", "the ones on the rocks" (all of them): drinks named by how they are made. */
function servedOnes(tokens: readonly string[]): { modifiers: Modifier[]; all: boolean } | null {
  for (const [at, token] of tokens.entries()) {
    if (!POINTING_DETERMINERS.has(token)) continue;
    const before = readModifierAt(tokens, at + 1);
    const one = before ? tokens[at + 1 + before.length] : tokens[at + 1];
    if (one !== "one" && one !== "ones") continue;
    // ("can you do that one stirred": after a verb of making, the serving said after "one" is how to make it now.)
    if (!before && MAKING_VERBS.has(tokens[at - 1] ?? "")) continue;
    const serving = before ?? readModifierAt(tokens, at + 2);
    if (serving) return { modifiers: [serving.modifier], all: one === "ones" };
  }
  return null;
}

/** "make the second one a martini", "that one": one unit of those just ordered. */
/** Words that point back at drinks said before: "one of them", "make it", "those". */
export const POINTS_BACK = / (them|those|these|it|that|this|one|em) /;
const ONE_OF_THEM = / (the|that|this) (first |second |third |last |other |next )?one | (hers|his|mine) /;

/** "that one", "this one": a drink pointed at, not a count of one. */
const POINTING_ONE = / (that|this|the|which|each|every|my|last|same) (\w+ )?one /;
/** Verbs whose object is the drink itself: "make them up", "I'd like it dry" (not "fill it up", "top it up"). */
const HAVING = new Set(["make", "have", "get", "serve", "want", "like", "do", "pour", "bring"]);
/** "can they be up?", "could it be shaken?": the drink as the subject of a request. */
const MODALS = new Set(["can", "could", "would", "will"]);
const STANDS_FOR_DRINK = new Set(["it", "them", "they", "those", "these", "that", "mine", "one"]);

/**
 * The clause read with the drink it is about in place: a fragment continues the drink ("up, with a
 * twist" after a Manhattan is "a Manhattan up, with a twist"); "it" or "them" after a verb of
 * having stands for it ("make them both up"). Serving words are then read as said of the drink.
 */
function asSaidOf(u: Utterance, name: string, fragment: boolean, index: MenuIndex): Utterance {
  const drink = name.toLowerCase().split(" ");
  const at = u.tokens.findIndex((token, position) => {
    const before = u.tokens[position - 1] ?? "";
    // ("up, both of them": "both of them" points at every drink; the serving word is said of them all.)
    const ofEvery = before === "of" && ["both", "all", "each"].includes(u.tokens[position - 2] ?? "");
    return STANDS_FOR_DRINK.has(token) && !ofEvery && (HAVING.has(before) || MODALS.has(before) || before === "of");
  });
  if (at >= 0) return utteranceOf([...u.tokens.slice(0, at), ...drink, ...u.tokens.slice(at + 1)], index);
  // Pointing words ("both", "them") are not what the drink is made with: left out, as counts they would end it.
  return fragment ? utteranceOf([...drink, ...u.tokens.filter((token) => !POINTING.has(token))], index) : u;
}

const DEFINITE_DRINK = / (the|my|that|this|those|these|our|his|her|their|both|both the|all the|all|each) (\w+ )?DRINK /;

/**
 * "And put a twist on the iced tea", "can the martini be dirty?": serving words for a drink of the
 * last order named as that one ("the", "my"), not a new one: those drinks are made that way.
 */
function namedEdit(reading: Understanding, clause: Clause, u: Utterance, state: DialogueState): Understanding | null {
  if ((reading.intent !== "ORDER" && reading.intent !== "MENU") || !asksForChange(clause, u)) return null;
  // "make one of the brandies a double": some units of a drink on the tab, counted from those poured.
  const units = unitsOf(u);
  if (u.order.said.counts > (units === null ? 0 : 1)) return null;
  const [draft, ...others] = u.order.drafts;
  if (!draft || others.length > 0 || draft.category !== null || (draft.quantitySaid && units === null) || u.order.unknown.length > 0) return null;
  // ("make the bourbon a single", "the martini without the twist": how it is no longer to be made.)
  const unmade = u.order.negatedModifiers ?? [];
  if ((draft.modifiers.length === 0 && unmade.length === 0) || !DEFINITE_DRINK.test(u.order.shape)) return null;
  const unmaking = unmade.length > 0 ? { unmade } : {};
  if (units !== null) return { intent: "MODIFY", modifiers: draft.modifiers, itemIds: [...draft.candidates], quantity: units, ...unmaking };
  // ("swap one of them for a manhattan", then "do the negronis on the rocks": the order before that swap.)
  const recent = [...state.lastOrder, ...(state.lastEdit?.lastOrderBefore ?? [])];
  // ("make his manhattan up", orders ago: a drink pointed at with a change verb is the one on the tab; so is
  // "the negroni" of "can you do the negroni on the rocks", when one is on it.)
  const onTab = (state.onTab ?? []).some((id) => draft.candidates.includes(id));
  // ("wipe the whole tab", then "just the brandy again then, neat": no longer on the tab, so ordered again, not changed.)
  if (state.onTab !== undefined && !onTab) return null;
  if (!recent.some((line) => draft.candidates.includes(line.menuItemId)) && !onTab && !matches(u, POINTED_CHANGE)) return null;
  return { intent: "MODIFY", modifiers: draft.modifiers, itemIds: [...draft.candidates], all: true, ...unmaking };
}

const CHANGE_VERB = / (make|change|switch|swap|turn|replace|be|instead|as (a|an)) /;
/** The first drink said is the one units are taken from: "one of the lemonades ... a sprite". */
const UNITS_OF_THE_FIRST = /^[^D]* (of|off) (the|those|these|my|our|his|her|their) (\w+ )?DRINK /;
/** "make his manhattan up", "change my martini to dirty": a change said of a drink pointed at by whose it is. */
const POINTED_CHANGE = / (make|change|turn) (his|her|my|their|our) /;

/**
 * "Make one of those a manhattan" after three martinis: one unit of the round becomes another
 * drink (one replacement, one edit), none added; "make one of the martinis a manhattan" names it.
 */
function unitReplaced(reading: Understanding, requested: boolean, u: Utterance, state: DialogueState, namedBefore: readonly string[] = []): Understanding | null {
  if (!requested || !matches(u, CHANGE_VERB)) return null;
  const units = unitsOf(u) ?? unitsChanged(u) ?? (matches(u, ONE_OF_THEM) ? 1 : null);
  if (units === null || units < 1 || u.order.unknown.length > 0) return null;
  const drafts = u.order.drafts;
  const [first, second] = drafts;
  const poured = (itemId: string) => state.lastOrder.some((line) => line.menuItemId === itemId);
  if (drafts.length === 2 && first && second) {
    // "make one of the gins a vodka"; "a vodka instead of his gin" names the new drink first, and so
    // does "he'd rather have an old fashioned, swap one of the martinis" (the drink poured is the old one).
    // ("one of the lemonades should be a sprite": the drink the units are taken from is the old one, whatever was poured last.)
    const unitsOfTheFirst = UNITS_OF_THE_FIRST.test(u.order.shape);
    const [old, replacement] = !unitsOfTheFirst && (namesNewDrinkFirst(u) || (second.candidates.some(poured) && !first.candidates.some(poured))) ? [second, first] : [first, second];
    if (old.category !== null) return null;
    const line = { candidates: old.candidates, category: null, quantity: units, modifiers: old.modifiers };
    return { intent: "REPLACE", target: { kind: "NAMED", line, asSaid: true }, drafts: [{ ...replacement, quantity: units, quantitySaid: true }], unknown: [] };
  }
  if (drafts.length !== 1 || !first || reading.intent === "REMOVE") return null;
  // "Tom says his old fashioned is too sweet, make one of them a manhattan": the drink just talked about.
  const talkedOf = namedBefore[namedBefore.length - 1];
  // "he'd rather have an old fashioned, swap one of the martinis": the drink poured is swapped for the one just talked of.
  if (talkedOf !== undefined && !first.candidates.includes(talkedOf) && !poured(talkedOf) && first.candidates.some(poured)) {
    const line = { candidates: first.candidates, category: null, quantity: units, modifiers: first.modifiers };
    const replacement: DraftLine = { candidates: [talkedOf], category: null, quantity: units, modifiers: [], softModifiers: [] };
    return { intent: "REPLACE", target: { kind: "NAMED", line, asSaid: true }, drafts: [{ ...replacement, quantitySaid: true }], unknown: [] };
  }
  if (talkedOf !== undefined && !first.candidates.includes(talkedOf) && matches(u, POINTS_BACK)) {
    const line = { candidates: [talkedOf], category: null, quantity: units, modifiers: [] };
    return { intent: "REPLACE", target: { kind: "NAMED", line, asSaid: true }, drafts: [{ ...first, quantity: units, quantitySaid: true }], unknown: [] };
  }
  // The line "those" points at: the last one holding several units, else the last one; of the same
  // drink first ("one of the martinis should be dry": a martini, whatever else was ordered).
  // ("make the dry one a gin on the rocks": the unit pointed at by how it is made; the new drink is not made so.)
  const pointed = servedOnes(u.tokens)?.modifiers ?? [];
  const enough = state.lastOrder.filter((line) => line.quantity >= units);
  const madeSo = enough.filter((line) => pointed.every((modifier) => line.modifiers.includes(modifier)));
  const counted = pointed.length > 0 && madeSo.length > 0 ? madeSo : enough;
  const sameItem = counted.filter((line) => first.candidates.includes(line.menuItemId));
  // ("make one of the vodkas neat instead" after two lagers: units of the vodkas poured before, made otherwise; no lager swapped.)
  if (sameItem.length === 0 && first.candidates.some((id) => state.onTab?.includes(id))) return null;
  const lines = sameItem.length > 0 ? sameItem : counted;
  const old = [...lines].reverse().find((line) => line.quantity > 1) ?? lines[lines.length - 1];
  if (!old) return null;
  const modifiers = counted === madeSo ? first.modifiers.filter((modifier) => !pointed.includes(modifier)) : first.modifiers;
  return {
    intent: "REPLACE",
    target: { kind: "LINES", lines: [{ ...old, quantity: units }], ...(counted === madeSo ? { asSaid: true as const } : {}) },
    drafts: [{ ...first, modifiers, quantity: units, quantitySaid: true }],
    unknown: [],
  };
}

/** "take one away", "knock two off": taking drinks off, whatever sits between. */
/** ("twenty waters to take back": what the drinks are for, no taking away.) */
const TAKING_AWAY = / (?<!to )(take|knock|cross|strike|scrub) (\w+ ){0,3}(off|away|out|back) /;

/** "the neat one", "the dirty ones" said of drinks to take off: the drink on the tab made so, one of it or all of it. */
export function servedOnesRemoved(tokens: readonly string[]): Understanding | null {
  const served = servedOnes(tokens);
  return served && { intent: "REMOVE", target: { kind: "MADE", modifiers: served.modifiers, quantity: served.all ? null : 1 } };
}

/** "Take one off", "take the second one off": units of the last order, not all of it; "take the neat one off": the drink made so. */
export function unitsRemoved(reading: Understanding, u: Utterance): Understanding | null {
  // "make that minus one" is a count to refuse, not one to take off.
  if (namesAny(u) || !(matches(u, REMOVE_VERB) || matches(u, TAKING_AWAY)) || !SAYS_NOTHING(reading) || u.tokens.includes("minus")) return null;
  const served = servedOnesRemoved(u.tokens);
  if (served) return served;
  const count = spokenCount(u);
  return count === null || count < 1 ? null : { intent: "REMOVE", target: { kind: "LAST_ORDER", quantity: count } };
}

/** "and the daiquiri?", "what about the IPA?" right after a question about another drink: the same question. */
const ABOUT_ANOTHER = /^ (and|or|what about|how about) /;
const WHAT_ABOUT = /^ (and |or )?(what|how) about /;
const FOR_SOMEONE = / (for (me|us|him|her|them|my \w+|the \w+)|please) /;

function askedAgain(clause: Clause, u: Utterance, state: DialogueState): Understanding | null {
  const topic = state.topic;
  if (!topic || topic.turn !== state.turn) return null;
  // "what would a martini run me?" then "and if I added a twist?": the same drink priced as changed.
  const focus = state.focusItemId;
  if (topic.kind === "PRICE" && focus && clause.kind === "HYPOTHETICAL" && u.order.drafts.length === 0 && u.order.looseModifiers.length > 0) {
    const modifiers = canonicalModifiers(u.order.looseModifiers.map((read) => read.modifier));
    return { intent: "PRICE", subject: { itemIds: [focus], category: null, unknown: [] }, asked: [{ candidates: [focus], category: null, quantity: 1, modifiers, softModifiers: [] }] };
  }
  if (u.order.drafts.length === 0 || u.order.said.counts > 0) return null;
  // A fragment ("and the daiquiri?"), or "what about the IPA?": not a question of its own ("and what beers do you have?").
  // "and a lemonade for me" asks for one, whoever it is for.
  const fragment = clause.act === "REQUEST" && clause.fragment && (matches(u, ABOUT_ANOTHER) || clause.asked) && !matches(u, FOR_SOMEONE);
  // "what about the brandy?" asks about it; "what about a beer?" proposes one.
  // (Right after a question about a drink, "what about a perfect manhattan?" asked as a question asks it too,
  // and so does "and what about an old fashioned", going on with it.)
  const aboutThe = (clause.act === "QUESTION" || clause.act === "REQUEST") && matches(u, WHAT_ABOUT) && (DEFINITE_DRINK.test(u.order.shape) || clause.asked || u.tokens[0] === "and");
  if (!fragment && !aboutThe) return null;
  if (!(aboutThe && clause.asked) && u.order.drafts.some((draft) => draft.modifiers.length > 0)) return null;
  return { intent: topic.kind, subject: subjectOf(u, false) };
}

/** The drinks Maya is waiting to hear about: the question she asked last, and one held since. */
function openDrinks(state: DialogueState): Set<string> {
  const ids = new Set<string>();
  for (const question of [state.pending, state.held] as (PendingQuestion | null)[]) {
    if (question?.kind === "ORDER" || question?.kind === "QUANTITY") question.drafts.forEach((draft) => draft.candidates.forEach((id) => ids.add(id)));
  }
  return ids;
}

/**
 * "ok, the gin on the rocks, and one of those IPAs" while Maya waits to hear how to pour the gin
 * and whether to pour an IPA: naming only the drinks she asked about, with neither a statement nor
 * a question, orders them as said.
 */
function openDrinksOrdered(reading: Understanding, clause: Clause, u: Utterance, state: DialogueState): Understanding | null {
  if (clause.act !== "CHAT" || reading.intent !== "MENTION" || u.order.unknown.length > 0 || u.order.drafts.length === 0) return null;
  const open = openDrinks(state);
  if (!u.order.drafts.every((draft) => draft.category === null && draft.candidates.every((id) => open.has(id)))) return null;
  return { intent: "ORDER", drafts: u.order.drafts, unknown: [] };
}

/** "Another one, neat this time": the repeat made the way now said. */
export function repeatedAs(reading: Understanding, u: Utterance): Understanding {
  // ("same, but no ice": said against how the last one was made, the soft "neat" of "no ice" counts too.)
  const against = / but (no|without) /.test(u.padded);
  const modifiers = u.order.looseModifiers.filter((read) => !read.soft || against).map((read) => read.modifier);
  return reading.intent === "REPEAT_ORDER" && modifiers.length > 0 ? { ...reading, modifiers: canonicalModifiers(modifiers) } : reading;
}

const MADE_SO_BEFORE = / MOD DRINK /;
/** A price question (or one about a drink made some way) keeps the drinks as said, with their counts: what Maya then offers. */
export function withAsked(reading: Understanding, u: Utterance): Understanding {
  if ((reading.intent !== "PRICE" && reading.intent !== "MENU") || reading.asked || u.order.drafts.length === 0) return reading;
  // Of a drink described, only how it is made said before its name is asked about with it ("what's a perfect
  // manhattan"): "is the old fashioned stirred?", "are the martinis shaken or stirred?" ask how it comes.
  if (reading.intent === "MENU" && !MADE_SO_BEFORE.test(u.order.shape)) return reading;
  return { ...reading, asked: u.order.drafts.map(({ quantitySaid: _said, ...draft }) => draft) };
}

/**
 * "Make it three" while Maya offers a drink just asked about (its price, what is in it): the count
 * of that drink, the one in focus. On the tab it then holds three; not on it, three are poured.
 */
export function focusedCount(reading: Understanding, state: DialogueState): Understanding | null {
  const offer = state.pending;
  if (offer?.kind !== "ORDER" || offer.ordered || !offer.confirm || offer.drafts.length !== 1) return null;
  const [draft] = offer.drafts as [DraftLine];
  if (draft.candidates.length !== 1 || reading.intent !== "CHANGE_QUANTITY" || reading.itemIds !== null) return null;
  return { intent: "CHANGE_QUANTITY", itemIds: [...draft.candidates], quantity: reading.quantity };
}

/** Words that add a drink rather than put one in another's place. */
const JOINING = new Set(["and", "plus", "also", "too", "with"]);

/**
 * "oops, the lemonade should be an iced tea", "I meant a lemonade, not a soda": of two drinks named
 * in a correction, one from the last order and one not, not joined as a list, the new one takes the
 * old one's place (and only that one's: the rest of the round stays as it was).
 */
function swappedInLastOrder(body: Utterance, state: DialogueState): Understanding | null {
  // "a lemonade, not a soda" names each drink once, however often it is said.
  const named = body.order.drafts.filter((draft, at, all) => all.findIndex((other) => sameDrink(other, draft)) === at);
  const [first, second, ...rest] = named;
  if (!first || !second || rest.length > 0 || body.order.unknown.length > 0 || body.tokens.some((token) => JOINING.has(token))) return null;
  // ("one of the lemonades should be a sprite": units taken from the drink named first, read as such.)
  if (unitsOf(body) !== null && UNITS_OF_THE_FIRST.test(body.order.shape)) return null;
  const ordered = (draft: DraftLine) => draft.category === null && state.lastOrder.some((line) => draft.candidates.includes(line.menuItemId));
  if (ordered(first) === ordered(second)) return null;
  const [old, fresh] = ordered(first) ? [first, second] : [second, first];
  const line: RemoveLine = { candidates: old.candidates, category: null, quantity: old.quantitySaid ? old.quantity : null, modifiers: old.modifiers };
  // "should be an iced tea": the article is no count, so two lemonades become two iced teas.
  return { intent: "REPLACE", target: { kind: "NAMED", line }, drafts: [{ ...fresh, quantitySaid: fresh.quantitySaid && body.order.said.counts > 0 }], unknown: [] };
}

/** "should be", "need to be": how a drink already poured ought to have been made. */
const SHOULD_BE = / (should|ought to|supposed to|needs to|need to|has to|have to|must) be /;
/** Words that say a drink named is a mistake for another: "should be", "meant", "instead of", "not". */
const CORRECTING = / (should|ought|supposed|meant|instead|rather|not|wrong|mistake) /;

/** "the soda should be a lemonade" with no repair cue before it: still a correction. */
const correctedDrink = (reading: Understanding, clause: Clause, u: Utterance, state: DialogueState): Understanding | null =>
  clause.act !== "QUESTION" && (reading.intent === "MENTION" || reading.intent === "CANCEL" || SAYS_NOTHING(reading)) && matches(u, CORRECTING)
    ? (swappedInLastOrder(u, state) ?? correctedServing(u, state))
    : null;

/** "sorry, that should be three lagers not two": a drink's count put right, whatever was ordered after it. */
function correctedCount(u: Utterance): Understanding | null {
  const [draft, ...others] = u.order.drafts;
  if (!draft || others.length > 0 || draft.candidates.length !== 1 || !draft.quantitySaid || u.order.said.counts === 0) return null;
  return matches(u, SHOULD_BE_COUNT) ? { intent: "CHANGE_QUANTITY", itemIds: [...draft.candidates], quantity: draft.quantity } : null;
}
/** "should be three lagers": a count right after "be" (the drink follows it). */
const SHOULD_BE_COUNT = / be (\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a dozen|half a dozen) /;

/** "the vodka should be a double": the serving words for a drink just ordered, as a correction of it. */
function correctedServing(u: Utterance, state: DialogueState): Understanding | null {
  const named = [...new Set(u.order.drafts.flatMap((draft) => draft.candidates))];
  const [itemId, ...others] = named;
  if (itemId === undefined || others.length > 0 || u.order.unknown.length > 0) return null;
  // ("the martinis should be shaken", ordered two turns ago: "should be" says they were poured; the tab is read when it is done.)
  if (!state.lastOrder.some((line) => line.menuItemId === itemId) && !matches(u, SHOULD_BE)) return null;
  const modifiers = canonicalModifiers([...u.order.drafts.flatMap((draft) => draft.modifiers), ...u.order.looseModifiers.map((read) => read.modifier)]);
  return modifiers.length > 0 ? { intent: "MODIFY", modifiers, itemIds: [itemId], all: true } : null;
}

/**
 * The edit or reference a clause makes of what was ordered, asked or offered, tried in turn: a
 * corrected drink, serving words for drinks poured, units replaced or taken off, the same question
 * about another drink, the drinks Maya waits on named as an order.
 */
export function readEdit(reading: Understanding, clause: Clause, u: Utterance, state: DialogueState, index: MenuIndex, namedBefore: readonly string[] = []): Understanding | null {
  return (
    correctedDrink(reading, clause, u, state) ??
    madeOtherwise(clause, u) ??
    referredEdit(reading, clause, u, state, index) ??
    namedEdit(reading, clause, u, state) ??
    unitReplaced(reading, asksForChange(clause, u), u, state, namedBefore) ??
    // ("if we lose round 3 we owe them negronis": a removal verb in a supposition takes nothing off.)
    (clause.act === "STATEMENT" ? null : unitsRemoved(reading, u)) ??
    askedAgain(clause, u, state) ??
    openDrinksOrdered(reading, clause, u, state)
  );
}

/** "make those vodkas neat too", "have the martinis shaken": drinks already poured, named, to be made another way. */
// ("actually make that whiskey a double": the drink pointed at, then how it is to be made.)
const MAKE_THE_DRINK = /^ ((and|oh|so|then|also|please|actually) )*(make|have|do|serve) (the|that|this|those|these|my|our|both|both the|all the) ((?!(a|an) )\w+ )?DRINK (a |an )?(MOD )+((too|as well|please|then|now|instead|actually) )*$/;
export function drinksMadeOtherwise(u: Utterance): Understanding | null {
  const [draft, ...others] = u.order.drafts;
  if (!draft || others.length > 0 || draft.candidates.length !== 1 || draft.modifiers.length === 0 || !MAKE_THE_DRINK.test(u.order.shape)) return null;
  return { intent: "MODIFY", modifiers: canonicalModifiers(draft.modifiers), itemIds: [...draft.candidates], all: true };
}
const madeOtherwise = (clause: Clause, u: Utterance): Understanding | null => (clause.act === "QUESTION" ? null : drinksMadeOtherwise(u));

/** The new version after a repair cue read as an edit: a drink corrected, or units replaced ("sorry, make one a cosmo"). */
export const revisedEdit = (body: Utterance, state: DialogueState): Understanding | null =>
  swappedInLastOrder(body, state) ??
  // ("wait no, the martinis should be shaken": how the drinks already poured should be made.)
  // ("actually one of the martinis should be dirty": units of it, read below.)
  (matches(body, SHOULD_BE) && unitsOf(body) === null ? (correctedCount(body) ?? correctedServing(body, state)) : null) ??
  unitReplaced({ intent: "UNKNOWN" }, true, body, state) ??
  // ("actually, could the Coke be on the rocks?": a drink ordered, asked to be made another way.)
  (ASKING_FOR.test(opening(body)) ? namedEdit({ intent: "ORDER", drafts: [...body.order.drafts], unknown: [] }, ASKED_CHANGE, body, state) : null);
/** A clause read only as asking for a change (the cue before it said nothing else). */
const ASKED_CHANGE = { act: "REQUEST", fragment: false } as Clause;

/** "make them both up" after a repair cue: the serving words said of the last order's drink. */
export function servingWordsFor(body: Utterance, state: DialogueState, index: MenuIndex): Modifier[] {
  const last = state.lastOrder[state.lastOrder.length - 1];
  const item = last && index.byId.get(last.menuItemId);
  return item ? canonicalModifiers(asSaidOf(body, item.name, true, index).order.drafts[0]?.modifiers ?? []) : [];
}

/** "them", "both", "all": every one of the drinks just ordered. */
export const everyOne = (u: Utterance): boolean => matches(u, EVERY_ONE);

/**
 * The units of one drink said apart ("one neat, one on the rocks"), read as said right after the drink
 * and its count ("2 whiskey one neat one on the rocks"), as the parser splits "two whiskeys, one neat and
 * one on the rocks": two parts or more, all of that drink and nothing else, or null.
 */
export function unitsAsSaid(tokens: readonly string[], quantity: number, item: MenuItem, index: MenuIndex): DraftLine[] | null {
  const read = utteranceOf([String(quantity), ...item.name.toLowerCase().split(" "), ...tokens], index);
  const parts = read.order.drafts;
  const ofItem = parts.every((part) => part.candidates.length === 1 && part.candidates[0] === item.id);
  return parts.length >= 2 && ofItem && read.order.unknown.length === 0 ? parts : null;
}

/** "one up, one on the rocks", "one of them neat and one with ice", "one up, the other on the rocks": units counted apart. */
// ("no wait, two dirty and one dry": a correction's cue first; "make one of them dirty and the other dry": the verb of making first.)
const UNITS_APART = /^ ((and|but|oh|so|okay|no|wait|sorry|actually) )*((make|do) )?(one|1|two|2)( of (them|those|these|the two))? .* (one|1|two|three|\d+|the other) /;

/**
 * "one with ice, one normal" said of two daiquiris just poured: the units of the last order made in
 * different ways, in one edit (the line replaced by its units as said), never more of them. Read as the
 * order said again with the drink's name in front ("2 daiquiri one with ice one normal").
 */
const MAKING_UNITS = new Set(["make", "do"]);
const UNIT_COUNTS = new Set(["one", "1", "two", "2"]);

export function servingsApart(tokens: readonly string[], state: DialogueState, index: MenuIndex): Understanding | null {
  if (state.pending?.kind === "ORDER" && state.pending.ordered) return null;
  const line = [...state.lastOrder].reverse().find((ordered) => ordered.quantity >= 2);
  const item = line && index.byId.get(line.menuItemId);
  if (!line || !item || !UNITS_APART.test(` ${tokens.join(" ")} `) || tokens.some((_, at) => matchMenuAt(tokens, at, index) !== null)) return null;
  const said = tokens
    .map((token, at) => (token === "other" && tokens[at - 1] === "the" ? "one" : token))
    .filter((token, at, all) => !(token === "the" && all[at + 1] === "one" && tokens[at + 1] === "other") && !(MAKING_UNITS.has(token) && UNIT_COUNTS.has(tokens[at + 1] as string)));
  const drafts = unitsAsSaid(said, line.quantity, item, index);
  const total = drafts?.reduce((sum, draft) => sum + draft.quantity, 0) ?? 0;
  if (!drafts || total > line.quantity || drafts.every((draft) => draft.modifiers.length === 0)) return null;
  const saidForSome = new Set(drafts.flatMap((draft) => draft.modifiers));
  return {
    intent: "REPLACE",
    target: { kind: "LINES", lines: [{ ...line, quantity: total }] },
    drafts: drafts.map((draft) => {
      // ("two dirty and one dry" of three dirty martinis: a serving said for some units only is not the others'.)
      const kept = line.modifiers.filter(isModifier).filter((modifier) => draft.modifiers.includes(modifier) || !saidForSome.has(modifier));
      return { ...draft, modifiers: canonicalModifiers(replaceModifiers(kept, draft.modifiers)), quantitySaid: true };
    }),
    unknown: [],
  };
}

/** How the units left of a drink are named right after some of them were changed: "the other two", "the others", "the rest". */
const UNITS_LEFT: readonly (readonly string[])[] = [
  ["the", "other", "two"], ["the", "other", "three"], ["the", "other", "four"], ["the", "other", "ones"], ["the", "others"], ["the", "rest", "of", "them"], ["the", "rest"],
];

/**
 * "make one of them a manhattan", then "can the other two be dirty": right after some units of a drink were
 * swapped for another, the units left are that drink, said by its name ("the martinis") so every reader
 * reads them as named.
 */
export function withUnitsLeft(read: ReadText, state: DialogueState, index: MenuIndex): ReadText {
  const edit = state.lastEdit;
  if (!edit || edit.turn !== state.turn || edit.removed.length !== 1 || edit.added.length === 0 || !read.tokens.includes("the")) return read;
  const [removed] = edit.removed;
  const item = removed && index.byId.get(removed.menuItemId);
  if (!item || !state.onTab?.includes(item.id)) return read;
  const { tokens, pauses } = read;
  for (let at = 0; at < tokens.length; at += 1) {
    const said = UNITS_LEFT.find((words) => words.every((word, offset) => tokens[at + offset] === word));
    if (!said) continue;
    const name = item.name.toLowerCase().split(" ");
    const named = ["the", ...name.slice(0, -1), `${name[name.length - 1]}s`];
    const outPauses: Pause[] = [...pauses.slice(0, at + 1), ...named.slice(1).map((): Pause => "NONE"), ...pauses.slice(at + said.length)];
    return { tokens: [...tokens.slice(0, at), ...named, ...tokens.slice(at + said.length)], pauses: outPauses };
  }
  return read;
}
