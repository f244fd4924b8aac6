import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { percentOfCents } from "../../src/bar/money.js";
import { planTip } from "../../src/conversation/acts/tip.js";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { initialState, parseState, serialiseState } from "../../src/conversation/dialogue-state.js";
import { utteranceOf } from "../../src/conversation/intents.js";
import { menuIndex } from "../../src/conversation/menu-matcher.js";
import {
  asksToPayNow,
  clearsTip,
  conditionsPaying,
  readRoundUp,
  readTip,
  readTipAmount,
  whenPaying,
} from "../../src/conversation/money-talk.js";
import { readText } from "../../src/conversation/normalise.js";
import { FakeBackend, FakeBar, MemoryStore } from "./fake-bar.js";

const index = menuIndex(MENU_CATALOG);
const tokens = (text: string) => readText(text).tokens;
const utterance = (text: string) => utteranceOf(tokens(text), index);

describe("amounts in everyday words", () => {
  it.each([
    ["a fiver", 500],
    ["a tenner", 1000],
    ["a buck", 100],
    ["a buck fifty", 150],
    ["a couple of bucks", 200],
    ["a couple bucks", 200],
    ["one dollar", 100],
    ["two dollars and fifty cents", 250],
    ["$5.50", 550],
    ["three bucks", 300],
  ])("%s is %i cents", (said, cents) => {
    expect(readTipAmount(tokens(said), 0)).toMatchObject({ cents });
  });

  it("takes a few bucks as too vague to set", () => {
    expect(readTipAmount(tokens("a few bucks"), 0)).toBe("VAGUE");
    expect(readTipAmount(tokens("some dollars"), 0)).toBe("VAGUE");
  });

  it("reads no amount from a count of drinks or a bare number", () => {
    expect(readTipAmount(tokens("a couple of beers"), 0)).toBeNull();
    expect(readTipAmount(tokens("twenty"), 0)).toBeNull();
  });
});

describe("a tip, as asked", () => {
  it.each([
    ["leave a fiver for yourself", { amountCents: 500 }],
    ["make the tip a flat two bucks", { amountCents: 200 }],
    ["tip a couple of bucks", { amountCents: 200 }],
    ["a tenner", { amountCents: 1000 }],
    ["just a fiver thanks", { amountCents: 500 }],
    ["add a 15% tip", { percent: 15 }],
    ["no gratuity", { none: true }],
    ["tip nothing", { none: true }],
  ])("%s", (said, tip) => {
    expect(readTip(utterance(said))).toMatchObject({ tip, refusal: null });
  });

  it("asks for the amount when it is vague, and refuses one out of range, in words", () => {
    expect(readTip(utterance("leave a few bucks"))).toEqual({ tip: null, refusal: { reason: "TIP_NO_AMOUNT" } });
    expect(readTip(utterance("tip 120 percent"))).toMatchObject({ tip: null, refusal: { reason: "TIP_PERCENT_OUT_OF_RANGE" } });
  });

  it("leaves alone what is not about a tip: a plain amount, a round of drinks, a fiver with a drink", () => {
    expect(readTip(utterance("twenty dollars"))).toBeNull();
    expect(readTip(utterance("another round"))).toBeNull();
    expect(readTip(utterance("round of IPAs please"))).toBeNull();
    expect(readTip(utterance("a martini and round it up"))).toBeNull();
  });
});

describe("no tip", () => {
  it.each([
    "no tip", "skip the tip", "forget the tip", "zero tip", "I'm not tipping", "no tip, sorry, we're broke", "we won't be tipping",
    "I'm not going to leave a tip", "leave the tip off", "hold the tip", "no need for a tip", "without a tip", "get rid of the tip",
    "take off the tip",
  ])("%s clears it", (said) => {
    expect(clearsTip(tokens(said))).toBe(true);
  });

  it.each(["don't forget the tip", "not sure about the tip", "no rush, add a tip", "a 20 percent tip", "no problem, 20 percent tip"])(
    "%s does not",
    (said) => {
      expect(clearsTip(tokens(said))).toBe(false);
    },
  );
});

describe("rounding up", () => {
  it.each([
    ["round it up", null],
    ["just round it up please", null],
    ["round the total up", null],
    ["round it up to the nearest dollar", null],
    ["round it up to 20", 2000],
    ["round up to twenty bucks", 2000],
    ["round it to 19.50", 1950],
    ["make it an even 20", 2000],
    ["call it twenty", 2000],
    ["here's twenty, keep the change", 2000],
  ])("%s", (said, toCents) => {
    expect(readRoundUp(tokens(said))).toEqual({ toCents });
  });

  it.each(["another round", "a round up here", "next round is on me", "call it 20 percent", "not even 20 dollars", "make it 20", "keep the change"])("%s is no round-up", (said) => {
    expect(readRoundUp(tokens(said))).toBeNull();
  });
});

describe("the tip a round-up sets, on the tab", () => {
  const tab = (subtotalCents: number, tipCents = 0) => ({ subtotalCents, totalCents: subtotalCents + tipCents });

  it("brings the total up to the next whole dollar, in place of the tip before", () => {
    expect(planTip({ tip: null, refusal: null, roundUp: { toCents: null } }, tab(1300, 195))).toEqual({ ok: true, tip: { amountCents: 200 } });
    expect(planTip({ tip: null, refusal: null, roundUp: { toCents: null } }, tab(2500, 375))).toEqual({ ok: true, tip: { amountCents: 400 } });
  });

  it("leaves a total already in whole dollars as it is, and says so", () => {
    expect(planTip({ tip: null, refusal: null, roundUp: { toCents: null } }, tab(3200))).toEqual({
      ok: false,
      refusal: { reason: "TIP_ALREADY_ROUND", totalCents: 3200 },
    });
  });

  it("rounds to a total said, refused below the drinks or above a 100% tip, and not on an empty tab", () => {
    const to = (toCents: number) => ({ tip: null, refusal: null, roundUp: { toCents } });
    expect(planTip(to(2000), tab(1300, 195))).toEqual({ ok: true, tip: { amountCents: 700 } });
    expect(planTip(to(1300), tab(1300, 195))).toEqual({ ok: true, tip: { none: true } });
    expect(planTip(to(1000), tab(1300))).toEqual({ ok: false, refusal: { reason: "TIP_ROUND_BELOW_DRINKS", targetCents: 1000, subtotalCents: 1300 } });
    expect(planTip(to(5000), tab(1300))).toEqual({ ok: false, refusal: { reason: "TIP_ABOVE_SUBTOTAL", subtotalCents: 1300 } });
    expect(planTip({ tip: null, refusal: null, roundUp: { toCents: null } }, tab(0))).toEqual({ ok: false, refusal: { reason: "TIP_EMPTY_TAB" } });
  });

  it("refuses a fixed tip above the drinks, as the database would", () => {
    expect(planTip({ tip: { amountCents: 1400 }, refusal: null }, tab(1300))).toEqual({ ok: false, refusal: { reason: "TIP_ABOVE_SUBTOTAL", subtotalCents: 1300 } });
    expect(planTip({ tip: { amountCents: 1300 }, refusal: null }, tab(1300))).toEqual({ ok: true, tip: { amountCents: 1300 } });
  });

  it("always lands on a whole dollar less than a dollar above the total, in integer cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 100 }), (subtotalCents, percent) => {
        const totalCents = subtotalCents + percentOfCents(subtotalCents, percent);
        const plan = planTip({ tip: null, refusal: null, roundUp: { toCents: null } }, { subtotalCents, totalCents });
        if (totalCents % 100 === 0) return !plan.ok && plan.refusal.reason === "TIP_ALREADY_ROUND";
        if (!plan.ok) return plan.refusal.reason === "TIP_ABOVE_SUBTOTAL" && totalCents + (100 - (totalCents % 100)) - subtotalCents > subtotalCents;
        if (!("amountCents" in plan.tip)) return false;
        const rounded = subtotalCents + plan.tip.amountCents;
        return Number.isInteger(plan.tip.amountCents) && rounded % 100 === 0 && rounded > totalCents && rounded - totalCents < 100;
      }),
    );
  });
});

describe("when paying happens", () => {
  it.each([
    ["I'll pay at the end", "LATER"],
    ["I'll pay at the end of the night", "LATER"],
    ["I'll pay later", "NOT_YET"],
    ["I'll settle up before I head out", "LATER"],
    ["my date's gonna pay when she gets here", "ON_CONDITION"],
    ["we'll pay once the game is over", "ON_CONDITION"],
    ["my boss is paying", "SOMEONE_ELSE"],
    ["my buddy's paying for this one", "SOMEONE_ELSE"],
    ["Sarah's paying", "SOMEONE_ELSE"],
    ["the birthday girl is paying", "SOMEONE_ELSE"],
    ["ok she's paying now, check please", "NOW"],
    ["we'll settle up now", "NOW"],
    ["I'll take the check now", "NOW"],
    ["check please", "UNSAID"],
    ["the bill please", "UNSAID"],
    ["when you get a chance, the check please", "UNSAID"],
    ["my wife and I will pay", "UNSAID"],
    ["I'll pay after all", "UNSAID"],
  ])("%s: %s", (said, when) => {
    expect(whenPaying(utterance(said))).toBe(when);
  });

  it("asks to pay only now or with no time said", () => {
    expect(["NOW", "UNSAID", "LATER", "ON_CONDITION", "SOMEONE_ELSE", "NOT_YET"].filter((when) => asksToPayNow(when as never))).toEqual(["NOW", "UNSAID"]);
  });

  it("reads a condition said after paying, but not politeness", () => {
    expect(conditionsPaying(tokens("if you throw in a free shot"))).toBe(true);
    expect(conditionsPaying(tokens("but only if my card works"))).toBe(true);
    expect(conditionsPaying(tokens("as soon as she arrives"))).toBe(true);
    expect(conditionsPaying(tokens("if you can"))).toBe(false);
    expect(conditionsPaying(tokens("if that's ok"))).toBe(false);
    expect(conditionsPaying(tokens("and a water for the road"))).toBe(false);
  });
});

describe("a tip Maya quoted, remembered", () => {
  it("round-trips through JSON, each kind of tip", () => {
    for (const tip of [{ percent: 20 }, { amountCents: 200 }]) {
      const state = { ...initialState(), turn: 3, pending: { kind: "TIP" as const, tip } };
      expect(parseState(JSON.parse(JSON.stringify(serialiseState(state))))).toEqual(state);
    }
  });

  it("drops a damaged or empty quoted tip, keeping the rest; states stored before it are read as they were", () => {
    for (const tip of [{ percent: -5 }, { none: true }, "twenty", null]) {
      const state = parseState({ version: 2, turn: 4, pending: { kind: "TIP", tip }, focusItemId: "martini" });
      expect(state).toEqual({ ...initialState(), turn: 4, focusItemId: "martini" });
    }
    const older = { version: 1, turn: 2, pending: null, lastOrder: [], focusItemId: null };
    expect(parseState(older)).toEqual({ ...initialState(), turn: 2 });
  });
});

describe("Maya's words about a tip", () => {
  async function replies(...said: string[]): Promise<string[]> {
    const service = new ConversationService(new FakeBackend(new FakeBar(), new MemoryStore()));
    const texts: string[] = [];
    for (const text of said) texts.push((await service.say("words", text)).text);
    return texts;
  }

  it("says the amount a round-up, a quote or a tip comes to, with the article the number is spoken with", async () => {
    const [, eighteen, rounded, quoted, eight] = await replies("two IPAs", "tip 18 percent", "round it up", "what would 11 percent be", "round it up to 20");
    expect(eighteen).toContain("An 18% tip is $2.16, so your total is $14.16.");
    expect(rounded).toMatch(/a \$3\.00 tip makes your total \$15\.00\.$/);
    expect(quoted).toMatch(/^An 11% tip on \$12\.00 would be \$1\.32, for a total of \$13\.32\. (Shall|Want) /);
    expect(eight).toMatch(/an \$8\.00 tip makes your total \$20\.00\.$/);
  });
});
