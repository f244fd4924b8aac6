/**
 * Utterances with what Maya should understand and what should happen to the
 * tab, by category (corpus-kit.ts describes a case). The everyday part is
 * here; corpus-dialogue.ts holds the dialogue part (mentions that are not
 * orders, repairs, references, speech slips, odd quantities).
 */
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { after, each, order, tagged, type Case, type CorpusCase } from "./corpus-kit.js";
import { DIALOGUE_CORPUS } from "./corpus-dialogue.js";
import { HELD_OUT_CORPUS } from "./corpus-heldout.js";
import { MONEY_CORPUS } from "./corpus-money.js";

export type { CorpusCase } from "./corpus-kit.js";

const ROUND = ["two martinis and an IPA"];
const ROUND_TAB = ["1 ipa", "2 martini"];
const PAYING = ["a martini", "check please"];

const greetings = each("GREET", [
  "hi", "Hello!", "hey there", "Hey Maya", "good evening", "Good morning!", "howdy", "hiya", "yo", "hello maya",
  "hi there", "Greetings.", "good afternoon", "evening!", "heya", "hey, what's up",
]);

const orders: Case[] = [
  order("I'd like a martini", "1 martini"),
  order("a martini please", "1 martini"),
  order("Can I get a negroni?", "1 negroni"),
  order("Two martinis and an IPA, and a whiskey neat for my friend.", "1 ipa", "1 whiskey (neat)", "2 martini"),
  order("two martinis and an ipa", "1 ipa", "2 martini"),
  order("I'll have a couple of IPAs", "2 ipa"),
  // A drink's name inside another's is not that drink: told the bar has none, nothing poured.
  { say: "an espresso martini please", intent: "ORDER" },
  { say: "a whiskey soda", intent: "ORDER" },
  { say: "two rum negronis", intent: "ORDER" },
  // One drink off and another on, asked together: one replacement, the new drink exactly as said.
  after(["a martini and an IPA"], "take off the IPA and add a negroni", "REPLACE", ["1 martini", "1 negroni"]),
  after(["two IPAs"], "take off the IPAs and add a negroni", "REPLACE", ["1 negroni"]),
  after(["a martini"], "add a negroni and take off the martini", "REPLACE", ["1 negroni"]),
  after(["a martini and an IPA"], "remove the IPA and bring me two waters", "REPLACE", ["1 martini", "2 water"]),
  after(["a martini"], "add a negroni and take off the manhattan", "REPLACE"),
  // A word that names a drink alone only describes the one after it; sizes and temperatures are not drinks.
  order("a classic martini", "1 martini"),
  order("a draft IPA please", "1 ipa"),
  order("two large IPAs please", "2 ipa"),
  order("a frosty lager", "1 tap-beer"),
  // Brands reach the drink that serves them; containers and sizes are neither drinks nor counts.
  order("two heinekens and a bud light please", "3 tap-beer"),
  order("a jack daniel's on the rocks", "1 whiskey (on the rocks)"),
  order("grey goose, neat", "1 vodka (neat)"),
  order("a bacardi with ice", "1 rum (on the rocks)"),
  order("two shots of patron neat", "2 tequila (neat)"),
  order("a hennessy neat please", "1 brandy (neat)"),
  order("could I get a perrier", "1 water"),
  order("three diet pepsis", "3 soda"),
  order("a root beer and a mountain dew", "2 soda"),
  order("a can of dr pepper", "1 soda"),
  order("two bottles of corona", "2 tap-beer"),
  order("a twenty ounce coke", "1 soda"),
  order("one large lemonade and two medium sprites", "1 lemonade", "2 soda"),
  order("a small sweet tea", "1 iced-tea"),
  // Food beside drinks: told it is not served, and the drinks are poured as asked.
  order("a burger and two coronas", "2 tap-beer"),
  order("two lagers and a basket of onion rings please", "2 tap-beer"),
  order("can I get a quesadilla and a lemonade", "1 lemonade"),
  order("nachos for the table and three cokes", "3 soda"),
  order("I'll have the fish tacos with a glass of iced tea", "1 iced-tea"),
  order("a pack of smokes and an IPA", "1 ipa"),
  // A drink the bar does not pour beside one it does: that one is poured.
  order("a mojito and a martini please", "1 martini"),
  { say: "a few tap beers please", intent: "ORDER" },
  order("a dozen daiquiris", "12 daiquiri"),
  order("half a dozen lemonades for the table", "6 lemonade"),
  order("give me 3 cosmos", "3 cosmopolitan"),
  order("one old fashioned", "1 old-fashioned"),
  order("an old fashioned, stirred", "1 old-fashioned (stirred)"),
  order("a dirty martini, shaken", "1 martini (dirty, shaken)"),
  order("a dry martini", "1 martini (dry)"),
  order("whiskey on the rocks", "1 whiskey (on the rocks)"),
  order("a bourbon neat", "1 whiskey (neat)"),
  order("scotch on the rocks please", "1 whiskey (on the rocks)"),
  order("a double whiskey neat", "1 whiskey (double, neat)"),
  order("vodka with ice", "1 vodka (on the rocks)"),
  order("a rum, no ice", "1 rum (neat)"),
  order("gin over ice", "1 gin (on the rocks)"),
  order("tequila straight", "1 tequila (neat)"),
  order("a cognac neat please", "1 brandy (neat)"),
  order("brandy on the rocks with a twist", "1 brandy (on the rocks, with a twist)"),
  order("a whiskey neat with a chaser", "1 whiskey (neat, with a chaser)"),
  order("a long island iced tea", "1 long-island"),
  order("two long islands", "2 long-island"),
  order("a lager", "1 tap-beer"),
  order("a pint of lager", "1 tap-beer"),
  order("a pint of IPA", "1 ipa"),
  order("draft beer please", "1 tap-beer"),
  order("an amber ale", "1 classic-brew"),
  order("a classic brew", "1 classic-brew"),
  order("a tap beer", "1 tap-beer"),
  order("an india pale ale", "1 ipa"),
  order("a coke", "1 soda"),
  order("a glass of water", "1 water"),
  order("sparkling water please", "1 water"),
  order("an iced tea", "1 iced-tea"),
  order("ice tea", "1 iced-tea"),
  order("a lemonade and a soda", "1 lemonade", "1 soda"),
  order("manhattan, up", "1 manhattan (up)"),
  order("a perfect manhattan", "1 manhattan (perfect)"),
  order("a manhattan on the rocks", "1 manhattan (on the rocks)"),
  order("a negroni with a twist", "1 negroni (with a twist)"),
  order("a daiquiri", "1 daiquiri"),
  order("a cosmopolitan", "1 cosmopolitan"),
  order("Let me get a cosmo", "1 cosmopolitan"),
  order("four negronis", "4 negroni"),
  order("5 IPAs", "5 ipa"),
  order("ten waters", "10 water"),
  order("twelve tap beers", "12 tap-beer"),
  order("one IPA, one classic brew and one lager", "1 classic-brew", "1 ipa", "1 tap-beer"),
  order("a martini, a negroni and a manhattan", "1 manhattan", "1 martini", "1 negroni"),
  order("three lemonades and two iced teas", "2 iced-tea", "3 lemonade"),
  order("two whiskeys, one neat and one on the rocks", "1 whiskey (neat)", "1 whiskey (on the rocks)"),
  order("a gin neat and a vodka on the rocks", "1 gin (neat)", "1 vodka (on the rocks)"),
  order("a martini and a whiskey neat", "1 martini", "1 whiskey (neat)"),
  order("could I have a rum sour", "1 daiquiri"),
  order("I want a vodka martini", "1 martini"),
  order("Get me a gin martini, dirty", "1 martini (dirty)"),
  order("bring me two beers on tap", "2 tap-beer"),
  order("we'll have a couple of cosmopolitans", "2 cosmopolitan"),
  order("Pour me a whisky neat", "1 whiskey (neat)"),
  order("how about an IPA", "1 ipa"),
  order("martini", "1 martini"),
  order("IPA please", "1 ipa"),
  order("a ginger ale", "1 soda"),
  order("a sprite for the kid", "1 soda"),
  order("I'll take a pale ale", "1 ipa"),
  order("an old fashioned with a twist", "1 old-fashioned (with a twist)"),
  order("a double gin on the rocks", "1 gin (double, on the rocks)"),
  order("2 double vodkas on the rocks", "2 vodka (double, on the rocks)"),
  order("a tequila neat, make it a double", "1 tequila (double, neat)"),
  order("a mezcal neat", "1 tequila (neat)"),
  order("a dark rum on the rocks", "1 rum (on the rocks)"),
  order("a shot of tequila, neat", "1 tequila (neat)"),
  order("a glass of lemonade", "1 lemonade"),
  order("a soft drink", "1 soda"),
  order("one cola", "1 soda"),
  order("a martini straight up", "1 martini (up)"),
  order("a martini with a twist, stirred", "1 martini (stirred, with a twist)"),
  order("Hi! Can I get two IPAs?", "2 ipa"),
  order("hello, a negroni please", "1 negroni"),
  order("a water, no ice", "1 water"),
  order("a couple of waters and a lemonade", "1 lemonade", "2 water"),
  order("a brandy, neat", "1 brandy (neat)"),
  order("one rum and one gin, both neat", "1 gin (neat)", "1 rum (neat)"),
  order("an IPA and a tap beer", "1 ipa", "1 tap-beer"),
  order("three manhattans, stirred", "3 manhattan (stirred)"),
  order("i would love a cosmopolitan", "1 cosmopolitan"),
  order("can we get a round of negronis", "1 negroni"),
  order("A Long Island for me and a lemonade for her", "1 lemonade", "1 long-island"),
  order("Two daiquiris, shaken", "2 daiquiri (shaken)"),
  // No tonic on this menu: Maya says so and offers the gin alone, adding nothing yet.
  { say: "a gin & tonic", intent: "ORDER" },
];

/** Every drink by name, alias and plural, so the matcher is exercised across the whole menu. */
const everyDrink: Case[] = MENU_CATALOG.flatMap((item) => {
  const serving = item.servingChoices.length > 0 ? " neat" : "";
  const expected = (count: number) => `${count} ${item.id}${serving ? " (neat)" : ""}`;
  const alias = item.aliases.find((entry) => !entry.endsWith("s") && !entry.includes("of ")) ?? item.name.toLowerCase();
  return [
    order(`one ${item.name.toLowerCase()}${serving}, please`, expected(1)),
    order(`can I get two ${alias}${alias.endsWith("s") ? "" : "s"}${serving}`, expected(2)),
  ];
});

const typos: Case[] = [
  order("a negorni please", "1 negroni"),
  order("a martiny", "1 martini"),
  order("two marttinis", "2 martini"),
  order("a manhatan", "1 manhattan"),
  order("a cosmopolitin", "1 cosmopolitan"),
  order("a daquiri", "1 daiquiri"),
  order("a daiqiri", "1 daiquiri"),
  order("an old fashoined", "1 old-fashioned"),
  order("a long islnd iced tea", "1 long-island"),
  order("a wiskey neat", "1 whiskey (neat)"),
  order("a tequilla on the rocks", "1 tequila (on the rocks)"),
  order("a vodak neat", "1 vodka (neat)"),
  order("a brandi neat", "1 brandy (neat)"),
  order("a lemonaid", "1 lemonade"),
  order("two lemonads", "2 lemonade"),
  order("an ice tee", "1 iced-tea"),
  order("a classic brw", "1 classic-brew"),
  order("a negroini", "1 negroni"),
];

const repeats: Case[] = [
  after(["a martini"], "another one", "REPEAT_ORDER", ["2 martini"]),
  after(["a whiskey neat"], "same again", "REPEAT_ORDER", ["2 whiskey (neat)"]),
  after(["an IPA"], "one more please", "REPEAT_ORDER", ["2 ipa"]),
  after(["a negroni"], "another", "REPEAT_ORDER", ["2 negroni"]),
  after(["a daiquiri"], "I'll have another", "REPEAT_ORDER", ["2 daiquiri"]),
  after(["a lemonade"], "two more", "REPEAT_ORDER", ["3 lemonade"]),
  after(ROUND, "another round", "REPEAT_ORDER", ["2 ipa", "4 martini"]),
  after(ROUND, "same again please", "REPEAT_ORDER", ["2 ipa", "4 martini"]),
  after(ROUND, "another one", "REPEAT_ORDER", ["2 ipa", "2 martini"]),
  after(["a gin on the rocks"], "hit me again", "REPEAT_ORDER", ["2 gin (on the rocks)"]),
  after(["a cosmo"], "another of those please", "REPEAT_ORDER", ["2 cosmopolitan"]),
  after(["a tap beer"], "refill please", "REPEAT_ORDER", ["2 tap-beer"]),
  after(["a manhattan"], "can I get another one?", "REPEAT_ORDER", ["2 manhattan"]),
  after(["a double rum neat"], "same again", "REPEAT_ORDER", ["2 rum (double, neat)"]),
  { say: "another one", intent: "REPEAT_ORDER" },
  { say: "same again", intent: "REPEAT_ORDER" },
  after(["a soda"], "another two", "REPEAT_ORDER", ["3 soda"]),
];

const removals: Case[] = [
  after(ROUND, "cancel the martini", "REMOVE", ["1 ipa"]),
  after(ROUND, "remove the IPA", "REMOVE", ["2 martini"]),
  after(ROUND, "take off one martini", "REMOVE", ["1 ipa", "1 martini"]),
  after(ROUND, "take one martini off", "REMOVE", ["1 ipa", "1 martini"]),
  after(["two tap beers"], "take off one beer", "REMOVE", ["1 tap-beer"]),
  after(ROUND, "scratch the martinis", "REMOVE", ["1 ipa"]),
  after(ROUND, "I don't want the IPA anymore", "REMOVE", ["2 martini"]),
  after(ROUND, "delete the martinis from my tab", "REMOVE", ["1 ipa"]),
  after(ROUND, "get rid of the ipa", "REMOVE", ["2 martini"]),
  after(ROUND, "cancel everything", "REMOVE", []),
  after(ROUND, "clear my tab", "REMOVE", []),
  after(ROUND, "remove everything from my tab", "REMOVE", []),
  after(["a negroni", "a lemonade"], "scratch that", "UNDO", ["1 negroni"]),
  after(["a negroni", "a lemonade"], "cancel that", "UNDO", ["1 negroni"]),
  after(["a negroni", "two lemonades"], "undo my last order", "REMOVE", ["1 negroni"]),
  after(["a negroni"], "remove the martini", "REMOVE", ["1 negroni"]),
  after(["a whiskey neat", "a whiskey on the rocks"], "cancel the whiskey on the rocks", "REMOVE", ["1 whiskey (neat)"]),
  // A pending "which one would you like?" never turns a removal into an order.
  after([...ROUND, "what beers do you have?"], "cancel the IPA", "REMOVE", ["2 martini"]),
  after([...ROUND, "what beers do you have?"], "take the IPA off", "REMOVE", ["2 martini"]),
  after(["a tap beer", "an IPA"], "take a beer off", "REMOVE", ["1 ipa", "1 tap-beer"]),
  after(["three IPAs"], "remove two IPAs", "REMOVE", ["1 ipa"]),
  after(["a cosmo"], "cancel my cosmo", "REMOVE", []),
  { say: "remove the negroni", intent: "REMOVE" },
];

const changes: Case[] = [
  after(["a martini"], "make that three", "CHANGE_QUANTITY", ["3 martini"]),
  after(["a martini"], "make it two", "CHANGE_QUANTITY", ["2 martini"]),
  after(["three IPAs"], "make that two", "CHANGE_QUANTITY", ["2 ipa"]),
  after(["a negroni", "a martini"], "make it two negronis", "CHANGE_QUANTITY", ["1 martini", "2 negroni"]),
  after(["a lemonade"], "actually, make it four", "CHANGE_QUANTITY", ["4 lemonade"]),
  after(["two daiquiris"], "change that to 3", "CHANGE_QUANTITY", ["3 daiquiri"]),
  after(["a whiskey neat"], "make that a couple", "CHANGE_QUANTITY", ["2 whiskey (neat)"]),
  after(["five IPAs"], "make it one IPA", "CHANGE_QUANTITY", ["1 ipa"]),
  after(["a martini", "an IPA"], "change my martini to two", "CHANGE_QUANTITY", ["1 ipa", "2 martini"]),
  after(["a cosmo"], "can you make that three instead", "CHANGE_QUANTITY", ["3 cosmopolitan"]),
  after(["two negronis"], "actually just one", "CHANGE_QUANTITY", ["1 negroni"]),
  after(["a tap beer"], "bump it up to 3", "CHANGE_QUANTITY", ["3 tap-beer"]),
  after(["a soda"], "I meant two", "CHANGE_QUANTITY", ["2 soda"]),
  { say: "make that three", intent: "CHANGE_QUANTITY" },
  after(["a martini"], "make it 60", "CHANGE_QUANTITY", ["1 martini"]),
];

const tabQuestions: Case[] = [
  ...each("SHOW_TAB", [
    "what's my tab?", "what's my bill?", "what do I owe?", "how much do I owe you", "show me my tab", "can I see my bill",
    "what's the damage?", "what's on my tab", "how much is my tab", "what's my total", "how much have I spent",
    "read me my tab", "what have I ordered so far", "tab?", "my tab please", "what did I order", "how much is the bill",
    "what's the total so far", "check my tab", "what's the tip", "how much do I have to pay", "what's my running total",
  ], { given: ROUND, tab: ROUND_TAB }),
  { say: "what's my tab", intent: "SHOW_TAB" },
];

const balances: Case[] = each("SHOW_BALANCE", [
  "what's my balance?", "how much money do I have left", "balance please", "how much can I spend",
  "what's left on my balance", "how much do I have", "do I have money left", "check my balance",
  "how much credit do I have left", "what can I still afford", "how much have I got left", "my balance",
  "what's my remaining balance", "how much money is left",
]);

const menus: Case[] = each("MENU", [
  "what's on the menu?", "can I see the menu", "menu please", "what do you have?", "what drinks do you serve",
  "what beers do you have?", "which cocktails do you have", "what spirits have you got", "what's on tap?",
  "what non alcoholic drinks do you have", "list the cocktails", "what kind of beer do you have", "do you have IPA?",
  "do you serve whiskey", "what's in a negroni?", "what is a cosmopolitan", "tell me about the old fashioned",
  "do you have any beers", "show me the drinks", "what are my options", "do you have margaritas?", "is there a lager",
  "what's a long island", "what soft drinks do you have", "what do you have to drink", "describe the manhattan",
  "do you have wine?", "what cocktails are there",
]);

const prices: Case[] = each("PRICE", [
  "how much is a negroni?", "how much does a martini cost", "what's the price of an IPA", "how much for a whiskey",
  "how much are the beers", "what do your cocktails cost", "price of a long island?", "how much is a lemonade",
  "is the water free?", "what does a daiquiri cost", "how much are two martinis", "how much is a pint of lager",
  "what are your prices", "how expensive is the brandy", "what's the cheapest beer", "how much is a margarita",
  "cost of a cosmo?", "how much would an old fashioned be",
]);

const recommendations: Case[] = [
  ...each("RECOMMEND", [
    "what do you recommend?", "something fruity", "I want something classy", "give me something strong",
    "something that burns", "something without alcohol please", "surprise me", "what's good here?",
    "can you suggest a drink", "I'd like something refreshing", "I'm driving, something non alcoholic",
    "what should I get?", "any recommendations?", "I'm in the mood for something sweet",
    "what's your favorite drink", "what would you have?", "something strong and classy", "a fruity cocktail please",
    "I don't know what to get", "dealer's choice", "what's popular?", "recommend a beer", "something bitter",
    "I need something with a kick", "I'm not drinking tonight", "something classic", "what's the strongest drink you have",
    "you pick", "something light",
  ]),
];

const tips: Case[] = [
  ...each("SET_TIP", ["add a 15% tip", "15 percent tip please", "tip fifteen percent", "let's do a 15% tip"], {
    given: ROUND, tab: ROUND_TAB, tip: { percent: 15 },
  }),
  ...each("SET_TIP", ["add a 20% tip", "twenty percent tip", "make the tip 20 percent", "tip 20 percent please"], {
    given: ROUND, tab: ROUND_TAB, tip: { percent: 20 },
  }),
  ...each("SET_TIP", ["leave a 10% tip", "ten percent gratuity", "I'd like to tip 10%"], { given: ROUND, tab: ROUND_TAB, tip: { percent: 10 } }),
  ...each("SET_TIP", ["tip five dollars", "add a $5 tip", "leave a tip of 5 dollars", "a five buck tip"], {
    given: ROUND, tab: ROUND_TAB, tip: { amountCents: 500 },
  }),
  ...each("SET_TIP", ["tip $7.50", "add a tip of seven dollars and fifty cents"], { given: ROUND, tab: ROUND_TAB, tip: { amountCents: 750 } }),
  ...each("SET_TIP", ["tip 18 percent", "add eighteen percent"], { given: ROUND, tab: ROUND_TAB, tip: { percent: 18 } }),
  ...each("SET_TIP", ["twenty five percent tip"], { given: ROUND, tab: ROUND_TAB, tip: { percent: 25 } }),
  ...each("SET_TIP", ["no tip", "remove the tip", "no tip please", "cancel the tip", "skip the tip", "zero tip", "I don't want to tip"], {
    given: [...ROUND, "add a 15% tip"], tab: ROUND_TAB, tip: "none",
  }),
  ...each("SET_TIP", ["tip 150 percent", "a 12.5% tip", "add a tip"], { given: ROUND, tab: ROUND_TAB }),
  // "Never mind" right after a tip puts the tip back as it was.
  ...each("UNDO", ["never mind", "scratch that", "forget it"], { given: [...ROUND, "add a 15% tip"], tab: ROUND_TAB, tip: "none" }),
  ...each("UNDO", ["never mind"], { given: [...ROUND, "add a 15% tip", "make the tip 20 percent"], tab: ROUND_TAB, tip: { percent: 15 } }),
  ...each("UNDO", ["actually never mind"], { given: [...ROUND, "tip five dollars", "no tip"], tab: ROUND_TAB, tip: { amountCents: 500 } }),
  // An order and a tip asked together: both, in one turn; a tip for drinks already poured pours nothing.
  ...each("ORDER", ["two martinis and a 15% tip", "two martinis and a fifteen percent tip please"], { tab: ["2 martini"], tip: { percent: 15 } }),
  ...each("ORDER", ["add a 20% tip and two IPAs"], { tab: ["2 ipa"], tip: { percent: 20 } }),
  ...each("ORDER", ["two martinis and a 150% tip"], { tab: ["2 martini"], tip: "none" }),
  ...each("UNDO", ["never mind"], { given: ["two martinis and a 15% tip"], tab: [], tip: "none" }),
  ...each("SET_TIP", ["add a 15% tip to the martinis", "a 15% tip for the martinis and the IPA"], { given: ROUND, tab: ROUND_TAB, tip: { percent: 15 } }),
  ...each("MENTION", ["I always get two martinis and a 15% tip"], { tab: [], tip: "none" }),
  ...each("ORDER", ["two martinis with a 15% tip"], { tab: ["2 martini"], tip: { percent: 15 } }),
  // With a drink on offer, a tip is a tip: "a 15% tip" had poured fifteen Martinis, "a 5 dollar tip" five.
  ...each("SET_TIP", ["a 15% tip", "add a 15 percent tip please"], { given: ["how much is the martini"], tab: [], tip: { percent: 15 } }),
  ...each("SET_TIP", ["add a 5 dollar tip"], { given: ["what do you recommend"], tab: [] }),
  ...each("ORDER", ["yes and a 15% tip", "sure, with a 15% tip"], { given: ["how much is the martini"], tab: ["1 martini"], tip: { percent: 15 } }),
  ...each("ORDER", ["neat and a 15% tip"], { given: ["a whiskey"], tab: ["1 whiskey (neat)"], tip: { percent: 15 } }),
  // "Make that 15 percent" had made it fifteen Martinis, "make it 20 dollars" twenty.
  ...each("SET_TIP", ["make that 15 percent"], { given: ["a martini"], tab: ["1 martini"], tip: { percent: 15 } }),
  ...each("UNKNOWN", ["make it 20 dollars"], { given: ["a martini"], tab: ["1 martini"] }),
  // An amount is never a count: the offer is of one Negroni, not fifteen.
  ...each("ORDER", ["yes"], { given: ["a 15% tip and the negroni was great"], tab: ["1 negroni"] }),
  // The same tip again changed nothing, so there is nothing to put back.
  ...each("CANCEL", ["never mind"], { given: [...ROUND, "add a 15% tip", "add a 15% tip"], tab: ROUND_TAB, tip: { percent: 15 } }),
];

const pays: Case[] = [
  ...each("PAY", [
    "I'll pay now", "pay my bill", "close my tab", "check please", "settle up", "can I pay?", "I'd like to pay",
    "the bill please", "bring me the check", "let me settle the bill", "I want to close out", "cash me out",
    "I'm ready to pay", "can I get the check", "pay", "how do I pay", "I'll settle up now", "checkout please",
    "I'd like to close my tab now", "let me pay the bill", "can I pay by card", "bill please",
  ], { given: ["a martini"], tab: ["1 martini"], payment: true }),
  { say: "check please", intent: "PAY" },
];

const paymentStatuses: Case[] = each("PAYMENT_STATUS", [
  "did it go through?", "did my payment go through", "has my payment gone through", "payment status",
  "did the payment work?", "is my payment done", "have I paid?", "was my card charged", "is it paid?",
  "did you get my payment", "what's the status of my payment", "did it work?", "any update on my payment",
], { given: PAYING, tab: ["1 martini"], payment: true });

const smallTalk: Case[] = each("SMALL_TALK", [
  "how are you?", "how's it going", "thanks!", "thank you so much", "cheers", "what's your name?", "who are you",
  "are you a robot?", "tell me a joke", "you're awesome", "I love this place", "is this table free?",
  "is this seat taken", "what time do you close?", "where's the restroom", "I'm not ready to pay yet",
  "don't close my tab", "okay", "cool", "sounds good", "I had a long day", "I'm tired", "great service",
  "how's your night going", "are you real?",
]);

const help: Case[] = each("HELP", [
  "help", "what can you do?", "how does this work", "I need help", "what can I say?", "how do I order",
  "help me please", "I'm confused",
]);

const goodbyes: Case[] = each("GOODBYE", [
  "bye", "goodbye!", "see you later", "good night", "I'm heading out", "take care", "gotta go", "catch you later",
  "that's all for tonight", "bye maya", "have a good night", "see ya",
]);

const unknown: Case[] = each("UNKNOWN", [
  "asdfgh", "the quick brown fox", "what is the capital of france", "purple monkey dishwasher", "can you fix my car",
  "blorp", "why is the sky blue", "I like turtles", "where did I park",
]);

/** Answers to the question Maya asked the turn before. */
const followUps: Case[] = [
  after(["a whiskey"], "rocks", "ORDER", ["1 whiskey (on the rocks)"]),
  after(["a whiskey"], "neat please", "ORDER", ["1 whiskey (neat)"]),
  after(["a whiskey"], "on the rocks", "ORDER", ["1 whiskey (on the rocks)"]),
  after(["a vodka"], "with ice", "ORDER", ["1 vodka (on the rocks)"]),
  after(["a gin"], "neat", "ORDER", ["1 gin (neat)"]),
  after(["a rum"], "no ice", "ORDER", ["1 rum (neat)"]),
  after(["a tequila"], "the first one", "ORDER", ["1 tequila (neat)"]),
  after(["a brandy"], "neat, and make it a double", "ORDER", ["1 brandy (double, neat)"]),
  after(["two whiskeys"], "both on the rocks", "ORDER", ["2 whiskey (on the rocks)"]),
  after(["a martini and a whiskey"], "neat", "ORDER", ["1 martini", "1 whiskey (neat)"]),
  after(["a whiskey and a rum"], "on the rocks", "ORDER", ["1 rum (on the rocks)", "1 whiskey (on the rocks)"]),
  after(["a whiskey"], "whatever you think", "ORDER", ["1 whiskey (neat)"]),
  after(["a beer"], "the first one", "ORDER", ["1 tap-beer"]),
  after(["a beer"], "ipa", "ORDER", ["1 ipa"]),
  after(["a beer"], "the lager", "ORDER", ["1 tap-beer"]),
  after(["a beer"], "the classic brew please", "ORDER", ["1 classic-brew"]),
  after(["a beer"], "the last one", "ORDER", ["1 ipa"]),
  after(["a beer"], "the second", "ORDER", ["1 classic-brew"]),
  after(["two beers"], "tap", "ORDER", ["2 tap-beer"]),
  after(["a couple of beers"], "IPAs", "ORDER", ["2 ipa"]),
  after(["a cocktail"], "a negroni", "ORDER", ["1 negroni"]),
  after(["a shot"], "tequila, neat", "ORDER", ["1 tequila (neat)"]),
  after(["a shot"], "tequila", "ORDER"),
  after(["a beer"], "surprise me", "ORDER", ["1 tap-beer"]),
  after(["a beer"], "actually a martini", "ORDER", ["1 martini"]),
  after(["a whiskey"], "a martini instead", "ORDER", ["1 martini"]),
  after(["a whiskey"], "what's my tab?", "SHOW_TAB"),
  after(["a whiskey"], "never mind", "CANCEL"),
  after(["a beer"], "forget it", "CANCEL"),
  after(["a neat IPA"], "yes", "ORDER", ["1 ipa"]),
  after(["a neat IPA"], "sure, go ahead", "ORDER", ["1 ipa"]),
  after(["a neat IPA"], "no thanks", "CANCEL"),
  after(["a double lemonade"], "yes please", "ORDER", ["1 lemonade"]),
  after(["a shaken negroni"], "okay", "ORDER", ["1 negroni"]),
  after(["how much is a negroni?"], "yes please", "ORDER", ["1 negroni"]),
  after(["how much is a negroni?"], "I'll have one", "ORDER", ["1 negroni"]),
  after(["tell me about the martini"], "sure, two please", "ORDER", ["2 martini"]),
  after(["something without alcohol"], "the lemonade please", "ORDER", ["1 lemonade"]),
  after(["do you have IPA?"], "great, I'll take one", "ORDER", ["1 ipa"]),
  after(["what beers do you have?"], "the IPA", "ORDER", ["1 ipa"]),
  after(["what beers do you have?"], "I'll have the first one", "ORDER", ["1 tap-beer"]),
  after(["I'd like a margarita"], "the martini then", "ORDER", ["1 martini"]),
  // The suggestion for a drink the bar does not pour comes from its family and mood, not its spelling.
  // Two drinks offered instead: a plain yes chooses neither, and Maya asks which (issue 18); naming one pours it.
  after(["I'd like a margarita"], "yes", "ORDER"),
  after(["I'd like a margarita"], "the daiquiri", "ORDER", ["1 daiquiri"]),
  after(["a tap beer", "an IPA", "take off a beer"], "the IPA", "REMOVE", ["1 tap-beer"]),
  after(["a tap beer", "an IPA", "take off a beer"], "the first one", "REMOVE", ["1 ipa"]),
  after(["a tap beer", "an IPA", "remove the beer"], "both", "REMOVE", []),
  after(["a negroni", "how much is it?"], "another one", "REPEAT_ORDER", ["2 negroni"]),
  after(["a whiskey"], "two martinis", "ORDER", ["2 martini"]),
  after(["a martini", "how much is a negroni?"], "how much is it?", "PRICE", ["1 martini"]),
  after(["a whiskey"], "a double on the rocks", "ORDER", ["1 whiskey (double, on the rocks)"]),
];

/** Things that must not be read as what they resemble. */
const negatives: Case[] = [
  { say: "is this table free?", intent: "SMALL_TALK" },
  after(ROUND, "what's my bill?", "SHOW_TAB", ROUND_TAB),
  after(ROUND, "how much is my bill", "SHOW_TAB", ROUND_TAB),
  after(ROUND, "I'm not ready to pay", "SMALL_TALK", ROUND_TAB),
  after(ROUND, "don't close the tab yet", "SMALL_TALK", ROUND_TAB),
  after(ROUND, "I'll pay later", "SMALL_TALK", ROUND_TAB),
  after(ROUND, "can I see the bill", "SHOW_TAB", ROUND_TAB),
  after(ROUND, "cancel the tip", "SET_TIP", ROUND_TAB),
  after(ROUND, "what's the tip?", "SHOW_TAB", ROUND_TAB),
  { say: "I have been here before", intent: "UNKNOWN" },
  { say: "is the waiter coming", intent: "UNKNOWN" },
  // Food and other goods are never a drink by spelling, and a dish named after a drink is a dish.
  { say: "a basket of wings please", intent: "ORDER" },
  { say: "can I get a pepperoni pizza", intent: "ORDER" },
  { say: "two packs of cigarettes", intent: "ORDER" },
  { say: "do you have burgers?", intent: "MENU" },
  { say: "I'd love the vodka sauce pasta", intent: "ORDER" },
  { say: "a piece of rum cake for dessert", intent: "ORDER" },
  after(["a negroni"], "could you bring some peanuts with that", "ORDER", ["1 negroni"]),
  after(["a soda"], "can I get a straw for my soda", "ORDER", ["1 soda"]),
  // What the bar suggests instead comes from the same family and mood, and a yes pours it.
  after(["a cappuccino please"], "sure", "ORDER"),
  after(["a pint of guinness"], "yes please", "ORDER"),
  after(["a pint of guinness", "yes please"], "the first one", "ORDER", ["1 classic-brew"]),
  { say: "what's up", intent: "GREET" },
  { say: "a neat IPA", intent: "ORDER" },
  { say: "an IPA on the rocks", intent: "ORDER" },
  { say: "a double martini", intent: "ORDER" },
  { say: "a shaken and stirred martini", intent: "ORDER" },
  { say: "a whiskey neat on the rocks", intent: "ORDER" },
  { say: "60 martinis", intent: "ORDER" },
  { say: "I'd like a pina colada", intent: "ORDER" },
  { say: "two mojitos and a beer", intent: "ORDER" },
  { say: "a glass of wine", intent: "ORDER" },
  { say: "how much do I have left", intent: "SHOW_BALANCE" },
  { say: "is my payment done", intent: "PAYMENT_STATUS" },
  { say: "settle down", intent: "UNKNOWN" },
  { say: "no", intent: "SMALL_TALK" },
  { say: "thanks, bye", intent: "GOODBYE" },
  { say: "another question", intent: "UNKNOWN" },
  { say: "I'm good, thanks", intent: "SMALL_TALK" },
];

/** The balance starts at $1000.00; fifty Martinis are $650.00. */
const insufficientFunds: Case[] = [
  { say: "fifty martinis", intent: "ORDER", tab: ["50 martini"] },
  after(["fifty martinis"], "fifty martinis", "ORDER", ["50 martini"]),
  after(["fifty martinis"], "twenty martinis and thirty IPAs", "ORDER", ["50 martini"]),
  after(["fifty martinis", "fifty martinis"], "twenty martinis", "ORDER", ["70 martini"]),
  after(["fifty martinis", "twenty martinis"], "add a 20% tip", "SET_TIP", ["70 martini"]),
];

/**
 * Written after the engine, without running them first: transcribed speech with fillers, no
 * punctuation, indirect phrasing. Kept to measure how the rules generalise.
 */
const transcribed: Case[] = [
  order("um can i get uh a martini", "1 martini"),
  order("yeah so like two ipas", "2 ipa"),
  order("lemme get a negroni and uh a lemonade", "1 lemonade", "1 negroni"),
  order("could we get three tap beers please", "3 tap-beer"),
  order("i'll go with the old fashioned", "1 old-fashioned"),
  order("just a water for me thanks", "1 water"),
  order("one whiskey on the rocks for my buddy", "1 whiskey (on the rocks)"),
  order("i think i'll have a cosmo", "1 cosmopolitan"),
  order("put a manhattan on my tab", "1 manhattan"),
  order("add two lemonades to my tab", "2 lemonade"),
  order("I'd love an iced tea", "1 iced-tea"),
  order("gimme a bourbon neat", "1 whiskey (neat)"),
  order("a vodka martini extra dirty", "1 martini (dirty)"),
  order("another martini please", "1 martini"),
  order("can i also get a soda", "1 soda"),
  order("two negronis for us", "2 negroni"),
  order("okay a daiquiri then", "1 daiquiri"),
  order("a scotch neat with a water chaser", "1 whiskey (neat, with a chaser)"),
  order("i want the IPA", "1 ipa"),
  order("my friend will have a gin on the rocks", "1 gin (on the rocks)"),
  order("hey maya a lager please", "1 tap-beer"),
  order("three shots of tequila neat", "3 tequila (neat)"),
  order("a round of IPAs for the table, four of them", "4 ipa"),
  { say: "can I have a whiskey", intent: "ORDER" },
  { say: "a rum please", intent: "ORDER" },
  { say: "I'll have a beer", intent: "ORDER" },
  { say: "a mojito please", intent: "ORDER" },
  { say: "can i get a pint of guinness", intent: "ORDER" },
  { say: "a glass of red wine please", intent: "ORDER" },
  ...each("GREET", ["hello there", "hey hey", "good evening maya"]),
  ...each("SMALL_TALK", ["hi maya how's it going", "thank you maya", "you're the best", "that was delicious", "great thanks"]),
  ...each("SHOW_TAB", ["so what do i owe you", "how much is it so far", "whats the total", "can you tell me my total", "what's the bill come to", "what have i had tonight"], { given: ROUND, tab: ROUND_TAB }),
  ...each("SHOW_BALANCE", ["how much money have i got", "what's my budget", "how much is left on my card", "can i afford another round"]),
  ...each("MENU", ["what beers are on tap", "what kinds of cocktails do you make", "do you have any non alcoholic options", "what spirits do you carry", "tell me what you've got", "do you guys have cider", "what's in an old fashioned"]),
  ...each("PRICE", ["how much for an ipa", "what's a martini cost", "how much do the cocktails cost", "how pricey is the manhattan", "what do you charge for a beer"]),
  ...each("RECOMMEND", ["what's your best cocktail", "i want something sweet and fruity", "something not too strong", "what would you suggest for a hot day", "got anything fruity", "i'm the designated driver tonight", "what goes down easy", "something to warm me up"]),
  ...each("SET_TIP", ["let's do twenty percent", "put a 10% tip on it", "i'll tip 15", "leave three dollars for you", "give yourself a 20 percent tip"], { given: ROUND, tab: ROUND_TAB }),
  ...each("PAY", ["i'm ready for the check", "can i close out", "let's settle up", "ring me up", "i'd like to pay my tab please", "time to pay", "i'll take the bill"], { given: ["a martini"], tab: ["1 martini"], payment: true }),
  ...each("PAYMENT_STATUS", ["did that go through", "has the payment cleared", "is the payment complete", "did my card go through", "was the payment successful"], { given: PAYING, tab: ["1 martini"], payment: true }),
  ...each("GOODBYE", ["alright i'm off", "goodnight maya", "see you next time", "i gotta head out", "bye bye"]),
  ...each("HELP", ["what can i ask you", "how do i use this", "can you help me"]),
  ...each("UNKNOWN", ["the mitochondria is the powerhouse of the cell", "play some music", "what's two plus two", "order me a taxi"]),
  after(["a whiskey"], "uh on the rocks please", "ORDER", ["1 whiskey (on the rocks)"]),
  after(["a whiskey"], "straight up neat", "ORDER", ["1 whiskey (neat)"]),
  after(["a vodka"], "rocks please", "ORDER", ["1 vodka (on the rocks)"]),
  after(["a beer"], "the amber one", "ORDER", ["1 classic-brew"]),
  after(["a beer"], "ipa please", "ORDER", ["1 ipa"]),
  after(["a beer"], "i'll take the house lager", "ORDER", ["1 tap-beer"]),
  after(["a beer"], "whatever's cheapest", "ORDER", ["1 tap-beer"]),
  after(["a beer"], "actually never mind", "CANCEL"),
  after(["a cocktail"], "the cosmo", "ORDER", ["1 cosmopolitan"]),
  // The catalog lists "soft drink" as another name for the Soda, so it is poured at once.
  after(["a soft drink please"], "and a lemonade", "ORDER", ["1 lemonade", "1 soda"]),
  after(["two martinis"], "actually make that one", "CHANGE_QUANTITY", ["1 martini"]),
  after(["a negroni"], "make it a double", "MODIFY", ["1 negroni"]),
  after(["a whiskey neat"], "make it a double", "MODIFY", ["1 whiskey (double, neat)"]),
  after(["a whiskey neat"], "actually on the rocks", "MODIFY", ["1 whiskey (on the rocks)"]),
  after(["two martinis"], "can you make those dirty", "MODIFY", ["2 martini (dirty)"]),
  after(["an IPA", "a gin neat"], "make that a double please", "MODIFY", ["1 gin (double, neat)", "1 ipa"]),
  { say: "make it a double", intent: "MODIFY" },
  after(["an IPA"], "oops cancel that", "UNDO", []),
  after(["two IPAs", "a martini"], "take the martini off", "REMOVE", ["2 ipa"]),
  after(["two IPAs", "a martini"], "i don't want the martini", "REMOVE", ["2 ipa"]),
  after(["two IPAs"], "one less ipa", "REMOVE", ["1 ipa"]),
  after(["a martini"], "same again", "REPEAT_ORDER", ["2 martini"]),
  after(["a martini"], "one more of the same", "REPEAT_ORDER", ["2 martini"]),
  after(["a martini"], "keep them coming", "REPEAT_ORDER", ["2 martini"]),
  after(["a whiskey neat"], "another round for me", "REPEAT_ORDER", ["2 whiskey (neat)"]),
];

/** A second batch written before running it: typed chat, longer sentences, mixed requests. */
const typed: Case[] = [
  order("Could I please get a Negroni, stirred, with a twist?", "1 negroni (stirred, with a twist)"),
  order("I'll start with a Daiquiri.", "1 daiquiri"),
  order("For the table: 2 IPAs, 2 lagers and a lemonade.", "1 lemonade", "2 ipa", "2 tap-beer"),
  order("Three cosmos and one manhattan please!", "1 manhattan", "3 cosmopolitan"),
  order("A Cosmopolitan for my wife and an Old Fashioned for me", "1 cosmopolitan", "1 old-fashioned"),
  order("Can I get a rye, neat?", "1 whiskey (neat)"),
  order("I'd like a gin martini, shaken, very dry", "1 martini (dry, shaken)"),
  order("Just an iced tea, thanks", "1 iced-tea"),
  order("Two sodas, one with ice", "1 soda", "1 soda (on the rocks)"),
  order("we'd like a dozen tap beers", "12 tap-beer"),
  order("A whisky and a water please, the whisky on the rocks", "1 water", "1 whiskey (on the rocks)"),
  order("i'll do a tequila, neat, with a chaser", "1 tequila (neat, with a chaser)"),
  order("A couple of Manhattans, straight up", "2 manhattan (up)"),
  order("one more IPA", "1 ipa"),
  order("I'd also like a classic brew", "1 classic-brew"),
  order("Get my friend a Long Island", "1 long-island"),
  order("Two gins on the rocks and a vodka neat", "1 vodka (neat)", "2 gin (on the rocks)"),
  order("Martini. Dirty. Shaken.", "1 martini (dirty, shaken)"),
  order("The house beer please", "1 tap-beer"),
  order("an ale", "1 classic-brew"),
  { say: "Could I get a Moscow Mule?", intent: "ORDER" },
  { say: "a bloody mary please", intent: "ORDER" },
  { say: "Two whiskeys please", intent: "ORDER" },
  { say: "Do you do espresso martinis?", intent: "MENU" },
  ...each("MENU", ["Do you have any IPAs on tap?", "What's the house beer?", "Is the Manhattan made with rye?", "What comes in a Daiquiri?", "Which spirits can I get?", "What are the beer options?"]),
  ...each("PRICE", ["How much is a double whiskey?", "Price check on the cosmo?", "What's the damage for a round of IPAs?", "How much are sodas?"]),
  ...each("RECOMMEND", ["Any suggestions for someone who doesn't like beer?", "What's something refreshing?", "I'd like something with gin, what do you suggest?", "What's your signature drink?", "Pick something for me", "Something classy for a date?"]),
  ...each("SHOW_TAB", ["Where's my tab at?", "Can you read back my order?", "What's on the bill so far?", "How much do we owe?", "What's the tab looking like?"], { given: ROUND, tab: ROUND_TAB }),
  ...each("SHOW_BALANCE", ["How much money do I have?", "Am I running low?", "What's my current balance?"]),
  ...each("SET_TIP", ["Please add a 20 percent tip.", "Tip: 15%", "Can you add ten percent for the service?", "Add $3 as a tip"], { given: ROUND, tab: ROUND_TAB }),
  ...each("PAY", ["Can I have the check, please?", "We're done, can we pay?", "I'd like to settle my tab.", "Close out my tab please", "Let's wrap up, bill please"], { given: ["a martini"], tab: ["1 martini"], payment: true }),
  ...each("PAYMENT_STATUS", ["Did my payment work?", "Has it been paid?", "Is my card payment through?", "Did the charge go through?"], { given: PAYING, tab: ["1 martini"], payment: true }),
  ...each("SMALL_TALK", ["Thanks Maya, you're great", "How long have you been bartending?", "Are you a real person?", "What's your name again?", "Cheers!"].slice(0, 5)),
  ...each("GOODBYE", ["Thanks for everything, goodbye!", "Good night and thank you", "That's it for me tonight"]),
  ...each("HELP", ["What can you help me with?", "Help!"]),
  ...each("UNKNOWN", ["Can you call me a cab?", "What's the wifi password?", "Turn up the volume"]),
  after(ROUND, "Remove one of the martinis", "REMOVE", ["1 ipa", "1 martini"]),
  after(ROUND, "Please take the IPA off my tab", "REMOVE", ["2 martini"]),
  after(ROUND, "Actually, cancel the whole order", "REMOVE", []),
  after(ROUND, "Make it three martinis", "CHANGE_QUANTITY", ["1 ipa", "3 martini"]),
  after(ROUND, "Can I change the martinis to one?", "CHANGE_QUANTITY", ["1 ipa", "1 martini"]),
  after(ROUND, "Same again!", "REPEAT_ORDER", ["2 ipa", "4 martini"]),
  after(ROUND, "Another round please", "REPEAT_ORDER", ["2 ipa", "4 martini"]),
  after(["A gin"], "Rocks.", "ORDER", ["1 gin (on the rocks)"]),
  after(["A gin"], "Neat, please.", "ORDER", ["1 gin (neat)"]),
  after(["A rum and a brandy"], "Neat for both", "ORDER", ["1 brandy (neat)", "1 rum (neat)"]),
  after(["A beer please"], "The IPA.", "ORDER", ["1 ipa"]),
  after(["A beer please"], "Second one", "ORDER", ["1 classic-brew"]),
  after(["What do you recommend?"], "No thanks", "CANCEL"),
  after(["Could I get a Moscow Mule?"], "No, nothing then", "CANCEL"),
  after(["Do you have IPA?"], "Yes please, two", "ORDER", ["2 ipa"]),
  after(["How much is a martini?"], "Great, I'll have one", "ORDER", ["1 martini"]),
  after(["How much is a martini?"], "Too expensive, what about a beer?", "ORDER"),
];

export const CORPUS: readonly CorpusCase[] = [
  ...tagged("greeting", greetings), ...tagged("order", orders), ...tagged("every-drink", everyDrink), ...tagged("typo", typos),
  ...tagged("repeat", repeats), ...tagged("removal", removals), ...tagged("change", changes), ...tagged("tab", tabQuestions),
  ...tagged("balance", balances), ...tagged("menu", menus), ...tagged("price", prices), ...tagged("recommend", recommendations),
  ...tagged("tip", tips), ...tagged("pay", pays), ...tagged("payment-status", paymentStatuses), ...tagged("small-talk", smallTalk),
  ...tagged("help", help), ...tagged("goodbye", goodbyes), ...tagged("unknown", unknown), ...tagged("follow-up", followUps),
  ...tagged("negative", negatives), ...tagged("funds", insufficientFunds), ...tagged("transcribed", transcribed),
  ...tagged("typed", typed), ...DIALOGUE_CORPUS, ...HELD_OUT_CORPUS, ...MONEY_CORPUS,
];
