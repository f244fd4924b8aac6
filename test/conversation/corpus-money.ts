/**
 * Money talk in the corpus: tips in everyday words, "round it up", a tip asked about (quoted, then
 * added on a yes), every form of "no tip", and talk of paying that is not a payment (later, on a
 * condition, someone else) beside requests to pay now.
 *
 * The tabs: ROUND is $32.00 (whole), so "round it up" leaves it; a Martini with a 10% tip is $14.30,
 * rounded up to $15.00 by a $2.00 tip in place of the 10%.
 */
import { after, each, tagged, type Case, type CorpusCase } from "./corpus-kit.js";

const ROUND = ["two martinis and an IPA"];
const ROUND_TAB = ["1 ipa", "2 martini"];
const TIPPED = [...ROUND, "add a 15% tip"];
const MARTINI_TIPPED = ["a martini", "add a 10 percent tip"];
const QUOTED = [...ROUND, "what would 18% be"];

const tips: Case[] = [
  // Everyday amounts.
  ...each("SET_TIP", ["leave a tenner for the bartender", "tip a tenner", "a tenner", "just a tenner thanks"], {
    given: ROUND, tab: ROUND_TAB, tip: { amountCents: 1000 },
  }),
  ...each("SET_TIP", ["here's a fiver for you", "tip a fiver", "a fiver for yourself"], { given: ROUND, tab: ROUND_TAB, tip: { amountCents: 500 } }),
  ...each("SET_TIP", ["tip a couple bucks", "just leave a couple of dollars", "a couple of bucks please"], {
    given: ROUND, tab: ROUND_TAB, tip: { amountCents: 200 },
  }),
  ...each("SET_TIP", ["throw in a buck fifty for the tip", "tip a dollar fifty"], { given: ROUND, tab: ROUND_TAB, tip: { amountCents: 150 } }),
  // A vague amount is asked for, never guessed.
  ...each("SET_TIP", ["leave a few bucks", "tip some dollars"], { given: ROUND, tab: ROUND_TAB, tip: "none" }),
  // "Round it up": the tip that brings the total to the next whole dollar ($14.30 -> $15.00, a $2.00 tip).
  ...each("SET_TIP", ["just round it up", "round up the bill", "could you round the total up", "round it up to the next dollar"], {
    given: MARTINI_TIPPED, tab: ["1 martini"], tip: { amountCents: 200 },
  }),
  // To a total said: "round it up to 16" is a $3.00 tip on a $13.00 Martini.
  ...each("SET_TIP", ["round it up to 16", "round up to sixteen bucks", "make it an even sixteen", "call it 16", "here's sixteen, keep the change"], {
    given: MARTINI_TIPPED, tab: ["1 martini"], tip: { amountCents: 300 },
  }),
  // A total already whole is left as it is; a total below the drinks, or nothing to round, is refused.
  ...each("SET_TIP", ["round it up"], { given: ROUND, tab: ROUND_TAB, tip: "none" }),
  ...each("SET_TIP", ["round it up to 10"], { given: MARTINI_TIPPED, tab: ["1 martini"], tip: { percent: 10 } }),
  ...each("SET_TIP", ["round it up please"], { tip: "none" }),
  // "Round" as a noun rounds nothing.
  after(ROUND, "another round", "REPEAT_ORDER", ["2 ipa", "4 martini"]),
  // A tip asked about is quoted and offered, never set; a yes adds it, a no leaves it.
  ...each("QUOTE_TIP", ["what's 18 percent of that?", "how much would a twenty percent tip come to", "what if I round it up?", "if I left 15%, what's the total?",
    "what's the damage if I leave 20 percent"], {
    given: ROUND, tab: ROUND_TAB, tip: "none",
  }),
  ...each("QUOTE_TIP", ["what would a 20 percent tip be?"], { tip: "none" }),
  ...each("SET_TIP", ["sure, add it", "yes please", "go ahead", "ok put that on"], { given: QUOTED, tab: ROUND_TAB, tip: { percent: 18 } }),
  ...each("CANCEL", ["no thanks"], { given: QUOTED, tab: ROUND_TAB, tip: "none" }),
  ...each("SET_TIP", ["yes"], { given: [...MARTINI_TIPPED, "what if I round it up?"], tab: ["1 martini"], tip: { amountCents: 200 } }),
  // Every form of no tip.
  ...each("SET_TIP", [
    "forget about the tip", "we won't be tipping tonight", "no gratuity please", "leave the tip off", "tip nothing",
    "we're not leaving a tip", "hold the tip", "no tip for now, money's tight",
  ], { given: TIPPED, tab: ROUND_TAB, tip: "none" }),
  // Two negations keep it; a doubt about the tip reads the tab.
  ...each("SET_TIP", ["don't forget the tip"], { given: TIPPED, tab: ROUND_TAB, tip: { percent: 15 } }),
  ...each("SHOW_TAB", ["I'm not sure about the tip"], { given: TIPPED, tab: ROUND_TAB, tip: { percent: 15 } }),
  // A tip said again in a repair is a tip, whatever word it holds.
  ...each("SET_TIP", ["actually, make the tip a straight three dollars"], { given: TIPPED, tab: ROUND_TAB, tip: { amountCents: 300 } }),
];

const pays: Case[] = [
  // Paying later, on a condition or by someone else: talk of paying, not a payment.
  ...each("SMALL_TALK", [
    "I'll settle the bill when we leave", "we'll pay once the game's over", "my husband's picking up the check",
    "the birthday girl is paying", "can I pay after the show?", "I'll pay before I head out", "we'll split the bill at the end",
    "I'll close out at last call", "she'll settle up in a bit", "I'll pay in twenty minutes",
  ], { given: ["a martini"], tab: ["1 martini"], payment: false }),
  // A condition said after paying puts it off; politeness does not.
  ...each("SMALL_TALK", ["I'll pay if you sing me a song"], { given: ["a martini"], tab: ["1 martini"], payment: false }),
  ...each("PAY", [
    "ok, my friend is paying now, can we get the bill", "I'll pay right now", "when you get a chance, the check please",
    "alright I'll pay, thanks for everything", "I'll pay after all",
  ], { given: ["a martini"], tab: ["1 martini"], payment: true }),
];

export const MONEY_CORPUS: readonly CorpusCase[] = [...tagged("tip", tips), ...tagged("pay", pays)];
