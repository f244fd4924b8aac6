/**
 * Where one clause ends and the next begins. An utterance is cut at sentence
 * punctuation, at repair markers ("no wait", "I mean", "actually", "scratch
 * that"), at conjunctions ("but", "because", "if"), after a pause where a
 * question or a request starts ("too expensive, what about a beer?"), and
 * where a new subject starts a new clause after a verb ("...swears by
 * negronis I'll have a martini"); speech without punctuation is cut by the
 * words alone. A noun phrase is never cut from its relative clause ("the
 * brandy I had at dinner was lovely").
 */
import { matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import { readModifierAt } from "./modifiers.js";
import { REFERRING } from "./order-parser.js";
import { QUOTE_MARK, type Pause, type ReadText } from "./normalise.js";
import { AMOUNT_UNITS, readQuantity } from "./numbers.js";
import { NOT_A_COUNT } from "./entities.js";
import type { Tag } from "./tagging.js";

// ---------------------------------------------------------------------------
// Word lists

export const WH = new Set(["what", "which", "how", "who", "where", "why", "when", "whose"]);
export const AUX = new Set(["do", "does", "did", "is", "are", "was", "were", "can", "could", "would", "will", "should", "shall", "have", "has", "may", "might", "am"]);
const SUBJECT_PRONOUNS = new Set(["i", "we", "you", "he", "she", "they", "it", "there", "that", "this", "these", "those"]);
const POSSESSIVES = new Set(["my", "our", "his", "her", "their", "your"]);
const DEMONSTRATIVES = new Set(["that", "this", "these", "those"]);
/** What a guest tells the bartender not to do: "don't tell matron", "don't let him shake it". */
const DONT_VERBS = new Set(["go", "let", "tell", "say", "mention", "forget", "worry", "rush", "skimp", "spill", "charge", "bother", "judge", "look", "ask"]);
const SOMEONE = new Set(["someone", "somebody", "anyone", "anybody", "everyone", "everybody"]);
/** Pronouns that are only ever subjects. */
const NOMINATIVE = new Set(["i", "we", "he", "she", "they"]);
/** A verb (or an adverb before one) right after a subject: what makes a subject start a clause. */
const FINITE = new Set([
  "am", "are", "is", "was", "were", "will", "would", "have", "had", "has", "do", "did", "does", "can", "could", "should", "might",
  "may", "must", "want", "wants", "need", "needs", "like", "likes", "love", "loves", "think", "guess", "hate", "hates", "prefer",
  "drink", "drank", "drinks", "get", "take", "mean", "meant", "said", "wanted", "tried", "ordered", "used", "never", "always",
  "just", "really", "also", "only", "usually", "swear", "swears", "reckon", "wish", "feel", "fancy", "ll", "d",
]);
/** Words after which a subject does not start a new clause ("I think I'll have", "can I get"). */
const CLAUSE_TAKERS = new Set([
  "think", "guess", "know", "hope", "wish", "say", "said", "suppose", "bet", "believe", "mean", "meant", "wonder", "sure", "if",
  "when", "what", "that", "because", "so", "and", "or", "but", "then", "where", "how", "why", "who", "which", "whether", "than",
  "as", "like", "unless", "until", "before", "after", "while", "since", "maybe", "perhaps", ...AUX, "let", "me", "to", "for",
  "with", "about", "of", "reckon", "feel", "not", "wondering", "hoping", "saw", "heard", "told", "tell", "whenever", "once", "soon",
  "till", "til",
]);
const CONJUNCTIONS = new Set(["but", "because", "cause", "cuz", "although", "though", "unless", "whereas", "otherwise", "if", "while", "whether"]);
/** Commands that may follow "so" as a clause of their own: "so put 20% on it", "so make it a double". */
const SO_COMMANDS = new Set(["put", "add", "make", "give", "get", "pour", "bring", "leave", "throw", "stick", "close", "charge", "tip", "cancel", "take", "keep"]);
/** Times that open a clause of their own with a subject after them: "before I pick", "until we leave". */
const TIME_CONJUNCTIONS = new Set(["before", "until", "till", "once"]);
/** Words that start a clause without changing what it is ("oh", "okay", "so"). */

/** Words that say "a verb is here": a clause holding one is not a bare fragment. */
export const PREDICATES = new Set([
  "is", "are", "was", "were", "am", "be", "been", "had", "has", "have", "do", "does", "did", "drink", "drank", "drinks", "like",
  "drinking", "sipping", "ordering", "buying",
  "likes", "love", "loves", "hate", "hates", "want", "wants", "need", "needs", "will", "would", "can", "could", "should", "might",
  "get", "give", "bring", "make", "pour", "take", "think", "know", "looks", "look", "tastes", "taste", "sounds", "sound",
  "smells", "seems", "reminds", "makes", "order", "ordered", "tried", "used", "never", "not", "if", "what", "how", "which", "who",
  "why", "where", "when", "maybe", "later", "swear", "swears", "prefer", "remove", "cancel", "scratch", "ditch", "nix", "change", "add", "put", "pay",
  "tip", "check", "show", "tell", "let", "say", "said", "mean", "meant", "see", "saw", "heard", "go", "goes", "went", "come",
  "came", "try", "keep", "leave", "set", "bill", "tab", "balance", "menu", "price", "cost", "much", "afford", "enough",
  "recommend", "suggest", "something", "anything", "surprise", "hits", "slaps", "rules",
]);

/** Praise that reads like a complaint word by word ("can't get enough of", "not bad"). */

// ---------------------------------------------------------------------------
// Repair markers

/** UNDO takes back ("scratch that", "never mind"); REVISE says it again differently ("no wait", "I mean"). */
export type RepairCue = "UNDO" | "REVISE";
/** STRONG cues name a change ("make that", "I meant", "instead"); WEAK ones only hesitate ("actually", "sorry"). */
export type RepairStrength = "STRONG" | "WEAK";

export interface Marker {
  words: readonly string[];
  cue: RepairCue;
  strength: RepairStrength;
}

const MARKERS: readonly Marker[] = [
  ...[["scratch", "that"], ["scratch", "it"], ["never", "mind"], ["nevermind"], ["forget", "that"], ["forget", "it"], ["forget", "about", "it"],
    ["cancel", "that"], ["cancel", "it"], ["undo", "that"], ["undo", "it"], ["undo"]].map((words) => ({ words, cue: "UNDO" as const, strength: "WEAK" as const })),
  ...[["make", "that"], ["make", "it"], ["make", "those"], ["make", "them"], ["change", "that"], ["change", "it"], ["switch", "that"],
    ["switch", "it"], ["i", "mean"], ["i", "meant"], ["i", "said"], ["i", "wanted"], ["i", "asked", "for"], ["correction"]].map((words) => ({ words, cue: "REVISE" as const, strength: "STRONG" as const })),
  ...[["no", "wait"], ["oh", "wait"], ["wait"], ["hold", "on"], ["hang", "on"], ["hold", "up"], ["hang", "about"], ["sorry"], ["actually"], ["or", "rather"], ["on", "second", "thought"],
    ["on", "second", "thoughts"], ["oops"], ["my", "bad"], ["my", "mistake"], ["no"]].map((words) => ({ words, cue: "REVISE" as const, strength: "WEAK" as const })),
];

/** The markers by their first word: most words start none, so most positions cost one look-up. */
const MARKERS_BY_FIRST_WORD: ReadonlyMap<string, readonly Marker[]> = (() => {
  const byFirst = new Map<string, Marker[]>();
  for (const marker of MARKERS) {
    const first = marker.words[0] as string;
    byFirst.set(first, [...(byFirst.get(first) ?? []), marker]);
  }
  return byFirst;
})();

// ("three cosmos at the last place": where the guest drank before.)
export const PAST_TIME = / (yesterday|last (night|time|week|weekend|year|month|summer|winter|friday|saturday|sunday)|earlier|ago|the other (night|day)|back in|when i was|in college|once|at lunch|at dinner|at the wedding|this morning|at the (last|previous|other|first) (place|bar|pub|club|spot|stop|one)) /;

/** Words that are a question's verb already: "actually" after them may start a correction. */
const VERB_LIKE = new Set(["have", "want", "get", "take", "need", "like", "order", "make", "know", "think"]);

/** Words after which a cue's verb is the verb of a clause: "so I can forget about it", "want to cancel that". */
const VERB_TAKERS = new Set(["can", "could", "to", "will", "would", "should", "might", "must", "i", "we", "you", "he", "she", "they", "gonna", "cannot", "never"]);
/** Verbs of the past: a clause after a cue holding one tells what happened ("the martini I had was..."). */
const PAST_VERBS = new Set(["had", "was", "were", "did", "drank", "ordered", "got"]);

/** A past verb comes after `position`, before the next pause. */
function tellsThePast(tokens: readonly string[], position: number, pauses: readonly Pause[]): boolean {
  for (let at = position; at < tokens.length; at += 1) {
    if (at > position && (pauses[at] ?? "NONE") !== "NONE") return false;
    if (PAST_VERBS.has(tokens[at] as string)) return true;
  }
  return false;
}

/** Words after which "wait" is a verb: "I'll wait", "we can wait", "happy to wait". */
const WAITERS = new Set(["not", "to", "can", "could", "you", "i", "we", "he", "she", "they", "will", "would", "should", "must", "might", "gonna", "just", "better", "happy", "cannot"]);

/** Words of an order from `from` to the next pause: a drink, a count, a serving, or a word that goes on with the order. */
function namesOrderWordsFrom(tokens: readonly string[], from: number, pauses: readonly Pause[], index: MenuIndex): boolean {
  if (ORDER_CONTINUERS.has(tokens[from] ?? "")) return true;
  for (let at = from; at < tokens.length && (at === from || pauses[at] === "NONE"); at += 1) {
    if (drinkNamedFrom(tokens, at, index) || readQuantity(tokens, at) !== null || namesServingAt(tokens, at)) return true;
  }
  return false;
}
/** Verbs of wanting or asking in any person: a clause holding one may still be about the order ("my husband wants it cold"). */
const WANTING_WORDS = new Set([...VERB_LIKE, "wants", "needs", "likes", "gets", "takes", "makes", "has", "having", "getting", "fancy", "fancies", "prefer", "prefers", "rather", "instead", "it", "one", "them", "those", "that", "please"]);

/** Talk after an order, up to the next pause: no word of an order, and no word of wanting or pointing back at it. */
function talksAfterTheOrder(tokens: readonly string[], from: number, pauses: readonly Pause[], index: MenuIndex): boolean {
  if (namesOrderWordsFrom(tokens, from, pauses, index) || COMMANDS.has(tokens[from] ?? "") || POUR_COMMANDS.has(tokens[from] ?? "")) return false;
  const end = nextPause(pauses, from, tokens.length);
  return tokens.slice(from, end).every((word) => !WANTING_WORDS.has(word));
}

/** Where the next pause after `from` is (or the end). */
function nextPause(pauses: readonly Pause[], from: number, length: number): number {
  for (let at = from + 1; at < length; at += 1) if ((pauses[at] ?? "NONE") !== "NONE") return at;
  return length;
}
const ORDER_CONTINUERS = new Set(["the", "a", "an", "one", "with", "for", "and", "in", "no", "not", "make", "and", "plus", "also", "same", "another", "both", "each", "extra"]);

/**
 * A serving word at `at`, or "single(s)", which says the spirit is no double ("two double whiskeys neat,
 * sorry, singles"; "a single malt" is a whisky).
 */
function namesServingAt(tokens: readonly string[], at: number): boolean {
  const word = tokens[at];
  return readModifierAt(tokens, at) !== null || ((word === "single" || word === "singles") && tokens[at + 1] !== "malt");
}

/** Words right after a cue that carry a correction: a drink, a count, a serving, or a verb of changing. */
function correctsSomething(tokens: readonly string[], from: number, index: MenuIndex): boolean {
  for (let at = from; at < Math.min(tokens.length, from + 4); at += 1) {
    const word = tokens[at] as string;
    if (drinkNamedFrom(tokens, at, index) || readQuantity(tokens, at) !== null || namesServingAt(tokens, at) || CORRECTING_WORDS.has(word)) return true;
  }
  return false;
}
const CORRECTING_WORDS = new Set(["make", "change", "switch", "swap", "i", "we", "he", "she", "that", "it", "not", "no", "scratch", "cancel", "instead", "meant", "mean", "one", "just", "only"]);

/** The word after "no one" is its verb: an auxiliary, or a verb in the third person ("drinks", "likes"), no drink. */
function isNobodysVerb(tokens: readonly string[], position: number, index: MenuIndex | null): boolean {
  const word = tokens[position];
  if (word === undefined) return false;
  if (AUX.has(word) || FINITE.has(word) || ["ever", "really", "else", "here", "there"].includes(word)) return true;
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && (index === null || matchMenuAt(tokens, position, index) === null);
}

/** Asking the bartender to do something: "can you", "could you please". */
const ASKING_YOU: ReadonlySet<string> = new Set(["can", "could", "would", "will"]);

/** Where the asking before `position` starts ("can you | make it two", "could you please | make..."), or `position`. */
export function askedFrom(tokens: readonly string[], position: number): number {
  const polite = tokens[position - 1] === "please" ? 1 : 0;
  return tokens[position - 1 - polite] === "you" && ASKING_YOU.has(tokens[position - 2 - polite] ?? "") ? position - 2 - polite : position;
}

export function markerAt(tokens: readonly string[], position: number, pauses: readonly Pause[], index: MenuIndex, afterCue = false): Marker | null {
  for (const marker of MARKERS_BY_FIRST_WORD.get(tokens[position] ?? "") ?? []) {
    if (!marker.words.every((word, offset) => tokens[position + offset] === word)) continue;
    const after = position + marker.words.length;
    const next = tokens[after];
    const previous = tokens[position - 1];
    if (marker.words[0] === "no" && marker.words.length === 1) {
      // "no, a vodka", "no two", "no make it": a correction; "no ice", "no more", "no thanks" are not.
      const paused = (pauses[after] ?? "NONE") !== "NONE" && next !== undefined;
      const corrects =
        next !== undefined &&
        (["wait", "make", "sorry", "i", "he", "she", "they"].includes(next) ||
          (readQuantity(tokens, after) !== null && next !== "more") ||
          // "two martinis, no, just one", "wait no, just the one"
          ((next === "just" || next === "only") && readQuantity(tokens, tokens[after + 1] === "the" ? after + 2 : after + 1) !== null));
      // "a whiskey, neat, no, on the rocks": a serving said again after a pause.
      // "actually, no, the old fashioned": a drink said again after a pause is the new version.
      if (!corrects && !(paused && (namesServingAt(tokens, after) || drinkNamedFrom(tokens, after, index)))) continue;
      if (next === "thanks" || next === "thank") continue;
      // "no one drinks a proper lager anymore", "no one is driving": nobody, the subject of a verb.
      if (next === "one" && (pauses[after + 1] ?? "NONE") === "NONE" && isNobodysVerb(tokens, after + 1, index)) continue;
      // "nah I won't have a long island": a no, then what the guest will not have; nothing is corrected.
      if (["i", "he", "she", "they"].includes(next ?? "") && tokens.slice(after + 1, after + 4).some((word) => word === "not" || word === "never")) continue;
    }
    // "Hi, sorry, long day. Martini.": an apology, no correction, when nothing drink-like follows it.
    // ("just the one, sorry": said after the correction, it is still the cue.)
    if (marker.words.length === 1 && marker.words[0] === "sorry" && after < tokens.length && !correctsSomething(tokens, after, index) && !correctsSomething(tokens.slice(0, position), 0, index)) continue;
    if (marker.words[0] === "actually" || marker.words[0] === "sorry") {
      // "I'd actually like", "I'm sorry": an adverb, not a correction.
      // ("I've never actually tried a manhattan": after "never", "have" or "had" too.)
      if (previous !== undefined && ["i", "we", "would", "will", "am", "is", "are", "do", "did", "really", "you", "so", "not", "it", "that", "this", "they", "he", "she", "was", "were", "does", "never", "have", "has", "had", "just", "there", "here"].includes(previous)) continue;
      // "do people actually still order...", "does the long island actually have tea in it": inside a
      // question whose verb is still to come, or before another adverb.
      // ("wait, do people actually drink tequila neat?": the question may open after an interjection.)
      let asking = 0;
      while (asking < position && INTERJECTIONS.has(tokens[asking] as string)) asking += 1;
      if (previous !== undefined && AUX.has(tokens[asking] as string) && !tokens.slice(asking + 1, position).some((word) => VERB_LIKE.has(word)) && !pauses.slice(asking + 1, position + 1).some((pause) => pause !== "NONE")) continue;
      if (next !== undefined && ["still", "even", "ever", "never", "really", "not"].includes(next)) continue;
    }
    // "a daiquiri so I can forget about it", "I want to cancel that": the verb of a clause, not a cue.
    if (marker.cue === "UNDO" && previous !== undefined && VERB_TAKERS.has(previous)) continue;
    // ("perfect, if you know how to make it that way": an infinitive, the verb of its clause, not a cue.)
    if (marker.strength === "STRONG" && previous === "to" && tokens[position - 2] === "how") continue;
    // "wait, the martini I had earlier was only thirteen bucks?": what follows tells, it corrects nothing.
    // ("never mind, they already got drinks": a reason after taking it back still takes it back.)
    if (marker.strength === "WEAK" && marker.cue !== "UNDO" && marker.words[0] !== "no" && tellsThePast(tokens, after, pauses)) continue;
    // "I'll wait for my friends", "we can wait until they get here": the verb, not a correction.
    if (marker.words[0] === "wait" && previous !== undefined && WAITERS.has(previous)) continue;
    if (marker.words[0] === "wait" && (pauses[after] ?? "NONE") === "NONE" && ["for", "until", "till", "til", "on"].includes(next ?? "") && position > 0) continue;
    if (marker.words[0] === "i" && marker.words[1] !== "mean") {
      // "I wanted a martini last night" tells the past; "I said", "I wanted" right after an order correct it.
      const rest = ` ${tokens.slice(after).join(" ")} `;
      // ("I said I'd buy Sue a daiquiri if...": a promise reported, nothing corrected.)
      if (PAST_TIME.test(rest) || next === "to" || (next === "i" && ["would", "will"].includes(tokens[after + 1] ?? ""))) continue;
      if (!tokens.slice(after).some((_, offset) => matchMenuAt(tokens, after + offset, index) !== null)) continue;
    }
    if ((marker.words[0] === "make" || marker.words[0] === "change" || marker.words[0] === "switch") && position > 0 && !afterCue) {
      // Mid-utterance "make it two" corrects only when something was ordered before it.
      const before = tokens.slice(0, position);
      const named = before.some((_, offset) => matchMenuAt(before, offset, index) !== null || readQuantity(before, offset) !== null);
      if (!named) continue;
    }
    if (marker.words[0] === "undo" && marker.words.length === 1 && next !== undefined && next !== "that" && next !== "it") continue;
    return marker;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Segmentation

/** What someone did with a drink, said right after it: "the IPA I had", "the martini she ordered". */
const HAD = new Set(["had", "drank", "ordered", "got", "tried", "bought", "finished", "spilled", "spilt"]);
/** Words after which "there" says where: "over there", "out there", "up there". */
const PLACE_BEFORE_THERE = new Set(["over", "out", "up", "down", "in", "back", "right", "from", "sitting", "standing"]);

function subjectStartsAt(tokens: readonly string[], position: number, tags: readonly Tag[] | null = null): boolean {
  const token = tokens[position];
  const next = tokens[position + 1];
  if (token === undefined || next === undefined) return false;
  // ("... out there can I get a gin": "there" ends the clause before; "can I" asks.)
  if (token === "there" && AUX.has(next) && SUBJECT_PRONOUNS.has(tokens[position + 2] ?? "")) return false;
  // ("the pilot sitting over there said...": "there" after a word of place says where, no subject.)
  if (token === "there" && PLACE_BEFORE_THERE.has(tokens[position - 1] ?? "")) return false;
  // ("he drinks those fancy old fashioneds": a demonstrative and a word before a noun make a noun phrase.)
  const describes = DEMONSTRATIVES.has(token) && tags !== null && (tags[position + 2] === "NOUN" || tags[position + 2] === "PROPN") && tags[position + 1] !== "VERB";
  if (SUBJECT_PRONOUNS.has(token) && FINITE.has(next) && !describes) return true;
  // "..., no one drinks a proper lager anymore", "nobody wants the IPA": nobody, and its verb.
  if ((token === "nobody" || (token === "no" && next === "one")) && isNobodysVerb(tokens, position + (token === "no" ? 2 : 1), null)) return true;
  // "cancel the negronis they went home": a pronoun only a subject can be, and a verb after it.
  if (NOMINATIVE.has(token) && tags !== null && VERB_TAGS.has(tags[position + 1] as Tag)) return true;
  // "my friend will have", "her favorite is"
  if (POSSESSIVES.has(token) && tokens[position + 2] !== undefined && FINITE.has(tokens[position + 2] as string)) return true;
  return false;
}

function opensClause(tokens: readonly string[], position: number, tags: readonly Tag[] | null): boolean {
  const token = tokens[position] as string;
  const next = tokens[position + 1];
  if (WH.has(token) && next !== undefined) return true;
  // (", and could someone wake me at 6": anyone asked.)
  if (AUX.has(token) && next !== undefined && (SUBJECT_PRONOUNS.has(next) || POSSESSIVES.has(next) || next === "the" || SOMEONE.has(next))) return true;
  // ("... and don't let Eddie tell you to shake it", "and don't tell matron": a command not to, to the bartender.)
  if (token === "do" && next === "not" && DONT_VERBS.has(tokens[position + 2] ?? "")) return true;
  return subjectStartsAt(tokens, position) || (tags !== null && taggedSubjectStartsAt(tokens, tags, position));
}

const VERB_TAGS: ReadonlySet<Tag> = new Set(["VERB", "AUX"]);
/** Words a bare order may end with before the next clause starts: "a water for me", "two IPAs please". */
const BARE_ORDER_ENDS = new Set(["me", "us", "him", "her", "them", "please", "thanks", "too", "mate", "buddy"]);
/** Words of assent or surprise said before a clause: "and yes, we did", "and oh, she's here". */
const ASSENTS = new Set(["yes", "yeah", "yep", "oh", "well", "honestly", "no"]);
/** Words that close a thought in speech and may start the next one: "ha ok two more IPAs". */
const DISCOURSE_MARKERS = new Set(["ok", "okay", "alright", "anyway", "anyways", "yeah"]);
/** Commands that pour, said with whom for: "give me", "get us", "pour me". */
const POUR_COMMANDS = new Set(["give", "get", "bring", "pour", "grab", "hand", "fix", "make", "gimme", "send", "let"]);
/** Whom a command to pour may be for: "give me", "send her", "get them". */
const RECIPIENTS = new Set(["me", "us", "him", "her", "them"]);
/** Words that put off or hedge what follows them: "and then maybe a negroni later". */
const HEDGES = new Set(["maybe", "perhaps", "probably", "later", "possibly"]);
/** Parts of speech a subject is made of: "my lucky number", "the guy at the end", "she". */
const SUBJECT_TAGS: ReadonlySet<Tag> = new Set(["DET", "PRON", "ADJ", "NOUN", "PROPN"]);
const LONGEST_SUBJECT = 4;
const BETWEEN_SUBJECT_AND_VERB = new Set(["nearly", "almost", "just", "really", "totally", "actually", "finally", "already", "basically", "literally", "absolutely", "still", "even"]);

/**
 * A subject and its verb start here, as the tagger reads them ("my lucky number is 7", "the guy
 * next to me wants..."): a noun or a pronoun, then a verb within a few words. A drink is not a
 * subject here: "a cosmo, dirty" has no verb, and "two IPAs, the lager is great" names a drink
 * first, which the rules on drinks read.
 */
function taggedSubjectStartsAt(tokens: readonly string[], tags: readonly Tag[], position: number): boolean {
  let nominal = false;
  let longest = LONGEST_SUBJECT;
  for (let at = position; at < tokens.length && at < position + longest + 1; at += 1) {
    // ("right now, that first act was brutal": after a pause, "that" opens its noun phrase, whatever
    // the tagger made of "now that" read as one conjunction.)
    const tag = at === position && tags[at] === "SCONJ" && (tokens[at] === "that" || tokens[at] === "this") ? "DET" : (tags[at] as Tag);
    if ((tag === "VERB" || tag === "AUX") && nominal) return true;
    // "Mark not drinking", "he never drinks": a negation between the subject and its verb.
    if (nominal && (tokens[at] === "not" || tokens[at] === "never")) continue;
    // ("chapter 9 nearly killed me": an adverb between the subject and its verb.)
    // ("we actually read the book": after a pronoun too.)
    if (nominal && BETWEEN_SUBJECT_AND_VERB.has(tokens[at] as string) && (at > position + 1 || tags[position] === "PRON")) continue;
    // "the draught from the door is freezing": a noun and the phrase that places it, then its verb.
    if (nominal && tag === "ADP" && SUBJECT_TAGS.has(tags[at + 1] as Tag) && longest === LONGEST_SUBJECT) {
      longest += 3;
      continue;
    }
    // ("the other two went to bed": a number after a determiner is who is meant.)
    // ("finest one I've had": "one" stands for a drink there, not for people.)
    if (tag === "NUM" && tokens[at] !== "one" && at > position && (tags[at - 1] === "DET" || tokens[at - 1] === "other")) {
      nominal = true;
      continue;
    }
    // ("page 212 made me cry": a noun and its number are one subject.)
    if (!SUBJECT_TAGS.has(tag) && !(nominal && (tag === "NUM" || tokens[at] === NOT_A_COUNT))) return false;
    if (tag === "NOUN" || tag === "PROPN" || tag === "PRON") nominal = true;
  }
  return false;
}

/** Whether the token at `position` is a verb (outside a drink's name, where "fashioned" is not one). */
function isPredicateAt(tokens: readonly string[], position: number, inDrink: readonly boolean[]): boolean {
  const token = tokens[position] as string;
  if (inDrink[position]) return false;
  if (PREDICATES.has(token) || FINITE.has(token) || INFLECTED_VERB.test(token)) return true;
  return token.endsWith("s") && position > 0 && SUBJECT_LIKE.has(tokens[position - 1] as string);
}

const INFLECTED_VERB = /[a-z]{3,}(ed|es)$/;

/** Whether `word` is said in tokens[from, to) (no slice of the tokens made for it). */
function saidBetween(tokens: readonly string[], from: number, to: number, word: string): boolean {
  for (let at = from; at < to; at += 1) if (tokens[at] === word) return true;
  return false;
}

/** Whether any of `words` is said in tokens[from, to). */
function anyBetween(tokens: readonly string[], from: number, to: number, words: ReadonlySet<string>): boolean {
  for (let at = from; at < to; at += 1) if (words.has(tokens[at] as string)) return true;
  return false;
}

/** How many tokens before each position pass `test`: any range is then counted in one subtraction. */
function runningCount(length: number, test: (position: number) => boolean): number[] {
  const counts = new Array<number>(length + 1);
  counts[0] = 0;
  for (let position = 0; position < length; position += 1) counts[position + 1] = (counts[position] as number) + (test(position) ? 1 : 0);
  return counts;
}
const SUBJECT_LIKE = new Set(["he", "she", "it", "sister", "brother", "friend", "wife", "husband", "boss", "mom", "dad", "everyone", "nobody", "someone"]);


/** Pronouns that open a relative clause about a person: "the lads who hate lager". */
export const RELATIVE_WHO = new Set(["who", "whom", "whose"]);
/** Verbs that start a second request after "and" ("...and add a negroni", "...and bring me a water"). */
const SECOND_REQUEST = new Set(["add", "bring", "pour", "put", "order", "give", "get", "grab", "remove", "take", "cancel", "drop", "have", "make", "keep"]);
/** Words that approve when said alone before a pause ("perfect, pour me one"); "perfect" also names a serving. */
const APPROVALS = new Set(["perfect", "great", "lovely", "excellent", "brilliant", "awesome", "fantastic"]);
const NEGATORS = new Set(["not", "no", "never", "nothing", "none"]);
const REQUEST_STARTS = new Set([
  "just", "another", "one", "two", "three", "four", "five", "same", "please", "give", "get", "bring", "pour", "make", "hit",
  "let", "can", "could", "refill", "instead", "only", "a", "an", "send", "start",
  // The bar's commands: "that was for the wrong group, clear it all".
  "clear", "cancel", "remove", "take", "scratch", "drop", "add", "put", "change", "switch", "swap", "close", "settle", "knock", "lose", "ditch",
]);

/** Parts of speech after which a noun phrase is the object of what came before ("she bought me a negroni", "what's in a martini"). */
/** Participles that take the drink after them as their object, whatever the tagger calls them ("someone drinking a long island"). */
const TAKING_PARTICIPLES = new Set(["drinking", "having", "ordering", "sipping", "nursing", "holding", "enjoying", "getting", "buying", "pouring", "mixing", "making", "downing", "finishing"]);
const ATTACHING_TAGS: ReadonlySet<Tag> = new Set(["VERB", "AUX", "ADP", "DET", "PRON", "PART", "CCONJ", "SCONJ", "NUM"]);
/** Parts of speech a noun phrase ends with before its noun ("my birthday", "a long week"). */
/** Words that keep an order to so many, or to one drink: "just one", "only the lager". */
const RESTRICTING = new Set(["just", "only"]);
/** A plain no, said before the new version: "no only the one". */
const NOES = new Set(["no", "nah", "nope"]);

/**
 * Where "not" stands when tokens[from, to) end with "not", a count, and at most the drink it counts ("not two",
 * "not three IPAs"), or null.
 */
function refusedCountAt(tokens: readonly string[], from: number, to: number, inDrink: readonly boolean[]): number | null {
  const negation = tokens.lastIndexOf("not", to - 1);
  const count = negation < from ? null : readQuantity(tokens, negation + 1);
  if (count === null || negation + 1 + count.length > to) return null;
  for (let at = negation + 1 + count.length; at < to; at += 1) if (!inDrink[at]) return null;
  return negation;
}
// A name the tagger may call an adjective ("becky").
const NAMING_TAGS: ReadonlySet<Tag> = new Set(["NOUN", "PROPN", "ADJ"]);
const NOUN_PHRASE_TAGS: ReadonlySet<Tag> = new Set(["DET", "PRON", "ADJ", "NOUN", "NUM", "PROPN"]);
/** The bar's commands, said with no subject. */
/** Commands that take a drink back, and what they take: "scratch the daiquiri", "cancel those IPAs". */
const TAKING_BACK = new Set(["scratch", "cancel", "drop", "lose", "ditch", "forget", "remove", "nix", "skip"]);
const TAKEN_BACK_OBJECTS = new Set(["the", "that", "those", "these", "my", "our", "his", "her", "their"]);
/** Sounds said before a command after a pause: "oh", "um", "wait". */
const INTERJECTIONS = new Set(["oh", "um", "uh", "ah", "er", "erm", "hmm", "wait", "actually", "no", "sorry"]);
/** Particles a command takes before its object: "take back", "knock off", "send back". */
const COMMAND_PARTICLES = new Set(["back", "off", "out", "away"]);
const COMMANDS = new Set(["take", "wipe", "cancel", "remove", "add", "scratch", "knock", "clear", "drop", "pour", "bring", "grab", "put", "give", "get", "make", "send", "close", "settle"]);
/** Words that stand before a verb in the clause it belongs to ("please take", "just add"). */
const BEFORE_A_VERB = new Set(["please", "just", "also", "kindly", "me", "us", "not", "to", "and", "or", "then", "now", "could", "would", "you"]);
/** Words between a count and its drink ("one last iced tea", "a quick gin", "fifty long islands"). */
const BEFORE_A_DRINK = new Set(["last", "quick", "more", "less", "fewer", "cold", "nice", "large", "small", "big", "double", "extra", "of", "the", "round"]);

/** A count (or "a") starts a drink's noun phrase here: the drink follows within a few words. */
function countsADrinkAt(tokens: readonly string[], position: number, index: MenuIndex): boolean {
  if (readQuantity(tokens, position) === null) return false;
  const length = readQuantity(tokens, position)?.length ?? 1;
  for (let at = position + length; at < position + length + 3 && at < tokens.length; at += 1) {
    if (matchMenuAt(tokens, at, index)) return true;
    if (!BEFORE_A_DRINK.has(tokens[at] as string) && !readModifierAt(tokens, at)) return false;
  }
  return false;
}

const NAMED_VERBS = new Set(["wants", "needs", "has", "says", "will", "would", "is", "gets", "takes", "likes"]);

/** Where the drink's name that ends right before `position` starts ("only one cosmo | mike wants"), or null. */
function startOfDrinkEndingAt(tokens: readonly string[], position: number, index: MenuIndex): number | null {
  for (let start = Math.max(0, position - 3); start < position; start += 1) {
    if (start + (matchMenuAt(tokens, start, index)?.length ?? 0) === position) return start;
  }
  return null;
}
const DEFINITE_OWNERS = new Set(["the", "this", "that", "my", "your", "our", "his", "her", "their"]);

/** What may be asked for about a drink instead of the drink: "the name of", "the recipe", "the story behind". */
export const WORDS_ABOUT = new Set([
  "name", "names", "recipe", "recipes", "story", "history", "secret", "spec", "specs", "ingredients", "details", "origin", "photo", "picture", "lowdown", "rundown", "scoop",
  // "can I get your opinion on the negroni versus the manhattan": a view of the drinks, asked for.
  "opinion", "opinions", "thoughts", "view", "views", "verdict", "advice", "input", "recommendation", "recommendations",
]);

/** A name ("mike", "sarah") as the subject of a verb in the third person ("mike wants"). */
function isNameAt(tokens: readonly string[], tags: readonly Tag[], position: number, index: MenuIndex): boolean {
  const name = tokens[position] as string;
  const verb = tokens[position + 1] ?? "";
  // A noun with no determiner or adjective before it, doing something in the third person, is someone's name.
  // (After a noun that names no drink it is the end of a compound: "a penalty kick is a terrible idea".)
  // (After "the" and a drink, it is what the drink names: "the IPA craze is over"; after a preposition, its object: "at lunch".)
  const drinkStart = startOfDrinkEndingAt(tokens, position, index);
  // ("Bond's vodka martini recipe is in chapter 7": what is told of a drink, right after it, is no one's name.)
  const compound = (tags[position - 1] === "NOUN" || tags[position - 1] === "PROPN") && (drinkStart === null || DEFINITE_OWNERS.has(tokens[drinkStart - 1] as string) || WORDS_ABOUT.has(name));
  const bare = !["DET", "ADJ", "PRON", "ADP"].includes(tags[position - 1] as Tag) && !POSSESSIVES.has(tokens[position - 1] as string) && !compound;
  return (tags[position] === "PROPN" || tags[position] === "NOUN") && bare && NAMED_VERBS.has(verb) && !SUBJECT_LIKE.has(name) && matchMenuAt(tokens, position, index) === null;
}

/** Verbs in the past said without "-ed": "forgot", "came", "showed up" is regular. */
const IRREGULAR_PAST = new Set(["broke", "fell", "froze", "sank", "shut", "forgot", "came", "got", "went", "left", "ran", "saw", "said", "told", "took", "found", "brought", "thought", "rocked", "turned", "knew", "met", "sat", "woke", "drove", "flew", "rang", "wrote", "felt", "lost", "won"]);
const TELLING_ADVERBS = new Set(["just", "also", "already", "finally", "totally", "completely", "only"]);

/**
 * A clause that tells something in the past starts here: a past verb with no subject ("forgot about
 * kev") or after a name or a pronoun and an adverb ("greg just showed up", "she finally got here").
 */
function tellsWhyAt(tokens: readonly string[], tags: readonly Tag[], position: number, index: MenuIndex): boolean {
  let at = position;
  // ("five, more lads just turned up", "three, my two line cooks are here": the subject may have
  // words before its noun, and two nouns.)
  if (SUBJECT_DETERMINERS.has(tokens[at] as string)) at += 1;
  if (tags[at] === "NUM" && at > position) at += 1;
  const nounStart = at;
  // ("the whole softball team just walked in", "the whole soccer team's flight got cancelled": up to four words,
  // describing ones among them.)
  const nounOf = (from: number): number => {
    let end = from;
    while (end < from + 4 && (tags[end] === "PROPN" || tags[end] === "NOUN" || tags[end] === "PRON" || (tags[end] === "ADJ" && tags[end + 1] === "NOUN")) && !matchMenuAt(tokens, end, index)) end += 1;
    return end;
  };
  at = nounOf(nounStart);
  // ("the whole of ward 5 is on its way", "the rest of the team are here": a part of a group is the subject all the same.)
  const of = tokens[at] === "of" && at > nounStart ? at : GROUP_PARTS.has(tokens[at] as string) && tokens[at + 1] === "of" ? at + 1 : -1;
  if (of >= 0) {
    const groupStart = SUBJECT_DETERMINERS.has(tokens[of + 1] as string) ? of + 2 : of + 1;
    const groupEnd = nounOf(groupStart);
    if (groupEnd > groupStart) at = groupEnd + (tags[groupEnd] === "NUM" ? 1 : 0);
  }
  if (at === nounStart && nounStart > position) return false;
  while (TELLING_ADVERBS.has(tokens[at] as string)) at += 1;
  const verb = tokens[at] as string | undefined;
  if (verb === undefined || matchMenuAt(tokens, at, index) || readModifierAt(tokens, at)) return false;
  // ("... are here", "... is coming": where they are, told.)
  if (at > nounStart && BEING.has(verb) && PLACE_WORDS.has(tokens[at + 1] as string)) return true;
  // ("no wait three, Posh wants one too": someone wanting one of the drinks counted, told.)
  if (at > nounStart && WANTING_ONE.has(verb) && ONE_OF_THEM.has(tokens[at + 1] as string)) return true;
  // ("seven, Dave's back": a name, its "'s" read as whose, then where they are, and nothing more.)
  if (at <= nounStart + 1 && ARRIVED.has(tokens[nounStart + 1] as string) && tokens[nounStart + 2] === undefined) return true;
  // ("make that five, Tony's not drinking", "three, Sue doesn't drink", "two, he's driving": what they are doing, or
  // not, told; a name the tagger does not know as a noun is the subject all the same.)
  if (doingOrNotAt(tokens, tags, at > nounStart ? at : nounStart + 1)) return true;
  return tags[at] === "VERB" && (IRREGULAR_PAST.has(verb) || (/[a-z]{2,}ed$/.test(verb) && verb !== "need"));
}

const WANTING_ONE = new Set(["wants", "want", "needs", "fancies"]);
const ONE_OF_THEM = new Set(["one", "some", "it", "them", "that"]);
/** Words for a part of a group, said before "of": "the whole of ward 5", "the rest of the lads". */
const GROUP_PARTS = new Set(["whole", "rest", "most", "half", "all", "some", "lot"]);
/** Verbs whose object may be a title, a song's or a show's: "they're doing Take Five next", "play Pour Me Another". */
const TITLE_TAKERS = new Set(["doing", "play", "plays", "playing", "played", "sing", "sings", "singing", "sang", "covering", "performing", "called", "named", "titled", "hear", "hearing"]);
const BEING = new Set(["is", "are", "was", "were"]);
/** Where someone just arrived is: "back", "here". */
const ARRIVED = new Set(["back", "here"]);
const DOING = new Set(["does", "do", "did"]);

/** "is (not) drinking", "does not drink": at `at`, what the subject before is doing, or not. */
function doingOrNotAt(tokens: readonly string[], tags: readonly Tag[], at: number): boolean {
  const verb = tokens[at] ?? "";
  const negated = tokens[at + 1] === "not" ? 1 : 0;
  if (BEING.has(verb)) return tags[at + 1 + negated] === "VERB" && /[a-z]{2,}ing$/.test(tokens[at + 1 + negated] ?? "");
  return DOING.has(verb) && negated === 1 && tokens[at + 2] !== undefined;
}
/** Where people have got to: "are here", "is outside", "are coming". */
const PLACE_WORDS = new Set(["here", "there", "outside", "back", "coming", "in", "late", "early", "arriving", "on"]);
/** Verbs whose second object is a drink: "got everyone a martini", "buy the table a round". */
const GIVING_VERBS = / (got|get|gets|getting|buy|bought|buys|buying|order|ordered|bring|brought|pour|poured|give|gave|treat|treated|stand|stood) /;
/** "I'm buying the whole row a pint": a giving verb, then whom for, then the drink, its second object. */
const GIVING_TO_SOMEONE = / (buying|buy|bought|getting|got|get) (the|my|our|his|her|their|everyone|everybody|us|him|them|me|you) /;
/** "the reviewer called my prose a dry martini": a verb of naming, its thing, then what it is called. */
const NAMING_SOMETHING = / (call|calls|called|name|named|nickname|nicknamed|dubbed|dub) (the|my|our|his|her|their|it|him|them|me|us|this|that) /;
/** Conjunctions that make the clause they open a subordinate one ("if I got everyone a martini"). */
const SUBORDINATORS = new Set(["if", "when", "because", "cause", "although", "though", "unless", "since"]);

/**
 * What was said so far in the clause (padded) gives a drink to someone (inside a condition, or bought
 * for someone) or names something: the drink after it is the verb's object, no bare order.
 */
function givesOrNames(said: string, subordinate: boolean): boolean {
  return ((subordinate || GIVING_TO_SOMEONE.test(said)) && GIVING_VERBS.test(said)) || NAMING_SOMETHING.test(said) || MAKING_UNITS.test(said) || OWING_SOMEONE.test(said);
}
/** "the loser owes the table a round", "you owe me a pint": a debt, its second object the drink owed. */
// ("... owes the whole room a round of tap beers": whom it is owed to may take a few words.)
const OWING_SOMEONE = / (owe|owes|owed|owing) (the|my|our|his|her|their|everyone|everybody|us|him|them|me|you|\w+)( \w+){0,2} $/;
/** "make one of the dirty ones", "turn the dry one": some of the drinks poured, then what they become. */
const MAKING_UNITS = / (make|turn|change|switch|swap) (one|two|three|both|either|the (\w+ )?one|that one|this one) (of (the|those|these|them|my|our|his|her)( \w+){0,2} )?$/;
/** Words a subject may open with: "more lads", "my mate", "the others". */
const SUBJECT_DETERMINERS = new Set(["more", "the", "my", "our", "his", "her", "their", "some", "two", "three", "a", "another"]);

/** A drink is named at `position`, after at most a determiner, a count or how it is made ("the negroni", "two IPAs", "double whiskey"). */
function drinkNamedFrom(tokens: readonly string[], position: number, index: MenuIndex): boolean {
  if (matchMenuAt(tokens, position, index) || madeThenNamedAt(tokens, position, index)) return true;
  return (["the", "a", "an", "that", "those"].includes(tokens[position] as string) && matchMenuAt(tokens, position + 1, index) !== null) || countsADrinkAt(tokens, position, index);
}

/** Words said of the drink before its name in a bare order: "quick rum on the rocks", "cold lager". */
const ORDER_ADJECTIVES = new Set(["quick", "cold", "nice", "stiff", "cheeky", "large", "big", "tall", "small", "fresh", "strong", "good", "proper", "ice", "icy", "frosty"]);

/** How sure the speaker is, said between a verb and what it takes: "it was definitely a cosmo". */
const HOW_SURE = new Set(["definitely", "probably", "certainly", "surely", "clearly", "obviously", "totally", "absolutely", "undoubtedly", "possibly", "likely", "basically", "actually", "really", "honestly", "literally", "truly"]);

/** A hedge said before a drink, of the drink ("probably a daiquiri"), never the end of a clause. */
const HOW_LIKELY = new Set(["probably", "possibly", "likely"]);

const FREQUENCY = new Set(["always", "never", "usually", "often", "sometimes", "normally", "rarely", "seldom"]);
const NOUN_TAGS: ReadonlySet<Tag> = new Set(["NOUN", "PROPN", "PRON"]);

/** Words a clause told after "please" opens with: a subject ("the band's on song 7", "we're in a rush"). */
const TOLD_AFTER_PLEASE = new Set(["the", "my", "our", "his", "her", "their", "he", "she", "they", "we", "i", "it", "this", "that"]);

/** Words the tagger calls nouns that end a clause as adverbs: "one of them went home | knock a negroni off". */
const ENDS_A_TELLING = new Set(["home", "tonight", "today", "early", "upstairs", "downstairs", "outside", "inside"]);

/** How a drink is made, then the drink: "double whiskey", "dirty martini" ("we were out 14 hours, double whiskey on the rocks"). */
function madeThenNamedAt(tokens: readonly string[], position: number, index: MenuIndex): boolean {
  const made = readModifierAt(tokens, position, { afterDrink: false });
  return made !== null && matchMenuAt(tokens, position + made.length, index) !== null;
}

/** A request may start here: a count, "another", "just", an imperative, a drink (or one said with how it should be). */
/** Words between a command and the drink it takes: "put a cosmo", "send us two lagers", "get me another negroni". */
const OBJECT_LEADS = new Set(["a", "an", "the", "another", "me", "us", "him", "her", "them", "one", "some"]);
/** Whether the drink is the object of the command at `verbAt`: named within three words, after articles, whom for or a count. */
function drinkObjectAfter(tokens: readonly string[], verbAt: number, index: MenuIndex): boolean {
  for (let at = verbAt + 1; at <= verbAt + 3 && at < tokens.length; at += 1) {
    if (drinkNamedFrom(tokens, at, index)) return true;
    if (!OBJECT_LEADS.has(tokens[at] as string) && readQuantity(tokens, at) === null) return false;
  }
  return false;
}

function startsRequest(tokens: readonly string[], position: number, index: MenuIndex): boolean {
  const token = tokens[position] as string;
  if (REQUEST_STARTS.has(token) || (token !== "a" && token !== "an" && readQuantity(tokens, position) !== null) || matchMenuAt(tokens, position, index) !== null) return true;
  if (madeThenNamedAt(tokens, position, index)) return true;
  return ORDER_ADJECTIVES.has(token) && (matchMenuAt(tokens, position + 1, index) !== null || (ORDER_ADJECTIVES.has(tokens[position + 1] as string) && matchMenuAt(tokens, position + 2, index) !== null));
}

interface Span {
  start: number;
  end: number;
}

/** From `position`, before the next stop, "and" or "or" leads to one more drink: the last item of a list. */
function listEndsAhead(tokens: readonly string[], pauses: readonly Pause[], position: number, index: MenuIndex): boolean {
  for (let at = position + 1; at < tokens.length; at += 1) {
    const pause = pauses[at] ?? "NONE";
    if (pause === "STOP" || pause === "QUESTION") return false;
    if ((tokens[at] === "and" || tokens[at] === "or") && drinkNamedFrom(tokens, at + 1, index)) return true;
  }
  return false;
}

/** Clause boundaries: where each clause starts and ends in the utterance's tokens. */
export function segment(read: ReadText, index: MenuIndex, tags: readonly Tag[] | null = null): Span[] {
  const { tokens, pauses } = read;
  // Words inside a drink's name are not verbs ("old fashioned").
  const inDrink = tokens.map(() => false);
  for (let position = 0; position < tokens.length; ) {
    const match = matchMenuAt(tokens, position, index);
    if (!match) {
      position += 1;
      continue;
    }
    for (let offset = 0; offset < match.length; offset += 1) inDrink[position + offset] = true;
    position += match.length;
  }
  // Whether tokens[from, to) hold a verb (a clause, not only a noun phrase: "the brandy I had was...") or a negation.
  const predicates = runningCount(tokens.length, (position) => isPredicateAt(tokens, position, inDrink) || (!inDrink[position] && tags !== null && VERB_TAGS.has(tags[position] as Tag)));
  const negations = runningCount(tokens.length, (position) => NEGATORS.has(tokens[position] as string));
  const hasPredicate = (from: number, to: number) => (predicates[to] as number) > (predicates[from] as number);
  const hasNegation = (from: number, to: number) => (negations[to] as number) > (negations[from] as number);
  const drinks = runningCount(tokens.length, (position) => inDrink[position] === true);
  const hasDrink = (from: number, to: number) => (drinks[to] as number) > (drinks[from] as number);
  const countedBefore = (from: number, to: number) => tokens.slice(from, to).some((token, at) => token !== "a" && token !== "an" && readQuantity(tokens, from + at) !== null);
  const starts = [0];
  let clauseStart = 0;
  const cut = (at: number) => {
    if (at > clauseStart) {
      starts.push(at);
      clauseStart = at;
    }
  };
  // ("I think the IPA I had at the terminal was a mistake": "I had" right after "the IPA" says which IPA, no new clause.)
  const drinkHadBefore = (position: number): boolean =>
    (pauses[position] ?? "NONE") === "NONE" && inDrink[position - 1] === true && HAD.has(tokens[position + 1] ?? "") && tokens.slice(Math.max(0, position - 4), position).includes("the");
  /** Where the last repair marker ended: cues in a row ("actually, make it two") are one repair. */
  const opening = markerAt(tokens, 0, pauses, index);
  let markersEnd = opening ? opening.words.length : -1;
  for (let position = 1; position < tokens.length; position += 1) {
    const token = tokens[position] as string;
    const previous = tokens[position - 1] as string;
    const pause = pauses[position] ?? "NONE";
    // ("the heckler keeps yelling 'bring me a martini'": the words quoted go on in the clause that quotes them.)
    if (previous === QUOTE_MARK) continue;
    const marker = markerAt(tokens, position, pauses, index);
    const stop = pause === "STOP" || pause === "QUESTION";
    // ("Nah. Draft.": a "no" said on its own, then a drink, is a correction as "no, a draft" is.)
    const correctsAfterNo = position === markersEnd && opening?.words.length === 1 && opening.words[0] === "no" && drinkNamedFrom(tokens, position, index);
    if (stop && !marker && !correctsAfterNo) {
      cut(position);
      continue;
    }
    // "how much for a daiquiri, a cosmo and a lager", "is a daiquiri, a cosmo or a martini sweeter": a list
    // of drinks goes on after the pause, in the clause it started in ("I love negronis, a lager please" is two).
    if (!marker && pause === "PAUSE" && inDrink[position - 1] && drinkNamedFrom(tokens, position, index) && listEndsAhead(tokens, pauses, position, index)) continue;
    if (marker) {
      // "oh wait": the "oh" goes with the marker; so does the asking in "can you make them on the rocks".
      const asked = askedFrom(tokens, position);
      if (stop || position !== markersEnd) cut(!stop && (previous === "oh" || previous === "and") ? position - 1 : asked);
      position += marker.words.length - 1;
      markersEnd = position + 1;
      while (["to", "into", "please"].includes(tokens[markersEnd] ?? "")) markersEnd += 1;
      continue;
    }
    // "an iced tea, the normal kind not the long island": the drink not meant, set against the one asked for, is a clause of its own.
    // (After a cue, "sorry, three IPAs not lagers" is the correction itself, read whole.)
    if (token === "not" && markersEnd < 0 && hasDrink(clauseStart, position) && !hasPredicate(clauseStart, position) && !hasNegation(clauseStart, position) && drinkNamedFrom(tokens, position + 1, index)) {
      cut(position);
      continue;
    }
    // ("a cosmo and a daiquiri, no, just the daiquiri": a "no" after the drinks, then what is kept, corrects them.)
    if (pause !== "NONE" && NOES.has(token) && RESTRICTING.has(tokens[position + 1] ?? "") && hasDrink(clauseStart, position)) {
      cut(position);
      continue;
    }
    // "hmm no only the one": the "no" says no to what was asked, the restriction after it is the new version.
    if (pause === "NONE" && RESTRICTING.has(token) && NOES.has(previous) && position - clauseStart <= 2 && tokens[position + 1] !== undefined) {
      cut(position);
      continue;
    }
    // "no not two just one", "not three only two IPAs": the count said instead of the one refused starts
    // the new version, as it does after a pause ("I'm not 21 just 20" says who the guest is: a verb before "not").
    const refusedAt = pause === "NONE" && RESTRICTING.has(token) && readQuantity(tokens, position + 1) !== null ? refusedCountAt(tokens, clauseStart, position, inDrink) : null;
    if (refusedAt !== null && !hasPredicate(clauseStart, refusedAt)) {
      cut(position);
      continue;
    }
    // ("an IPA for 6 dollars is a steal": a number and its money unit are one amount.)
    if (pause === "NONE" && AMOUNT_UNITS.has(token) && readQuantity(tokens, position - 1) !== null) continue;
    // ("how much I must pay?": the question's subject, said without inverting, is still its own.)
    if (pause === "NONE" && position === clauseStart + 2 && tokens[clauseStart] === "how" && (previous === "much" || previous === "many")) continue;
    // "negronis always give me a headache": the verb after a subject and its adverb of frequency is theirs.
    if (pause === "NONE" && FREQUENCY.has(previous) && position - clauseStart >= 2 && tags !== null && tags[position] === "VERB" && NOUN_TAGS.has(tags[position - 2] as Tag)) continue;
    // "let's do that whole round again": the verb after "let us" is the one it lets.
    if (pause === "NONE" && (previous === "us" || previous === "me") && tokens[position - 2] === "let") continue;
    // ("nothing but water", "anything but gin": "but" as "except", inside the clause.)
    // ("one more, but neat this time": how the drink is made differently, inside the clause.)
    const except = token === "but" && (["nothing", "anything", "everything", "all"].includes(previous) || readModifierAt(tokens, position + 1) !== null);
    if (CONJUNCTIONS.has(token) && !except && !((token === "if" || token === "whether") && ["what", "as", "even", "wonder", "wondering", "hoping", "asking", "curious", "see", "know", "sure", "mind"].includes(previous))) {
      cut(position);
      continue;
    }
    // "can I have a look at the list before I pick a martini": what is to happen first is a clause of its own.
    if (TIME_CONJUNCTIONS.has(token) && SUBJECT_PRONOUNS.has(tokens[position + 1] ?? "") && position - clauseStart >= 2 && hasPredicate(clauseStart, position)) {
      cut(position);
      continue;
    }
    // "a martini costs 35 cents in the book, anyway I'll have one": "anyway" turns from what was told to what is wanted.
    if ((token === "anyway" || token === "anyways") && position - clauseStart >= 2 && tokens[position + 1] !== undefined) {
      cut(position);
      continue;
    }
    // "the candle on table 8's gone out, oh and a water": after a pause, "oh and" or "and" before a drink
    // starts a request of its own when what came before had a verb.
    if (pause !== "NONE" && (token === "oh" || token === "and" || token === "also" || token === "plus") && position - clauseStart >= 2 && hasPredicate(clauseStart, position)) {
      const drinkAt = [1, 2, 3].map((offset) => position + offset).find((at) => drinkNamedFrom(tokens, at, index));
      if (drinkAt !== undefined && tokens.slice(position + 1, drinkAt).every((word) => ["and", "a", "an", "the", "one", "two", "three", "also"].includes(word))) {
        cut(position);
        continue;
      }
    }
    // "two cosmos and a daiquiri, oh scratch the daiquiri": after a pause, a command taking back a drink
    // just named is a clause of its own, whatever came before (an order said bare has no verb).
    if (pause !== "NONE" && position - clauseStart >= 2 && hasDrink(clauseStart, position)) {
      let command = position;
      while (INTERJECTIONS.has(tokens[command] ?? "")) command += 1;
      if (TAKING_BACK.has(tokens[command] ?? "") && TAKEN_BACK_OBJECTS.has(tokens[command + 1] ?? "")) {
        cut(position);
        continue;
      }
    }
    // "take off the IPA and add a negroni", "two IPAs and tell Jim to hurry up": a second request
    // (a command, as the tagger reads it) after "and" is a clause of its own.
    // ("a dirty martini, and be quick about it": "be" and how, a command too.)
    // ("a manhattan, and please hurry": "please" before the command changes nothing.)
    const commandAt = token === "please" && tags !== null && (tags[position + 1] === "VERB" || tokens[position + 1] === "be") ? position + 1 : position;
    const commandWord = tokens[commandAt] as string;
    const command = SECOND_REQUEST.has(commandWord) || (tags !== null && tags[commandAt] === "VERB" && !inDrink[commandAt]) || (commandWord === "be" && tags !== null && tags[commandAt + 1] === "ADJ");
    if (previous === "and" && command && (hasPredicate(clauseStart, position - 1) || hasDrink(clauseStart, position - 1))) {
      cut(position - 1);
      continue;
    }
    // Speech without punctuation: a word that closes a thought ("ok", "anyway", "alright") before a
    // request is a pause ("number 17 just scored ha ok two more IPAs"), and so is a command to pour
    // after a clause of its own ("it's the 4th quarter give me a rum").
    const closesThought = DISCOURSE_MARKERS.has(previous) && pause === "NONE" && position - 1 > clauseStart;
    // ("could you possibly make me a daiquiri": an adverb between "you" and the verb leaves one clause.)
    let governor = position - 1;
    while (governor > clauseStart && tags !== null && tags[governor] === "ADV") governor -= 1;
    const governing = tokens[governor] ?? "";
    const pourCommand = POUR_COMMANDS.has(token) && RECIPIENTS.has(tokens[position + 1] ?? "") && !CLAUSE_TAKERS.has(governing) && governing !== "you";
    if ((closesThought && startsRequest(tokens, position, index)) || (pourCommand && position - clauseStart >= 2)) {
      if (hasPredicate(clauseStart, closesThought ? position - 1 : position)) {
        cut(closesThought ? position - 1 : position);
        continue;
      }
    }
    // "we're up 7 to 3 two IPAs please": after talk of scores or times (their numbers are no counts),
    // a count of a drink asked for politely is a request of its own.
    // ("my score was 87 out of 100 an iced tea please": an article counts it too.)
    if (pause === "NONE" && saidBetween(tokens, clauseStart, position, NOT_A_COUNT) && readQuantity(tokens, position) !== null && matchMenuAt(tokens, position + 1, index) !== null) {
      const rest = tokens.slice(position);
      if ((rest.includes("please") || rest.includes("thanks")) && hasPredicate(clauseStart, position) && !hasDrink(clauseStart, position) && !hasNegation(clauseStart, position)) {
        cut(position);
        continue;
      }
    }
    // ("gin neat please, the band's only on song 7": the order ends at "please"; what someone or something does after the pause is told apart.)
    if (pause !== "NONE" && previous === "please" && TOLD_AFTER_PLEASE.has(token) && hasDrink(clauseStart, position) && !hasDrink(position, tokens.length)) {
      cut(position);
      continue;
    }
    // ("an iced tea, here's a five": after the order and a pause, what is handed over is a clause of its own.)
    if (pause !== "NONE" && token === "here" && (tokens[position + 1] === "is" || tokens[position + 1] === "are") && hasDrink(clauseStart, position)) {
      cut(position);
      continue;
    }
    // ("two IPAs for the lads who hate lager": a relative clause about whom the drinks are for, naming a drink
    // of its own, is a clause of its own: what they like or hate is told, not asked for.)
    if (pause === "NONE" && RELATIVE_WHO.has(token) && hasDrink(clauseStart, position) && tags !== null && (tags[position - 1] === "NOUN" || tags[position - 1] === "PROPN" || tags[position - 1] === "PRON") && hasDrink(position + 1, tokens.length)) {
      cut(position);
      continue;
    }
    // ("two more of those and a lager": more of the drink pointed at, then another drink, two requests.)
    // ("one of those for him, and a daiquiri for me": whom the first is for may come between.)
    const pointedAt = tokens.slice(clauseStart, position).some((word, at) => REFERRING.has(word) && tokens[clauseStart + at - 1] === "of");
    if (token === "and" && pointedAt && !hasDrink(clauseStart, position) && startsRequest(tokens, position + 1, index)) {
      cut(position);
      continue;
    }
    // "song 212 is mine, and a cosmo while I wait": after a clause of its own, "and" plus a drink is a request.
    if (token === "and" && pause === "PAUSE" && startsRequest(tokens, position + 1, index) && hasPredicate(clauseStart, position) && !hasDrink(clauseStart, position)) {
      cut(position);
      continue;
    }
    // "last orders, a lager and a lemonade", "evening Maya, a pint of lager": a few words to open with, then the order.
    if (pause === "PAUSE" && position - clauseStart <= 3 && position !== markersEnd && startsRequest(tokens, position, index) && !hasDrink(clauseStart, position) && !hasNegation(clauseStart, position)) {
      cut(position);
      continue;
    }
    // ("room 1204 at the Hilton, put a cosmo on my tab", "my boat's number 7, send a cosmo my way": after a pause, a
    // command whose object is a drink starts the request, however much was told before it.)
    if (pause === "PAUSE" && (SECOND_REQUEST.has(token) || POUR_COMMANDS.has(token)) && drinkObjectAfter(tokens, position, index) && !hasDrink(clauseStart, position) && !hasNegation(clauseStart, position)) {
      cut(position);
      continue;
    }
    // "a water and then maybe a negroni later": what is put off is a clause of its own.
    if ((token === "then" || token === "and") && HEDGES.has(tokens[position + 1] ?? "") && hasDrink(clauseStart, position)) {
      cut(position);
      continue;
    }
    // "we're in room 412 could we get...": a question or a request starts again, said without a pause.
    // ("actually can I have it up": the question starts after the cue.)
    const questionStart = markersEnd > clauseStart && markersEnd < position ? markersEnd : clauseStart;
    const asking = AUX.has(tokens[questionStart] as string) || anyBetween(tokens, questionStart, position, WH);
    // ("table 12 checking in can we get...": three words or more before it are a clause of their own, verb or not).
    const canWe = AUX.has(token) && NOMINATIVE.has(tokens[position + 1] ?? "") && position - clauseStart >= 3;
    // ("actually can you do those on the rocks": after "can you", "do" is the verb asked for.)
    if (!asking && AUX.has(token) && askedFrom(tokens, position) === position && SUBJECT_PRONOUNS.has(tokens[position + 1] ?? "") && position - clauseStart >= 2 && !CLAUSE_TAKERS.has(previous) && (hasPredicate(clauseStart, position) || canWe)) {
      cut(position);
      continue;
    }
    // "perfect, pour me one": the word of approval is an answer of its own, not a "perfect" Manhattan.
    if (position === 1 && pause === "PAUSE" && APPROVALS.has(previous)) {
      cut(position);
      continue;
    }
    // "on the rocks, like he had it", "neat, as my dad drank it": how someone else had it, after the pause, is a clause of its own.
    if (pause === "PAUSE" && (token === "like" || token === "as") && (SUBJECT_PRONOUNS.has(tokens[position + 1] ?? "") || POSSESSIVES.has(tokens[position + 1] ?? "")) && position !== markersEnd) {
      cut(position);
      continue;
    }
    // "a martini, not a negroni", "I don't drink gin, so a vodka": a negation's scope, or what follows from it, ends at the pause.
    if (pause === "PAUSE" && (token === "not" || token === "so") && position !== markersEnd && tokens[position + 1] !== undefined) {
      cut(position);
      continue;
    }
    // "so we'll have...", "it's her birthday so can we get...": what follows "so" is a clause of its own.
    const asks = AUX.has(tokens[position + 1] ?? "") && SUBJECT_PRONOUNS.has(tokens[position + 2] ?? "");
    // ("the boss is paying so put 20% on it": a command after "so", once a clause has been said.)
    const commands = SO_COMMANDS.has(tokens[position + 1] ?? "") && hasPredicate(clauseStart, position);
    if (token === "so" && tokens[position + 1] !== undefined && (SUBJECT_PRONOUNS.has(tokens[position + 1] as string) || asks || commands)) {
      cut(position);
      continue;
    }
    // "tom's still nursing his lager so just the negroni for me", "I'm cutting back on IPAs so a lemonade":
    // after "so", the drink is the order.
    const orderAfter = RESTRICTING.has(token) ? drinkNamedFrom(tokens, position + 1, index) : token !== "the" && drinkNamedFrom(tokens, position, index);
    if (previous === "so" && position - clauseStart >= 3 && orderAfter && hasPredicate(clauseStart, position - 1)) {
      cut(position - 1);
      continue;
    }
    // "the guy in the number 12 jersey, get him a Heineken": a command to pour after whom it is for.
    if (pause === "PAUSE" && position - clauseStart >= 2 && POUR_COMMANDS.has(token) && RECIPIENTS.has(tokens[position + 1] ?? "")) {
      cut(position);
      continue;
    }
    // "four negronis, er, five, Greg just showed up", "no wait, five, forgot about kev": why, told after
    // the count or the drink, is a clause of its own, not more of the order.
    if (pause === "PAUSE" && tags !== null && position - clauseStart >= 1 && (hasDrink(clauseStart, position) || countedBefore(clauseStart, position)) && tellsWhyAt(tokens, tags, position, index)) {
      cut(position);
      continue;
    }
    // ("my friends just cancelled, wipe the whole tab": after something told, a command after a pause is its own clause.)
    if (pause === "PAUSE" && tags !== null && COMMANDS.has(token) && tags[position] === "VERB" && position - clauseStart >= 2 && hasPredicate(clauseStart, position) && !CLAUSE_TAKERS.has(previous)) {
      cut(position);
      continue;
    }
    // ("room 212 at the motel next door, just put a rum on my tab": after where the guest is, said with no verb
    // and no drink, "just" and a command start the order.)
    if (pause === "PAUSE" && tags !== null && token === "just" && COMMANDS.has(tokens[position + 1] ?? "") && position - clauseStart >= 2 && !hasDrink(clauseStart, position)) {
      cut(position);
      continue;
    }
    // "sales kickoff afterparty, need 50 martinis": a want typed without its "I", after a pause, asks on its own.
    if (pause !== "NONE" && position > clauseStart && (token === "need" || token === "want" || token === "wanna") && drinkNamedFrom(tokens, position + 1, index)) {
      cut(position);
      continue;
    }
    // "vodka on the rocks please, long day of demos": after an order closed with "please", talk that names nothing for it.
    if (pause === "PAUSE" && (previous === "please" || previous === "thanks") && hasDrink(clauseStart, position) && !namesOrderWordsFrom(tokens, position, pauses, index)) {
      cut(position);
      continue;
    }
    // "mezcal neat, smoky is good when you can't feel your toes": after a bare order, talk with a verb of
    // its own and no word of an order or a wish is a clause of its own (it would otherwise read as an opinion).
    if (pause === "PAUSE" && position !== markersEnd && hasDrink(clauseStart, position) && !hasPredicate(clauseStart, position) && talksAfterTheOrder(tokens, position, pauses, index)) {
      const end = nextPause(pauses, position, tokens.length);
      if (hasPredicate(position, end)) {
        cut(position);
        continue;
      }
    }
    // "that last negroni was perfect, another please", "no IPA for me, just a lemonade".
    if (pause === "PAUSE" && position !== markersEnd && startsRequest(tokens, position, index) && (hasPredicate(clauseStart, position) || hasNegation(clauseStart, position))) {
      cut(position);
      continue;
    }
    // ", and we'll sort the rest later": "and" after a pause leads into a clause as the pause would.
    // ("a cosmo for jen and what are you having, sam?": a question after a bare order is its own clause.)
    const asksAfterOrder = WH.has(token) && AUX.has(tokens[position + 1] ?? "") && hasDrink(clauseStart, position - 1);
    const leadsIn =
      pause === "PAUSE" || ((previous === "and" || previous === "then") && (hasPredicate(clauseStart, position - 1) || pauses[position - 1] === "PAUSE" || asksAfterOrder));
    // "no, she wants a martini instead": the new version right after a repair cue stays with it.
    // "could my colleague and I have...": a subject of two joined by "and" in a question, not a new clause.
    const jointSubject = previous === "and" && AUX.has(tokens[clauseStart] as string) && !hasPredicate(clauseStart + 1, position - 1);
    // (", and the review was right": after a pause, "and" leads a clause whose subject the tagger finds;
    // so does a pronoun with an adverb before its verb: "it's 8:15 and I already need an old fashioned".)
    const pausedBefore = pause === "PAUSE" || ((previous === "and" || previous === "then") && pauses[position - 1] === "PAUSE");
    if (leadsIn && !jointSubject && position !== markersEnd && opensClause(tokens, position, pausedBefore || SUBJECT_PRONOUNS.has(token) ? tags : null)) {
      cut(previous === "and" || previous === "then" ? position - 1 : position);
      continue;
    }
    // (", and yes we actually read the book": a word of assent between "and" and the clause it leads.)
    if (previous === "and" && pauses[position - 1] === "PAUSE" && ASSENTS.has(token) && position !== markersEnd && opensClause(tokens, position + 1, tags)) {
      cut(position - 1);
      continue;
    }
    // "a water for me I'm driving": a new subject and verb after a bare order that has ended ("for me",
    // "please"); "the brandy I had at dinner" is a drink and its relative clause, never cut.
    // ("a lemonade for becky she's driving": after whom it is for, named, too.)
    const forSomeone = tags !== null && NAMING_TAGS.has(tags[position - 1] as Tag) && tokens.slice(clauseStart, position).includes("for");
    if ((BARE_ORDER_ENDS.has(previous) || forSomeone) && position - clauseStart >= 2 && subjectStartsAt(tokens, position, tags) && hasDrink(clauseStart, position) && !hasPredicate(clauseStart, position)) {
      cut(position);
      continue;
    }
    // "...negronis I'll have a martini": a new subject after the end of a clause.
    const opener = tokens[clauseStart] as string;
    const subordinate = SUBORDINATORS.has(opener);
    if (position - clauseStart >= 2 && !CLAUSE_TAKERS.has(previous) && subjectStartsAt(tokens, position, tags) && hasPredicate(clauseStart, position) && !drinkHadBefore(position)) {
      cut(position);
      continue;
    }
    if (tags !== null && pause === "NONE" && position - clauseStart >= 2 && !asking && !inDrink[position] && previous !== "negative") {
      // Speech without punctuation, after a clause of its own: an order said as a bare noun phrase
      // ("it's my birthday fifty long islands", "it's 11 already so one last iced tea") ...
      // The word before ends a clause: "so", an adverb ("too", "already"), or a noun that ends a noun
      // phrase ("my birthday", "last night"); never a verb, even one the tagger calls a noun ("he always orders").
      // ("take back one IPA", "knock off two lagers": a command's particle waits for its object.)
      const particleOfCommand = COMMAND_PARTICLES.has(previous) && COMMANDS.has(tokens[position - 2] as string);
      // ("the picture was definitely a cosmo": how sure, right after "was", waits for what the subject was;
      // "she's back, a cosmo please" is said and done.)
      // ("... then probably a daiquiri": how likely, said of the drink itself.)
      const adverbOfAVerb = (HOW_SURE.has(previous) && AUX.has(tokens[position - 2] ?? "")) || HOW_LIKELY.has(previous);
      const ended =
        previous === "so" ||
        (!particleOfCommand &&
          !adverbOfAVerb &&
          !(CLAUSE_TAKERS.has(previous) || ATTACHING_TAGS.has(tags[position - 1] as Tag) || hasPredicate(position - 1, position) || TAKING_PARTICIPLES.has(previous)) &&
          (tags[position - 1] !== "NOUN" || NOUN_PHRASE_TAGS.has(tags[position - 2] as Tag)));
      // ("if I got everyone on my team a martini": inside a condition, the drink is the verb's second object.)
      // ("make it half a dozen IPAs": "half" goes on into the count it halves.)
      const bareOrder =
        ended &&
        previous !== "half" &&
        !givesOrNames(` ${tokens.slice(clauseStart, position).join(" ")} `, subordinate) &&
        // ("so just the one pint": "the one" counts it as "one" does.)
        (countsADrinkAt(tokens, position, index) ||
          (RESTRICTING.has(token) && countsADrinkAt(tokens, position + (tokens[position + 1] === "the" ? 2 : 1), index)) ||
          // ("our demo slot is at 10 so one more for me": more of what was had.)
          (previous === "so" && (token === "another" || (readQuantity(tokens, position) !== null && tokens[position + 1] === "more")))) &&
        !hasDrink(clauseStart, position) &&
        !hasNegation(clauseStart, position);
      // ... a command ("sarah has to leave take one negroni off") ...
      const command =
        COMMANDS.has(token) && tags[position] === "VERB" && !CLAUSE_TAKERS.has(previous) && !TITLE_TAKERS.has(previous) && !BEFORE_A_VERB.has(previous) && !SUBJECT_PRONOUNS.has(previous) && !FINITE.has(previous) && !["ADV", "AUX", "PART"].includes(tags[position - 1] as Tag) &&
        // (a bare noun before the verb is its subject: "I can't believe people put ice in brandy")
        (tags[position - 1] !== "NOUN" || NOUN_PHRASE_TAGS.has(tags[position - 2] as Tag) || ENDS_A_TELLING.has(previous));
      // ... or a friend and what they want ("only one cosmo mike wants a lemonade").
      const named = isNameAt(tokens, tags, position, index) && !CLAUSE_TAKERS.has(previous) && (hasDrink(clauseStart, position) || hasPredicate(clauseStart, position));
      if ((bareOrder || command) && hasPredicate(clauseStart, position)) {
        cut(previous === "so" ? position - 1 : position);
        continue;
      }
      if (named) {
        cut(position);
        continue;
      }
    }
    if (subordinate && position - clauseStart >= 3 && WH.has(token) && !CLAUSE_TAKERS.has(previous)) cut(position);
  }
  return starts.map((start, at) => ({ start, end: starts[at + 1] ?? tokens.length }));
}

