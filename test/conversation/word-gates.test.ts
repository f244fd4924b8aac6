import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWordGates, neededWords, Words } from "../../src/conversation/word-gates.js";

describe("word gates: the words a pattern needs, read off its source", () => {
  it.each([
    [/ (want|need) /, ["need", "want"]],
    [/ i (really )?(want|fancy) (a|an) /, ["fancy", "want"]],
    [/^ (yes|sure)( please)* $/, ["sure", "yes"]],
    [/ settle up /, ["settle", "up"]],
  ] as const)("%s needs one of its words", (pattern, some) => {
    const needs = neededWords(pattern);
    expect(needs).not.toBeNull();
    // Every match holds one of the needed words, and the gate names only words of the pattern.
    expect([...(needs as ReadonlySet<string>)].every((word) => pattern.source.includes(word))).toBe(true);
    expect(some.some((word) => needs?.has(word))).toBe(true);
  });

  it.each([[/ \w+ed /], [/ (a|b)\1 /], [/want/i], [/ [a-z]+ /]])("%s is not vouched for (no gate: always run)", (pattern) => {
    expect(neededWords(pattern)).toBeNull();
  });
});

describe("Words.test is pattern.test", () => {
  beforeAll(() => checkWordGates(true));
  afterAll(() => checkWordGates(false));
  const patterns = [/ (want|need) /, / i (really )?(want|fancy) (a|an) /, /^ (yes|sure)( please)* $/, / settle up /, / (pay|paying) (now|later) /, / \w+ed /];
  const texts = [" i want a martini ", " yes please please ", " a martini please ", " settle up ", " we settled up ", " paying now ", " i really fancy an ipa ", " unwanted ", " ordered two "];
  for (const text of texts) {
    it(`on "${text.trim()}"`, () => {
      const words = new Words(text);
      for (const pattern of patterns) expect(words.test(pattern)).toBe(pattern.test(text));
    });
  }
});
