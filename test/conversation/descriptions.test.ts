/**
 * Drinks named by what is in them, and by a name the guests give them, read as the drink itself
 * before anything else reads the words (src/conversation/descriptions.ts, nicknames.ts).
 */
import { describe, expect, it } from "vitest";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { withDescribedDrinks } from "../../src/conversation/descriptions.js";
import { menuIndex } from "../../src/conversation/menu-matcher.js";
import { withNicknames } from "../../src/conversation/nicknames.js";
import { readText } from "../../src/conversation/normalise.js";

const index = menuIndex(MENU_CATALOG);
const described = (text: string) => withDescribedDrinks(readText(text), index).tokens.join(" ");
const nicknamed = (text: string) => withNicknames(readText(text), index).tokens.join(" ");

describe("drinks described by what is in them", () => {
  it.each([
    ["the rum and lime one please", "a daiquiri please"],
    ["that one with gin, campari and sweet vermouth", "a negroni"],
    ["the whiskey one with sugar and bitters", "an old fashioned"],
    ["the bourbon and sweet vermouth one with a cherry", "a manhattan"],
    ["the pink one with the cranberry", "a cosmopolitan"],
  ])("%s reads as %s", (text, reading) => {
    expect(described(text)).toBe(reading);
  });

  it.each([
    // Fits two drinks as well: sugar is in a daiquiri and an old fashioned.
    "the one with sugar",
    // A word no drink is described by: something else.
    "the old Kingston Trio one",
    // A spirit named alone is named already.
    "the vodka one",
    // No phrase about a drink at all.
    "one with the lot please",
  ])("%s is left as said", (text) => {
    expect(described(text)).toBe(readText(text).tokens.join(" "));
  });

  it("keeps the pauses in step with the words", () => {
    const read = withDescribedDrinks(readText("hi. the one with the olives, dirty"), index);
    expect(read.pauses).toHaveLength(read.tokens.length + 1);
    expect(read.tokens.join(" ")).toBe("hi a martini dirty");
  });
});

describe("drinks named by the guests' own names", () => {
  it("reads the nickname as the drink and takes the naming out", () => {
    expect(nicknamed("we call the cosmo a pink nuke, so one pink nuke please")).toBe("so one cosmo please");
    expect(nicknamed("three mana potions, which is what our guild calls your lagers")).toBe("three lagers");
  });

  it("leaves talk of calling that names no drink alone", () => {
    expect(nicknamed("call me a cab and a lager")).toBe("call me a cab and a lager");
    expect(nicknamed("they call me the negroni king")).toBe("they call me the negroni king");
  });
});
