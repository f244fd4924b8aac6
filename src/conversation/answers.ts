/**
 * Reading an utterance as the answer to the question Maya asked last turn:
 * "rocks" after "neat or on the rocks?", "the first one" or "ipa" after
 * "which beer?", "yes" after "shall I pour a plain IPA?" or after an offer
 * ("Want me to pour you a Negroni?"), "two" after "how many would you like?",
 * "ok add that" after a tip Maya quoted ("A 20% tip would be $2.60. Shall I add it?").
 * Returns null when the utterance is not an answer (a new order, a question
 * about the tab): the question is then dropped and the utterance handled on
 * its own. interpret.ts only asks here when no clause of the utterance is a
 * statement or a question, so "my sister loves negronis" never answers "yes".
 */
import type { Modifier } from "../bar/menu-catalog.js";
import type { OrderLine } from "./bar-port.js";
import type { PendingQuestion } from "./dialogue-state.js";
import { openQuestion, type DraftLine } from "./drafts.js";
import { DECLINE, ORDER_VERB, REMOVE_VERB, REPEAT_CUE, core, has, matches, sharedOutCount, spokenRange, utteranceOf, type Utterance } from "./intents.js";
import { itemsNamedByWords, type MenuIndex } from "./menu-matcher.js";
import { canonicalModifiers, readModifierAt, servingWordsOnly, type ModifierRead } from "./modifiers.js";
import { readTip, takesQuotedTip } from "./money-talk.js";
import { AMOUNT_UNITS, LAST_ORDINAL, readOrdinal, readQuantity } from "./numbers.js";
import { UNITS_SHOULD_BE, unitsAsSaid } from "./references.js";
import type { Understanding } from "./understanding.js";

const ANY = ["any", "anything", "either", "whatever", "you pick", "you choose", "surprise me", "does not matter", "do not mind", "up to you", "dealer choice", "your choice", "no preference"];
const ALL = ["both", "all of them", "all", "each", "every one", "them all"];
/** Every drink offered, taken ("that's all" ends the order: not among them). */
const ALL_OFFERED = ["both", "all of them", "them all", "every one", "the lot", "all three", "all four", "all five"];

/**
 * A yes, read from its words rather than from a list of phrases: at least one word that agrees
 * ("yes", "sure", "fine") or consents ("I'll have that", "let's do it", "go on"), nothing that
 * says no, and every other word one that carries nothing of its own (who says it, "that", "then",
 * "please", a filler). "Yes, that's fine", "yeah go on then", "ok sure why not" are all a yes;
 * "yes, two" or "yes, on the rocks" say more, and are read with what they add.
 */
const AGREEING = new Set([
  "yes", "yeah", "yep", "yup", "yea", "ya", "aye", "sure", "okay", "alright", "fine", "absolutely", "definitely", "certainly",
  "course", "perfect", "great", "lovely", "cool", "good", "grand", "brilliant", "excellent", "wonderful", "fantastic", "awesome",
  "gladly", "indeed", "totally", "deal", "works", "please", "right", "nice", "ideal", "fab", "reasonable", "exactly", "precisely",
  // ("without then", to "want it without?" or "the usual way instead?": taking it without what it cannot be.)
  "without",
]);
/** Verbs of taking what was offered: a yes when their object is only "it", "that", "one". */
const CONSENTING = new Set(["have", "take", "do", "go", "pour", "get", "try", "want", "like", "love", "count", "risk", "chance"]);
/** Words that say nothing besides: pronouns, auxiliaries, particles, politeness and fillers. */
const EMPTY = new Set([
  "i", "we", "me", "us", "you", "it", "that", "this", "one", "them", "those", "is", "are", "be", "sounds", "sound", "seems", "looks",
  "would", "will", "shall", "can", "let", "then", "now", "so", "just", "really", "very", "quite", "pretty", "too", "also", "oh",
  "um", "uh", "er", "hmm", "huh", "mm", "mmm", "well", "ah", "thanks", "thank", "cheers", "maya", "on", "ahead", "for", "with", "to", "in", "a",
  "of", "thing", "all", "by", "actually", "and", "idea", "plan", "mate",
  // "plain is fine", "the usual way", "as it comes": taking the drink as offered.
  "plain", "usual", "normal", "regular", "way", "as", "comes", "the",
]);
/** Said alone, these answer a question with its own word: "I would", "I will", "that one". */
const ELLIPTIC = new Set(["would", "will", "shall", "one"]);
/** "why not", "no bother", "no problem": a yes said with a "no" in it ("nah no worries" to an offer turns it down). */
const WHY_NOT = / (why not|no bother|no problem) /g;
const SAYS_NO = new Set(["no", "not", "nope", "nah", "never", "nothing", "rather", "wait", "hold", "stop", "cancel", "later", "maybe"]);

/**
 * Agreeing words that say something else: closing the round ("that's it for now", "I'm all good",
 * "all set"), or judging a drink ("it's good", "they are great"), not taking one.
 */
const ENOUGH = / (that is (it|all)|all (good|set)|for now|i am (good|fine|okay|set|done)|we are (good|fine|okay|set|done)|it is|they are|these are|those are) /;

/** "is it really that good?", "does it taste good?": a question whether, asked before any yes. */
const ASKS_WHETHER = /^ (is|are|was|were|does|do|did|would|will) (it|that|this|they|those|these|he|she) /;

const NO_ICE = / (no|without) ice(?= )/g;

/** "love it", "I like that": liking what was just said of a drink, in the present; "I'd love one" takes it. */
const LIKING_IT = /^ ((oh|wow|ooh|ah|i|we|really|just) )*(love|like|adore|loving) (it|that|this)( though| actually)? $/;

export function isYes(u: Utterance): boolean {
  if (u.order.drafts.length > 0 || u.order.unknown.length > 0 || matches(u, ENOUGH) || matches(u, ASKS_WHETHER) || matches(u, LIKING_IT)) return false;
  // "sounds perfect": a serving word that also agrees may be the agreement.
  // ("yeah fine, no ice then": "no ice" said in passing is no "no".)
  if (u.order.looseModifiers.some((read) => !AGREEING.has(read.modifier) && !read.soft)) return false;
  const words = u.padded.replace(WHY_NOT, " sure ").replace(NO_ICE, " ").trim().split(" ").filter((word) => word !== "");
  let agrees = false;
  for (const word of words) {
    if (SAYS_NO.has(word)) return false;
    if (AGREEING.has(word) || CONSENTING.has(word)) agrees = true;
    else if (!EMPTY.has(word) && !ELLIPTIC.has(word)) return false;
  }
  return agrees || words.some((word) => ELLIPTIC.has(word));
}

/** Words an ordinal that picks one of the choices may be followed by: "the first one", "the second please". */
const AFTER_A_CHOICE = new Set(["one", "ones", "option", "choice", "please", "thanks", "then", "i", "is", "sounds", "will", "for", "and", "of", "pls", "thank"]);

/** The candidate the answer picks: by position, by name, by a word of its name, or "any". */
export function chooseCandidate(u: Utterance, candidates: readonly string[], index: MenuIndex, anyPicks = true): string | null {
  for (let start = 0; start < u.tokens.length; start += 1) {
    const ordinal = readOrdinal(u.tokens, start);
    if (!ordinal) continue;
    // ("the first one", "second, please"; never "my first wave", "second time lucky": an ordinal of something else.)
    const after = u.tokens[start + ordinal.length];
    if (after !== undefined && !AFTER_A_CHOICE.has(after)) continue;
    const position = ordinal.value === LAST_ORDINAL ? candidates.length : ordinal.value;
    return candidates[position - 1] ?? null;
  }
  // ("can I get a daiquiri or a cosmo?" to "the Cosmopolitan or the Lemonade?": a choice of the guest's own, still open, picks none.)
  if (u.order.drafts.some((draft) => draft.candidates.length > 1 && draft.candidates.some((id) => !candidates.includes(id)))) return null;
  const named = new Set(u.order.drafts.flatMap((draft) => draft.candidates.filter((id) => candidates.includes(id))));
  if (named.size === 1) return [...named][0] as string;
  if (named.size === 0) {
    const byWord = itemsNamedByWords(u.tokens, candidates, index);
    if (byWord.length === 1) return byWord[0] as string;
  }
  if (has(u, "the other one", "the other") && candidates.length === 2) return candidates[1] as string;
  return anyPicks && has(u, ...ANY) ? (candidates[0] ?? null) : null;
}

/** Words an answer of serving words may open with: "no, up then", "ok, neat". */
const COUNT_WORDS = new Set(["one", "two", "three", "four", "five", "a"]);
/** An acknowledgement and thanks, nothing more: "cool, thanks", "good to know, thank you". */
const THANKS_FOR_TELLING = /^ (cool|great|nice|good|ok|okay|alright|right|good to know|got it|noted|ah|oh) (thanks|thank you|cheers)( (so much|very much|a lot))? $/;
const ANSWER_OPENERS = new Set(["no", "nah", "nope", "yes", "yeah", "yep", "ok", "okay", "well", "oh", "um", "uh", "fine", "sure", "alright", "right"]);

/**
 * Every modifier the answer mentions, on a drink or on its own; an answer of nothing but serving
 * words reads them as said right after the drink asked about ("up then", "no, make it up").
 */
function modifiersSaid(u: Utterance): ModifierRead[] {
  // ("I'll have that, up": "up" said of the drink pointed at.)
  const pointedUp = u.order.drafts.length === 0 && matches(u, POINTED_UP) ? [{ modifier: "up" as const, soft: false, length: 0 }] : [];
  if (pointedUp.length > 0) return [...modifiersSaidOf(u).filter((read) => read.modifier !== "up"), ...pointedUp];
  if (u.order.drafts.length === 0) {
    // ("One, stirred, up, please": after the count, "up" is said of the drink asked about.)
    let start = 0;
    while (ANSWER_OPENERS.has(u.tokens[start] as string) || (start === 0 && COUNT_WORDS.has(u.tokens[start] as string))) start += 1;
    const serving = start < u.tokens.length ? servingWordsOnly(u.tokens.slice(start)) : null;
    // Only a fuller reading of what was read already ("no ice" is neat, not "ice").
    const fuller = serving !== null && u.order.looseModifiers.every((read) => serving.includes(read.modifier));
    if (serving && fuller) return serving.map((modifier) => ({ modifier, soft: false, length: 0 }));
  }
  return modifiersSaidOf(u);
}

function modifiersSaidOf(u: Utterance): ModifierRead[] {
  return [
    ...u.order.looseModifiers,
    ...u.order.drafts.flatMap((draft) => [
      ...draft.modifiers.map((modifier) => ({ modifier, soft: false, length: 0 })),
      ...draft.softModifiers.map((modifier) => ({ modifier, soft: true, length: 0 })),
    ]),
  ];
}

function withModifiers(draft: DraftLine, reads: readonly ModifierRead[]): DraftLine {
  const hard: Modifier[] = reads.filter((read) => !read.soft).map((read) => read.modifier);
  const soft: Modifier[] = reads.filter((read) => read.soft).map((read) => read.modifier);
  return {
    ...draft,
    modifiers: canonicalModifiers([...draft.modifiers, ...hard]),
    softModifiers: canonicalModifiers([...draft.softModifiers, ...soft]),
  };
}

/** The count an answer says ("two", "three of them"), never the bare article of "a bit bitter". */
function countSaid(u: Utterance): number | null {
  if (u.order.said.counts === 0) return null;
  return sharedOutCount(u.tokens) ?? u.order.looseQuantity ?? u.order.drafts.find((draft) => draft.quantitySaid)?.quantity ?? null;
}

/** The count said with this drink ("four lagers"), not the bare article of "an IPA". */
function countSaidFor(u: Utterance, itemId: string): number | null {
  if (u.order.said.counts === 0) return null;
  return u.order.drafts.find((draft) => draft.quantitySaid && draft.candidates.includes(itemId))?.quantity ?? null;
}

/**
 * "one neat, one on the rocks" for two whiskeys: the answer continues the order, so it is read as
 * said right after it ("2 whiskey one neat one on the rocks"), and the line splits as the parser
 * splits "two whiskeys, one neat and one on the rocks". Null unless the parts add up to the line.
 */
function servingsSplit(u: Utterance, drafts: readonly DraftLine[], asked: readonly number[], index: MenuIndex): DraftLine[] | null {
  const [at, ...others] = asked;
  const draft = at === undefined ? undefined : drafts[at];
  const item = draft && draft.candidates.length === 1 ? index.byId.get(draft.candidates[0] as string) : undefined;
  if (!draft || !item || others.length > 0 || draft.quantity < 2 || u.order.said.counts === 0) return null;
  const ofItem = unitsAsSaid(u.tokens, draft.quantity, item, index);
  if (!ofItem || ofItem.reduce((sum, part) => sum + part.quantity, 0) !== draft.quantity) return null;
  const lines = ofItem.map((part) => withModifiers({ ...draft, quantity: part.quantity }, part.modifiers.map((modifier) => ({ modifier, soft: false, length: 0 }))));
  return [...drafts.slice(0, at), ...lines, ...drafts.slice((at as number) + 1)];
}

/** A drink named in the answer that is none of the drinks being asked about: a new order, not an answer. */
function namesOtherDrink(u: Utterance, asked: readonly string[]): boolean {
  return u.order.drafts.some((draft) => !draft.candidates.some((id) => asked.includes(id))) || u.order.unknown.length > 0;
}

/** "two", "just three", "fifty then": the count said in answer to "how many?". */
/** Words that make an utterance about something else than how many drinks ("add a -5% tip"). */
const NOT_A_COUNT = / (tip|tips|percent|dollars|dollar|bucks|cents|pay|tab|bill|balance|menu|price|cost) /;

/** A count said as the whole: "forty in total", "six altogether", "ten in all". */
const IN_ALL = / (in total|altogether|all together|in all|total) /;

function answerQuantity(u: Utterance, drafts: readonly DraftLine[], draftIndex: number, total: boolean): Understanding | null {
  const draft = drafts[draftIndex];
  if (!draft || namesOtherDrink(u, draft.candidates) || matches(u, NOT_A_COUNT)) return null;
  const count = countSaid(u);
  // ("um, two or three" to "how many?": still not one count; asked again.)
  const saidRange = count === null ? spokenRange(u) : null;
  if (saidRange) return { intent: "ORDER", drafts: drafts.map((line, at) => (at === draftIndex ? { ...line, quantity: saidRange.high, range: saidRange } : line)), unknown: [] };
  if (count === null) return null;
  // "forty" after "make it sixty" was refused, "make it forty in total": how many in all, with those on the tab.
  if ((total || matches(u, IN_ALL)) && drafts.length === 1 && draft.candidates.length === 1 && !u.order.drafts.some((line) => line.range)) {
    return { intent: "CHANGE_QUANTITY", itemIds: draft.candidates, quantity: count };
  }
  // "five tap beers" after "how many beers?": the count, and which beer too; "two or three" is still asked.
  const said = u.order.drafts.find((line) => line.candidates.every((id) => draft.candidates.includes(id)));
  const narrowed = said && said.candidates.length < draft.candidates.length ? { candidates: said.candidates, category: said.category } : {};
  const range = said?.range ? { range: said.range } : {};
  // ("6, neat": how to pour them, said with the count.)
  const updated = drafts.map((line, at) => (at === draftIndex ? withModifiers({ ...line, quantity: count, ...narrowed, ...range }, modifiersSaid(u)) : line));
  return { intent: "ORDER", drafts: updated, unknown: [] };
}

/** Words that point at the drink offered: "two of those", "a couple of them". */
const OF_THOSE = new Set(["those", "them", "these"]);

/**
 * The lines of an answer that counts the drink offered and makes its units apart ("two of those, one dirty,
 * one with a twist"), read as if the drink were named where it is pointed at or counted; null otherwise.
 */
function unitsMadeApart(u: Utterance, id: string, index: MenuIndex): DraftLine[] | null {
  const name = index.byId.get(id)?.name;
  const { tokens } = u;
  // (Units made apart: at least two counts each said with how to make them, "one dirty, one with a twist", "one up and two on the rocks".)
  const madeUnits = tokens.filter((token, at) => {
    const count = token === "a" || token === "an" ? null : readQuantity(tokens, at);
    return count !== null && readModifierAt(tokens, at + count.length) !== null;
  });
  if (!name || madeUnits.length < 2) return null;
  const drink = name.toLowerCase().split(" ");
  const pointer = tokens.findIndex((token, at) => token === "of" && OF_THOSE.has(tokens[at + 1] as string));
  const countAt = tokens.findIndex((_, at) => readQuantity(tokens, at) !== null);
  const countEnd = countAt < 0 ? -1 : countAt + (readQuantity(tokens, countAt)?.length ?? 0);
  const said = pointer >= 0 ? [...tokens.slice(0, pointer), ...drink, ...tokens.slice(pointer + 2)] : countEnd > 0 ? [...tokens.slice(0, countEnd), ...drink, ...tokens.slice(countEnd)] : null;
  const lines = said ? utteranceOf(said, index).order.drafts : [];
  return lines.length > 1 && lines.every((line) => line.candidates.length === 1 && line.candidates[0] === id) ? [...lines] : null;
}

function answerOrder(u: Utterance, drafts: readonly DraftLine[], confirm: boolean, index: MenuIndex): Understanding | null {
  const question = openQuestion(drafts, index);
  const asked = question?.kind === "WHICH_ITEM" ? question.candidates : question?.itemIds ?? drafts.flatMap((draft) => draft.candidates);
  if (namesOtherDrink(u, asked)) return null;
  // "cancel the IPA" after "which beer would you like?" takes a drink off; it never orders one.
  if (u.order.drafts.length > 0 && matches(u, REMOVE_VERB)) return null;
  // ("one of them should be a rye on the rocks" after a rye was offered: units poured, changed; no answer to the offer.)
  if (u.order.drafts.length > 0 && matches(u, UNITS_SHOULD_BE)) return null;
  // "sounds perfect" to a Daiquiri agrees; to a Manhattan, which can be made perfect, it asks for one.
  const takes = (modifier: Modifier) => drafts.some((draft) => draft.candidates.some((id) => index.byId.get(id)?.modifiers.includes(modifier)));
  // ("sure, no twist then" to "shall I pour a plain Classic Brew?": agreed, the serving it cannot take given up.)
  const agreeing = isYes(u) || (matches(u, AGREED_FIRST) && u.order.drafts.length === 0 && (u.order.negatedModifiers ?? []).length > 0);
  // ("yeah fine, no ice then" to "an IPA doesn't come on the rocks, the usual way?": "no ice" in passing agrees.)
  // ("sure, no twist": a serving given up while agreeing is none asked for; "no, stirred then" asks for one.)
  const refusedHere = u.order.negatedModifiers ?? [];
  const reads = modifiersSaid(u).filter((read) => !(agreeing && (refusedHere.includes(read.modifier) || ((AGREEING.has(read.modifier) || read.soft) && !takes(read.modifier)))));
  const count = countSaid(u);
  const yes = confirm && agreeing;
  // ("two of those, one dirty, one with a twist" to "shall I pour a Martini?": the units made apart, line by line.)
  const [offered, ...otherOffers] = drafts.flatMap((draft) => draft.candidates);
  const apart = confirm && offered !== undefined && otherOffers.length === 0 ? unitsMadeApart(u, offered, index) : null;
  if (apart) return { intent: "ORDER", drafts: apart, unknown: [] };
  // "another one" after "want one?" is a repeat of the last order, which the classifier reads.
  // ("another one of those" after praise of a drink and Maya's offer of it: one more of the drink pointed at,
  // made as it was.)
  if (confirm && !yes && matches(u, REPEAT_CUE)) {
    if (!matches(u, POINTED_AT) || u.order.drafts.length > 0) return null;
    return { intent: "ORDER", drafts: drafts.map((draft) => ({ ...draft, quantity: count ?? 1, asBefore: true as const })), unknown: [] };
  }

  if (question?.kind === "WHICH_ITEM") {
    // ("two martinis, one dirty and one with a twist" to "which cocktail?": an order of its own, line by line as said.)
    const ownLines = u.order.drafts.length > 1 && u.order.drafts.every((draft) => draft.candidates.length === 1 && question.candidates.includes(draft.candidates[0] as string));
    if (drafts.length === 1 && ownLines) return { intent: "ORDER", drafts: [...u.order.drafts], unknown: [] };
    // A plain "yes" to an offer of two drinks chooses neither: Maya asks which ("a martini or an IPA?").
    const single = question.candidates.length === 1;
    // "surprise me" picks for a guest who asked for a beer, not among the drinks Maya only offered.
    const chosen = chooseCandidate(u, question.candidates, index, !confirm) ?? ((yes || (confirm && count !== null)) && single ? question.candidates[0] : null);
    // "yes" to "which beer?" picks none: the order stands and Maya asks again.
    // ("make it two" to "the Gin or the Vodka?": a new count for the drink ordered, no answer.)
    if (!chosen) return isYes(u) || (confirm && count !== null && !matches(u, COUNT_OF_IT)) ? { intent: "ORDER", drafts: [...drafts], unknown: [] } : null;
    // "four lagers" after "which beer?": a count said with the drink is how many of it.
    const counted = confirm && count !== null ? count : countSaidFor(u, chosen);
    // ("two or three IPAs to start" to "which beer?": the range said with the drink is asked, as it would be alone.)
    const range = u.order.drafts.find((draft) => draft.candidates.includes(chosen))?.range;
    const updated = drafts.map((draft, draftIndex) =>
      draftIndex === question.draftIndex
        ? withModifiers({ ...draft, candidates: [chosen], category: null, quantity: counted ?? draft.quantity, ...(range ? { range } : {}) }, reads)
        : draft,
    );
    return { intent: "ORDER", drafts: updated, unknown: [] };
  }

  if (question?.kind === "SERVING") {
    let serving = reads.filter((read) => question.choices.includes(read.modifier));
    // "no ice please" to "neat or on the rocks?": the other one.
    const left = question.choices.filter((choice) => !refusedHere.includes(choice));
    if (serving.length === 0 && refusedHere.some((modifier) => question.choices.includes(modifier)) && left.length === 1) {
      serving = [{ modifier: left[0] as Modifier, soft: false, length: 0 }];
    }
    if (serving.length === 0) {
      const choice = chooseCandidate(u, question.choices, index);
      if (choice) serving = [{ modifier: choice as Modifier, soft: false, length: 0 }];
    }
    // "yes" to "neat or on the rocks?" chooses neither: the order stands and Maya asks again.
    if (serving.length === 0 && reads.length === 0 && isYes(u)) return { intent: "ORDER", drafts: [...drafts], unknown: [] };
    if (serving.length === 0 && !(yes && reads.length > 0)) return null;
    const split = servingsSplit(u, drafts, question.draftIndexes, index);
    if (split) return { intent: "ORDER", drafts: split, unknown: [] };
    const others = reads.filter((read) => !question.choices.includes(read.modifier));
    // "neat, actually make that rocks": the last choice said wins ("not neat" is no choice: the parser drops it).
    const chosen = serving[serving.length - 1] as ModifierRead;
    // "I'll take two, on the rocks" after an offer: the count goes with the serving.
    // ("6, neat" when "5 or 6 of those" left the count open: the count settles it too.)
    // ("four tequilas, neat" to "neat or on the rocks?": the drink named again with its count is how many of it.)
    const counted = (draft: DraftLine): DraftLine => {
      const namedAgain = drafts.length === 1 && draft.candidates.length === 1 ? countSaidFor(u, draft.candidates[0] as string) : null;
      const settles = namedAgain ?? (drafts.length === 1 && (confirm || draft.range) ? count : null);
      if (settles === null) return draft;
      const { range: _range, ...settled } = draft;
      return { ...settled, quantity: settles };
    };
    const updated = drafts.map((draft, draftIndex) =>
      question.draftIndexes.includes(draftIndex) ? withModifiers(counted(draft), [chosen, ...others]) : draft,
    );
    return { intent: "ORDER", drafts: updated, unknown: [] };
  }

  // "The negroni for me, and a manhattan, stirred" to "shall I pour them?": the drinks as the answer names
  // them, each made as said of it.
  const named = u.order.drafts;
  if (confirm && named.length > 0 && named.every((draft) => draft.candidates.every((id) => asked.includes(id))) && !matches(u, DECLINE)) {
    return { intent: "ORDER", drafts: named.map((draft) => ({ ...draft })), unknown: [] };
  }
  // Everything is settled and Maya asked to confirm ("shall I pour a plain IPA instead?").
  // ("no, up then" to "want it the usual way instead?": the no declines the usual way, not the drink.)
  const madeOtherwise = reads.length > 0 && reads.every((read) => takes(read.modifier));
  if (!yes && !(confirm && (count !== null || reads.length > 0) && (!matches(u, DECLINE) || madeOtherwise))) return null;
  const updated = drafts.map((draft) => withModifiers(count !== null && drafts.length === 1 ? { ...draft, quantity: count } : draft, reads));
  return { intent: "ORDER", drafts: updated, unknown: [] };
}

/** "I'll have that, up", "make it up": "up" said right after the word that points at the drink. */
const POINTED_UP = / (it|that|this|them|those|these|one)( then| now| please| too| also)?( (perfect|dry|dirty|stirred|shaken))? up( please| then| thanks)? $/;
/** "of those", "of these": the drink just talked of, pointed at. */
const POINTED_AT = / of (those|these|that|them) /;

/** "make it two", "make that three": a count for the drink ordered. */
const COUNT_OF_IT = / make (it|that|this) /;
/** A yes said first: "sure, no twist then", "ok, without the ice". */
const AGREED_FIRST = /^ ((oh|well|ah|okay|ok) )?(sure|yes|yeah|yep|ok|okay|fine|alright|go on|that is fine|no problem)( then| yes| sure)? /;

/** A completed order that was asked about as a replacement pours as one ("make that a whiskey" -> "neat"). */
function asReplacement(answer: Understanding | null, replaces: readonly OrderLine[] | undefined): Understanding | null {
  if (!answer || answer.intent !== "ORDER" || !replaces || replaces.length === 0) return answer;
  return {
    intent: "REPLACE",
    target: { kind: "LINES", lines: [...replaces] },
    drafts: answer.drafts.map((draft) => ({ ...draft, quantitySaid: true })),
    unknown: answer.unknown,
  };
}

/**
 * Every drink asked about taken at once: "one of each", "two of each", "both" to "the Negroni or the
 * Manhattan?" (one line, either drink: that many of each), and "I'll have both", "all of them" to "a
 * Daiquiri and a Cosmopolitan come to $22.00. Shall I pour them?" (the lines offered, as offered).
 */
function everyDrinkAskedAbout(u: Utterance, drafts: readonly DraftLine[]): Understanding | null {
  // ("both neat" to "neat or on the rocks?" for a gin and a rum answers how, read as such.)
  if (u.order.drafts.length > 0 || u.order.unknown.length > 0 || modifiersSaid(u).length > 0) return null;
  const [asked, ...others] = drafts;
  if (!asked) return null;
  if (others.length > 0) return has(u, ...ALL_OFFERED) ? { intent: "ORDER", drafts: drafts.map((draft) => ({ ...draft })), unknown: [] } : null;
  if (asked.candidates.length < 2) return null;
  const eachAt = u.tokens.findIndex((token, at) => token === "each" && u.tokens[at - 1] === "of");
  const count = eachAt >= 2 ? readQuantity(u.tokens, eachAt - 2) : null;
  const both = asked.candidates.length === 2 && has(u, "both");
  if (!both && (count === null || count.length !== 1 || count.value < 1)) return null;
  const quantity = both ? 1 : (count?.value ?? 1);
  return { intent: "ORDER", drafts: asked.candidates.map((id) => ({ candidates: [id], category: null, quantity, modifiers: [...asked.modifiers], softModifiers: [] })), unknown: [] };
}

export function answerPending(u: Utterance, pending: PendingQuestion, index: MenuIndex): Understanding | null {
  if (pending.kind === "QUANTITY") {
    const answer = answerQuantity(u, pending.drafts, pending.draftIndex, pending.total === true);
    if (answer) return answer;
  } else if (pending.kind === "TIP_AMOUNT") {
    // "Say four dollars", "15", "a fiver" after "how much would you like to tip?".
    // ("ok 10 dollars then": the courtesy around the figure says nothing of it.)
    const figure = core(u).split(" ").filter((word) => word !== "");
    const unit = pending.inDollars === true && !figure.some((word) => AMOUNT_UNITS.has(word)) ? ["dollars"] : [];
    const asked = readTip(utteranceOf(["tip", ...figure, ...unit], index));
    if (asked && asked.tip !== null && u.order.drafts.length === 0) return { intent: "SET_TIP", ...asked };
  } else if (pending.kind === "TIP") {
    // "Yes", "ok add that", "put it on": the tip just quoted.
    if (isYes(u) || takesQuotedTip(core(u))) return { intent: "SET_TIP", tip: pending.tip, refusal: null };
    // "ok, do 18 then": another figure for the tip just quoted, of its kind (a percent or an amount).
    const figure = u.order.drafts.length === 0 && u.order.unknown.length === 0 ? countSaid(u) : null;
    if (figure !== null && Number.isInteger(figure) && figure >= 0) {
      return { intent: "SET_TIP", tip: "percent" in pending.tip ? { percent: figure } : { amountCents: figure * 100 }, refusal: null };
    }
  } else if (pending.kind === "REMOVE") {
    // "a neat IPA" names a drink to pour, not one to take off.
    if (modifiersSaid(u).length > 0 || matches(u, ORDER_VERB)) return null;
    if (has(u, ...ALL)) {
      const lines = pending.candidates.map((id) => ({ candidates: [id], category: null, quantity: pending.quantity, modifiers: [] }));
      return { intent: "REMOVE", target: { kind: "LINES", lines } };
    }
    const chosen = chooseCandidate(u, pending.candidates, index);
    if (chosen) {
      const lines = [{ candidates: [chosen], category: null, quantity: pending.quantity, modifiers: [] }];
      return { intent: "REMOVE", target: { kind: "LINES", lines } };
    }
  } else {
    // "cool, thanks" to "Want one?" after a price: thanks for the answer, no drink asked for.
    if (!pending.ordered && matches(u, THANKS_FOR_TELLING)) return { intent: "SMALL_TALK", topic: "ACKNOWLEDGE" };
    const every = everyDrinkAskedAbout(u, pending.drafts);
    if (every) return every;
    const answer = asReplacement(answerOrder(u, pending.drafts, pending.confirm, index), pending.replaces);
    if (answer) return answer;
  }
  return matches(u, DECLINE) && u.order.drafts.length === 0 ? { intent: "CANCEL", itemIds: [] } : null;
}
