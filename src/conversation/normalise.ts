/**
 * Turns an utterance, typed or transcribed, into lower-case word tokens the
 * parsers can compare: accents and punctuation go, contractions are spelled
 * out ("I'll" -> "i will"), symbols become words ("&" -> "and", "15%" ->
 * "15 percent", "$5.50" -> "5.50 dollars"). Number words stay words: their
 * meaning depends on where they stand ("a" is a quantity in "a beer", not in
 * "what's a negroni"), so numbers.ts reads them in place.
 */

import { literalOf } from "./patterns.js";

const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Contractions whose expansion is not the regular pattern below. */
const IRREGULAR_CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwon't\b/g, "will not"],
  [/\bcan't\b/g, "can not"],
  [/\bshan't\b/g, "shall not"],
  [/\bain't\b/g, "is not"],
  [/\blet's\b/g, "let us"],
  [/\by'all\b/g, "you all"],
  // "two of 'em": "them", before the apostrophe is dropped.
  [/(^|\s)'em\b/g, "$1them"],
];

const REGULAR_CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/n't\b/g, " not"],
  [/'ll\b/g, " will"],
  [/'re\b/g, " are"],
  [/'ve\b/g, " have"],
  [/'m\b/g, " am"],
  [/'d\b/g, " would"],
  // "he's had enough", "Mark's been here all night": before these participles "'s" is "has", whoever says it.
  [/'s (?=(been|got|gotten|had)\b)/g, " has "],
  // "'s" is "is" after these words and a possessive (dropped) elsewhere.
  [/\b(what|that|it|there|here|how|who|where|when|why|he|she|this)'s\b/g, "$1 is"],
  // "Mark's not drinking", "she's driving": after a name, "'s" before these is "is"; else it owns.
  // "two ice cold IPAs": how cold they are, not served over ice.
  [/\bice[- ]cold\b/g, "icy cold"],
  // "this one's on me", "the round's on the house": who pays, "is".
  [/'s (?=on (me|us|him|her|them|the house|my tab|our tab|the firm|the company)\b)/g, " is "],
  // "Jen's on call", "he's on his way": where someone is, "is".
  [/'s (?=on (call|duty|shift|break|the way|his way|her way|their way|holiday|vacation|antibiotics|meds|the wagon)\b)/g, " is "],
  // "lemonade's two bucks right?": before a price or a count, "is".
  [/'s (?=(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|only|just|about) (bucks?|dollars?|quid|pounds|euros)\b)/g, " is "],
  // "this lager's warmer than my ex's heart": before a comparison, "is".
  [/'s (?=(\w+er|more|less) than\b)/g, " is "],
  // "the groom's more of a negroni man": what someone is.
  [/'s (?=(more|less|much more|a bit more|not much) of an? )/g, " is "],
  [/'s (?=(class|classy|lush|mint|lethal|ace|brilliant|cracking|grim|rank|fire|banging|belting|superb|divine|wonderful|fantastic|incredible|outstanding|magic|unreal|decent|solid|legit|dangerous|spot on|bang on|the business|the best)\b)/g, " is "],
  [/'s (?=(not|never|gonna|going|coming|here|there|getting|having|drinking|paying|very|really|always|still|kinda|kind of|pretty|quite|a bit|a little|super|way|rather|fairly|bloody|somewhat|slightly|driving|buying|late|done|finished|ready|good|great|nice|lovely|amazing|delicious|perfect|fine|strong|weak|bad|awful|cold|warm|sweet|bitter|dry|parched|thirsty|sore|hoarse|gorgeous|excellent|terrible|spot|too|so|really|mine|yours|hers|ours|theirs|better|worse|best|worst|gone|empty|flat|cheaper|stronger|lighter|nicer|sweeter|smoother|alright|okay|ok|off|treating|covering|getting|enough|plenty|fine|dead|broken|busted|down|working|empty)\b)/g, " is "],
  // "my song's next", "Dave's singing", "the ferry's boarding": before what is about to happen or is going on, "is"
  // (the nouns that end in "-ing" are owned: "my sister's wedding").
  // ("Jack Daniel's over ice": served over ice, owned.)
  [/'s (?=(next|up next|up|over(?! (ice|rocks|the rocks|crushed))|closing|closed|open|due|cancelled|canceled|delayed)\b)/g, " is "],
  [/'s (?=(?!(wedding|evening|morning|thing|something|nothing|anything|everything|ring|king|building|meeting|booking|pudding|ceiling|sibling|darling|clothing|feeling|painting|reading|spring|string|wing|living|setting|outing|earring|stocking|lodging)\b)[a-z]{2,}ing\b)/g, " is "],
  // ("one of them's asleep": an object pronoun owns nothing; its "'s" is "is".)
  [/\b(them|us)'s /g, "$1 is "],
  // ("our team name's Gin and Bear It": what a name is, said; a name owns nothing.)
  [/\bname's (?!(sake)\b)/g, "name is "],
  // "my nan's 90 today": before a number, "is" (an age, a score), no one owns a number.
  [/'s (?=(\d+|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred)\b)/g, " is "],
  // No possessive comes before an article or most prepositions: "the lemonade's for my daughter", "my flight's at 6"
  // ("on" and "with" are left out: "Jack Daniel's on the rocks", "Tito's with soda").
  [/'s (?=(a|an|the|for|in|at|from|by|too|also|just|my|our|your|his|her|their|upstairs|downstairs|outside)\b)/g, " is "],
  [/'s\b/g, ""],
  [/'/g, ""],
];

/** The contractions in the order they are undone, each with the text every match of it holds. */
const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string, string]> = [...IRREGULAR_CONTRACTIONS, ...REGULAR_CONTRACTIONS].map(([pattern, replacement]) => [pattern, replacement, literalOf(pattern)]);

/** Prepositions, after which "its" is always whose ("on its way"), never "it is". */
const BEFORE_A_POSSESSIVE = new Set(["on", "in", "of", "with", "for", "by", "from", "at", "into", "onto", "to", "about", "under", "over"]);

/** Whole-word spellings people type without apostrophes, and chat shorthand. */
const WORD_REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  // ("cheque please": the bill, spelled the British way.)
  ["cheque", "check"],
  ["im", "i am"],
  ["em", "them"],
  ["ive", "i have"],
  ["id", "i would"],
  ["whats", "what is"],
  ["thats", "that is"],
  ["its", "it is"],
  ["hows", "how is"],
  ["wheres", "where is"],
  ["dont", "do not"],
  ["doesnt", "does not"],
  ["didnt", "did not"],
  ["cant", "can not"],
  ["cannot", "can not"],
  ["wont", "will not"],
  ["isnt", "is not"],
  ["wasnt", "was not"],
  ["arent", "are not"],
  ["youre", "you are"],
  ["theyre", "they are"],
  ["shes", "she is"],
  ["hes", "he is"],
  ["theres", "there is"],
  ["heres", "here is"],
  ["whos", "who is"],
  ["gimme", "give me"],
  ["onna", "on the"],
  ["nother", "another"],
  // ("one moer manhatan", "one mor IPA plz": "more" as typed in a hurry.)
  ["mor", "more"],
  ["moer", "more"],
  ["moar", "more"],
  ["lemme", "let me"],
  ["wanna", "want to"],
  ["gonna", "going to"],
  ["gotta", "got to"],
  ["coupla", "couple of"],
  ["nvm", "never mind"],
  ["pleas", "please"],
  ["l8r", "later"],
  ["l8ter", "later"],
  ["tmrw", "tomorrow"],
  ["tmr", "tomorrow"],
  // Removal verbs typed in a hurry: a drink named after them is taken off, never poured.
  ["cancl", "cancel"],
  ["cancle", "cancel"],
  ["cancell", "cancel"],
  ["cansel", "cancel"],
  ["cancal", "cancel"],
  ["remvoe", "remove"],
  ["remve", "remove"],
  ["romove", "remove"],
  ["pleaz", "please"],
  ["cn", "can"],
  ["n", "and"],
  ["couplea", "couple of"],
  ["lotta", "lot of"],
  ["pls", "please"],
  // Typed shorthand: "go w a negroni".
  ["w", "with"],
  ["plz", "please"],
  ["thx", "thanks"],
  ["thanx", "thanks"],
  ["ty", "thank you"],
  ["u", "you"],
  ["ur", "your"],
  ["r", "are"],
  ["chek", "check"],
  ["chk", "check"],
  ["ya", "you"],
  ["yeah", "yes"],
  ["yep", "yes"],
  ["yup", "yes"],
  ["ok", "okay"],
  ["nope", "no"],
  ["nah", "no"],
  ["percentage", "percent"],
  ["pct", "percent"],
  ["gratuity", "tip"],
]);

/** "ill" is also a word, so it is only read as "I'll" where a sentence starts or a verb follows ("i think ill have"). */
const ILL_AS_I_WILL = /^ill\b|\bill(?= (just |probably |also |definitely |really )?(have|take|get|do|go|try|grab|be|pay|order|need|want|start|stick|drink|settle)\b)/g;

/**
 * A minus sign or a dash right before a number, not inside a word ("-5 martinis", "a -5% tip",
 * "\u22125"; "- 5" only at the start: "room 330 - 2x vodka" pauses): read as the word "negative", so a negative amount is refused rather than losing its
 * sign (and is not the spoken "minus one beer", which takes a drink off).
 */
const MINUS = /(^\s*|[^a-z0-9.\s]|(?<=\s))[-\u2212\u2013\u2012](?=\$?\d)|^(\s*)[-\u2212\u2013\u2012]\s(?=\$?\d)/g;
const MONEY = /\$\s?(\d+(?:\.\d{1,2})?)/g;
const PERCENT = /(\d)\s?%/g;
const THOUSANDS_SEPARATOR = /(\d),(?=\d{3}\b)/g;

/**
 * Punctuation that separates clauses, kept as marks between tokens: a full stop, "!" or ";" ends a
 * sentence, "?" ends a question, a comma, a colon, a dash or an ellipsis is a pause.
 */
export type Pause = "NONE" | "PAUSE" | "STOP" | "QUESTION";
const STOP_MARK = "\ue000";
const QUESTION_MARK = "\ue001";
const PAUSE_MARK = "\ue002";
const CLAUSE_MARKS = /[\ue000-\ue002]/g;
const MARKS: ReadonlyMap<string, Pause> = new Map([
  [STOP_MARK, "STOP"],
  [QUESTION_MARK, "QUESTION"],
  [PAUSE_MARK, "PAUSE"],
]);
const STRENGTH: Readonly<Record<Pause, number>> = { NONE: 0, PAUSE: 1, STOP: 2, QUESTION: 3 };
const QUESTION_PUNCTUATION = /\?+/;
/** A point that is not a decimal point, "!" and ";". */
const STOP_PUNCTUATION = /\.(?!\d)|(?<!\d)\.|[!;\u3002]/;
const PAUSE_PUNCTUATION = /[,:\u2014\u2013\u2026]|\s-+\s/;
/** Every clause mark in one pass; each is then told apart by which of the three it is. */
const PUNCTUATION = new RegExp([QUESTION_PUNCTUATION, STOP_PUNCTUATION, PAUSE_PUNCTUATION].map((pattern) => pattern.source).join("|"), "g");
/** A participle joined to a word by a hyphen: "old-fashioned", "star-studded". */
/**
 * "tip-off is at 7", "the 5 am wake-up", "a quick follow-up": a verb and its particle joined by a hyphen name a
 * thing, one word, neither a verb nor a tip ("a top-up" is kept: it asks for more; "brother-in-law" goes on).
 */
const PHRASAL_NOUN = /\b(?!top-)([a-z]+)-(up|off|out|over|down|in|on|away|through)\b(?!-)/g;
const DRINK_PARTICIPLE = /\b([a-z]+)-([a-z]+ed)\b/g;
/** How a dish is made with a drink, before the dish ("beer battered fries"): never how a drink is served. */
const COOKED = "battered|glazed|braised|marinated|basted|brined|poached|candied";
/** The same said of people too ("I'm soaked", "cured"): a dish's only with a hyphen ("gin-cured salmon", "rum-soaked cake"). */
const STEEPED = "cured|soaked|infused";
const COOKED_WITH = new RegExp(`(\\b(${COOKED})|-(${STEEPED})) [a-z]`);
const COOKED_WITH_A_DRINK = new RegExp(`\\b([a-z]+)(?:[- ](${COOKED})|-(${STEEPED}))\\b(?= (?!(with|in|by|for|and|or|please|overnight)\\b)[a-z])`, "g");
/** Anything that is not a letter, a digit, a decimal point between digits or a clause mark. */
const NOT_WORD = /[^a-z0-9.\ue000-\ue002]+|\.(?!\d)|(?<!\d)\./g;

/** The text's tokens, and the pause before each of them (`pauses[tokens.length]` is the one at the end). */
export interface ReadText {
  tokens: string[];
  pauses: Pause[];
}

/** Characters only some rewrites need: an utterance without them skips those rewrites (most do). */
const SYMBOLS = /[$%&+,\-\u2212\u2013\u2012]/;
const HAS_DIGIT = /\d/;
const NON_ASCII = /[^\x00-\x7f]/;

/** A decimal digit of any script ("٣", "३", "３"): Unicode keeps each script's digits 0-9 in a row. */
const ANY_SCRIPT_DIGIT = /\p{Nd}/gu;
const isDigit = (codePoint: number): boolean => /\p{Nd}/u.test(String.fromCodePoint(codePoint));

/** The value of a decimal digit of any script: its place in its run of ten. */
export function digitValue(character: string): number {
  const codePoint = character.codePointAt(0) as number;
  let start = codePoint;
  while (isDigit(start - 1)) start -= 1;
  return (codePoint - start) % 10;
}

/** "10:30", "6:15pm": a time of day, one token that no number reader takes for a count ("10h30"). */
const CLOCK_TIME = /\b(\d{1,2}):(\d{2})\b/g;
/** "2-3 beers", "two-three": a range, said as one ("2 to 3"); a minus before a lone number is kept below. */
const DASH_RANGE = /((?<![\d.])\d{1,2}|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))\s?[-\u2013]\s?(\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)/g;
/** "2x IPA", "negroni x2", "3 X classic brew": the multiplication sign of a typed order, kept as its own word "x". */
const MULTIPLIER = /\b(\d+)\s?x\b|\bx\s?(\d+)\b/g;

const SMALL_COUNT = "(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
/** "not five, four": a count taken back, then the one meant. */
// (Only a bare count: "not two. one martini only" names the drink again and reads as said.)
const COUNT_TAKEN_BACK = new RegExp(`\\bnot (${SMALL_COUNT})\\s*[,.;]?\\s*(?:just |only )?(${SMALL_COUNT})(?=\\s*(?:[,.!?;]|$|(?:please|thanks|then|instead)\\b))`, "g");
/**
 * A count (of those) said with "actually" after it, at the end of the clause ("a negroni actually" is left as
 * said); why may follow after a pause ("oh, five actually, the maid of honor just showed up").
 */
const CUE_SAID_LAST = new RegExp(`(^|[,.;!?]\\s*)((?:(?:oh|um|uh|no|wait|hmm|make it|make that)[,]? )*${SMALL_COUNT}(?: of (?:those|them|these|that))?(?: please)?)\\s*,?\\s*\\bactually(?=\\s*([,.;!?]|$))`);

/** Verbs of saying: what follows them in quotes is someone's words. */
export const SAYING_VERBS = "said|says|saying|goes|went|told (?:me|us|him|her)|joked|joking|shouted|shouting|shouts|yelled|yelling|yells|screamed|screaming|chanting|chanted|was like|is like";
/** The word that marks a quote opened after a verb of saying: the readers of clauses know it. */
export const QUOTE_MARK = "quote";
/** A quote opened after a verb of saying and up to three words; a contraction's apostrophe opens none (a space or a mark comes first). */
const QUOTE_OPENED = new RegExp(`\\b(${SAYING_VERBS})((?: [a-z]+){0,3})(?:\\s*[,:]\\s*|\\s+)['"“‘]`, "g");

/**
 * "what I want is", "what I'd really love, if it's no trouble, is": a wish, said first, and what is wished
 * for after "is" ("what I love is a negroni" is a taste, not a wish: "love" and "like" wish only with "would").
 */
const PSEUDO_CLEFT =
  /\bwhat (i|we)((?:(?: would|'d) (?:really |most |honestly |actually |just )*(?:like|love|want|need|fancy|go for|kill for))|(?:(?: really| honestly| actually| truly| just)* (?:want|need|fancy|crave|could use|could do with|am after|'m after|am craving|'m craving|have in mind|feel like)))([^.?!]{0,160}?)[\s,]+is (?=(a|an|one|two|three|four|five|some|just|the|another|\d+)\b)/g;

/** A serving word said at the start of a phrase, then "for" a count of the drinks: "rocks for two of them", ", neat for one". */
const SERVING_FOR_SOME =
  /(^|[,;] |\band )(neat|on the rocks|rocks|straight up|up|dirty|dry|shaken|stirred|with a twist|with ice|double) for (one|two|three|four|five|six|seven|eight|nine|ten|\d+)( of (them|those|these|the \w+))?(?=[,;.!?]|$| and | please)/g;

const DIGIT_VALUES: ReadonlyMap<string, number> = new Map([
  ["zero", 0], ["oh", 0], ["o", 0], ["one", 1], ["two", 2], ["three", 3], ["four", 4], ["five", 5], ["six", 6], ["seven", 7], ["eight", 8], ["nine", 9],
]);
/** A label, then a number said digit by digit with "oh" for zero: "flight eight oh two", "room four oh six". */
const SPOKEN_DIGITS = /\b(flight|gate|room|table|seat|bus|train|platform|booth|lane|terminal|cabin|coach|suite|row|number) ((?:(?:one|two|three|four|five|six|seven|eight|nine) )(?:(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)(?: |$)){1,4})/g;
/** The digits of such a number, when an "oh" or "zero" in it says it is one ("table two" stays a count's neighbour). */
function spokenDigits(match: string, label: string, digits: string): string {
  const words = digits.trim().split(" ");
  if (!words.some((word) => word === "oh" || word === "o" || word === "zero")) return match;
  return `${label} ${words.map((word) => DIGIT_VALUES.get(word)).join("")}${digits.endsWith(" ") ? " " : ""}`;
}

/** "two, maybe three": one count, then another hedged. */
const HEDGED_RANGE = /\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+),? (maybe|perhaps) (two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\b,?/g;

/** A courtesy said between two pauses: ", if it's no trouble,", ", if you don't mind,". */
const POLITE_ASIDE = /,\s*if (it's|it is|its|that's|that is|thats) (no trouble|not too much trouble|no bother|ok|okay|alright|all right|possible|not a problem)\s*,|,\s*if you (don't|do not|dont) mind\s*,|,\s*if possible\s*,/g;

function marked(text: string): string {
  // Accents and typographic apostrophes only occur outside ASCII.
  // The clause marks are private-use characters: any a guest sends are nothing, not marks or letters.
  let result = NON_ASCII.test(text)
    ? text
        .replace(CLAUSE_MARKS, " ")
        .normalize("NFKD")
        .replace(COMBINING_MARKS, "")
        .replace(ANY_SCRIPT_DIGIT, (digit) => (digit >= "0" && digit <= "9" ? digit : String(digitValue(digit))))
        .toLowerCase()
        .replace(APOSTROPHES, "'")
    : text.toLowerCase();
  if (result.includes(":")) result = result.replace(CLOCK_TIME, "$1h$2");
  // ("a lemonade for the 5 am wake-up": an hour of the clock, no "am" of a clause.)
  if (result.includes(" am")) result = result.replace(/\b(1[0-2]|0?[1-9]) am\b/g, "$1 oclock");
  if (HAS_DIGIT.test(result) && result.includes("x")) result = result.replace(MULTIPLIER, (_, before: string | undefined, after: string | undefined) => (before ? `${before} x` : `x ${after}`));
  if (SYMBOLS.test(result)) {
    if (HAS_DIGIT.test(result) || result.includes("-")) result = result.replace(DASH_RANGE, "$1 to $2");
    if (HAS_DIGIT.test(result)) {
      result = result.replace(THOUSANDS_SEPARATOR, "$1").replace(MINUS, (_, before: string | undefined, start: string | undefined) => `${before ?? start ?? ""} negative `).replace(MONEY, " $1 dollars ").replace(PERCENT, "$1 percent ");
    }
    result = result.replace(/&/g, " and ").replace(/\+/g, " plus ");
  }
  // "I nearly ordered a dirty martini": ordered it or not, in the past, not now.
  if (result.includes("nearly ") || result.includes("almost ")) result = result.replace(/\b(nearly|almost) (ordered|had|got|bought)\b/g, "$2");
  // "I put away like six long islands": drank them, in the past.
  if (result.includes(" away") || result.includes(" back")) result = result.replace(/\b(put|knocked|threw|sank) (away|back)\b/g, "drank");
  // "for the love of god one more pint", "for heaven's sake, a lemonade": an oath for emphasis, nothing asked of it.
  if (result.includes("for ")) result = result.replace(/\bfor (the love of (god|christ|pete|mike)|(god|heaven|pete|goodness|christ)('s|s|')? sakes?|crying out loud)\b/g, " ");
  // ("two, maybe three, old fashioneds": a range, hedged; asked, never guessed, as "two or three" is.)
  if (result.includes("maybe ") || result.includes("perhaps ")) result = result.replace(HEDGED_RANGE, "$1 or $3");
  // "just pour me a damn lager already": swearing for emphasis says nothing of the drink.
  if (/\b(damn|bloody|freaking|frickin|friggin|effing|goddamn)\b/.test(result)) result = result.replace(/\b(damn|bloody|freaking|frickin|friggin|effing|goddamn) (?=\w)/g, "");
  // "a Manhattan, not too sweet, dry": a taste hoped for, no serving refused.
  if (result.includes("not too")) result = result.replace(/,?\s*\bnot too (sweet|strong|sour|bitter|boozy|sugary|heavy)\b/g, "");
  // "at half time", "my other half": a part of a game, a partner; never half a drink (numbers.ts: "the second half").
  if (result.includes("half")) result = result.replace(/\bhalf[- ]time\b/g, "halftime").replace(/\bother half\b/g, "partner");
  // "a negroni and whatever snacks you have": the thing asked for; "you have" says no more about it.
  if (result.includes("whatever ")) result = result.replace(/\bwhatever ((?:[a-z]+ ){1,2})(?:you|ya)(?:'ve got| have got| have| got| do| serve| sell| stock| make)\b/g, "whatever $1");
  // "with a twist on hers", "on the rocks for his": said of the drink just ordered for them, as "it" would be.
  if (/\b(hers|his|theirs)\b/.test(result)) result = result.replace(/\s*\b(on|for) (hers|his|theirs)\b(?=\s*([.!?,]|$))/g, "");
  // "my nerves are shot": worn out, no shot of anything.
  if (result.includes("shot")) result = result.replace(/\b(is|are|was|were|totally|completely|absolutely) shot\b/g, "$1 wrecked");
  // "a vodka neat and that's it": the end of the order said, nothing more asked.
  // ("she likes, um, cosmos": a filler between a verb and what it takes is no pause in the clause.)
  if (/\b(um+|uh+|erm?|uhm)\b/.test(result)) result = result.replace(/\b(likes|like|loves|love|wants|want|prefers|prefer|hates|hate|drinks|drink|needs|need|have|get|fancy|fancies)\s*,?\s*\b(um+|uh+|erm?|uhm)\b\s*,?\s*/g, "$1 ");
  // ("one last martini, shaken, dirty, and that's it i promise": the pause before it stays.)
  if (result.includes("and ")) result = result.replace(/\s*,?\s*\band ((uh|um|er|erm) )?(that's|that is|thats) (it|all)( for (me|now|us|tonight))?\b/g, ",");
  // "she said 'one more martini and I'm swimming back'": a quote opened after a verb of saying, marked.
  // ("the guy keeps yelling my punchline, 'three negronis and a divorce'": a few words may come between.)
  if (result.includes("'") || result.includes('"') || result.includes("“") || result.includes("‘")) result = result.replace(QUOTE_OPENED, `$1$2 ${QUOTE_MARK} `);
  // "Hennessy, neat, and don't be stingy with it": generosity asked for, no negation of the order.
  if (/stingy|skimp|hold back/.test(result)) result = result.replace(/\s*,?\s*\b(and )?(do not|don't|dont) (be (stingy|shy|mean|tight)|skimp|hold back)( (with|on) (it|that))?/g, "");
  // ("so what I'd really love, if it's not too much trouble, is an old fashioned": what the guest wants, said
  // first and named after "is"; the same as "if it's not too much trouble, I'd really love an old fashioned".)
  if (result.includes("what ")) result = result.replace(PSEUDO_CLEFT, (_, subject: string, wanting: string, middle: string) => {
    const wish = `${subject}${wanting} `;
    const said = middle.replace(/^[\s,]+|[\s,]+$/g, "");
    return said === "" ? wish : `${said}, ${wish}`;
  });
  // ("rocks for two of them, neat for one": how some of the drinks are made, said first; the same as "two of them on the rocks, one neat".)
  if (result.includes(" for ")) result = result.replace(SERVING_FOR_SOME, "$1$3 $2");
  // ("my buddy from flight eight oh two": a number said digit by digit is one number, no count.)
  if (/\b(oh|o|zero)\b/.test(result)) result = result.replace(SPOKEN_DIGITS, spokenDigits);
  // ("pop 15 percent on for you", "pop it on my tab": "pop" the verb, put, not a soda.)
  if (result.includes("pop ")) result = result.replace(/\bpop (?=(it|that|this|them|those|the tip|a tip|\d+|[a-z]+ (percent|dollars?|bucks?|quid))\b)/g, "put ");
  // ("could you possibly, if it's no trouble, do me a Manhattan": a courtesy between pauses asks nothing of its own.)
  if (result.includes("if ")) result = result.replace(POLITE_ASIDE, ",");
  // ("yep, same one more time": the same again.)
  if (result.includes("one more time")) result = result.replace(/\bsame,? one more time\b/g, "same again");
  // "ok clothes my tab": a slip of the keys for "close" before the tab.
  if (result.includes("clothes ")) result = result.replace(/\bclothes (?=(my|the|our|this) (tab|bill|check)\b)/g, "close ");
  if (result.includes("'")) {
    // (Each only where the text it needs is said: most of them need "'s " and most texts have none.)
    for (const [pattern, replacement, needed] of CONTRACTIONS) if (result.includes(needed)) result = result.replace(pattern, replacement);
  }
  // "beer-battered fish", "whiskey glazed wings": how a dish is cooked with a drink is one word, no drink,
  // the cooking first so that it reads as no verb either ("batteredbeer fries and an IPA" asks for the IPA).
  if (COOKED_WITH.test(result)) result = result.replace(COOKED_WITH_A_DRINK, (_, drink: string, cooked: string | undefined, steeped: string | undefined) => `${cooked ?? steeped ?? ""}${drink}`);
  // "the old-fashioned", "star-studded": any other participle with a hyphen is one word.
  if (result.includes("-")) result = result.replace(DRINK_PARTICIPLE, "$1$2").replace(PHRASAL_NOUN, "$1$2");
  // "a to-go cup for the rest of my negroni": a takeaway cup, no verb "go" (nor "to" before one).
  if (result.includes("go ")) result = result.replace(/\bto[- ]go (cup|cups|box|boxes|container|lid|glass|bag)\b/g, "takeaway $1");
  // "a dozen cosmos for the hen do": the party, not the verb.
  if (result.includes(" do")) result = result.replace(/\b(hen|stag|leaving|birthday|works|office|christmas|graduation) do\b/g, "$1 party");
  // ("tip: ten dollars": the amount of the tip, labelled, said in one breath.)
  if (result.includes("tip:")) result = result.replace(/\btip:\s*/g, "tip ");
  // ("the game's about to tip off", "here since tip-off": the start of a basketball game, no tip taken off.)
  if (result.includes("tip")) result = result.replace(/\b(about to|going to|gonna|before|since|after|till|until|at|from) tip[- ]?off\b/g, "$1 tipoff");
  // ("sandwiches left from tea", "the tea interval": the meal or the break called tea, no Iced Tea.)
  if (result.includes("tea")) result = result.replace(/\b(from|at|after|before|during|since|till|until|by) tea\b(?! (and|please|for))/g, "$1 teatime").replace(/\btea (interval|break|time|party|lady|ladies|urn|tent)\b/g, "tea$1");
  // ("I'll send someone round to settle", "pop round later": "round" as where someone goes, over, no round of drinks.)
  if (result.includes("round")) result = result.replace(/\b(send|sending|sent|come|coming|came|pop|popping|swing|go|going|went) ((someone|somebody|him|her|them|me|us) )?round\b(?! (of|for|please|a|an|another|some|one|two|three|four|five|six|\d+)\b)/g, "$1 $2over");
  // "one of us is on the wagon": an idiom, no wagon asked for.
  if (result.includes("wagon")) result = result.replace(/\b(on|off) the wagon\b/g, (_, side: string) => (side === "on" ? "sober" : "drinking again"));
  // "what's on tap?", "anything on draught": the beers the bar pours, asked about.
  if (result.includes(" on ")) result = result.replace(/\b(what is|what's|whats|what have you got|what do you have|what you got|anything|what else is) on (tap|draft|draught)\b/g, "what beers do you have");
  // "another manhattan just like that one": made the same way (not "I like that one": an opinion).
  if (result.includes("like")) result = result.replace(/(?<!\b(i|we|you|they|he|she|would|really|do|not|also|totally|all|quite) )\b(just |exactly )?like (that|this|the last|the other|the first) one\b/g, "same way");
  // "just make it normally then": as the drink comes, with nothing special.
  if (result.includes("norm") || result.includes("usual") || result.includes("regular")) {
    result = result.replace(/(?<!\b(you|we|how|i|they) )\b(just )?(make|do|serve|pour|have) (it|them|that|mine|one) (normally|normal|the normal way|the usual way|the regular way|as usual|regular)\b/g, "plain please");
  }
  // "not up, on the rocks": what is wanted said after what is not, read as "on the rocks, not up".
  if (result.includes("not ")) result = result.replace(/\bnot (up|neat|on the rocks|shaken|stirred|dry|dirty|perfect),? (up|neat|on the rocks|shaken|stirred|dry|dirty|perfect|with a twist)\b/g, "$2, not $1");
  // "oh, three of those actually": a correction with its cue said last, read with the cue first ("actually three of those").
  if (result.includes("actually")) result = result.replace(CUE_SAID_LAST, "$1actually $2");
  // ("neat I said": the serving said again, then the cue, as "neat, I said" is.)
  if (result.includes(" said")) result = result.replace(/\b(neat|rocks|up|dirty|dry|shaken|stirred|twist|chaser|double) i said([.!]*)\s*$/, "$1, i said$2");
  // "neat, like always": as always, the way the guest has it.
  if (result.includes("like ")) result = result.replace(/\blike (always|usual|normal|before|last time)\b/g, "as $1");
  // "you guys pour the best negroni": the plural "you" is "you" to every reader.
  if (result.includes("you guys") || result.includes("you lot")) result = result.replace(/\byou (guys|lot)\b/g, "you");
  // "no, just make it a flat five dollars": "just" before the cue softens it, and says nothing more.
  if (result.includes("just make")) result = result.replace(/\bjust (make (it|that|those|them|mine))\b/g, "$1");
  // "sorry, I said three but I meant two": the count meant, said after the one said.
  if (result.includes("meant")) result = result.replace(/\bi said (\w+),? (but |and )?i meant\b/g, "i meant");
  // "three cosmos for the ladies up in the box": where they sit, no drink served up.
  // ("settle up at the end", "a top-up on my wristband": the verb's own "up", left alone.)
  if (result.includes("up in ")) result = result.replace(/(?<!\b(settle|square|top|fix|sort|ring|pay|cash|set|hook|warm|heat|sum|add|end|wind|mix|shake)[- ])\bup in (the|our|my|their|that)\b/g, "upstairs in $2");
  // "oh wait, not five, four": the count wanted said after the one taken back, read as "four not five".
  if (result.includes("not ")) result = result.replace(COUNT_TAKEN_BACK, "$2 not $1");
  // "make those up, no ice": "no ice" only says again what "up" means.
  if (result.includes("ice")) result = result.replace(/\bup\s*,?\s*(no|without) ice\b/g, "up");
  // "shaken 10 seconds, no more": a limit on how long, no drink declined.
  if (result.includes("no ")) result = result.replace(/\b(seconds?|minutes?|secs?|mins?)\s*,?\s*no (more|longer)\b/g, "$1");
  // "I should very much like a martini": the old courteous "should" wishes, as "would" does.
  if (result.includes("should")) result = result.replace(/\b(i|we) should (very much |so much )?(like|love|prefer|enjoy)\b/g, "$1 would $3");
  // "Patron neat for the best man": the wedding's best man, no praise of the drink.
  if (result.includes("best man")) result = result.replace(/\bbest man\b/g, "groomsman");
  // "I'd better just have a lemonade then": what the guest decides on, as "I'll".
  if (result.includes("better")) result = result.replace(/\b(i|we)('d| had| would) better\b/g, "$1 will");
  // "we just got in off the water": the sea, a place, no water asked for.
  if (result.includes(" the water")) result = result.replace(/\b(on|off|by|near|across|over|into|onto|out on) the water\b(?! (please|too|as well|for|and|with))/g, "$1 the sea");
  // "two cosmos, straight away if you can": at once, no spirit served straight.
  if (result.includes("straight")) result = result.replace(/\bstraight ?away\b/g, "right away");
  // "15 per cent": one word, as the readers of tips know it.
  if (result.includes("per cent")) result = result.replace(/\bper cent\b/g, "percent");
  const words = result
    .replace(PUNCTUATION, (mark) => (mark.startsWith("?") ? ` ${QUESTION_MARK} ` : STOP_PUNCTUATION.test(mark) ? ` ${STOP_MARK} ` : ` ${PAUSE_MARK} `))
    .replace(NOT_WORD, " ")
    .trim();
  // Most utterances have no "ill" at all: the look-ahead pattern is not run over them.
  return words.includes("ill") ? words.replace(ILL_AS_I_WILL, "i will") : words;
}

export function readText(text: string): ReadText {
  const tokens: string[] = [];
  const pauses: Pause[] = ["NONE"];
  // (Marked text holds letters, digits, points, marks and single spaces only: no other space to split on.)
  for (const piece of marked(text).split(" ")) {
    if (piece.length === 0) continue;
    const mark = MARKS.get(piece);
    if (mark) {
      const at = tokens.length;
      if (STRENGTH[mark] > STRENGTH[pauses[at] as Pause]) pauses[at] = mark;
      continue;
    }
    // ("the whole ward is on its way", "served in its own glass": after a preposition, "its" is whose, not "it is".)
    const possessive = piece === "its" && BEFORE_A_POSSESSIVE.has(tokens[tokens.length - 1] as string);
    const replacement = possessive ? undefined : WORD_REPLACEMENTS.get(piece);
    for (const word of replacement === undefined ? [piece] : replacement.split(" ")) {
      tokens.push(word);
      pauses.push("NONE");
    }
  }
  // Nothing said before the first mark: no pause at the start.
  pauses[0] = "NONE";
  return withWhatTheyHave({ tokens, pauses });
}

/** Whom "what he has" points at, said as "the same as him". */
const OBJECT_OF: ReadonlyMap<string, string> = new Map([["he", "him"], ["she", "her"], ["they", "them"]]);
const HAVING = new Set(["has", "had", "have", "ordered", "orders", "got", "gets", "drinks", "drank"]);

/** "I'll have what he has", "what she's having": the same as him, as "the same as him" says it. */
function withWhatTheyHave(read: ReadText): ReadText {
  const { tokens, pauses } = read;
  if (!tokens.includes("what")) return read;
  const out: string[] = [];
  const outPauses: Pause[] = [];
  for (let at = 0; at < tokens.length; at += 1) {
    const whom = OBJECT_OF.get(tokens[at + 1] ?? "");
    const verbLength = HAVING.has(tokens[at + 2] ?? "") ? 1 : ["is", "are", "was", "were"].includes(tokens[at + 2] ?? "") && ["having", "drinking", "getting"].includes(tokens[at + 3] ?? "") ? 2 : 0;
    const unbroken = pauses.slice(at + 1, at + 2 + verbLength).every((pause) => pause === "NONE");
    if (tokens[at] === "what" && whom !== undefined && verbLength > 0 && unbroken && at > 0) {
      out.push("the", "same", "as", whom);
      outPauses.push(pauses[at] ?? "NONE", "NONE", "NONE", "NONE");
      at += 1 + verbLength;
      continue;
    }
    out.push(tokens[at] as string);
    outPauses.push(pauses[at] ?? "NONE");
  }
  outPauses.push(pauses[tokens.length] ?? "NONE");
  return { tokens: out, pauses: outPauses };
}

export function tokenize(text: string): string[] {
  return readText(text).tokens;
}

export function normalise(text: string): string {
  return tokenize(text).join(" ");
}
