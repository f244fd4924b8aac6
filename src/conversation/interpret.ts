/**
 * One utterance in, one Understanding out: pure and synchronous, the part of
 * a turn the parse bench measures.
 *
 * 1. The text is read into tokens with its pauses, and speech slips are
 *    corrected (slips.ts).
 * 2. It is cut into clauses, each with its dialogue act (clauses.ts).
 * 3. An answer to a question Maya asked wins, when no clause tells or asks
 *    something else (answers.ts): the one she asked last, else one about the
 *    guest's own order held across an interjection ("neat" after "a whiskey",
 *    "what's my balance?").
 * 4. Otherwise each clause is classified (intents.ts) and gated by its act:
 *    only a request may change the tab; a statement about a drink becomes a
 *    MENTION, a refusal a CANCEL, a question about a drink is answered.
 * 5. Repairs within the utterance revise the order being built ("one
 *    negroni, no wait, two"); a repair at its start revises the last turn
 *    ("never mind", "make that a martini", "just one").
 * 6. "that", "it", "one" resolve to the drink in focus: one named earlier in
 *    the utterance, else the one last recommended, priced, described,
 *    mentioned or ordered. Serving words, units and corrections said of drinks
 *    already ordered are edits of them, and "and the daiquiri?" asks the last
 *    question again (references.ts).
 * 7. The clauses' readings are combined: an order or another change asked
 *    for first, then a question, then a mention, then talk.
 */
import { answerPending, isYes } from "./answers.js";
import { readClauses, type Clause, type Repair } from "./clauses.js";
import type { OrderLine } from "./bar-port.js";
import { isOwnOrderQuestion, type DialogueState, type PendingQuestion } from "./dialogue-state.js";
import { draftProblem, inherit, openQuestion, replacedIndex, sameDrink, sameKind, type DraftLine } from "./drafts.js";
import { isEnglishWord } from "./english.js";
import { PERSON_WORDS } from "./people.js";
import { groundPhrase } from "./grounding.js";
import { classify, classifySmallTalk, has, matches, namesNewDrinkFirst, ofSomethingElse, REMOVE_VERB, spokenCount, spokenRange, subjectOf as subjectOfWords, utteranceOf, type Utterance } from "./intents.js";
import { matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import { conditionsPaying, PAYING_LATER, PROPOSED_NOW, readTipAmount, tipAskedAbout, whenPaying } from "./money-talk.js";
import { canonicalModifiers, findModifiers, isModifier, readModifierAt, replaceModifiers, reviseModifiers, servingWordsOnly, stylesReplaced } from "./modifiers.js";
import type { Modifier } from "../bar/menu-catalog.js";
import { withoutNonCounts } from "./entities.js";
import { withoutRelays } from "./relays.js";
import { SUPPLIES, withoutHeadings } from "./order-parser.js";
import { readText } from "./normalise.js";
import { tag, withBarWords } from "./tagging.js";
import { readNumber, readQuantity } from "./numbers.js";
import { drinksMadeOtherwise, everyOne, focusedCount, POINTS_BACK, readEdit, repeatedAs, revisedEdit, servedOnesRemoved, servingsApart, servingWordsFor, unitsOf, unitsRemoved, withAsked, withUnitsLeft } from "./references.js";
import { correctSlips } from "./slips.js";
import { withServingVerbs } from "./serving-verbs.js";
import { withDescribedDrinks } from "./descriptions.js";
import { withNicknames } from "./nicknames.js";
import { WH } from "./segmentation.js";
import type { Intent, MentionKind, RemoveLine, Subject, TipAsked, Understanding } from "./understanding.js";

/** Intents that change the tab: only a request (or a repair, or a yes to an offer) may have one. */
const CHANGES_TAB: ReadonlySet<Intent> = new Set([
  "ORDER", "REPEAT_ORDER", "REMOVE", "CHANGE_QUANTITY", "MODIFY", "SET_TIP", "PAY", "UNDO", "REPLACE",
]);
/** Intents that talk about a drink: a statement naming one is a mention instead. */
const ABOUT_DRINKS: ReadonlySet<Intent> = new Set(["PRICE", "MENU", "RECOMMEND", "SHOW_BALANCE"]);

const ACKNOWLEDGE: Understanding = { intent: "SMALL_TALK", topic: "ACKNOWLEDGE" };

/** What is said after the first: the higher wins; an order being built beats them all. */
function rank(understanding: Understanding): number {
  if (CHANGES_TAB.has(understanding.intent)) return 100;
  switch (understanding.intent) {
    case "PRICE":
    case "MENU":
    case "SHOW_TAB":
    case "SHOW_BALANCE":
    case "PAYMENT_STATUS":
    case "RECOMMEND":
      return 80;
    // "What's the damage if I add 20%?": the quote answers the question with the tip in it.
    case "QUOTE_TIP":
      return 85;
    case "HELP":
      return 70;
    case "MENTION":
      return 60;
    case "GOODBYE":
      return 50;
    case "CANCEL":
      return 45;
    case "SMALL_TALK":
      return understanding.topic === "ACKNOWLEDGE" ? 20 : 40;
    case "GREET":
      return 30;
    default:
      return 0;
  }
}

/** The drinks a clause names; words it could not place are not taken for drinks here. */
const subjectOf = (u: Utterance): Subject => subjectOfWords(u, false);

/** Names a drink to order, or one the bar does not have. */
const ordersAny = (u: Utterance): boolean => u.order.drafts.length > 0 || u.order.unknown.length > 0;
/** Names a drink: to order, or as the topic of something else ("heard great things about your martini"). */
const namesAny = (u: Utterance): boolean => ordersAny(u) || u.order.topics.length > 0;
const specificIds = (u: Utterance): string[] => subjectOf(u).itemIds;

// ---------------------------------------------------------------------------
// Gating by dialogue act

/** The reading of a clause as its act allows: what only a request may do becomes words. */
function gate(reading: Understanding, clause: Clause, u: Utterance): Understanding {
  const tabChange = CHANGES_TAB.has(reading.intent);
  const aboutDrinks = ABOUT_DRINKS.has(reading.intent) && namesAny(u);
  switch (clause.act) {
    case "STATEMENT":
      if ((tabChange || aboutDrinks) && namesAny(u)) {
        const said = u.order.drafts.find((draft) => draft.quantitySaid);
        return {
          intent: "MENTION",
          subject: subjectOf(u),
          quantity: said && Number.isInteger(said.quantity) && said.quantity > 0 ? said.quantity : 1,
          stance: clause.stance,
          kind: clause.kind,
          ...madeAsSaid(u),
        };
      }
      // "if they weren't so pricey": a supposition about prices asks nothing.
      if ((reading.intent === "PRICE" || reading.intent === "MENU") && clause.kind === "HYPOTHETICAL" && !namesAny(u)) return ACKNOWLEDGE;
      // "before I order anything": a time told, no drink asked to be chosen.
      if (reading.intent === "RECOMMEND" && clause.kind === "LATER" && !namesAny(u)) return ACKNOWLEDGE;
      // "If I left 20%?", "maybe a 15% tip": a tip supposed is a tip asked about.
      if (reading.intent === "SET_TIP" && (clause.kind === "HYPOTHETICAL" || clause.kind === "TENTATIVE")) return tipAskedAbout(reading);
      // "She's paying now, check please": someone else paying now still asks for the check.
      // "if my card works, I'll pay now": paying on a condition is not paying yet.
      if (reading.intent === "PAY") return whenPaying(u) === "NOW" && clause.kind !== "HYPOTHETICAL" ? reading : PAYING_LATER;
      return tabChange ? ACKNOWLEDGE : reading;
    case "DECLINE":
      // "I don't want to tip" still sets no tip; a drink declined is never poured.
      if (POURS.has(reading.intent) || ((tabChange || aboutDrinks) && namesAny(u))) return { intent: "CANCEL", itemIds: specificIds(u) };
      return reading;
    case "REQUEST":
      // "is it possible to have two negronis": asked as a request, read as whether there are any.
      if (reading.intent === "MENU" && u.order.drafts.length > 0 && u.order.topics.length === 0 && (u.order.drafts.some((draft) => draft.quantitySaid) || matches(u, TAKING))) {
        return { intent: "ORDER", drafts: u.order.drafts, unknown: u.order.unknown };
      }
      return reading;
    case "QUESTION":
      // "do I have to pay before the second half?", "is the university paying for this?": whether the guest
      // must pay, or someone else will, asked; no payment started.
      if (reading.intent === "PAY" && matches(u, PAYING_ASKED_ABOUT)) return PAYING_LATER;
      if (!tabChange || reading.intent === "PAY") return reading;
      // "What would 20% be?": a tip asked about is quoted, not set; "what's the total with tip?" reads the tab.
      if (reading.intent === "SET_TIP") return tipAskedAbout(reading);
      // "Should I get a negroni?": answered about the drink, not poured.
      return namesAny(u) ? { intent: "MENU", subject: subjectOf(u) } : ACKNOWLEDGE;
    case "CHAT":
      // "...so I can forget about it": a modal said of someone is no command to the bar.
      if (EDITS.has(reading.intent) && matches(u, SOMEONE_MAY)) return ACKNOWLEDGE;
      // "Flight 447 is delayed again": a clause with a verb of its own that asks nothing pours nothing.
      if (reading.intent === "REPEAT_ORDER" && clause.hasVerb) return ACKNOWLEDGE;
      // "bride again!", "it's me again": someone back, not the same drinks again.
      if (reading.intent === "REPEAT_ORDER" && matches(u, BACK_AGAIN) && !namesAny(u)) return ACKNOWLEDGE;
      // "first round: two IPAs and a lemonade": a heading for the drinks said after it, no repeat.
      if (reading.intent === "REPEAT_ORDER" && clause.fragment === false && !clause.namesDrink && clause.tokens.includes("round") && !clause.tokens.includes("another")) return ACKNOWLEDGE;
      // Neither a request nor anything else Maya knows: when unsure, she asks instead of pouring.
      if (!POURS.has(reading.intent) || !namesAny(u)) return reading;
      return classifySmallTalk(u) ?? { intent: "MENTION", subject: subjectOf(u), quantity: 1, stance: clause.stance, kind: null, ...madeAsSaid(u) };
    default:
      return reading;
  }
}

/** A question whether paying is owed, or whether someone else is paying. */
// ("does the prize money go towards the bill?", "is service included in the bill?": what the bill holds, asked about.)
const PAYING_ASKED_ABOUT =
  /^ ((so|and|but|um|wait) )*((do|does|did|will|would|should|must) (i|we|you|he|she|they) ((have|need|got) to )?pay |(is|are|was|were|will) (?!(i|we|it|this|that)\b)(\w+ ){1,3}(paying|going to pay|gonna pay|covering|picking up) |(do|does|did|is|are|was|will|would|can|could) (?!(i|we)\b)(\w+ ){1,4}(towards|toward|on|in|into|off|against|from|onto) (the|my|our|your) (bill|tab|check|total) )/;
const BACK_AGAIN = /^ ((hi|hey|hello|it is|this is|oh) )*(?!(same|that|it|one|those|them|round|this|these|drinks?|the same)\b)(me|us|\w+) again $/;
const SOMEONE_MAY = /^ ((so|and|but|then) )?(i|we|you|he|she|they) (can|could|might|should|may|must) /;
/** What a command may do to drinks already on the tab. */
const EDITS: ReadonlySet<Intent> = new Set(["REMOVE", "UNDO", "REPLACE", "CHANGE_QUANTITY", "MODIFY", "CANCEL"]);

/** How the drink in focus was offered to be made, when Maya's open question offers it. */
function offeredMadeAs(state: DialogueState): readonly Modifier[] {
  const offered = state.pending?.kind === "ORDER" && state.pending.drafts.length === 1 ? state.pending.drafts[0] : undefined;
  return offered && state.focusItemId !== null && offered.candidates.length === 1 && offered.candidates[0] === state.focusItemId ? offered.modifiers : [];
}

/** "an old fashioned, on the rocks, with a twist", then "put one of those on for Gloria too": made as the one poured. */
function madeAsThosePoured(u: Utterance, state: DialogueState): readonly Modifier[] {
  // ("one of those, neat, for my brother": how it is said to be made now, not as those were.)
  if (!matches(u, ONE_OF_THOSE) || u.order.looseModifiers.length > 0) return [];
  const poured = [...state.lastOrder].reverse().find((line) => line.menuItemId === state.focusItemId);
  return poured ? poured.modifiers.filter(isModifier) : [];
}
const ONE_OF_THOSE = / (one|two|three|another) of (those|them|these) /;

/** How the one drink a clause names was said to be made, for the offer of it: `{}` when not said or not one drink. */
function madeAsSaid(u: Utterance): { modifiers?: Modifier[] } {
  const [only, ...others] = u.order.drafts;
  return only && others.length === 0 && only.modifiers.length > 0 ? { modifiers: [...only.modifiers] } : {};
}

/** Intents that put drinks on the tab. */
const POURS: ReadonlySet<Intent> = new Set(["ORDER", "REPEAT_ORDER", "REPLACE"]);

// ---------------------------------------------------------------------------
// References

const REFERENCE = / (that|it|this|one|ones|those|them|these|the same one|what (she|he|they) (is|are|was|were) (having|drinking|getting)|the same as (her|him|them)) /;
const TAKING = / (have|take|get|give|pour|try|do|order|bring|grab|want|need|like|love|make (me|us|her|him)) /;
/** "it"/"that"/"they" in a question about a drink: the drink in focus. */
const QUESTION_REFERENCE = / (it|that|this|one|those|them|they|these) /;

const SAID_OF_THEM = / (that|it|this|one|ones|those|them|these) (is|are|was|were|goes|go) /;
const BESIDE_IT = / (with|alongside|beside|for|on) (that|it|this|those|them|these) /;

/** Things around the bar "this" and "that" name instead of a drink: "he'd like this place", "I love that song". */
const THINGS_POINTED_AT = new Set(["place", "bar", "pub", "spot", "song", "band", "view", "music", "town", "city", "room", "crowd", "weather", "game", "match", "show", "party", "night", "guy", "man", "woman", "lady", "team", "singer", "tune"]);
/** "this" and "that" said only before such a thing: determiners, pointing at no drink. */
function onlyDeterminers(u: Utterance): boolean {
  let pointing = false;
  for (const [at, token] of u.tokens.entries()) {
    if (token === "it" || token === "one" || token === "ones" || token === "them" || token === "same") return false;
    if (token !== "this" && token !== "that" && token !== "these" && token !== "those") continue;
    if (!THINGS_POINTED_AT.has(u.tokens[at + 1] as string)) return false;
    pointing = true;
  }
  return pointing;
}

/** A request naming no drink, but "that", "it" or a count: the drink in focus ("I'll have that", "two of those"). */
function referredOrder(reading: Understanding, clause: Clause, u: Utterance, focus: readonly string[], index: MenuIndex, madeAs: readonly Modifier[] = []): Understanding | null {
  if (clause.act !== "REQUEST" && clause.act !== "REPAIR") return null;
  // ("one more run first", "a round of crisps": more of something the bar does not pour.)
  if (namesAny(u) || ofSomethingElse(u)) return null;
  // ("my wife's getting this one" is talk of paying: SMALL_TALK, but not vague.)
  const vague = reading.intent === "UNKNOWN" || (reading.intent === "SMALL_TALK" && reading.topic !== "NOT_YET" && reading.topic !== "PAYING_HOW") || reading.intent === "GREET" || (reading.intent === "ORDER" && reading.drafts.length === 0 && reading.unknown.length === 0);
  if (!vague) return null;
  // "could you bring some peanuts with that": asked for something the bar does not pour, not the drink in focus.
  const other = u.order.stray.filter((phrase) => groundPhrase(phrase, index).kind !== "UNKNOWN");
  if (other.length > 0) return { intent: "ORDER", drafts: [], unknown: other };
  // ("can I get a to-go cup for this negroni": something for the drink, not another of it.)
  if (u.tokens.some((token) => SUPPLIES.has(token))) return ACKNOWLEDGE;
  // ("gimme like five or six of those": a range, kept to be asked.)
  const range = spokenRange(u);
  // ("and two more for these lads": two, of the drink in focus.)
  const more = u.tokens.indexOf("more");
  const moreCount = more > 0 ? readQuantity(u.tokens, more - 1) : null;
  const count = spokenCount(u) ?? (moreCount && moreCount.length === 1 ? moreCount.value : null) ?? range?.high ?? null;
  // "one of them is for my brother": the drinks poured are the subject of what is said, not asked for again;
  // "can I get fries with that": something else is asked for, to go with the drink.
  if (matches(u, SAID_OF_THEM) || (u.order.stray.length > 0 && matches(u, BESIDE_IT))) return null;
  // "could you bring them quickly?": serving the drinks asked for, not asking for more of them.
  if (count === null && matches(u, SERVING_THEM)) return ACKNOWLEDGE;
  const refers = (matches(u, REFERENCE) && !onlyDeterminers(u) && (matches(u, TAKING) || clause.fragment || count !== null)) || (count !== null && matches(u, TAKING));
  if (!refers && !(clause.fragment && count !== null)) return null;
  const [itemId] = focus;
  if (itemId === undefined) return { intent: "ORDER", drafts: [], unknown: [] };
  // "a negroni stirred sounds nice, can I get one": the drink as it was just named.
  const modifiers = canonicalModifiers([...madeAs, ...u.order.looseModifiers.filter((read) => !read.soft).map((read) => read.modifier)]);
  const soft = canonicalModifiers(u.order.looseModifiers.filter((read) => read.soft).map((read) => read.modifier));
  return { intent: "ORDER", drafts: [{ candidates: [itemId], category: null, quantity: count ?? 1, modifiers, softModifiers: soft, ...(range ? { range } : {}) }], unknown: [] };
}

/** Readings a question with "it" may have been misread as, for want of the drink it stands for. */
const VAGUE_QUESTIONS: ReadonlySet<Intent> = new Set(["UNKNOWN", "RECOMMEND", "PRICE", "MENU", "SHOW_BALANCE", "ORDER", "SMALL_TALK"]);
/** A question by its first word, with or without its question mark. */
const ASKING = /^ (what|how|which|is|are|does|do|can|could) /;
/** A question for information by its first word ("what about..." proposes instead). */
const WONDERING = /^ (what|how|which|is|are|does|do|why|who|where|when)(?! about) /;

/**
 * A question about "it", "that" or "they" is about the drink in focus: read again with the drink's
 * name where the pronoun was ("what's in it?" is "what's in a cosmopolitan?", "is it strong?" asks
 * about the drink, not for a strong one). `supposedHere`: drinks were named or supposed earlier in the
 * utterance ("if I ordered two manhattans, what would that come to").
 */
function referredQuestion(reading: Understanding, clause: Clause, u: Utterance, focus: readonly string[], index: MenuIndex, said: readonly string[] = [], supposedHere = false): Understanding {
  const [itemId] = focus;
  const item = itemId === undefined ? undefined : index.byId.get(itemId);
  if (!item || clause.act !== "QUESTION" || namesAny(u) || !matches(u, QUESTION_REFERENCE) || !VAGUE_QUESTIONS.has(reading.intent)) return reading;
  // "how much is that altogether?", "what's that all come to?": the whole tab, not the drink in focus.
  // ("if I got a negroni and a martini, what would that come to": the drinks just supposed, priced below.)
  if (!supposedHere && matches(u, ALTOGETHER)) return { intent: "SHOW_TAB" };
  // "if I got a daiquiri and a cosmo, what would that cost?": "that" is all the drinks just said.
  const name = said.length > 0 ? [...said] : item.name.toLowerCase().split(" ");
  const at = u.tokens.findIndex((token) => PRONOUNS.has(token));
  const tokens = [...u.tokens.slice(0, at), ...name, ...u.tokens.slice(at + 1)];
  const reread = utteranceOf(tokens, index);
  const again = classify(reread);
  // A price keeps the drinks it was asked of: the round Maya then offers.
  if (again.intent === "PRICE") return withAsked(again, reread);
  return again.intent === "MENU" || again.intent === "SHOW_BALANCE" ? again : reading;
}
const PRONOUNS = new Set(["it", "that", "this", "one", "those", "them", "they", "these"]);

/** The words of a clause that name its drinks, counts and all, when it names more than one ("a daiquiri and a cosmo"). */
function drinksSaid(tokens: readonly string[], index: MenuIndex): string[] {
  // Each drink with its count and serving words, joined by "and": "a negroni and my husband a
  // martini" is "a negroni and a martini" (who each is for does not change the price).
  const phrases: string[][] = [];
  let count: string[] = [];
  for (let at = 0; at < tokens.length; at += 1) {
    const drink = matchMenuAt(tokens, at, index);
    if (drink) {
      const modifier = readModifierAt(tokens, at + drink.length, { afterDrink: true });
      const end = at + drink.length + (modifier?.length ?? 0);
      phrases.push([...count, ...tokens.slice(at, end)]);
      count = [];
      at = end - 1;
      continue;
    }
    const quantity = readQuantity(tokens, at);
    if (quantity) {
      count = tokens.slice(at, at + quantity.length) as string[];
      at += quantity.length - 1;
    } else if (readModifierAt(tokens, at) === null) count = count.length > 0 && tokens[at] !== "and" ? count : [];
  }
  return phrases.length > 1 ? phrases.flatMap((phrase, position) => (position === 0 ? phrase : ["and", ...phrase])) : [];
}
// ("what's that come to", "how much is all that", "and that round?": what it all costs, said as bartenders hear it.)
const ALTOGETHER = / (altogether|all together|in total|in all|(all )?(come|comes|coming) to|all of (it|that|them)|all (that|this)|everything|(that|this|the) round|the lot) /;

const THING_SUBJECT = /^ (it|that|this|these|those|they) (is|are|was|were|looks?|tastes?|smells?|sounds?|seems?) /;
/** "sounds a bit bitter": a comment on the drink in focus with its subject left out. */
const PERCEIVED = /^ (looks?|tastes?|smells?|sounds?|seems?) /;
/** "a bit bitter", "a little sweet": said of a drink, a polite no. */
const HEDGED = / (a bit|a little|a tad|bit|rather|kind of|kinda|somewhat) (too )?\w+ /;

/**
 * "That sounds too bitter for me" after the Negroni was described: a comment against the drink in
 * focus, not a wish for something bitter. (Praise is left alone: "that's great" after an order
 * thanks Maya more often than it reviews the drink.)
 */
function referredComment(reading: Understanding, clause: Clause, u: Utterance, focus: readonly string[]): Understanding {
  const [itemId] = focus;
  const perceived = matches(u, PERCEIVED);
  const against = clause.stance === "AGAINST" || ((perceived || matches(u, THING_SUBJECT)) && matches(u, HEDGED));
  if (itemId === undefined || !against || (clause.act !== "STATEMENT" && clause.act !== "CHAT")) return reading;
  if (namesAny(u) || !(matches(u, THING_SUBJECT) || perceived) || CHANGES_TAB.has(reading.intent)) return reading;
  return { intent: "MENTION", subject: { itemIds: [itemId], category: null, unknown: [] }, quantity: 1, stance: "AGAINST", kind: "OPINION" };
}

// ---------------------------------------------------------------------------
// Repairs

const NEGATED_DRINK = / (no|not|without|never mind|scratch|cancel|forget|hold|skip|minus|drop|remove) (the |a |an |that |any )?/;
const ADDING = /^ (also|and|plus|too|as well) /;
const NOT_YET_SAID = /^ ((nah|no|nope|oh|but|and) )*(not yet|not now|not just yet|later|maybe later)( thanks| though)? $/;
/** "just the daiquiris", "only those": drinks already had, said to keep to them. */
const ONLY_THOSE_HAD = /^ (just|only) (the|those|these|my|our) /;
const TIP_WORD = / (tip|tips|tipping|gratuity) /;
/** "an IPA on that round too": more, said with a repair cue, not a new version ("make that martini dirty too" changes it). */
const ADDED_TOO = / (too|as well|also)( please| then| thanks)? $/;
const CHANGE_CUES = new Set(["make", "change", "switch", "turn"]);
/** "actually throw in a second Bud": one more of a drink, however the repair cue is said. */
const ONE_MORE = / (another|one more|a (second|third|fourth)|an extra) /;
const adds = (body: Utterance, repair: Repair): boolean =>
  matches(body, ADDING) || (matches(body, ONE_MORE) && !body.tokens.includes("instead")) || (matches(body, ADDED_TOO) && !DEFINITE.test(body.order.shape) && !repair.said.some((word) => CHANGE_CUES.has(word)));

interface Working {
  drafts: DraftLine[];
  unknown: string[];
  /** Where the drafts of the last clause that added some start. */
  lastClause: number;
  /** Something was ordered in this utterance and then taken back. */
  emptied: boolean;
  /** The clause position of the first request, for ranking against other readings. */
  position: number;
  /** A tip asked for beside the order. */
  tip?: TipAsked;
  /** A correction cue said after the order with nothing new ("just one classic brew, actually"). */
  corrected?: boolean;
}

/**
 * "A martini, and I'd like it dirty", "two cokes, and I need them all large": a reference with no
 * count to a drink already ordered in this utterance speaks of that order. Its serving words go to
 * those lines; nothing more is poured.
 */
function saidOfThisOrder(referred: Understanding, u: Utterance, working: Working): boolean {
  if (referred.intent !== "ORDER" || referred.drafts.length === 0) return false;
  if (!referred.drafts.every((draft) => working.drafts.some((line) => sameDrink(line, draft)))) return false;
  // ("I'll have a cosmo, one please": the count said again is the same drink, not one more.)
  const count = spokenCount(u);
  if (count !== null && !working.drafts.some((line) => referred.drafts.some((draft) => sameDrink(line, draft)) && line.quantity === count)) return false;
  working.drafts = working.drafts.map((line) => {
    const said = referred.drafts.find((draft) => sameDrink(line, draft));
    if (!said) return line;
    const modifiers = canonicalModifiers(replaceModifiers(line.modifiers, said.modifiers));
    return { ...line, modifiers, softModifiers: canonicalModifiers([...line.softModifiers, ...said.softModifiers].filter((modifier) => !modifiers.includes(modifier))) };
  });
  return true;
}

/** Takes back what the last clause ordered ("a negroni? no way", "two IPAs, scratch that"). */
function dropLastClause(working: Working): void {
  working.drafts.splice(working.lastClause);
  working.unknown = [];
  working.lastClause = Math.min(working.lastClause, working.drafts.length);
  working.emptied = working.drafts.length === 0;
}

/** A repair inside the utterance: the last version of the order wins. Returns what the repair says besides. */
/**
 * `countLeftOpen`: the clause before ended on a count with no drink yet ("a lager and two, no, three
 * IPAs"): the new version says what that count was of, and is added.
 */
function revise(working: Working, repair: Repair, index: MenuIndex, countLeftOpen = false): Understanding | null {
  const body = utteranceOf(repair.body, index);
  const undoing = repair.cue === "UNDO" || /^ (no|nothing|nope|no thanks)( never mind| thanks)? $/.test(body.padded);
  const drafts = body.order.drafts;
  const servingOnly = servingWordsOnly(repair.body);
  // ("a double vodka, no, make it a single": what the new version says the drink is not made with.)
  const unmade = body.order.negatedModifiers ?? [];
  if (drafts.length === 0 && body.order.unknown.length === 0 && body.order.looseModifiers.length === 0 && spokenCount(body) === null && !servingOnly && unmade.length === 0) {
    if (undoing || repair.body.length === 0) {
      if (undoing) dropLastClause(working);
      else working.corrected = true;
      return null;
    }
    return classify(body);
  }
  // ("a cosmo... no, never mind, just the daiquiris": only the drinks already had, none of them again.)
  if (undoing && drafts.length > 0 && matches(body, ONLY_THOSE_HAD) && drafts.every((draft) => !working.drafts.some((line) => sameDrink(line, draft)))) {
    dropLastClause(working);
    return null;
  }
  // "scratch the martini", "no soda", "never mind the cosmo": that drink goes.
  if (drafts.length > 0 && (matches(body, REMOVE_VERB) || matches(body, NEGATED_DRINK) || (undoing && body.tokens[0] === "the"))) {
    working.drafts = working.drafts.filter((line) => !drafts.some((named) => sameDrink(line, named) || named.candidates.every((id) => line.candidates.includes(id))));
    working.lastClause = Math.min(working.lastClause, working.drafts.length);
    working.emptied = working.drafts.length === 0 && working.unknown.length === 0;
    return null;
  }
  if (drafts.length === 0 && body.order.unknown.length === 0) {
    const last = working.drafts[working.drafts.length - 1];
    if (!last) return null;
    const count = spokenCount(body);
    const loose = body.order.looseModifiers.map((read) => read.modifier);
    // "make it up": a serving word that only reads as one after a drink is read so here.
    const modifiers = loose.length > 0 ? loose : (servingOnly ?? []);
    const kept = last.modifiers.filter((modifier) => !unmade.includes(modifier));
    working.drafts[working.drafts.length - 1] = {
      ...last,
      quantity: count ?? last.quantity,
      modifiers: modifiers.length > 0 ? reviseModifiers(kept, modifiers) : kept,
      softModifiers: modifiers.length > 0 ? last.softModifiers.filter((modifier) => !modifiers.includes(modifier)) : last.softModifiers,
    };
    return null;
  }
  // "two IPAs and a cosmo, no actually just the IPAs": only the drinks named again stay.
  if (!undoing && restrictsTo(drafts, repair.body, working)) {
    keepOnly(working, drafts);
    return null;
  }
  // "two cokes, oh and actually make one of them a lemonade": some units of the drink just asked for become another.
  const units = drafts.length === 1 && !undoing ? unitsOf(body) : null;
  const latest = working.drafts[working.drafts.length - 1];
  if (units !== null && latest && units < latest.quantity && !sameDrink(latest, drafts[0] as DraftLine)) {
    working.drafts[working.drafts.length - 1] = { ...latest, quantity: latest.quantity - units };
    working.drafts.push({ ...(drafts[0] as DraftLine), quantity: units });
    return null;
  }
  if (undoing) dropLastClause(working);
  if (countLeftOpen || adds(body, repair) || working.drafts.length === 0) {
    working.lastClause = working.drafts.length;
    working.drafts.push(...drafts.map((draft) => inherit(draft, draft, index)));
    working.unknown.push(...body.order.unknown);
    working.emptied = false;
    return null;
  }
  // "make the IPA a lager": the first drink names the one to replace; "a martini instead of the cosmo": the second.
  const insteadOf = drafts.length === 2 && matches(body, / instead of /);
  const [target, replacement] = insteadOf && namesNewDrinkFirst(body) ? [drafts[1], drafts[0]] : drafts;
  const named = target && replacement && drafts.length === 2 && (body.tokens.includes("make") || insteadOf);
  const replacements = named ? [replacement] : drafts;
  const taken = new Set<number>();
  let appending = false;
  for (const [place, draft] of replacements.entries()) {
    const at = named ? working.drafts.findIndex((line) => sameDrink(line, target)) : replacedIndex(working.drafts, draft, taken, index);
    // "two IPAs, three lagers, no wait two lagers and a cosmo": a drink after the first that stands for
    // none of those said (not the same, not of its kind) is added, not swapped in.
    const other = at >= 0 && !sameDrink(working.drafts[at] as DraftLine, draft) && !sameKind(working.drafts[at] as DraftLine, draft, index);
    // "a lemonade, two ciders, no wait, two IPAs": the drink the bar does not have is what the new one
    // stands for, and what is said after it is added.
    const stranger = (other && (place > 0 || working.unknown.length > 0)) || (appending && !(at >= 0 && sameDrink(working.drafts[at] as DraftLine, draft)));
    if (stranger) {
      if (place === 0) appending = true;
      working.drafts.push(inherit(draft, draft, index));
      continue;
    }
    if (at < 0) working.drafts.push(inherit(draft, draft, index));
    else {
      working.drafts[at] = inherit(working.drafts[at] as DraftLine, draft, index);
      taken.add(at);
    }
  }
  working.unknown = [...body.order.unknown];
  working.emptied = false;
  return null;
}

const SERVING_THEM = / (bring|serve|send|carry|run) (them|those|these|it|that|the drinks|our drinks|my drink|everything)( (over|out|up|quickly|fast|soon|now|here|along|to us|to the table))? /;
const DEFINITE_TOPIC = /^ (and |so |oh |okay |ok |now )?(the|that|this|your) (\w+ ){0,3}DRINK $/;
const INDEFINITE_TOPIC = /^ (and |so |oh |okay |ok |now |what about |how about )?(a|an) (\w+ ){0,2}DRINK $/;
/** A drink, and when or where it would be had: "a martini at 3pm", "a negroni before noon". */
const INDEFINITE_AT_A_TIME = /^ (and |so |oh |okay |ok |now )?(a|an) (\w+ ){0,2}DRINK( (at|before|in|on|for) (\w+ ){1,3})?$/;
const COMPARING = / (pricier|cheaper|dearer|stronger|weaker|sweeter|more expensive|less expensive|expensive|how much|cost|costs|price) /;

/** A bare "the X" said before a clause that points back at it with "it", "that" or "one". */
function isTopicOf(clause: Clause, next: Clause | undefined, afterNext?: Clause): boolean {
  if (!next || !clause.fragment || clause.act !== "REQUEST") return false;
  // "the Long Island, is it tea or alcohol?": what "it" is asked to be may name a drink too.
  const askedOfIt = next.act === "QUESTION" && matches(next.utterance, IT_ASKED);
  if (next.namesDrink && !askedOfIt) return false;
  if (askedOfIt && DEFINITE_TOPIC.test(clause.utterance.order.shape.replace(/ (please|thanks)(?= )/g, ""))) return true;
  // "a 13 dollar martini? sure, one please": the drink asked about, then one of it asked for.
  if (clause.asked && next.act === "REQUEST" && !next.namesDrink && matches(next.utterance, YES_THEN_ONE)) return true;
  // "a twelve dollar old fashioned, worth it, give me one": a short remark on the drink, then a request that points back at it.
  // ("a nine dollar brandy, why not, pour me one": a yes to oneself is such a remark.)
  const remark = (next.act === "CHAT" || next.act === "STATEMENT" || (next.act === "ANSWER" && next.answer === "YES")) && next.tokens.length <= 3;
  const pointsBack = afterNext !== undefined && (afterNext.act === "REQUEST" || (afterNext.act === "ANSWER" && afterNext.fragment)) && !afterNext.namesDrink && POINTS_BACK.test(afterNext.utterance.padded);
  if (remark && pointsBack) return true;
  // "a martini at sunset, that's the dream isn't it": the drink said, then what it is to the guest; nothing asked.
  if (next.act !== "REQUEST" && matches(next.utterance, COMMENT_ON_IT) && (afterNext === undefined || afterNext.act !== "REQUEST")) return true;
  const said = clause.utterance.order.shape.replace(/ (please|thanks)(?= )/g, "");
  // ("and a martini, is that pricier?": any drink, when what is asked of it is how it compares or costs.)
  // ("a martini at 3pm, is that scandalous?": or how it would look, judged; "a negroni, is that ok?" still asks politely.)
  const judged = askedOfIt && matches(next.utterance, JUDGED) && INDEFINITE_AT_A_TIME.test(said);
  const compared = (INDEFINITE_TOPIC.test(said) && next.act === "QUESTION" && matches(next.utterance, COMPARING)) || judged;
  if (!DEFINITE_TOPIC.test(said) && !compared) return false;
  // "the manhattan, how much is": a question left open at its end asks about the drink before it.
  return matches(next.utterance, POINTS_BACK) || matches(next.utterance, OPEN_ENDED_QUESTION);
}
/** How a drink would look, asked: "is that scandalous?", "is it too early for that?". */
const JUDGED = / (scandalous|bad|wrong|weird|strange|a crime|a sin|crazy|mad|terrible|too early|frowned upon|normal|unhinged|tragic|sad|embarrassing|basic|a cliche|cheating|illegal|acceptable|judged|too much)( |$)/;
const OPEN_ENDED_QUESTION = /^ (how much|what) (is|are|does it cost|cost|costs|price)( please)? $/;
/** A question about "it": "is it tea or alcohol?", "what is inside it?". */
const IT_ASKED = /^ (is|does|has|was) (it|that|this) | (in|inside) (it|that|this) |^ what is (in|inside)( there)? $/;
/** A yes, then "one": "sure, one please", "ok, one then". */
const YES_THEN_ONE = /^ (sure|ok|okay|yes|yeah|alright|go on|why not|fine) (one|two|three|one of those|that one)( please| then| thanks)* $/;
/** A drink mused on, not asked for: "that's the dream", "that's the life" (while "that would be lovely" accepts). */
const COMMENT_ON_IT = /^ (oh |ah |wow |now )?(that|it|this) (is|was|would be|would have been) ((the|a) (dream|life|way to (live|go)|stuff of dreams|good life)|my (childhood|youth|whole childhood|summer|jam)) /;

/** "the manhattan, how much is": the question after a drink said first is read as asking about "it". */
function withOpenEndsClosed(clauses: readonly Clause[], index: MenuIndex): readonly Clause[] {
  return clauses.map((clause, at) => {
    const before = clauses[at - 1];
    if (!before || !matches(clause.utterance, OPEN_ENDED_QUESTION) || !isTopicOf(before, clause)) return clause;
    const tokens = [...clause.tokens, "it"];
    return { ...clause, tokens, utterance: utteranceOf(tokens, index) };
  });
}

/** The drinks the last turn poured, replaced by these. */
function replacingLastTurn(added: OrderLine[], drafts: readonly (DraftLine & { quantitySaid?: boolean })[], unknown: string[]): Understanding {
  return {
    intent: "REPLACE",
    target: { kind: "LINES", lines: added },
    drafts: drafts.map((draft) => ({ ...draft, quantitySaid: draft.quantitySaid ?? true })),
    unknown,
  };
}

/** A repair that opens the utterance: it revises the last turn. */
const ONE_MORE_UNIT = /^ (that|the) (second|extra|other|new) one( please| thanks)? $/;

/** "we still have half a pint each", "she's already got one": what the guests have, told. */
const STILL_HAVING = /^ (we|i|he|she|they) ((still|already|both|all|each) )*(have|has|got|have got|has got) /;

function reviseLastTurn(repair: Repair, state: DialogueState, index: MenuIndex): Understanding {
  const body = utteranceOf(repair.body, index);
  const previous = editOfTheLastTurn(state);
  const undoing = repair.cue === "UNDO" || /^ (no|nothing|nope|no thanks)( never mind| thanks)? $/.test(body.padded);
  const drafts = body.order.drafts;
  // "never mind that second one": one unit of the last order, whatever was said since.
  if (repair.cue === "UNDO" && matches(body, ONE_MORE_UNIT) && state.lastOrder.length > 0) return { intent: "REMOVE", target: { kind: "LAST_ORDER", quantity: 1 } };
  // "never mind the bud" when "the bud" names nothing known: something in particular was meant, not the whole last order.
  // ("never mind, the girls already got some": a reason told, not a thing named.)
  // ("never mind, the conductor says we're stopping": who said why, not a thing named.)
  const somethingNamed = repair.body[0] === "the" && repair.body.length > 1 && repair.body.length <= 4 && !ordersAny(body) && !matches(body, SOMEONE_TELLS);
  // ("never mind the tip", "forget the tip": the tip taken back, not the last order.)
  if (undoing && !ordersAny(body) && TIP_WORD.test(` ${repair.body.join(" ")} `)) return { intent: "SET_TIP", tip: { none: true }, refusal: null };
  // ("scratch that, make it two" after four pints: a bare count after taking it back is the order's new count;
  // "cancel that one" points, it counts nothing.)
  const counted = undoing && previous && drafts.length === 0 && repair.body[0] !== "one" ? readQuantity(repair.body, 0) : null;
  if (counted && counted.length === repair.body.length && !counted.range && Number.isInteger(counted.value) && counted.value > 0) return { intent: "CHANGE_QUANTITY", itemIds: null, quantity: counted.value };
  // ("actually never mind, we still have half a pint each": why, told with what the guests have, no order.)
  if (repair.body.length === 0 || (undoing && (!ordersAny(body) || (matches(body, STILL_HAVING) && !body.tokens.includes("instead"))))) {
    // ("wait gate 4 just posted boarding??", then "nvm false alarm": the scare dismissed; no order was just made to take back.)
    if (undoing && !previous && matches(body, DISMISSED)) return ACKNOWLEDGE;
    if (undoing) return previous && !somethingNamed ? { intent: "UNDO" } : { intent: "CANCEL", itemIds: [] };
    return ACKNOWLEDGE;
  }
  // ("we're arguing about it, I said Manhattan": what the guest said to someone else, with nothing just done or asked to correct.)
  const onlyOffered = state.pending === null || (state.pending.kind === "ORDER" && state.pending.ordered !== true);
  if (repair.said.join(" ") === "i said" && !previous && onlyOffered && !undoing) return ACKNOWLEDGE;
  const edited = revisedEdit(body, state);
  if (edited) return edited;
  // ("scratch that rum": the drink just poured, named after the cue, goes; it is not poured again.)
  // ("scratch that, a tequila neat" after one on the rocks: the drink said made otherwise is the new version, not the one taken back.)
  const namedFromLastOrder =
    undoing && drafts.length > 0 && spokenCount(body) === null &&
    drafts.every((draft) => state.lastOrder.some((line) => draft.candidates.includes(line.menuItemId) && draft.modifiers.every((modifier) => line.modifiers.includes(modifier))));
  if (drafts.length > 0 && (matches(body, REMOVE_VERB) || matches(body, NEGATED_DRINK) || (undoing && body.tokens[0] === "the") || namedFromLastOrder)) {
    const lines = drafts.map((draft) => ({ candidates: draft.candidates, category: draft.category, quantity: draft.quantitySaid ? draft.quantity : null, modifiers: draft.modifiers }));
    return { intent: "REMOVE", target: { kind: "LINES", lines } };
  }
  // ("actually make that lager an IPA": the cue's verb is the body's, "make that lager an IPA" names the one to change.)
  // ("make those vodkas neat too": the drinks named, poured before, made another way; "make that a vodka" replaces.)
  const madeOtherwise = repair.said.some((word) => CHANGE_CUES.has(word)) ? drinksMadeOtherwise(utteranceOf([...repair.said, ...repair.body], index)) : null;
  if (madeOtherwise) return madeOtherwise;
  const changing = repair.said.some((word) => CHANGE_CUES.has(word)) && body.order.drafts.length === 2 && !["a", "an", "one", "two", "three"].includes(repair.body[0] ?? "");
  const explicit = classify(changing ? utteranceOf([...repair.said, ...repair.body], index) : body);
  // "actually take the second one off": units of the last order, not a new count for it.
  const removed = unitsRemoved(explicit, body);
  if (removed) return removed;
  if (explicit.intent === "REPLACE" && explicit.target.kind === "NAMED") return explicit;
  // ("actually make the IPAs five": a named drink's new count, whatever was ordered last.)
  if (explicit.intent === "CHANGE_QUANTITY" && explicit.itemIds !== null && drafts.length === 1) return explicit;
  // "Actually make the tip a flat two bucks": a tip said again is a tip, whatever words it holds.
  if (explicit.intent === "SET_TIP" && drafts.length === 0) return explicit;
  if (ordersAny(body)) {
    // ("four tap beers, two negronis", then "make that three beers": the kind said is the one of it just ordered.)
    const said = drafts.map((draft) => ofTheKindOrdered(draft, state));
    const last = state.lastOrder[state.lastOrder.length - 1];
    // "actually make the bourbon a single": the drink ordered, named, no longer made one way.
    const unmade = body.order.negatedModifiers ?? [];
    const [named, ...others] = said;
    if (named && others.length === 0 && unmade.length > 0 && named.category === null && DEFINITE.test(body.order.shape) && state.lastOrder.some((line) => named.candidates.includes(line.menuItemId))) {
      return { intent: "MODIFY", modifiers: named.modifiers, itemIds: [...named.candidates], all: true, unmade };
    }
    const order: Understanding = { intent: "ORDER", drafts: said, unknown: body.order.unknown };
    if (!last || adds(body, repair)) return order;
    // "actually just one old fashioned" after "...and a coke": a new count for a drink ordered before
    // the last order (on the tab, as far as the guest knows), not a replacement of the coke.
    const [first, ...more] = said;
    const restricted = first && more.length === 0 && first.candidates.length === 1 && body.tokens.some((token) => RESTRICTING.has(token)) ? first : null;
    const itemId = restricted?.candidates[0];
    if (restricted?.quantitySaid && !state.lastOrder.some((line) => line.menuItemId === itemId)) {
      return { intent: "CHANGE_QUANTITY", itemIds: [...restricted.candidates], quantity: restricted.quantity };
    }
    // ("can i get to lagers", "and a cosmo for my wife", then "no sorry, four lagers, there's four of us": a new
    // count for the drink on the tab, said with no "instead"; the cosmo stays.)
    const recount = first && more.length === 0 && first.candidates.length === 1 && first.quantitySaid ? first : null;
    const recounted = recount?.candidates[0];
    // (Said as a correction, "no", "sorry", "wait": "actually sixty IPAs for the whole bar" may be sixty more.)
    const corrected = repair.said.some((word) => CORRECTING_CUES.has(word));
    if (recounted && corrected && !body.tokens.some((token) => NOT_A_RECOUNT.has(token)) && state.onTab?.includes(recounted) && !state.lastOrder.some((line) => line.menuItemId === recounted)) {
      return { intent: "CHANGE_QUANTITY", itemIds: [recounted], quantity: recount.quantity };
    }
    // ("another cosmo please", then "never mind, just the one cosmo": the drink just added again, kept to that many in all.)
    if (undoing && restricted && previous?.added.some((line) => line.menuItemId === itemId)) return { intent: "CHANGE_QUANTITY", itemIds: [...restricted.candidates], quantity: restricted.quantity };
    // "scratch that, a tequila neat": what the last turn poured, replaced; nothing poured, a new order.
    if (undoing) return previous && previous.added.length > 0 ? replacingLastTurn(previous.added, said, body.order.unknown) : order;
    if (repair.strength === "WEAK" && !(previous && previous.added.length > 0)) return order;
    const [only] = said;
    const spoken = spokenCount(body);
    // "no wait, two IPAs" after an IPA: the same drink, a new count.
    if (only && said.length === 1 && only.candidates.length === 1 && only.candidates[0] === last.menuItemId && only.modifiers.length === 0 && spoken !== null) {
      return { intent: "CHANGE_QUANTITY", itemIds: null, quantity: spoken };
    }
    // "make it two negronis": a count for a named drink (the act replaces the last order when it is not on the tab).
    if (only && said.length === 1 && only.category === null && spoken !== null && repair.said.some((word) => word === "make" || word === "change")) {
      return { intent: "CHANGE_QUANTITY", itemIds: only.candidates, quantity: spoken };
    }
    return { intent: "REPLACE", target: { kind: "LAST_ORDER" }, drafts: said, unknown: body.order.unknown };
  }
  // ("make it a single", "no, without the twist": how it is no longer to be made.)
  const unmade = body.order.negatedModifiers ?? [];
  // ("make those up, with a twist": read as said right after the drink, "up" too; "make it up instead of shaken" as well.)
  const loose = body.order.looseModifiers.map((read) => read.modifier);
  const asSaid = loose.length > 0 || unmade.length > 0 ? servingWordsFor(body, state, index) : [];
  const modifiers = (asSaid.length > loose.length ? asSaid : loose).filter((modifier) => !unmade.includes(modifier));
  // ("actually make one of them up": one unit, not all of them.)
  const units = unitsOf(body);
  const all = units !== null ? { quantity: units } : everyOne(body) ? { all: true } : {};
  // ("a martini, dry", then "actually make it dirty instead": the style said instead replaces the one it was made with.)
  const instead = repair.said.includes("instead") || body.tokens.includes("instead");
  const madeBefore = state.lastOrder[state.lastOrder.length - 1]?.modifiers.filter(isModifier) ?? [];
  const unmaking = [...unmade, ...(instead ? stylesReplaced(madeBefore, modifiers) : [])];
  if (modifiers.length > 0 || unmaking.length > 0) return { intent: "MODIFY", modifiers: canonicalModifiers(modifiers), ...all, ...(unmaking.length > 0 ? { unmade: unmaking } : {}) };
  const count = spokenCount(body);
  // "Let's leave 18 percent." / "No, make it 20.": right after a tip, a bare number changes the tip.
  const tipped = previous?.tipAfter;
  // ("actually, make it a flat five dollars" right after a tip: the tip, now in money.)
  const money = tipped ? body.tokens.map((_, at) => readTipAmount(body.tokens, at)).find((read) => typeof read === "object" && read !== null) : undefined;
  if (money && typeof money === "object") return { intent: "SET_TIP", tip: { amountCents: money.cents }, refusal: null };
  if (count !== null && tipped && !("none" in tipped)) {
    return { intent: "SET_TIP", tip: "percent" in tipped ? { percent: count } : { amountCents: count * 100 }, refusal: null };
  }
  // ("hang on, just two": said as a cut.)
  // ("actually could you pour one for her now": a drink asked for with its verb, read below as the one in focus.)
  if (count !== null && !matches(body, POURS_ONE)) return { intent: "CHANGE_QUANTITY", itemIds: null, quantity: count };
  // "make them both up": the new version said of the drinks just ordered.
  const serving = explicit.intent === "UNKNOWN" ? servingWordsFor(body, state, index) : [];
  if (serving.length > 0) return { intent: "MODIFY", modifiers: serving, ...all };
  return explicit;
}

// ---------------------------------------------------------------------------

/**
 * "zero beers for me tonight, just a water": none of a drink, said beside the drinks asked for, asks for
 * nothing of it (said alone, "zero beers" is still answered: none at all is no order).
 */
function withoutNoneAsked(drafts: DraftLine[]): DraftLine[] {
  const asked = drafts.filter((draft) => draft.quantity !== 0);
  return asked.length > 0 && asked.length < drafts.length ? asked : drafts;
}

/** A kind of drink said ("beers") when the last order holds exactly one drink of it: that drink, as said. */
function ofTheKindOrdered<Draft extends DraftLine>(draft: Draft, state: DialogueState): Draft {
  if (draft.category === null) return { ...draft };
  const ordered = [...new Set(state.lastOrder.map((line) => line.menuItemId).filter((id) => draft.candidates.includes(id)))];
  return ordered.length === 1 ? { ...draft, candidates: ordered, category: null } : { ...draft };
}

/** "could you pour one for her", "get me one too": a drink asked for by a verb of pouring, not a new count. */
const POURS_ONE = /^ ((could|can|would|will) (you|ya) )?(please |just )?(pour|get|bring|fix|grab|send|do) ((me|us|him|her|them) )?(one|another)( for (me|us|him|her|them|my \w+))? /;

/** "make it", "make those": said of drinks already poured. */
const MAKE_IT = / make (it|that|this|them|those|these|mine|his|hers) /;

/** A drink named as one already known, the guest's own too: "the negronis", "my martini". */
const KNOWN_DRINK = / (the|that|this|those|these|my|our|his|her|their) (\w+ )?DRINK /;
/** Verbs of making a drink some way, and the words after them that point back at drinks named. */
const MAKING = new Set(["make", "do", "have", "serve", "pour"]);
const POINTING = new Set(["them", "those", "these", "it", "that", "both"]);

/** A condition about the guest or someone near, still to come: "if I make the final", "if we win". */
const SOMEONES_CONDITION = /^ ((and|but|so) )?(if|when) (i|we|he|she|they|my \w+|our \w+) /;
/** Disbelief said after a drink asked of: "who does that", "never thought I'd see the day", "seriously". */
const INCREDULOUS = /^ ((at|in) (a|the) \w+( \w+)?|who (does|drinks|orders) (that|those|this)|never thought|you are joking|since when|what next)\b/;

/** The guest told what they should do: "I should have...", "we ought to get...". */
const ADVISED = /^ (i|we) (should|ought to|must|need to|have to|had better) /;

/** Whom a drink was for, told as why: "the Manhattan was for Mick", "the lagers are for the band". */
const WAS_FOR = / (was|were|is|are) (for|meant for) /;
/** A drink said again as the one meant: "just a regular iced tea", "only the lager". */
const RESTRICTED_AGAIN = /^ (just|only) /;

/** The words that name the one drink in `tokens` ("the manhattan was for mick" -> "the manhattan"), or none. */
function drinkWords(tokens: readonly string[], index: MenuIndex): string[] {
  for (let at = 0; at < tokens.length; at += 1) {
    const drink = matchMenuAt(tokens, at, index);
    if (drink) return ["the", ...tokens.slice(at, at + drink.length)];
  }
  return [];
}

/** Someone who wants no drink any more: "Dave doesn't want beer", "she does not want it". */
const NOT_WANTED = /^ (\w+ )?(does not|doesn't|do not|no longer) (want|need|drink) /;

/** Someone telling or being something: "the conductor says", "the kitchen is closed". */
const SOMEONE_TELLS = / (says|said|thinks|told|tells|reckons|is|are|was|were|has|had) /;

/** A clause of time or condition said before its main clause: "when we get to Chicago", "once she's back". */
const WHEN_FIRST = /^ ((and|so|but|well|ok|okay) )?(when|once|after|as soon as|if|before|until|till) /;
/** Cues that correct what was just said, rather than change the guest's mind. */
const CORRECTING_CUES: ReadonlySet<string> = new Set(["no", "sorry", "wait", "oops", "correction", "nope"]);
/** Words that make a count said in a repair more, or another drink, not the drink's new count. */
const NOT_A_RECOUNT: ReadonlySet<string> = new Set(["instead", "more", "another", "extra", "too", "also", "again"]);
/**
 * Whether what was said before a clause about paying puts the paying off: a time or a condition said first
 * ("when we get to Chicago I'll pay"), a time to come then "then" ("see you after Zagreb, I'll pay then"), or what
 * the guest will see through first ("let me finish this game and then I'll settle up"); "if you're closing, I'll pay
 * now" is now.
 */
function payingPutOff(clauses: readonly Clause[], position: number, u: Utterance): boolean {
  if (position === 0 || / (now|right away|straight away) /.test(u.padded)) return false;
  const before = clauses[position - 1]?.utterance.padded ?? "";
  if (WHEN_FIRST.test(before) || (/ then $/.test(u.padded) && TIME_TO_COME_NAMED.test(before))) return true;
  // (Said across the clauses before it: "let me finish | this drink | then I'll pay".)
  return FINISHING_FIRST.test(` ${clauses.slice(0, position).flatMap((said) => said.tokens).join(" ")} `);
}

/** "let me finish this game", "I'll just drink up": what the guest will see through first, paying after it. */
const FINISHING_FIRST =
  /^ ((and|so|ok|okay|right|well) )?(let me|lemme|let us|lets|(i|we) (will|am going to|am gonna|are going to|are gonna|gotta|have to|need to|want to|wanna)) (just )?(finish|drink up|wrap up|get through) /;

/** A time still to come, named anywhere in a clause: "see you after Zagreb", "back in ten minutes", "tomorrow". */
// ("my stipend comes Friday, so I'll pay then": a day to come.)
const TIME_TO_COME_NAMED = / (after|later|tomorrow|tonight|in the morning|in (a|an|ten|twenty|five|num|\d+) (bit|while|minutes?|hours?|mins?)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|payday|the weekend|next (week|month)|end of the month) /;

/** A hundred percent and nothing else: "100 percent", "the full hundred percent". */
const WHOLE_SHARE = /^ ((the )?(full|whole) )?(a |one )?(hundred|100) percent( then| please| yeah)? $/;

/** Whether clauses said before talked of a tip, and in percent or in money. */
function tipTalkBefore(before: readonly Clause[]): "PERCENT" | "AMOUNT" | null {
  const said = before.map((clause) => clause.utterance.padded).join(" ");
  if (!/ (tip|tips|tipped|tipping|gratuity) /.test(said)) return null;
  return / (percent|per cent) /.test(said) ? "PERCENT" : / (dollars|dollar|bucks|buck|quid) /.test(said) ? "AMOUNT" : null;
}

/** A clause that reports what the next one says: "my buddy says", "she thinks", "he told me". */
const REPORTED_BY = / (says|said|thinks|thought|reckons|reckoned|told me|tells me|tells us|told us) $/;

/** A serving said against the one before: "but no ice", "without ice". */
const SAID_AGAINST = /^ ((but|and) )?(no|without) /;

/** The soft serving of "no ice" said of a drink, where the drink takes it ("neat" for a whiskey), or null. */
function takenAgainst(draft: DraftLine, u: Utterance, index: MenuIndex): Modifier[] | null {
  const soft = u.order.looseModifiers.filter((read) => read.soft).map((read) => read.modifier);
  const item = draft.candidates.length === 1 ? index.byId.get(draft.candidates[0] as string) : undefined;
  if (!item || soft.length === 0 || u.order.looseModifiers.some((read) => !read.soft)) return null;
  const taken = soft.filter((modifier) => item.modifiers.includes(modifier));
  return taken.length > 0 ? taken : null;
}

/** "same again and a lemonade": the last order again, with more said after it. */
const SAME_AGAIN_AND = /^ ((ok|okay|yes|right|so) )?(the )?same (again|as before|round)( please)? (and|plus|with|also) /;

/** The last order's lines as drafts, poured again: all of it, or its last line (that many of it when a count was said). */
function lastOrderAgain(state: DialogueState, scope: "LINE" | "ORDER", quantity: number | null): DraftLine[] {
  const again = scope === "ORDER" ? state.lastOrder : state.lastOrder.slice(-1);
  return again.map((line) => ({
    candidates: [line.menuItemId],
    category: null,
    quantity: scope === "LINE" && quantity ? quantity : line.quantity,
    modifiers: line.modifiers.filter(isModifier),
    softModifiers: [],
  }));
}

/** "same as always", "the usual": what the guest always has, named or not. */
const AS_ALWAYS = / (as always|as usual|the usual|my usual) /;


/** A count said alone: "three", "just two", "three please". */
const BARE_COUNT = /^ (just |only |make it |make that )?\S+( then| please| of them| instead)* $/;

/** A bare drink name after talk of that drink or its kind ("this beer is famous, Heineken"), with no count or please. */
function namesTheTalkedOf(talk: Clause, named: Clause): boolean {
  const [drink, ...others] = named.utterance.order.drafts;
  if (!drink || others.length > 0 || named.utterance.order.said.counts > 0 || / (please|thanks|for me|for us) /.test(named.utterance.padded)) return false;
  const talkedOf = [...talk.utterance.order.drafts, ...talk.utterance.order.topics];
  return talkedOf.some((line) => line.candidates.some((id) => drink.candidates.includes(id)));
}

/** What a drink is to someone, said of it: "my father's favourite drink", "his usual tipple", "the classic cocktail". */
const WHAT_A_DRINK_IS = / (favourite|favorite|usual|old|classic|signature) (\w+ )?(drink|cocktail|beer|tipple|poison)? $/;
/** "that's my idea of heaven", "now that's the life": what was just named, praised as a thing. */
const PRAISED_AS_A_THING = /^ (that is|this is|now that is|those are) (my idea of|the life|the dream|heaven|living|what i call|perfection|bliss|the way to)/;
const ARTICLES = new Set(["a", "an", "another"]);
/** "who knew", "this is great", "what a treat": wonder at something, no request. */
const WONDERED_AT = /^ ((oh|wow|well|honestly) )*(who knew|who would have thought|(this|that|it) is (great|amazing|brilliant|lovely|perfect|fantastic|wonderful|incredible|delicious|so good)|what a (treat|surprise|thing)) /;

/** A drink named with no more than an article, all of it just poured, and said without a courtesy: the one in hand. */
function isInHand(named: Clause, state: DialogueState): boolean {
  if (named.act !== "REQUEST" || !named.fragment || !named.namesDrink || named.utterance.order.said.counts > 1 || matches(named.utterance, COURTEOUS)) return false;
  if (named.tokens.some((token) => token === "another" || token === "more" || token === "again")) return false;
  return named.utterance.order.drafts.every((draft) => draft.quantity === 1 && state.lastOrder.some((line) => draft.candidates.includes(line.menuItemId)));
}
/** A question checking what the guest already believes: "... right?", "..., yeah?". */
const CHECKING = / (right|yeah|correct|yes) $/;
/** Words a question points back at a drink with: "is it sweet?", "are they strong?". */
const ASKED_OF = new Set(["it", "that", "they", "them", "this", "those", "these"]);
/** "how much are those", "what do they cost": the price of what was just said. */
const PRICE_OF_IT = /^ ((so|and|oh|but|ok|okay|wait) )?(how much (is|are|was|would|will|does|do) (it|that|those|these|they|them|this)|what (is|are|does|do|would) (it|that|those|these|they|this) (cost|run|come to)) /;
/** "my favourite", "my usual": the guest's own, as good as asked for. */
const MY_OWN = /^ (my|our) (favourite|favorite|usual|regular|go to) /;
const COURTEOUS = / (please|thanks|thank you|for me|for us|cheers) /;

/** "the amber one": a drink described by a word of it, then "one". */
const DESCRIBED_ONE = / the (\w+ ){0,2}DRINK one $/;
/** "a Classic Brew": the drink named once, with no count of its own. */
const NAMED_ALONE = /^ (an?|the) DRINK $/;

/** The fragment only names the drink the clause before it described ("the amber one, a Classic Brew"). */
function namesAgain(described: Clause, fragment: Clause): boolean {
  const [named, ...rest] = fragment.utterance.order.drafts;
  const last = described.utterance.order.drafts[described.utterance.order.drafts.length - 1];
  if (named === undefined || rest.length > 0 || last === undefined || !sameDrink(last, named)) return false;
  // ("a soda on the rocks, please? Cola, if you have it.": the one drink asked for, then which kind of it, bare.)
  const whichKind = described.utterance.order.drafts.length === 1 && NAMED_BARE.test(fragment.utterance.order.shape);
  // ("A soda, please. Whatever cola you've got.": any kind of the drink just asked for is that drink.)
  const anyKind = fragment.tokens[0] === "whatever" || fragment.tokens[0] === "any";
  return whichKind || anyKind || (DESCRIBED_ONE.test(described.utterance.order.shape) && NAMED_ALONE.test(fragment.utterance.order.shape));
}
const NAMED_BARE = /^ DRINK $/;
/** "Jake wants one too": someone in on the drink just counted. */
const ONE_TOO = /^ ((and|oh|so) )?(\w+ ){1,2}(wants|would like|is having|will have|needs) (one|some) (too|as well|also) $/;
/** "a pint please": a measure said alone. */
const JUST_A_PINT = /^ ((a|one) )?pint( please| thanks| then)* $/;

/** "ha, same.": the guest's own agreement, a remark after it; "two cosmos?": a count heard back, asked. */
const SAME_HERE = /^ ((ha|haha|lol|yeah|yes|oh|ah|right) )*same( here| for me| really| to be honest)? $/;

/** "I'm definitely having a cosmo", "I'll go with the negroni": the guest's choice, told. */
const DECIDED_ON = /^ ((right|ok|okay|so|yes|yeah|alright|then) )*(i|we) (am|are|will|think i will|think we will) (definitely |probably |just |going to )?(having|have|go with|going with|get|getting) /;

/**
 * "Right, I'm definitely having a cosmo. One cosmo, please!": a choice told, then asked for in a clause of the
 * same drinks and counts, is one order, said twice ("another cosmo please" would be a second).
 */
function isSaidAgainNext(clause: Clause, next: Clause | undefined): boolean {
  if (!next || clause.act !== "REQUEST" || next.act !== "REQUEST" || !next.fragment || !matches(clause.utterance, DECIDED_ON)) return false;
  if (matches(next.utterance, ONE_MORE_OF_IT)) return false;
  const [chosen, ...otherChoices] = clause.utterance.order.drafts;
  const [asked, ...otherAsked] = next.utterance.order.drafts;
  return chosen !== undefined && asked !== undefined && otherChoices.length === 0 && otherAsked.length === 0 && sameDrink(chosen, asked) && chosen.quantity === asked.quantity;
}
const ONE_MORE_OF_IT = / (another|more|too|also|as well|again|extra|second) /;

/**
 * "what did you say? two cosmos? ok two cosmos please": a drink asked back before it is ordered is no
 * order of its own; "ha, same. the rain's biblical": "same" with a remark after it agrees, it repeats no round.
 */
function withoutEchoes(clauses: readonly Clause[]): readonly Clause[] {
  // Most utterances have neither: nothing is copied for them.
  if (!clauses.some((clause) => (clause.asked && clause.fragment && clause.namesDrink) || matches(clause.utterance, SAME_HERE) || matches(clause.utterance, DECIDED_ON))) return clauses;
  return clauses.flatMap((clause, position) => {
    const later = clauses.slice(position + 1);
    const echoed = clause.asked && clause.fragment && clause.namesDrink && later.some((next) => next.act === "REQUEST" && next.utterance.order.drafts.some((draft) => clause.utterance.order.drafts.some((heard) => sameDrink(heard, draft))));
    if (echoed || isSaidAgainNext(clause, later[0])) return [];
    const remark = (next: Clause) => next.act === "STATEMENT" || next.act === "CHAT" || (next.act === "QUESTION" && !next.asked && /^ (what|how) (a|an|such) /.test(next.utterance.padded));
    const agreeing = matches(clause.utterance, SAME_HERE) && later.length > 0 && later.every((next) => remark(next) && !next.namesDrink);
    return agreeing ? [{ ...clause, act: "STATEMENT" as const, kind: "OPINION" as const }] : [clause];
  });
}

/** "could I possibly maybe": asking, with nothing asked for yet. */
const ASKING_ONLY = /^ (can|could|may|might) (i|we)( (possibly|maybe|perhaps|just|please|um|uh|er))* $/;

/** "only three Germans came", "two of them left": people who came or went, counted. */
const PEOPLE_CAME = / \w+ (\w+ )?(came|left|arrived|went home|turned up|showed up|are here|made it|stayed|bailed) /;

/** "four at least", "a dozen easily", "six or so": a count guessed at, not asked for. */
const ESTIMATED = /^ ((oh|well|um) )?\S+ (at least|at most|easily|or so|or more|tops|max|minimum|if not more)( i (reckon|think|bet))? $|^ (at least|easily|about|around|roughly) \S+ $/;

/**
 * "Jen says fifteen, I say twenty. fine, Jen wins, fifteen": counts argued over, with no drink named, are
 * no order of the last drink (the one a count alone would repeat); they are talk.
 */
function withoutArguedCounts(clauses: readonly Clause[], index: MenuIndex): readonly Clause[] {
  if (clauses.length < 2 || clauses.some((clause) => clause.namesDrink)) return clauses;
  const counts = new Set(clauses.map((clause) => spokenCount(clause.utterance)).filter((count) => count !== null));
  if (counts.size < 2) return clauses;
  const countsOnly = (clause: Clause) => matches(clause.utterance, BARE_COUNT) || clause.tokens.every((token) => token === "and" || readQuantity([token], 0) !== null);
  return clauses.map((clause) => (clause.act === "REQUEST" && clause.fragment && countsOnly(clause) ? { ...clause, act: "CHAT" as const, utterance: utteranceOf(clause.tokens, index) } : clause));
}

/** "sorry, not coke": a drink refused alone, with at most a cue before it (the cue, the drink's words). */
const REFUSED_ALONE = /^ ((?:(?:sorry|oh|oops|no|wait|um|uh) )*)not ((?:(?:a|an|the) )?\S+(?: \S+)?) $/;

/** "just the lager", "only the IPAs": which drink stays, said after one taken off. */
const KEPT_ONLY = /^ (just|only) (the|my|our|his|her|those|these) /;

/** A fragment continues the request before it ("Martini. Dirty. Shaken."); a bare cue takes the clause after it as its new version. */
/** "two more of those", "another one of them", "one more of these": more of the drink pointed at, said last. */
const MORE_OF_THOSE = / of (those|them|these) $/;

/** "wait no": a cue and a no, the new version still to come. */
const saidNoOnly = (repair: Repair): boolean => repair.body.length === 1 && repair.body[0] === "no";

/**
 * "wait no, that's too many, make it ten": a no said with a cue, then the new version in a repair of
 * its own, is part of that cue; on its own ("actually no") or before another undo ("actually no, never
 * mind the second") it takes back what was just asked.
 */
function withNoBeforeTheNewVersion(clauses: readonly Clause[]): Clause[] {
  return clauses.map((clause, position) =>
    clause.act === "REPAIR" && clause.repair && saidNoOnly(clause.repair) && clauses.slice(position + 1).some((later) => later.act === "REPAIR" && later.repair?.cue === "REVISE" && later.repair.body.length > 0)
      ? { ...clause, repair: { ...clause.repair, said: [...clause.repair.said, "no"], body: [] } }
      : clause,
  );
}

/** "we're buying the room a round", "getting the lads a round": a round given to people, said of drinks counted. */
const ROUND_GIVEN = / (buying|buy|getting|get|treating|standing|shouting) (\w+ ){1,3}(a|another) round( |$)/;

/** The request clause among `clauses` that asks for the drink `refused` names, and where in it that drink is said (with its article). */
function earlierAskedFor(clauses: readonly Clause[], refused: readonly string[], index: MenuIndex): [number, Clause, number, number] | null {
  const named = utteranceOf(refused, index).order.drafts.flatMap((draft) => draft.candidates);
  if (named.length !== 1) return null;
  for (let at = clauses.length - 1; at >= 0; at -= 1) {
    const clause = clauses[at] as Clause;
    if (clause.act !== "REQUEST") continue;
    const start = clause.tokens.findIndex((_, where) => matchMenuAt(clause.tokens, where, index)?.itemIds.join() === named.join());
    const match = start < 0 ? null : matchMenuAt(clause.tokens, start, index);
    if (!match) continue;
    const end = start + match.length;
    const withArticle = ["a", "an", "the", "one"].includes(clause.tokens[start - 1] ?? "") ? start - 1 : start;
    return [at, clause, withArticle, end];
  }
  return null;
}

/** "one of the sodas", "two of those IPAs": some units of a drink, pointed at and nothing more. */
const UNITS_OF_THE = /^ ((and|so|oh) )?(one|two|three|four|five) of (the|those|these|my|our) DRINK $/;

/** "one for each twin", "one each": one of the drinks just counted for each of some people. */
const ONE_EACH = /^ ((and|so) )?(one|a|an) (each|for each|to each)( of (them|us|you|the \w+))?( \w+)?( please)? $/;

/** "you know what's underrated?", "guess what my favourite is?": a question the guest answers next. */
const OWN_RIDDLE = /^ ((so|and|oh|hey|ok|okay) )*(you know|guess|do you know|wanna know|want to know) what (is|are|was|would be|my|the) /;

/** "and a lemonade too", "also a cosmo": a drink asked for as well, not in place of another. */
const TOO_OR_ALSO = / (too|also|as well) /;

/** The one drink a declining clause names, when it was just poured: its id and its name's words. */
function pouredDrinkDeclined(clause: Clause, state: DialogueState, index: MenuIndex): { id: string; words: string[] } | null {
  const [draft, ...others] = clause.utterance.order.drafts;
  const id = draft?.candidates.length === 1 ? draft.candidates[0] : undefined;
  const item = id === undefined ? undefined : index.byId.get(id);
  if (others.length > 0 || !item || !state.lastOrder.some((line) => line.menuItemId === item.id)) return null;
  return { id: item.id, words: item.name.toLowerCase().split(" ") };
}

/** "is that the classic brew?", "that's the IPA?": whether the drink pointed at is the one named. */
const IS_IT_THE = /^ ((so|and|oh|wait|sorry) )?((is|was) (that|it|this)|(that|it|this) is) (the |a |an |your )?DRINK /;
/** "the amber one", "that hoppy one" (said by its name once described: descriptions.ts): one drink pointed at, and nothing more. */
const ONE_DRINK_POINTED_AT = /^ ((the|that|this|a|an) )?DRINK( one)? $/;

/**
 * "the amber one, is that the classic brew?", "the hoppy one, is it the IPA?": a drink pointed at, then asked
 * whether it is the drink the question names: which drink it is, not an order of it.
 */
function isWhichOneItIs(pointed: Clause, question: Clause): boolean {
  if (pointed.act !== "REQUEST" || !pointed.fragment || !ONE_DRINK_POINTED_AT.test(pointed.utterance.order.shape)) return false;
  if (question.act !== "QUESTION" || !IS_IT_THE.test(question.utterance.order.shape)) return false;
  const pointedAt = pointed.utterance.order.drafts.flatMap((draft) => draft.candidates);
  return question.utterance.order.drafts.every((draft) => draft.candidates.some((id) => pointedAt.includes(id)));
}

function joinFragments(said: readonly Clause[], index: MenuIndex, state: DialogueState): Clause[] {
  const clauses = withNoBeforeTheNewVersion(withoutArguedCounts(withoutEchoes(said), index));
  const joined: Clause[] = [];
  for (const clause of clauses) {
    const previous = joined[joined.length - 1];
    // "in Japan this beer is very famous, Heineken": the drink talked about, then named; still talk.
    if ((previous?.act === "STATEMENT" || previous?.act === "CHAT") && clause.fragment && clause.act === "REQUEST" && namesTheTalkedOf(previous, clause)) {
      joined.push({ ...clause, act: "STATEMENT", kind: "OPINION" });
      continue;
    }
    // ("Ah, Old Fashioned... my father's favourite drink", "roast and a classic brew, that's my idea of heaven": a
    // drink named bare, then what it is to someone, is talk.)
    const bare = previous?.act === "REQUEST" && previous.fragment && previous.namesDrink && previous.utterance.order.said.counts === 0 && !matches(previous.utterance, COURTEOUS);
    const described = !clause.hasVerb && clause.utterance.order.drafts.every((draft) => draft.category !== null) && matches(clause.utterance, WHAT_A_DRINK_IS) && !matches(clause.utterance, MY_OWN);
    // ("lemonade, huh, didn't think a pub would do fresh lemonade": the drink said back, wondered at.)
    const wonderedAt = clause.tokens[0] === "huh";
    if (previous && bare && (clause.act === "STATEMENT" || clause.act === "CHAT") && (described || wonderedAt || (!clause.namesDrink && matches(clause.utterance, PRAISED_AS_A_THING)))) {
      joined[joined.length - 1] = { ...previous, act: "STATEMENT", kind: "OPINION" };
      joined.push(clause);
      continue;
    }
    // ("the amber one, is that the classic brew?": a drink described, then asked whether it is the one named, is a
    // question of which drink that is, not an order of it.)
    if (previous && isWhichOneItIs(previous, clause)) {
      joined[joined.length - 1] = clause;
      continue;
    }
    // ("a negroni at a wedding, who knew, this is great", the negroni just poured: the drink in hand, wondered at.)
    if (previous && isInHand(previous, state) && (clause.act === "STATEMENT" || clause.act === "CHAT" || clause.act === "QUESTION") && !clause.namesDrink && matches(clause.utterance, WONDERED_AT)) {
      joined[joined.length - 1] = { ...previous, act: "STATEMENT", kind: "OPINION" };
      joined.push(clause);
      continue;
    }
    // ("Daiquiri, is it sweet?": a drink named bare, then asked about, is what the question is about.)
    // ("a negroni, that's the 11 dollar one right?": said with an article and checked, it is ordered.)
    // ("the trombone section wants IPAs, how much are those": drinks wished for, with no count, then priced, are asked about.)
    const pricedUncounted =
      previous?.act === "REQUEST" && previous.namesDrink && previous.utterance.order.said.counts === 0 && !matches(previous.utterance, COURTEOUS) && matches(clause.utterance, PRICE_OF_IT);
    const namedBare = (bare && !ARTICLES.has(previous.tokens[0] ?? "") && !matches(clause.utterance, CHECKING)) || pricedUncounted;
    const askedOf = namedBare && clause.act === "QUESTION" && !clause.namesDrink ? clause.tokens.findIndex((token) => ASKED_OF.has(token)) : -1;
    if (previous && askedOf >= 0) {
      const tokens = [...clause.tokens.slice(0, askedOf), ...previous.tokens, ...clause.tokens.slice(askedOf + 1)];
      joined[joined.length - 1] = { ...clause, tokens, utterance: utteranceOf(tokens, index), namesDrink: true };
      continue;
    }
    if (previous && clause.fragment && clause.act === "REQUEST") {
      // "Dave wants the amber one, a Classic Brew": the drink described, then named: one drink, said twice.
      if (previous.act === "REQUEST" && namesAgain(previous, clause)) continue;
      // ("I'll take the amber one then, a pint please": how much of the beer just named, not a lager too.)
      if (previous.act === "REQUEST" && matches(clause.utterance, JUST_A_PINT) && previous.utterance.order.drafts.some((draft) => draft.candidates.every((id) => index.byId.get(id)?.category === "BEER"))) continue;
      // ("cancel the vodka, a cosmo instead": a drink said after a removal is asked for, not taken off too.)
      // ("forget the negroni, just the lager": the drink kept, not taken off too.)
      const afterRemoval = matches(previous.utterance, REMOVE_VERB) && clause.namesDrink && (clause.tokens.includes("instead") || matches(clause.utterance, KEPT_ONLY));
      // ("one IPA each for the three of us, so three IPAs": a sum said after, read on its own against what it sums.)
      const sums = clause.namesDrink && matches(clause.utterance, SUMMING_UP);
      // ("Three strikes in a row!! Tequila neat to celebrate": words naming nothing a bar serves are not the order's start.)
      const { said: before } = previous.utterance.order;
      // ("six sixes in that over! six IPAs please": a count of something else, told, is no start of the order either.)
      // ("two of each: daiquiri, cosmo" still counts the drinks named after it.)
      const toldWords = previous.tokens.filter((token, at) => !COUNT_LINKS.has(token) && readQuantity(previous.tokens, at) === null);
      const countedOther = before.drinks + before.modifiers === 0 && previous.utterance.order.drafts.length === 0 && previous.utterance.order.unknown.length === 0 && toldWords.length >= 2;
      const nothingOrdered = (before.drinks + before.modifiers + before.counts === 0 || countedOther) && clause.namesDrink;
      // ("two more of those, and a lager": more of the drink pointed at, then another drink, two orders.)
      const pointedAtFirst = !previous.namesDrink && clause.namesDrink && matches(previous.utterance, MORE_OF_THOSE);
      if (previous.act === "REQUEST" && (previous.fragment || previous.namesDrink) && !afterRemoval && !sums && !nothingOrdered && !pointedAtFirst) {
        const tokens = [...previous.tokens, ...clause.tokens];
        joined[joined.length - 1] = { ...previous, tokens, utterance: utteranceOf(tokens, index), namesDrink: previous.namesDrink || clause.namesDrink };
        continue;
      }
      // ("no wait, Sammy's off the booze, three", "no, sorry, he's changed his mind, an IPA": after a cue
      // and why, the count or the drink alone is the new version.)
      // ("nvm false alarm. 2 more lagers", "nvm my bad. 2 more IPAs": what was said before dismissed; the drinks after are a new order.)
      const why = utteranceOf(previous.repair?.body ?? [], index);
      const dismissed = previous.repair !== null && matches(utteranceOf([...previous.repair.said, ...previous.repair.body], index), DISMISSED);
      const toldWhy = previous.repair !== null && !previous.namesDrink && spokenCount(why) === null && (matches(clause.utterance, BARE_COUNT) || clause.namesDrink);
      if (previous.act === "REPAIR" && previous.repair && !dismissed && (previous.repair.body.length === 0 || saidNoOnly(previous.repair) || toldWhy)) {
        joined[joined.length - 1] = { ...previous, repair: { ...previous.repair, body: clause.tokens } };
        continue;
      }
    }
    // ("one of the sodas, make it a lemonade": the units pointed at first, then what they become, is "make one of the
    // sodas a lemonade".)
    const pointedFirst = previous?.act === "REQUEST" && previous.fragment && UNITS_OF_THE.test(previous.utterance.order.shape);
    if (previous && pointedFirst && clause.act === "REPAIR" && clause.repair?.cue === "REVISE" && clause.repair.said[0] === "make" && clause.namesDrink) {
      const tokens = ["make", ...previous.tokens, ...clause.repair.body];
      joined[joined.length - 1] = { ...previous, tokens, utterance: utteranceOf(tokens, index), fragment: false };
      continue;
    }
    // ("fifty lagers, we're buying the room a round": the round is the drinks just counted, not one more.)
    // ("a lemonade, no, two lemonades, one for each twin": how the drinks counted are shared out, no more of them.)
    const sharedOut = ROUND_GIVEN.test(clause.utterance.padded) || ONE_EACH.test(clause.utterance.padded);
    if (clause.act === "REQUEST" && !clause.namesDrink && sharedOut && joined.some((earlier) => (earlier.act === "REQUEST" || earlier.act === "REPAIR") && earlier.namesDrink && earlier.utterance.order.said.counts > 0)) {
      joined.push({ ...clause, act: "CHAT" });
      continue;
    }
    // ("you know what's underrated? classic brew.": the guest answers their own riddle; the drink is talked of.)
    if (previous?.act === "QUESTION" && OWN_RIDDLE.test(previous.utterance.padded) && clause.act === "REQUEST" && clause.fragment && clause.namesDrink) {
      joined.push({ ...clause, act: "STATEMENT", kind: "OPINION" });
      continue;
    }
    // ("did you see how many lagers he put away? four at least": the guest answers their own question, an estimate.)
    if (previous?.act === "QUESTION" && clause.act === "REQUEST" && clause.fragment && !clause.namesDrink && matches(clause.utterance, ESTIMATED)) {
      joined.push({ ...clause, act: "STATEMENT", kind: "OTHER" });
      continue;
    }
    // ("sorry, not coke, lemonade": a drink refused, then the one meant, is the correction "lemonade, not coke".)
    const refusedOnly = previous?.act === "DECLINE" && REFUSED_ALONE.exec(previous.utterance.padded);
    const refusedWords = refusedOnly ? (refusedOnly[2]?.trim().split(" ") ?? []) : [];
    const pouredBefore = refusedWords.length > 0 && utteranceOf(refusedWords, index).order.drafts.some((draft) => state.lastOrder.some((line) => draft.candidates.includes(line.menuItemId)));
    if (previous && refusedOnly && pouredBefore && clause.act === "REQUEST" && clause.fragment && clause.namesDrink) {
      const said = refusedOnly[1]?.trim().split(" ").filter((word) => word !== "") ?? [];
      const body = [...clause.tokens, "not", ...refusedWords];
      const tokens = [...said, ...body];
      joined[joined.length - 1] = { ...clause, act: "REPAIR", tokens, utterance: utteranceOf(tokens, index), repair: { cue: "REVISE", strength: "WEAK", said: said.length > 0 ? said : ["not"], body }, fragment: false };
      continue;
    }
    // ("an IPA, a lager, no, not the lager, a classic brew": a drink asked for earlier in the breath, refused, then the
    // one meant: the refused one is no longer asked for.)
    const askedHere = refusedOnly && !pouredBefore ? earlierAskedFor(joined.slice(0, -1), refusedWords, index) : null;
    if (previous && askedHere && clause.act === "REQUEST" && clause.fragment && clause.namesDrink) {
      const [at, earlier, start, end] = askedHere;
      const tokens = [...earlier.tokens.slice(0, start), ...earlier.tokens.slice(end)].filter((token, where, all) => !(where === all.length - 1 && (token === "no" || token === "and")));
      joined[at] = { ...earlier, tokens, utterance: utteranceOf(tokens, index) };
      joined[joined.length - 1] = clause;
      continue;
    }
    // ("she's not having the IPA after all, she'll have a Classic Brew": a drink just poured, declined, then another
    // asked for in its place, is the change "a Classic Brew, not the IPA".)
    const declinedPoured = previous?.act === "DECLINE" ? pouredDrinkDeclined(previous, state, index) : null;
    if (previous && declinedPoured && clause.act === "REQUEST" && clause.namesDrink && !clause.utterance.order.drafts.some((draft) => draft.candidates.includes(declinedPoured.id)) && !matches(clause.utterance, TOO_OR_ALSO)) {
      const body = [...clause.tokens, "not", ...declinedPoured.words];
      joined[joined.length - 1] = { ...clause, act: "REPAIR", tokens: body, utterance: utteranceOf(body, index), repair: { cue: "REVISE", strength: "WEAK", said: ["not"], body }, fragment: false };
      continue;
    }
    // ("if I make the quarterfinals would you make me a daiquiri?": asked on a condition still to come.)
    // ("is it ok if I order here? a Classic Brew please": a condition asked about ends with its question.)
    if (previous?.act === "STATEMENT" && previous.kind === "HYPOTHETICAL" && !previous.asked && matches(previous.utterance, SOMEONES_CONDITION) && clause.act === "REQUEST" && clause.namesDrink) {
      joined.push({ ...clause, act: "STATEMENT", kind: "HYPOTHETICAL" });
      continue;
    }
    // ("a martini? at a surf contest? who does that": a drink asked of in disbelief, then remarked on.)
    if (previous && bare && previous.asked && matches(clause.utterance, INCREDULOUS)) {
      joined[joined.length - 1] = { ...previous, act: "STATEMENT", kind: "OPINION" };
      joined.push(clause);
      continue;
    }
    // ("he says I should have a lemonade instead": what the guest is told to have, reported, is no order.)
    if (previous && matches(previous.utterance, REPORTED_BY) && matches(clause.utterance, ADVISED)) {
      joined.push({ ...clause, act: "STATEMENT", kind: "OTHER" });
      continue;
    }
    // ("oh wait Dave doesn't want beer, take one IPA off": who wants none is why; the removal said after is what.)
    // ("no, the Manhattan was for Mick and he's gone, take it off": the drink told of is the one "it" takes off.)
    const lastRepair = joined.findLastIndex((said) => said.act === "REPAIR");
    const onlyTalkSince = lastRepair >= 0 && joined.slice(lastRepair + 1).every((said) => said.act === "STATEMENT" || said.act === "CHAT");
    const toldOf = onlyTalkSince ? ` ${joined[lastRepair]?.repair?.body.join(" ") ?? ""} ` : "";
    const removedAfter = toldOf.trim() !== "" && (NOT_WANTED.test(toldOf) || WAS_FOR.test(toldOf)) && matches(clause.utterance, REMOVE_VERB);
    const whyFirst = removedAfter ? lastRepair : -1;
    if (removedAfter && clause.namesDrink) {
      joined.splice(whyFirst, joined.length - whyFirst, clause);
      continue;
    }
    const itAt = removedAfter && !clause.namesDrink ? clause.tokens.findIndex((token) => token === "it" || token === "that") : -1;
    const named = whyFirst >= 0 ? drinkWords(joined[whyFirst]?.repair?.body ?? [], index) : [];
    if (itAt >= 0 && named.length > 0 && whyFirst >= 0) {
      const tokens = [...clause.tokens.slice(0, itAt), ...named, ...clause.tokens.slice(itAt + 1)];
      joined.splice(whyFirst, joined.length - whyFirst, { ...clause, tokens, utterance: utteranceOf(tokens, index), namesDrink: true });
      continue;
    }
    // ("an iced tea, not the long island, just a regular iced tea": the drink asked for, said again after the one it is not.)
    const notThis = previous !== undefined && previous.namesDrink && (previous.act === "DECLINE" || /^ (not|no) /.test(previous.utterance.padded));
    const saidAgain = notThis && clause.act === "REQUEST" && clause.fragment && matches(clause.utterance, RESTRICTED_AGAIN) && joined.slice(0, -1).some((before) => before.act === "REQUEST" && sameDrinks(before.utterance.order.drafts, clause.utterance.order.drafts));
    if (saidAgain) continue;
    // ("actually, never mind": cues in a row are one repair, the last one's.)
    if (previous?.act === "REPAIR" && previous.repair?.cue === "REVISE" && previous.repair.body.length === 0 && clause.act === "REPAIR" && clause.repair) {
      joined[joined.length - 1] = { ...clause, repair: { ...clause.repair, said: [...previous.repair.said, ...clause.repair.said] } };
      continue;
    }
    // ("and the two negronis, can you do them on the rocks": the drinks named, then what to do with them.)
    const namedBefore = previous?.act === "REQUEST" && previous.fragment && previous.namesDrink && KNOWN_DRINK.test(previous.utterance.order.shape);
    const pointedAt = namedBefore && !clause.namesDrink ? clause.tokens.findIndex((token, at) => POINTING.has(token) && MAKING.has(clause.tokens[at - 1] ?? "")) : -1;
    if (previous && pointedAt >= 0 && clause.utterance.order.looseModifiers.length > 0) {
      const named = previous.tokens[0] === "and" ? previous.tokens.slice(1) : previous.tokens;
      const tokens = [...clause.tokens.slice(0, pointedAt), ...named, ...clause.tokens.slice(pointedAt + 1)];
      joined[joined.length - 1] = { ...clause, act: "REQUEST", repair: null, tokens, utterance: utteranceOf(tokens, index), namesDrink: true };
      continue;
    }
    // ("could I possibly, maybe, get a cosmo?": the asking and its verb, cut apart by a hedge, are one request.)
    if (previous?.act === "REQUEST" && !previous.namesDrink && matches(previous.utterance, ASKING_ONLY) && /^ (get|have|grab|order|try|take) /.test(clause.utterance.padded)) {
      const tokens = [...previous.tokens, ...clause.tokens];
      joined[joined.length - 1] = { ...previous, tokens, utterance: utteranceOf(tokens, index), namesDrink: clause.namesDrink, fragment: false };
      continue;
    }
    // ("four actually, the others just showed up": the cue said after the new count is still its cue, and what
    // follows it only tells why.)
    const countFirst = previous !== undefined && joined.length === 1 && previous.act === "REQUEST" && previous.fragment && matches(previous.utterance, BARE_COUNT) && spokenCount(previous.utterance) !== null;
    if (countFirst && clause.act === "REPAIR" && clause.repair?.cue === "REVISE" && !clause.namesDrink && spokenCount(utteranceOf(clause.repair.body, index)) === null) {
      const tokens = [...clause.repair.said, ...previous.tokens];
      joined[0] = { ...clause, tokens, utterance: utteranceOf(tokens, index), repair: { ...clause.repair, body: previous.tokens }, fragment: true };
      continue;
    }
    // ("three lemonades, wait, four, Jake wants one too": why the count went up, no more on top of it.)
    if (previous?.act === "REPAIR" && previous.repair && matches(clause.utterance, ONE_TOO) && !previous.repair.said.some((word) => CHANGE_CUES.has(word)) && BARE_COUNT.test(` ${previous.repair.body.join(" ")} `)) continue;
    // "wait, two of them don't drink, make that three": a cue and why, then the new version with a cue of its own.
    const saysWhat = (body: readonly string[]) => spokenCount(utteranceOf(body, index)) !== null || findModifiers(body).length > 0;
    // ("oh no, only three Germans came, make it three": a count of people who came is why, not what.)
    const whyOnly = (body: readonly string[]) => !saysWhat(body) || PEOPLE_CAME.test(` ${body.join(" ")} `);
    const toldWhyOnly = () => previous?.act === "REPAIR" && previous.repair !== null && !previous.namesDrink && whyOnly(previous.repair.body) && !TIP_WORD.test(` ${previous.repair.body.join(" ")} `);
    if (clause.act === "REPAIR" && clause.repair && previous?.act === "REPAIR" && (clause.namesDrink || saysWhat(clause.repair.body)) && toldWhyOnly()) {
      joined[joined.length - 1] = clause;
      continue;
    }
    // ("no sorry, the martini. dry, stirred": how the new version is made, said after it.)
    if (previous?.act === "REPAIR" && previous.repair && previous.namesDrink && clause.fragment && servingWordsOnly(clause.tokens) !== null) {
      joined[joined.length - 1] = { ...previous, repair: { ...previous.repair, body: [...previous.repair.body, ...clause.tokens] } };
      continue;
    }
    // "a cosmo, hang on, she wants a daiquiri instead": the new version after a bare cue, whoever it is for.
    if (previous?.act === "REPAIR" && previous.repair && previous.repair.body.length === 0 && clause.act === "REQUEST" && clause.namesDrink && clause.tokens.includes("instead")) {
      joined[joined.length - 1] = { ...previous, repair: { ...previous.repair, body: clause.tokens, strength: "STRONG" } };
      continue;
    }
    joined.push(clause);
  }
  return joined;
}

/** Taking drinks off the tab: "take the neat one off", "remove the IPA"; no answer to an offer or a question. */
const TAKES_OFF = / (take|knock|cross|strike) (\w+ ){0,3}(off|away|out) | remove /;

/** "he likes it neat", "she takes hers on the rocks": how someone has the drink asked about, told. */
// ("oh he likes it on the rocks", "I like mine neat": after an opener, and the guest's own way too.)
const HAS_IT = /^ ((oh|and|so|well|yeah|ok|okay|um|uh) )*(i|we|he|she|they|PERSON|my \w+) (like|likes|take|takes|has|have|prefer|prefers|drink|drinks|want|wants|love|loves) (it|them|his|hers|theirs|mine|ours|one) (MOD )+$/;

/**
 * Whether the utterance may be an answer to Maya's question: it neither tells nor asks something
 * else, and it does not correct the last order by name ("make that a martini").
 */
function mayAnswer(clauses: readonly Clause[]): boolean {
  return clauses.every((clause, position) => HAS_IT.test(clause.utterance.order.shape) || answersOrRemarks(clause, position, clauses));
}

function answersOrRemarks(clause: Clause, position: number, clauses: readonly Clause[]): boolean {
  return (
    !matches(clause.utterance, TAKES_OFF) &&
    // "neat, he's old school": a remark after the answer, naming no drink, leaves it an answer.
    (clause.act !== "STATEMENT" || (position > 0 && !clause.namesDrink && clauses[0]?.act !== "STATEMENT" && clause.kind !== "HYPOTHETICAL")) &&
    clause.act !== "QUESTION" &&
    // "actually, what's my balance first?": a question after a repair cue asks; its "first" chooses nothing.
    !(clause.act === "REPAIR" && WH.has(clause.repair?.body[0] ?? "")) &&
    // "can I get your take on the long island": a drink talked about answers no offer of it.
    !(clause.utterance.order.topics.length > 0 && clause.utterance.order.drafts.length === 0) &&
    !(clause.act === "DECLINE" && clause.namesDrink) &&
    !(clause.act === "REPAIR" && clause.repair?.strength === "STRONG" && clause.namesDrink && !clause.repair.said.includes("instead"))
  );
}

/** The words that answer: a "great," or "perfect," before them only says yes ("perfect, I'll take it dirty"). */
function answerOf(clauses: readonly Clause[], whole: Utterance, index: MenuIndex): Utterance {
  const [first, ...rest] = clauses;
  if (first?.act === "ANSWER" && first.answer === "YES" && rest.length > 0) {
    return utteranceOf(["yes", ...rest.flatMap((clause) => clause.tokens)], index);
  }
  // One clause is the whole utterance, already read.
  return first && rest.length === 0 ? first.utterance : whole;
}

/** The whole utterance, read once, and what it says on its own. */
interface Whole {
  u: Utterance;
  reading: Understanding;
}

function wholeOf(tokens: string[], index: MenuIndex): Whole {
  const u = utteranceOf(tokens, index);
  return { u, reading: classify(u) };
}

/** Which of Maya's open questions an utterance answered: the one she asked last, or one held since. */
export type Answered = "PENDING" | "HELD" | null;

export interface TurnReading {
  understanding: Understanding;
  answered: Answered;
}

export function understand(text: string, state: DialogueState, index: MenuIndex): Understanding {
  return understandTurn(text, state, index).understanding;
}

/**
 * "is the negroni stirred?" (want one?), then "can you do the negroni on the rocks then": a drink Maya only
 * offered, named with "the" (or whose it is) while one is on the tab, is that one, to be changed; the offer is not answered.
 */
function pointsAtOneOnTheTab(question: PendingQuestion, u: Utterance, state: DialogueState): boolean {
  if (question.kind !== "ORDER" || question.ordered || !state.onTab || !DEFINITE.test(u.order.shape)) return false;
  // ("can you swap her cosmo for a daiquiri": the one on the tab is named, whatever else is.)
  const named = u.order.drafts.flatMap((draft) => draft.candidates);
  return named.some((id) => state.onTab?.includes(id) && question.drafts.some((draft) => draft.candidates.includes(id)));
}

/**
 * The answer to one of Maya's open questions, if the utterance is one: the question asked last
 * first, then one an interjection left open ("neat or on the rocks?" before "what's my balance?").
 * An answer the drink cannot take ("neat" for an offered Negroni) gives way to one that fits.
 */
function answerOpen(clauses: readonly Clause[], whole: Whole, state: DialogueState, index: MenuIndex): { answer: Understanding; answered: Answered } | null {
  const { tokens } = whole.u;
  const open: [PendingQuestion, Answered][] = [];
  if (state.pending && !pointsAtOneOnTheTab(state.pending, whole.u, state)) open.push([state.pending, "PENDING"]);
  if (state.held) {
    // "three brandies?" held by "what spirits do you have?": "the brandies on the rocks" answers the
    // guest's own order, named again, before Maya's offer of the drinks she listed.
    const named = whole.u.order.drafts.flatMap((draft) => draft.candidates);
    const ownOrderNamed = named.length > 0 && state.held.kind === "ORDER" && named.every((id) => (state.held as { drafts: DraftLine[] }).drafts.some((draft) => draft.candidates.includes(id)));
    const offerOnly = state.pending?.kind === "ORDER" && !state.pending.ordered;
    // "a whiskey" (neat or on the rocks?), "how much is a manhattan?" (want one?), "on the rocks": the
    // serving asked of the guest's own drink, not the drink Maya only offered.
    if ((ownOrderNamed || choosesServing(whole.u.tokens, state.held, index)) && offerOnly) open.unshift([state.held, "HELD"]);
    else open.push([state.held, "HELD"]);
  }
  // "neat. and what time does the bar close?": the serving answered first, before a question of another matter.
  const [opening, ...asked] = clauses;
  // ("neat. my nerves are shot": so is a remark after it.)
  const answeredFirst = opening !== undefined && asked.length > 0 && servingWordsOnly(opening.tokens) !== null && asked.every((clause) => (clause.act === "QUESTION" || clause.act === "CHAT" || clause.act === "STATEMENT") && !clause.namesDrink);
  if (answeredFirst) return answerOpen([opening], wholeOf([...opening.tokens], index), state, index);
  // ("what do you mean? oh. on the rocks": the serving answered last, after talk that named no drink.)
  const closing = clauses[clauses.length - 1];
  const before = clauses.slice(0, -1);
  // ("oh sorry, I missed that with the announcement. neat": an apology that corrects nothing, then the answer.)
  const apologyOnly = (clause: Clause) => clause.act === "REPAIR" && clause.repair !== null && spokenCount(utteranceOf(clause.repair.body, index)) === null && findModifiers(clause.repair.body).length === 0;
  // ("he likes it cold, so rocks": so is a reason told first; not a condition or a plan, which would put the answer off.)
  const toldFirst = (clause: Clause) => clause.act === "STATEMENT" && clause.kind !== "HYPOTHETICAL" && clause.kind !== "LATER" && clause.kind !== "TENTATIVE";
  const answeredLast = closing !== undefined && before.length > 0 && servingWordsOnly(closing.tokens) !== null && before.every((clause) => (clause.act === "QUESTION" || clause.act === "CHAT" || toldFirst(clause) || apologyOnly(clause)) && !clause.namesDrink);
  if (answeredLast) return answerOpen([closing], wholeOf([...closing.tokens], index), state, index);
  // ("sorry, I missed that. neat": the serving said after an apology is the repair's new version, and answers.)
  const lastRepair = clauses.length === 1 && closing?.act === "REPAIR" && closing.repair !== null && !closing.namesDrink ? closing.repair : null;
  if (lastRepair && lastRepair.body.length > 0 && servingWordsOnly(lastRepair.body) !== null && !lastRepair.said.some((word) => CHANGE_CUES.has(word))) {
    const body = [...lastRepair.body];
    return answerOpen([{ ...(closing as Clause), act: "REQUEST", repair: null, fragment: true, tokens: body, utterance: utteranceOf(body, index) }], wholeOf(body, index), state, index);
  }
  if (open.length === 0 || asksOnAbout(clauses, state)) return null;
  // "eleven? fair." after "a Negroni is $11.00, want one?": the price said back, asked, is no count; the offer stays open.
  if (priceSaidBack(clauses, state, index)) return { answer: ACKNOWLEDGE, answered: null };
  // "I'm not having one of those though, I have to drive home": a drink offered, declined in so many words.
  const offered = state.pending?.kind === "ORDER" && !state.pending.ordered ? state.pending : null;
  if (offered && clauses.some((clause) => clause.act === "DECLINE" && (!clause.namesDrink || clause.utterance.order.drafts.some((draft) => offered.drafts.some((asked) => sameDrink(asked, draft)))))) {
    return { answer: { intent: "CANCEL", itemIds: [] }, answered: "PENDING" };
  }
  // ("I'll stick with this one for now" to a drink on offer: the one in hand kept, the offer declined.)
  if (offered && KEEPING_MINE.test(whole.u.padded)) return { answer: { intent: "CANCEL", itemIds: [] }, answered: "PENDING" };
  // ("ok let's add that tip" to "A 15% tip would be $2.55. Shall I add it?": the tip quoted, however it is said.)
  const quoted = state.pending?.kind === "TIP" ? state.pending.tip : null;
  if (quoted && whole.reading.intent === "SET_TIP" && whole.reading.tip === null && (whole.reading.refusal === null || whole.reading.refusal.reason === "TIP_NO_AMOUNT") && !whole.reading.roundUp) {
    return { answer: { intent: "SET_TIP", tip: quoted, refusal: null }, answered: "PENDING" };
  }
  if (!(mayAnswer(clauses) || isYes(whole.u))) return null;
  // ("he drinks manhattans", then "make mine on the rocks": the guest's own drink, ordered before, not the one on offer.)
  if (offered && state.lastOrder.length > 0 && whole.u.tokens.includes("mine") && !isYes(whole.u)) return null;
  // "A 15% tip" while a drink is on offer asks for a tip: no answer, whatever number it says;
  // "yes, and a 15% tip" answers and tips.
  const tipping = whole.reading.intent === "SET_TIP";
  let first: { answer: Understanding; answered: Answered } | null = null;
  for (const [question, answered] of open) {
    // ("ok add that tip" to "shall I add it?": the tip quoted is the one asked about.)
    const takesQuoted = question.kind === "TIP" && whole.reading.intent === "SET_TIP" && whole.reading.tip === null && !whole.reading.roundUp;
    const alone =
      tipping && !takesQuoted
        ? besideTip(tokens, index, (side) => answerPending(side, question, index))
        : answerPending(answerOf(clauses, whole.u, index), question, index);
    const answer = alone && !misfits(alone, index) ? alone : (besideOrder(tokens, question, index) ?? alone);
    if (!answer) continue;
    // "no" declines the question asked last, and with it what was held.
    if (answer.intent === "CANCEL") return first ?? { answer, answered };
    if (!misfits(answer, index)) return { answer, answered };
    first ??= { answer, answered };
  }
  return first;
}

/** The first clause, asked, is only a count equal to the price of the drink Maya offered ("eleven?"). */
function priceSaidBack(clauses: readonly Clause[], state: DialogueState, index: MenuIndex): boolean {
  const offered = state.pending?.kind === "ORDER" && !state.pending.ordered ? state.pending.drafts : [];
  const [first] = clauses;
  const said = first?.asked ? spokenCount(first.utterance) : null;
  if (said === null || first === undefined || first.namesDrink || first.tokens.length > 3) return false;
  return offered.some((draft) => draft.candidates.some((id) => index.byId.get(id)?.priceCents === said * 100));
}

/**
 * "How much are your cocktails?" then "and the martini?": right after a question about drinks, a drink
 * asked about with "and" goes on asking, whatever Maya asked at the end of her answer.
 */
function asksOnAbout(clauses: readonly Clause[], state: DialogueState): boolean {
  const [only, ...others] = clauses;
  return state.topic?.turn === state.turn && only !== undefined && others.length === 0 && only.asked && /^ (and|or) /.test(only.utterance.padded);
}

/** The tokens are serving words, one of them a choice Maya asked about the held order ("neat or on the rocks?"). */
function choosesServing(tokens: readonly string[], held: PendingQuestion, index: MenuIndex): boolean {
  if (held.kind !== "ORDER" || !held.ordered) return false;
  const question = openQuestion(held.drafts, index);
  const said = servingWordsOnly(tokens.filter((token) => !["no", "yes", "yeah", "ok", "okay"].includes(token)));
  return question?.kind === "SERVING" && said !== null && said.some((modifier) => question.choices.includes(modifier));
}

/** Words that join an answer and a new order: "neat please, and a lager". */
const ORDER_JOINERS: ReadonlySet<string> = new Set(["and", "plus", "also"]);

/**
 * "Neat please, and a lager for my mate": the answer to Maya's question about the guest's own order,
 * then a new order beside it, poured together. The answer names no drink of its own; the order is
 * one on its own. (Beside an offer of Maya's, "ok, and a water" only acknowledges it: not here.)
 */
function besideOrder(tokens: readonly string[], question: PendingQuestion, index: MenuIndex): Understanding | null {
  if (!isOwnOrderQuestion(question)) return null;
  for (const [at, token] of tokens.entries()) {
    if (!ORDER_JOINERS.has(token) || at === 0) continue;
    const answerSide = utteranceOf(tokens.slice(0, at), index);
    if (namesAny(answerSide)) return null;
    const answer = answerPending(answerSide, question, index);
    const order = classify(utteranceOf(tokens.slice(at + 1), index));
    if (answer?.intent !== "ORDER" || order.intent !== "ORDER" || order.drafts.length === 0 || order.unknown.length > 0) continue;
    return { intent: "ORDER", drafts: [...answer.drafts, ...order.drafts], unknown: [] };
  }
  return null;
}

/** An order whose modifiers a drink does not take: a worse reading of an answer than one that fits. */
const misfits = (answer: Understanding, index: MenuIndex): boolean =>
  (answer.intent === "ORDER" || answer.intent === "REPLACE") && draftProblem(answer.drafts, index) !== null;

/** An offer of drinks the guest already has on the tab (asked about again: "what's the soda cost"). */
function offersWhatIsOnTheTab(state: DialogueState): boolean {
  const offer = state.pending;
  return offer?.kind === "ORDER" && offer.ordered !== true && offer.drafts.every((draft) => draft.candidates.every((id) => state.onTab?.includes(id) === true));
}

const MAKING_VERBS = new Set(["put", "make", "have", "do", "serve"]);
const POINTED_AT = new Set(["it", "that", "them", "those"]);
/** "put it on the rocks then", "make it neat": how the drink pointed at is made, and nothing more. */
function saysHowItIsMade(tokens: readonly string[]): boolean {
  const [verb = "", object = "", ...rest] = tokens;
  return MAKING_VERBS.has(verb) && POINTED_AT.has(object) && servingWordsOnly(rest) !== null;
}

export function understandTurn(text: string, stateBefore: DialogueState, index: MenuIndex): TurnReading {
  let state = stateBefore;
  const corrected = withUnitsLeft(withServingVerbs(withDescribedDrinks(withNicknames(correctSlips(readText(text), index), index), index), index), state, index);
  const counted = withoutNonCounts(corrected, tag(corrected.tokens), index);
  const { read, tagged } = withoutRelays(counted.read, counted.tagged);
  const guests = counted.groupSize;
  if (read.tokens.length === 0) return { understanding: { intent: "UNKNOWN" }, answered: null };
  const apart = servingsApart(read.tokens, state, index);
  if (apart) return { understanding: apart, answered: null };
  if (brandCorrectedWithinItem(read.tokens, state, index)) return { understanding: ACKNOWLEDGE, answered: null };
  // ("whats the soda cost" of the soda on the tab, "Shall I pour you one?", then "put it on the rocks then": the
  // soda in hand is changed; the offer is no longer what "it" points at. Read on as if none were open.)
  if (offersWhatIsOnTheTab(state) && saysHowItIsMade(read.tokens)) state = { ...state, pending: null };
  const clauses = joinFragments(readClauses(read, index, withBarWords(read.tokens, tagged, index)), index, state);
  let declined: Understanding | null = null;
  // With a question open, the utterance read whole once, for every way it may answer.
  const whole = state.pending || state.held ? wholeOf(read.tokens, index) : null;
  // ("actually get him one now, neat" of a tequila offered, none poured: a count said with how the drink is
  // made answers the offer, made so.)
  const offered = state.pending?.kind === "ORDER" ? state.pending.drafts.flatMap((draft) => draft.candidates) : [];
  const pouredBefore = state.lastOrder.some((line) => offered.includes(line.menuItemId));
  // ("can you make it a dirty one" changes the one poured, whichever order it came in.)
  const saysHow = whole !== null && !pouredBefore && whole.u.order.looseModifiers.some((read) => !read.soft) && !matches(whole.u, MAKE_IT);
  const focused = whole && !saysHow && focusedCount(whole.reading, state);
  if (focused) return { understanding: focused, answered: null };
  const opened = whole && answerOpen(clauses, whole, state, index);
  // "no, something else": the no is only part of it; what else was said may say more.
  if (opened && opened.answer.intent === "CANCEL") declined = opened.answer;
  else if (opened) return { understanding: opened.answer, answered: opened.answered };
  // What the clauses say, then what the dialogue state makes of it (each step returns its input unchanged when it does not apply).
  let understanding = readClausesOf(clauses, state, index, declined, guests);
  understanding = alsoRemoved(understanding, read.tokens, state);
  understanding = insteadOfTheRefused(understanding, read.tokens, state);
  understanding = unmadeToo(understanding, read.tokens, index);
  understanding = removedByHowMade(understanding, read.tokens);
  understanding = askedWhatIsInIt(understanding, read.tokens, state, index);
  understanding = onePersonsUnit(understanding, read.tokens, state, index);
  understanding = oneUnitTold(understanding, read.tokens, index);
  understanding = someUnitsMade(understanding, corrected.tokens, index);
  understanding = notTheOneOrdered(understanding, clauses, state);
  understanding = onlySoManyAfterAll(understanding, read.tokens, state);
  understanding = replacedAsBefore(understanding, read.tokens);
  understanding = rangeAfterTheDrink(understanding, read.tokens);
  understanding = theLastTurnCorrected(understanding, clauses, read.tokens, state);
  understanding = onlyNeededSoMany(understanding, read.tokens, state);
  understanding = moreInARange(understanding, read.tokens, state, index);
  understanding = madeSoInFocus(understanding, read.tokens, state);
  understanding = anotherOfTheFocus(understanding, state);
  understanding = totalSetAfterAll(understanding, clauses, state);
  understanding = figureForTheTip(understanding, clauses, state);
  understanding = madeOtherwiseAfterAll(understanding, read.tokens, state);
  understanding = countSaidBack(understanding, clauses, state);
  understanding = withThePoured(understanding, read.tokens, state, index);
  understanding = swappedAsNamedBefore(understanding, clauses, state);
  understanding = theDrinkInHand(understanding, clauses, state);
  understanding = hotTeaMeant(understanding, read.tokens, index);
  // ("pay? nah, not yet": the payment asked about, then put off.)
  if (understanding.intent === "PAY" && clauses.some((clause) => matches(clause.utterance, NOT_YET_SAID))) understanding = PAYING_LATER;
  // A no to the question asked last answers that one only: one held since stays open.
  return { understanding, answered: understanding === declined ? (opened?.answered ?? null) : null };
}

/** Words that make a tea a hot one: "hot", "Earl Grey", "green", "chamomile". */
// ("two teas with milk please": milk in it makes it a hot one too.)
const HOT_TEA_WORDS = new Set(["milk", "hot", "earl", "grey", "breakfast", "chamomile", "peppermint", "green", "herbal", "jasmine", "oolong", "rooibos", "chai", "matcha", "builders", "cuppa"]);

/** "tea, earl grey, hot", "Tea. Earl Grey. Hot.": a bare "tea" said with what makes it a hot one is not the menu's tea (the Iced Tea). */
function hotTeaMeant(understanding: Understanding, tokens: readonly string[], index: MenuIndex): Understanding {
  if (understanding.intent !== "ORDER" || !(tokens.includes("tea") || tokens.includes("teas")) || tokens.includes("iced") || tokens.includes("ice") || !tokens.some((token) => HOT_TEA_WORDS.has(token))) return understanding;
  const bareTea = matchMenuAt(["tea"], 0, index)?.itemIds.join();
  return { ...understanding, drafts: understanding.drafts.filter((draft) => draft.candidates.join() !== bareTea) };
}

/** "I need this", "I've earned this", "god I needed that": the drink just poured, in hand. */
const IN_HAND = / (i|we) (really |so |badly )?(need|needed|deserve|deserved|have earned|earned) (this|that)( one)?( today| tonight| right now| now)?( |$)/;

/** "hole 14 cost me two balls in the water, I need this" right after a drink was poured: that drink, enjoyed; no other. */
function theDrinkInHand(understanding: Understanding, clauses: readonly Clause[], state: DialogueState): Understanding {
  // (A drink named in passing, "two balls in the water", asks for none.)
  if (understanding.intent !== "ORDER" || clauses.some((clause) => clause.namesDrink && clause.act === "REQUEST") || (editOfTheLastTurn(state)?.added.length ?? 0) === 0) return understanding;
  return clauses.some((clause) => IN_HAND.test(clause.utterance.padded)) ? ACKNOWLEDGE : understanding;
}

/**
 * "she hasn't touched the daiquiri, can you swap it for a cosmo" after a daiquiri and a cosmo: "it" is the drink
 * of the last order the guest just named, not the whole order nor the drink last talked of.
 */
function swappedAsNamedBefore(understanding: Understanding, clauses: readonly Clause[], state: DialogueState): Understanding {
  if (understanding.intent !== "REPLACE" || understanding.target.kind !== "LAST_ORDER" || clauses.length < 2) return understanding;
  const replacing = understanding.drafts.flatMap((draft) => draft.candidates);
  const namedBefore = clauses.slice(0, -1).flatMap((clause) => [...clause.utterance.order.drafts, ...clause.utterance.order.topics].flatMap((draft) => draft.candidates));
  const onTheOrder = [...new Set(namedBefore)].filter((id) => !replacing.includes(id) && state.lastOrder.some((line) => line.menuItemId === id));
  const [named, ...others] = onTheOrder;
  if (named === undefined || others.length > 0) return understanding;
  return { ...understanding, target: { kind: "NAMED", line: { candidates: [named], category: null, quantity: 1, modifiers: [] }, asSaid: true } };
}

/**
 * "can I get some fries with that martini" right after a martini: the drink just poured, pointed at as what
 * something else goes with, is not asked for again.
 */
function withThePoured(understanding: Understanding, tokens: readonly string[], state: DialogueState, index: MenuIndex): Understanding {
  if (understanding.intent !== "ORDER" || state.lastOrder.length === 0 || !tokens.includes("with")) return understanding;
  const pointedAt = tokens.flatMap((token, at) => (token === "with" && POINTING_AT_ONE.has(tokens[at + 1] as string) ? (matchMenuAt(tokens, at + 2, index)?.itemIds ?? []) : []));
  const poured = pointedAt.filter((id) => state.lastOrder.some((line) => line.menuItemId === id));
  if (poured.length === 0) return understanding;
  return { ...understanding, drafts: understanding.drafts.filter((draft) => !draft.candidates.every((id) => poured.includes(id))) };
}
const POINTING_AT_ONE = new Set(["that", "this", "my"]);

/**
 * "ten. yeah. ten is good" right after "make it ten" (or "ten tequilas"): the count just poured or set,
 * said back with nothing else asked, agrees with it; no more are poured.
 */
function countSaidBack(understanding: Understanding, clauses: readonly Clause[], state: DialogueState): Understanding {
  if (understanding.intent !== "ORDER" || understanding.drafts.length !== 1 || editOfTheLastTurn(state) === null) return understanding;
  const [draft] = understanding.drafts;
  const last = state.lastOrder[state.lastOrder.length - 1];
  if (!draft || !last || !draft.candidates.includes(last.menuItemId) || draft.quantity !== last.quantity || clauses.some((clause) => clause.namesDrink)) return understanding;
  const saidBack = clauses.every(
    (clause) => (clause.act === "REQUEST" && clause.fragment && clause.tokens.length <= 2 && spokenCount(clause.utterance) !== null) || clause.answer === "YES" || clause.act === "CHAT",
  );
  return saidBack ? ACKNOWLEDGE : understanding;
}

/**
 * "sorry, not coke, sprite", "sprite not coke" after a coke was poured: the drink said instead is the same
 * menu item under another name, so nothing on the tab changes (and nothing is taken off or poured again).
 */
function brandCorrectedWithinItem(tokens: readonly string[], state: DialogueState, index: MenuIndex): boolean {
  const at = tokens.indexOf("not");
  if (at < 0 || tokens.indexOf("not", at + 1) >= 0) return false;
  const drinkAt = (position: number) => (ARTICLES_OF_A_DRINK.has(tokens[position] ?? "") ? position + 1 : position);
  const refusedAt = drinkAt(at + 1);
  const refused = matchMenuAt(tokens, refusedAt, index);
  if (!refused || refused.itemIds.length !== 1) return false;
  const refusedEnd = refusedAt + refused.length;
  // The other name said right after the refused one ("not coke, sprite"), or right before "not" ("sprite not coke").
  const afterAt = drinkAt(refusedEnd);
  const after = matchMenuAt(tokens, afterAt, index);
  const beforeAt = [1, 2, 3].map((back) => at - back).find((start) => start >= 0 && matchMenuAt(tokens, start, index)?.length === at - start);
  const [said, start, end] = after ? [after, at, afterAt + after.length] : beforeAt !== undefined ? [matchMenuAt(tokens, beforeAt, index), beforeAt, refusedEnd] : [null, 0, 0];
  if (!said || said.itemIds.length !== 1 || said.itemIds[0] !== refused.itemIds[0]) return false;
  const rest = tokens.filter((_, position) => position < start || position >= end);
  return rest.every((word) => CORRECTION_FILLER.has(word)) && state.lastOrder.some((line) => line.menuItemId === said.itemIds[0]);
}
const ARTICLES_OF_A_DRINK = new Set(["a", "an", "the"]);
const CORRECTION_FILLER = new Set(["sorry", "no", "oh", "oops", "wait", "i", "meant", "mean", "a", "an", "the", "actually", "please", "make", "it", "that", "um", "uh", "er"]);

/** A correction said after the words it corrects: "water with a twist actually", "a neat one instead". */
const CORRECTED_AFTER = / (actually|instead|rather|after all) $/;

/**
 * "just a water for me", then "water with a twist actually": the drink just ordered, named again with a way
 * of making it and a correction, is that drink made so, not another one.
 */
function madeOtherwiseAfterAll(understanding: Understanding, tokens: readonly string[], state: DialogueState): Understanding {
  if (understanding.intent !== "ORDER" || understanding.drafts.length !== 1 || understanding.unknown.length > 0) return understanding;
  const [draft] = understanding.drafts as [DraftLine & { quantitySaid?: boolean }];
  const last = state.lastOrder[state.lastOrder.length - 1];
  const again = last !== undefined && state.lastOrder.length === 1 && draft.candidates.length === 1 && draft.candidates[0] === last.menuItemId;
  const said = ` ${tokens.join(" ")} `;
  if (!again || draft.quantity !== 1 || draft.modifiers.length === 0 || !CORRECTED_AFTER.test(said) || ANOTHER.test(said) || / (too|also|as well) /.test(said)) return understanding;
  return { intent: "MODIFY", modifiers: [...draft.modifiers], itemIds: [...draft.candidates] };
}

/** Readings a bare figure gets from the drink in focus or the last order: "do 15", "15 then", "what would 15 be". */
const FIGURE_READINGS: ReadonlySet<Understanding["intent"]> = new Set(["ORDER", "CHANGE_QUANTITY", "UNKNOWN", "SMALL_TALK", "PRICE", "MENU"]);
/** Words that count drinks, not a tip: "another one", "two more", "three of those". */
const COUNTS_DRINKS = / (another|more|again|round|rounds|same|each|of them|of those|of these|for (me|him|her|us|them|the)) /;
/** Words that say what a figure is: dollars or a percentage. */
const MONEY_UNITS = new Set(["dollars", "dollar", "bucks", "buck", "quid", "percent"]);
/** Saying a figure in place of one just set, or asking about it: "do 15", "switch to 18", "15 then", "what about 12", "bump it to 25", "knock it down to 10". */
const RESETTING = / (do|make it|make that|switch|change|go with|go for|what would|what about|how about|say|instead|then|rather|bump|raise|lower|increase|reduce|(it|that) (up |down )?to) /;
/** Asking what a figure would come to: "what would 15 be", "how much is 18". */
const WHAT_WOULD_IT_BE = / (what|how much) (would|will|is|does|about) /;

/**
 * "tip 20 percent", then "what would 15 be?" or "ok do 15": within a turn or two of the tip, a bare
 * figure with no drink named is another tip of the same kind, asked about or set; never fifteen
 * drinks of the one in focus.
 */
function figureForTheTip(understanding: Understanding, clauses: readonly Clause[], state: DialogueState): Understanding {
  const tipped = state.lastEdit?.tipAfter;
  if (!tipped || state.turn - (state.lastEdit?.turn ?? 0) > 1 || !FIGURE_READINGS.has(understanding.intent)) return understanding;
  // ("actually scrap the tip", then "hmm, no, put ten dollars on instead": with the tip just cleared, the figure says its unit.)
  const said = clauses.filter((clause) => !(clause.act === "ANSWER" && clause.answer === "NO"));
  if (clauses.some((clause) => clause.namesDrink) || said.length !== 1) return understanding;
  const [clause] = said as [Clause];
  if ("none" in tipped) {
    const unitAt = clause.tokens.findIndex((token) => MONEY_UNITS.has(token));
    const unit = clause.tokens[unitAt];
    // (The longest number ending right before the unit: "twenty five dollars" is 25, not 5.)
    const figure = unit === undefined ? undefined : [3, 2, 1].map((back) => ({ back, read: readNumber(clause.tokens, unitAt - back) })).find(({ back, read }) => read !== null && read.length === back)?.read?.value;
    if (figure === undefined || !Number.isInteger(figure) || figure < 0 || !matches(clause.utterance, RESETTING)) return understanding;
    return { intent: "SET_TIP", tip: unit === "percent" ? { percent: figure } : { amountCents: figure * 100 }, refusal: null };
  }
  const figure = spokenCount(clause.utterance);
  if (figure === null || !Number.isInteger(figure) || figure < 0 || clause.utterance.order.unknown.length > 0 || matches(clause.utterance, COUNTS_DRINKS)) return understanding;
  if (!matches(clause.utterance, RESETTING)) return understanding;
  const tip = "percent" in tipped ? { percent: figure } : { amountCents: figure * 100 };
  return matches(clause.utterance, WHAT_WOULD_IT_BE) ? { intent: "QUOTE_TIP", tip, refusal: null } : { intent: "SET_TIP", tip, refusal: null };
}

/** "just one long island, actually", "Mason's gone too, just one draft then": the count of a drink already poured, said again lower. */
// ("actually just the one daiquiri": the correction said first.)
const ONLY_SO_MANY =
  /(^| )(just|only) (the )?(one|two|three|four|five|six|seven|eight|nine|ten|\d+) (\w+ ){1,3}(then|actually|instead|after all|now)( please| thanks)? |^ ((oh|no|so|ok|okay) )?actually (just|only) (the )?(one|two|three|four|five|six|seven|eight|nine|ten|\d+) (\w+ ){1,3}$|^ ((oh|um|uh) )*(no|wait|sorry|nah)( (no|wait|sorry))* (just|only) the (one|two|three|four|five|six|seven|eight|nine|ten|\d+) (\w+ ){1,3}$/;

/**
 * "two cosmos or three", "two cosmos, or maybe three": a higher count said after the drink makes a range, asked;
 * so does "a negroni or two" (the count after "or" had been read as the drink's own).
 */
const OR_MORE_AT_THE_END = /^(?:.* )?(?:or|or maybe|maybe|perhaps|possibly) (\S+)(?: please| thanks| then)?$/;
function rangeAfterTheDrink(understanding: Understanding, tokens: readonly string[]): Understanding {
  if (understanding.intent !== "ORDER" || understanding.drafts.length !== 1) return understanding;
  const [draft] = understanding.drafts as [DraftLine & { quantitySaid?: boolean }];
  const said = OR_MORE_AT_THE_END.exec(tokens.join(" "));
  const high = said ? readQuantity([said[1] as string], 0) : null;
  if (!draft.quantitySaid || draft.range || !high || high.range) return understanding;
  const oneOrMore = high.value === draft.quantity && tokens.slice(0, -2).some((token) => token === "a" || token === "an" || token === "one");
  const low = oneOrMore ? 1 : draft.quantity;
  if (high.value <= low || high.value - low > 10) return understanding;
  return { ...understanding, drafts: [{ ...draft, quantity: high.value, range: { low, high: high.value, vague: false } }] };
}

/** A drink said with no serving words of its own, marked to be made as the same drink was before. */
const madeAsBefore = <Line extends DraftLine>(draft: Line): Line => (draft.modifiers.length === 0 ? { ...draft, asBefore: true as const } : draft);
/** "another double rye, same way": made as before, with what was said this time over it. */
const sameWayAsBefore = <Line extends DraftLine>(draft: Line): Line => ({ ...draft, asBefore: true as const });

/** "actually she'd rather a manhattan, same way": the drink put in the old one's place is made as that one was. */
function replacedAsBefore(understanding: Understanding, tokens: readonly string[]): Understanding {
  if (understanding.intent !== "REPLACE" || !AS_BEFORE.test(` ${tokens.join(" ")} `)) return understanding;
  return { ...understanding, drafts: understanding.drafts.map(madeAsBefore) };
}

function onlySoManyAfterAll(understanding: Understanding, tokens: readonly string[], state: DialogueState): Understanding {
  if (understanding.intent !== "ORDER" || understanding.drafts.length !== 1 || understanding.unknown.length > 0) return understanding;
  const [draft] = understanding.drafts as [DraftLine & { quantitySaid?: boolean }];
  if (!draft.quantitySaid || draft.candidates.length !== 1 || !ONLY_SO_MANY.test(` ${tokens.join(" ")} `)) return understanding;
  // On the tab, that many in all; not on it, that many poured (the tab, not the dialogue, knows which).
  return { intent: "CHANGE_QUANTITY", itemIds: [...draft.candidates], quantity: draft.quantity, orPour: draft };
}

/**
 * "the cosmo is a bit sweet for me", then "could you make it with a twist?": "it" is the drink just talked
 * of, on the tab from an earlier order, not the last order's.
 */
function madeSoInFocus(understanding: Understanding, tokens: readonly string[], state: DialogueState): Understanding {
  if (understanding.intent !== "MODIFY" || understanding.itemIds || !tokens.includes("it")) return understanding;
  const focus = focusOnTheTab(state);
  return focus === null ? understanding : { ...understanding, itemIds: [focus] };
}

/** A correction's cue, said first: "actually", "no", "sorry", "wait". */
const CORRECTION_FIRST = /^ ((oh|um|uh|ah) )*(actually|no|sorry|wait|nah)( (no|wait|actually|sorry))* /;
/** "just one more", "only two more": a count of more, held down. */
const ONLY_SO_MANY_MORE = / (just|only) (\w+) more /;

/**
 * Right after an order: "actually just one more, Ellie's had enough" after "two more lemonades" is how many
 * of those, not one more again; "wait no, Marco's already got one, never mind" takes that order back.
 */
function theLastTurnCorrected(understanding: Understanding, clauses: readonly Clause[], tokens: readonly string[], state: DialogueState): Understanding {
  const justPoured = (editOfTheLastTurn(state)?.added.length ?? 0) > 0;
  if (!justPoured || clauses.some((clause) => clause.namesDrink)) return understanding;
  const said = ` ${tokens.join(" ")} `;
  const last = clauses[clauses.length - 1];
  // ("..., never mind": the cue said last, after why.)
  if (clauses.length > 1 && last?.act === "REPAIR" && last.repair?.cue === "UNDO" && last.repair.body.length === 0) return { intent: "UNDO" };
  // ("actually, never mind, I need the quarters for the dryer": the cue, then why, naming only what the bar does not pour.)
  const undone = clauses.some((clause) => clause.act === "REPAIR" && clause.repair?.cue === "UNDO" && clause.repair.body.length === 0);
  if (undone && understanding.intent === "REPLACE" && understanding.drafts.length === 0) return { intent: "UNDO" };
  if (understanding.intent === "REPEAT_ORDER" && understanding.scope === "LINE" && understanding.quantity !== null && !understanding.itemIds && CORRECTION_FIRST.test(said) && ONLY_SO_MANY_MORE.test(said)) {
    return { intent: "CHANGE_QUANTITY", itemIds: null, quantity: understanding.quantity };
  }
  return understanding;
}

/** Questions that ask for a kind of drink, still to be named: "what do you have that's strong?". */
const KIND_ASKED: ReadonlySet<Understanding["intent"]> = new Set(["RECOMMEND", "MENU"]);

/** Words that only link a count to the drinks after it: "two of each", "three more of those, please". */
const COUNT_LINKS = new Set(["of", "each", "them", "those", "these", "the", "a", "an", "and", "please", "more", "um", "uh", "so", "ok", "okay"]);

/** What was just said, dismissed as nothing: "false alarm", "my bad", "ignore me". */
const DISMISSED = / (false alarm|all good|ignore (me|that)|my (bad|mistake)|it is (fine|ok|okay|nothing)|no worries) /;

/** "I'll stick with this one", "I'm fine with what I've got": the drink in hand kept, no other. */
const KEEPING_MINE = / (stick|stay|keep|stuck|fine|good|happy|okay|ok) (to|with) (this|this one|that one|mine|my drink|what i (have|got|have got|ordered)|the one i (have|got|have got)) /;

/** "stick to", "stay with", "keep with": going on with a drink the guest has. */
const STICKING_WITH = / (stick|stay|keep|stuck) (to|with) /;

/**
 * The drinks said are all on the tab, said as kept ("I'll stick to the manhattan"): none of them more. With
 * `sinceLastTurn`, none of them is one the last turn poured.
 */
function keptOnTheTab(working: Working, clauses: readonly Clause[], state: DialogueState, sinceLastTurn: boolean): boolean {
  const added = new Set(sinceLastTurn ? (state.lastEdit?.added.map((line) => line.menuItemId) ?? []) : []);
  const held = (draft: DraftLine & { quantitySaid?: boolean }) => draft.candidates.length === 1 && !draft.quantitySaid && state.onTab?.includes(draft.candidates[0] as string) === true && !added.has(draft.candidates[0] as string);
  return working.unknown.length === 0 && working.drafts.length > 0 && working.drafts.every(held) && clauses.some((clause) => matches(clause.utterance, STICKING_WITH));
}

/**
 * "two or three more of these": more of the drink in hand, in a range, is asked, never guessed (it had poured one).
 * The drinks of the last order (or the one named) become an order held for its count.
 */
function moreInARange(understanding: Understanding, tokens: readonly string[], state: DialogueState, index: MenuIndex): Understanding {
  if (understanding.intent !== "REPEAT_ORDER" || understanding.quantity !== null) return understanding;
  const range = spokenRange({ tokens });
  const lines = understanding.itemIds ? understanding.itemIds.map((menuItemId) => ({ menuItemId, modifiers: [] as string[] })) : state.lastOrder;
  if (!range || lines.length === 0) return understanding;
  const drafts = lines.map((line) => ({ candidates: [line.menuItemId], category: null, quantity: range.high, range, modifiers: line.modifiers.filter(isModifier), softModifiers: [] }));
  return { intent: "ORDER", drafts, unknown: [] };
}

/** "I only need one", "we just want two of them": fewer of what was just asked for, said as all that is wanted. */
const ONLY_NEEDED = /^ ((oh|sorry|ah|um|no|actually) )*(i|we) (only|just) (need|want|needed|wanted) (one|two|three|four|five|six|seven|eight|nine|ten|\d+)( of (them|those|these))?( please| thanks)? $/;

/** "five lemonades", then "I only need one": the order just made, brought down to that many; none poured again. */
function onlyNeededSoMany(understanding: Understanding, tokens: readonly string[], state: DialogueState): Understanding {
  const [draft, ...others] = understanding.intent === "ORDER" ? understanding.drafts : [];
  const added = editOfTheLastTurn(state)?.added ?? [];
  if (!draft || others.length > 0 || !ONLY_NEEDED.test(` ${tokens.join(" ")} `)) return understanding;
  const justAsked = added.find((line) => draft.candidates.includes(line.menuItemId));
  if (!justAsked) return understanding;
  // ("a lemonade", then "I only need one": that many are poured already.)
  return draft.quantity < justAsked.quantity ? { intent: "CHANGE_QUANTITY", itemIds: null, quantity: draft.quantity } : draft.quantity === justAsked.quantity ? ACKNOWLEDGE : understanding;
}

/**
 * "one of the kids wants a lemonade too, so make it six lemonades" with five on the tab: the count said after
 * "make it" is how many of that drink the tab holds in all, the one asked for first among them.
 */
function totalSetAfterAll(understanding: Understanding, clauses: readonly Clause[], state: DialogueState): Understanding {
  const [draft, ...others] = understanding.intent === "ORDER" ? understanding.drafts : [];
  const last = clauses[clauses.length - 1];
  if (!draft || others.length > 0 || draft.candidates.length !== 1 || last?.act !== "REPAIR" || last.repair?.cue !== "REVISE" || last.repair.said.join(" ") !== "make it") return understanding;
  const [itemId] = draft.candidates as [string];
  const askedFirst = clauses.slice(0, -1).some((clause) => clause.act === "REQUEST" && clause.utterance.order.drafts.some((earlier) => earlier.candidates.includes(itemId)));
  if (!askedFirst || !state.onTab?.includes(itemId) || !last.utterance.order.drafts.some((said) => said.candidates.includes(itemId))) return understanding;
  return { intent: "CHANGE_QUANTITY", itemIds: [itemId], quantity: draft.quantity };
}

/** "the second Manhattan", "that extra lager": one unit of a drink, told apart by when it came. */
const UNIT_ORDINALS = new Set(["second", "third", "fourth", "fifth", "extra", "other", "last", "latest", "new"]);

/** The words before a drink that say whose it is, one person's: "his", "her", "my wife's", "Priya's" ('s dropped). */
const ONE_OWNER = new Set(["his", "her"]);

/**
 * "never mind the second Manhattan" after two of them, "take Priya's IPA off, she left" after two IPAs: one
 * unit comes off, told apart by when it came or whose it is, not every one ("the other bar" is no drink).
 */
function oneUnitTold(understanding: Understanding, tokens: readonly string[], index: MenuIndex): Understanding {
  if (understanding.intent !== "REMOVE" || understanding.target.kind !== "LINES" || understanding.target.lines.length !== 1) return understanding;
  const [line] = understanding.target.lines as [RemoveLine];
  if (line.quantity !== null) return understanding;
  const theDrinkAt = (at: number) => {
    const drink = matchMenuAt(tokens, at, index);
    return drink !== null && !drink.plural && drink.itemIds.some((id) => line.candidates.includes(id));
  };
  const told = tokens.some((word, at) => {
    const before = tokens[at - 1] ?? "";
    if (UNIT_ORDINALS.has(word)) return ["the", "that", "this"].includes(before) && theDrinkAt(at + 1);
    const named = !isEnglishWord(word) && matchMenuAt(tokens, at, index) === null && /^[a-z]+$/.test(word);
    return (ONE_OWNER.has(word) || PERSON_WORDS.has(word) || named) && at > 0 && theDrinkAt(at + 1);
  });
  return told ? { ...understanding, target: { kind: "LINES", lines: [{ ...line, quantity: 1 }] } } : understanding;
}

/** "make the bride's one dry", "can you make two of them up": how some units of the drinks are made, not all (read before numbers that are no counts go: "the bride one" is no label). */
function someUnitsMade(understanding: Understanding, tokens: readonly string[], index: MenuIndex): Understanding {
  if (understanding.intent !== "MODIFY" || understanding.quantity !== undefined || understanding.all) return understanding;
  const units = unitsOf(utteranceOf(tokens, index));
  return units === null ? understanding : { ...understanding, quantity: units };
}

/**
 * "he says the IPA, not the lager" after a lager was ordered: the drink said is poured in place of the
 * one said not to be, one for one.
 */
function notTheOneOrdered(understanding: Understanding, clauses: readonly Clause[], state: DialogueState): Understanding {
  if (understanding.intent !== "ORDER" || understanding.drafts.length !== 1) return understanding;
  const [ordered] = understanding.drafts as [DraftLine];
  const refused = clauses.find((clause) => clause.act === "DECLINE" && /^ not (the|that|a|an) /.test(clause.utterance.padded))?.utterance.order.drafts ?? [];
  const [other, ...more] = refused;
  if (!other || more.length > 0 || other.category !== null || sameDrink(other, ordered)) return understanding;
  // (The lager may be an order before the last: "a lager for him", "and a lemonade for me", "he says the IPA, not the lager".)
  const onLastOrder = [...state.lastOrder, ...(state.lastEdit?.lastOrderBefore ?? [])].find((line) => other.candidates.includes(line.menuItemId));
  if (!onLastOrder) return understanding;
  const line = { candidates: [onLastOrder.menuItemId], category: null, quantity: Math.min(ordered.quantity, onLastOrder.quantity), modifiers: onLastOrder.modifiers.filter(isModifier) };
  return { intent: "REPLACE", target: { kind: "NAMED", line, asSaid: true }, drafts: [{ ...ordered, quantitySaid: true }], unknown: understanding.unknown };
}

/** Someone on their own wanting a drink: "Becky wants", "he'd like", never "we", "they" or "everyone". */
const ONE_PERSON_WANTS = / (?!(i|we|you|they|everyone|everybody|all|both|people|lads|girls|boys|guys|friends|kids|who)\b)([a-z]+) (wants|would like|will have|is having|prefers|needs|fancies) /;

/**
 * "Becky wants a daiquiri instead" after five cosmos, "Kev doesn't want the Bud, he wants an IPA
 * instead": one person's drink of a round is one unit of it, replaced; the rest of the round stays.
 */
function onePersonsUnit(understanding: Understanding, tokens: readonly string[], state: DialogueState, index: MenuIndex): Understanding {
  // ("Priya wants her martini shaken" of two martinis: her one, made so, not both.)
  if (understanding.intent === "MODIFY" && understanding.all === true && understanding.quantity === undefined && understanding.itemIds?.length === 1) {
    const ownedOne = tokens.some((token, position) => OWNERS.has(token) && matchMenuAt(tokens, position + 1, index)?.plural === false);
    const units = state.lastOrder.filter((line) => line.menuItemId === understanding.itemIds?.[0]).reduce((sum, line) => sum + line.quantity, 0);
    return ownedOne && units > 1 ? { intent: "MODIFY", modifiers: understanding.modifiers, itemIds: understanding.itemIds, quantity: 1 } : understanding;
  }
  if (understanding.intent !== "REPLACE" || understanding.drafts.length !== 1 || understanding.drafts[0]?.quantity !== 1) return understanding;
  if (!ONE_PERSON_WANTS.test(` ${tokens.join(" ")} `)) return understanding;
  const { target } = understanding;
  const said = utteranceOf(tokens, index);
  if (target.kind === "NAMED" && target.line.quantity === null) return { ...understanding, target: { ...target, line: { ...target.line, quantity: 1 }, asSaid: true } };
  if (target.kind !== "LAST_ORDER") return understanding;
  // ("Tony wants a cosmo instead, swap one of the lagers": the drink of the round named is the one swapped.)
  const named = [...said.order.drafts, ...said.order.topics].flatMap((draft) => draft.candidates).filter((id) => !understanding.drafts.some((draft) => draft.candidates.includes(id)));
  const [other] = named;
  if (other !== undefined) return { ...understanding, target: { kind: "NAMED", line: { candidates: [other], category: null, quantity: 1, modifiers: [] }, asSaid: true } };
  const last = state.lastOrder[state.lastOrder.length - 1];
  if (!last || last.quantity <= 1) return understanding;
  return { ...understanding, target: { kind: "NAMED", line: { candidates: [last.menuItemId], category: null, quantity: 1, modifiers: last.modifiers.filter(isModifier) }, asSaid: true } };
}

/** Whose one drink it is: "her martini", "his IPA", "my negroni". */
const OWNERS = new Set(["her", "his", "my"]);

/** "in it", "in that", "in there": what a drink is made of. */
const IN_IT = / in (it|that|this|there|them|those) /;
/** "does it taste like whiskey a lot?", "are those made with rye or bourbon": the drink in focus and a spirit in it. */
// ("does yours use bourbon?" of the old fashioned just talked of: the bar's own, and what goes in it.)
const TASTES_OF = /^ ((and|so|but) )?(does|do|is|are|would|will) (it|that|this|they|those|these|yours|your one) (\w+ )?(taste|tastes|smell|smells|like|made with|mixed with|made from|use|uses|have|has|contain|contains|come with) /;

/**
 * "is that rye or bourbon in it?" about the Manhattan just poured: the spirits named are what is in
 * the drink in focus, so the question is about that drink (and it stays in focus).
 */
function askedWhatIsInIt(understanding: Understanding, tokens: readonly string[], state: DialogueState, index: MenuIndex): Understanding {
  const padded = ` ${tokens.join(" ")} `;
  if (understanding.intent !== "MENU" || state.focusItemId === null || !(IN_IT.test(padded) || TASTES_OF.test(padded))) return understanding;
  // Only spirits asked of a cocktail: "what about the manhattan, what's in it" asks about the Manhattan.
  const spirits = understanding.subject.itemIds.length > 0 && understanding.subject.itemIds.every((id) => index.byId.get(id)?.category === "SPIRIT");
  if (!spirits || index.byId.get(state.focusItemId)?.category !== "COCKTAIL") return understanding;
  return { ...understanding, subject: { itemIds: [state.focusItemId], category: null, unknown: [] } };
}

/** Two guests said together: "my colleague and I", "me and my wife", "we both", "the two of us". */
const TWO_OF_US = / ((my|our|the) \w+ and (i|me)|(i|me) and (my|our|the) \w+|we both|both of us|the two of us) /;
/** The two guests, each of them: "we both", "we'll both", "both of us", "us both". */
const BOTH_OF_US = / (we (\w+ )?both|both of us|us both) /;
/** "only the rum", "just the negroni": the drink already known, and nothing more. */
const ONLY_THE = / (only|just) (the|that|my) (\w+ )?DRINK /;
/** A drink named with "the", "that" or a possessive: one already known. */
const DEFINITE = / (the|that|this|those|these|his|her|their) (\w+ )?DRINK /;

/** What the guest says they asked for: "I asked for a manhattan", "we ordered lagers". */
const ASKED_FOR = /^ ((but|no|and) )?(i|we) (asked for|ordered|wanted|said|meant|asked) /;

/** "another beer", "one more beer", "more beers": more of what was had. */
const ANOTHER = / (another|one more|two more|three more|more|(a|my) (second|third|fourth|fifth) (one|round|drink)?|and (one|two|three|four) (also |too |as well )?for|(one|two|three) (too|as well|also)) /;

/** "the same way", "like before", "as last time": made as the drink was the last time. */
/** Only how it was made before, said on its own after a drink: "another manhattan, same way". */
const AS_BEFORE_ALONE = /^ (and |just |the |made )?(same way|same again|the same way|like before|as before|like last time|as last time|same as before|same as last time|same as always|like the last one|like the other one|the way i had it)( please| thanks| again)? $/;
const AS_BEFORE = / (same way|same(?= $)|the same way|like before|as before|like last time|as last time|same as before|same as last time|like the last one|the way i had it) /;

function readClausesOf(asSaid: readonly Clause[], state: DialogueState, index: MenuIndex, declined: Understanding | null, guests: number | null): Understanding {
  const clauses = withOpenEndsClosed(asSaid, index);
  const working: Working = { drafts: [], unknown: [], lastClause: 0, emptied: false, position: -1 };
  const readings: { position: number; understanding: Understanding }[] = [];
  /** Drinks named in this utterance so far, the latest first: what "it" means before the state's focus. */
  let focus: string[] = state.focusItemId !== null && index.byId.has(state.focusItemId) ? [state.focusItemId] : [];
  /** How the drink named last in this utterance was said to be made ("a negroni stirred"). */
  // ("my wife loves a dirty martini", then "make her one": the one offered, made as it was said.)
  let focusMadeAs: readonly Modifier[] = offeredMadeAs(state);
  let undoFirst = false;
  /** The words naming the drinks of the last clause that named several: what "that" may stand for. */
  let said: string[] = [];
  /** The drinks the last clause that named any named, in this utterance only. */
  let namedHere: string[] = [];
  /** Drinks refused in this utterance ("not the long island"). */
  let refusedHere: string[] = [];
  /** A condition said after paying belongs to it ("I'll pay if you throw in a free shot"): read with it, not on its own. */
  let paymentCondition = -1;
  /** The clause before named only what the bar does not pour: a bare count after it is of that, not of any drink. */
  let unknownInFocus = false;

  for (const [position, clause] of clauses.entries()) {
    if (position === paymentCondition) continue;
    const u = clause.utterance;
    // "And the IPA, how much is that?", "the 12 dollar cosmo, I'll take one": the drink named first is
    // what the next clause is about; it is in focus, and asked for only if that clause asks for it.
    if (isTopicOf(clause, clauses[position + 1], clauses[position + 2])) {
      focus = [...specificIds(u).slice(-1), ...focus];
      continue;
    }
    let reading: Understanding | null;
    // "two martinis and I'm anybody's, so none for me": the guest takes back the drinks said for them.
    if (matches(clause.utterance, NONE_FOR_ME) && working.drafts.length > 0 && !clauses.slice(0, position).some((earlier) => matches(earlier.utterance, FOR_SOMEONE_ELSE))) {
      working.drafts = [];
      working.unknown = [];
      working.emptied = true;
      continue;
    }
    // "a martini sounds great, make it dirty", "ooh, a daiquiri sounds nice, on the rocks please": how
    // to make the drink just spoken well of asks for it.
    if (working.drafts.length === 0) takeUpPraised(readings, clause, working, index);
    // "Martini is with olive? Dirty?": a serving word asked right after a question asks too.
    if (clause.asked && clause.fragment && clause.act === "REQUEST" && !clause.namesDrink && clauses[position - 1]?.act === "QUESTION") continue;
    // "she doesn't want the long island after all, cancel it": the cue says again what was just asked.
    if (clause.act === "REPAIR" && clause.repair?.cue === "UNDO" && clause.repair.body.length === 0 && readings.some(({ understanding }) => understanding.intent === "REMOVE")) continue;
    if (clause.act === "REPAIR" && clause.repair) {
      // ("for my guest, something fruity — actually, she'll have a Daiquiri": what the cue corrects was asked in this breath.)
      const askedHere = readings.some(({ understanding }) => understanding.intent === "RECOMMEND");
      const requested = working.drafts.length > 0 || working.unknown.length > 0 || working.emptied || askedHere;
      const body = utteranceOf(clause.repair.body, index);
      // ("twenty percent tip please, wait no, fifteen": a bare figure after the cue is the tip's new figure.)
      const tipped = readings.find((earlier): earlier is { position: number; understanding: Extract<Understanding, { intent: "SET_TIP" }> } => earlier.understanding.intent === "SET_TIP");
      const tip = tipped?.understanding.tip;
      const figure = tip && !("none" in tip) && !namesAny(body) && body.tokens.length <= 3 ? spokenCount(body) : null;
      if (tipped && tip && figure !== null && Number.isInteger(figure) && figure >= 0) {
        tipped.understanding = { intent: "SET_TIP", tip: "percent" in tip ? { percent: figure } : { amountCents: figure * 100 }, refusal: null };
        continue;
      }
      if (matches(body, WONDERING)) {
        // "wait, what's a martini made of?": a question after the cue, not a new version of the order.
        const asked = { ...clause, act: "QUESTION" as const };
        reading = referredQuestion(gate(classify(body), asked, body), asked, body, focus, index);
      } else if (requested) {
        const before = clauses[position - 1]?.tokens ?? [];
        const last = before[before.length - 1] ?? "";
        const countLeftOpen =
          before.length > 2 && before[before.length - 2] === "and" && !["a", "an", "one"].includes(last) && readQuantity(before, before.length - 1) !== null && clause.namesDrink;
        if (countLeftOpen) {
          // ("a lager and two, no, three IPAs": the open count is no more lagers; the clause is read again without it.)
          const trimmed = before.slice(0, -2);
          working.drafts.splice(working.lastClause, working.drafts.length - working.lastClause, ...utteranceOf(trimmed, index).order.drafts.map((draft) => ({ ...draft })));
        }
        reading = revise(working, clause.repair, index, countLeftOpen);
      }
      else if (clause.repair.cue === "UNDO" && clause.repair.body.length === 0 && namedHere.length > 0 && position > 0 && clauses[position - 1]?.act !== "REQUEST") {
        // ("Karen says she'll get the cosmo herself, so cancel that": "that" is the drink just talked of, taken off.)
        reading = removalOf(namedHere);
      } else {
        reading = reviseLastTurn(clause.repair, state, index);
        if (reading.intent === "UNDO" && position === 0) undoFirst = true;
        // "Actually, I'll have it now": the new version may refer to the drink in focus.
        if (reading.intent === "SMALL_TALK" || reading.intent === "UNKNOWN") {
          reading = referredOrder(reading, clause, body, focus, index) ?? reading;
        }
        // "Actually, how much is it?": a question about the drink in focus, whatever opened it.
        if (clause.asked || matches(body, ASKING)) reading = referredQuestion(reading, { ...clause, act: "QUESTION" }, body, focus, index);
      }
    } else if (clause.act === "ANSWER" && clause.answer === "NO" && (working.drafts.length > 0 || working.unknown.length > 0)) {
      // "a negroni? no way": the guest answered their own question against the drink.
      dropLastClause(working);
      continue;
    } else {
      reading = gate(classify(u), clause, u);
      // "a gin, please, the one you'd recommend": the drink is asked for; which one of it is left to Maya.
      if (reading.intent === "RECOMMEND" && clause.fragment && clause.act === "REQUEST" && u.order.drafts.length > 0) reading = { intent: "ORDER", drafts: [...u.order.drafts], unknown: [...u.order.unknown] };
      // "I'll pay if you throw in a free shot": a condition said after paying puts it off; so does what was said before it.
      // ("let me pay before I go", "let's settle before the next set": paying proposed now, before what comes.)
      const payingFirst = () => PROPOSED_NOW.test(u.padded) && clauses[position + 1]?.tokens[0] === "before";
      if (reading.intent === "PAY" && ((conditionsPaying(clauses[position + 1]?.tokens ?? []) && !payingFirst()) || payingPutOff(clauses, position, u))) {
        reading = PAYING_LATER;
        paymentCondition = position + 1;
      }
      if (reading?.intent === "SET_TIP") {
        // Gated as the order it is: "I always get two martinis and a 15% tip" pours nothing.
        const both = besideTip(u.tokens, index, classify);
        if (both) reading = gate(both, clause, u);
      }
      // "an old fashioned with a twist, please, and have it up", "Martini, please. Up.": serving words
      // for the drink just asked for, said after it.
      const latest = working.drafts[working.drafts.length - 1];
      // ("same, but no ice": said against how it was, taken where the drink can be made so.)
      const against = latest && matches(u, SAID_AGAINST) ? takenAgainst(latest, u, index) : null;
      const serving = latest ? (servingWordsOnly(u.tokens) ?? against) : null;
      if (latest && serving) {
        working.drafts[working.drafts.length - 1] = { ...latest, modifiers: replaceModifiers(latest.modifiers, serving) };
        continue;
      }
      // ("if I ordered a martini, would you make it shaken?": a supposition changes nothing on the tab; "and if I
      // added a twist" after a price is still priced.)
      const editRead = readEdit(reading, clause, u, state, index, namedHere);
      const edited = editRead && clause.kind === "HYPOTHETICAL" && CHANGES_TAB.has(editRead.intent) ? null : editRead;
      // "a cosmo sounds perfect, one please": a count said yes to, after a drink named in the same breath, asks for it.
      // ("twelve? fine" to a price, then "go on then, one please": a count said yes to, of the drink in focus.)
      const countedYes = clause.act === "ANSWER" && clause.answer === "YES" && (clauses.slice(0, position).some((earlier) => earlier.namesDrink) || (state.pending === null && focus.length > 0)) && spokenCount(u) !== null;
      const madeAs = focusMadeAs.length > 0 ? focusMadeAs : madeAsThosePoured(u, state);
      // ("do you sell sashes? we need one for the maid of honour": "one" is the thing just asked about, no drink.)
      // ("what do you have that's strong? I need it": "it" is what was just asked for, still to be named.)
      // (Classified only for an earlier question that names no drink: few clauses are.)
      const kindAskedBefore = (earlier: Clause) => (earlier.asked || earlier.act === "QUESTION") && !earlier.namesDrink && KIND_ASKED.has(classify(earlier.utterance).intent);
      const otherThingBefore = clauses.slice(0, position).some((earlier) => (earlier.act === "QUESTION" && !earlier.namesDrink && earlier.utterance.order.unknown.length + earlier.utterance.order.stray.length > 0) || kindAskedBefore(earlier));
      // ("an iced tea, not the long island, just the normal one": a drink refused is not what "one" asks for.)
      const askable = focus.filter((id) => !refusedHere.includes(id));
      // ("if I had two of those, what would that come to": what "that" costs is what was just supposed, not the tab.)
      const supposedHere = namedHere.length > 0 || clauses.slice(0, position).some((earlier) => earlier.kind === "HYPOTHETICAL");
      const referred = edited || otherThingBefore ? null : referredOrder(reading, countedYes ? { ...clause, act: "REQUEST" } : clause, u, askable, index, madeAs);
      if (referred && saidOfThisOrder(referred, u, working)) continue;
      reading = edited ?? referred ?? withAsked(referredComment(referredQuestion(repeatedAs(reading, u), clause, u, focus, index, said, supposedHere), clause, u, focus), u);
    }
    // "another manhattan, same way": how the drinks just asked for are made, not one more of the last order.
    // ("I'll pay next week, same as always": how the guest does what they said, not a drink.)
    // ("that went down well, same again": after talk, with no drink asked for yet, "same again" is the last order again.)
    if (u.order.said.drinks === 0 && matches(u, AS_BEFORE_ALONE) && (working.drafts.length > 0 || (readings.length > 0 && !has(u, "again")))) {
      working.drafts = working.drafts.map(sameWayAsBefore);
      continue;
    }
    // "I didn't order a martini, I asked for a manhattan": after the drink denied, the one the guest says they asked for.
    const removedHere = readings.some(({ understanding }) => understanding.intent === "REMOVE" && understanding.target.kind === "LINES");
    if (removedHere && clause.act === "STATEMENT" && clause.namesDrink && matches(u, ASKED_FOR)) {
      working.drafts.push(...u.order.drafts.map((draft) => ({ ...draft })));
      continue;
    }
    // "never mind the vodka, a cosmo instead": the drink said instead of one taken off in the same breath is ordered in its place.
    if (reading?.intent === "REPLACE" && reading.target.kind === "LAST_ORDER" && readings.some(({ understanding }) => understanding.intent === "REMOVE" && understanding.target.kind === "LINES")) {
      working.drafts.push(...reading.drafts);
      working.unknown.push(...reading.unknown);
      continue;
    }
    // "we always tipped ten percent in our day, but let's do fifteen": a bare number after talk of tips is the tip.
    const bare = reading !== null && !clause.namesDrink && u.order.unknown.length === 0 && (reading.intent === "CHANGE_QUANTITY" || reading.intent === "ORDER" || reading.intent === "REPEAT_ORDER");
    const tipTalk = bare ? tipTalkBefore(clauses.slice(0, position)) : null;
    const figure = tipTalk ? spokenCount(u) : null;
    if (tipTalk && figure !== null && Number.isInteger(figure) && figure >= 0) {
      reading = { intent: "SET_TIP", tip: tipTalk === "PERCENT" ? { percent: figure } : { amountCents: figure * 100 }, refusal: null };
    }
    // ("tip the lot, 100 percent": after talk of a tip, a whole hundred percent is the tip, not "absolutely".)
    if ((reading === null || reading.intent === "SMALL_TALK" || reading.intent === "UNKNOWN") && !clause.namesDrink && matches(u, WHOLE_SHARE) && TIP_WORD.test(clauses.slice(0, position).map((before) => ` ${before.tokens.join(" ")} `).join(""))) {
      reading = { intent: "SET_TIP", tip: { percent: 100 }, refusal: null };
    }
    // "my buddy says I should tip 25 percent": what someone else says the guest should do, reported.
    if ((reading?.intent === "SET_TIP" || reading?.intent === "PAY") && REPORTED_BY.test(clauses[position - 1]?.utterance.padded ?? "")) continue;
    // "can we get a round: three pints, two cosmos and a Coke": the round is the drinks said after it.
    const next = clauses[position + 1];
    // ("Same as always, Maya. Old Fashioned, rocks.": what "always" is, said next.)
    const spelledOut = next?.namesDrink === true && next.act === "REQUEST" && !/^ (and|also|plus) /.test(next.utterance.padded);
    if (reading?.intent === "REPEAT_ORDER" && !reading.itemIds && (has(u, "round") || matches(u, AS_ALWAYS)) && spelledOut) continue;
    // "same again, and a lemonade": the last order again, and what is added to it, in one order.
    // ("for my friend, same, but no ice": the serving words said after it are said of the same drink again.)
    const saidAfter = clauses.slice(position + 1).some((later) => (later.namesDrink && later.act === "REQUEST") || servingWordsOnly(later.tokens) !== null || matches(later.utterance, SAID_AGAINST));
    if (reading?.intent === "REPEAT_ORDER" && !reading.itemIds && !reading.modifiers && state.lastOrder.length > 0 && saidAfter) {
      working.drafts.push(...lastOrderAgain(state, reading.scope, reading.quantity));
      continue;
    }
    // "a manhattan for the groom, and I'll have the same": one more of the drink just said, made the same way.
    if (reading?.intent === "REPEAT_ORDER" && !reading.itemIds && clause.act === "REQUEST" && working.drafts.length > 0 && !namesAny(u)) {
      const last = working.drafts[working.drafts.length - 1] as DraftLine;
      working.drafts.push({ ...last, quantity: reading.quantity ?? 1, modifiers: reading.modifiers ? replaceModifiers(last.modifiers, reading.modifiers) : last.modifiers });
      continue;
    }
    // "two lagers and a cosmo, oh and make the lagers IPAs": a swap of a drink this utterance asked for.
    if (reading?.intent === "REPLACE" && reading.target.kind === "NAMED" && reading.unknown.length === 0 && reading.drafts.length === 1) {
      const named = reading.target.line;
      const [instead] = reading.drafts as (DraftLine & { quantitySaid?: boolean })[];
      const at = working.drafts.findIndex((draft) => named.candidates.every((id) => draft.candidates.includes(id)));
      if (instead && at >= 0) {
        const swapped = working.drafts[at] as DraftLine;
        working.drafts[at] = { ...instead, quantity: instead.quantitySaid ? instead.quantity : swapped.quantity };
        continue;
      }
    }
    // "four martinis... hmm, just three actually": a new count for the one drink this utterance asked for.
    if (reading?.intent === "CHANGE_QUANTITY" && reading.itemIds === null && working.drafts.length === 1 && Number.isInteger(reading.quantity) && reading.quantity > 0) {
      working.drafts = [{ ...(working.drafts[0] as DraftLine), quantity: reading.quantity }];
      continue;
    }
    // "four lagers and an IPA, oh and forget the IPA": taken back from what this utterance asked for.
    if (reading?.intent === "REMOVE" && reading.target.kind === "LINES" && working.drafts.length > 0) {
      const lines = reading.target.lines;
      const kept = working.drafts.filter((draft) => !lines.some((line) => line.candidates.some((id) => draft.candidates.includes(id))));
      if (kept.length < working.drafts.length) {
        working.drafts = kept;
        working.lastClause = Math.min(working.lastClause, kept.length);
        working.emptied = kept.length === 0 && working.unknown.length === 0;
        continue;
      }
    }
    // ("she doesn't want the long island, take one long island off": the same drink taken off again, counted this time.)
    if (reading?.intent === "REMOVE" && reading.target.kind === "LINES") {
      const again = reading.target.lines;
      const earlier = readings.find(({ understanding }) => understanding.intent === "REMOVE" && understanding.target.kind === "LINES" && sameRemovedDrinks(understanding.target.lines, again));
      if (earlier?.understanding.intent === "REMOVE" && earlier.understanding.target.kind === "LINES") {
        const first = earlier.understanding.target.lines;
        earlier.understanding = { intent: "REMOVE", target: { kind: "LINES", lines: again.map((line, at) => ({ ...line, quantity: line.quantity ?? first[at]?.quantity ?? null })) } };
        continue;
      }
    }
    // "the cosmos were for my friends who left, take them off": "them" are the drinks just named, not the last order.
    // ("Sandra doesn't want a cosmo after all, knock one off": one of the drink just named, not of the last order.)
    if (reading?.intent === "REMOVE" && reading.target.kind === "LAST_ORDER" && namedHere.length > 0 && !namesAny(u)) {
      reading = removalOf(namedHere, reading.target.quantity);
    }
    // ("that Jameson went down fast, another please": another of the drink just named, when it is on the tab.)
    if (reading?.intent === "REPEAT_ORDER" && reading.scope === "LINE" && !reading.itemIds && !namesAny(u) && namedHere.length === 1 && state.onTab?.includes(namedHere[0] as string)) {
      reading = { ...reading, itemIds: [...namedHere] };
    }
    const named = u.order.drafts.length > 0 ? specificIds(u) : [];
    namedHere = named.length > 0 ? named : namedHere;
    if (named.length > 0) focus = [...named.slice(-1), ...focus];
    // ("do you do jello shots? we'd want a dozen": a thing the bar does not pour, asked about, is what is talked of now.)
    const subject = reading && (reading.intent === "MENU" || reading.intent === "PRICE") ? reading.subject : undefined;
    const askedOfTheUnknown = (subject?.unknown.length ?? 0) > 0 && subject?.itemIds.length === 0;
    if (named.length === 0 && (u.order.unknown.length > 0 || askedOfTheUnknown)) unknownInFocus = true;
    else if (named.length > 0) unknownInFocus = false;
    const countOfTheUnknown = unknownInFocus && u.order.unknown.length === 0 && !namesAny(u) && spokenCount(u) !== null;
    if (countOfTheUnknown && (reading?.intent === "ORDER" || reading?.intent === "REPEAT_ORDER" || reading?.intent === "CHANGE_QUANTITY")) continue;
    if (named.length > 0 && clause.act === "DECLINE") refusedHere = [...refusedHere, ...named];
    if (named.length > 0) focusMadeAs = u.order.drafts[u.order.drafts.length - 1]?.modifiers ?? [];
    if (named.length > 0) said = drinksSaid(clause.tokens, index);
    if (!reading) continue;
    if (servesWhatWasJustSaid(reading, working, readings)) continue;
    if (reading.intent === "ORDER") {
      if (working.position < 0) working.position = position;
      // ("same again and a lemonade" in one breath: the last order again, then the lemonade.)
      if (working.drafts.length === 0 && state.lastOrder.length > 0 && matches(u, SAME_AGAIN_AND)) working.drafts.push(...lastOrderAgain(state, "ORDER", null));
      if (reading.tip) working.tip = reading.tip;
      working.lastClause = working.drafts.length;
      // "a martini and a cosmo for her, oh wait she's fine, just the martini then": only the drinks named again stay.
      const named = reading.drafts;
      if (restrictsTo(named, clause.tokens, working)) {
        keepOnly(working, named);
        continue;
      }
      // "an iced tea and a long island; my husband wants the long island": the drink named again is
      // the one just ordered, said of someone, not another.
      if (reading.drafts.length > 0 && u.order.said.counts === 0 && DEFINITE.test(u.order.shape) && reading.drafts.every((draft) => working.drafts.some((line) => sameDrink(line, draft)))) continue;
      // "an extra glass so we can share the long island": the drink poured, shared, is no other one.
      const poured = (draft: DraftLine) => state.lastOrder.some((line) => draft.candidates.includes(line.menuItemId)) || working.drafts.some((line) => sameDrink(line, draft));
      if (reading.drafts.length > 0 && u.order.said.counts === 0 && matches(u, SHARING) && DEFINITE.test(u.order.shape) && reading.drafts.every(poured)) continue;
      // ("could you bring the IPA over to the window when it's ready": where the drink poured goes, no other one.)
      if (reading.drafts.length > 0 && u.order.said.counts === 0 && BROUGHT_OVER.test(u.order.shape) && reading.drafts.every(poured)) continue;
      // "ok, a negroni. yeah. a negroni": the same one drink said again, alone, decides; it is not a second.
      if (saidAgain(reading.drafts, u, working)) continue;
      // ("..., so two lagers and a cosmo": the lagers summed up, the cosmo asked for.)
      const restated = summedUp(reading.drafts, u, working);
      if (restated.length > 0) {
        if (restated.length === reading.drafts.length) continue;
        reading = { ...reading, drafts: reading.drafts.filter((draft) => !restated.includes(draft)) };
      }
      // "ok, only the rum" of the rum just poured: that is all, no other one.
      if (reading.drafts.length > 0 && u.order.said.counts === 0 && ONLY_THE.test(u.order.shape) && reading.drafts.every((draft) => state.lastOrder.some((line) => draft.candidates.includes(line.menuItemId)))) continue;
      // "another bourbon same way": made as the one before it, whatever that was.
      const asBefore = matches(u, AS_BEFORE);
      // "could my colleague and I have an old fashioned each?": one for each of the two.
      // ("an IPA each for me and my three mates", "a negroni each for the four of us": one for each guest said.)
      // ("we'll both have a daiquiri", "both of us want negronis": one for each of the two.)
      const both = matches(u, BOTH_OF_US);
      const each = reading.drafts.length === 1 && ((u.tokens.includes("each") && (matches(u, TWO_OF_US) || guests !== null)) || both) && reading.drafts[0]?.quantity === 1;
      const group = guests ?? (both ? 2 : null);
      if (each) reading = { ...reading, drafts: [{ ...(reading.drafts[0] as DraftLine), quantity: group ?? 2 }] };
      // "the other four of us want lagers", "a round of tequilas for the five of us": one for each guest said.
      if (group !== null) reading = { ...reading, drafts: reading.drafts.map((draft) => forEachGuest(draft, group)) };
      // "a round of IPAs for my team": one each for a group whose size was not said is asked, never guessed.
      else if (matches(u, GROUP_NAMED)) reading = { ...reading, drafts: reading.drafts.map(forAGroupUncounted) };
      // "one more beer": another of the kind, the one of it already poured; "another old fashioned": made as the last one.
      const anotherOfKind = (draft: DraftLine) => (draft.category !== null || draft.modifiers.length === 0) && matches(u, ANOTHER);
      working.drafts.push(...reading.drafts.map((draft) => (asBefore || anotherOfKind(draft) ? sameWayAsBefore(draft) : draft)));
      working.unknown.push(...reading.unknown);
      if (reading.drafts.length > 0 || reading.unknown.length > 0) working.emptied = false;
      else if (working.drafts.length === 0) readings.push({ position, understanding: reading });
      continue;
    }
    readings.push({ position, understanding: reading });
  }

  // "ok, I need sleep. close out my tab": plain English asked for beside a payment is talk, not a drink the bar lacks.
  const onlyTalk = working.drafts.length === 0 && working.unknown.every((phrase) => phrase.split(" ").every(isEnglishWord));
  if (onlyTalk && readings.some(({ understanding }) => understanding.intent === "PAY")) working.unknown = [];
  const ordered = working.drafts.length > 0 || working.unknown.length > 0;
  if (ordered) {
    // ("ok remove the IPA, I'll stick to lemonade" with a lemonade poured: only the IPA comes off.)
    const removal = readings.find(({ understanding }) => understanding.intent === "REMOVE")?.understanding;
    if (removal && keptOnTheTab(working, clauses, state, false)) return removal;
    const swap = swapOf(readings, working);
    if (swap) return swap;
    const corrected = countCorrected(working, clauses, state);
    if (corrected) return corrected;
    // "Never mind, I'll have a lemonade": what the last turn poured, replaced.
    // ("never mind, I'll stick to the manhattan": the drink kept is one already poured before; the last order is only taken back.)
    if (undoFirst && state.lastEdit && keptOnTheTab(working, clauses, state, true)) return { intent: "UNDO" };
    if (undoFirst && state.lastEdit && state.lastEdit.added.length > 0) return replacingLastTurn(state.lastEdit.added, working.drafts, working.unknown);
    // ("clear my tab", then "wait no, he left already. two negronis again please": what to have back is said, and
    // poured as said; the undo alone would only ask to put it all back.)
    if (undoFirst && state.lastEdit && state.lastEdit.removed.length > 0) return { intent: "ORDER", drafts: working.drafts, unknown: working.unknown };
    const earlier = readings.find(({ position, understanding }) => position < working.position && CHANGES_TAB.has(understanding.intent));
    // ("one of the twins wants a manhattan, make one of those negronis a manhattan": the drink wanted is the
    // one swapped in after, said twice.)
    const swappedIn = readings.find(({ position, understanding }) => position > working.position && understanding.intent === "REPLACE" && sameDrinks(understanding.drafts, working.drafts));
    if (swappedIn && working.unknown.length === 0) return settleReplace(swappedIn.understanding, state);
    // "I'm ordering soft drinks tonight: one pepsi, six cokes...": a heading in one clause, counted in others.
    // ("a 2 dollar tip, and a water": a tip said first, then the order, both asked in one breath.)
    const tipOnlyBefore = readings.every(({ position, understanding }) => position >= working.position || understanding === earlier?.understanding || !CHANGES_TAB.has(understanding.intent));
    // (Only a tip named as one, and drinks the bar pours: "my phone's on 5 percent, quick, an old fashioned" tips nothing.)
    const tipSaid = earlier !== undefined && (clauses[earlier.position]?.tokens.some((token) => token === "tip" || token === "tips") ?? false);
    const tipSet = earlier?.understanding.intent === "SET_TIP" ? earlier.understanding : null;
    const tipGiven = tipSet !== null && tipSet.tip !== null && !("none" in tipSet.tip);
    const tipFirst = tipGiven && tipSaid && working.drafts.length > 0 && !working.tip && tipOnlyBefore ? tipSet : null;
    // ("another IPA and add 15% on top for the tip": a tip said after the order, both asked in one breath.)
    const tipAfter = readings.find(({ position, understanding }) => position > working.position && understanding.intent === "SET_TIP")?.understanding;
    const onlyTipAfter = readings.every(({ position, understanding }) => position < working.position || understanding === tipAfter || !CHANGES_TAB.has(understanding.intent));
    const tipThen = tipAfter?.intent === "SET_TIP" && tipAfter.tip !== null && !("none" in tipAfter.tip) && working.drafts.length > 0 && !working.tip && onlyTipAfter ? tipAfter : null;
    const tipSaidWith = tipFirst ?? tipThen;
    if (tipSaidWith) {
      const { intent: _intent, ...tip } = tipSaidWith;
      working.tip = tip;
    }
    if (!earlier || tipFirst) return { intent: "ORDER", drafts: withoutNoneAsked(withoutHeadings(categoriesSpelledOut(working.drafts))), unknown: working.unknown, ...(working.tip ? { tip: working.tip } : {}) };
  }
  if (working.emptied && !ordered) return { intent: "CANCEL", itemIds: [] };
  const swapped = fewerThenInstead(readings, state);
  if (swapped) return swapped;
  mergeEdits(readings);
  // "Put on a 15% tip and close me out": both asked, the tip first, then the payment, in one turn.
  const paying = readings.some(({ understanding }) => understanding.intent === "PAY");
  const tipping = readings.find((reading): reading is { position: number; understanding: Extract<Understanding, { intent: "SET_TIP" }> } => reading.understanding.intent === "SET_TIP");
  if (paying && tipping) return { intent: "PAY", tip: { tip: tipping.understanding.tip, refusal: tipping.understanding.refusal } };
  const replacement = undoFirst ? readings.find(({ understanding }) => understanding.intent === "REPLACE") : undefined;
  let best: Understanding | null = replacement?.understanding ?? null;
  for (const { understanding } of readings) {
    // "tip's a bit much, make it 10%": the tip said beats the tip only talked of.
    // ("in France we don't tip so much, but ok, 10 percent": a figure said after "no tip" is the guest's last word.)
    const saidTip = understanding.intent === "SET_TIP" && understanding.tip !== null && !("none" in understanding.tip) && best?.intent === "SET_TIP" && (best.tip === null || "none" in best.tip);
    if (!best || rank(understanding) > rank(best) || saidTip) best = understanding;
  }
  // "That's too much, no": a no to Maya's question says all the comment against the drink does.
  const against = best?.intent === "MENTION" && best.stance === "AGAINST";
  if (declined && (!best || against || rank(best) <= rank(declined))) return declined;
  return settleReplace(best ?? { intent: "UNKNOWN" }, state);
}

/** The same drinks, one for one, as counted: a drink said twice. */
function sameDrinks(said: readonly DraftLine[], again: readonly DraftLine[]): boolean {
  return said.length === again.length && said.every((draft, at) => draft.quantity === again[at]?.quantity && draft.candidates.join() === again[at]?.candidates.join());
}

/**
 * "Only one cosmo, Mike wants a lemonade instead" after two cosmos: the units taken off by the new
 * count are replaced by the drink said "instead", in one edit.
 */
function fewerThenInstead(readings: readonly { understanding: Understanding }[], state: DialogueState): Understanding | null {
  const [count, instead, ...others] = readings.map(({ understanding }) => understanding);
  if (others.length > 0 || count?.intent !== "CHANGE_QUANTITY" || instead?.intent !== "REPLACE" || instead.target.kind !== "LAST_ORDER") return null;
  const itemId = count.itemIds?.length === 1 ? count.itemIds[0] : count.itemIds === null ? state.lastOrder[state.lastOrder.length - 1]?.menuItemId : undefined;
  if (itemId === undefined || instead.unknown.length > 0 || instead.drafts.some((draft) => draft.candidates.includes(itemId))) return null;
  const had = state.lastOrder.filter((line) => line.menuItemId === itemId).reduce((sum, line) => sum + line.quantity, 0);
  const fewer = had - count.quantity;
  if (fewer <= 0) return null;
  return { intent: "REPLACE", target: { kind: "NAMED", line: { candidates: [itemId], category: null, quantity: fewer, modifiers: [] }, asSaid: true }, drafts: instead.drafts, unknown: [] };
}

const RESTRICTING = new Set(["just", "only"]);

/**
 * "Just one classic brew actually" right after "a couple of classic brews": the same drink again
 * with a count, said as a correction ("just", "only", or a cue like "actually"), sets how many of
 * it that order holds; nothing more is poured.
 */
function countCorrected(working: Working, clauses: readonly Clause[], state: DialogueState): Understanding | null {
  const [draft, ...others] = working.drafts as (DraftLine & { quantitySaid?: boolean })[];
  if (!draft || others.length > 0 || working.unknown.length > 0 || draft.candidates.length !== 1 || draft.quantitySaid !== true) return null;
  // ("two long islands after all, not three", turns after three were poured: the count on the tab, taken back by name.)
  const tokens = clauses.flatMap((clause) => clause.tokens);
  // ("only one more IPA, not two" after "two more IPAs": the count of more is the last order's, not the tab's in all.)
  const ofMore = tokens.some((token, at) => token === "more" && at > 0 && readQuantity(tokens, at - 1)?.length === 1);
  const corrected: Understanding = { intent: "CHANGE_QUANTITY", itemIds: ofMore ? null : [...draft.candidates], quantity: draft.quantity };
  const refused = clauses.map(({ tokens: said }) => (said.length === 2 && said[0] === "not" ? readQuantity(said, 1) : null)).find((read) => read !== null);
  if (refused && refused.value !== draft.quantity && state.lastOrder.some((line) => draft.candidates.includes(line.menuItemId) && line.quantity === refused.value)) return corrected;
  const previous = editOfTheLastTurn(state);
  if (!previous || !previous.added.some((line) => draft.candidates.includes(line.menuItemId))) return null;
  // ("one martini only": the restriction said after the drink, too.)
  const restricted =
    tokens.some((token, at) => RESTRICTING.has(token) && readQuantity(tokens, at + 1) !== null && tokens[at + 1] !== "a") ||
    clauses.some(({ tokens: said }) => said[said.length - 1] === "only" && readQuantity(said, 0) !== null);
  if (!restricted && !working.corrected) return null;
  // ("a whiskey on the rocks actually" after one neat: how it is made corrected, read as such after.)
  if (!restricted && draft.modifiers.length > 0 && draft.quantity === 1) return null;
  return corrected;
}

/**
 * "A rum. Neat, please", "one more, but neat": serving words said after an order or a repeat in the
 * same breath are how that is made, not an edit of what was poured before.
 */
function servesWhatWasJustSaid(reading: Understanding, working: Working, readings: { understanding: Understanding }[]): boolean {
  if (reading.intent !== "MODIFY" || reading.itemIds || reading.quantity !== undefined) return false;
  const last = working.drafts[working.drafts.length - 1];
  if (last) {
    working.drafts[working.drafts.length - 1] = { ...last, modifiers: replaceModifiers(last.modifiers, reading.modifiers) };
    return true;
  }
  const repeat = readings.find(({ understanding }) => understanding.intent === "REPEAT_ORDER");
  if (repeat?.understanding.intent !== "REPEAT_ORDER") return false;
  repeat.understanding = { ...repeat.understanding, modifiers: replaceModifiers(repeat.understanding.modifiers ?? [], reading.modifiers) };
  return true;
}

/** "Stirred, and with a twist please": serving words in several clauses are one edit of the same drinks. */
function mergeEdits(readings: { position: number; understanding: Understanding }[]): void {
  const edits = readings.filter(({ understanding }) => understanding.intent === "MODIFY");
  const [first, ...rest] = edits;
  if (!first || rest.length === 0 || first.understanding.intent !== "MODIFY") return;
  const modifiers = edits.flatMap(({ understanding }) => (understanding.intent === "MODIFY" ? understanding.modifiers : []));
  first.understanding = { ...first.understanding, modifiers: canonicalModifiers(modifiers) };
  for (const edit of rest) readings.splice(readings.indexOf(edit), 1);
}

/** "just the martini", "only the IPAs then": a clause that keeps some of the drinks already said, and no other. */
function restrictsTo(drafts: readonly DraftLine[], tokens: readonly string[], working: Working): boolean {
  const [first, second] = tokens.filter((token) => !LEADS.has(token));
  if (!RESTRICTING.has(first ?? "") || second !== "the" || drafts.length === 0) return false;
  const kept = working.drafts.filter((line) => drafts.some((draft) => sameDrink(line, draft)));
  return kept.length > 0 && kept.length < working.drafts.length && drafts.every((draft) => working.drafts.some((line) => sameDrink(line, draft)));
}
/** The working order cut down to the drinks named, each at the count said again ("just the one IPA"), if one was. */
function keepOnly(working: Working, named: readonly (DraftLine & { quantitySaid?: boolean })[]): void {
  working.drafts = working.drafts.flatMap((line) => {
    const again = named.find((draft) => sameDrink(line, draft));
    if (!again) return [];
    return [again.quantitySaid ? { ...line, quantity: again.quantity } : line];
  });
  working.lastClause = Math.min(working.lastClause, working.drafts.length);
}
const LEADS = new Set(["oh", "ok", "okay", "so", "um", "uh", "er", "well", "no", "actually", "and"]);

const NONE_FOR_ME = /^ ((so|actually|then|okay|ok|well|but|no) )*(none|nothing) for (me|us)( (thanks|then|tonight|after all))* $/;
const FOR_SOMEONE_ELSE = / for (her|him|them|the (\w+ )?(table|group|lady|guy|girls|boys|couple)|my \w+|our \w+) /;

/** One drink said alone, or asked for plainly: "a negroni", "can I get a water". */
const SAID_AGAIN = /^ ((can|could|may) (i|we) (get|have|grab) |(i|we) will (have|take) |(i|we) (need|want|could use) |(give|get) me )?((just|only) )?((a|an|any) )?(MOD )*DRINK (MOD )*$/;

/** The one drink of the clause, said with "a" and nothing else, is the last one asked for in this utterance, said the same way. */

function saidAgain(drafts: readonly DraftLine[], u: Utterance, working: Working): boolean {
  const [again, ...others] = drafts;
  const last = working.drafts[working.drafts.length - 1];
  if (!again || others.length > 0 || !last || working.drafts.length !== 1 || u.order.said.counts > 0 || last.quantity !== 1) return false;
  // ("a soda on the rocks, please? Cola, if you have it.": the kind of soda, said after it.)
  // ("just pour me a lager, any lager": any of that drink, the same one.)
  // ("a martini, dirty, a dirty martini please": made the same way, the same drink said whole.)
  const madeAlike = again.modifiers.length === 0 || (again.modifiers.length === last.modifiers.length && again.modifiers.every((modifier) => last.modifiers.includes(modifier)));
  // ("water. can I get a water": the drink said, then asked for in so many words: once.)
  return SAID_AGAIN.test(u.order.shape.replace(/ (please|then|yeah|yes|ok|okay)(?= )/g, "")) && sameDrink(last, again) && madeAlike;
}

/** "bring the IPA over to the window", "take our drinks out to the terrace": the drink poured, carried somewhere. */
const BROUGHT_OVER = / (bring|take|carry|send|run) (the|that|this|those|these|our|my|his|her|their) (\w+ )?DRINK (over|out|across|up|down|round|around)( to| here| there|$| when| please)/;

/** Every unit of each drink named taken off: what "take them off", "cancel that" say of drinks just talked of. */
const removalOf = (itemIds: readonly string[], quantity: number | null = null): Understanding => ({
  intent: "REMOVE",
  target: { kind: "LINES", lines: itemIds.map((id) => ({ candidates: [id], category: null, quantity, modifiers: [] })) },
});

/** Two removals of the same drinks, line for line. */
const sameRemovedDrinks = (first: readonly RemoveLine[], second: readonly RemoveLine[]): boolean =>
  first.length === second.length && first.every((line, at) => line.candidates.join() === second[at]?.candidates.join());

/** "so", "that's", "which makes": the order said again as a sum, not added to. */
const SUMMING_UP = /^ (so|so that is|that is|that makes|which makes|so that makes|making|i\.e\.|ie)( a total of| in total| in all)? /;

/** "one IPA each for the three of us, so three IPAs": the drinks just asked for, summed up with the counts they came to. */
function summedUp(drafts: readonly DraftLine[], u: Utterance, working: Working): DraftLine[] {
  if (!matches(u, SUMMING_UP)) return [];
  return drafts.filter((draft) => working.drafts.some((line) => sameDrink(line, draft) && line.quantity === draft.quantity));
}

/** Mentions said well of a drink, or of no stance: what a "make it dirty" after them may be about. */
const TAKEN_UP_KINDS: ReadonlySet<MentionKind> = new Set([null, "OPINION"]);

/**
 * A clause that only says how to make or how many ("make it dirty", "on the rocks please", "make it
 * two") right after a drink spoken well of in the same breath turns that mention into the order it
 * makes: the drink goes to the working order, to be revised by the clause as if it had been asked for.
 */
function takeUpPraised(readings: { position: number; understanding: Understanding }[], clause: Clause, working: Working, index: MenuIndex): void {
  const last = readings[readings.length - 1];
  const mention = last?.understanding;
  if (!last || mention?.intent !== "MENTION" || mention.stance === "AGAINST" || !TAKEN_UP_KINDS.has(mention.kind)) return;
  const [itemId, ...others] = mention.subject.itemIds;
  if (itemId === undefined || others.length > 0 || mention.subject.unknown.length > 0) return;
  const body = clause.act === "REPAIR" && clause.repair?.cue === "REVISE" ? clause.repair.body : clause.tokens;
  const saysHow = servingWordsOnly(body) !== null || (clause.act === "REPAIR" && clause.repair?.cue === "REVISE" && namesNothing(utteranceOf(body, index)));
  if (!saysHow) return;
  readings.pop();
  working.drafts.push({ candidates: [itemId], category: null, quantity: mention.quantity, modifiers: [], softModifiers: [] });
  working.position = last.position;
  working.lastClause = 0;
}

/** An utterance with a count or serving words and no drink or thing of its own ("two", "dirty"). */
const namesNothing = (u: Utterance): boolean =>
  u.order.drafts.length === 0 && u.order.unknown.length === 0 && (spokenCount(u) !== null || u.order.looseModifiers.length > 0);

/**
 * "a dirty martini", "a lemonade", "that martini was perfect by the way", then "I'll have another": another of
 * the drink talked of since the last order (praised, priced, described), when it is on the tab.
 */
/** The change the guest's last turn made to the tab, or null when that turn changed nothing. */
function editOfTheLastTurn(state: DialogueState): NonNullable<DialogueState["lastEdit"]> | null {
  return state.lastEdit !== null && state.lastEdit.turn === state.turn ? state.lastEdit : null;
}

/** The drink in focus, when it is on the tab from an order before the last one ("another", "make it dirty" of it). */
function focusOnTheTab(state: DialogueState): string | null {
  const focus = state.focusItemId;
  return focus === null || !state.onTab?.includes(focus) || state.lastOrder.some((line) => line.menuItemId === focus) ? null : focus;
}

function anotherOfTheFocus(understanding: Understanding, state: DialogueState): Understanding {
  if (understanding.intent !== "REPEAT_ORDER" || understanding.scope !== "LINE" || understanding.itemIds) return understanding;
  const focus = focusOnTheTab(state);
  if (focus !== null) return { ...understanding, itemIds: [focus] };
  // ("the martini was perfect", Maya offers one, "I'll have another": with nothing poured here yet, another of the drink praised and offered.)
  const offered = state.pending?.kind === "ORDER" ? state.pending.drafts.find((draft) => state.focusItemId !== null && draft.candidates.includes(state.focusItemId)) : undefined;
  const nothingPoured = state.lastOrder.length === 0 && (state.onTab?.length ?? 0) === 0;
  if (!offered || !nothingPoured || state.focusItemId === null) return understanding;
  return { intent: "ORDER", drafts: [{ candidates: [state.focusItemId], category: null, quantity: understanding.quantity ?? 1, modifiers: [], softModifiers: [] }], unknown: [] };
}

/** "cancel the dirty one", "take off the neat ones": the drink on the tab made that way (asked when several are). */
function removedByHowMade(understanding: Understanding, tokens: readonly string[]): Understanding {
  if (understanding.intent !== "CANCEL" || (understanding.itemIds?.length ?? 0) > 0) return understanding;
  return servedOnesRemoved(tokens) ?? understanding;
}

/** "actually she wants it dirty, not dry": a change of how drinks are made also takes off what was said against. */
function unmadeToo(understanding: Understanding, tokens: readonly string[], index: MenuIndex): Understanding {
  if (understanding.intent !== "MODIFY" || understanding.unmade) return understanding;
  const unmade = (utteranceOf(tokens, index).order.negatedModifiers ?? []).filter((modifier) => !understanding.modifiers.includes(modifier));
  return unmade.length > 0 ? { ...understanding, unmade } : understanding;
}

/**
 * "I'll have a Bloody Mary" (not poured; Maya suggests others), then "ok, a daiquiri instead": instead
 * of the drink she could not pour (or has not poured yet), not of the last order on the tab.
 */
/** Verbs that say which drink becomes the new one: "make it a classic brew", "swap one of the lagers". */
const SWAPPING = new Set(["make", "change", "switch", "swap", "replace", "turn"]);

function insteadOfTheRefused(understanding: Understanding, tokens: readonly string[], state: DialogueState): Understanding {
  // ("a dirty cosmo" refused, "want it the usual way?", then "a dirty martini instead": instead of the one still waiting.)
  const waiting = state.pending?.kind === "ORDER" && state.pending.ordered === true && state.pending.replaces === undefined;
  // ("take one manhattan off", then "get her a Pepsi instead": instead of the one just taken off, already gone.)
  // ("make it a classic brew", "swap one of the lagers for an IPA" still change a drink left on the tab.)
  const edit = editOfTheLastTurn(state);
  const removedJustNow = edit !== null && edit.removed.length > 0 && edit.added.length === 0 && tokens.includes("instead") && !tokens.some((token) => SWAPPING.has(token));
  if (understanding.intent !== "REPLACE" || understanding.target.kind !== "LAST_ORDER" || (state.unpouredTurn !== state.turn && !waiting && !removedJustNow)) return understanding;
  return { intent: "ORDER", drafts: understanding.drafts, unknown: understanding.unknown };
}

const TOO = /^ (and|also|plus|oh and) .* (too|as well|also)( please)? $/;

/**
 * "and one of the IPAs too" right after the cosmos were taken off: the same act again, on other
 * drinks; said after an order it would order them.
 */
function alsoRemoved(understanding: Understanding, tokens: readonly string[], state: DialogueState): Understanding {
  const previous = editOfTheLastTurn(state);
  if (understanding.intent !== "ORDER" || understanding.drafts.length === 0 || understanding.unknown.length > 0 || !previous) return understanding;
  if (previous.removed.length === 0 || previous.added.length > 0 || !TOO.test(` ${tokens.join(" ")} `)) return understanding;
  const lines = understanding.drafts.map((draft) => ({
    candidates: draft.candidates,
    category: draft.category,
    quantity: (draft as DraftLine & { quantitySaid?: boolean }).quantitySaid ? draft.quantity : null,
    modifiers: draft.modifiers,
  }));
  return { intent: "REMOVE", target: { kind: "LINES", lines } };
}

/** A drink asked for one per guest ("lagers for the four of us"), counted by the guests said; any other as it was. */
/** A group named without its size: "for my team", "for the table", "for the lads". */
const GROUP_NAMED = / (we (\w+ )?all|all of us) | for (everyone|everybody|(my|the|our|his|her|their|all the) (team|table|group|lads|crew|squad|office|gang|boys|girls|family|department|guys|friends|mates|colleagues|whole \w+)) /;

function forAGroupUncounted(draft: DraftLine & { perGuest?: true; quantitySaid?: boolean }): DraftLine {
  // ("round of Negronis for the table, four of them": the size said after all.)
  if (!draft.perGuest || draft.range || (draft.quantitySaid === true && draft.quantity > 1)) return draft;
  return { ...draft, range: { low: 1, high: draft.quantity, vague: true } };
}

function forEachGuest(draft: DraftLine & { perGuest?: true }, guests: number): DraftLine {
  if (!draft.perGuest || draft.range) return draft;
  return { ...draft, quantity: guests, quantitySaid: true, perGuest: undefined } as DraftLine;
}

/** Words that join an order and its tip: "two martinis and a 15% tip", "yes, with a 20% tip". */
const TIP_JOINERS: ReadonlySet<string> = new Set(["and", "with", "plus"]);

/**
 * "Two martinis and a 15% tip", "add a 20% tip and two IPAs": the two sides of a joining word are
 * an order on its own (as `read` reads it: a request, or an answer to Maya's question) and a tip
 * on its own. A tip that names a drink ("a 15% tip for the martinis") is only a tip: the drink is
 * what it is for, not an order.
 */
function besideTip(tokens: readonly string[], index: MenuIndex, read: (side: Utterance) => Understanding | null): Understanding | null {
  for (const [at, token] of tokens.entries()) {
    if (!TIP_JOINERS.has(token)) continue;
    const sides = [utteranceOf(tokens.slice(0, at), index), utteranceOf(tokens.slice(at + 1), index)];
    for (const [tipSide, orderSide] of [sides, [...sides].reverse()] as [Utterance, Utterance][]) {
      const asTip = classify(tipSide);
      if (asTip.intent !== "SET_TIP" || ordersAny(tipSide)) continue;
      const asOrder = read(orderSide);
      if (asOrder?.intent !== "ORDER" || asOrder.drafts.length === 0 || asOrder.unknown.length > 0) continue;
      return { ...asOrder, tip: { tip: asTip.tip, refusal: asTip.refusal } };
    }
  }
  return null;
}

/**
 * "Take off the IPA and add a negroni", "add a negroni and remove the IPA": one drink off and
 * others on, asked together, is one replacement (one edit, one version, one event), the new
 * drinks exactly as said.
 */
function swapOf(readings: readonly { understanding: Understanding }[], working: Working): Understanding | null {
  const changes = readings.filter(({ understanding }) => CHANGES_TAB.has(understanding.intent));
  const removal = changes.length === 1 ? changes[0]?.understanding : undefined;
  // "start again: twelve lagers and twenty lemonades": the whole tab, replaced by the new order.
  if (removal?.intent === "REMOVE" && removal.target.kind === "EVERYTHING" && working.drafts.length > 0) {
    return { intent: "REPLACE", target: { kind: "EVERYTHING" }, drafts: working.drafts.map((draft) => ({ ...draft, quantitySaid: true })), unknown: working.unknown };
  }
  if (removal?.intent !== "REMOVE" || removal.target.kind !== "LINES" || removal.target.lines.length !== 1) return null;
  // ("never mind the lager, she wants a hot chocolate": nothing the bar pours in its place; the lager still goes.)
  if (working.drafts.length === 0) return null;
  const [line] = removal.target.lines as [RemoveLine];
  return {
    intent: "REPLACE",
    target: { kind: "NAMED", line, asSaid: true },
    drafts: working.drafts.map((draft) => ({ ...draft, quantitySaid: true })),
    unknown: working.unknown,
  };
}

/**
 * "Everyone gets a shot! fifty five tequilas": a kind of drink said once, then spelled out as drinks
 * of that kind later in the same breath, was a heading for them, not one more drink.
 */
function categoriesSpelledOut(drafts: readonly DraftLine[]): (DraftLine & { heading?: true })[] {
  return drafts.map((draft, at) => {
    const spelled = draft.category !== null && draft.quantity === 1 && drafts.slice(at + 1).some((later) => later.category === null && later.candidates.every((id) => draft.candidates.includes(id)));
    return spelled ? { ...draft, heading: true as const } : draft;
  });
}

const SHARING = / (share|sharing|split|splitting) /;

/** A replacement with nothing ordered before it is simply an order. */
function settleReplace(understanding: Understanding, state: DialogueState): Understanding {
  if (understanding.intent !== "REPLACE" || understanding.target.kind !== "LAST_ORDER") return understanding;
  // ("take two long islands off", then "two lemonades for them instead": what they replace is gone already.)
  // (Taken off whole, as said: a new count for it leaves the rest of it to replace.)
  const edit = editOfTheLastTurn(state);
  const sameLine = (a: OrderLine, b: OrderLine) => a.menuItemId === b.menuItemId && a.quantity === b.quantity;
  const justRemoved =
    edit !== null &&
    edit.added.length === 0 &&
    state.lastOrder.length === edit.lastOrderBefore.length &&
    state.lastOrder.every((line, at) => sameLine(line, edit.lastOrderBefore[at] as OrderLine)) &&
    state.lastOrder.every((line) => edit.removed.some((removed) => sameLine(removed, line)));
  if (state.lastOrder.length > 0 && !justRemoved) return understanding;
  return { intent: "ORDER", drafts: understanding.drafts, unknown: understanding.unknown };
}
