import { describe, expect, it } from "vitest";
import { LruMap } from "./lru-map.js";

describe("LruMap", () => {
  it("drops the least recently used entry past its capacity; a get marks an entry used, a peek does not", () => {
    const map = new LruMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    expect(map.get("a")).toBe(1);
    map.set("c", 3);
    expect(map.peek("b")).toBeUndefined();
    expect(map.peek("a")).toBe(1);
    map.set("d", 4);
    expect(map.peek("a")).toBeUndefined();
    expect([map.peek("c"), map.peek("d")]).toEqual([3, 4]);
  });

  it("deletes by key and by value", () => {
    const map = new LruMap<string, number>(10);
    for (const [key, value] of [["a", 1], ["b", 2], ["c", 3]] as const) map.set(key, value);
    map.delete("a");
    map.deleteWhere((value) => value > 2);
    expect([map.peek("a"), map.peek("b"), map.peek("c")]).toEqual([undefined, 2, undefined]);
  });
});
