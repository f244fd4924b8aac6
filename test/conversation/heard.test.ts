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

const unsure: Heard = { confidence: 0.3, alternatives: [] };
const sure: Heard = { confidence: 0.95, alternatives: [] };
/** Vouched for (above CONFIRM_BELOW): no recognizer's confidence is, yet; the rule is tested with one of its own. */
const vouched = { confidence: 1, alternatives: [] } as const;

function guest(confirmHeardBelow?: number) {
  const bar = new FakeBar();
  const store = new MemoryStore();
  const service = new ConversationService(new FakeBackend(bar, store), confirmHeardBelow === undefined ? {} : { confirmHeardBelow });
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
    const corrected = await say("no, four IPAs");
    expect(corrected.lines).toEqual(["4 ipa"]);
    // Said rather than typed, the correction is heard too: asked about as four, never five.
    const spoken = guest();
    await spoken.say("five IPAs", unsure);
    expect((await spoken.say("no, four IPAs", sure)).text).toBe("Four IPAs, is that right?");
    expect((await spoken.say("yes", sure)).lines).toEqual(["4 ipa"]);
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
  it("on the count: asked about, however sure the recognizer was of its first", async () => {
    const { say } = guest(0.5);
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

  it("readings that agree, heard with a confidence that vouches for them, pour at once", async () => {
    const { say } = guest(0.5);
    expect((await say("two martinis please", { confidence: 0.95, alternatives: ["two martinis", "two martini is please"] })).lines).toEqual(["2 martini"]);
  });
});

describe("typed text, and the confidence that vouches", () => {
  it("typed text pours at once, as before", async () => {
    expect((await guest().say("five IPAs")).lines).toEqual(["5 ipa"]);
  });

  it(`no recognizer's confidence vouches for a pour yet (CONFIRM_BELOW ${CONFIRM_BELOW}): heard orders are confirmed, with or without one`, async () => {
    expect(CONFIRM_BELOW).toBeGreaterThan(1);
    for (const heard of [sure, vouched, { confidence: null, alternatives: [] }]) {
      const asked = await guest().say("five IPAs", heard);
      expect(asked.text).toBe("Five IPAs, is that right?");
      expect(asked.lines).toEqual([]);
    }
  });

  it("with a threshold a recognizer has earned, what it vouches for pours at once and the rest is asked", async () => {
    expect((await guest(0.5).say("five IPAs", sure)).lines).toEqual(["5 ipa"]);
    expect((await guest(0.5).say("five IPAs", unsure)).lines).toEqual([]);
    expect((await guest(0.5).say("five IPAs", { confidence: null, alternatives: [] })).lines).toEqual([]);
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
