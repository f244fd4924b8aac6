import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { closestItems } from "../../src/conversation/grounding.js";
import { editDistance, matchMenuAt, menuIndex } from "../../src/conversation/menu-matcher.js";
import { canonicalModifiers, findModifiers, modifierProblem, needsServingChoice } from "../../src/conversation/modifiers.js";
import { normalise, tokenize } from "../../src/conversation/normalise.js";
import { LAST_ORDINAL, numberWord, readMoneyCents, readNumber, readOrdinal, readQuantity } from "../../src/conversation/numbers.js";
import { parseOrder } from "../../src/conversation/order-parser.js";

const index = menuIndex(MENU_CATALOG);
const item = (id: string) => {
  const found = MENU_CATALOG.find((entry) => entry.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe("normalise", () => {
  it.each([
    ["I'll pay now!", "i will pay now"],
    ["What's my bill?", "what is my bill"],
    ["I’d like a Piña Colada", "i would like a pina colada"],
    ["Can't stop, won't stop", "can not stop will not stop"],
    ["Add a 15% tip", "add a 15 percent tip"],
    ["tip $5.50", "tip 5.50 dollars"],
    ["$1,000 is a lot", "1000 dollars is a lot"],
    ["G&T", "g and t"],
    ["long-island iced tea", "long island iced tea"],
    ["ill have a beer", "i will have a beer"],
    ["i think ill have a cosmo", "i think i will have a cosmo"],
    ["i feel ill", "i feel ill"],
    ["dont close my tab", "do not close my tab"],
    ["my friend's drink", "my friend drink"],
    ["   WHISKEY...   neat!!! ", "whiskey neat"],
    ["gimme 2 IPAs pls", "give me 2 ipas please"],
    // A typed order's multiplication sign is a word of its own; a dash between a room and a count is a pause, not a minus.
    ["2x IPA", "2 x ipa"],
    ["NEGRONI X2", "negroni x 2"],
    ["RM 330 - 2X vodka", "rm 330 2 x vodka"],
    ["-5 martinis", "negative 5 martinis"],
    ["xmas", "xmas"],
    // The engine's own clause marks (private-use characters) sent by a client are nothing.
    ["a\ue000martini\ue001 please\ue002", "a martini please"],
  ])("%s -> %s", (text, expected) => {
    expect(normalise(text)).toBe(expected);
  });

  it("never leaves anything but lower-case letters, digits and points between digits", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: "binary" }), (text) => {
        for (const token of tokenize(text)) expect(token).toMatch(/^[a-z0-9]+(\.[a-z0-9]+)*$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("numbers", () => {
  const quantity = (text: string) => readQuantity(tokenize(text), 0);

  it.each([
    ["a", 1], ["an", 1], ["one", 1], ["two", 2], ["three", 3], ["four", 4], ["five", 5], ["six", 6], ["seven", 7],
    ["eight", 8], ["nine", 9], ["ten", 10], ["eleven", 11], ["twelve", 12], ["7", 7], ["a couple of", 2],
    ["a couple", 2], ["couple of", 2], ["a pair of", 2], ["a dozen", 12], ["dozen", 12],
    ["half a dozen", 6], ["two dozen", 24], ["twenty five", 25], ["two point five", 2.5], ["one point 5", 1.5],
  ] as const)("%s is %d", (text, value) => {
    const read = quantity(text);
    expect(read?.value).toBe(value);
    expect(read?.length).toBe(tokenize(text).length);
  });

  it("reads a range or a vague amount as such, never as one count", () => {
    expect(quantity("two or three")?.range).toEqual({ low: 2, high: 3, vague: false });
    expect(quantity("2 to 4")?.range).toEqual({ low: 2, high: 4, vague: false });
    expect(quantity("a few")?.range).toMatchObject({ vague: true });
    expect(quantity("several")?.range).toMatchObject({ vague: true });
    // Not ranges: the same number twice, a bigger number first, ends too far apart.
    expect(quantity("two or two")?.range).toBeUndefined();
    expect(quantity("three or two")?.range).toBeUndefined();
    expect(quantity("one or fifty")?.range).toBeUndefined();
    expect(quantity("a few hundred")?.range).toBeUndefined();
  });

  it("reads digits of any script", () => {
    expect(quantity("\u0663")?.value).toBe(3);
    expect(quantity("\u0967\u0968")?.value).toBe(12);
    expect(quantity("\uff17")?.value).toBe(7);
    expect(quantity("\u{1d7d1}")?.value).toBe(3);
  });

  it("reads whole numbers in words up to the hundreds", () => {
    expect(readNumber(tokenize("a hundred"), 0)).toEqual({ value: 100, length: 2 });
    expect(readNumber(tokenize("one hundred and five"), 0)).toEqual({ value: 105, length: 4 });
    expect(readNumber(tokenize("ninety nine"), 0)).toEqual({ value: 99, length: 2 });
    expect(readNumber(tokenize("beer"), 0)).toBeNull();
  });

  it("reads ordinals, the last one included", () => {
    expect(readOrdinal(tokenize("first"), 0)?.value).toBe(1);
    expect(readOrdinal(tokenize("3rd"), 0)?.value).toBe(3);
    expect(readOrdinal(tokenize("number two"), 0)?.value).toBe(2);
    expect(readOrdinal(tokenize("last"), 0)?.value).toBe(LAST_ORDINAL);
  });

  it("reads money in cents", () => {
    const money = (text: string) => readMoneyCents(tokenize(text), 0)?.value ?? null;
    expect(money("$5")).toBe(500);
    expect(money("$7.50")).toBe(750);
    expect(money("five dollars")).toBe(500);
    expect(money("five bucks")).toBe(500);
    expect(money("two dollars and fifty cents")).toBe(250);
    expect(money("two dollars fifty")).toBe(250);
    expect(money("75 cents")).toBe(75);
    expect(money("4.5")).toBe(450);
    expect(money("five")).toBeNull();
  });

  it("says small numbers in words", () => {
    expect(numberWord(2)).toBe("two");
    expect(numberWord(12)).toBe("twelve");
    expect(numberWord(30)).toBe("30");
  });
});

describe("menu matcher", () => {
  const match = (text: string) => matchMenuAt(tokenize(text), 0, index);

  it("finds drinks by name, slug and alias", () => {
    expect(match("martini")?.itemIds).toEqual(["martini"]);
    expect(match("old fashioned")?.itemIds).toEqual(["old-fashioned"]);
    expect(match("long island iced tea")).toMatchObject({ itemIds: ["long-island"], length: 4 });
    expect(match("bourbon")?.itemIds).toEqual(["whiskey"]);
    expect(match("lager")?.itemIds).toEqual(["tap-beer"]);
    expect(match("cognac")?.itemIds).toEqual(["brandy"]);
    expect(match("coke")?.itemIds).toEqual(["soda"]);
    expect(match("india pale ale")).toMatchObject({ itemIds: ["ipa"], length: 3 });
  });

  it("prefers the longest phrase", () => {
    expect(match("rye manhattan")?.itemIds).toEqual(["manhattan"]);
    expect(match("ginger ale")?.itemIds).toEqual(["soda"]);
    expect(match("gin martini")?.itemIds).toEqual(["martini"]);
  });

  it("finds plurals, with the head noun first or last", () => {
    expect(match("martinis")?.itemIds).toEqual(["martini"]);
    expect(match("tap beers")?.itemIds).toEqual(["tap-beer"]);
    expect(match("brandies")?.itemIds).toEqual(["brandy"]);
    expect(match("ipas")?.itemIds).toEqual(["ipa"]);
    expect(match("beers on tap")?.itemIds).toEqual(["tap-beer"]);
  });

  it("reads a category as every drink in it", () => {
    expect(match("beer")).toMatchObject({ category: "BEER", itemIds: ["tap-beer", "classic-brew", "ipa"] });
    expect(match("cocktails")?.category).toBe("COCKTAIL");
    expect(match("shot")?.category).toBe("SPIRIT");
  });

  it("forgives small typos", () => {
    expect(match("negorni")).toMatchObject({ itemIds: ["negroni"], edits: 1 });
    expect(match("wiskey")?.itemIds).toEqual(["whiskey"]);
    expect(match("cosmopolitin")?.itemIds).toEqual(["cosmopolitan"]);
    expect(match("long islnd")?.itemIds).toEqual(["long-island"]);
    expect(match("lemonaid")?.itemIds).toEqual(["lemonade"]);
  });

  it("does not correct everyday words or short ones into drinks", () => {
    expect(match("been")).toBeNull();
    expect(match("waiter")).toBeNull();
    expect(match("run")).toBeNull();
    expect(match("later")).toBeNull();
  });

  it("does not read the first word of an unknown drink as a typo", () => {
    expect(match("pina colada")).toBeNull();
  });

  it("implies modifiers an alias names", () => {
    expect(match("dry martini")).toMatchObject({ itemIds: ["martini"], modifiers: ["dry"] });
  });

  it("suggests drinks of the same family and mood for one it does not pour, never by spelling", () => {
    expect(closestItems("margarita", index, 2).map((entry) => entry.id)).toEqual(["daiquiri", "long-island"]);
    expect(closestItems("manhatten", index, 1).map((entry) => entry.id)).toEqual(["manhattan"]);
  });

  it("is built once per menu array", () => {
    expect(menuIndex(MENU_CATALOG)).toBe(index);
    expect(menuIndex([...MENU_CATALOG])).not.toBe(index);
  });

  it("measures edit distance with swaps as one edit", () => {
    expect(editDistance("negroni", "negorni")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });
});

describe("modifiers", () => {
  const said = (text: string) => findModifiers(tokenize(text)).map((read) => read.modifier);

  it("reads the ways guests say them", () => {
    expect(said("on the rocks")).toEqual(["on the rocks"]);
    expect(said("rocks please")).toEqual(["on the rocks"]);
    expect(said("with ice")).toEqual(["on the rocks"]);
    expect(said("straight up")).toEqual(["up"]);
    expect(said("straight")).toEqual(["neat"]);
    expect(said("extra dirty, shaken not stirred")).toEqual(["dirty", "shaken"]);
    expect(said("with a twist and a chaser")).toEqual(["with a twist", "with a chaser"]);
    expect(said("make it a double")).toEqual(["double"]);
  });

  it("leaves out negated ones", () => {
    expect(said("not shaken")).toEqual([]);
    expect(said("no twist")).toEqual([]);
  });

  it("reads 'no ice' as a soft neat", () => {
    expect(findModifiers(tokenize("no ice"))).toEqual([{ modifier: "neat", soft: true, length: 2 }]);
  });

  it("refuses a modifier the drink does not take, and contradictions", () => {
    expect(modifierProblem(item("ipa"), ["neat"])).toEqual({ kind: "NOT_ACCEPTED", modifier: "neat" });
    expect(modifierProblem(item("whiskey"), ["neat", "on the rocks"])).toEqual({ kind: "CONFLICT", modifiers: ["neat", "on the rocks"] });
    expect(modifierProblem(item("martini"), ["dirty", "shaken", "with a twist"])).toBeNull();
  });

  it("knows when a spirit still needs neat or on the rocks", () => {
    expect(needsServingChoice(item("whiskey"), [])).toBe(true);
    expect(needsServingChoice(item("whiskey"), ["double"])).toBe(true);
    expect(needsServingChoice(item("whiskey"), ["neat"])).toBe(false);
    expect(needsServingChoice(item("martini"), [])).toBe(false);
  });

  it("puts modifiers in one canonical order", () => {
    expect(canonicalModifiers(["with a twist", "dirty", "shaken", "dirty"])).toEqual(["shaken", "dirty", "with a twist"]);
  });
});

describe("order parser", () => {
  const parse = (text: string) => parseOrder(tokenize(text), index);
  const lines = (text: string) =>
    parse(text).drafts.map((draft) => `${draft.quantity} ${draft.candidates.join("|")}${draft.modifiers.length ? ` ${draft.modifiers.join("+")}` : ""}`);

  it("reads several drinks with their quantities and modifiers", () => {
    expect(lines("two martinis and an IPA, and a whiskey neat for my friend")).toEqual(["2 martini", "1 ipa", "1 whiskey neat"]);
    expect(lines("a dirty martini, shaken")).toEqual(["1 martini shaken+dirty"]);
    expect(lines("a whiskey on the rocks and a neat vodka")).toEqual(["1 whiskey on the rocks", "1 vodka neat"]);
    expect(lines("a couple of beers")).toEqual(["2 tap-beer|classic-brew|ipa"]);
  });

  it("splits a line said twice with different servings", () => {
    expect(lines("two whiskeys, one neat and one on the rocks")).toEqual(["1 whiskey neat", "1 whiskey on the rocks"]);
    expect(lines("three rums, one neat")).toEqual(["2 rum", "1 rum neat"]);
  });

  it("gives modifiers after 'both' to every line", () => {
    expect(lines("one rum and one gin, both neat")).toEqual(["1 rum neat", "1 gin neat"]);
  });

  it("keeps what it cannot find on the menu", () => {
    expect(parse("two mojitos and a beer").unknown).toEqual(["mojitos"]);
    expect(parse("a glass of wine").unknown).toEqual(["wine"]);
    // A mixed drink the bar does not pour is one drink, not a gin and something else.
    expect(parse("a gin and tonic").unknown).toEqual(["gin and tonic"]);
    expect(parse("a gin and tonic").drafts).toEqual([]);
    expect(parse("I had a long day").unknown).toEqual([]);
  });

  it("keeps a quantity said without a drink", () => {
    expect(parse("make it three").looseQuantity).toBe(3);
    expect(parse("rocks").looseModifiers.map((read) => read.modifier)).toEqual(["on the rocks"]);
  });
});
