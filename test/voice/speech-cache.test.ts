import { describe, expect, it } from "vitest";
import { SpeechCache } from "../../src/voice/speech-cache.js";

const clip = (bytes: number) => ({ audio: Buffer.alloc(bytes, 1), contentType: "audio/mpeg" as const });

describe("SpeechCache", () => {
  it("evicts the least recently used entries to stay within its byte budget", () => {
    const cache = new SpeechCache(100);
    cache.set("a", clip(40));
    cache.set("b", clip(40));
    expect(cache.get("a")).toBeDefined(); // a is now the most recent
    cache.set("c", clip(40));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.bytes).toBe(80);
    expect(cache.size).toBe(2);
  });

  it("does not store an entry larger than the whole budget", () => {
    const cache = new SpeechCache(10);
    expect(cache.set("big", clip(11))).toBe(false);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it("replacing an entry counts its bytes once", () => {
    const cache = new SpeechCache(100);
    cache.set("a", clip(30));
    cache.set("a", clip(50));
    expect(cache.bytes).toBe(50);
  });
});
