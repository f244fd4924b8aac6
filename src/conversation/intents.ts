/**
 * The intent classifier: a decision list over the normalised utterance.
 * Order matters and is the design: the most specific, money-moving readings
 * are tried first and each guards against its known confusions ("what's my
 * bill?" is the tab, not a payment; "I'm not ready to pay" is not a payment;
 * "cancel the tip" is a tip, not a removal). Anything that names a drink and
 * matched nothing earlier is an order.
 */
import type { Pause } from "./normalise.js";
import { PEOPLE_AROUND, PERSON_NOUNS, WHOSE } from "./people.js";
import type { MenuCategory } from "../bar/menu-catalog.js";
import type { MenuIndex } from "./menu-matcher.js";
import { canonicalModifiers, PHRASAL_UP, readModifierAt } from "./modifiers.js";
import type { Modifier } from "../bar/menu-catalog.js";
import { asksToPayNow, PAYING_LATER, readTip, whenPaying } from "./money-talk.js";
import { AMOUNT_UNITS, readQuantity, type QuantityRange } from "./numbers.js";
import { PLAIN, SUPPLIES, parseOrder, type ParsedOrder } from "./order-parser.js";
import { oneOf } from "./patterns.js";
import { isEnglishWord } from "./english.js";
import { NOT_A_COUNT } from "./entities.js";
import { Words } from "./word-gates.js";
import {
  SURPRISE,
  type DrinkQuality,
  type Mood,
  type PriceExtreme,
  type RemoveLine,
  type SmallTalkTopic,
  type Subject,
  type Understanding,
} from "./understanding.js";

/** One utterance, tokenised, with its drinks read once for every rule. */
export interface Utterance {
  tokens: readonly string[];
  /** The tokens joined with single spaces and padded with one on each side, for whole-word tests. */
  readonly padded: string;
  order: ParsedOrder;
  /** Its words, looked up once for every pattern tried on it (word-gates.ts): made by the first one, `matches()`. */
  words: Words | null;
}

/** `pauses`, where known, are the pauses said before each token (a clause's, read whole). */
export function utteranceOf(tokens: readonly string[], index: MenuIndex, pauses: readonly Pause[] = []): Utterance {
  return { tokens, padded: ` ${tokens.join(" ")} `, order: parseOrder(tokens, index, pauses), words: null };
}

/**
 * "one for me and one for my son", "two for us and one for her": counts each said for someone, joined by
 * "and", are one count of the drink, their sum (null when the utterance is not only that).
 */
export function sharedOutCount(tokens: readonly string[]): number | null {
  let total = 0;
  let shares = 0;
  for (let start = 0; start < tokens.length; start += 1) {
    const read = readQuantity(tokens, start);
    if (!read) continue;
    const first = shares === 0;
    if (read.range || tokens[start + read.length] !== "for" || (!first && tokens[start - 1] !== "and")) return null;
    total += read.value;
    shares += 1;
    start += read.length;
  }
  return shares >= 2 ? total : null;
}

const CHEAPEST = / (cheapest|least expensive|lowest priced|most affordable) /;
const DEAREST = / (priciest|most expensive|dearest|highest priced|fanciest) /;
/** "the cheapest drink without alcohol": the soft drinks. */
const WITHOUT_ALCOHOL = / (without alcohol|non alcoholic|nonalcoholic|alcohol free|with no alcohol|no alcohol|soft drink|soft drinks) /;

/** "what's the cheapest cocktail?", "your priciest drink without alcohol": which end of the prices, and among what. */
function extremeAsked(u: Utterance): { extreme: PriceExtreme; subject: Subject } | null {
  const extreme = matches(u, CHEAPEST) ? "CHEAPEST" : matches(u, DEAREST) ? "DEAREST" : null;
  if (extreme === null) return null;
  const subject = subjectOf(u);
  const soft = subject.category === null && subject.itemIds.length === 0 && matches(u, WITHOUT_ALCOHOL);
  return { extreme, subject: soft ? { ...subject, category: "NON_ALCOHOLIC" } : subject };
}

/** Whole-phrase test: `has(u, "settle up")` does not match "settle upstairs". */
export const has = (u: Utterance, ...phrases: string[]): boolean => phrases.some((phrase) => u.padded.includes(` ${phrase} `));
/** Whether the pattern matches the utterance (not run where a word it needs is not said). */
// (The padded text's words are its tokens: the spaces around them hold no word.)
export const matches = (u: Utterance, pattern: RegExp): boolean => (u.words ??= new Words(u.padded, u.tokens)).test(pattern);
const isExactly = (u: Utterance, ...phrases: string[]): boolean => phrases.some((phrase) => u.padded === ` ${phrase} `);

/** Politeness and filler around a short answer: "yes please", "the first one thanks". */
const POLITE = / (please|thanks|thank you|then|maya|actually|oh|um|uh|well|okay|yes|sure|just|hmm)(?= )/g;
export const core = (u: Utterance): string => u.padded.replace(POLITE, "").replace(/\s+/g, " ").trim();

const namesDrink = (u: Utterance): boolean => u.order.drafts.length > 0;
/** A drink named by name, ordered or talked about ("tell me about the classic brew": no mood "classic"). */
const namesSpecificDrink = (u: Utterance): boolean => [...u.order.drafts, ...u.order.topics].some((draft) => draft.category === null);

// ---------------------------------------------------------------------------
// Payment status

const PAYMENT_STATUS = oneOf([
  / (did|has|have|was|is|does) .*\b(go|gone|went|get|got|gotten|come) through /,
  / payment (go|went|gone|get|got) through /,
  / payment (status|state) /,
  / status of (my |the |that )?(payment|checkout|charge|transaction) /,
  / (did|has|have|was|is) (my |the |that )?(payment|charge|card|checkout|transaction) .*\b(work|worked|succeed|succeeded|successful|clear|cleared|done|complete|completed|processed|accepted|declined|fail|failed|okay|finished|pending|approved|ok|go ok|went ok|through) /,
  / (did|have) i (already )?(pay|paid) /,
  / am i (all )?paid( up)? /,
  / (has|have|is|was) (it|that|this|everything|my tab|the tab|my bill|the bill) (all )?(been )?(paid|settled) /,
  / (was|did) (i|my card) (get )?charged /,
  / did you (get|receive) (my|the) (payment|money) /,
  / (did|has) (it|that) (work|worked|succeed|succeeded) /,
  / (cancel|stop|check on|check) (my |the )?payment /,
  / (update|news) (on|about) (my |the )?payment /,
  / happened (to|with) (my |the )?payment /,
  / where is my (payment|receipt) /,
]);

// ---------------------------------------------------------------------------
// Paying, the tab, the balance

/** Splitting is talk of paying too: "we'll split it later" is not a payment (money-talk.ts reads when). */
const SPLITTING = / split (it|this|that|everything|up|the (bill|check|tab)) /;
const HOW_MUCH_TO_PAY = / how much (do |will |would |did |should |shall |must )?(i|we) (have to |need to |got to |must |should )?(pay|be paying) /;
/** Asking to pay; "checkout" after a word of time is the hotel's ("before checkout"), after a number or praise a darts finish ("121 checkout", "what a checkout"), no request. */
const PAY_VERB =
  / (pay|paying) | (settle|settling) (up|the|my|our|it|everything|this|now|tab|bill|all) | (settle|square|sort) (me|us) (up|out)(?! with) | (square|settle) (it|things|everything|this|that|the tab|the bill)( all)? up(?! with) |^ ((now|ok|okay|right|so|alright|and|well) )*(let us |lets )?settle (please |now |then |up )*$| (i|we) (will|shall) settle(?! (for|with|in|into|down|on|back|a|an|the) )| (can|could|may) (i|we) settle(?! (for|with|in|into|down|on|back|a|an|the) )| (let us|lets) settle(?! (for|with|in|into|down|on|back|a|an|the) )| (i|we) (would like|want|need|wanna) to settle(?! (for|with|in|into|down|on|back|a|an|the) )| ready to (settle|pay) | wrap (up )?(the|my|our|this) (tab|bill|check)( up)? | (can|could|may) (i|we) fix up | (i|we) will fix up | fix up (now|please|then)? ?$| process (the|my|our) payment | take (the |my |our )?payment | run (my|the|our) card | get (this|it|that|the bill|the tab|everything) (paid|settled) | (is|are) (getting|grabbing|covering) (this|that)( one| round)? $| (close|closing) (out|up) | close (my|the|our|this) (tab|bill|check|account) | shut (down )?(my|the|our|this) (tab|bill|check|account) | (close|closing) (it|me|us|this|everything) (all )?(out|up) |^ ((no|yes|okay|ok|just|then|so|and|right|alright|fine|please) )*close (it|this|that|tab|bill|check)( now| please| then| thanks| ta| cheers)* $| (and|then) close (it|this|that)( now| please| then)* $| cash (me |us )?out | (?<!(before|after|until|till|by|at|around|from|since|during|need \w+ to|needs \w+ to|needed \w+ to|\d+|hundred|great|nice|big|what a|that) )check ?out(?! (the|your|this|these|that|what) )| ring (me|it|us) up | bill (me|us)( now| please| then)* $| square up | (put|charge|stick) (it|that|everything|it all|the lot|all of it)( through)? (on|to) (my|the) (card|wristband|band|phone) | (tap|scan|swipe|beep) (my|the|our) (wristband|band|card|phone) | charge (me|my card)(?! (a|an|one|two|three|four|five|for a|for an|for one|for two) ) /;
const BILL_NOUN = / (the|my|our) (check|bill) | (check|bill) please /;
const LOOKING_AT_BILL = / (what|how|see|show|look|read|tell|total|much|owe|is on|so far|review|view) /;

const BALANCE = oneOf([
  / balance /,
  / how much (money |cash |credit )?(do i have|have i got|i have|do i got|is left|is remaining|left|remaining|can i spend|can i still spend|i can spend|do i have left|have i left)(?! to )/,
  / (money|funds|credit|budget|cash) (left|remaining|available) /,
  / (what|how much|can) (can )?i (still )?afford /,
  / (my|the) (funds|budget|wallet) /,
  / how much (more )?can i (order|buy|get) /,
  / (how|what) am i (doing )?(for|on) (money|cash|funds) /,
  / (am i|i am) (running )?(low|out)( on (money|cash|funds))? /,
]);
/** Whether the balance covers a drink: "do I have enough for a martini?", "can I afford two IPAs?". */
const BALANCE_FOR = oneOf([
  / enough (money |cash |credit |funds |left |on my balance |on my card |in my balance )*(left )?(for|to (get|buy|order|have|cover)) /,
  // ("for the covers crew": after a determiner, a noun, no covering.)
  / (?<!(the|a|my|our|their|his|her) )(afford|cover|covers) /,
  / (is|will) (my )?(balance|money|credit) (be )?enough /,
]);

// ("how much are we at?": the running total, asked as where the guests are.)
const TAB_WORDS = / (tab|bill|total|receipt|damage|owe|subtotal|spent|tip|so far|running total|(the|my|our) check|altogether|all together|in all|(this|it|that|everything|all) (now )?together|how much (are|am) (we|i) (at|up to)) /;
const ORDER_REVIEW = / what (have|did|do) (i|we) (had|have|ordered|order|got|get) | (my|our) (order|orders|drinks) (so far )?$| what is (my|our) order | read (back )?(my|our) order | what am i (at|drinking) | where am i at /;

// ---------------------------------------------------------------------------
// Removing and changing

const REMOVE_VERB =
  // ("that's a good drop", "a drop of water in it": a drink or a little of one, taking nothing off.)
  // ("a neat IPA for my scrub tech", "by the bin": after a determiner the word is a noun, no verb.)
  // ("one of the lemonades off, my son's asleep": some of them off, the verb left unsaid.)
  / (?<!(my|his|her|their|our|your|the|a|an) )(remove|cancel|delete|scratch|scrap|scrub|ditch|bin|axe|(?<!(a|good|nice|lovely|decent|fine|great|cracking|grand|tasty|wee|last|every|fair) )drop(?! of)(?! ((it|that|this|them|those|these|the \w+|my \w+) )?(down )?to )|undo|nix|void|minus|forget|clear|empty|wipe|reset|lose) | strike (that|it|the|off|out|those|them) | (\w+) (less|fewer) | (?<!to )take (off|away|back|out)(?! (to|into|onto|for) (the|my|our|his|her|their|a|an) ) | start (over|again|afresh) | start from scratch | get rid of | (do not|does not|no longer|did not) want | changed my mind | take .* off | (knock|cross) (.* )?off | (take|send) (\w+ ){1,3}back(?! (to|into|onto|for|with|over|home|outside|upstairs|downstairs|there|here|later|when) ) | send back | (did not|never) (order|ordered|ask for|asked for) | (one|two|three|four|five|six|\d+) of (the|those|these|my|our) (\w+ ){1,2}off( |$)/;
const EVERYTHING = / (everything|all of it|all my drinks|all the drinks|the whole (order|tab|thing|lot)|(my|the) (whole |entire )?(order|tab|bill)|start (over|again|afresh)|start from scratch|all of them|all (that|this|those)|the lot|clear (my|the) tab|(clear|wipe|empty) (mine|ours)|(it|them|those|that) all) /;
const LAST_THING = / (that|it|this|those|them|these|the last one|my last (one|order|drink)|the last (order|drink|thing)|last order|last drink|the previous one|what i just ordered) /;
const DECLINE = / (never mind|nevermind|forget it|forget about it|forget that|no thanks|no thank you|not now|nothing|no|nope|cancel|cancel it|maybe later|i am good|skip it|i will pass|pass) /;

const CHANGE_CUE =
  // ("drop it to three", "knock it down to two": a new count, lower.)
  / (make|change|switch|bump|increase|decrease|reduce|lower|raise|turn|update|adjust) (it|that|this|those|them|the order|my order|that order|the last one)? .*| actually | instead | i meant | correction | (change|bump|increase|reduce|lower|raise|up|drop|cut|knock) .* to | (bump|put|take|bring) (it|that|this|those|them) (up|down) to |^ ((hmm|um|uh|no|oh|ok|okay|actually) )*(go |going |get |let us go )?back (down |up )?to (a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (\w+ )?$/;

const MODIFY_CUE = / (make|change|switch|turn) (it|that|this|them|those|mine|his|hers|theirs|ours|yours)( one)?( to| into)? | (can|could) (i|you) (get|have|make) (it|that|this|mine) | actually | instead | (i meant|sorry) /;

const USED_TO = / used to /;

function classifyModify(u: Utterance): Understanding | null {
  const unmade = u.order.negatedModifiers ?? [];
  // ("make it a single", "make it without the twist": only how it is no longer to be made.)
  if (u.order.drafts.length > 0 || (u.order.looseModifiers.length === 0 && unmade.length === 0) || !matches(u, MODIFY_CUE)) return null;
  // ("my Arthur used to make them shaken": how someone made them once, told; nothing to change.)
  if (matches(u, USED_TO)) return null;
  // ("make those up, with a twist": "up" right after the drinks pointed at is how to serve them.)
  const up: Modifier[] = matches(u, POINTED_UP) ? ["up"] : [];
  return { intent: "MODIFY", modifiers: canonicalModifiers([...u.order.looseModifiers.map((read) => read.modifier), ...up]), ...(unmade.length > 0 ? { unmade } : {}) };
}
/** "make them up", "those up": "up" said of drinks pointed at. */
// ("I've mixed them up", "I'll take it up": the verb's own "up", no way of serving.)
const POINTED_UP = new RegExp(`(?<! (${[...PHRASAL_UP].join("|")})) (it|them|those|these|both|all|mine|his|hers|that) up `);

/** A number said on its own ("make that three"), not the article of "make it a double". */
/** "five or six of those", "a dozen or so": the range said, which is asked, never guessed. */
/** (Only the words are read: a token list will do, "two or three more of these" read after the clauses.) */
export function spokenRange(u: Pick<Utterance, "tokens">): QuantityRange | null {
  for (let start = 0; start < u.tokens.length; start += 1) {
    const read = readQuantity(u.tokens, start);
    if (read?.range) return read.range;
  }
  return null;
}

export function spokenCount(u: Utterance): number | null {
  const shared = sharedOutCount(u.tokens);
  if (shared !== null) return shared;
  for (let start = 0; start < u.tokens.length; start += 1) {
    const token = u.tokens[start];
    const read = readQuantity(u.tokens, start);
    if (!read || ((token === "a" || token === "an") && read.length === 1)) continue;
    // "make it two or three": not one count; asked, never guessed.
    if (read.range) return null;
    // "make that 15 percent": an amount, not how many.
    if (AMOUNT_UNITS.has(u.tokens[start + read.length] ?? "")) return null;
    if (u.tokens[start + read.length] === "more") return null;
    // ("make my one up": whose drink, no count of it.)
    if (token === "one" && WHOSE.has(u.tokens[start - 1] ?? "")) continue;
    return read.value;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Questions about drinks

const PRICE = / (how much|damage for|price|prices|pricing|priced|cost|costs|costing|expensive|cheap|cheapest|priciest|pricey|what (does|would|will) .* (run|go for|set me back|come to|add up to)|(what|how much) do you (charge|ask)) /;
const FREE_DRINK = / (is|are) .* free /;
/** Asking what the bar has, with or without naming a drink. */
const MENU = oneOf([
  / menu /,
  / what (\w+ ){0,3}(do|does|else do|can) you (have|serve|got|offer|sell|pour|make|carry|stock) /,
  / what (have you got|is available|is on offer|is on tap|can i (get|order|have)|are (my|the) options|are (my|the|your) choices) /,
  / what you (have|have got|got|serve|offer|pour) /,
  / what (kind|kinds|sort|sorts|type|types) of /,
  / which (\w+ ){0,2}(do you have|are there|have you got|can i (get|have|order)|do you serve) /,
  / (list|show me|read|tell me|go through|name) (the |your |all |me |all the |all your )?(drinks|options|cocktails|beers|spirits|menu|selection|choices|soft drinks|non alcoholic) /,
  / (options|choices|selection|drinks list|drink list|wine list|cocktail list) /,
]);
/** Asking whether the bar has a drink: an answer even when it does not ("do you have wine?"). */
const AVAILABILITY = oneOf([
  / (do|can) you( guys| all| folks)? (have|serve|sell|carry|make|stock|do|get) (any )?/,
  / (have you|you) got (any )?/,
  / is there (a |an |any )/,
  /^ any /,
]);
/** Asking about a drink on the menu ("what's in a negroni?"). */
const ABOUT_DRINK = oneOf([
  / what (is|are) /,
  / (tell me about|describe|what does .* taste|how does .* taste|what is in|more about) /,
  / (is|are) (a |an |the |your )?\w+( \w+)? (good|strong|sweet|bitter|nice|any good|hoppy|fruity|cold|popular) /,
]);
const WHAT_QUESTION = /^ (what|which|do|does|is|are|have|any|tell|describe|how) /;

const RECOMMEND_CUE = oneOf([
  / (recommend|recommendation|recommendations|suggest|suggestion|suggestions|surprise me|dealer choice|dealers choice|bartender choice) /,
  / what is (good|best|nice|popular|your favorite|your favourite|the best|the house special|your special|tasty) /,
  / what (should|would|could) (i|we) (get|have|drink|order|try) /,
  / what would you (get|have|drink|pick|choose|try) /,
  / your (favorite|favourite|pick|specialty|speciality|special|best|signature) /,
  / (signature|house) (drink|cocktail|special) /,
  / what do you (like|suggest|fancy) /,
  / (popular|best seller|bestseller|house special) /,
  / (you pick|you choose|you decide|up to you|your call|whatever you like|whatever you think|anything you like) /,
  / (do not|not) (know|sure) what (to|i) /,
  / help me (choose|pick|decide) /,
  / in the mood for | i feel like something | i fancy something /,
  / (something|anything) /,
]);

const MOOD_PHRASES: ReadonlyArray<readonly [string, Mood]> = [
  ["non alcoholic", "no alcohol"], ["nonalcoholic", "no alcohol"], ["no alcohol", "no alcohol"],
  ["without alcohol", "no alcohol"], ["alcohol free", "no alcohol"], ["sober", "no alcohol"],
  ["virgin", "no alcohol"], ["mocktail", "no alcohol"], ["zero proof", "no alcohol"], ["driving", "no alcohol"],
  ["not drinking", "no alcohol"], ["nothing alcoholic", "no alcohol"], ["no booze", "no alcohol"],
  ["without booze", "no alcohol"], ["designated driver", "no alcohol"], ["not alcoholic", "no alcohol"],
  ["fruity", "fruity"], ["fruit", "fruity"], ["fruits", "fruity"], ["tropical", "fruity"], ["citrus", "fruity"],
  ["citrusy", "fruity"], ["tangy", "fruity"], ["zesty", "fruity"], ["fruitiest", "fruity"],
  ["classy", "classy"], ["elegant", "classy"], ["fancy", "classy"], ["sophisticated", "classy"], ["refined", "classy"],
  ["posh", "classy"], ["upscale", "classy"], ["classic", "classic"], ["classics", "classic"], ["timeless", "classic"], ["old school", "classic"],
  ["strong", "strong"], ["stiff", "strong"], ["boozy", "strong"], ["potent", "strong"],
  ["strongest", "strong"], ["stronger", "strong"],
  ["burning", "burning"], ["burn", "burning"], ["burns", "burning"], ["fiery", "burning"], ["fire", "burning"],
  ["kick", "burning"], ["spicy", "burning"],
  ["refreshing", "refreshing"], ["light", "refreshing"], ["crisp", "refreshing"], ["thirsty", "refreshing"],
  ["quench", "refreshing"],
  ["sweet", "sweet"], ["sugary", "sweet"], ["bitter", "bitter"], ["hoppy", "hoppy"], ["sour", "sour"],
  ["malty", "malty"], ["malt", "malty"], ["botanical", "botanical"], ["herbal", "botanical"], ["herby", "botanical"],
  ["party", "party"], ["celebrate", "party"], ["celebrating", "party"], ["wild", "party"],
  ["warm", "warming"], ["warming", "warming"], ["cozy", "warming"], ["smooth", "easy"], ["easy", "easy"],
  ["surprise me", SURPRISE], ["surprise", SURPRISE], ["anything", SURPRISE], ["dealer choice", SURPRISE],
  ["dealers choice", SURPRISE], ["you pick", SURPRISE], ["you choose", SURPRISE], ["up to you", SURPRISE],
  ["random", SURPRISE], ["whatever you like", SURPRISE], ["bartender choice", SURPRISE], ["your call", SURPRISE],
];

/** The mood phrases by their first word, with their place in MOOD_PHRASES (the first said wins). */
const MOODS_BY_FIRST_WORD: ReadonlyMap<string, readonly { rank: number; phrase: string; mood: Mood }[]> = (() => {
  const byFirst = new Map<string, { rank: number; phrase: string; mood: Mood }[]>();
  MOOD_PHRASES.forEach(([phrase, mood], rank) => {
    const first = phrase.split(" ")[0] as string;
    byFirst.set(first, [...(byFirst.get(first) ?? []), { rank, phrase, mood }]);
  });
  return byFirst;
})();

const FANCYING = new Set(["i", "we", "you", "they", "he", "she", "would", "do", "not", "really", "might", "also", "still"]);

/** The most specific mood said: a named one beats "surprise me"/"anything". */
function moodOf(u: Utterance): Mood | null {
  let best: { rank: number; mood: Mood } | null = null;
  let surprise = false;
  for (const token of new Set(u.tokens)) {
    // ("I'm not sure I fancy one myself": "fancy" after its subject is wanting, no mood.)
    if (token === "fancy" && FANCYING.has(u.tokens[u.tokens.indexOf(token) - 1] as string)) continue;
    for (const entry of MOODS_BY_FIRST_WORD.get(token) ?? []) {
      if (!has(u, entry.phrase)) continue;
      if (entry.mood === SURPRISE) surprise = true;
      else if (!best || entry.rank < best.rank) best = entry;
    }
  }
  return best?.mood ?? (surprise ? SURPRISE : null);
}

const REPEAT_CUE = / (another|again|same|one more|a second one|round|refill|ditto|repeat|top (me|it) (up|off)|keep (them|em|it) coming|hit me|encore) | (\w+) more (please )?$| (\w+) more (of )?(those|them|these|that|the same) /;
const REPEAT_NOT = new RegExp(
  // "the same as that couple": their drinks, named after it or asked about, not the guest's last order.
  ` (same|another) (one )?as (that|this|those|these|the|my|our|his|her|their|your) (best |old )?(${PERSON_NOUNS}|${PEOPLE_AROUND})\\b|` +
  / another (question|time|day|thing|place|bar|topic|hour|half hour|minute|moment|second|while|week|month|year|song|game|chance|look|go|try|delay|announcement) | (changed|change|changing) (my|our|his|her) mind again | same (here|to you) | (not|no|never) (another|again|more|one more) | (same|another) (one )?(of|as) (what|him|her|them) | what (is|was) .* again | (say|tell me) (that|it) again | (this|that|each|every|first|second|third|bonus|lightning|picture|music) round | round (\d+|num|one|two|three|four|five|six|seven|eight|nine|ten) | round (midnight|noon|lunchtime|teatime|the corner|the back|town) | round (starts|started|is over|ends|ended|begins|began) /.source,
);
/** "a round of crisps", "a round of applause": a round of something the bar does not pour, no drinks again. */
const roundOfSomethingElse = (u: Utterance): boolean =>
  u.tokens.some((token, at) => (token === "round" || token === "rounds") && u.tokens[at + 1] === "of" && u.tokens[at + 2] !== undefined && !ROUND_OF_DRINKS.has(u.tokens[at + 2] as string));
/** "one more run first", "one more song": more of something the bar does not pour ("one more, but neat" is more of the drink). */
const moreOfSomethingElse = (u: Utterance): boolean =>
  u.tokens.some(
    (token, at) =>
      token === "more" && u.tokens[at + 1] !== undefined && !MORE_OF_DRINKS.has(u.tokens[at + 1] as string) && isEnglishWord(u.tokens[at + 1] as string) && u.tokens[at + 1] !== "but" && readModifierAt(u.tokens, at + 1) === null,
  );
const MORE_OF_DRINKS = new Set(["exactly", "just", "like", "each", "cold", "quick", "large", "small", "big", "nice", "similar", "identical", "please", "round", "rounds", "drink", "drinks", "one", "ones", "of", "for", "then", "thanks", "shot", "shots", "pint", "pints", "glass", "glasses", "same", "again", "and", "too", "here", "over", "cheers", "mate", "love", "now", "the", "a"]);
/** "a round of crisps", "one more run": more of something the bar does not pour, no drink again. */
export const ofSomethingElse = (u: Utterance): boolean => roundOfSomethingElse(u) || moreOfSomethingElse(u);
const ROUND_OF_DRINKS = new Set(["the", "same", "drinks", "those", "them", "these", "that", "shots", "beers", "pints", "cocktails", "whatever", "everything", "what"]);
const SAME_AGAIN = / (same again|the same again|again|same) (on|for|with) /;
/** "same again on the jack": a thing named after "on" or "with" that is none of the words for the drinks. */
const SAME_AGAIN_ON_SOMETHING = / (same again|again|same) (on|with) (the|my|that) (?!(same|usual|drinks?|round|rounds|lot|beers?|pints?|cocktails?|shots?|ice|rocks|side|house|tab|bill|twist|chaser)\b)\w+ /;
const WHOLE_ORDER = / (round|same|again|repeat|ditto|same thing|keep (them|em) coming) /;

const ORDER_VERB =
  / (i will have|i will take|i will get|i will do|i would like|i would love|i would take|i want|i need|can i (get|have|order)|could i (get|have|order)|may i (get|have)|(give|get|bring|pour|make|fix|mix|do|grab) (me|us)|let me (get|have|try)|i am having|we will have|we would like|how about|what about|set me up with|order) /;

// ---------------------------------------------------------------------------
// Talk

const HELP = / (help|what can you do|what can i (say|do|ask)|how does (this|it) work|how do i (use|order|do)|instructions|commands|i am (lost|confused)|how do you work|what do you do) /;
const GOODBYE =
  / (bye|goodbye|good bye|see you|see ya|good night|goodnight|gotta go|got to go|have to go|need to go|must go|i am (leaving|off|heading out|out)|(head|heading) (out|off|home)|take care|farewell|catch you later|have a good (night|one|evening)|calling it a night|that is it for (me|tonight)|that is all for (me|tonight|now)|i am done for (the night|tonight)|later) /;
const GREET = / (hi|hello|hey|howdy|hiya|yo|greetings|good (morning|afternoon|evening)|evening|what is up|sup|hola|heya|hi there|hey there) /;

/** "do you take apple pay?", "can I pay by card?": how paying works, asked; no payment yet. */
const PAYING_HOW =
  // ("HR says we each pay our own": how the paying is shared, told, nothing paid now.)
  / (each|all|both) (pay|paying|pays) (our|their|your|his|her) own | (when|where|who|how) (do|does|should|must|will|would|can|is) (\w+ ){1,3}pay | (does|do|will|would) (the|my|our|his|her|their|your) \w+ pay | (do|can|will) you (guys )?(take|accept|do|support) (apple pay|google pay|samsung pay|contactless|tap|cards?|credit( cards?)?|debit( cards?)?|cash|amex|american express|visa|mastercard|paypal|venmo|checks?|cheques?|crypto|bitcoin) | (can|could|may) (i|we) pay (by|with|in|using) (?!(my |the |a )?(tab|bill|check|total)\b)(?!(\w+ )*(now|please) $)(\w+ ){1,3}|^ ((so|and|oh|um|also) )*is (it )?(paying|(ok|okay|alright|fine) to pay|(ok|okay|alright|fine) if (i|we) pay) (by|with|in|using) (card|cards|credit|debit|cash|contactless|apple pay|google pay|phone|amex|visa)( card)?( (ok|okay|alright|fine))? $| (do|must|should) (i|we) (have to |need to )?pay (now|first|up ?front|in advance|as (i|we) go) | or (do|should|must) (i|we) (have to |need to )?pay $| (is|does) (this|it|that) go(ing)? on (the|a|my|our) (company|work|office|group|room) (tab|card|account|bill) | (keep|run|start|open) a tab( going| open)? (?!with (?!((my|our|a|the|your) )?(card|credit|debit|phone|cash|amex|visa)))| how (does|do|will|would|is) (paying|payment|the payment|the bill|the tab|it) (work|done|handled) /;
/** A rule about tips, told: "the rule is...", "tips cap at...", "tips are capped at...". */
const TIP_RULE =
  / (rule|rules|policy) (is|says|are) | tips? (caps?|capped|are capped|max out|maxes out|top out|tops out) at | (says|said|thinks|reckons|told me|tells me) (that )?(i|we) (should|ought to|have to|must|need to) /;
/** "I'll pay you a compliment": an idiom of paying, no payment. */
const PAY_IDIOM = / pay (you |her |him |them |my |our |a |an |some )*(compliment|compliments|visit|attention|respects|tribute|no mind|it forward) /;

const SMALL_TALK: ReadonlyArray<readonly [RegExp, SmallTalkTopic]> = [
  [/ (how are you|how are things|how is it going|how is your (day|night|evening)|how you doing|how are you doing|how have you been|you doing okay) /, "HOW_ARE_YOU"],
  [/ (thank|thanks|cheers|appreciate|much obliged) /, "THANKS"],
  [/ (your name|who are you|what are you|are you (a |an )?(robot|human|ai|real|bot|person|machine)|are you real|who made you|about yourself|how long have you|where are you from|do you (like|enjoy) (your job|it here|working|bartending)) /, "WHO_ARE_YOU"],
  [/ (joke|make me laugh|something funny) /, "JOKE"],
  [/ (table|seat|chair|stool|spot) .*(free|taken|available|open|empty|occupied)|(sit|join) (here|you) /, "SEAT"],
  [/ (what time|when) (do|does|are) (you|the bar|this place) (close|open)| (closing|opening) time | last call | hours /, "HOURS"],
  [/ (restrooms?|bathrooms?|toilets?|loo|washrooms?|mens room|ladies room) /, "RESTROOM"],
  [PAYING_HOW, "PAYING_HOW"],
  [/ (you are|you re|this is|this place is|that is|that was|what a) (\w+ )?(great|awesome|the best|nice|amazing|lovely|funny|sweet|cool|wonderful|fantastic|brilliant|fun|good|delicious|tasty|perfect|excellent|incredible|superb) | (love|like) (this place|you|it here|the vibe|the music) | great (service|job|bartender) /, "COMPLIMENT"],
  [/ i am (tired|sad|happy|stressed|bored|exhausted|celebrating|lonely|excited|hungry|fine|good|great|okay) | (long|rough|hard|great|good) (day|week|night) /, "FEELING"],
];
const ACKNOWLEDGE =
  / (okay|alright|all right|cool|great|nice|awesome|perfect|sounds good|got it|sure|fine|yes|no|good|wonderful|lovely|excellent|right|understood|fair enough|wow|oh|hmm|i see|ah|no problem|sweet) /;

// ---------------------------------------------------------------------------

/** The drinks an utterance names; `stray` words count as drinks the bar does not have when true. */
/** "is the Old Fashioned made with bourbon?", "does the Long Island have tequila in it": the second drink is what is in the first. */
const INGREDIENT_OF = / DRINK (is |are )?(made |mixed |done )?(with|from|using) (\w+ )?DRINK | DRINK (have|has|contain|contains|use|uses|come with|comes with|got) (any )?(\w+ )?DRINK /;

export function subjectOf(u: Utterance, stray = true): Subject {
  const itemIds: string[] = [];
  let category: MenuCategory | null = null;
  const named = [...u.order.drafts, ...u.order.topics];
  for (const draft of INGREDIENT_OF.test(u.order.shape) ? named.slice(0, 1) : named) {
    if (draft.category !== null) {
      category ??= draft.category;
      continue;
    }
    for (const id of draft.candidates) if (!itemIds.includes(id)) itemIds.push(id);
  }
  return { itemIds, category, unknown: stray ? [...u.order.unknown, ...u.order.stray] : [...u.order.unknown] };
}

/** "take one plain martini off": of the drink made no special way, when there are others. */
function removeLines(u: Utterance): RemoveLine[] {
  const [only, ...others] = u.order.drafts;
  const plain = only !== undefined && others.length === 0 && only.modifiers.length === 0 && u.tokens.some((token) => PLAIN.has(token));
  return u.order.drafts.map((draft) => ({
    candidates: draft.candidates,
    category: draft.category,
    quantity: draft.quantitySaid ? draft.quantity : null,
    modifiers: draft.modifiers,
    ...(plain ? { plain: true as const } : {}),
  }));
}

/** "one Jameson off please", "the martini off": a drink counted or pointed at, then "off", with no verb: taken off. */
const BARE_OFF = /^ ((and|oh|ok|okay|actually|so|just|right) )*(one|two|three|four|five|a|an|the|that|num) (MOD )?DRINK off( please| thanks| then| too)* $/;

/** The drinks had, wanted a way the bar does not note: "make the IPAs extra cold", "make my negroni strong". */
const WANTED_SO = /^ ((so|and|oh|just|please|can you|could you) )*(make|keep|get) (the|my|our|those|these|that|his|her|their) (MOD )*DRINK ((extra|nice|really|very|super|nice and) )?(cold|colder|ice cold|hot|warm|strong|stronger|weak|weaker|sweet|sweeter|big|bigger|quick|fizzy|cool|chilled|frosty)( please| thanks| for me)* $/;

function classifyRemove(u: Utterance): Understanding | null {
  if (!matches(u, REMOVE_VERB) && !BARE_OFF.test(u.order.shape)) return null;
  if (namesDrink(u)) return { intent: "REMOVE", target: { kind: "LINES", lines: removeLines(u) } };
  if (matches(u, EVERYTHING)) return { intent: "REMOVE", target: { kind: "EVERYTHING" } };
  if (matches(u, LAST_THING) || isExactly(u, "undo", "scratch")) {
    // "scratch one of those": a number said takes that many off the last order, not all of it.
    return { intent: "REMOVE", target: { kind: "LAST_ORDER", quantity: spokenCount(u) } };
  }
  if (matches(u, DECLINE) || isExactly(u, "forget")) return { intent: "CANCEL", itemIds: [] };
  return null;
}

/**
 * "swap the martini for a manhattan", "change the IPA to a lager", "make the negroni a manhattan", "can Tom's lemonade be an
 * iced tea"; "swap her cosmo for a daiquiri" (not "make her a negroni": for her); "swap Dave's coke for a lemonade" (whose
 * drink, by name, its "'s" gone in the words).
 */
const REPLACE_NAMED = / (change|switch|swap|replace|turn|make|exchange|trade) (the|my|that|those|these|this|our) | (change|switch|swap|exchange|trade) (?!(it|that|this|them|those|these|me|us|him|her|seats|places|tables|sides|over|round|out)\b)[a-z]+ (\w+ ){1,2}(for|to|with|into) (a|an|one|two|three|the|some) | (change|switch|swap|replace|exchange|trade) (his|her|their) | (change|switch|swap|replace|exchange|trade) (a|an|one|two|three|four|five|six|\d+) |^ ((so|and|actually|oh|but) )*(can|could) (the|my|that|this|his|her|their|our|\w+) (\w+ ){1,3}be (a|an|one) /;
/** "change it to a negroni", "switch to an IPA", "a lemonade instead". */
const REPLACE_LAST = / (change|switch|swap|turn) ((it|that|this|them|those|my order|the order|my drink|it over) )?(to|for|into|with) | instead /;

/** "an IPA instead of the lager": the drink named before "instead of" is the new one (the one after it is replaced). */
export function namesNewDrinkFirst(u: Utterance): boolean {
  const instead = u.order.shape.indexOf(" instead of ");
  return instead >= 0 && u.order.shape.indexOf(" DRINK ") < instead && u.order.shape.indexOf(" DRINK ") >= 0;
}

/** A replacement of a drink already ordered, or null. */
function classifyReplace(u: Utterance): Understanding | null {
  const drafts = u.order.drafts;
  const [first, second, ...rest] = drafts;
  const line = (draft: ParsedOrder["drafts"][number]): RemoveLine => ({
    candidates: draft.candidates,
    category: draft.category,
    quantity: draft.quantitySaid ? draft.quantity : null,
    modifiers: draft.modifiers,
  });
  if (first && second && rest.length === 0) {
    if (matches(u, REPLACE_NAMED) || (matches(u, / instead of /) && has(u, "instead of"))) {
      // "swap the martini for a manhattan", "instead of the manhattan, a martini": the old drink first;
      // "she wants an IPA instead of the lager": the new one first.
      const [target, replacement] = namesNewDrinkFirst(u) ? [second, first] : [first, second];
      // ("a sprite instead of her coke" after two cokes: said in the singular, one of them.)
      const singular = !target.quantitySaid && !target.heading;
      return { intent: "REPLACE", target: { kind: "NAMED", line: { ...line(target), quantity: singular ? 1 : line(target).quantity } }, drafts: [replacement], unknown: u.order.unknown };
    }
  }
  // "make my whiskey a double": the same drink, made another way.
  if (first && !second && first.modifiers.length > 0 && matches(u, REPLACE_NAMED)) {
    const target = { ...line(first), quantity: null, modifiers: [] };
    return { intent: "REPLACE", target: { kind: "NAMED", line: target }, drafts: [{ ...first, quantitySaid: false }], unknown: [] };
  }
  // ("make one of the vodkas neat instead": some units of a drink made another way, read as said without "instead".)
  if (first && matches(u, REPLACE_LAST) && !matches(u, / instead of /) && !UNITS_MADE_INSTEAD.test(u.order.shape)) {
    return { intent: "REPLACE", target: { kind: "LAST_ORDER" }, drafts, unknown: u.order.unknown };
  }
  return null;
}

const UNITS_MADE_INSTEAD = / (one|two|three) of (the|those|these|my|our) DRINK (MOD )+instead( please| then| thanks)* $/;

/** "just one", "just two please": a new count for the last order, said on its own. */
const JUST_A_COUNT = /^ ((so|ok|okay|well|right|then|oh) )*(just|only) (the )?(\w+)( of (those|them|these))?( please| then| thanks| actually| after all| now| instead| for now)* $/;

/** "... too", "... as well": asked for besides what was asked before. */
export const ASKED_AS_WELL = / (too|as well)( |$)/;

/** "make the lemonades 40", "can you make those IPAs six", "make the IPAs forty-five": a drink already poured, and its new count after it. */
const NAMED_NEW_COUNT = / (make|change|bump|turn|put) (the|those|these|my|our|his|her|their) DRINK (to )?\S+( (and )?\S+)?( please| then| now| instead| actually)* $/;

function classifyChange(u: Utterance): Understanding | null {
  // ("make one of the vodkas neat instead": how some units are made, no new count.)
  if (UNITS_MADE_INSTEAD.test(u.order.shape)) return null;
  const recounted = NAMED_NEW_COUNT.test(u.order.shape) && u.order.drafts.length === 1 && u.order.drafts[0]?.quantitySaid === true;
  if (!matches(u, CHANGE_CUE) && !matches(u, JUST_A_COUNT) && !recounted) return null;
  // ("actually pour me one of those vodkas too": one more, asked as well, sets no count.)
  if (!recounted && matches(u, ASKED_AS_WELL)) return null;
  const count = spokenCount(u);
  if (count === null) return null;
  const named = u.order.drafts.find((draft) => draft.category === null);
  if (named) return { intent: "CHANGE_QUANTITY", itemIds: named.candidates, quantity: count };
  // ("actually make the beers five": the beers on the tab, whichever they are.)
  const [kind, ...others] = u.order.drafts;
  if (recounted && kind && others.length === 0) return { intent: "CHANGE_QUANTITY", itemIds: kind.candidates, quantity: count };
  if (u.order.drafts.length > 0) return null;
  return { intent: "CHANGE_QUANTITY", itemIds: null, quantity: count };
}

/** Words after "another" that still mean a drink: "another one", "another round", "another cold one", "another for me". */
const MORE_OF_THE_DRINK = new Set([
  "one", "ones", "round", "rounds", "drink", "drinks", "of", "please", "for", "too", "time", "same", "then", "thanks", "again", "pint", "glass", "shot",
  "bottle", "can", "double", "single", "cold", "quick", "small", "large", "big", "mate", "love", "here", "now", "and", "the", "that", "just", "each",
  "all", "cheers", "when", "while", "before", "if", "i", "we", "refill", "top", "little", "wee", "tiny", "cheeky", "last", "final", "like", "as",
  "with", "but", "on", "in", "from", "made", "done", "served", "exactly", "identical", "similar",
]);

/** "another candle", "one more chair": another of something the bar does not pour, no drink. */
function anotherThing(u: Utterance): boolean {
  return u.tokens.some((token, at) => {
    const after = token === "another" ? u.tokens[at + 1] : token === "more" && u.tokens[at - 1] === "one" ? u.tokens[at + 1] : undefined;
    return after !== undefined && !MORE_OF_THE_DRINK.has(after) && !after.endsWith("ly") && isEnglishWord(after) && readModifierAt(u.tokens, at + 1) === null && readQuantity(u.tokens, at + 1) === null;
  });
}

/** Words before "again" that still point at the drinks: "the usual again", "that again", "hit me again". */
const AGAIN_OF_THE_DRINK = new Set(["usual", "regular", "it", "this", "them", "those", "these", "em", "mine", "ours", "order", "lot", "me", "us", "over", "yes", "yeah", "okay", "ok", "so", "then", "and", "oh"]);

/**
 * "number 9 again!", "the ref again": someone or something named, happening again, no drink poured again.
 * Only "again" said right after a noun the bar does not pour, or after a number that is no count.
 */
function somethingElseAgain(u: Utterance): boolean {
  const at = u.tokens.indexOf("again");
  const before = u.tokens[at - 1];
  if (at < 1 || before === undefined || u.tokens.some((token) => token === "same" || token === "another")) return false;
  if (before === NOT_A_COUNT || (readQuantity(u.tokens, at - 1) !== null && u.tokens[at - 2] === "number")) return true;
  return isEnglishWord(before) && !MORE_OF_THE_DRINK.has(before) && !AGAIN_OF_THE_DRINK.has(before) && readModifierAt(u.tokens, at - 1) === null && readQuantity(u.tokens, at - 1) === null;
}

function classifyRepeat(u: Utterance): Understanding | null {
  // ("another straw for the lemonade": another of what the bar hands over, no drink.)
  if (namesDrink(u) || !matches(u, REPEAT_CUE) || matches(u, REPEAT_NOT) || u.tokens.some((token) => SUPPLIES.has(token)) || ofSomethingElse(u) || anotherThing(u) || somethingElseAgain(u)) return null;
  // "same again on the pints": the drinks named, as they were poured.
  const named = u.order.topics.filter((topic) => topic.category === null).flatMap((topic) => topic.candidates);
  if (named.length > 0 && matches(u, SAME_AGAIN)) return { intent: "REPEAT_ORDER", scope: "ORDER", quantity: null, itemIds: [...new Set(named)] };
  // ("same again on the jack": again of something named that Maya cannot place; asked, never the whole last order.)
  if (named.length === 0 && u.order.topics.length === 0 && matches(u, SAME_AGAIN_ON_SOMETHING)) return null;
  const oneDrink = !has(u, "round", "rounds") && (matches(u, / (another|one more|refill) /) || matches(u, / \w+ more /));
  if (oneDrink || !matches(u, WHOLE_ORDER)) return { intent: "REPEAT_ORDER", scope: "LINE", quantity: u.order.looseQuantity };
  return { intent: "REPEAT_ORDER", scope: "ORDER", quantity: null };
}

/** "this trio is something else": praise, asking for nothing. */
const PRAISED_AS_SOMETHING_ELSE = / (is|are|was|were|be) (really |just |truly )?something else /;

/** "that's strong", "this is so sweet", "it was a bit bitter": a drink at hand described. */
// ("hmm, sounds bitter": said of the drink Maya just described, its subject left out.)
const SAID_OF_THE_ONE_IN_HAND =
  /^ ((whoa|wow|ooh|oh|god|blimey|jeez|phew|ha|hah|yeah|mm|mmm|hmm|hm|um|ugh) )*((that|this|it) (is|was|tastes|feels|sounds|looks|seems)|sounds|looks|seems|tastes) ((so|really|very|pretty|quite|a bit|a little|too|way too|super|seriously|properly|kind of|kinda) )*\w+( (one|stuff|drink))?( though| actually| wow| to me)? $/;

function classifyRecommend(u: Utterance): Understanding | null {
  const mood = moodOf(u);
  const category = u.order.drafts.find((draft) => draft.category !== null)?.category ?? null;
  // "something classic": a mood word right after "something" is a mood even when it also names a drink.
  // "something with gin": advice around a drink, not an order of it.
  const afterSomething =
    has(u, "something", "anything") &&
    (MOOD_PHRASES.some(([phrase]) => has(u, `something ${phrase}`, `anything ${phrase}`)) || matches(u, / (something|anything) (with|made with|that has|based on) /));
  if (afterSomething) {
    return { intent: "RECOMMEND", mood, category };
  }
  const cue = matches(u, RECOMMEND_CUE) && !matches(u, PRAISED_AS_SOMETHING_ELSE);
  if (cue && !namesSpecificDrink(u)) return { intent: "RECOMMEND", mood, category };
  // "what non alcoholic drinks do you have?" lists a category; a mood alone asks for advice.
  const listing = category !== null && matches(u, MENU);
  // ("whoa, that's strong": said of the drink in hand, a remark, not a wish for one.)
  if (mood !== null && !namesSpecificDrink(u) && !listing && !matches(u, SAID_OF_THE_ONE_IN_HAND)) return { intent: "RECOMMEND", mood, category };
  if (cue && has(u, "recommend", "suggest", "surprise me")) return { intent: "RECOMMEND", mood, category };
  return null;
}

function classifyMenu(u: Utterance): Understanding | null {
  const subject = subjectOf(u);
  const aboutMenu = subject.itemIds.length > 0 || subject.category !== null;
  const cue = matches(u, MENU);
  const available = (aboutMenu || subject.unknown.length > 0) && matches(u, AVAILABILITY);
  const question = aboutMenu && (matches(u, ABOUT_DRINK) || matches(u, WHAT_QUESTION));
  if (!cue && !available && !question) return null;
  if (matches(u, ORDER_VERB) && namesSpecificDrink(u) && !has(u, "menu")) return null;
  // "what about a beer?": a suggestion to pour one, even of a family of drinks.
  if (has(u, "what about", "how about") && namesDrink(u)) return null;
  const quality = QUALITY_ASKED.exec(u.padded)?.[3] as DrinkQuality | undefined;
  return { intent: "MENU", subject, ...(quality && subject.itemIds.length === 1 ? { quality } : {}) };
}

/** "is it strong?", "is the manhattan very sweet": asked of one drink, what it is like. */
const QUALITY_ASKED = /^ ((and|so|but|ok|okay|hmm) )*(?:is|are) .*?\b(?:very |too |really |that |quite |super )?(strong|sweet|bitter|fruity|refreshing)( at all| or not)? $/;

function classifyOrder(u: Utterance): Understanding | null {
  const { drafts, unknown, stray } = u.order;
  if (drafts.length > 0 || unknown.length > 0) return { intent: "ORDER", drafts, unknown };
  if (stray.length > 0 && (matches(u, ORDER_VERB) || has(u, "please"))) return { intent: "ORDER", drafts, unknown: stray };
  return null;
}

export function classifySmallTalk(u: Utterance): Understanding | null {
  for (const [pattern, topic] of SMALL_TALK) if (matches(u, pattern)) return { intent: "SMALL_TALK", topic };
  return null;
}

/** The intent of an utterance with no question pending (or one that did not answer it). */
export function classify(u: Utterance): Understanding {
  if (u.tokens.length === 0) return { intent: "UNKNOWN" };
  if (matches(u, PAYMENT_STATUS)) return { intent: "PAYMENT_STATUS" };

  // "our rule is tips cap at fifteen percent": a rule told, no tip set.
  const tip = matches(u, TIP_RULE) ? null : readTip(u);
  // Paying later, on a condition or by someone else is talk of paying, not a payment.
  if (matches(u, PAYING_HOW)) return { intent: "SMALL_TALK", topic: "PAYING_HOW" };
  // (The paying patterns are long and each is asked about more than once below: run once.)
  const payVerb = matches(u, PAY_VERB);
  const billNoun = matches(u, BILL_NOUN);
  const aboutPaying = (payVerb && !matches(u, PAY_IDIOM)) || billNoun || isExactly(u, "check", "bill") || matches(u, SPLITTING);
  const payingNow = aboutPaying && asksToPayNow(whenPaying(u));
  // "A 15% tip and close me out": both in one breath, the tip first, then the payment.
  if (tip && payingNow && tip.tip !== null && !matches(u, HOW_MUCH_TO_PAY)) return { intent: "PAY", tip };
  // "pay the bill including the tip": the tip already set, named in passing.
  if (tip && payingNow && tip.tip === null && payVerb && !matches(u, HOW_MUCH_TO_PAY)) return { intent: "PAY" };
  if (tip) return { intent: "SET_TIP", ...tip };
  if (aboutPaying && !payingNow) return PAYING_LATER;
  if (payVerb && !matches(u, HOW_MUCH_TO_PAY) && !matches(u, PAY_IDIOM)) return { intent: "PAY" };
  if ((billNoun || isExactly(u, "check", "bill")) && !matches(u, LOOKING_AT_BILL)) return { intent: "PAY" };

  if (matches(u, BALANCE_FOR) && (namesDrink(u) || u.order.looseQuantity !== null || has(u, "round", "another", "drink", "drinks", "it", "that", "this", "one", "those", "them"))) {
    return { intent: "SHOW_BALANCE", asked: u.order.drafts };
  }
  if (matches(u, BALANCE)) return { intent: "SHOW_BALANCE", asked: [] };

  // ("make my IPA cold please", "keep the lagers coming cold": how the drinks had are wanted, no serving the bar
  // keeps and no more of them.)
  if (WANTED_SO.test(u.order.shape)) return { intent: "SMALL_TALK", topic: "ACKNOWLEDGE" };
  const removal = classifyRemove(u);
  if (removal) return removal;
  const replacement = classifyReplace(u);
  if (replacement) return replacement;
  const change = classifyChange(u) ?? classifyModify(u);
  if (change) return change;

  if ((matches(u, TAB_WORDS) || matches(u, HOW_MUCH_TO_PAY)) && !namesDrink(u)) return { intent: "SHOW_TAB" };
  if (matches(u, ORDER_REVIEW)) return { intent: "SHOW_TAB" };

  if (matches(u, PRICE) || (matches(u, FREE_DRINK) && namesDrink(u))) return { intent: "PRICE", ...(extremeAsked(u) ?? { subject: subjectOf(u) }) };

  const recommendation = classifyRecommend(u);
  if (recommendation) return recommendation;
  if (matches(u, HELP) && !namesDrink(u)) return { intent: "HELP" };
  const menu = classifyMenu(u);
  if (menu) return menu;
  const repeat = classifyRepeat(u);
  if (repeat) return repeat;
  const order = classifyOrder(u);
  if (order) return order;
  // "Could I have a second to look at the gin?": the drink is what the guest wants to know about.
  if (u.order.topics.length > 0) return { intent: "MENU", subject: subjectOf(u) };

  if (matches(u, HELP)) return { intent: "HELP" };
  if (matches(u, GOODBYE)) return { intent: "GOODBYE" };
  const smallTalk = classifySmallTalk(u);
  if (smallTalk) return smallTalk;
  if (matches(u, GREET)) return { intent: "GREET" };
  if (matches(u, DECLINE) && !isExactly(u, "no")) return { intent: "CANCEL", itemIds: [] };
  if (matches(u, ACKNOWLEDGE)) return { intent: "SMALL_TALK", topic: "ACKNOWLEDGE" };
  return { intent: "UNKNOWN" };
}

export { DECLINE, ORDER_VERB, REMOVE_VERB, REPEAT_CUE };
