/**
 * Dialogue acts, clause by clause. The utterance is cut into clauses
 * (segmentation.ts), and each clause gets one act from its features, read on
 * its "shape" (the clause with drinks written DRINK and modifiers MOD, so one
 * pattern serves every drink; order-parser.ts writes it while reading the
 * drinks): question form (a wh-word, an auxiliary before its subject, a
 * question mark), the subject (I, someone else, a drink, "that"), tense (the
 * past, "used to", "have had"), modality (a wish, "if", "would", "might",
 * "maybe", "later"), opinion words, and negation with its scope (a drink or a
 * wish after "not", "never", "no more", "don't"). Only a REQUEST (or a "yes"
 * to Maya's own offer, handled in answers.ts) may change the tab.
 */
import { PEOPLE_AROUND, PERSON_NOUNS } from "./people.js";
import { ASKED_AS_WELL, matches, utteranceOf, type Utterance } from "./intents.js";
import { isEnglishWord } from "./english.js";
import { CONTAINERS, editDistance, matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import { QUOTE_MARK, SAYING_VERBS, type Pause, type ReadText } from "./normalise.js";
import { readQuantity } from "./numbers.js";
import { lexiconAt } from "./lexicon.js";
import { NOT_A_COUNT } from "./entities.js";
import { readModifierAt } from "./modifiers.js";
import { oneOf } from "./patterns.js";
import { Words } from "./word-gates.js";
import { askedFrom, AUX, markerAt, PAST_TIME, PREDICATES, RELATIVE_WHO, segment, WH, WORDS_ABOUT, type RepairCue, type RepairStrength } from "./segmentation.js";
import type { Tag, Tagged } from "./tagging.js";

export type DialogueAct =
  /** Asks Maya to do something: pour, take off, change, pay, tip; a bare drink; a continuation ("and a soda"). */
  | "REQUEST"
  /** Asks for information ("is the negroni strong?", "do I have enough for a martini?"). */
  | "QUESTION"
  /** Tells something: the past, other people, an opinion, a hypothetical, hesitation, "later". */
  | "STATEMENT"
  /** Refuses or negates a drink ("I'm not having the manhattan", "no more IPAs for me"). */
  | "DECLINE"
  /** A yes or a no on its own. */
  | "ANSWER"
  /** Takes back or changes what was just said ("no wait", "I mean", "scratch that", "make that two"). */
  | "REPAIR"
  /** Anything else: greetings, thanks, feelings, the tab, paying. */
  | "CHAT";

export type StatementKind = "PAST" | "OTHER" | "OPINION" | "HYPOTHETICAL" | "TENTATIVE" | "LATER" | "HABIT";

/** How the guest feels about the drink they mentioned: an offer only follows FOR or NEUTRAL. */
export type Stance = "FOR" | "AGAINST" | "NEUTRAL";

export interface Repair {
  cue: RepairCue;
  strength: RepairStrength;
  /** The cue's words ("no wait", "make that"). */
  said: string[];
  /** What follows the cue: the new version, if any. */
  body: string[];
}

export interface Clause {
  tokens: string[];
  /** The clause read for drinks and intents (intents.ts), once. */
  utterance: Utterance;
  /** Ends with a question mark. */
  asked: boolean;
  act: DialogueAct;
  kind: StatementKind | null;
  stance: Stance;
  repair: Repair | null;
  answer: "YES" | "NO" | null;
  /** Drinks, modifiers or counts only ("two martinis, dirty"): a fragment continues the request before it. */
  fragment: boolean;
  /** Names at least one drink on the menu. */
  namesDrink: boolean;
  /** Has a verb of its own, as the tagger reads it ("flight 447 is delayed again"): no bare request. */
  hasVerb?: boolean;
}

// ---------------------------------------------------------------------------
// Word lists

// Patterns the act rules test, compiled once.
const NOT_BAD = / not (bad|too bad|half bad) /;
const REMOVAL_WORDS = / (changed my mind|anymore|any more|after all) /;
const WANTING = / (want|need|mind|order) /;
// ("do the 20 percent tip": a command; "do the martinis come with olives?" asks.)
const AUXILIARY_FIRST = /^ (?!do (the|a|an) (\w+ ){0,2}(percent|dollars?|bucks?|tip|fiver|tenner)\b)(?!have (a|an|some) )(do|does|did|is|are|was|were|can|could|would|will|should|shall|have|has|may|might|am) (i|you|we|they|he|she|it|there|that|this|these|those|the|a|an|my|your|our|DRINK|any|anyone|anybody|ya|people|folks|everyone|everybody|someone|somebody|most|many|(table|seat|booth|room|rm|sunbed|lounger|cabana) num) /;
const WONDERING = /^ ((\w+ ){0,4}(am |was |were |is |are ))?(i )?(wonder|wondering|wondered) (what|how|whether|which|if) /;
const CONDITION = /^ (if|whether|what if|suppose|supposing|imagine|(say|let us say|lets say) (i|we|you|that)|(were|had) (i|we|you|he|she|they)) /;
/** "I promised my wife", "I told the guys": a clause that reports what the next one says. */
const REPORTING = /^ (i|we|he|she|they) (promised|swore|told|said to|bet|warned) (\w+ ){0,2}$/;
const REPORTED_WISH = /^ (i|we) (would|will|was going to|were going to|am going to|are going to) /;
/** "I don't need it", "we don't want them": what is pointed at, not wanted. */
const NOT_NEEDED = /^ ((and|but|so|oh|because|cause) )?(i|we|she|he|they) (do not|does not|really do not|no longer) (need|want) (it|that|this|them|those|these|one)( (any ?more|anymore|now|after all))? $/;
/** "I've got it", "we've got this": the guest taking something on (the bill, most often), no drink. */
const TAKEN_ON = /^ (i|we) (have )?got (it|this|that)( one)? /;
/** "she spilled the lemonade", "the dog knocked my pint over": what happened to a drink, told. */
const ACCIDENT_TOLD = /^ (he|she|they|it|someone|somebody|(the|my|our|his|her|their) \w+) (just |already |totally )?(spilled|spilt|knocked|dropped|broke|smashed|tipped|kicked|sent) /;
/** A clause of its own that makes the next one a supposition: "say, I wanted two manhattans...". */
// ("if | I wanted a daiquiri, how sweet is it?", "suppose | I wanted ...": a condition cut off before "I wanted" supposes it too.)
const SUPPOSING = /^ (okay |so )?(say|let us say|lets say|hypothetically|theoretically|in theory|just hypothetically|if|what if|suppose|supposing|imagine) $/;
const IF_I_CAN_GET = /^ (if|what if) (i|we) (can|could) (get|have) /;
const ASKING_WORD = / (what|how much|how) /;
const THANKS_FOR = /^ (thanks|thank you|cheers) (so much |again |a lot )?for /;
/** "three martinis already": drinks had so far ("one IPA for him already" pours one ahead, for someone). */
const ALREADY = / (?<!for (him|her|them|us|me|PERSON) )(already|so far) /;
/** "two martinis in and I can't feel my face": drinks had, counted. */
const DRINKS_HAD = / DRINK in (and |now |tonight |$)/;
/** "put two martinis in for us": an order put in. */
const PUT_IN = /^ (put|get|send|ring|order) /;
const HAVE_TO = / i (had|have) (to|got to) /;
const HABITUAL = / (drinking|always|usually|only|never) /;
const NAMES_DRINK = / DRINK /;
const REAL_CONDITION = /^ if (you|ya|you guys) (have|got|do|serve|make|can|still have|carry|sell|know how to) |^ if (that|it|this) is (okay|ok|fine|possible|alright|all right)/;
/**
 * Asked of a drink without a verb: "the IPA any good?", "negroni strong?", "any beers?": how it is, or
 * whether there is one, not a drink ordered ("a martini, dirty?" and "two IPAs?" still ask for them).
 */
// ("a cosmo, on a trawler?": the drink doubted where it would be drunk; "on the rocks" is how it is made.)
const ASKED_OF_A_DRINK = /^ ((a|an|the) )?DRINK (MOD )*(on|at|in|aboard) (a|an|the|this|that|my|our) (?!(rocks|side|house|tap)\b)(\w+ ){1,2}$| DRINK (any |very |really |too |that |pretty )?(good|nice|decent|strong|sweet|bitter|boozy|fruity|smooth|popular|fresh|cold|worth it|ok|okay|any good|good here|strong here) $|^ any (more )?DRINK | (more|less|cheaper|dearer|pricier|stronger|weaker|sweeter|bigger|smaller|better|worse|colder|lighter|darker|(?!(rather|other) )[a-z]+er) than (a |an |the |that |your )?DRINK /;
/** A drink as the first in a long while: "first pint in twelve days", "my first martini in a year". */
const FIRST_IN_A_WHILE = /^ ((my|the|our) )?first DRINK (in|for) ((num|a|an|two|three|four|five|six|ten|twelve|many|ages|\w+) )?(days?|weeks?|months?|years?|ages|while|time|age|fortnight|season|trip|decade|century) (?!.*\b(please|thanks)\b)/;
/** Courtesy said as a condition: "if it's no trouble", "if you'd be so kind", "if it's all the same to you". */
const POLITE_CONDITION =
  /^ (and |but )?if (it is|that is|this is) (no trouble|not too much (trouble|bother)|not too late|all the same|not a bother|no bother|(alright|all right|ok|okay|fine)( with you)?( $| please))|^ (and |but )?if you (would|could) be so kind|^ (and |but )?if you (do not|would not) mind|^ (when|whenever) you (get|have) a (sec|second|moment|minute|chance)|^ (and |but )?if (possible|you please|you can|you could) |^ (and |but )?if you (would|will)( please)? $/;
const ABOUT_THE_DRINK = /^ (what|how) about (the|that|this|your) (\w+ )?DRINK $/;
const HAVING_GOT = /^ (i|we) (have |has )?got (?!to )(a|an|some|my|our|the|this|that|num|no|\w+ing) |^ (i|we) have (a|an|my|our|no|num) (?!(\w+ ){0,2}(DRINK|MOD))\w+ /;
/** "If you'd put 18% on for the tip": a request put politely as a condition. */
const POLITE_REQUEST = /^ (and |but )?if you (would|could|will|can) (please |kindly |just )?(put|add|make|bring|get|pour|start|leave|give|charge|close|set|send|throw) /;


const LEAD = new Set([
  "and", "so", "well", "oh", "okay", "alright", "then", "also", "but", "though", "hey", "hi", "hello", "maya", "now", "right", "just", "ah",
  "evening", "morning", "afternoon", "hiya", "howdy", "wow", "honestly", "anyway", "anyways", "look", "listen", "hmm", "great", "cool", "perfect", "fine", "yo", "please",
  "ooh", "oooh", "ohh", "ahh", "aah", "yay", "woo", "whoa", "woah", "gosh", "geez", "jeez", "ha", "haha", "lol", "ok", "yes", "yikes", "whoops", "oops",
  "blimey", "crikey", "phew", "omg", "dang", "damn", "mm", "mmm",
]);

const test = (pattern: RegExp, shape: string): boolean => pattern.test(shape);
/** Whether any of the words is in the text: a cheap look before a long pattern that needs one of them. */
const saysAny = (text: string, words: readonly string[]): boolean => words.some((word) => text.includes(word));
const OWED_OR_WON_WORDS = [" owe", " free ", " winner ", " loser ", " whoever ", " anyone ", " anybody ", " the first ", " bet"];
const BEING_WORDS = [" is ", " was ", " been "];
const KEEPING_WORDS = [" keep ", " hold ", " save ", " put "];
const FETCHING_WORDS = ["self ", "selves ", " own ", " from ", " at "];

// ---------------------------------------------------------------------------
// Features

const YES =
  /^ (yes|yes please|sure|sure thing|please|okay|go ahead|do it|why not|absolutely|of course|definitely|yes i would|i would|i will|let us do it|go for it|count me in|go on|go on then|alright|all right|fine|cool|lovely|perfect|great|sounds good|sounds great|yes one|that one|one please|yes sure)( please| thanks| then| maya)* $/;
const SOUNDS_GOOD = /^ ((that|it|this) )?(sounds|sound|looks|seems) (really |very |so )?(good|great|perfect|lovely|nice|fine|amazing|delicious|tasty|fantastic|wonderful|excellent)( to me)?( then)? $/;
const NO = /^ (no|no thanks|no thank you|not now|maybe later|i am good|i will pass|pass|no i am good|not really|no way|not for me|i am fine|no that is all)( thanks| then| maya)* $/;

/** Asking Maya to do something, in the form of a question ("can I get", "could you bring me"). */
const REQUEST_QUESTION = oneOf([
  /^ (can|could|may|might) (i|we) (?!(still |really )?(afford|see|ask|know|check|tell|find|remind)\b)/,
  /^ would you be so kind as to /,
  // "would you be a dear and pour me a bourbon": a favour asked, then what it is.
  /^ (would|could|will) (you|ya) be (a dear|an angel|a star|a love|a darling|a gem|a doll|a sweetheart|so kind)( and| to)? /,
  /^ (can|could|would|will) (you|ya) (maybe |possibly |perhaps |kindly |please )+(get|bring|make|pour|give|add|grab|fix|do|set|hook|whip|mix|serve) /,
  // "could my colleague and I have...": the guest and company.
  /^ (can|could|may|might) (my|our) \w+ and (i|me) (have|get|try|order|grab|start) /,
  // "can she get the same", "could my husband have a lager": asked for someone in the company.
  // ("can seat 14 get a soda": someone known by where they sit.)
  /^ (can|could|may) (he|she|they|(my|our|the) \w+|(table|seat|booth|room|rm|sunbed|lounger|cabana) num) (also |just )?(have|get|try|grab) /,
  /^ (can|could|would|will) (you|ya) (please |just |also )?(get|bring|make|pour|give|add|put|grab|fix|do|take|order|ring up|remove|cancel|change|start|set|hook|ring|close|charge|top|hit|switch|swap|throw|mix|whip|send|drop|knock|scratch|clear|undo|delete|scrap|scrub|ditch|nix|void|empty|wipe|reset|pay|tip|round|settle|cash|keep|leave|serve|surprise|bump|rustle up|whip up) /,
  /^ would you mind /,
  // "could you have a Grey Goose on the rocks ready for the interval": a drink asked for, to be waiting.
  /^ (can|could|would|will) (you|ya) (please |just |also )?have (a|an|one|two|three|four|five|six|the|DRINK) (\w+ ){0,4}(ready|waiting|poured|lined up|set up) /,
  // "do you think I could possibly get a manhattan?": asked as whether it could be, meant as a request.
  /^ do you think (i|we) (could|can|might) ((possibly|maybe|just) )?(get|have|grab|order|try) /,
  // "do you think you could make me a martini": asked of Maya the same way.
  // ("do you think you could make a better one than the hotel" compares: only a drink, or someone to give it to, after the verb.)
  /^ do you think (you|ya) (could|can|might|would) ((possibly|maybe|just) )?(make|get|pour|bring|give|fix|mix|grab|do|whip up|rustle up) ((me|us|him|her|them) |((me|us|him|her|them) )?(a |an |one |two |three |another )?(MOD )*DRINK )/,
  // "... and pour me a bourbon, neat?": a command said with a question's rise still asks for the drink.
  /^ ((and|then|also|just) )?(pour|get|bring|make|fix|grab|give|hand|send|mix) (me|us|him|her|them) /,
  // "could my cosmo be a daiquiri instead", "can the martini be dirty": a drink asked to be made another way.
  /^ (can|could) (the|my|his|her|our|their|that|this|PERSON) (\w+ ){0,2}DRINK (please )?be (MOD|a|an|one|made) /,
  /^ (is it|would it be|will it be) ((at all|even|really|actually|maybe|perhaps|at all even) )?(possible|okay|ok|alright) |^ (any chance|do you mind if|mind if (i|we)) /,
  /^ (how|what) about /,
  // "maybe just a lemonade for me?": a choice made lightly, with a rise.
  /^ (maybe|perhaps) (just|only) (a|an|one) DRINK (MOD )*(for (me|us) )?$/,
  /^ why (do not|not) (i|we) |^ why (do not|not) (you|ya) (just )?(pour|get|make|bring|give|fix|grab|mix|serve|whip up) /,
]);

/** Taking a drink off the tab, said with a negation ("I don't want the IPA anymore"). */
const REMOVAL = oneOf([
  / (do not|does not|did not|no longer) (really )?(want|need) (the|my|that|this|those|these|them|it|any of) /,
  / (the|my|that|those|these|this|them|it) ((\w+|DRINK|MOD) )*(anymore|any more|after all) /,
  / changed my mind /,
  // "I never ordered the IPA" takes it off; "I'd never order a cosmo" tells.
  / (did not|(i|we) never) (order|ordered|ask for|asked for) (the|that|this|those|these|a|an|any|two|three) /,
]);
/** "start me a tab with a manhattan", "open a tab for two IPAs": the tab opened by the drink asked for. */
const TAB_OPENED_WITH = / (start|open|begin|run|set up) (me |us )?(a |my |our |the |up a )?(new )?(tab|bill) (with|for) ((a|an|one|two|three|four|five|six|\d+) )?(\w+ )?DRINK /;
/** Polite requests in the past tense ("I was wondering if I could get..."). */
const REQUEST_IDIOM = oneOf([
  / (would not|could not|will not|never) say no to /,
  // "so it has to be a martini for me", "it's gotta be a negroni tonight": the only choice, made.
  // ("does it have to be a martini?" asks.)
  /^ ((so|then|well|okay|right|and|honestly|tonight) )*(it|that) (is |has |will |would )?(got to|gotta|has to|have to|must|needs to|need to|going to have to|gonna have to) be (a|an|one|two|three|four|five|DRINK) /,
  // "I wouldn't mind a Cosmo": a wish, put politely.
  / (i|we) (would not|could not) mind (a|an|another|one|two|three|four|some|DRINK) /,
  // "an iced tea will do for me then": what the guest settles for.
  /^ (\w+ ){0,2}DRINK (MOD )*(will|would|shall) do( nicely| fine| me| for me| for us| the trick| then)* $/,
  // "might as well get a cosmo while I wait": a decision, put lightly.
  /^ ((i|we) )?(might|may) as well (have|get|go with|go for|try|take|order|grab|do) /,
  // "iced tea will do for her", "a lager would do nicely": the drink accepted, asked for.
  /^ ((the|a|an|just|some) )?DRINK (will|would|should|can) do( nicely| fine| for (me|her|him|them|us|now))?( please| thanks)? $/,
  // "I'd be delighted to have a Manhattan": a wish, put graciously.
  / (i|we) (would|will) be (delighted|happy|glad|pleased|thrilled) to (have|take|try|get) /,
  // "I'd better have a water first": what the guest decides they should have.
  / (i|we) (would|had) better (have|get|take|stick to|stick with|go with|do) /,
  / (was|were) (wondering|hoping)(?! (if|whether) (you|ya|they|there|it|the|PERSON) (?!(could|would|can|might|will) ))| (wonder|wondering|wondered) (if|whether) (i|we) (might|could|may|can) (have|get|trouble|order|try|possibly) | wanted to (order|get|have|try) | trouble you for | (be|am|is) (most |very |so )?grateful for | what (i|we) (would )?(really |most )?(like|want|fancy|need) (is|are) /,
  // "I want two of martini, is possible?": the same, said after.
  / (is it|is|it is) possible $/,
  // "is possible one negroni please": a second-language speaker's "is it possible".
  /^ (is )?possible (to (have|get|order) )?(a|an|one|two|three|four|five|six|DRINK) /,
  // "a lemonade for now would be perfect": a drink wished for.
  // ("would hit the spot" only muses: Maya offers.)
  /^ ((i guess|i think|i suppose|maybe|honestly|actually) )?(a|an|one|another) (\w+ )?DRINK (MOD )?((\w+ ){0,3})?would (really |just )?be (perfect|MOD|great|lovely|wonderful|fantastic|grand|ideal|just the thing|divine|heaven|brilliant|super|fine) /,
  // "I guess a Sprite's fine", "a lager is fine for me": one drink settled for ("the lager is fine" judges it).
  /^ ((i guess|i think|i suppose|honestly|actually|then|ok|okay|so|yeah|just) )*(a|an|one|another) (\w+ )?DRINK (MOD )*(is|is just|will be) (fine|ok|okay|good|great|perfect|grand)( (for me|by me|with me|for now|then|thanks|thank you|please|cheers))* $/,
]);

const NEGATION = "(not|never|no|no more|none of|nothing|neither|nor|without)";
/** Every word the negation patterns below start from: without one, none of them can match. */
const NEGATION_WORDS = / (not|never|no|none|nothing|neither|nor|without|pass|skip|hold|off|longer) /;
/** Negations that tell rather than refuse: habits, the past, opinions ("I never liked vodka", "I'm not a fan of cosmos"). */
const TELLING_NEGATION = oneOf([
  / (do|does) not (really )?(drink|like|love|care for|enjoy|do) /,
  / never (drink|drinks|drank|liked|had|tried|been|touch|touched|order|ordered|get|got) /,
  / (did|have|has|had) not (really )?(love|like|enjoy|have|had|try|tried|order|ordered|been|care) /,
  / (have|has|had) never /,
  / (am|is|are|was|were) not (a |the )?(big |huge |great |real )?(fan|bad|that bad|my thing|for everyone|my cup|great|good|terrible|awful) /,
  NOT_BAD,
  / (can|could) not (stand|drink|handle|do|have) /,
  / nothing (beats|compares|tops|like) /,
  / (can|could) not get enough /,
  / (would|will) never /,
  / do not get along /,
]);
/** Refusals: a negation over a drink or over a wish to have one. */
const DECLINING = oneOf([
  new RegExp(` ${NEGATION} ((more|again|another|any|a|an|the|of|for|me|more of|of the|one|two|single|second|third|other|extra|further|way|thanks|thank you|definitely|really) )*DRINK `),
  // ("I'm not doing a negroni, I've decided": "doing" a drink is having one.)
  / (do not|does not|will not|would not|am not|is not|are not|not|rather not|never) (\w+ ){0,2}(want|need|have|having|get|getting|take|taking|order|ordering|drinking|doing|feel like|fancy|pour|bring|give|serve|in the mood for) /,
  / (pass on|skip|hold off on|(am|is|are|i am|we are) off) (the |that |a |any )?((\w+ ){0,2})?DRINK /,
  / (no|never) (more|again) /,
]);

const TOLD_NOT_TO = /^ ((so|and|but|oh|no|please) )*(do not|never) (even |ever )?(?!forget\b)\w+/;

/** Keeping off a drink without a "not": "I'm staying away from martinis", "cutting back on the IPAs". */
const AVOIDING =
  / (stay|stays|staying|stayed|keep|keeps|keeping) (away|clear) (from|of) | (steer|steers|steering) clear of | (lay|lays|laying) off | (cut|cuts|cutting) (back|down) on | (give|gives|giving|gave|given) up | (avoid|avoids|avoiding) | (swear|swears|swearing|swore|sworn) off | (taking|take|on) a break from | (quit|quits|quitting) | (detox|detoxing|dry january|sober october) /;

/**
 * A longing said in an idiom: the guest's own asks ("I could murder a pint", "celebrating with an old fashioned");
 * someone else's is told, and offered ("my mum would kill for a cosmo").
 */
const DESIRE_IDIOM =
  / (feel like|feels like|in the mood for|could ((really|totally|definitely|seriously|so|just|honestly|sure) )?(go for|use|do with)|treat (myself|me|us|ourselves) to|(celebrate|celebrating) with|reward (myself|me|us|ourselves) with|sort (me|us) out with|would kill for|could (really |totally )?murder|could (really )?kill for|(am|is) (dying|gasping|desperate) for) /;

/** A wish said of someone plainly, which asks for them: "my wife wants", "he'll have". */
const WISH_SAID_OF = / PERSON (is |are )?(having|getting|will have|will take|wants|want|needs|need|would like|going to (have|need|want|take|get)) | (he|she|they) (will|would) (like|have|take|get) /;

/** "can't handle a Long Island", "couldn't face another": too much for the guest. */
// ("I'm not touching one of those tonight", "we won't go near a long island": kept away from, declined.)
const CANNOT_HANDLE = / (can not|cannot|could not|do not think i can|not sure i can) (handle|face|manage|take|stomach|do) | (am|are|is|will|would|shall) (not|never) (touching|touch|going near|go near|risking|risk) /;
/** A drink longed for in words of bliss: "a cold lager would be heaven". */
const WOULD_BE_HEAVEN = / DRINK (would|will) be (heaven|heavenly|bliss|a dream|a godsend|a lifesaver|paradise) /;
/** The company asked what they want: "who wants a lager", "anyone for a negroni?". */
const WHO_WANTS = / (who|anyone|anybody) (else )?(wants|would like|needs|fancies|is having|is for|for) /;
/** Every time, said of the guest's drinking: "a water after every beer", "one with each round". */
const EVERY_TIME = / (after|with|between|before) (every|each) /;
/** A clause opened by a verb that pours: "give me five bucks' worth...", "get me a lager for ten dollars". */
const POUR_VERB_FIRST = /^ (give|get|bring|pour|make|grab|order|put|add) /;
/** "five bucks for a lager", "$12 for a martini": what a drink costs, said. */
const PRICE_TOLD = / (bucks|dollars|quid|pounds|euros|a pop|each) for (a|an|the|one|that|this|your|my) DRINK | DRINK (is|are|costs?|was) (only |just )?(\w+ )?(bucks?|dollars?|quid|pounds|euros)( each)?( right)? | (charges?|charged|charging|wants|wanted|asks|asked) (you |me |us )?\w+( \w+)? for (a|an|the|one|that|this|your|my) DRINK /;
const KEPT_FOR_LATER = / (keep|hold|save|put) (the|those|these|them|my|our|his|her|it) (\w+ )?(DRINK )?(here |there )?(aside|back|for later|until|till|behind|on ice|safe|there|over there|for (me|him|her|us)) | keep (them|em|those|these|it|the drinks|the \w+) (coming|flowing) /;
/** "we'll stick to cocktails": a kind kept to from now on (a drink named, "stick with the lager", is chosen). */
const KEEPING_TO = / (stick|stay|keep) (to|with) /;
/** "we're switching to soft drinks", "moving on to lagers": drinks moved on to, said bare with no count: no order yet. */
const MOVING_ON_TO = / (switch|switching|switched|move|moving|moved) (on |over |back )?to DRINK $/;
/** "so soft drinks only", "lagers only tonight": the kind the guests keep to, said with no count, no order yet. */
const ONLY_THAT_KIND = /^ ((so|then|and|but|it is|it will be) )?DRINK only( (tonight|today|for (us|me|them|now)))? $/;
const ROUND_READ_OUT =
  /^ ((right|ok|okay|so|well|alright|then|and) )*((for|from) (our lot|my lot|this lot|us|the table|our table|the team|our team|me) )?(that is|that will be|it is|it will be) (a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (\w+ ){0,3}DRINK (MOD )*(for (me|us|him|her|PERSON) |.* DRINK |for (?!(sure|real|now|later|once|free|ages|nothing|certain|a reason)\b)\w+ $|for (the )?(table|seat|booth|room|stool|lane|row) (num|\d+|[a-z]) $)/;
const OWED_OR_WON = /^ ((i|i will) )?(bet|betcha|wager) (you|ya|him|her|them|anyone|anybody) (a|one|two|num|another) DRINK | (?<!(i am|we are|i think i am|i believe i am) )(owes|owe|owed|owing) (\w+ ){0,4}DRINK | free (\w+ )?DRINK | (gets|get|got|win|wins|won|earns|earned) (a |another )?free (round|drink|drinks|pint|pints|shot|shots|one) | (winner|loser|whoever wins|whoever loses|the winner|the loser) (gets|buys|owes|pays for|wins) | for (anyone|anybody|the winner|the first (one|person)) (who|that|to) | for whoever (wins|won|beats|beat|gets|scores|finishes|comes|loses|guesses|can) | whoever (\w+ ){1,6}(owes|buys|pays for|is buying|has to buy) /;
const SHARED_OUT = /^ (everybody|everyone|each|each of (them|us|you)|all of (them|us)|every \w+)( \w+){0,4} (gets|get|has|have|takes|take) (one|a drink|one each|a pint|one of (them|those)) $/;
const TO_TAKE = /^ ((a|an|one|two|three|four|five|six) )?(\w+ )?DRINK (MOD )*to (take|bring|carry|give|send) (to|over|up|back|for|out|it|them|him|her) /;
const WISHES_TO_KNOW = / (wants|want|wanted|wondering|wonders|would like|would love) to (know|ask|find out|hear|learn|check) /;
const MADE_WITHOUT = / DRINK (but )?(without|with no|minus|sans) (the |any )?(DRINK|alcohol|booze|liquor|spirits?) /;
/** "can you do a daiquiri without a blender?": whether the bar can make it without what it is made with. */
const MADE_WITHOUT_THE_TOOLS = / DRINK (but )?(without|with no) (a |an |the |any |your )?(blender|shaker|power|electricity|ice machine|machine|mixer|lights|fridge|freezer|strainer|bar spoon|glasses|glass) /;
// ("our team name is Gin and Bear It": a name given, with a drink's name in it.)
const CALLED = / (call|calls|called|calling|nickname|nicknamed|nicknames|dubbed|dubs) (\w+ ){0,3}(DRINK|(a|an|the) (\w+ )?DRINK) | name (is|was) (\w+ ){0,2}DRINK /;
const DONE_WITH = / (am|are|is|i am|we are) (done|finished|through|over) with (the |my |any |more )?(\w+ )?DRINK | (have|has|had) (gone|gone right|gone completely) off (the |my |any )?(\w+ )?DRINK /;
const COMPLIMENTS = / (my compliments|compliments to|hats off|kudos|bravo|nailed it|well done|chef is kiss|spot on|top notch) /;
const KIND_OF_PERSON = / DRINK (guy|man|girl|woman|lady|person|fan|drinker|lover|type|snob|kind of (guy|girl|person)) /;
/**
 * "two martinis and I'm on the floor", "one more negroni and she'll be dancing on the tables": drinks, then
 * "and" and the state someone would be left in, foretell it; nothing is asked ("a martini and I'm good" is
 * the order said complete, and orders).
 */
const DRINKS_THEN_THE_STATE =
  / DRINK (MOD )*(\w+ ){0,2}and (i|we|he|she|they|you) (am|are|is|will|would|will be|would be|will end up|would end up|am going to be|would probably be|will probably be) ((totally|completely|flat|fast|literally|officially|just|probably) )?(on the floor|under the table|asleep|dancing|singing|crying|done for|wasted|hammered|plastered|smashed|legless|toast|dead|out cold|passed out|sleeping|face down|a mess|a wreck|useless|drunk|tipsy|sloshed|in trouble|on the table|on the tables|on my back|on my ass|on my face|falling over|seeing double|off my face|off my head|gone) /;

/** "do kids usually like iced tea", "does your mum drink gin": a taste asked about, of anyone but the guest or Maya. */
const OTHERS_TASTE_ASKED = /^ (do|does|did) (?!(you|i|we|ya)\b)(\w+ ){1,2}(usually |normally |generally |often |ever |really |actually |even )?(like|love|drink|enjoy|prefer|order|hate|mind) /;
/** "you can take the water off", "you could just add a tip": what the bar does, said as what the bartender may do. */
const YOU_CAN_DO = /^ you (can|could|may) (just |go ahead and |also |now )?(take|put|add|bring|pour|cancel|remove|close|knock|scratch|drop|stick|charge|ring|start|make) /;
/** Someone's words, quoted (normalise.ts marks the quote): "she said 'one more martini...'". */
const QUOTED = new RegExp(` (${SAYING_VERBS})( \\w+){0,3} ${QUOTE_MARK} `);
/** "so many lemonades", "too much gin in this": how much of something there is, exclaimed. */
const EXCLAIMED_AMOUNT = /^ (so|too|such) (many|much|a lot of|lots of) /;

/** What someone else says the guest should have: "he says I should have a lemonade", "my doctor told me to drink water". */
const ADVICE_REPORTED = / (says|said|thinks|reckons|tells me|told me|keeps telling me) (that )?((i|we) (should|ought to|must|need to|have to)|to) /;

/** Someone's word on a drink, passed on: "the saxophonist told me your negroni...", "everyone says the IPA...". */
// ("Big Lou says you guys pour the best negroni on the block": what the bar does, as someone says it.)
const HEARSAY = / (told|tells|telling) (me|us) (that )?(?!to )(\w+ )?(\w+ )?DRINK (is|are|was|were) | (said|says|swear|swears|reckon|reckons) (that )?(your|the|this|that|these|those) (\w+ )?DRINK (is|are|was|were) | (said|says|swear|swears|reckon|reckons|told me|tells me) (that )?(you|you lot|this place|this bar|they) (pour|make|do|serve|mix|have) (the |a |an )?(\w+ ){0,2}DRINK /;

const WISH = oneOf([
  / (i|we) (will|would|shall) (just |probably |also |definitely |really |very much |so much |quite |much rather |rather |gladly |happily |kindly |still )?(like|love|have|take|get|do|go with|go for|try|start with|prefer|want|need|order|grab|pick|kill for) /,
  // Said of someone else, "would love" is an opinion ("my sister would love the cosmo"); "would like" asks.
  / (he|she|they) (will|would|shall) (just |probably |also |definitely |really )?(like|have|take|get|do|go with|go for|try|start with|prefer|want|need|order|grab|pick) /,
  // ("honestly I just really need a lager": the wish, however it is stressed.)
  / (i|we) ((just|really|so|still|also|actually|seriously|desperately|badly|definitely|totally) ){0,3}(want|need|fancy|crave) /,
  // "I deserve a daiquiri", "we've earned a round": the guest's due, claimed now.
  / (i|we) ((really|so|totally|definitely) )?(deserve|have earned|earned) (a|an|another|one|two|three|some|this|that|DRINK) /,
  // ("I'm gonna go ahead and do a daiquiri": deciding, said as going ahead.)
  / go ahead and (do|have|get|take|try|order|grab) /,
  // ("write me down for two classic brews": the guest put on the paper tab.)
  / (write|mark|pencil|put) (me|us|him|her|them) down for /,
  // ("I become a tap beer": German "ich bekomme", get, said in English.)
  / (i|we) (become|becomes) (a|an|one|two|three|four|five|another) (\w+ )?DRINK /,
  // "need 50 martinis", "want two IPAs": the guest's want, typed without the "I".
  /^ ((really|just|still|gonna) )?(need|want|wanna|fancy) (a|an|another|one|two|three|four|five|six|seven|eight|nine|ten|some|\d+|DRINK) /,
  / (i|we|he|she|they) (am|are|is) (having|getting|after|ready for|ready to|going to (have|get|take|try|do|go with|order|need|want)) /,
  / PERSON (is |are )?((just|only|also) )?(having|getting|will ((just|only|also) )?(have|take|get)|wants|needs|would like|would prefer|going to (have|need|want|take|get)) /,
  // "they want a martini and a cosmo", "the girls want two cosmos": a plural someone's wish, said plainly.
  / (they|PERSON|(the|my|our|his|her|their) \w+) (both |all )?(want|need|wants|needs) (a|an|one|two|three|four|five|six|another|some|DRINK) /,
  DESIRE_IDIOM,
  // ("he gets through six martinis a night", "she takes after her dad": with a particle, another verb.)
  / (wants|needs|would like|will have|will take|will get|gets|takes|is having|is getting|is going to have) (?!(through|over|into|off|out|away|by|back|after|along|around|to) )/,
  / let (me|us) /,
  / (give|get|bring|pour|make|fix|grab) (me|us) /,
  / ready to (pay|order|settle|close|check out) /,
  / (it is |now )?time for (a|an|another|that|the|my|some|one|two|three) /,
]);
/** Verbs that ask when they start a clause: "give me", "make it two", "put it on my tab". */
// ("kindly get one IPA", "kindly give two IPAs": the asking adverb of Indian English before the verb.)
const IMPERATIVE =
  /^ (kindly )?(give|get|bring|pour|make|build|fix|grab|hand|send|add|put|order|set|hook|start|do|hit|throw|whack|chuck|bung|stick|pop|slap|whip|top|mix|serve|surprise|ring|cash|charge|close|settle|remove|cancel|take|change|switch|swap|drop|delete|clear|scratch|undo|keep|leave|tip|pay|check|show|tell|read|recommend|suggest|pick|choose|help|list|describe|reset|forget|knock|replace|turn|bump|up|wipe|empty|reduce|increase|lower|raise|repeat|same|another|one|two|three|four|five)\b/;

/** "twisted my ankle on the rocks by the point": what the guest did, said without "I" (a verb in the past, then its object). */
const DONE_WITHOUT_I = /^ ((oh|so|just|ugh|man|well|and) )*(?!(need|feed|seed|speed|proceed|exceed|succeed|bleed|breed|shed|shred|red|bed|wed)\b)[a-z]{3,}ed (my|his|her|our|their|the|a|an|it|me|him|us|them|this|that) /;
const PAST = oneOf([
  // ("we should've put daiquiri for question nine", "I could have ordered two": what might have been, the modal perfect.)
  / (should|could|would|must|might) have (?!(a|an|the|one|two|three|four|some|another|any|DRINK|MOD|num|it|them|that|this|those|these|just|to|got to|gotta)\b)[a-z]+ /,
  / (i|we|he|she|they|you|it|PERSON|DRINK) ((just|already|never|once|always|really|actually|only|also|all|both|then|ever) ){0,2}(had|drank|drunk|was|were|did|tried|ordered|loved|liked|hated|enjoyed|spilled|spilt|finished|made|bought|paid|tipped|went|came|saw|shared|lived|heard|regretted|brewed|mixed|tasted|downed|sipped|got drunk|got through|went through|polished off|used to|thought|told|bet|said|wanted|asked) /,
  // ("I've barely touched it": the perfect, of any verb; "I've earned a whiskey" still asks for one.)
  / (have|has) ((never|ever|already|just|always|been|barely|hardly|only|really|not|even|actually|also) )*(had|been|tried|drunk|heard|seen|ordered|made|loved|liked|craving|drinking|(?!(need|feed|seed|speed|proceed|exceed|succeed|bleed|breed|shed|earned|deserved)\b)[a-z]{3,}ed) /,
  / (i|we|he|she|they|PERSON) ((just|already|never|once|always|really|actually|only|also) )?(?!(need|feed|seed|speed|proceed|exceed|succeed|bleed|breed|shed)\b)[a-z]{2,}ed /,
  / \w+ (was|were) /,
  // "I promised my wife I'd stick to water": what was said before, not asked for now.
  / (promised|swore|told (\w+ ){1,2}|said|bet (\w+ ){1,2}) (that )?(i|we) (would|will|was going to|were going to) /,
  // "we should've gotten the cosmos", "I could have had a martini": what was not done, and is past.
  / (should|could|would|might|must) (not )?have (\w+ed|gotten|got|had|been|done|taken|drunk|drank|gone|stuck|chosen|picked) /,
  PAST_TIME,
]);
/** Someone other than the guest or Maya as the subject ("my sister", "she", "the guy next to me", "John"). */
const OTHER_SUBJECT = new RegExp(
  `^ (he|she|they|everyone|everybody|people|someone|somebody|nobody|no one|anyone|(one|two|three|some|most|none|both|each|half|all) of (us|them|you|the (\\w+ )?\\w+|my (\\w+ )?\\w+)(?= (is|are|was|were|has|had|went|left|wants|needs|will|would|can|just|already|does|do|did)\\b)|(my|our|his|her|their|a|the) (best |older |younger |little |big |old |new |late |dear |poor |ex |future |lovely )?(${PERSON_NOUNS})|(the|this|that) (${PEOPLE_AROUND})( (next to me|over there|at the end of the bar|at the bar|behind me))?|(the|this|that) [a-z]+ (sitting|standing|waiting) (over there|next to me|at the bar|at the end of the bar|by the \\w+|in the corner|behind me)|(table|tables|seat|booth|room|rm|sunbed|lounger|cabana) num(?= (is|are|will|would|wants|needs|has|gets|takes)\\b)|a friend( of mine)?|(?!(last|first|next|usual|same|my|our|your|the|and|but|so|or)\\b)(?!(i|we) only (want|need|would|will|have|take|get|fancy)\\b)[a-z]+(?= (loves|likes|hates|drinks|swears|says|thinks|prefers|orders|adores|only|always|never|used|bet)))\\b`,
);
/** "try it at home", "make them at home": made by the guest, elsewhere. */
const MADE_AT_HOME = / (try|make|mix|shake|stir|recreate|do|attempt) (it|this|that|one|them|these|those|some) (\w+ ){0,2}at home /;
/**
 * "the guy next to me is having an old fashioned", "that couple over there are drinking negronis": someone
 * pointed out by where they are, no one of the guest's party, and what they have: told (and offered), not
 * ordered for them ("my friend over there is having one" and "the guy next to me wants one" still ask).
 */
const STRANGER_HAS = new RegExp(
  `^ (the|this|that|those|these) (${PEOPLE_AROUND}) ((next to|beside|behind|near|across from|opposite) (me|us)|over there|at the (other )?end( of the bar)?|in the corner|at the next table|by the \\w+) (is|are) (having|drinking|sipping|nursing|enjoying|on) `,
);
/** A drink, "it" or "that" as the subject of a comment ("that cosmo looks amazing", "it is great"). */
const ITEM_SUBJECT =
  /^ ((i think|i reckon|i feel like|i find|honestly|wow|man|oh) )?((the|that|this|these|those|your|a|an|our|my|his|her|their) )?((\w+) )?DRINK (MOD )?((here|there|you make|you serve|you have|(at|in|before|after|during|with|from|by|near|on) (the |a |my |your )?\w+|((the|that|this) \w+|i|he|she|we|they|you|my \w+) (had|ordered|made|got|drank|tried|recommended|served|brought|mixed)( \w+){0,3}) )?((and|or) (i|me) )?(is|are|was|were|looks?|looked|tastes?|tasted|smells?|smelled|sounds?|seems?|seemed|makes?|made|reminds?|hits?|goes|has|have|had|gets?|comes?|feels?|felt|always|never|just|really|kind|must|can|could|will|would|isnt|used|takes|took|brings|brought|gives|gave|keeps|kept|knocks|knocked|beats|puts|sends|sent|wins|won|does|did)\b/;
const PREFERENCE_TOLD = / (i|we|he|she|they) (still|always|generally|usually|normally|honestly) (prefer|prefers) /;
/** Someone else's drink said to be one: "Bond's drink is a martini" (the guest's own, "my usual is...", may ask). */
const SOMEONES_DRINK = /^ (?!(my|our|me) )(\w+ ){1,2}(drink|drinks|usual|tipple|poison|order|favourite|favorite|cocktail|signature|go to) (is|was|has always been) ((the|a|an|always|still|definitely|probably|usually|just|of course) )*DRINK /;
/** A drink said to be something ("her favorite is the cosmo", "his drink of choice is vodka"). */
const DRINK_PREDICATE = / (is|was|are|were|being) ((the|a|an|my|your|his|her|their|our|always|still|definitely|probably|usually|just) )*DRINK /;
const THING_SUBJECT = /^ (it|that|this|these|those) (is|are|was|were|looks?|tastes?|smells?|sounds?|seems?) /;
const OPINION_VERB =
  / (i|we|he|she|they|PERSON|you) ((really|just|absolutely|totally|kind of|do|also|always|still|so|sort of|honestly|truly|genuinely) )?(love|loves|like|likes|hate|hates|adore|adores|prefer|prefers|enjoy|enjoys|swear by|swears by|miss|misses|am (a )?(big |huge |great )?fan of|is (a )?(big |huge )?fan of|am obsessed with|is obsessed with|are obsessed with|am allergic to|is allergic to|am into|is into|am partial to|am more of|is more of|is a DRINK|am a DRINK|think DRINK|hear|heard|reckon DRINK|can not stand) /;
const POSITIVE =
  / (great|good|amazing|awesome|delicious|tasty|nice|lovely|excellent|fantastic|wonderful|incredible|best|favorite|favourite|love|loves|adore|adores|swear by|swears by|legendary|perfect|beautiful|gorgeous|refreshing|elegant|classic|underrated|not bad|lush|divine|superb|killer|spot|fan of|obsessed|craving|tempted|go to|fresh|better|smooth|heard great|strong) /;
const NEGATIVE =
  / (terrible|awful|horrible|gross|disgusting|nasty|bad|overrated|boring|hate|hates|can not stand|allergic|(a bit|a little|bit|kind of|kinda|slightly) (too )?(sweet|strong|bitter|sour|boozy|weak|warm|flat|watery)|too (sweet|strong|bitter|sour|dry|expensive|pricey|much|many|boozy|weak)|way too|yuck|meh|watery|weak|flat|warm|not (a |my )|not for me|regretted|regret|sick|wood|sneeze|crazy|dangerous|sad|not my thing|get along|not a fan|not a big fan|never liked|did not love|did not like|nineties|had enough|enough (for|of)|done with|sick of|tired of|never (\w+ ){0,3}again|would never|will never|not again) /;
const HYPOTHETICAL = /^ (if|what if|suppose|supposing|imagine|say (i|we|you|he|she|they)) |^ (i|we|it|that|a DRINK|DRINK) (would|could|might) | (i|we) (would|could|might) (never|probably|easily|totally|definitely) /;
const TOAST = /^ ((and|so|well|okay|ok) )?(cheers|here is|a toast|toast|raise a glass|salud|prost|skol|sante)( (lads|guys|all|everyone|everybody|mate|mates|folks|team|boys|girls|ladies|friends|love))? to /;
/** A wish with a clause after it, not "to": what the guest cannot have ("I wish I could", "if only we had"). */
const UNREAL_WISH = / ((i|we) (just )?wish|if only) (i|we|you|they|he|she|it|there) /;
/** No one as the subject: "nobody at my table wants", "none of us need". */
const NO_ONE = /^ (nobody|no one|none of (us|them|you)|not one of (us|them)|neither of (us|them)) /;
/** A time clause in the past: "when I was in college". */
const TIME_PAST = / (was|were|had|did|went|came|got|used to|lived) /;
/** ("before the next one, a lemonade": what comes first is now.) */
const TIME_CLAUSE = /^ (when|once|as soon as|by the time|before(?! the next )|until|till) (i|we|he|she|they|you|(my|our|the|his|her) \w+) /;
const TENTATIVE = / (maybe|perhaps|probably|possibly|might(?! as well)|thinking (about|of)|considering|not sure|tempted|torn between|(can not|could not|cannot) (decide|choose|pick|make up (my|her|his|their|our) mind)|(deciding|choosing) between|undecided|on the fence|wonder if|wondering if|debating|some point|(see|check|find out|ask)( (with|around) \w+( \w+)?| \w+)? (if|whether)) /;
/** "maybe just a water for me, thanks": a hedge softening a choice made, thanked for already. */
const SETTLED_ON = /^ (maybe|perhaps) (just|only) (a|an|one) DRINK (MOD )*(for me )?(please|thanks|thank you|cheers|if (that|it) is (alright|all right|ok|okay|fine)|i (suppose|guess|think)|$)/;
/** "after my song", "after our set": what comes first ("after the day I've had" tells what is over: a past day, so now). */
// ("after stumps I'm having a long island": the end of a day's play, said bare.)
const AFTER_WHAT_COMES = /after ((my|our|his|her|your|the|this|next) (?!(day|night|week|year|month|morning|afternoon|evening) )(\w+ ){1,4}|(stumps|lunch|tea|dinner|close|closing|kickoff|halftime|work|practice|training|class|church|school) )/;
/** "I'm gonna get", "we'll have", "I'm getting": the guest's plan, said in the future. */
const A_PLAN = /(i|we) (will|shall|am (going to|gonna)|are (going to|gonna)|gonna|am getting|are getting|am having|are having) /;
/** "after I cross the finish line", "once we've eaten": a time to come, said as what someone will do first. */
// ("once it's done I'll want a big old negroni": what is to end first may be a thing.)
const WHEN_SOMEONE_DOES = /^ (after|once|when) (i|we|he|she|they|you|it|that|this|(the|my|our) \w+) /;
/** "after my set" said alone, before the plan: the time the plan is for. */
const AFTER_ALONE = new RegExp(`^ ${AFTER_WHAT_COMES.source}$`);
// ("after the storm passes I'm buying everyone a round": after that time, anything the guest is doing is the plan.)
const PLAN_FIRST = new RegExp(`^ (${A_PLAN.source}|(i|we) (am|are) [a-z]+ing )`);
const LATER = oneOf([
  // "after my shift tomorrow I'm having a manhattan": after what is still to come.
  / after (my|our|the) (shift|work|class|classes|exam|exams|lecture|meeting|practice|training|workout|run) (tomorrow|tonight|later|on \w+day) /,
  // "we'll get cosmos after the speeches", "after the first dance": after an event still to come.
  // "I'll grab a lemonade after I finish this game": after what the guest does first.
  / after (i|we|you|he|she|they) (\w+ )?(finish|finishes|finished|win|lose|play|am done|are done|get back|get off|clock off|land|check in|eat) /,
  // "after my song I'm gonna get a manhattan", "after our set we'll have lagers": opened by what comes first, then a plan.
  new RegExp(`^ ${AFTER_WHAT_COMES.source}${A_PLAN.source}`),
  // ("twenty IPAs for the cast party after the show": the time says which party, not when to pour.)
  /(?<! for (the|a|an|our|my|their)( (?!DRINK\b)\w+){1,2}) after the (first |second |third |last |big |main |final )?(speeches|speech|toasts|toast|dance|ceremony|vows|cake|meal|dinner|buffet|quiz|raffle|auction|presentation|awards|fireworks|encore|match|game|show|set|film|movie|play|concert|interval|break|meeting|half|halftime|whistle|final|penalties|race) /,
  // ("after that brutal round" tells what came before; "after that" alone puts off.)
  / (later|after this|after that(?= $| (one|drink|then|though) )|after dinner|at (half ?time|the (break|interval))|(?<! for (the|a|an|our|my|their) ((?!DRINK\b)\w+ ){1,2})after the (game|match|show|set|speech|toast|ceremony|meal|cake|movie|concert|kickoff|kick off)|afterwards|before (we|i) (order|decide|choose|pick)|(?<!before the )next (time|round|one|week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|another time|some day|someday|(?<!(shift|flight|meeting|work|exam|class|start|day|train) )tomorrow|in (an|a) (hour|bit|while|minute)|at some point|eventually|for later|when i am done|down the line|if my friend comes) /,
  // "when he gets here", "once she arrives", "as soon as they land": a time still to come.
  // ("an iced tea for when he gets in": what the drink poured now is for, waiting for him.)
  /(?<! for) (when|once|as soon as|by the time|till|until|til) (he|she|they|we|i|you|my \w+|the \w+|\w+) (\w+ ){0,4}(gets?|arrives?|comes?|shows? up|sits? down|lands?|finishes|finish|is here|are here|turns? up|joins?|makes? it|is back|are back) /,
  // "when the slideshow starts", "once the band plays", "when she's in": any happening still to come, said in the present.
  /(?<! for) (when|once|as soon as|by the time) (it|the \w+|this \w+|that \w+|my \w+|our \w+|his \w+|her \w+|he|she|they) (\w+ )?([a-z]{3,}s|start|starts|begin|begins|open|opens|is (in|back|over|done|ready|on|up|out|open|finished|starting|playing)|are (in|back|over|done|ready|on|up|out|finished)) /,
  // "I'm going to order a Long Island when we equalise": whatever the guest's side still has to do first
  // ("when you get a sec" is a courtesy to Maya, and "when we were kids" is the past).
  // ("remember when we split six IPAs", "my team always loses when I drink lager": a memory, a habit.)
  /(?<!\b(remember|always|usually|often|sometimes|never|every time)\b.*|for) (when|once|as soon as) (we|i|they|he|she|(the|my|our|his|her|their) \w+) (?!(was|were|had|did|went|came|got|used|lived|are|am|is)\b)[a-z]{3,} /,
  // "I'll wait for my friends", "we can wait on the negronis".
  / (will|would|can|could|should|going to|gonna|let us|lets|rather|happy to|better) wait /,
  // "next timeout I'm getting a cosmo", "after the next song we'll have two lagers": at an event still to come.
  new RegExp(`^ ((at|after|during|in) (the )?)?next (timeout|time out|break|song|set|game|quarter|half|period|interval|round of (the )?quiz|stop|dance) ${A_PLAN.source}`),
  // "Dave says he'll get the next one": a round still to come, whoever buys it.
  / (get|buy|pay for|cover|grab|stand) the next (one|round|lot|drinks) /,
  // "we've got two rounds left", "three songs to go": what is still to come.
  / (have|got|have got) (\w+ )?(rounds?|drinks|questions|songs|games|frames|sets|races|hours|minutes) (left|to go) /,
]);
const HABIT = / (always|usually|normally|often|sometimes|every (day|night|time|week)|only drinks?|by the gallon|(i|we) (drink|make|mix|brew|buy|shake|stir|pour)) /;

const PRAISE = / ((can|could) not get enough|not (bad|too bad|half bad)|nothing (beats|compares|tops)) /;

/** Any of PREDICATES as a whole word. */
const PREDICATE_WORD = new RegExp(` (${[...PREDICATES].join("|")}) `);

function stanceOf(shape: string): Stance {
  if (test(PRAISE, shape)) return "FOR";
  const against = test(NEGATIVE, shape);
  const favour = test(POSITIVE, shape);
  if (against && !test(NOT_BAD, shape)) return "AGAINST";
  return favour ? "FOR" : "NEUTRAL";
}

/** The shape without the words a clause may open with ("oh", "okay", "so"). */
/** "for the 3rd time this morning, an iced tea": how often the guest has asked, said before the ask. */
const NTH_TIME_LEAD = /^ (for the (\w+ )?(time|millionth time)( (this|today|tonight)( \w+)?)?|once again|again) /;

function withoutLead(shape: string): string {
  let rest = shape.startsWith(" for the ") || shape.startsWith(" once again ") || shape.startsWith(" again ") ? shape.replace(NTH_TIME_LEAD, " ") : shape;
  for (;;) {
    const match = /^ (\w+) /.exec(rest);
    // "hi there, can I get...": the greeting's "there" goes with it.
    if (match?.[1] === "there" && rest !== shape) {
      rest = rest.slice(6);
      continue;
    }
    if (!match || !LEAD.has(match[1] as string)) return rest;
    rest = rest.slice(match[1]!.length + 1);
  }
}

interface Reading {
  act: DialogueAct;
  kind: StatementKind | null;
}

/** The act of a clause that is not a repair, from its shape. */
/** Verbs (lemmas) that ask for a drink when the guest is their subject, or when they command. */
/** What a guest does with drinks at home: said in the present with no modal, a habit. */
const MAKING_LEMMAS = new Set(["make", "mix", "pour", "buy", "serve", "shake", "stir", "brew", "drink"]);
const REQUEST_LEMMAS = new Set([
  "want", "need", "wish", "order", "get", "have", "take", "grab", "bring", "give", "pour", "make", "fix", "add", "include", "start",
  "try", "buy", "fancy", "crave", "prefer", "like", "love", "put", "send", "serve", "mix", "set", "throw", "hit", "do", "go", "split", "share",
  "stick", "stay", "choose", "pick", "opt", "select", "switch", "swap", "change", "settle",
  // ("yeah, I'll risk a daiquiri": chosen, a little daringly.)
  "risk",
]);
/** Time, or a look, asked for instead of a drink: "a moment", "a sec", "more time", "a look at the list". */
const TIME_OBJECTS = new Set(["moment", "minute", "minutes", "second", "sec", "secs", "bit", "while", "time", "break", "breather", "look", "peek", "glance", "gander", "think", "squint", "browse", "taste", "sip", "sample", "tester"]);
/** Verbs that pass the wish on to the verb after "to" ("want to order", "wish to have", "like to try"). */
const WISH_LEMMAS = new Set(["want", "need", "wish", "like", "love", "prefer", "go"]);
/** Verbs of knowing and looking: a wish for one of them asks for words, never for a drink. */
const KNOWING_LEMMAS = new Set(["know", "hear", "learn", "ask", "see", "look", "read", "think", "decide", "understand", "check", "talk", "find", "wonder", "compare"]);
/** Things a guest wants to do that ask the bar for nothing: "I want to keep track tonight", "we would like to wait outside". */
const DOING_LEMMAS = new Set(["keep", "watch", "wait", "dance", "sing", "sleep", "play", "win", "catch", "remember", "leave", "talk", "listen"]);
/** "like" and "love" ask only with a modal ("I'd like") or an infinitive after them ("I like to order"). */
const OPINION_LEMMAS = new Set(["like", "love", "prefer"]);
/** What a chosen object starts with: "a", "one", "two"... */
const COUNTED_OBJECT = new Set(["a", "an", "one", "two", "three", "four", "five", "six"]);
const FIRST_PERSON = new Set(["i", "we", "let", "lets", "us"]);
/** Modals a request may be asked with: "can I", "could we", "may I". */
const ASKING_MODALS = new Set(["can", "could", "may", "might", "shall"]);
/** "I think", "I guess": a hedge before the guest's own request. */
const HEDGE_LEMMAS = new Set(["think", "guess", "suppose", "reckon", "believe"]);
const MODALS = new Set(["would", "will", "shall", "can", "could", "may", "might", "should", "am", "are", "is", "be", "do", "gonna", "going"]);
/** Words a request may open with before its subject ("so", "okay", "actually"). */
const OPENERS = new Set([...LEAD_WORDS(), "actually", "um", "uh", "also", "then", "now", "first", "finally"]);
function LEAD_WORDS(): string[] {
  return ["and", "so", "well", "oh", "okay", "alright", "then", "also", "but", "though", "hey", "hi", "hello", "hiya", "evening", "morning", "afternoon", "maya", "now", "right", "just", "ah", "please", "yes"];
}
/** "an order for", "my order is", "this order is for": the order itself says what it is. */
const ORDER_NOUN = / (an|a|my|our|the|this|rush|first|next) order (is )?(for|of) | (my|our|the) order is /;

/** Choices made, said in the perfect, that still ask: "I've decided on a martini", "we have gone for the negronis". */
const CHOOSING_LEMMAS = new Set(["decide", "choose", "go", "settle", "pick", "opt", "select"]);
const HAVING_SUBJECT_TAGS: ReadonlySet<Tag> = new Set(["PRON", "NOUN", "PROPN"]);

/**
 * "we have read 14 books this year", "we've done nine quizzes", "we've got three more rounds": the
 * subject's "have" before a participle (as the tagger reads it, so "read" and "put" too, not only
 * "-ed") tells what is done or had, never asks for the drink in focus; "got to" and "had to" still may
 * ("I've got to have one").
 */
function toldInThePerfect(tokens: readonly string[], tags: readonly Tag[], lemmas: readonly string[]): boolean {
  for (let position = 1; position < tokens.length; position += 1) {
    // Only the clause's own verb: "when you've got a sec" is an aside of a request.
    if (lemmas[position] !== "have") {
      if (tags[position] === "VERB" || tags[position] === "AUX") return false;
      continue;
    }
    if (!HAVING_SUBJECT_TAGS.has(tags[position - 1] as Tag)) return false;
    let participle = position + 1;
    while (tags[participle] === "ADV") participle += 1;
    return tags[participle] === "VERB" && tokens[participle] !== "to" && tokens[participle + 1] !== "to" && !CHOOSING_LEMMAS.has(lemmas[participle] as string);
  }
  return false;
}

/**
 * A request read from the verb, as the tagger and its lemmas give it ("I am wanting to order...",
 * "I wish to have...", "let's get...", "this order is for..."): the guest (or "let's") is the
 * subject, or no one is (a command), and the verb asks for something. A wish passes on to the verb
 * after "to": "want to order a beer" asks, "want to hear about the rum" does not. Null when the
 * clause has no such frame (the act rules read it then).
 */
function requestFrame(tokens: readonly string[], tags: readonly Tag[], lemmas: readonly string[], shape: string, index: MenuIndex): boolean | null {
  if (ORDER_NOUN.test(shape)) return true;
  let position = 0;
  while (position < tokens.length && OPENERS.has(tokens[position] as string)) position += 1;
  // ("absolutely, positively need a daiquiri": the guest's wish, its "I" left out after the adverbs.)
  let stressed = position;
  while (stressed < tokens.length && tags[stressed] === "ADV") stressed += 1;
  if (stressed > position && IMPLIED_WISHES.has(tokens[stressed] as string)) position = stressed;
  // "can I have a minute...", "could we get...": asked, the subject comes after the modal.
  if (ASKING_MODALS.has(tokens[position] as string) && (tokens[position + 1] === "i" || tokens[position + 1] === "we")) position += 1;
  // "could you get me a taxi number...": asked of Maya, the verb after "you" is what she is asked to do.
  const askedOfMaya = ASKING_MODALS.has(tokens[position] as string) && tokens[position + 1] === "you" && tags[position + 2] === "VERB";
  if (askedOfMaya) position += 2;
  // "me, I take one cosmo": the guest named twice, as second-language speakers often start.
  if (tokens[position] === "me" && tokens[position + 1] === "i") position += 1;
  // "I think I take one negroni", "I guess we'll have two": the hedge frames the request, not a thought.
  if ((tokens[position] === "i" || tokens[position] === "we") && HEDGE_LEMMAS.has(lemmas[position + 1] as string) && FIRST_PERSON.has(tokens[position + 2] === "that" ? (tokens[position + 3] as string) : (tokens[position + 2] as string))) {
    position += tokens[position + 2] === "that" ? 3 : 2;
  }
  const subject = tokens[position];
  // "let's get", "lets have": the guest and company, whatever the tagger calls "let".
  // ("makes me want a martini": a verb said of "it", its subject left out, commands nothing.)
  const saidOfIt = subject !== undefined && subject.endsWith("s") && (subject === `${lemmas[position]}s` || subject === `${lemmas[position]}es`);
  const commanded = askedOfMaya || (subject !== undefined && tags[position] === "VERB" && subject !== "let" && subject !== "lets" && !saidOfIt);
  if (!commanded) {
    if (subject === undefined) return null;
    const joint = jointSubjectEnd(tokens, tags, position);
    if (joint !== null) position = joint;
    else {
      if (!FIRST_PERSON.has(subject)) return null;
      position += 1;
      if (subject === "let" && tokens[position] === "us") position += 1;
    }
  }
  const verbFrom = position;
  // ("me and my wife will each take an IPA": "each", "both", "all" between the modal and the verb.)
  while (position < tokens.length && (MODALS.has(tokens[position] as string) || tags[position] === "ADV" || FLOATING_QUANTIFIERS.has(tokens[position] as string) || (tokens[position] === "at" && tokens[position + 1] === "least") || (tokens[position] === "least" && tokens[position - 1] === "at")) && tags[position] !== "VERB") position += 1;
  // (The tagger reads "each take" as a noun phrase; after a modal and "each", the word is the verb.)
  const afterFloating = FLOATING_QUANTIFIERS.has(tokens[position - 1] as string) && MODALS.has(tokens[position - 2] as string) && REQUEST_LEMMAS.has(tokens[position] as string);
  if (tags[position] !== "VERB" && !afterFloating) return null;
  // "I do not remember that exam": the verb is an auxiliary before a negation, no request by its frame.
  if (tokens[position + 1] === "not" || tokens[position + 1] === "never") return null;
  const lemma = lemmas[position] as string;
  if (!REQUEST_LEMMAS.has(lemma)) return null;
  // "I'll settle for a gin" chooses; "I'll settle up" pays (read as paying, not here).
  if (lemma === "settle" && tokens[position + 1] !== "for") return null;
  // "I make negronis at home": what the guest does, said without a modal, is a habit, not an order.
  // ("I could make a negroni in my sleep": what the guest can do, not what they ask for.)
  const modals = tokens.slice(verbFrom, position).filter((token) => MODALS.has(token));
  const doesItThemselves = modals.length === 0 || modals.every((token) => token === "can" || token === "could");
  if (!commanded && doesItThemselves && (subject === "i" || subject === "we") && MAKING_LEMMAS.has(lemma) && tokens[position] === lemma) return null;
  // "I'll need a moment before the cosmo", "can I get a second to look at the gin": the verb's object is time.
  // ("give me a sec to think": whom the verb gives to stands before its object.)
  const objectFrom = ["me", "us", "him", "her", "them"].includes(tokens[position + 1] as string) ? position + 2 : position + 1;
  const counted = ["a", "an", "another", "one", "some", "more", "few", "little"].includes(tokens[objectFrom] as string) ? objectFrom + 1 : objectFrom;
  // ("a little taste of the IPA", "a quick look at the list": the size of the time or taste said first.)
  const object = ["little", "quick", "small", "tiny", "wee"].includes(tokens[counted] as string) && TIME_OBJECTS.has(tokens[counted + 1] as string) ? counted + 1 : counted;
  // ("I'll have a second one": another drink, not a moment.)
  // ("throw in a second Bud": the second of a drink, not a moment.)
  const timeAsked = TIME_OBJECTS.has(tokens[object] as string) && tokens[object + 1] !== "one" && matchMenuAt(tokens, object + 1, index) === null;
  if (timeAsked || (tokens[object] === "few" && TIME_OBJECTS.has(tokens[object + 1] as string))) return false;
  // "could I get the name of whoever made this negroni", "can I have the recipe for that": words about the drink.
  const objectWords = tokens.slice(position + 1, position + 5);
  const ends = objectWords.indexOf("of") >= 0 ? objectWords.indexOf("of") : objectWords.length;
  if (objectWords.slice(0, ends).some((word) => WORDS_ABOUT.has(word))) return false;
  // ("bring me the old fashioned recipe": the drink names the words about it, said right after it.)
  if (drinkNamingWordsAbout(tokens, position + 1, index)) return false;
  if (thingAskedForADrink(tokens, tags, position + 1, index)) return false;
  const infinitive = tokens[position + 1] === "to" && tags[position + 2] === "VERB";
  if (WISH_LEMMAS.has(lemma) && infinitive) {
    const next = lemmas[position + 2] as string;
    if (KNOWING_LEMMAS.has(next) || DOING_LEMMAS.has(next)) return false;
    return REQUEST_LEMMAS.has(next) && !WISH_LEMMAS.has(next) ? true : null;
  }
  // "I prefer a pie with peppers and a pepsi" chooses; "I prefer martinis to negronis" compares.
  const choosing = lemma === "prefer" && COUNTED_OBJECT.has(tokens[position + 1] as string) && !tokens.slice(position + 2).some((token) => token === "to" || token === "over");
  if (OPINION_LEMMAS.has(lemma)) return choosing || tokens.slice(0, position).some((token) => MODALS.has(token)) ? true : null;
  return true;
}

/** A drink within the object's first words, said right before a word about it ("the negroni recipe", "the martini specs"). */
function drinkNamingWordsAbout(tokens: readonly string[], objectAt: number, index: MenuIndex): boolean {
  for (let at = objectAt; at < objectAt + 4 && at < tokens.length; at += 1) {
    const drink = matchMenuAt(tokens, at, index);
    if (drink) return WORDS_ABOUT.has(tokens[at + drink.length] ?? "");
  }
  return false;
}

/** Heads of an object that are the drink, or hold it: "one", "a pint of", "something", "the usual". */
const DRINK_HEADS = new Set(["one", "ones", "something", "anything", "same", "usual", "drink", "drinks", "round", "double", "single", "refill", "top", "another", "more", "other", "thing"]);
const OBJECT_LEAD_TAGS: ReadonlySet<Tag> = new Set(["DET", "ADJ", "NUM", "PRON"]);
/** Words that place a drink after the thing asked for: "a straw for the lemonades", "a taxi number for after this IPA". */
const PLACING_THE_DRINK = new Set(["for", "with", "after", "before"]);
/** "can I get your take on the old fashioned", "a word about the negroni": what the thing is about (a drink named, not "it"). */
const ABOUT_THE_DRINK_WORDS = new Set(["on", "about"]);

/**
 * "can I get a straw for the kids' lemonades", "could you get me a taxi number for after this IPA": the
 * verb's object is a thing the bar does not pour (no drink, food or anything else it knows), and the
 * drink after it, with no "and" between, only says what the thing is for: no drink is asked for.
 */
function thingAskedForADrink(tokens: readonly string[], tags: readonly Tag[], from: number, index: MenuIndex): boolean {
  let at = from;
  while (at < tokens.length && (OBJECT_LEAD_TAGS.has(tags[at] as Tag) || RECIPIENT_WORDS.has(tokens[at] as string)) && matchMenuAt(tokens, at, index) === null) at += 1;
  const head = at;
  // (Food is left to the lexicon's reading, "chips with a lager" may ask for both; so are the bar's supplies, "a straw for the lemonades".)
  while (at < tokens.length && (tags[at] === "NOUN" || tags[at] === "PROPN") && matchMenuAt(tokens, at, index) === null && lexiconAt(tokens, at) === null) at += 1;
  // ("a pint of lager" names the drink by its glass; "two glasses for it" asks for glasses.)
  if (at === head || tokens.slice(head, at).some((word) => DRINK_HEADS.has(word) || MONEY_HEADS.has(word) || (CONTAINERS.has(word) && tokens[at] === "of"))) return false;
  // ("can I get some help carrying these IPAs to row C": what the thing is for, said with a participle.)
  if (/[a-z]{3,}ing$/.test(tokens[at] as string)) return tokens.slice(at + 1, at + 4).some((_, offset) => matchMenuAt(tokens, at + 1 + offset, index) !== null);
  const about = ABOUT_THE_DRINK_WORDS.has(tokens[at] as string);
  if (!PLACING_THE_DRINK.has(tokens[at] as string) && !about) return false;
  if (!about && POINTING_AT_A_DRINK.has(tokens[at + 1] as string) && tokens[at + 2] === undefined) return true;
  for (let next = at + 1; next < tokens.length; next += 1) {
    if (tokens[next] === "and" || tokens[next] === "plus" || tokens[next] === "or") return false;
    if (matchMenuAt(tokens, next, index) !== null) return true;
  }
  return false;
}
const RECIPIENT_WORDS = new Set(["me", "us", "him", "her", "them"]);
/** "put 20 percent on top for the two IPAs": money put on the drinks is a tip, read by the tip readers. */
const MONEY_HEADS = new Set(["percent", "tip", "dollars", "dollar", "bucks", "buck", "quid", "cents"]);
/** "two glasses for it": the drink pointed at, already said. */
const POINTING_AT_A_DRINK = new Set(["it", "that", "this", "them", "those", "these"]);

/** Wishes said with their "I" left out: "really need a drink", "absolutely want a daiquiri". */
const IMPLIED_WISHES = new Set(["need", "want", "fancy", "crave"]);

/** "we will each", "they'll both": a quantifier between the modal and the verb, said of the subject. */
const FLOATING_QUANTIFIERS = new Set(["each", "both", "all"]);
/** Prepositions that may end a subject's noun with where it is from: "the guy from 22B", "my friend at the end". */
const SUBJECT_PLACES = new Set(["from", "at", "in", "on", "by"]);

/** Where a subject that includes the guest ends: "me and the boys", "my wife and I" (null when there is none). */
function jointSubjectEnd(tokens: readonly string[], tags: readonly Tag[], start: number): number | null {
  let position = start;
  let guest = false;
  let joined = false;
  const placed = (at: number) => SUBJECT_PLACES.has(tokens[at] as string) && joined && NOMINAL.has(tags[at + 1] as Tag);
  while (position < tokens.length && position < start + 8 && (NOMINAL.has(tags[position] as Tag) || (tokens[position] === "of" && tokens[position + 1] === "us") || placed(position))) {
    const token = tokens[position] as string;
    // "the 3 of us", "all of us": the guest and company.
    if (token === "of") joined = true;
    if (token === "i" || token === "me" || token === "we" || token === "us") guest = true;
    if (token === "and") joined = true;
    position += 1;
  }
  return guest && joined && (tags[position] === "VERB" || tags[position] === "AUX") ? position : null;
}
const NOMINAL: ReadonlySet<Tag> = new Set(["PRON", "DET", "NOUN", "PROPN", "ADJ", "CCONJ", "NUM"]);

/**
 * Sayings whose "it" is no drink: "get it right", "take it easy" (a verb, "it" and the state it is left in;
 * not "get it right away"), "take it from me", "I'll take it from here", "oh I get it now" (understood).
 */
const SAYING_WITH_IT =
  / (get|gets|got|getting|take|takes|took|taking) (it|that|this|them|those) (right|wrong|done|sorted|fixed|working|easy|seriously|personally)(?! (away|now|here|there|off|over|back|in) )| take it from (me|us|here|there) |^ ((oh|ah|ahh|ok|okay|right|yeah) )*(i|we) (get|got) (it|that)( now)? $/;

/** "three martinis deep", "two pints deep": how much someone has had. */
const DRINKS_DEEP = / DRINK (MOD )*deep /;
/** "mind pouring me ...", "mind getting us ...": a request with "would you" left out. */
const MIND_DOING = /^ mind (pouring|getting|making|grabbing|bringing|fixing|doing|putting) (me|us|him|her|them|a|an|another|one|two) /;
/** "make me think of", "makes me miss": what something does to the guest, no drink made for them. */
const MADE_TO_THINK = / (make|makes|made|making) (me|us) (think|dream|miss|remember|feel|nostalgic|homesick) /;
/** A drink said first, with no article or count, then what it does to someone ("negronis give me a headache"). */
const DRINK_DOES_TO_SOMEONE = /^ ((the|those|these|your) )?DRINK ((always|usually|just|really|never|sometimes|still|totally) )?(give|gives|make|makes|get|gets|leave|leaves|knock|knocks|send|sends|keep|keeps|put|puts|turn|turns) (me|us|him|her|them|you|everyone|people) (?!.*\b(DRINK|one|ones|another|more|same|round|couple|two|three|four|five|six|seven|eight|nine|ten|\d+)\b)/;
/** A drink someone has, put down or away: "put your daiquiri down", "set that pint aside". */
const PUT_DOWN = / (put|set|lay|leave) (your|his|her|their|that|the|those) (\w+ )?DRINK (down|away|aside) /;
/** "tell me you have cold water", "please say you've got IPA": asking whether the bar has a drink. */
const TELL_ME_YOU_HAVE = / (tell|say to) me (that )?(you|ya|you guys) (still )?(have|got|have got|serve|do|sell|stock) /;

/** "a negroni or maybe a manhattan": the hedge weighs the alternatives, not the wish. */
const HEDGED_ALTERNATIVE = / or (maybe|perhaps|possibly|probably) (?=(a|an|the|two|three|DRINK) )/g;

/** "we'll both have", "we all want", "us will each have": the group as one subject; who gets one is counted elsewhere. */
const EVERY_ONE_OF_US = / (we|they|us) ((will|would|shall|can|could|should|do) )?(both|each|all) (?!of )/g;

/** "in the Bond books he's forever ordering martinis": where or when it happens, said before someone else's doing. */
const FRONTED_PLACE = /^ (in|at|on|during|after|before|throughout) (\w+ ){1,4}(?=(he|she|they) (is|are|was|were|has|had|always|never|just|keeps|kept|\w+s|\w+ed) )/;

function actOfShape(raw: string, fragment: boolean, asked: boolean, consequent: boolean, framed: boolean | null = null): Reading {
  const shape = withoutLead(raw).replace(FRONTED_PLACE, " ").replace(HEDGED_ALTERNATIVE, " or ").replace(EVERY_ONE_OF_US, (_, subject: string, modal: string | undefined) => ` ${subject} ${modal ?? ""}`);
  // Most patterns below need a word the clause does not say: its words are looked up once (word-gates.ts).
  const said = new Words(shape);
  const person = OTHER_SUBJECT.test(shape) ? new Words(shape.replace(OTHER_SUBJECT, " PERSON")) : said;
  const statement = (kind: StatementKind): Reading => ({ act: "STATEMENT", kind });
  // ("do kids usually like iced tea or is it too bitter for them": whether others like a drink, asked.)
  if (shape.startsWith(" do") && OTHERS_TASTE_ASKED.test(shape)) return { act: "QUESTION", kind: null };
  // ("mind pouring me a classic brew?": "would you" left out, a request still.)
  if (shape.startsWith(" mind ") && MIND_DOING.test(shape)) return { act: "REQUEST", kind: null };
  // ("rainy nights always make me think of old fashioneds": what something makes the guest think or feel, told.)
  if (shape.includes(" me ") && said.test(MADE_TO_THINK)) return statement("OPINION");
  // ("negronis give me a headache", "gin always makes her sleepy": the drink, said first, is the subject of what it does to someone.)
  if (DRINK_DOES_TO_SOMEONE.test(shape)) return statement("OPINION");
  // ("Gemma, put your daiquiri down and come sing!": a drink someone has, put down; nothing poured.)
  if (shape.includes(" down ") && PUT_DOWN.test(shape)) return statement("OTHER");
  // ("PLEASE tell me you have cold water": whether the bar has it, asked.)
  if (shape.includes(" me ") && said.test(TELL_ME_YOU_HAVE)) return { act: "QUESTION", kind: null };
  // ("you can take the water off too", "you could put a lemonade on for me": a command, said as a permission.)
  if (shape.startsWith(" you ") && YOU_CAN_DO.test(shape)) return { act: "REQUEST", kind: null };
  // ("the dean was three martinis deep": drinks had, counted.)
  if (shape.includes(" deep ") && said.test(DRINKS_DEEP)) return statement("PAST");
  // ("I want to try it at home": the guest's own making, elsewhere; nothing poured here.)
  // ("I'll try one myself" still asks: "myself" is "me too".)
  if (shape.includes(" home ") && said.test(MADE_AT_HOME)) return statement("OTHER");
  // ("took four hours to get it right", "take it from me, ...", "I get it now": a saying; nothing fetched.)
  if (said.test(SAYING_WITH_IT)) return { act: "CHAT", kind: null };
  // "Dave owes the team a pint each", "free pint for anyone who beats the landlord", "bet you a pint he's late": a debt, a prize or a wager told, nothing asked.
  if (saysAny(shape, OWED_OR_WON_WORDS) && said.test(OWED_OR_WON)) return statement("HYPOTHETICAL");
  // "but I still prefer a good lager": a taste told, not a drink asked for ("I'd prefer a lager" asks).
  if (shape.includes(" prefer") && said.test(PREFERENCE_TOLD)) return statement("OPINION");
  // "Bond's drink is a martini", "the boss's usual was an old fashioned": someone else's drink, told.
  if (saysAny(shape, BEING_WORDS) && said.test(SOMEONES_DRINK)) return statement("OTHER");
  // "fifty lagers, everybody in the line gets one": how the drinks just asked for are shared, no more of them.
  if (said.test(SHARED_OUT)) return { act: "CHAT", kind: null };
  // "right, so that's one pint for me, one IPA for Priya": the round read out, asked for.
  if (said.test(ROUND_READ_OUT)) return { act: "REQUEST", kind: null };
  // "a Classic Brew it is", "negroni it is then": the choice made, asked for.
  if (CHOSEN_IT_IS.test(shape)) return { act: "REQUEST", kind: null };
  // "we've still got half a pint left": what the guests still have, told.
  if (said.test(STILL_LEFT)) return statement("OTHER");
  // "a lemonade to take to my nan": a drink and what it is for, asked for.
  if (said.test(TO_TAKE)) return { act: "REQUEST", kind: null };
  // "hands up who wants a lager": the table asked, no drink ordered yet.
  if (said.test(WHO_WANTS)) return { act: "QUESTION", kind: null };
  // "can you keep the negronis aside until the interval", "and keep them coming": kept for later, none poured now.
  if (saysAny(shape, KEEPING_WORDS) && said.test(KEPT_FOR_LATER)) return { act: "CHAT", kind: null };
  // "my husband wants to know what a classic brew is": a wish to know, whoever has it, asks.
  if (said.test(WISHES_TO_KNOW)) return { act: "QUESTION", kind: null };
  // "can you make a daiquiri without the rum", "a martini with no alcohol, is that a thing": asked whether it can be.
  if (said.test(MADE_WITHOUT) || said.test(MADE_WITHOUT_THE_TOOLS)) return { act: "QUESTION", kind: null };
  // "I'm done with lagers for tonight": had enough of them, a drink declined.
  if (said.test(DONE_WITH)) return { act: "DECLINE", kind: null };
  // ("take the water off, I don't need it": a drink pointed at and not needed, declined.)
  if (said.test(NOT_NEEDED)) return { act: "DECLINE", kind: null };
  // "the regulars call the negroni the red menace", "she called my prose a dry martini": a name given, nothing asked.
  if (said.test(CALLED)) return statement("OTHER");
  // "perfect martini, my compliments": praise for the drink poured, asking for nothing.
  if (said.test(COMPLIMENTS)) return statement("OPINION");
  // "my coach is strictly an IPA guy": a drink that says what kind of person someone is.
  if (said.test(KIND_OF_PERSON)) return statement("OPINION");
  // "she said 'one more martini and I'm swimming back'": words quoted, not asked for.
  if (test(QUOTED, raw)) return statement("OTHER");
  // "two martinis and I'm on the floor": what the drinks would do to someone, foretold.
  if (said.test(DRINKS_THEN_THE_STATE)) return statement("HYPOTHETICAL");
  // "a water after every beer": a rule the guest keeps, not an order.
  if (said.test(EVERY_TIME)) return statement("HABIT");
  // "I don't think I can handle a Long Island tonight": a drink too much for the guest, declined.
  if (said.test(CANNOT_HANDLE)) return { act: "DECLINE", kind: null };
  // "a cold lager would be heaven right now": longed for, and offered, not poured.
  if (said.test(WOULD_BE_HEAVEN)) return statement("OPINION");
  // "wow, five bucks for a lager": a price told, asking for nothing.
  if (said.test(PRICE_TOLD) && !said.test(WISH) && !said.test(POUR_VERB_FIRST)) return statement("OPINION");
  // Negations and idioms are looked for only where their words are: most clauses have none.
  // ("two iced teas for the two who aren't drinking": a negation inside a clause about someone negates nothing asked.)
  const negated = NEGATION_WORDS.test(shape.replace(RELATIVE_TAIL, " "));
  const removalWords = negated || said.test(REMOVAL_WORDS);
  if (removalWords && said.test(REMOVAL) && said.test(WANTING)) return { act: "REQUEST", kind: null };
  // "I'd like to know what's in the long island", "can I have a minute before the next one": a wish
  // to know, or for time, is a question, however politely it is put.
  if (said.test(TAB_OPENED_WITH)) return { act: "REQUEST", kind: null };
  if (framed === false && !negated) return { act: "QUESTION", kind: null };
  if (said.test(REQUEST_IDIOM) || said.test(POLITE_REQUEST)) return { act: "REQUEST", kind: null };
  if (said.test(POLITE_CONDITION)) return { act: "CHAT", kind: null };
  // "cheers to the lagers!": a toast to drinks had, no order.
  if (test(TOAST, raw)) return { act: "CHAT", kind: null };
  // "so many lemonades at the kids' table": an exclamation at what is there, asking for nothing.
  if (test(EXCLAIMED_AMOUNT, raw)) return statement("OPINION");

  // "I wish I could have a daiquiri": a wish for what cannot be; "nobody here wants a long island": no one's wish.
  if (said.test(UNREAL_WISH)) return statement("HYPOTHETICAL");
  if (said.test(NO_ONE)) return statement("OTHER");
  // "what about the manhattan?" asks about a drink named; "what about a beer?" proposes one.
  if (said.test(ABOUT_THE_DRINK)) return { act: "QUESTION", kind: null };
  // "I've got a presentation in the morning": what the guest has, not a drink asked for ("I've got to have one" still wishes).
  if (said.test(HAVING_GOT)) return { act: "CHAT", kind: null };
  if (said.test(DRINKS_HAD) && !said.test(PUT_IN)) return statement("PAST");
  // "when we get back to the hotel": a time, with its own subject; no question ("when do you close?").
  // ("when you get a sec, a lager": a courtesy, put off nothing.)
  const withoutAsides = shape.replace(ASIDES, " ");
  const unhedged = withoutAsides === shape ? said : new Words(withoutAsides);
  if (!asked && unhedged.test(TIME_CLAUSE)) return statement(said.test(TIME_PAST) ? "PAST" : "LATER");
  const question =
    (asked && !fragment) ||
    WH.has(/^ (\w+)/.exec(shape)?.[1] ?? "") ||
    said.test(AUXILIARY_FIRST) ||
    said.test(WONDERING);
  if (said.test(CONDITION) && !said.test(IF_I_CAN_GET)) {
    return question && said.test(ASKING_WORD) ? { act: "QUESTION", kind: null } : statement("HYPOTHETICAL");
  }
  // ("if I ordered a martini, would you shake it?": asked of what is only supposed, nothing to do now.)
  if (question) return said.test(REQUEST_QUESTION) && !consequent ? { act: "REQUEST", kind: null } : { act: "QUESTION", kind: null };
  if (negated && said.test(TELLING_NEGATION)) return statement(person.test(PAST) ? "PAST" : "OPINION");
  if (negated && said.test(DECLINING)) return { act: "DECLINE", kind: null };
  if (said.test(AVOIDING) && said.test(NAMES_DRINK)) return { act: "DECLINE", kind: null };
  // "so don't even think about it": told not to, never asked to.
  if (said.test(TOLD_NOT_TO)) return { act: "DECLINE", kind: null };
  if (said.test(THANKS_FOR)) return { act: "CHAT", kind: null };
  // "maybe a martini", "a daiquiri at some point": when unsure, Maya asks.
  // ("a cold classic brew when you get a sec": the aside puts nothing off.)
  // "the next round is two manhattans and a soda": the round named, ordered now.
  if (said.test(ROUND_IS) && said.test(NAMES_DRINK)) return { act: "REQUEST", kind: null };
  if (said.test(SETTLED_ON)) return { act: "REQUEST", kind: null };
  if (fragment && unhedged.test(LATER)) return statement("LATER");
  if (fragment && unhedged.test(TENTATIVE)) return statement("TENTATIVE");
  // "wow, three martinis already": a count of what was had, not an order.
  if (fragment && (said.test(PAST_TIME) || said.test(ALREADY))) return statement("PAST");
  // "ah, first pint in twelve days": the drink in hand, savoured, no other asked for.
  if (fragment && said.test(FIRST_IN_A_WHILE)) return statement("OPINION");
  if (fragment && asked && said.test(ASKED_OF_A_DRINK)) return { act: "QUESTION", kind: null };
  // (A past verb first, its object after: told, however much it looks like a bare order.)
  if (fragment && said.test(DONE_WITHOUT_I)) return statement("PAST");
  if (fragment) return { act: "REQUEST", kind: null };
  if (consequent) return statement("HYPOTHETICAL");
  // ("he says I should have a lemonade instead": advice reported, not the guest's own wish.)
  if (said.test(ADVICE_REPORTED)) return statement("OTHER");
  // ("the saxophonist told me your negroni is the best in town": what someone said of a drink, told on.)
  if (said.test(HEARSAY)) return statement("OTHER");
  // The verb frame decides where it found one: "we'd like to know what's in it" wishes to know, not to drink.
  // ("one of the IPA guys left": the subject named is no bare order, whatever its words look like.)
  const wish = framed ?? (person.test(WISH) || person.test(IMPERATIVE));
  if (person.test(PAST) && !said.test(HAVE_TO)) return statement("PAST");
  // A wish put off or hedged is no request, whoever it is for ("she'll probably want a lemonade").
  if (unhedged.test(LATER)) return statement("LATER");
  if (said.test(TENTATIVE)) return statement("TENTATIVE");
  if (said.test(OTHER_SUBJECT)) {
    const told = said.test(HABITUAL) || said.test(STRANGER_HAS) || (framed === null && person.test(DESIRE_IDIOM) && !person.test(WISH_SAID_OF));
    return wish && !told ? { act: "REQUEST", kind: null } : statement("OTHER");
  }
  if (said.test(ITEM_SUBJECT) || (said.test(THING_SUBJECT) && said.test(NAMES_DRINK)) || (person.test(OPINION_VERB) && !wish) || (said.test(DRINK_PREDICATE) && !wish)) {
    return statement("OPINION");
  }
  if (said.test(HYPOTHETICAL) && !wish) return statement("HYPOTHETICAL");
  if (said.test(HABIT) && !wish) return statement("HABIT");
  if (wish) return { act: "REQUEST", kind: null };
  return { act: "CHAT", kind: null };
}

/** The repair cues a clause opens with, and what follows them ("no wait, make it two" -> REVISE, "two"). */
function repairOf(tokens: readonly string[], pauses: readonly Pause[], index: MenuIndex): Repair | null {
  let position = 0;
  let repair = null as Repair | null;
  while (position < tokens.length) {
    while (tokens[position] === "oh" || tokens[position] === "and" || tokens[position] === "hmm" || tokens[position] === "okay") position += 1;
    // ("can you make it a dirty one": the cue asked for politely is still the cue.)
    const cueAsked = [position + 2, position + 3].find((at) => at < tokens.length && askedFrom(tokens, at) === position);
    if (cueAsked !== undefined && markerAt(tokens, cueAsked, pauses, index, true)) position = cueAsked;
    // The clause already starts at its cue: no need to look for something ordered before it.
    const marker = markerAt(tokens, position, pauses, index, true);
    if (!marker) break;
    position += marker.words.length;
    repair = {
      cue: repair?.cue === "UNDO" || marker.cue === "UNDO" ? "UNDO" : "REVISE",
      strength: repair?.strength === "STRONG" || marker.strength === "STRONG" ? "STRONG" : "WEAK",
      said: [...(repair?.said ?? []), ...marker.words],
      body: [],
    };
    // "make that to", "switch it to", "change that into": the linking word goes with the cue.
    while (["to", "into", "for", "with", "please"].includes(tokens[position] ?? "")) position += 1;
  }
  if (!repair) return null;
  const body = tokens.slice(position);
  if (body.includes("instead")) repair.strength = "STRONG";
  return { ...repair, body };
}

/** Politeness and hedges around a bare order ("a gin on the rocks, I guess", "a martini, thank you"). */
const ASIDE_WORDS: readonly string[] = [
  "thank you very much", "thank you so much", "thanks very much", "thanks so much", "thanks a lot", "thank you",
  "thanks", "please", "cheers", "i guess", "i think", "i suppose", "i reckon", "if you can", "if you could", "right now", "right away", "straight away", "asap",
  "when you can", "whenever you can", "when you get a chance", "when you get a sec", "whenever you get a chance",
  "whenever you get a sec", "whenever you get a moment", "when you get a moment", "whenever you have a moment",
  "when you have a moment", "whenever you have a sec", "when you have a sec", "whenever you have a chance",
  "when you get a second", "whenever you get a second", "when you have a second", "whenever you have a second",
  "when you get a minute", "whenever you get a minute", "when you have a minute", "whenever you have a minute",
  "while you are at it", "while you are there", "while you are up",
  "when you have a chance", "when you are ready", "whenever you are ready", "no rush", "for me", "for us",
  // ("scotch on the rocks please mate cheers": whom the guest calls, and the thanks, said after the order.)
  "mate", "pal", "buddy", "ta",
];
const ASIDES = new RegExp(` (${ASIDE_WORDS.join("|")})(?= )`, "g");
/** Subjects that make a clause of a bare order ("I a martini" is not one); "hey there", "you" in an aside are not. */
const SUBJECTS = new Set(["i", "we", "he", "she", "they"]);
const VERBS: ReadonlySet<Tag> = new Set(["VERB", "AUX"]);
/** Evaluative words said of a drink with no "a" before it: "great martini!", "the best negroni in town". */
const EVALUATIVE = / (great|amazing|awesome|delicious|tasty|lovely|excellent|fantastic|wonderful|incredible|best|perfect|beautiful|gorgeous|terrible|awful|horrible|gross|disgusting|nasty|bad|worst|strong|weak|boring|overrated|underrated|legendary) /;
const WANTED = / (a|an|please|one|two|three|four|five|six|another) /;
/** "the best one ever", "finest I've ever had": praise of a drink had, never an order. */
const SUPERLATIVE_PRAISE = / (best|worst|greatest|finest|nicest|tastiest) (\w+ ){0,3}(ever|of my life|in (town|the city|the world|years)|i have (ever )?(had|tasted)) /;
/** An amount of money said with a drink and no verb: talk of its price, not an order. */
const PRICED = / \w+ (dollars|dollar|bucks|buck|quid|cents) (for|per|a|an|each|just for) /;

/** The asides by their first word: most tokens start none. */
const ASIDES_BY_FIRST_WORD: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const byFirst = new Map<string, (readonly string[])[]>();
  for (const phrase of ASIDE_WORDS.map((aside) => aside.split(" "))) {
    const first = phrase[0] as string;
    byFirst.set(first, [...(byFirst.get(first) ?? []), phrase]);
  }
  return byFirst;
})();

/** Where the asides are in the tokens: their words are neither subjects nor verbs of the clause. */
function asidePositions(tokens: readonly string[]): Set<number> {
  const found = new Set<number>();
  for (let position = 0; position < tokens.length; position += 1) {
    for (const phrase of ASIDES_BY_FIRST_WORD.get(tokens[position] as string) ?? []) {
      if (phrase.every((word, offset) => tokens[position + offset] === word)) phrase.forEach((_, offset) => found.add(position + offset));
    }
  }
  return found;
}

/**
 * A bare order: drinks, modifiers, counts or "a ..." with no verb and no subject ("two martinis,
 * dirty", "a mojito please", "a lemonade for my daughter and a negroni for me"). It is a request,
 * and it continues one before it. The tagger says where the verbs are; a verb after "to" only
 * says what the drink is for ("two IPAs to go", "a martini for the four of us to share").
 */
/** Words that ask for a drink had before once more: "the same one you made me", "another of those you poured". */
const AGAIN_WORDS = new Set(["same", "another", "again", "more", "repeat"]);
/** A verb in the past tense, by its form against its lemma: "made" (make), "poured" (pour); not "makes" or "making". */
const saidInThePast = (token: string, lemma: string): boolean => token !== lemma && !token.endsWith("ing") && token !== `${lemma}s` && token !== `${lemma}es`;

/**
 * The shape without what a participle after the drink says of the noun before it ("six lemonades for the kids
 * holding the GO GRANDMA sign": "who are holding", left out; the bar's verbs in it are none of the order's).
 */
function withoutReducedRelative(shape: string, tokens: readonly string[], tags: readonly Tag[], index: MenuIndex): string {
  const drinkAt = tokens.findIndex((_, position) => matchMenuAt(tokens, position, index) !== null);
  if (drinkAt < 0) return shape;
  for (let position = drinkAt + 2; position < tokens.length; position += 1) {
    const token = tokens[position] as string;
    // ("for the ones not driving", "for the kid still waiting": a word between the noun and the participle goes with it.)
    const between = PARTICIPLE_ADVERBS.has(tokens[position - 1] as string) ? 1 : 0;
    const noun = tags[position - 1 - between];
    if (!token.endsWith("ing") || tags[position] !== "VERB" || (noun !== "NOUN" && noun !== "PROPN")) continue;
    const cut = shape.indexOf(` ${tokens[position - between] as string} `, shape.indexOf("DRINK"));
    return cut < 0 ? shape : shape.slice(0, cut + 1);
  }
  return shape;
}

/** Words before where someone is: "from changing room 2", "in waiting room b". */
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(["from", "in", "at", "by", "near", "outside", "inside"]);

function isFragment(tokens: readonly string[], tags: readonly Tag[], lemmas: readonly string[], shape: string, ordersSomething: boolean, index: MenuIndex): boolean {
  // The bar's list of verbs first (cheap, and it catches what the tagger misses: "negronis taste like wood").
  // A relative or time clause inside ("for our friend who's driving", "before I go") has verbs of its own.
  // (Only after the drink: "suggestions for someone who doesn't like beer" asks, whatever follows "who".)
  // Asides ("please", "whenever you get a sec") hold no verb of the clause either.
  // "a negroni to go with it": a verb after "to", once the drink is said, says what the drink is for.
  // ("a 20% tip and a lemonade please": the tip named, a noun, no verb "tip".)
  const asideless = shape.replace(ASIDES, " ");
  const withoutAsides = shape.includes("DRINK") ? asideless.replace(TIP_NAMED, " ") : asideless;
  const said = withoutAsides.replace(FOR_WHAT, "$1 to ").replace(TO_TAKE_AWAY, " ");
  const outer = said.replace(INNER_CLAUSE, " ");
  const inner = outer !== said && outer.includes("DRINK");
  if (PREDICATE_WORD.test(withoutReducedRelative(inner ? outer : said, tokens, tags, index))) return false;
  // ("evening! sun's about to hit the water": the drink is the object of what is about to happen, a clause of its own.)
  const aboutTo = said.indexOf(" about to ");
  if (aboutTo >= 0 && said.indexOf("DRINK") > aboutTo) return false;
  const words = withoutAsides.split(" ").filter((word) => word !== "");
  if (words.length === 0 || !(ordersSomething || words.includes("a") || words.includes("an"))) return false;
  if (WH.has(words[0] as string) || AUX.has(words[0] as string) || OTHER_SUBJECT.test(withoutLead(shape))) return false;
  // "you guys batch your negronis?": a subject said first is a clause, whatever the tagger makes of its verb.
  if (words[0] === "you" && words.length >= 3) return false;
  const aside = asidePositions(tokens);
  // "Ooh, the negroni for me": the words a clause opens with are no verb of it, whatever the tagger says.
  let opening = 0;
  while (opening < tokens.length && LEAD.has(tokens[opening] as string)) opening += 1;
  let drinkEnd = 0;
  for (const [position, token] of tokens.entries()) {
    if (aside.has(position) || position < opening || position < drinkEnd) continue;
    // A drink's name is no verb ("old fashioned").
    // Nor is a dish's or another drink's ("ginger snaps and a lemonade"), nor a serving word ("rocks them both").
    const named = matchMenuAt(tokens, position, index)?.length ?? lexiconAt(tokens, position)?.length ?? readModifierAt(tokens, position)?.length;
    if (named) {
      drinkEnd = position + named;
      continue;
    }
    // "hi there": no subject.
    if (token === "there" && position === opening && position > 0) continue;
    // "a gin, please, the one you'd recommend": a subject right after a noun opens a clause about that noun ("that" left out).
    if (position >= drinkEnd && drinkEnd > 0 && position > opening && RELATIVE_SUBJECTS.has(token) && (tags[position - 1] === "NOUN" || tokens[position - 1] === "one")) {
      // ("the classic brew you poured beats the one back home": a verb after the relative clause's own is the clause's.)
      const own = tags.indexOf("VERB", position + 1);
      if (own >= 0 && tags.slice(own + 1).some((tag) => tag === "VERB" || tag === "AUX")) return false;
      // ("that old fashioned you made my brother": a drink made before, told of; "the same one you made me" asks again.)
      if (own >= 0 && saidInThePast(tokens[own] as string, lemmas[own] as string) && !tokens.some((word) => AGAIN_WORDS.has(word))) return false;
      break;
    }
    // ("from run 11", the number read as a label: the word before it names the place, whatever the tagger says.)
    if (tokens[position + 1] === NOT_A_COUNT) continue;
    // "a lemonade for our friend who's driving", "a quick daiquiri before I go": what follows is
    // another clause, about the friend or the time, not a verb of this one.
    // ("a manhattan, stirred for thirty seconds like the instructor showed": how it is made, told by another clause.)
    const manner = token === "like" && position >= drinkEnd && drinkEnd > 0 && MANNER_SUBJECTS.has(tokens[position + 1] as string);
    if (inner && position > opening && (RELATIVE.has(token) || manner || (ADJUNCT.has(token) && (SUBJECTS.has(tokens[position + 1] as string) || tokens[position + 1] === "it")))) break;
    // "a negroni before the 10 o'clock set": a time named after the drink holds no verb of the clause.
    if (position >= drinkEnd && drinkEnd > 0 && ADJUNCT.has(token) && OWNERS_AND_THE.has(tokens[position + 1] as string)) break;
    // "a lager for the guy singing song 37": a participle right after a noun, once the drink is said,
    // describes that noun (a relative clause with its "who is" left out), no verb of the order.
    // ("a lemonade for the kid still waiting on her parents": an adverb of time between them changes nothing.)
    const described = tokens[position - 1] !== undefined && PARTICIPLE_ADVERBS.has(tokens[position - 1] as string) ? position - 2 : position - 1;
    if (position >= drinkEnd && drinkEnd > 0 && token.endsWith("ing") && tags[position] === "VERB" && (tags[described] === "NOUN" || tags[described] === "PROPN")) break;
    // ("fifty old fashioneds for everyone stuck on flight 88": a past participle and where, the same.)
    const placedParticiple = (token.endsWith("ed") || PLACED_PARTICIPLES.has(token)) && PLACES.has(tokens[position + 1] as string);
    if (position >= drinkEnd && drinkEnd > 0 && placedParticiple && (tags[position - 1] === "NOUN" || tags[position - 1] === "PROPN" || EVERYONE.has(tokens[position - 1] as string))) break;
    if (SUBJECTS.has(token)) return false;
    // A participle after a determiner describes ("the designated driver"); after "to" it says what for ("to share").
    // A word after a determiner and its modifier is the noun the tagger missed ("the back table").
    const describing =
      tags[position - 1] === "DET" ||
      OWNERS.has(tokens[position - 1] as string) ||
      tokens[position - 1] === "to" ||
      // ("a lemonade for Josh, he's driving": whom it is for, a name the tagger took for a verb.)
      // ("a lemonade for dressing room 3": an "-ing" word before a noun names the kind of room, no verb;
      // "a pint for the fella from changing room 2", "... in waiting room b": after where, the same.)
      (tokens[position - 1] === "for" && (!token.endsWith("ing") || tags[position + 1] === "NOUN")) ||
      (PLACE_PREPOSITIONS.has(tokens[position - 1] as string) && token.endsWith("ing") && tags[position + 1] === "NOUN") ||
      (tags[position - 2] === "DET" && MODIFYING.has(tags[position - 1] as Tag)) ||
      // ("four cokes for the family stand": a noun of two words, the first no drink.)
      (tags[position - 2] === "DET" && tags[position - 1] === "NOUN" && tokens[position - 3] === "for" && matchMenuAt(tokens, position - 1, index) === null);
    if (VERBS.has(tags[position] as Tag) && !describing && token !== "please") return false;
  }
  // "Great martini!": a drink praised (or not) without asking for one; "thirteen dollars for a martini": its price;
  // "best one ever": praise, whatever count word it holds.
  return !(EVALUATIVE.test(shape) && !WANTED.test(shape)) && !PRICED.test(shape) && !SUPERLATIVE_PRAISE.test(shape);
}

/** Past participles said of people where they are: "stuck on flight 88", "sat at the bar". */
const PLACED_PARTICIPLES = new Set(["stuck", "sat", "left", "caught", "held", "kept"]);
const PLACES = new Set(["on", "in", "at", "by", "outside", "inside", "here", "there", "over", "behind", "near", "next", "with", "from"]);
const EVERYONE = new Set(["everyone", "everybody", "anyone", "anybody", "those", "people", "all"]);

/** A tip named as a thing: "a 20 percent tip", "a five dollar tip", "the tip". */
const TIP_NAMED = / (a|an|the|my|our|percent|dollar|dollars|buck|bucks) tip(?= )/g;
const ROUND_IS = /^ ((the|our|this|my) )?((next|first|second|third|last|final) )?round (is|will be|is going to be|is gonna be) /;
const FOR_WHAT = /(DRINK.*) to \w+ /;
/** "some candles to take home", "a bag to carry it back": what a thing is for, no verb of the clause. */
const TO_TAKE_AWAY = / to (take|carry|bring) (it |them |one )?(home|away|back|out|with (me|us|him|her|them)) /;
const RELATIVE = new Set(["who", "whom", "whose", "whoever", "whomever"]);
const INNER_CLAUSE = / (who|whom|whose|whoever|whomever) .*$| like (the|my|our|your|his|her|i|we|you|he|she|they) .*$| (the one|the kind|the type|the sort|whichever|whatever) (that )?(you|i|we|he|she|they) .*$| (before|after|while|until|till|once|when|since) (i|we|you|he|she|they|it) .*$| (before|after|until|till|during) (the|my|our|this|that) .*$/;
const RELATIVE_SUBJECTS = new Set(["you", "i", "we", "he", "she", "they"]);
const MANNER_SUBJECTS = new Set(["the", "my", "our", "your", "his", "her", "i", "we", "you", "he", "she", "they"]);
const ADJUNCT = new Set(["before", "after", "while", "until", "till", "once", "when", "since"]);

/** Possessives the tagger calls pronouns: a participle after one describes ("our designated drivers"). */
const OWNERS = new Set(["my", "our", "your", "his", "her", "their"]);
const MODIFYING: ReadonlySet<Tag> = new Set(["ADJ", "ADV"]);
/** "a Classic Brew it is", "two lagers it is then": a drink, then "it is" last, the choice made. */
const CHOSEN_IT_IS = /^ ((so|ok|okay|right|alright|fine|then) )*((a|an|one|two|three|four|five|num|the) )?(MOD )*DRINK (MOD )*it is( then| please| thanks)* $/;
/** "we have still got half a pint left", "I've still got some lager left": the drink the guests have, what is left of it. */
const STILL_LEFT = / (i|we|he|she|they) (have |has )?(still |already )?(got|have|has) (\w+ ){0,4}DRINK (\w+ )?left /;
/** A relative clause about a person, to the end: "...for the two who aren't drinking". */
const RELATIVE_TAIL = / (who|whom|whose) .*$/;
const OWNERS_AND_THE = new Set([...OWNERS, "the", "this", "that"]);

/** Adverbs of time said between a noun and the participle that describes it ("the kid still waiting"). */
// ("a dozen lagers for the ones not driving": a negation there says what they do not do, no refusal.)
const PARTICIPLE_ADVERBS = new Set(["still", "just", "already", "now", "currently", "also", "patiently", "not"]);

const MAX_ANSWER_WORDS = 8;

/**
 * A clause that only calls someone by a name that is not Maya's ("Maureen,", "Dave,"): no English
 * word (those call Maya: "mate", "love"), no drink, and not a mishearing of "Maya" ("Mya", "Maia").
 */
function isSomeoneCalled(tokens: readonly string[], index: MenuIndex): boolean {
  const name = tokens[0] as string;
  // ("whoa, take one off": an exclamation calls no one.)
  return tokens.length === 1 && name.length > 2 && !isEnglishWord(name) && !LEAD.has(name) && !index.words.has(name) && editDistance(name, "maya", 2) > 2;
}
const CONDITIONS = new Set(["if", "what", "suppose", "supposing", "imagine", "say", "let", "lets", "were", "had"]);

const POURING_COMMANDS = new Set(["pour", "get", "give", "bring", "grab", "fix", "make", "send", "fetch"]);

const GETTING = new Set(["get", "gets", "got", "getting", "gotten"]);
/** "get dragged", "got hit": a form of "get", then a participle with no noun after it. */
function saidInThePassive(tokens: readonly string[], tags: readonly Tag[]): boolean {
  return tokens.some(
    (token, at) =>
      GETTING.has(token) &&
      /[a-z]{2,}(ed|en)$/.test(tokens[at + 1] ?? "") &&
      (tags[at + 1] === "VERB" || tags[at + 1] === "ADJ") &&
      tags[at + 2] !== "NOUN" &&
      tags[at + 2] !== "PROPN",
  );
}

/** Reads the clauses of an utterance and the dialogue act of each. */
export function readClauses(read: ReadText, index: MenuIndex, tagged: Tagged): Clause[] {
  const clauses: Clause[] = [];
  /** Per clause, whether a full stop, "!" or "?" ends it. */
  const sentenceEnds: boolean[] = [];
  let counterfactual = false;
  /** The clause before only said that what follows is supposed ("say", "let's say"). */
  let supposing: "SURELY" | "IF_A_SUBJECT_FOLLOWS" | null = null;
  /** The clause before only said who was told or promised something ("I promised my wife"). */
  let reporting = false;
  for (const { start, end } of segment(read, index, tagged.tags)) {
    sentenceEnds.push(read.pauses[end] === "STOP" || read.pauses[end] === "QUESTION");
    const tokens = read.tokens.slice(start, end);
    const pauses = read.pauses.slice(start, end + 1);
    const asked = (read.pauses[end] ?? "NONE") === "QUESTION";
    const utterance = utteranceOf(tokens, index, pauses);
    const { shape, said: named } = utterance.order;
    const drinks = named.drinks;
    const fragment = isFragment(tokens, tagged.tags.slice(start, end), tagged.lemmas.slice(start, end), shape, named.drinks + named.modifiers + named.counts > 0, index);
    const namesDrink = drinks > 0;
    // Built field by field: spreading a shared base into each clause costs more than all the rest.
    // "say I wanted two manhattans, what's that gonna run me": what is supposed is not asked for.
    // (A bare "say" before anything but a subject only calls for attention: "say, can I get a martini".)
    const supposed = supposing === "SURELY" || (supposing === "IF_A_SUBJECT_FOLLOWS" && SUBJECTS.has(tokens[0] as string));
    if (supposed && namesDrink) {
      clauses.push({ tokens, utterance, asked, fragment, namesDrink, act: "STATEMENT", kind: "HYPOTHETICAL", stance: stanceOf(shape), repair: null, answer: null });
      supposing = null;
      continue;
    }
    // ("two IPAs for the lads | who hate lager": what the people the drinks are for like or hate, told.)
    if (namesDrink && start > 0 && RELATIVE_WHO.has(tokens[0] as string) && (read.pauses[start] ?? "NONE") === "NONE" && !asked) {
      clauses.push({ tokens, utterance, asked, fragment, namesDrink, act: "STATEMENT", kind: "OTHER", stance: stanceOf(shape), repair: null, answer: null });
      continue;
    }
    // "I promised my wife | I'd stick to water": what was promised or said is reported, not asked for.
    if (reporting && namesDrink && REPORTED_WISH.test(shape)) {
      clauses.push({ tokens, utterance, asked, fragment, namesDrink, act: "STATEMENT", kind: "PAST", stance: stanceOf(shape), repair: null, answer: null });
      reporting = false;
      continue;
    }
    reporting = matches(utterance, REPORTING);
    const cue = SUPPOSING.exec(utterance.padded);
    supposing = !cue ? null : cue[2] === "say" ? "IF_A_SUBJECT_FOLLOWS" : "SURELY";
    // ("actually pour me one of those vodkas too, same way": a drink asked for as well corrects nothing.)
    const cued = repairOf(tokens, pauses, index);
    // ("wait, add a Perrier too" is still read as the cue and its new version.)
    const repair = cued && cued.said.join(" ") === "actually" && cued.strength === "WEAK" && namesDrink && ASKED_AS_WELL.test(utterance.padded) ? null : cued;
    // ("oh no, she spilled the lemonade everywhere": an accident told after "no", no new version of the order;
    // "no, I've got it, let me pay": the guest taking the bill on, nor is that.)
    const toldAfterTheCue = repair && repair.strength === "WEAK" ? ` ${repair.body.join(" ")} ` : null;
    if (toldAfterTheCue !== null && (ACCIDENT_TOLD.test(toldAfterTheCue) || TAKEN_ON.test(toldAfterTheCue))) {
      clauses.push({ tokens, utterance, asked, fragment, namesDrink, act: "STATEMENT", kind: "PAST", stance: "NEUTRAL", repair: null, answer: null });
      continue;
    }
    if (repair) {
      // ("if I ordered a martini, would you make it shaken?": a change asked of what is only supposed changes nothing.)
      const supposedChange = counterfactual && asked;
      clauses.push({ tokens, utterance, asked, fragment, namesDrink, act: supposedChange ? "STATEMENT" : "REPAIR", kind: supposedChange ? "HYPOTHETICAL" : null, stance: "NEUTRAL", repair: supposedChange ? null : repair, answer: null });
      counterfactual = false;
      continue;
    }
    // A yes or a no is a few words at most.
    const said = tokens.length <= MAX_ANSWER_WORDS ? utterance.padded : "";
    const answer = said === "" ? null : YES.test(said) || SOUNDS_GOOD.test(withoutLead(said)) ? "YES" : NO.test(said) ? "NO" : null;
    if (answer) {
      clauses.push({ tokens, utterance, asked, fragment, namesDrink, act: "ANSWER", kind: null, stance: "NEUTRAL", repair: null, answer });
      continue;
    }
    const clauseTags = tagged.tags.slice(start, end);
    const clauseLemmas = tagged.lemmas.slice(start, end);
    const framed = requestFrame(tokens, clauseTags, clauseLemmas, shape, index);
    // ("put on track 14 if the jukebox ever works and pour me a gin neat": "and" and a command to pour ends the condition.)
    if (counterfactual && tokens[0] === "and" && POURING_COMMANDS.has(tokens[1] as string)) counterfactual = false;
    let { act, kind } = actOfShape(shape, fragment, asked, counterfactual, framed);
    // (Said of a drink named, "I've earned a whiskey on the rocks" still asks: the other rules read it.)
    if (act === "REQUEST" && !namesDrink && toldInThePerfect(tokens, clauseTags, clauseLemmas)) {
      act = "STATEMENT";
      kind = "PAST";
    }
    // ("he's gonna get dragged all over by that sheep": "get" before a participle is the passive, nothing asked for.)
    if (act === "REQUEST" && !namesDrink && saidInThePassive(tokens, clauseTags)) {
      act = "STATEMENT";
      kind = "OTHER";
    }
    // "Maureen, put that cosmo down": a command to the friend just called by name, not to Maya.
    const previous = clauses[clauses.length - 1];
    if (act === "REQUEST" && clauseTags[0] === "VERB" && previous && isSomeoneCalled(previous.tokens, index)) {
      act = "STATEMENT";
      kind = "OTHER";
    }
    // Only what is told or said in passing needs a stance (a mention's answer depends on it).
    const stance = act === "STATEMENT" || act === "CHAT" ? stanceOf(shape) : "NEUTRAL";
    const hasVerb = clauseTags.some((tag) => tag === "VERB" || tag === "AUX");
    clauses.push({ tokens, utterance, asked, fragment, namesDrink, act, kind, stance, repair: null, answer: null, hasVerb });
    // "if I had a negroni, I'd be asleep": the clause after a condition is hypothetical too.
    // ("if the wasps | get into these | I'm switching to Long Islands": a condition cut in two, no pause
    // between, still holds for the clause after it.)
    const conditionGoesOn: boolean = counterfactual && (read.pauses[start] ?? "NONE") === "NONE" && !SUBJECTS.has(tokens[0] as string);
    counterfactual =
      conditionGoesOn ||
      CONDITIONS.has(tokens.find((token) => !LEAD.has(token)) ?? "") &&
      test(CONDITION, withoutLead(shape)) &&
      !test(REAL_CONDITION, withoutLead(shape)) &&
      !test(POLITE_CONDITION, shape) &&
      !test(POLITE_REQUEST, shape);
  }
  return withOpinionsTold(withLabels(withWaiting(withTimeAhead(withCounterfactuals(clauses), sentenceEnds), index), index, sentenceEnds));
}

/** "that's the whole point of this place", "those are the best": what was just named, commented on. */
const COMMENTED_ON = /^ ((oh|and|but|yeah) )?(that is|those are|these are|they are) (the|a|an|my|our|why|how) /;
/** A question the guest asks to answer it: "you know what goes with a good catch?", "guess what I'd pick?". */
const ASKED_TO_ANSWER = /^ ((and|so|oh|well) )?(you know|know|guess|want to know|wanna know) (what|which) \w+ \w+/;
/** Words of praise that are also a drink's nickname ("classic"), said alone as a comment. */
const PRAISE_SAID_ALONE = /^ ((oh|so|just) )?(classic|a total classic|an absolute classic|a real classic|such a classic|so classic|classic stuff) $/;

/**
 * Drinks named as the guest's opinion, not ordered: drinks said bare, then commented on ("lagers and trout,
 * that's the whole point of this place"); the guest's own answer to a question they ask ("you know what
 * goes with a good catch? an amber ale"); a word of praise said alone after a clause of its own
 * ("our coach drinks old fashioneds, classic").
 */
function withOpinionsTold(clauses: Clause[]): Clause[] {
  if (clauses.length < 2) return clauses;
  const opinion = (clause: Clause): Clause => ({ ...clause, act: "STATEMENT", kind: "OPINION", stance: "FOR" });
  return clauses.map((clause, at) => {
    if (clause.act !== "REQUEST" || !clause.fragment || clause.tokens.includes("please")) return clause;
    const before = clauses[at - 1];
    const after = clauses[at + 1];
    const drafts = clause.utterance.order.drafts;
    if (at === 0 && after && drafts.length > 0 && drafts.every((draft) => !draft.quantitySaid) && COMMENTED_ON.test(after.utterance.padded)) return opinion(clause);
    if (before?.act === "QUESTION" && before.asked && ASKED_TO_ANSWER.test(before.utterance.padded) && drafts.every((draft) => draft.quantity === 1)) return opinion(clause);
    if (before && !before.fragment && PRAISE_SAID_ALONE.test(clause.utterance.padded)) return opinion(clause);
    return clause;
  });
}

/**
 * "Later, after swimming, I'll have a cosmo": a time still to come, said first and naming no drink,
 * puts off the request that follows it (unless that one is for now: "later. right now, a martini").
 */
/** A clause that is a time to come, said first ("later, after swimming"), not a clause with its own subject ("my flight is tomorrow"). */
// ("maybe at the next interval, I'll try a cosmo": a time to come, named with "at".)
const TIME_FIRST = /^ ((maybe|perhaps|probably) )?(later|after|afterwards|tomorrow|next|eventually|in a (bit|while|minute)|when|once|as soon as|by the time|another time|some other time|at (the )?next|at the (interval|break|end)) /;

function withTimeAhead(clauses: Clause[], sentenceEnds: readonly boolean[]): Clause[] {
  const at = clauses.findIndex(
    (clause, position) =>
      // ("later, once the auction's over, I'm going to want a martini": a word of time to come said first, whatever follows it in the clause.)
      (((clause.act === "STATEMENT" && (clause.kind === "LATER" || clause.kind === "TENTATIVE")) || (clause.act === "ANSWER" && clause.tokens.includes("later")) || ((clause.act === "STATEMENT" || clause.act === "CHAT") && LATER_FIRST.test(clause.utterance.padded))) &&
        !clause.namesDrink &&
        !sentenceEnds[position] &&
        TIME_FIRST.test(withoutLead(clause.utterance.padded))) ||
      // ("after my set, I'm getting a lager": the time alone, then a plan for it.)
      // ("when this upload finishes I'll treat myself to a negroni": "when" with no question mark tells a time, it asks none.)
      ((clause.act === "CHAT" || clause.act === "STATEMENT" || (clause.act === "QUESTION" && !clause.asked)) && (matches(clause.utterance, AFTER_ALONE) || WHEN_SOMEONE_DOES.test(clause.utterance.padded)) && !clause.namesDrink && PLAN_FIRST.test(clauses[position + 1]?.utterance.padded ?? "")),
  );
  if (at < 0) return clauses;
  // Only within the sentence: "our train isn't till tomorrow. Two daiquiris" orders now.
  const end = sentenceEnds.indexOf(true, at);
  return clauses.map((clause, position) =>
    position > at && (end < 0 || position <= end) && clause.act === "REQUEST" && !clause.tokens.includes("now") ? { ...clause, act: "STATEMENT", kind: "LATER", stance: stanceOf(clause.utterance.order.shape) } : clause,
  );
}

/** "later, once...", "tomorrow, when...": a word that can only mean a time to come, said first. */
const LATER_FIRST = /^ ((so|and|ok|okay|well|but) )?(later|tomorrow|eventually|afterwards|later on) /;
/** "...if she beat me", "if he misses the double top": a condition about someone, not a politeness ("if you have one"). */
// ("would you put a twist in a martini if I asked?": a request supposed, not made.)
const CONDITION_AFTER = /^ ((and|but) )?(if|unless) (he|she|they|we|i|PERSON|\w+) (\w+ )?(beat|beats|win|wins|won|lose|loses|lost|miss|misses|missed|score|scores|scored|get|gets|make|makes|hit|hits|finish|finishes|come|comes|turn|turns|show|shows|asked|ordered|wanted) /;
/** "if so", said of the answer to what was just asked. */
const IF_SO = /^ ((and|but|ok|okay|then|well) )?if so( |$)/;
/** A question whether the bar has or does something ("do you have Jameson? if so, a double" asks for it). */
const ASKS_WHAT_THE_BAR_HAS = / (you|ya|you guys|y all) (have|got|serve|sell|make|do|stock|carry|still|open)| (is|are) (there|it|that|this) | (happy hour|kitchen|bar) /;
/** "...but they can wait till after the game": the wish just said is put off by whoever has it. */
const CAN_WAIT = /^ ((but|and|though|although) )?(they|he|she|it|that|those|we|i|PERSON) (can|will|could|would|are happy to|is happy to|do not mind to) (wait|hold off)( |$)/;
/** "...and get it themselves": someone fetches the drink; nothing is asked of the bar. */
const SELF_SERVED =
  / (get|grab|fetch|collect|pick up|order) (?!for )(\w+ ){1,3}(themselves|himself|herself|ourselves) | (get|grab|fetch|collect|pick up) (it|them|those|that|one) (from|at) (the|their|a) \w+ /;
/** "the boys are getting their own pints": drinks someone buys for themselves, named. */
const THEIR_OWN_DRINK = / (get|getting|gets|buy|buying|buys|grab|grabbing) (their|his|her) own (\w+ )?DRINK /;

/** A yes the guest says to themselves: "yeah, go on", "ah, why not", "sod it". */
const YES_TO_ONESELF = "(yes|go on|why not|do it|go for it|sod it|what the heck|what the hell|let us do it|lets do it)";
const SAYS_YES_TO_ITSELF = new RegExp(`^ ((oh|ah|ok|okay|sure|well|alright) )*${YES_TO_ONESELF}( (go on|then|please|why not|do it|yes))* $`);
/** The same, said last: "... but I shouldn't, ah go on then". */
const YES_SAID_LAST = new RegExp(` ${YES_TO_ONESELF}( (go on|then|please|why not|do it|yes))* $`);
/** The same, said right after the drink in one breath: "maybe a daiquiri yeah go on". */
const SELF_PERSUADED = new RegExp(` DRINK (MOD )*((oh|ah|ok|okay|sure|well|alright) )*${YES_TO_ONESELF}( (go on|then|please|why not|do it|yes))* $`);

/** "I'll get it", "I can cover this one": said with paying, the guest takes the bill. */
const PAYS_FOR_IT = /^ ((oh|ok|okay|fine|alright|right|go on|no) )*i (will|shall|can|am going to|am gonna) (get|grab|cover|take care of) (it|this|that|this one|that one|these|them)( then| instead)? $/;
const PAYING_SAID = / (settle|settling|pay|paying|bill|check|close|closing|cash out) /;
/** "she'd get this one", "my mate said he'll cover this round": someone else treating, no drink asked for. */
const SOMEONE_ELSE_PAYS_FOR_IT = / (he|she|they) (will|would|is going to|is gonna|are going to|are gonna|can|could) (get|grab|cover|take care of|pay for|sort|sort out) (it|this|that|this one|that one|this round|the round|these|them)( then| instead| tonight| today)? $/;

/** "he's not", "no she isn't", "they won't": what was just said of someone, denied. */
const DENIED_AFTER = /^ ((no|nope|oh) )?(he|she|they|you) (is|are|will|does|do) not( be| getting| having)?( though| mate| tonight)? $/;
/**
 * People on the pitch, the stage or the screen, never at the bar: the ones they stand for ("he") may be
 * wished a drink in jest, never poured one ("send the band a round" is still an order: a command).
 */
const SOMEONE_AWAY = /^ (\w+ )?(the|that|their|our|your) (ref|referee|umpire|linesman|keeper|goalie|goalkeeper|striker|defender|player|players|manager|coach|singer|band|drummer|guitarist|bassist|pianist|actor|actors|actress|anchor|presenter|commentator|commentators|pundit|pundits|pilot|captain|crew|president|king|queen|opposition|other team)( \w+)? (has|have|had|is|are|was|were|looks|needs|need|wants|want|deserves|could|should|must|will|said|says) /;
/** What they wish, said of them: "needs", "could use", "would kill for". */
const WISHED_BY_THEM = /(needs|need|wants|want|deserves|deserve|could use|could do with|kill for|murder|love) /;
const WISH_OF_THEM = /^ (and |so |well )?(he|she|they|him|her|them) ((really|definitely|clearly|badly|so) )?(needs|need|wants|want|deserves|deserve|could use|could do with|will need|is going to need|are going to need) /;
function saidOfSomeoneAway(clauses: readonly Clause[], position: number): boolean {
  const clause = clauses[position] as Clause;
  // ("the pilot said he'd kill for a cold pint": their wish, reported.)
  if (SOMEONE_AWAY.test(clause.utterance.padded) && WISHED_BY_THEM.test(clause.utterance.padded)) return true;
  return position > 0 && WISH_OF_THEM.test(clause.utterance.padded) && SOMEONE_AWAY.test((clauses[position - 1] as Clause).utterance.padded);
}
/** "wow, this negroni", "oh my god, this daiquiri", "that lager's ice cold, nice": the drink at hand, exclaimed at, and nothing else said. */
const EXCLAIMED_AT = /^ ((oh|my|god|gosh|goodness|golly|lord|word|wow|whoa|man|mm|mmm|ooh|damn|jeez|yum|honestly|seriously|okay) )*this (\w+ )?DRINK $| (this|that) DRINK( (is|was|so|really|very|icy|ice|cold|freezing|chilled|good|great|nice|lovely|perfect|amazing|delicious|tasty|smooth|strong|sweet|mate))+ $/;
/** "ha", "at my age?", "me?", "you're joking": a scoff, the whole of what is said. */
const SCOFF = /^ ((ha|haha|hah|lol|pfft|pff|me|seriously|as if|yeah right|at my age|at this hour|at this time of night|you are (joking|kidding)|are you (joking|kidding|serious|mad)|not likely|dream on|not a chance|at (a|an|the|this|my|our|your)( \w+){1,3}|(bold|brave|interesting|strange|odd|weird) choice( \w+)?|(bad|terrible|awful|dumb|stupid|silly) idea|not (a )?(good|great|smart|wise) idea|that (would be|is|will be) (madness|crazy|insane|mad|nuts|a mistake|a disaster|asking for trouble)) )+$/;
/** "what was I thinking", "whose idea was that": a choice already made, regretted. */
/** "just what I needed", "hits the spot": the drink in hand, enjoyed. */
// ("wow, old fashioneds, that takes me back": a memory the drink brings, no order.)
const SATISFIED = /^ ((oh|mm|mmm|ah|ahh|yes|wow) )*((that is |this is |it is )?(just|exactly) what (i|we|the doctor) (needed|wanted|ordered)|(that |this |it )?(hits|hit) the spot|(that is |this is )?heaven|(that|this|it|they) (takes|take|took|bring|brings) me back|(that|this) brings back memories) /;
const REGRET = /^ ((oh|god|man|honestly|seriously) )*(what (was|were) (i|we) thinking|what have (i|we) done|whose (bright )?idea was (that|this)|why did (i|we) (do|order|have|get) (that|this|it)|(i|we) must (be|have been) (mad|crazy|insane|nuts|out of (my|our) minds?)|never again) /;
/** "but he's had enough", "but she shouldn't": what is said of the one the drink was for, after "but". */
const BUT_THEY = /^ but (he|she|they) /;
/** "but she's asleep", "but he's not here yet": the one the drink is for is not at the bar to be served. */
// ("... but he's still stuck on Lift 6", "but she's on her way", "but they're parking": not here yet.)
const AWAY = /^ but (he|she|they) (is|are) (still |already |fast |sound |currently |probably |just )?(asleep|sleeping|out cold|in bed|in the shower|not here|not back|not in|not around|gone|away|outside|upstairs|downstairs|stuck|on (his|her|their|the) way|running late|late|parking|in the (car|loo|toilet|bathroom|restroom|queue|line)|on the phone|at work) /;
/** "but my coach would kill me", "but I shouldn't": what holds the guest back from the drink just wished for. */
const HELD_BACK =
  /^ but ((my|our|the) \w+|he|she|they|it|that) (would|will|is going to|is gonna|is gon na) (kill|murder|go mad at|be mad at|be furious with) (me|us) |^ but (i|we) (can not|should not|must not|am not allowed to|are not allowed to|better not|had better not|have to drive|am driving|am on call)( |$)/;
/** "Jo wants an IPA": a wish said of someone by name (the verb's "-s" says it is not the guest's). */
const WANTS_IN_THE_THIRD_PERSON = / (wants|needs|fancies) /;
/** "but he's driving", "but she's on call": the one the drink is for is not to drink alcohol. */
const NOT_TO_DRINK = /^ but (he|she|they) (is|are) (still |currently |also |probably )?(driving|on call|on duty|on watch|pregnant|underage|too young|the designated driver|working) /;
/** "after my run at 4", "after our set at half nine": what the guest does at a time still to come. */
const AFTER_MINE_AT = / after (my|our) (\w+ ){1,2}at (num|\d+|noon|midnight|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half \w+|quarter (past|to) \w+)( |$)/;
/** "for now", "to start": a choice made for the present, said last. */
const FOR_NOW = / (for now|to start|to start with|to begin with|for the moment|for starters)( please| thanks)? $/;
/** "I knew it", "called it", "told you": an answer found, said right after it. */
const KNEW_IT = /^ ((oh|ha|yes|yeah|see) )*(i knew it|knew it|i knew that|called it|i called it|told you|i told you so|got it|nailed it|i was right)( \w+)? $/;
/** "then I'm having...", "then we'll get...": a plan for after what was just said. */
const THEN_A_PLAN = new RegExp(`^ (and )?then ${A_PLAN.source}`);
/** "let me find my wallet", "I'll grab a seat": what the guest will do first. */
const MY_DOING_FIRST = /^ ((and|so|ok|okay|right) )?(let me |lemme |let us |lets |(i|we) (will|am going to|am gonna|are going to|are gonna|gotta|have to|need to|must) (just |quickly |first )?)\w+ /;
/** "nah, too much sugar", "no thanks": the drink just said back, turned down. */
const NO_AFTER = /^ (nah|nope|no)( |$)/;
/** "that's 286 bucks": what drinks just counted would cost, said. */
const PRICE_WORKED_OUT = /^ (that is|thats|that would be|that will be|that makes) (num|\d+|\w+ (hundred|thousand)( \w+)*) (bucks|dollars|quid|pounds|euros) /;
/** "later", said of the drink asked for (not "a lager now, later a negroni", two drinks). */
const LATER_SAID = / (later|afterwards) (?!than)/;
/**
 * "I'll have it after": a plan, with "after" last; "and I'll have that old fashioned after my ride", "I'll grab an IPA
 * after the prize-giving": after what the guest does first, said last ("after my long day" is done).
 */
const PLAN_AFTER = new RegExp(`^ ((and|so|ok|okay|actually) )?${A_PLAN.source}(.* (after|afterwards)|(\\w+ ){1,6}after (my|our|the) (?!(day|night|week|shift|work|long|hard|busy|rough|crazy|first|last|one|other|same|way)\\b)\\w+( \\w+)?) $`);
/** "we'll get another round then": a plan, with "then" last. */
const PLAN_THEN = new RegExp(`^ ((and|so|ok|okay) )?${A_PLAN.source}.* then $`);
/** "tea's in 40 minutes", "the interval is at nine": when something is still to come. */
const TIME_IN = / (is|are|starts|comes) (in (num|a|an|about|half) (\w+ )?(minutes?|mins?|hours?|hour)|at (num|\w+ o clock|noon|midnight)) /;
/** A time still to come, told: "my shift ends at 2", "the set finishes at ten". */
const TIME_TO_COME = / (ends|finishes|starts|closes|opens|is over|ends at|finish|end) (at|in|around|by)? ?(num|\d+|midnight|noon|\w+ minutes)? /;

/** A time someone else makes, said after what the guest will do: "... just before they come on", "... once the band starts". */
// (A bare "before" is any time until then, now included: "I'll take a gin neat before they do" asks now.)
const WHEN_OTHERS_DO = /^ ((just|right) before|((just|right) )?(after|once|when|as soon as)) (they|he|she|it|(the|my|our) \w+) (\w+ )?\w+/;
const RIGHT_AT = new Set(["just", "right"]);
/** What the guest will do, in the future: "I'll get", "I'm going to have". */
const PLANNED = new RegExp(` ${A_PLAN.source}`);

function withWaiting(clauses: Clause[], index: MenuIndex): Clause[] {
  return clauses.map((clause, position) => {
    const next = clauses[position + 1];
    const nextSaid = next?.utterance.padded;
    // ("I reckon I'll get a long island just before they come on": what the guest will do when someone else does
    // something, a plan for that time; "a daiquiri before I go" asks now.)
    // (The segmenter may leave "just" with the clause before: "... a long island just | before they come on".)
    const exactly = RIGHT_AT.has(clause.tokens[clause.tokens.length - 1] as string) ? ` ${clause.tokens[clause.tokens.length - 1]}` : "";
    if (clause.act === "REQUEST" && clause.namesDrink && nextSaid !== undefined && WHEN_OTHERS_DO.test(exactly + nextSaid) && matches(clause.utterance, PLANNED)) return { ...clause, act: "STATEMENT", kind: "LATER", stance: stanceOf(clause.utterance.order.shape) };
    // ("I'd buy Sue a daiquiri if she beat me": a drink on a condition said after it is no order now.)
    const conditionAfter = next !== undefined && matches(next.utterance, CONDITION_AFTER);
    if (clause.act === "REQUEST" && clause.namesDrink && conditionAfter) return { ...clause, act: "STATEMENT", kind: "HYPOTHETICAL", stance: stanceOf(clause.utterance.order.shape) };
    // ("can I get my name moved up the list? I'll buy a round of IPAs if so": a drink promised on a favour asked.)
    const ifSo = IF_SO.test(nextSaid ?? "") || IF_SO.test(clause.utterance.padded) || IF_SO.test(clauses[position - 1]?.utterance.padded ?? "");
    const favourAsked = () => clauses.slice(0, position).some((earlier) => earlier.asked && !earlier.namesDrink && !ASKS_WHAT_THE_BAR_HAS.test(earlier.utterance.padded));
    if (clause.act === "REQUEST" && clause.namesDrink && ifSo && favourAsked()) return { ...clause, act: "STATEMENT", kind: "HYPOTHETICAL", stance: stanceOf(clause.utterance.order.shape) };
    const { drafts } = clause.utterance.order;
    if (clause.act === "REQUEST" && drafts.length > 0 && drafts.every((draft) => draft.category !== null) && matches(clause.utterance, KEEPING_TO)) return { ...clause, act: "STATEMENT", kind: "HABIT", stance: "FOR" };
    if (clause.act === "REQUEST" && drafts.length === 1 && clause.utterance.order.said.counts === 0 && MOVING_ON_TO.test(clause.utterance.order.shape)) return { ...clause, act: "STATEMENT", kind: "HABIT", stance: "FOR" };
    if (clause.act === "REQUEST" && drafts.length === 1 && clause.utterance.order.said.counts === 0 && ONLY_THAT_KIND.test(clause.utterance.order.shape)) return { ...clause, act: "STATEMENT", kind: "HABIT", stance: "FOR" };
    if (clause.act === "REQUEST" && saysAny(clause.utterance.padded, FETCHING_WORDS) && (matches(clause.utterance, SELF_SERVED) || THEIR_OWN_DRINK.test(clause.utterance.order.shape))) return { ...clause, act: "CHAT" };
    // ("my son thinks he's getting a pint. he's not": a wish said of someone, then denied.)
    if (clause.act === "REQUEST" && clause.namesDrink && nextSaid !== undefined && DENIED_AFTER.test(nextSaid)) return { ...clause, act: "STATEMENT", kind: "OTHER", stance: "AGAINST" };
    // ("my son wants a coke but he's had enough sugar today": a wish said of someone, then turned down for them.)
    // ("... but she's had three already": what they have had already says as much.)
    // ("my friend in cabin 4410 wants a cosmo but she's asleep": not here to be served; "... but he's driving": not to be served a drink with alcohol.)
    const kept = nextSaid !== undefined && (OTHER_SUBJECT.test(withoutLead(clause.utterance.order.shape)) || WANTS_IN_THE_THIRD_PERSON.test(clause.utterance.padded)) && (AWAY.test(nextSaid) || (NOT_TO_DRINK.test(nextSaid) && clause.utterance.order.drafts.some((draft) => draft.candidates.some((id) => index.byId.get(id)?.category !== "NON_ALCOHOLIC"))));
    const turnedDown = next !== undefined && next.act === "STATEMENT" && (next.stance === "AGAINST" || next.kind === "PAST" || kept) && BUT_THEY.test(next.utterance.padded);
    if (clause.act === "REQUEST" && clause.namesDrink && turnedDown) return { ...clause, act: "STATEMENT", kind: "OTHER", stance: "AGAINST" };
    // ("I really want a long island but my coach would kill me", "... but I shouldn't": the guest's own wish, held back.)
    // ("... but I shouldn't, ah go on then": talked into it after all.)
    const heldBack = nextSaid !== undefined && HELD_BACK.test(nextSaid) && !YES_SAID_LAST.test(nextSaid) && !clauses.slice(position + 2).some((later) => SAYS_YES_TO_ITSELF.test(later.utterance.padded));
    if (clause.act === "REQUEST" && clause.namesDrink && heldBack) return { ...clause, act: "STATEMENT", kind: "TENTATIVE", stance: "FOR" };
    // ("a long island after six hours on the slopes, what was I thinking": the drink had, regretted.)
    // ("a martini please, what was I thinking not ordering sooner": asked for, the regret is of the wait.)
    const regretted = nextSaid !== undefined && (REGRET.test(nextSaid) || SATISFIED.test(nextSaid)) && !/ (not|never) /.test(nextSaid);
    if (clause.act === "REQUEST" && clause.fragment && regretted && !/ (please|thanks) /.test(clause.utterance.padded)) return { ...clause, act: "STATEMENT", kind: "PAST", stance: "AGAINST" };
    // ("which cocktail is gin, vermouth and Campari? Negroni! I knew it!": the answer to a question, found, not a drink asked for.)
    if (clause.act === "REQUEST" && clause.fragment && nextSaid !== undefined && KNEW_IT.test(nextSaid) && !/ (please|thanks) /.test(clause.utterance.padded)) return { ...clause, act: "STATEMENT", kind: "OTHER", stance: "NEUTRAL" };
    // ("oh my god, this daiquiri": the drink in hand, exclaimed at; "this daiquiri, please" still asks.)
    if (clause.act === "REQUEST" && clause.fragment && EXCLAIMED_AT.test(clause.utterance.order.shape)) return { ...clause, act: "STATEMENT", kind: "OPINION", stance: "FOR" };
    // ("Lemonade? At my age? Ha.", "a soda? nah, too much sugar": a drink said back as a question, then scoffed at
    // or turned down, is talked of, not asked for.)
    // ("a negroni? seriously? ok go on then": talked into it after all.)
    const turnedDownAfter = next !== undefined && !next.namesDrink && NO_AFTER.test(next.utterance.padded);
    const scoffed = nextSaid !== undefined && (SCOFF.test(nextSaid) || turnedDownAfter) && !clauses.slice(position + 2).some((later) => SAYS_YES_TO_ITSELF.test(later.utterance.padded));
    if (clause.act === "REQUEST" && clause.asked && clause.fragment && clause.namesDrink && scoffed) return { ...clause, act: "STATEMENT", kind: "OPINION", stance: "AGAINST" };
    // ("the ref's had a shocker, he needs one of these": a wish said of someone who is not at the bar, a joke.)
    if (clause.act === "REQUEST" && saidOfSomeoneAway(clauses, position)) return { ...clause, act: "STATEMENT", kind: "OTHER", stance: "FOR" };
    // ("what if I said I was 18, could I get a Long Island?": asked inside a supposition.)
    const supposed = clauses[position - 1]?.kind === "HYPOTHETICAL" && clauses.slice(Math.max(0, position - 2), position).some((earlier) => /^ (what if|suppose|supposing|say) /.test(earlier.utterance.padded));
    if (clause.act === "REQUEST" && clause.asked && supposed) return { ...clause, act: "QUESTION", kind: null };
    // ("my shift ends at 2, then I'm having a manhattan": after a time to come, what the guest will do then.)
    // ("let me find my wallet and then I'll order the negronis": after what the guest does first, naming no drink.)
    const previous = clauses[position - 1];
    const doneFirst = previous !== undefined && (matches(previous.utterance, TIME_TO_COME) || (!previous.namesDrink && matches(previous.utterance, MY_DOING_FIRST)));
    if (clause.act === "REQUEST" && matches(clause.utterance, THEN_A_PLAN) && doneFirst) return { ...clause, act: "STATEMENT", kind: "LATER", stance: "FOR" };
    // ("26 negronis, that's 286 bucks, ha": a count of drinks worked out, with what it costs, is no order.)
    // ("a rum on the rocks, that's 7 dollars right?": the price checked, with the order.)
    const workedOut = next !== undefined && !next.asked && PRICE_WORKED_OUT.test(next.utterance.padded) && !/ (right|yeah|yes|correct|is it|isn't it) $/.test(next.utterance.padded);
    if (clause.act === "REQUEST" && clause.fragment && clause.namesDrink && workedOut && clause.utterance.order.drafts.some((draft) => draft.quantity > 1)) return { ...clause, act: "STATEMENT", kind: "HYPOTHETICAL", stance: "NEUTRAL" };
    // ("a vodka on the rocks would be lovely after my run at 4": after what the guest does at a time to come, however politely put.)
    if (clause.act === "REQUEST" && clause.namesDrink && AFTER_MINE_AT.test(clause.utterance.padded)) return { ...clause, act: "STATEMENT", kind: "LATER", stance: "FOR" };
    // ("can I order a martini later, after my game?": one drink, asked for later.)
    if (clause.act === "REQUEST" && clause.utterance.order.drafts.length === 1 && LATER_SAID.test(clause.utterance.padded)) return { ...clause, act: "STATEMENT", kind: "LATER", stance: "FOR" };
    // ("never mind the gin, I'll have it after": a plan for after, "after" said last.)
    const revising = clause.act === "REPAIR" && clause.repair?.cue === "REVISE";
    if ((clause.act === "REQUEST" || revising) && PLAN_AFTER.test(clause.utterance.padded)) return { ...clause, act: "STATEMENT", kind: "LATER", stance: "FOR", repair: null };
    // ("tea's in 40 minutes, we'll get another round then": a plan for a time to come, "then" said last.)
    if (clause.act === "REQUEST" && PLAN_THEN.test(clause.utterance.padded) && position > 0 && TIME_IN.test((clauses[position - 1] as Clause).utterance.padded)) return { ...clause, act: "STATEMENT", kind: "LATER", stance: "FOR" };
    // ("oh go on, I'll get it. settle up please": "it" is the bill the guest pays, not a drink.)
    // ("no, I'll get it, let me pay now": the "no" turns down someone else paying, not a drink.)
    const weakRevise = clause.act === "REPAIR" && clause.repair?.cue === "REVISE" && clause.repair.strength === "WEAK";
    if ((clause.act === "REQUEST" || weakRevise) && matches(clause.utterance, PAYS_FOR_IT) && clauses.slice(position + 1).some((later) => matches(later.utterance, PAYING_SAID))) return { ...clause, act: "CHAT", repair: null };
    // ("my mate from ICU said she'd get this one": someone else treating the guest, no drink asked for.)
    if (clause.act === "REQUEST" && !clause.namesDrink && matches(clause.utterance, SOMEONE_ELSE_PAYS_FOR_IT)) return { ...clause, act: "CHAT" };
    // ("maybe just a coke for me, if that's alright": a hedge made polite is a request.)
    // ("maybe just a water for me, I suppose": the hedge said after it settles the choice too.)
    const politelyAfter = nextSaid !== undefined && (test(POLITE_CONDITION, nextSaid) || /^ (then )?i (suppose|guess)( so)? $/.test(nextSaid));
    // ("maybe I'll have a daiquiri, yeah, go on", "maybe a negroni? ah, why not": the guest talks themselves into it.)
    // (Unless the drink is named again after the yes: "maybe a daiquiri? yeah, let's do a daiquiri" asks once.)
    const namedAgainAfter = clauses.slice(position + 1).some((later) => later.namesDrink);
    const talkedInto = !namedAgainAfter && (test(SELF_PERSUADED, clause.utterance.order.shape) || (nextSaid !== undefined && SAYS_YES_TO_ITSELF.test(nextSaid)));
    const hedged = (clause.act === "STATEMENT" && clause.kind === "TENTATIVE") || (clause.act === "QUESTION" && /^ (maybe|perhaps) /.test(clause.utterance.padded));
    // ("maybe just a water for now": a hedge on a choice made for the present is a request.)
    if (hedged && clause.namesDrink && (politelyAfter || talkedInto || FOR_NOW.test(clause.utterance.padded))) return { ...clause, act: "REQUEST", kind: null };
    const after = clauses.slice(position + 1, position + 3);
    if (clause.act !== "REQUEST" || after.length === 0) return clause;
    const stance = stanceOf(clause.utterance.order.shape);
    if (matches((after[0] as Clause).utterance, CAN_WAIT)) return { ...clause, act: "STATEMENT", kind: "LATER", stance };
    // ("my parents are having the IPA, they'll come up and get it themselves": theirs to fetch.)
    if (clause.namesDrink && after.some((later) => matches(later.utterance, SELF_SERVED))) return { ...clause, act: "STATEMENT", kind: "OTHER", stance };
    return clause;
  });
}

/** Words that say what the words after them are: a name or an answer, not an order ("team name idea: the dirty martinis"). */
const LABELS = new Set(["name", "idea", "nickname", "answer", "title", "motto", "slogan", "password", "called", "named"]);
/** What may stand between a label and the drink it names: "the", "two", "dirty". */
const NAMING_WORDS = new Set(["the", "a", "an", "two", "three", "four", "five", "six", "our", "my"]);

/** Talk of a quiz, said anywhere in the utterance: drinks said bare there are answers ("Manhattan, obviously", "the answer's Long Island"). */
const QUIZ_TALK = / (answer|answers|answer is|quiz|quizmaster|trivia|clue|write (it|that|them) down|put (it|that) down|question (num|one|two|three|four|five|six|seven|eight|nine|ten)|(cocktail|drinks|music|picture|bonus) round|(drink|cocktail|one) named after|(which|what) (drink|cocktail) (is|was) named) /;
/** A bare fragment: drinks and the words said around an answer, no wish. */
const BARE_ANSWER = /^ ((the|a|an|and|obviously|surely|definitely|of course|easy|then|DRINK|it is|it must be|must be|has to be|is it|maybe|probably|answer|the answer is|the answer|trust me|i reckon|i think|for sure|surely|i bet) )*$/;

const QUIZ_WORDS: ReadonlySet<string> = new Set(["answer", "answers", "quiz", "quizmaster", "trivia", "clue", "write", "put", "question", "round", "named", "which", "what"]);
const DICTATION_WORDS: ReadonlySet<string> = new Set(["siri", "google", "alexa", "text", "message", "whatsapp"]);
/** A story opened: "did I ever tell you about the time...", "remember when...", "back in 98...". */
const STORY_OPENING = /^ ((now|so|oh|ha) )*(did i (ever )?tell you (about|of)|have i (ever )?told you (about|of)|remember (when|the time)|back (in|when)|the time (i|we|he|she|they)) /;
/** What turns from the story back to the bar: "anyway...", "right...", a "please". */
const STORY_OVER = /^ (anyway|anyways|right|ok|okay|so anyway)\b| please /;
/** "hey siri, text the group: ...": words dictated to a phone or sent to someone else, not said to the bar. */
const DICTATED = /^ ((hey|ok|okay) )?(siri|google|alexa)\b|^ ((hey|ok|okay) (siri|google) )?(text|message|whatsapp) (the group|the chat|the gang|my \w+|\w+)( chat)? /;

function withLabels(clauses: Clause[], index: MenuIndex, sentenceEnds: readonly boolean[]): Clause[] {
  // (Each is looked for only where one of its words was said: most utterances have none.)
  const quizTalk = clauses.map((clause) => clause.tokens.some((token) => QUIZ_WORDS.has(token)) && matches(clause.utterance, QUIZ_TALK));
  const quiz = quizTalk.includes(true);
  // ("an IPA, and we're answering question 20 as 1984": the quiz talked of only after "and", the drink before it is asked for.)
  const quizOnlyAddedAfter = (at: number) => quizTalk.every((talk, where) => !talk || (where > at && clauses[where]?.tokens[0] === "and"));
  // ("hey siri text the group: at the bar, grab me an IPA on your way": the message, to the end of its sentence, is someone else's to act on.)
  const opening = clauses[0]?.tokens ?? [];
  const dictated = opening.slice(0, 3).some((token) => DICTATION_WORDS.has(token)) && DICTATED.test(` ${clauses.flatMap((clause) => clause.tokens).join(" ")} `);
  const messageEnd = dictated ? sentenceEnds.indexOf(true) : -1;
  // ("did I ever tell you about the time I drove the bride home... made me stop for lemonade": a story told, to its end.)
  // (It is over at "anyway" or a "please", or at a new sentence that opens with a count and a drink: "... in this bar. A Negroni for old times' sake.")
  const orderedAfter = (clause: Clause, at: number) => sentenceEnds[at - 1] === true && clause.namesDrink && /^ (a|an|one|two|three|four|five) /.test(clause.utterance.padded);
  const storyEnd = STORY_OPENING.test(clauses[0]?.utterance.padded ?? "") ? clauses.findIndex((clause, at) => at > 0 && (matches(clause.utterance, STORY_OVER) || orderedAfter(clause, at))) : 0;
  return clauses.map((clause, at) => {
    if (dictated && (messageEnd < 0 || at <= messageEnd) && clause.act === "REQUEST") return { ...clause, act: "STATEMENT" as const, kind: "OTHER" as const };
    if (storyEnd !== 0 && at > 0 && (storyEnd < 0 || at < storyEnd) && clause.act === "REQUEST") return { ...clause, act: "STATEMENT" as const, kind: "PAST" as const };
    // ("question seven... Manhattan, obviously": an answer said, nothing asked for.)
    // ("we were table 3 every quiz night, anyway, a daiquiri": after "anyway" the talk of the quiz is over.)
    const quizOver = clauses.slice(0, at).some((before) => matches(before.utterance, STORY_OVER));
    if (quiz && !quizOver && !quizOnlyAddedAfter(at) && clause.act === "REQUEST" && clause.namesDrink && BARE_ANSWER.test(clause.utterance.order.shape)) return { ...clause, act: "STATEMENT" as const, kind: "OTHER" as const };
    if (!clause.fragment || clause.act !== "REQUEST") return clause;
    const before = clauses[at - 1];
    const labelled = before !== undefined && LABELS.has(before.tokens[before.tokens.length - 1] as string) && !before.namesDrink;
    return labelled || labelsTheDrink(clause.tokens, index) ? { ...clause, act: "CHAT" as const } : clause;
  });
}

/** A label right before the drink, in the same breath: "team name idea the dirty martinis". */
function labelsTheDrink(tokens: readonly string[], index: MenuIndex): boolean {
  if (!tokens.some((token) => LABELS.has(token))) return false;
  const drinkAt = tokens.findIndex((_, at) => matchMenuAt(tokens, at, index) !== null);
  const label = tokens.findLastIndex((token, at) => LABELS.has(token) && at < drinkAt);
  return label >= 0 && tokens.slice(label + 1, drinkAt).every((token, offset) => NAMING_WORDS.has(token) || readModifierAt(tokens, label + 1 + offset) !== null);
}

/** A condition that did not happen: "if they weren't thirteen bucks", "if I had the money". */
const UNREAL_CONDITION = /^ (and |but )?if (\w+ ){0,3}(were|was not|were not|had|did not|could|would) /;
/** "I'd order a martini but I have to drive": a reason against, after the wish. */
const BUT_A_REASON = /^ but (i|we|he|she|they) (have to|has to|have got to|has got to|got to|need to|needs to|can not|must|should not|am|are|is|do not|does not|will not|would not|have an? |has an? |have my |has his |has her |promised) /;
/**
 * "I'd order a cosmo but Carrie Bradshaw ruined them for me": after "but", something told (a clause
 * with a verb of its own that asks for nothing and names no drink) is the reason the wish stays one;
 * "but make it up" or "but a negroni" still asks.
 */
const toldAgainst = (next: Clause): boolean =>
  next.tokens[0] === "but" && next.hasVerb === true && !next.namesDrink && (next.act === "STATEMENT" || next.act === "CHAT" || next.act === "DECLINE");
/** "but I'll pass", "but no thanks", "but I'm good": what was just said, turned down. */
const PASSING = /^ but (i will pass|i will give it a miss|no thanks|no thank you|i am good|i am fine|not for me|not tonight|i will skip it)( though| tonight| thanks)* $/;
/** A wish said with "would": what an unreal condition after it makes hypothetical ("I'd have a martini if..."). */
const WOULD = / (i|we|he|she|they|PERSON) (would|could) | would (really |just |so )?be | would (kill|murder|die) for /;

/** "I'd have a martini if they weren't thirteen bucks": the condition after a wish makes it a hypothetical. */
function withCounterfactuals(clauses: Clause[]): Clause[] {
  return clauses.map((clause, at) => {
    const next = clauses[at + 1];
    const unreal = next !== undefined && (matches(next.utterance, UNREAL_CONDITION) || matches(next.utterance, BUT_A_REASON) || toldAgainst(next)) && !matches(next.utterance, POLITE_CONDITION);
    // "Doug wants to buy me a daiquiri back but I'll pass": whatever came before, the guest turns it down.
    if (clause.act === "REQUEST" && clause.namesDrink && next !== undefined && matches(next.utterance, PASSING)) return { ...clause, act: "STATEMENT", kind: "OTHER", stance: "AGAINST" };
    if (clause.act !== "REQUEST" || !next || !matches(clause.utterance, WOULD) || !unreal) return clause;
    return { ...clause, act: "STATEMENT", kind: "HYPOTHETICAL", stance: stanceOf(clause.utterance.order.shape) };
  });
}
