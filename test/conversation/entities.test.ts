import { describe, expect, it } from "vitest";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { numberEntities } from "../../src/conversation/entities.js";
import { menuIndex } from "../../src/conversation/menu-matcher.js";
import { readText } from "../../src/conversation/normalise.js";
import { tag } from "../../src/conversation/tagging.js";

const index = menuIndex(MENU_CATALOG);

/** The numbers of `text` that are not counts, as "word:ENTITY". */
function entities(text: string): string[] {
  const read = readText(text);
  const found = numberEntities(read.tokens, read.pauses, tag(read.tokens), index);
  return [...found].map(([position, { entity, length }]) => `${read.tokens.slice(position, position + length).join(" ")}:${entity}`);
}

describe("numbers that are not counts", () => {
  it.each([
    ["one martini for table 7", ["7:LABEL"]],
    ["table six would like a negroni", ["six:LABEL"]],
    ["a negroni for seat number 4", ["4:LABEL"]],
    ["put it on room 1204", ["1204:LABEL"]],
    ["she comes at eight", ["eight:TIME"]],
    ["we have till 11", ["11:TIME"]],
    ["a soda for my 5 year old", ["5:DURATION"]],
    ["back in 10 minutes", ["10:DURATION"]],
    ["see you at 9 pm", ["9:TIME"]],
    ["a martini for the 4 of us", ["4:PEOPLE"]],
    ["two IPAs for 3 people", ["3:PEOPLE"]],
    // A list of labels: the numbers after the first are labels too, while written as figures.
    ["thank you, sunbed 7 and 8", ["7:LABEL", "8:LABEL"]],
    ["tables 4, 5 and 6", ["4:LABEL", "5:LABEL", "6:LABEL"]],
    ["one ipa for seat 3 and one for seat 4", ["3:LABEL", "4:LABEL"]],
  ])("%s", (text, expected) => {
    expect(entities(text)).toEqual(expected);
  });

  it.each([
    "two martinis and an IPA",
    "order 2 IPAs",
    "a round of IPAs, four of them",
    "scratch one of those",
    "after two martinis I switch to water",
    "tip 20 percent",
    "tip 20",
    "which one, number two?",
    "make it three",
    "table, 3 negronis please",
  ])("%s has only counts", (text) => {
    expect(entities(text)).toEqual([]);
  });

  it("tags a bar utterance in order, a token to a tag, even where the tagger splits a token", () => {
    const tokens = readText("i live in apartment 3b, a negroni please").tokens;
    const { tags, lemmas } = tag(tokens);
    expect(tags).toHaveLength(tokens.length);
    expect(lemmas).toHaveLength(tokens.length);
    expect(tags[tokens.indexOf("negroni")]).toBe("NOUN");
    expect(tags[tokens.indexOf("live")]).toBe("VERB");
  });
});
