import { describe, expect, it } from "vitest";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { buildBarLanguage, DEFAULT_PHRASE_WEIGHT } from "../../src/voice/recognition/bar-language.js";
import { buildNgramModel, DEFAULT_DISCOUNT, SENTENCE_END, SENTENCE_START } from "../../src/voice/recognition/ngram-model.js";

const sentences = (...texts: string[]) => texts.map((text) => ({ words: text.split(" "), count: 1 }));

describe("the back-off trigram model", () => {
  const model = buildNgramModel(sentences("two martinis please", "a martini please", "what's my tab", "two negronis"), {
    openWords: ["hello", "car", "martini"],
  });
  const vocabulary = [...model.vocabulary, SENTENCE_END];

  it.each([[[]], [[SENTENCE_START]], [["two"]], [[SENTENCE_START, "two"]], [["two", "martinis"]], [["hello"]], [["car", "hello"]], [["please", "two"]]])(
    "is a distribution after %j: the probabilities of every word sum to 1",
    (history) => {
      const total = vocabulary.reduce((sum, word) => sum + model.probability(history, word), 0);
      expect(total).toBeCloseTo(1, 9);
    },
  );

  it("keeps every open word reachable after any history (never a closed grammar)", () => {
    for (const history of [[SENTENCE_START], ["two"], ["two", "martinis"]]) {
      expect(model.probability(history, "car")).toBeGreaterThan(0);
    }
    expect(model.probability(["two"], "martinis")).toBeGreaterThan(model.probability(["two"], "car"));
  });

  it("writes ARPA whose section counts match its lines", () => {
    const lines = model.arpa.split("\n");
    for (const order of [1, 2, 3]) {
      const declared = Number(new RegExp(`ngram ${order}=(\\d+)`).exec(model.arpa)![1]);
      const start = lines.indexOf(`\\${order}-grams:`);
      const end = lines.indexOf("", start);
      expect(end - start - 1, `${order}-grams`).toBe(declared);
    }
    expect(lines).toContain(`-99 ${SENTENCE_START} ${lines.find((line) => line.startsWith(`-99 ${SENTENCE_START} `))!.split(" ")[2]}`);
    expect(model.arpa.trim().endsWith("\\end\\")).toBe(true);
  });

  it("discounts each seen bigram by DEFAULT_DISCOUNT: a smaller discount keeps more for what the bar says", () => {
    // "two" is followed by "martinis" and "negronis", once each: each keeps (1 - discount) / 2.
    expect(model.probability(["two"], "martinis")).toBeCloseTo((1 - DEFAULT_DISCOUNT) / 2, 12);
    const looser = buildNgramModel(sentences("two martinis please", "a martini please", "what's my tab", "two negronis"), { openWords: ["hello", "car", "martini"], discount: 0.5 });
    expect(model.probability(["two"], "martinis")).toBeGreaterThan(looser.probability(["two"], "martinis"));
    expect(model.probability(["two"], "car")).toBeLessThan(looser.probability(["two"], "car"));
  });

  it("refuses nonsense options and an empty text", () => {
    expect(() => buildNgramModel(sentences("a"), { discount: 1 })).toThrow(RangeError);
    expect(() => buildNgramModel(sentences("a"), { openShare: 1 })).toThrow(RangeError);
    expect(() => buildNgramModel([])).toThrow(/non-empty sentence/);
  });
});

describe("the bar's language", () => {
  const language = buildBarLanguage(MENU_CATALOG);
  const texts = new Set(language.sentences.map((sentence) => sentence.words.join(" ")));

  it("has orders of every drink by name and alias, with quantities and modifiers, and what guests ask", () => {
    for (const text of ["two martinis please", "can i get a negroni", "a whiskey on the rocks", "i'd like a dirty martini", "a bourbon", "what's my tab", "i'll pay my bill", "add a fifteen percent tip", "check please"]) {
      expect(texts, text).toContain(text);
    }
    for (const item of MENU_CATALOG) expect(language.phraseHints).toContain(item.name.toLowerCase().replace(/-/g, " "));
  });

  it("counts each of the bar's phrases DEFAULT_PHRASE_WEIGHT times, an order once, unless told otherwise", () => {
    const count = (sentences: typeof language.sentences, text: string) => sentences.find((sentence) => sentence.words.join(" ") === text)?.count;
    expect(count(language.sentences, "what's my tab")).toBe(DEFAULT_PHRASE_WEIGHT);
    expect(count(language.sentences, "can i get a negroni")).toBe(1);
    expect(count(buildBarLanguage(MENU_CATALOG, { phraseWeight: 5 }).sentences, "what's my tab")).toBe(5);
  });

  it("keeps the everyday words open, and writes only what a recognizer can output", () => {
    expect(language.openWords).toEqual(expect.arrayContaining(["car", "weather", "friend"]));
    const unwritable = language.sentences.flatMap((sentence) => sentence.words).filter((word) => !/^[a-z0-9']+$/.test(word));
    expect(unwritable).toEqual([]);
  });
});
