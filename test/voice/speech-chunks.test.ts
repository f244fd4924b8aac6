import { describe, expect, it } from "vitest";
import { chunkSpeech, GOOGLE_TTS_MAX_INPUT_BYTES, utf8Bytes } from "../../src/voice/speech-chunks.js";

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe("chunkSpeech", () => {
  it("keeps short text whole, with whitespace collapsed", () => {
    expect(chunkSpeech("  One   Negroni,\nplease.  ")).toEqual(["One Negroni, please."]);
  });

  it("gives nothing for empty or blank text", () => {
    expect(chunkSpeech("")).toEqual([]);
    expect(chunkSpeech(" \n\t ")).toEqual([]);
  });

  it("splits at sentence boundaries when sentences fit", () => {
    expect(chunkSpeech("Hello there. How are you? Fine!", 20)).toEqual(["Hello there.", "How are you? Fine!"]);
  });

  it("splits an over-long sentence between words", () => {
    const chunks = chunkSpeech("one two three four five six seven", 10);
    expect(chunks).toEqual(["one two", "three four", "five six", "seven"]);
  });

  it("counts UTF-8 bytes, not characters", () => {
    // "café " is 6 bytes; ten of them are 50 characters but 59 bytes.
    const text = Array.from({ length: 10 }, () => "café").join(" ");
    const chunks = chunkSpeech(text, 20);
    for (const chunk of chunks) expect(utf8Bytes(chunk)).toBeLessThanOrEqual(20);
    expect(chunks.join(" ")).toBe(text);
  });

  it("cuts a giant word between graphemes, never inside a character or emoji", () => {
    const word = "🍹".repeat(10) + "é".repeat(7);
    const chunks = chunkSpeech(word, 9);
    for (const chunk of chunks) {
      expect(utf8Bytes(chunk)).toBeLessThanOrEqual(9);
      expect(chunk).not.toContain("\uFFFD");
    }
    expect(chunks.join("")).toBe(word);
  });

  it("keeps every word, in order, and each chunk within Google's limit", () => {
    const sentence = (i: number) => `Sentence ${i} has a crème brûlée, a piña colada and ${"word ".repeat(i % 17)}the end.`;
    const text = Array.from({ length: 400 }, (_, i) => sentence(i)).join(" ");
    const chunks = chunkSpeech(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(utf8Bytes(chunk)).toBeLessThan(GOOGLE_TTS_MAX_INPUT_BYTES);
    expect(words(chunks.join(" "))).toEqual(words(text));
    // Sentence boundaries are kept: every chunk ends a sentence.
    for (const chunk of chunks) expect(chunk.endsWith("the end.")).toBe(true);
  });

  it("refuses a budget that cannot hold a character", () => {
    expect(() => chunkSpeech("hi", 3)).toThrow(RangeError);
  });
});
