/**
 * Grounding: brands reach the drink that serves them, containers and sizes are neither drinks nor
 * counts, and what the menu does not hold (food, other goods, drinks the bar does not pour) is
 * told as such and never matched to a drink by spelling.
 */
import { describe, expect, it } from "vitest";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { closestItems, groundPhrase } from "../../src/conversation/grounding.js";
import { matchMenuAt, menuIndex } from "../../src/conversation/menu-matcher.js";
import { tokenize } from "../../src/conversation/normalise.js";
import { parseOrder } from "../../src/conversation/order-parser.js";
import { FakeBackend, FakeBar, MemoryStore, tabLines } from "./fake-bar.js";

const index = menuIndex(MENU_CATALOG);
const lines = (text: string) =>
  parseOrder(tokenize(text), index).drafts.map((draft) => `${draft.quantity} ${draft.candidates.join("/")}`);
const match = (text: string) => matchMenuAt(tokenize(text), 0, index);
const suggested = (phrase: string) => closestItems(phrase, index, 2).map((item) => item.id);

describe("brands", () => {
  it("reads every alias of the menu as its own drink, and no alias names two", () => {
    for (const item of MENU_CATALOG) {
      for (const alias of item.aliases) {
        const found = match(alias);
        expect(found?.itemIds, `${alias} -> ${item.id}`).toEqual([item.id]);
        expect(found?.length, alias).toBe(tokenize(alias).length);
      }
    }
  });

  it.each([
    ["three pepsis and two dr peppers", ["3 soda", "2 soda"]],
    ["a couple of diet cokes", ["2 soda"]],
    ["two heinekens and a coors light", ["2 tap-beer", "1 tap-beer"]],
    ["a maker's mark and a makers mark", ["1 whiskey", "1 whiskey"]],
    ["a tito's", ["1 vodka"]],
    ["one 7-up", ["1 soda"]],
    ["a san pellegrino", ["1 water"]],
    ["a sweet tea", ["1 iced-tea"]],
    // A brand and then its kind is one drink.
    ["a jameson whiskey", ["1 whiskey"]],
    ["two corona beers", ["2 tap-beer"]],
  ])("reads %j", (text, expected) => {
    expect(lines(text)).toEqual(expected);
  });

  it("reads a brand as spelled, or with two neighbouring letters swapped, never as a typo of an everyday word", () => {
    expect(match("pespi")?.itemIds).toEqual(["soda"]);
    for (const word of ["faster", "bare", "colors", "cooks", "disco", "laptops", "pills", "absolute", "stellar", "santa", "model", "shelter"]) {
      expect(match(word), word).toBeNull();
    }
  });
});

describe("containers and sizes", () => {
  it.each([
    ["two cans of coke", ["2 soda"]],
    ["two pints of lager", ["2 tap-beer"]],
    ["a bottle of coke", ["1 soda"]],
    ["three bottles of heineken", ["3 tap-beer"]],
    ["a glass of water", ["1 water"]],
    ["a large coke", ["1 soda"]],
    ["four medium sprites", ["4 soda"]],
    ["five med diet sprites", ["5 soda"]],
    ["a two liter sprite", ["1 soda"]],
    ["a 2 liter bottle of mountain dew", ["1 soda"]],
    ["one 12oz pepsi", ["1 soda"]],
  ])("%j", (text, expected) => {
    expect(lines(text)).toEqual(expected);
  });
});

describe("what the menu does not hold", () => {
  it("never reads food as a drink by spelling", () => {
    for (const word of ["pepperoni", "salami", "wings", "peppers", "nachos", "cake", "ham"]) expect(match(word), word).toBeNull();
    expect(parseOrder(tokenize("a basket of wings"), index).drafts).toEqual([]);
  });

  it.each([
    ["pizza with ham and pineapple", "FOOD"],
    ["rum cake", "FOOD"],
    ["penne alla vodka", "FOOD"],
    ["chocolate milkshake", "DRINK"],
    ["glass of red wine", "DRINK"],
    ["pack cigarettes", "GOODS"],
    ["slice of lime", "GARNISH"],
    ["zorblax", "UNKNOWN"],
    ["espresso martini", "DRINK"],
  ])("grounds %j as %s", (phrase, kind) => {
    expect(groundPhrase(tokenize(phrase).join(" "), index).kind).toBe(kind);
  });

  it("keeps a dish that names a drink whole: no rum in a rum cake, no vodka in penne alla vodka", () => {
    expect(parseOrder(tokenize("a slice of rum cake"), index).drafts).toEqual([]);
    expect(parseOrder(tokenize("the penne alla vodka please"), index).drafts).toEqual([]);
    expect(parseOrder(tokenize("a root beer float"), index).drafts).toEqual([]);
  });

  it("suggests, for a drink the bar does not pour, drinks of its family and mood; for anything else, nothing", () => {
    expect(suggested("mojitos")).toEqual(["daiquiri", "cosmopolitan"]);
    expect(suggested("cappuccino")).toEqual(["iced-tea", "soda"]);
    expect(suggested("stout")).toEqual(["classic-brew", "ipa"]);
    expect(suggested("espresso martini")[0]).toBe("martini");
    for (const phrase of ["pepperoni", "basket wings", "cigarettes", "zorblax"]) expect(suggested(phrase), phrase).toEqual([]);
  });
});

describe("the drinks said with what the bar does not sell", () => {
  const setUp = () => {
    const service = new ConversationService(new FakeBackend(new FakeBar(), new MemoryStore()));
    return (text: string) => service.say("grounding", text);
  };

  it("pours the drinks asked for and says, in the same short reply, that food is not served", async () => {
    const say = setUp();
    const result = await say("I'll take a club sandwich and two bottles of heineken");
    expect(tabLines(result.session)).toEqual(["2 tap-beer"]);
    expect(result.text).toMatch(/only pour drinks/);
    expect(result.text).not.toMatch(/sandwich/);
  });

  it("answers food alone without a suggestion, and offers nothing", async () => {
    const say = setUp();
    const food = await say("could I get some pepperoni");
    expect(food.text).toMatch(/only pour drinks/);
    expect(food.text).not.toMatch(/Negroni/);
    expect(tabLines((await say("yes")).session)).toEqual([]);
  });

  it("offers the closest of a drink the bar does not pour, and pours the other drinks asked with it", async () => {
    const say = setUp();
    const both = await say("a cappuccino and a lemonade please");
    expect(tabLines(both.session)).toEqual(["1 lemonade"]);
    expect(both.text).toMatch(/cappuccino/);
    const alone = await say("just a latte then");
    expect(alone.text).toMatch(/Iced Tea/);
    // Two drinks offered: a plain yes asks which (issue 18), the name pours it.
    const which = await say("sure");
    expect(tabLines(which.session)).toEqual(["1 lemonade"]);
    expect(which.text).toMatch(/Which/);
    expect(tabLines((await say("the iced tea")).session)).toEqual(["1 iced-tea", "1 lemonade"]);
  });

  it("hands over a garnish without an order, and pours nothing more for a drink the guest already has", async () => {
    const say = setUp();
    await say("a soda please");
    const garnish = await say("could I get a wedge of lime for my soda");
    expect(tabLines(garnish.session)).toEqual(["1 soda"]);
    expect(tabLines((await say("and a straw for the soda please")).session)).toEqual(["1 soda"]);
    // With food, "with a coke" is a drink of its own.
    expect(tabLines((await say("a pretzel with a coke")).session)).toEqual(["2 soda"]);
  });
});
