/**
 * Speech heard unsurely never charges for a mishearing: an order heard with low confidence, chosen
 * from another reading than the recognizer's first, or whose readings disagree on the drink or the
 * count, is asked about before anything is poured; a yes pours it, "no, four IPAs" corrects it in one
 * step. Typed text (no `heard`) and speech heard surely are poured as before.
 */
import { describe, expect, it } from "vitest";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { cleanHeard, CONFIRM_BELOW, type Heard } from "../../src/conversation/heard.js";
import { DomainError } from "../../src/errors.js";
import { FakeBackend, FakeBar, MemoryStore, tabLines } from "./fake-bar.js";

const unsure: Heard = { confidence: CONFIRM_BELOW / 2, alternatives: [] };
const sure: Heard = { confidence: 0.95, alternatives: [] };

function guest() {
  const bar = new FakeBar();
  const store = new MemoryStore();
  const service = new ConversationService(new FakeBackend(bar, store));
  return {
    store,
    say: async (text: string, heard?: Heard) => {
      const turn = await service.say("guest", text, heard);
      return { ...turn, lines: tabLines(turn.session) };
    },
  };
}

describe("an order heard unsurely", () => {
  it("is asked about, with nothing poured; a yes pours exactly it", async () => {
    const { say } = guest();
    const asked = await say("five IPAs", unsure);
    expect(asked.text).toBe("Five IPAs, is that right?");
    expect(asked.lines).toEqual([]);
    const yes = await say("yes", unsure);
    expect(yes.lines).toEqual(["5 ipa"]);
  });

  it("is corrected in one step: 'no, four IPAs' pours four, never five", async () => {
    const { say } = guest();
    await say("five gins neat", unsure);
    const corrected = await say("no, four IPAs", sure);
    expect(corrected.lines).toEqual(["4 ipa"]);
  });

  it("a no pours nothing", async () => {
    const { say } = guest();
    await say("five IPAs", unsure);
    expect((await say("no")).lines).toEqual([]);
  });

  it("survives a question in between, and is asked again", async () => {
    const { say } = guest();
    await say("two martinis", unsure);
    const tab = await say("what's my tab?");
    expect(tab.text).toMatch(/two Martinis/i);
    expect((await say("yes")).lines).toEqual(["2 martini"]);
  });

  it("a replacement heard unsurely is asked about; the yes replaces", async () => {
    const { say } = guest();
    await say("a martini");
    const asked = await say("make that a negroni", unsure);
    expect(asked.text).toBe("A Negroni instead, is that right?");
    expect(asked.lines).toEqual(["1 martini"]);
    expect((await say("yes")).lines).toEqual(["1 negroni"]);
  });

  it("more of a drink on the tab is asked about as the count it comes to; the yes brings it there", async () => {
    const { say } = guest();
    await say("a martini");
    const asked = await say("make that three", unsure);
    expect(asked.text).toBe("Three Martinis in all, is that right?");
    expect(asked.lines).toEqual(["1 martini"]);
    expect((await say("yes")).lines).toEqual(["3 martini"]);
  });

  it("paying heard unsurely starts the checkout as typed: it pours nothing, and the guest pays on the page", async () => {
    const { say } = guest();
    await say("a martini");
    const paying = await say("the check please", unsure);
    expect(paying.paymentId).not.toBeNull();
    expect(paying.lines).toEqual(["1 martini"]);
  });

  it("what is not an order is answered as typed", async () => {
    const { say } = guest();
    await say("a martini");
    expect((await say("what's my tab?", unsure)).text).toMatch(/Martini/);
    expect((await say("take off the martini", unsure)).lines).toEqual([]);
  });
});

describe("readings that disagree", () => {
  it("on the count: asked about", async () => {
    const { say } = guest();
    const asked = await say("five IPAs", { confidence: 0.95, alternatives: ["four IPAs"] });
    expect(asked.text).toBe("Five IPAs, is that right?");
    expect(asked.lines).toEqual([]);
  });

  it("the bar chooses the reading it understands, and confirms it since the recognizer did not put it first", async () => {
    const { say } = guest();
    const asked = await say("yes please", { confidence: 0.9, alternatives: ["four place green", "four ipas please"] });
    expect(asked.text).toBe("Four IPAs, is that right?");
    expect((await say("yes", sure)).lines).toEqual(["4 ipa"]);
  });

  it("readings that agree, heard surely, pour at once", async () => {
    const { say } = guest();
    expect((await say("two martinis please", { confidence: 0.95, alternatives: ["two martinis", "two martini is please"] })).lines).toEqual(["2 martini"]);
  });
});

describe("typed text and sure speech", () => {
  it("pour at once, as before", async () => {
    const typed = guest();
    expect((await typed.say("five IPAs")).lines).toEqual(["5 ipa"]);
    const spoken = guest();
    expect((await spoken.say("five IPAs", sure)).lines).toEqual(["5 ipa"]);
    // No confidence given (a browser that gives none): nothing to doubt.
    const unknown = guest();
    expect((await unknown.say("five IPAs", { confidence: null, alternatives: [] })).lines).toEqual(["5 ipa"]);
  });
});

describe("the heard input", () => {
  it("refuses a confidence outside 0-1, too many readings, a reading too long; drops empty ones", () => {
    for (const bad of [{ confidence: 1.5 }, { confidence: -0.1 }, { confidence: Number.NaN }, { alternatives: ["a", "b", "c", "d", "e"] }, { alternatives: ["x".repeat(501)] }]) {
      expect(() => cleanHeard(bad)).toThrow(DomainError);
    }
    expect(cleanHeard({ confidence: 0.4, alternatives: ["  ", "two\tmartinis"] })).toEqual({ confidence: 0.4, alternatives: ["two martinis"] });
    expect(cleanHeard({})).toEqual({ confidence: null, alternatives: [] });
  });
});
