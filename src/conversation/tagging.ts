/**
 * Part of speech and lemma for each token, from a maintained English tagger
 * (wink-nlp with its lite web model: Universal POS tags, ~20 us for a bar
 * utterance, no network, no model download). The bar's own words go on top:
 * a drink or a modifier is never a verb ("shaken", "old fashioned"), and the
 * tagger's known slips on short requests are mended ("I'd like" is a verb).
 *
 * The tagger reads the engine's normalised tokens joined with spaces; where
 * it splits a token further ("3b" -> "3", "b"), the token takes the tag of
 * its last piece. Tagging is pure: the same tokens always get the same tags,
 * and results are remembered (guests repeat themselves, the parse bench too).
 */
import { isEnglishWord, nlp } from "./english.js";
import { matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import { lexiconAt } from "./lexicon.js";
import { readModifierAt } from "./modifiers.js";
import { NOT_A_COUNT } from "./entities.js";

export type Tag =
  | "ADJ" | "ADP" | "ADV" | "AUX" | "CCONJ" | "DET" | "INTJ" | "NOUN" | "NUM" | "PART" | "PRON" | "PROPN" | "PUNCT" | "SCONJ" | "SYM" | "VERB" | "X" | "SPACE";

export interface Tagged {
  tags: readonly Tag[];
  lemmas: readonly string[];
}

const its = nlp.its;

const CACHE_LIMIT = 5_000;
const cache = new Map<string, Tagged>();

/** Words the lite model tags wrongly in the short requests guests make. */
const VERB_AFTER_MODAL = new Set(["like", "love", "have", "take", "get", "do", "need", "want"]);
const PAST_FORMS = new Set(["spilt", "spilled", "knocked", "smashed", "dropped", "nicked", "pinched", "downed", "necked", "chugged"]);
const MODALS = new Set(["would", "will", "could", "can", "should", "shall", "may", "might", "to", "i", "we"]);
/** Verbs said of him or her, which only a subject comes before: "Sue wants", "Bill says". */
const SAID_OF_SOMEONE = new Set(["wants", "needs", "says", "is", "was", "has", "likes", "prefers", "loves", "hates", "drinks", "takes", "fancies", "would", "will", "can", "could", "should"]);
/** What may follow a name said at the end of an order: nothing, or courtesy. */
const ENDING_A_NAME = new Set(["", "please", "thanks", "too", "and", "as", "cheers"]);
const EXCLAMATIONS = new Set(["whoa", "woah", "wow", "ooh", "oooh", "gosh", "geez", "jeez", "yay", "woo", "oops", "whoops", "blimey", "crikey", "yikes", "phew", "wahey"]);
/** Prepositions a name is said after: "for Aisling", "with Ciaran". */
const NAME_AFTER = new Set(["for", "with", "from", "and", "by"]);

/** Forgets every tagging remembered: the parse bench measures utterances the tagger has not seen. */
export function forgetTags(): void {
  cache.clear();
}

export function tag(tokens: readonly string[]): Tagged {
  const key = tokens.join(" ");
  const known = cache.get(key);
  if (known) return known;
  const tagged = align(tokens, key);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, tagged);
  return tagged;
}

function align(tokens: readonly string[], text: string): Tagged {
  const tags: Tag[] = new Array<Tag>(tokens.length).fill("X");
  const lemmas: string[] = [...tokens];
  if (tokens.length === 0) return { tags, lemmas };
  const doc = nlp.readDoc(text);
  const words = doc.tokens().out();
  const pos = doc.tokens().out(its.pos) as string[];
  // The lite model computes lemmas through its add-ons; wink's types do not say so for `out`.
  const lemma = doc.tokens().out(its.lemma as never) as unknown as string[];
  let at = 0;
  let consumed = "";
  for (const [piece, word] of words.entries()) {
    const token = tokens[at];
    if (token === undefined) break;
    consumed += word;
    if (!token.startsWith(consumed)) {
      // The tagger read the text differently from the engine's tokens: what is left stays X.
      break;
    }
    if (consumed === token) {
      tags[at] = (pos[piece] ?? "X") as Tag;
      lemmas[at] = lemma[piece] ?? token;
      at += 1;
      consumed = "";
    }
  }
  // ("whoa, take one off": an exclamation, never the subject of the verb after it.)
  for (let position = 0; position < tokens.length; position += 1) if (EXCLAMATIONS.has(tokens[position] as string)) tags[position] = "INTJ";
  for (let position = 1; position < tokens.length; position += 1) {
    if (VERB_AFTER_MODAL.has(tokens[position] as string) && MODALS.has(tokens[position - 1] as string)) tags[position] = "VERB";
    // ("I've got 2 stops to go": a plural after a number is a noun, whatever else it may be.)
    if (tags[position - 1] === "NUM" && tags[position] === "VERB" && /[a-z]{2,}s$/.test(tokens[position] as string)) tags[position] = "NOUN";
    // "the bloke next to me just spilt his IPA": past forms the lite model takes for nouns.
    if (PAST_FORMS.has(tokens[position] as string)) tags[position] = "VERB";
    // "the same for Aisling": a word English does not know, guessed a verb by its ending, is a name after a preposition.
    // ("a water for Ted please": a known word too, when nothing follows it but courtesy.)
    const endsHere = ENDING_A_NAME.has(tokens[position + 1] ?? "") && tokens[position - 1] === "for";
    if (tags[position] === "VERB" && NAME_AFTER.has(tokens[position - 1] as string) && (!isEnglishWord(tokens[position] as string) || endsHere)) tags[position] = "PROPN";
  }
  // "make it three, Sue wants one too": a "verb" right before a verb said of him or her is a name, the subject.
  for (let position = 0; position + 1 < tokens.length; position += 1) {
    if (tags[position] === "VERB" && SAID_OF_SOMEONE.has(tokens[position + 1] as string) && tags[position - 1] !== "PRON" && !MODALS.has(tokens[position - 1] as string)) tags[position] = "PROPN";
  }
  return { tags, lemmas };
}

/** Nouns of the bar the tagger may read as verbs ("the 9 o'clock round", "a shot"). */
const BAR_NOUNS = new Set(["round", "rounds", "pint", "pints", "shot", "shots", "glass", "glasses", "bottle", "bottles", "jug", "pitcher", "tab", "bill", "tip", "usual", "orders"]);

/** Determiners a noun always follows ("her" and "that" may stand alone: "get her a lager", "that really helps"). */
const DETERMINERS = new Set(["a", "an", "the", "my", "your", "his", "our", "their", "its"]);
const MODIFYING: ReadonlySet<Tag> = new Set(["ADJ", "ADV"]);
/** A time of day said before a noun, as its modifier: "the 6 o'clock shuttle", "the 9 pm show" (the number read as no count). */
const TIME_OF_DAY = new Set([NOT_A_COUNT, "oclock", "pm"]);
function afterADeterminer(tokens: readonly string[], tags: readonly Tag[], position: number): boolean {
  let before = position - 1;
  while (before > 0 && (MODIFYING.has(tags[before] as Tag) || TIME_OF_DAY.has(tokens[before] as string)) && position - before <= 3) before -= 1;
  return DETERMINERS.has(tokens[before] as string);
}
const OBJECT_OPENERS = new Set(["a", "an", "the", "his", "her", "my", "their", "another", "one", "two", "three"]);
/**
 * "Marlowe orders a gimlet", "he rounds it off", "Dr Alvarez always orders a manhattan": after someone (and
 * how often) and before an object, the bar's noun is their verb ("last orders" stays a noun).
 */
const verbOfSomeone = (tokens: readonly string[], tags: readonly Tag[], at: number, index: MenuIndex): boolean => {
  let subject = at - 1;
  while (subject > 0 && tags[subject] === "ADV") subject -= 1;
  return (
    (tags[subject] === "PROPN" || tags[subject] === "PRON" || (tags[subject] === "NOUN" && tokens[subject] !== "last" && matchMenuAt(tokens, subject, index) === null)) &&
    // ("the lead actor orders old fashioneds all night": a drink named right after is their object too.)
    (OBJECT_OPENERS.has(tokens[at + 1] as string) || matchMenuAt(tokens, at + 1, index) !== null)
  );
};

const PLACE_PREPOSITIONS = new Set(["from", "at", "near"]);
const ALL_OF_THEM = new Set(["all", "both", "each"]);
const SUBJECT_TAGS: ReadonlySet<Tag> = new Set(["NOUN", "PRON", "PROPN"]);

/**
 * The tags with the bar's own words on top: a drink's name is a noun and a modifier an adjective,
 * whatever the tagger made of "old fashioned", "shaken" or "on the rocks"; so is anything the
 * lexicon names, food, goods or drinks the bar does not pour ("a pack of smokes").
 */
export function withBarWords(tokens: readonly string[], tagged: Tagged, index: MenuIndex): Tagged {
  let tags: Tag[] | null = null;
  const set = (from: number, length: number, value: Tag) => {
    tags ??= [...tagged.tags];
    for (let offset = 0; offset < length; offset += 1) tags[from + offset] = value;
  };
  for (let position = 0; position < tokens.length; ) {
    const named = matchMenuAt(tokens, position, index);
    const modifier = named ? null : readModifierAt(tokens, position);
    const thing = modifier ? null : lexiconAt(tokens, position);
    // ("brandy snaps and a lemonade": a longer name of a thing the bar does not sell holds the drink's word.)
    const drink = named && thing && thing.length > named.length ? null : named;
    const length = drink?.length ?? modifier?.length ?? thing?.length ?? 1;
    if (BAR_NOUNS.has(tokens[position] as string) && verbOfSomeone(tokens, tagged.tags, position, index)) set(position, 1, "VERB");
    else if (drink || thing || BAR_NOUNS.has(tokens[position] as string)) set(position, length, "NOUN");
    else if (modifier) set(position, length, "ADJ");
    // "can I get your take on the negroni", "twenty IPAs for the whole away end": after a determiner and
    // its adjectives comes their noun, never a verb.
    else if (tagged.tags[position] === "VERB" && afterADeterminer(tokens, tagged.tags, position)) set(position, 1, "NOUN");
    // ("a merlot from block 5": a place named after "from" or "at", a noun the tagger took for a verb.)
    else if (tagged.tags[position] === "VERB" && PLACE_PREPOSITIONS.has(tokens[position - 1] as string) && !(tokens[position] as string).endsWith("ing")) set(position, 1, "NOUN");
    // ("the tourists all wanted lemonade", "we both ordered gin": after a subject and "all" or "both", a word in
    // "-ed" is what they did, not an adjective, and "all" says who did it.)
    else if (tagged.tags[position] === "ADJ" && /[a-z]ed$/.test(tokens[position] as string) && ALL_OF_THEM.has(tokens[position - 1] as string) && SUBJECT_TAGS.has(tagged.tags[position - 2] as Tag)) {
      set(position - 1, 1, "ADV");
      set(position, 1, "VERB");
    }
    position += length;
  }
  return tags ? { tags, lemmas: tagged.lemmas } : tagged;
}
