import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { formatCents } from "../../src/bar/money.js";
import type { BarPort, SessionView } from "../../src/conversation/bar-port.js";
import { ConversationService, MAX_UTTERANCE_LENGTH } from "../../src/conversation/conversation.service.js";
import { initialState, parseState, serialiseState } from "../../src/conversation/dialogue-state.js";
import { DomainError } from "../../src/errors.js";
import { FakeBackend, FakeBar, MemoryStore, STARTING_BALANCE_CENTS, tabLines } from "./fake-bar.js";

function setUp(options: { balanceCents?: number; mergeLines?: boolean } = {}) {
  const bar = new FakeBar(options.balanceCents ?? STARTING_BALANCE_CENTS, { mergeLines: options.mergeLines ?? false });
  const store = new MemoryStore();
  const service = new ConversationService(new FakeBackend(bar, store));
  const say = (text: string, sessionId = "session-1") => service.say(sessionId, text);
  return { bar, store, service, say };
}

describe("ConversationService input", () => {
  it.each(["", "   ", "\n\t"])("refuses an empty utterance (%j) as BAD_USER_INPUT", async (text) => {
    const { say } = setUp();
    await expect(say(text)).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });

  it("refuses more than 500 characters and accepts exactly 500", async () => {
    const { say, store } = setUp();
    const error = await say("a".repeat(MAX_UTTERANCE_LENGTH + 1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(store.turns.size).toBe(0);
    await expect(say(`martini ${"please ".repeat(70)}`.slice(0, MAX_UTTERANCE_LENGTH))).resolves.toMatchObject({ intent: "ORDER" });
  });

  it("strips NUL and other control characters before anything happens: the order pours once, the transcript is clean", async () => {
    const { say, store, bar } = setUp();
    const addItems = vi.spyOn(bar, "addItems");
    const result = await say("two ipas\u0000 please\u0007\u001b\u009b");
    expect(result.intent).toBe("ORDER");
    expect(tabLines(result.session)).toEqual(["2 ipa"]);
    expect(addItems).toHaveBeenCalledTimes(1);
    const [turn] = store.turns.get("session-1") ?? [];
    expect(turn?.utterance).toBe("two ipas please");
  });

  it("keeps ordinary whitespace as spaces and drops invisible direction overrides", async () => {
    const { say, store } = setUp();
    await say("a\tmartini\r\nplease\u202e");
    expect(store.turns.get("session-1")?.[0]?.utterance).toBe("a martini please");
  });

  it.each([["NUL only", "\u0000\u0000"], ["controls and spaces", " \u0001\u0002 \u007f "], ["a direction override", "\u202e"]])(
    "refuses an utterance that is nothing but control characters (%s) as BAD_USER_INPUT and stores nothing",
    async (_name, text) => {
      const { say, store } = setUp();
      await expect(say(text)).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { reason: "EMPTY_UTTERANCE" } });
      expect(store.turns.size).toBe(0);
    },
  );

  it("counts the limit in characters, not UTF-16 units: 300 emoji are accepted, 501 refused", async () => {
    const { say } = setUp();
    const emoji = "\u{1F378}";
    expect(emoji.repeat(300).length).toBe(600);
    await expect(say(emoji.repeat(300))).resolves.toMatchObject({ intent: expect.any(String) });
    await expect(say(emoji.repeat(MAX_UTTERANCE_LENGTH))).resolves.toMatchObject({ intent: expect.any(String) });
    await expect(say(emoji.repeat(MAX_UTTERANCE_LENGTH + 1))).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      details: { reason: "UTTERANCE_TOO_LONG", maxLength: MAX_UTTERANCE_LENGTH },
    });
  });

  it("replaces half of a surrogate pair instead of storing text PostgreSQL cannot encode", async () => {
    const { say, store } = setUp();
    await say("a martini \ud83c please");
    expect(store.turns.get("session-1")?.[0]?.utterance).toBe("a martini \ufffd please");
  });

  it("refuses a value that is not text", async () => {
    const { service } = setUp();
    await expect(service.say("s", 42 as unknown as string)).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { reason: "NOT_TEXT" } });
  });
});

describe("ConversationService orders", () => {
  it("puts several drinks on the tab in one transaction", async () => {
    const { bar, say } = setUp();
    const addItems = vi.spyOn(bar, "addItems");
    const result = await say("Two martinis and an IPA, and a whiskey neat for my friend.");
    expect(addItems).toHaveBeenCalledTimes(1);
    expect(addItems.mock.calls[0]?.[1]).toEqual([
      { menuItemId: "martini", quantity: 2, modifiers: [] },
      { menuItemId: "ipa", quantity: 1, modifiers: [] },
      { menuItemId: "whiskey", quantity: 1, modifiers: ["neat"] },
    ]);
    expect(result.intent).toBe("ORDER");
    expect(result.text).toContain(formatCents(result.session.tab.totalCents));
  });

  it("adds nothing and says the balance kindly when the whole order is not covered", async () => {
    const { say } = setUp({ balanceCents: 2000 });
    const result = await say("a martini and a negroni");
    expect(result.intent).toBe("ORDER");
    expect(tabLines(result.session)).toEqual([]);
    expect(result.text).toContain("$20.00");
    expect(result.text).toMatch(/haven't added anything/);
  });

  it("asks neat or on the rocks, then pours what the answer says", async () => {
    const { say } = setUp();
    const question = await say("a whiskey");
    expect(question.text).toMatch(/neat or on the rocks/i);
    expect(tabLines(question.session)).toEqual([]);
    const answered = await say("rocks");
    expect(answered.intent).toBe("ORDER");
    expect(tabLines(answered.session)).toEqual(["1 whiskey (on the rocks)"]);
  });

  it("drops the question when the next utterance is a new order", async () => {
    const { say } = setUp();
    await say("a whiskey");
    const next = await say("two IPAs");
    expect(tabLines(next.session)).toEqual(["2 ipa"]);
    const later = await say("neat");
    expect(tabLines(later.session)).toEqual(["2 ipa"]);
  });

  it("asks which beer for 'a beer', listing them, and takes 'the first one'", async () => {
    const { say } = setUp();
    const question = await say("a beer");
    expect(question.text).toContain("Tap Beer, Classic Brew or IPA");
    const answered = await say("the first one");
    expect(tabLines(answered.session)).toEqual(["1 tap-beer"]);
  });

  it("refuses a modifier that does not apply in words, and pours it plain on yes", async () => {
    const { say } = setUp();
    const refused = await say("a neat IPA?");
    expect(refused.text).toMatch(/IPA doesn't come neat/);
    expect(tabLines(refused.session)).toEqual([]);
    const accepted = await say("yes please");
    expect(tabLines(accepted.session)).toEqual(["1 ipa"]);
  });

  it("names a drink the bar does not have and suggests the closest by family and mood", async () => {
    const { say } = setUp();
    const result = await say("I'd like a margarita");
    expect(result.text).toMatch(/margarita/);
    expect(result.text).toMatch(/Daiquiri/);
    expect(tabLines(result.session)).toEqual([]);
  });

  it("refuses more than fifty of a drink", async () => {
    const { say } = setUp();
    const result = await say("sixty martinis");
    expect(result.text).toMatch(/up to 50/);
    expect(tabLines(result.session)).toEqual([]);
  });

  it("remembers the last line for 'another one' and the whole order for 'same again'", async () => {
    const { say } = setUp();
    await say("two martinis and a double rum neat");
    expect(tabLines((await say("same again")).session)).toEqual(["2 rum (double, neat)", "4 martini"]);
    expect(tabLines((await say("another one")).session)).toEqual(["3 rum (double, neat)", "4 martini"]);
  });

  it.each([false, true])("'make that three' after another of a drink leaves three of it in all, whether or not lines merge (merge: %s)", async (mergeLines) => {
    const { say } = setUp({ mergeLines });
    await say("two IPAs");
    await say("a martini");
    await say("another martini");
    const result = await say("make that three");
    expect(result.intent).toBe("CHANGE_QUANTITY");
    // The tab then holds three Martinis, not three more (bench/heldout/WRITING.md).
    expect(tabLines(result.session)).toEqual(["2 ipa", "3 martini"]);
    expect(result.text).toMatch(/three Martinis now/);
  });

  it("removes by drink, by count and asks which when several drinks fit", async () => {
    const { say } = setUp();
    await say("two martinis, a tap beer and an IPA");
    expect(tabLines((await say("take off one martini")).session)).toEqual(["1 ipa", "1 martini", "1 tap-beer"]);
    const question = await say("take off a beer");
    expect(question.text).toMatch(/Tap Beer or the IPA/);
    expect(tabLines((await say("the IPA")).session)).toEqual(["1 martini", "1 tap-beer"]);
    const missing = await say("cancel the negroni");
    expect(missing.text).toMatch(/no Negroni on your tab/);
  });
});

describe("ConversationService tab, tips and payment", () => {
  it("reads the tab and the balance from the BarPort", async () => {
    const { say } = setUp();
    await say("two martinis and an IPA");
    const tab = await say("what's my bill?");
    expect(tab.intent).toBe("SHOW_TAB");
    expect(tab.text).toContain("$32.00");
    const balance = await say("what's my balance?");
    expect(balance.text).toContain("$968.00");
  });

  it("sets tips by percent, by amount and removes them", async () => {
    const { say } = setUp();
    await say("two martinis");
    const percent = await say("add a 15% tip");
    expect(percent.session.tab).toMatchObject({ tipPercent: 15, tipCents: 390, totalCents: 2990 });
    expect(percent.text).toContain("$3.90");
    expect(percent.speech).toContain("15 percent");
    const amount = await say("tip five dollars");
    expect(amount.session.tab).toMatchObject({ tipPercent: null, tipCents: 500 });
    const none = await say("no tip");
    expect(none.session.tab).toMatchObject({ tipPercent: null, tipCents: 0 });
    const tooMuch = await say("tip 150 percent");
    expect(tooMuch.intent).toBe("SET_TIP");
    expect(tooMuch.text).toMatch(/0 to 100 percent/);
  });

  it("starts checkout with a link, reports its status, and keeps the tab locked meanwhile", async () => {
    const { bar, say } = setUp();
    await say("a martini");
    await say("add a 20% tip");
    const paying = await say("I'll pay now");
    expect(paying.intent).toBe("PAY");
    expect(paying.paymentId).not.toBeNull();
    expect(paying.text).toContain("http://localhost:4000/checkout/");
    expect(paying.text).toContain("$15.60");
    expect(paying.speech).not.toContain("http");
    expect(paying.session.tab.status).toBe("PAYMENT_PENDING");

    const locked = await say("another martini");
    expect(locked.text).toMatch(/payment/i);
    expect(tabLines(locked.session)).toEqual(["1 martini"]);
    // An order that needs a question first is refused at once, not after the guest answers it.
    for (const needsAnswer of ["add a beer", "a whiskey", "a margarita"]) {
      const refused = await say(needsAnswer);
      expect(refused.text).toMatch(/payment/i);
      expect(tabLines(refused.session)).toEqual(["1 martini"]);
    }
    expect(tabLines((await say("rocks")).session)).toEqual(["1 martini"]);

    const pending = await say("did it go through?");
    expect(pending).toMatchObject({ intent: "PAYMENT_STATUS", paymentId: paying.paymentId });
    expect(pending.text).toMatch(/Not yet/);

    bar.finishPayment("session-1", true);
    const done = await say("did it go through?");
    expect(done.text).toMatch(/went through|paid/);
    expect(done.session.tab.items).toEqual([]);
    expect(done.session.balanceCents).toBe(STARTING_BALANCE_CENTS - 1560);
  });

  it("says a declined payment left the tab open", async () => {
    const { bar, say } = setUp();
    await say("a martini");
    await say("check please");
    bar.finishPayment("session-1", false);
    const status = await say("did my payment go through?");
    expect(status.text).toMatch(/didn't go through/);
    expect(status.session.tab.status).toBe("OPEN");
  });

  it("answers 'pay' on an empty tab in words", async () => {
    const { say } = setUp();
    const result = await say("check please");
    expect(result).toMatchObject({ intent: "PAY", paymentId: null });
    expect(result.text).toMatch(/nothing to pay/);
  });

  it("says which drink the bar refused a modifier for", async () => {
    class StricterBar extends FakeBar {
      override async addItems(): Promise<SessionView> {
        throw new DomainError("BAD_USER_INPUT", "no", { reason: "MODIFIER_NOT_ACCEPTED", menuItemId: "martini", modifier: "dirty" });
      }
    }
    const service = new ConversationService(new FakeBackend(new StricterBar(), new MemoryStore()));
    const result = await service.say("s", "a dirty martini");
    expect(result.text).toMatch(/Martini doesn't come dirty/);
    expect(tabLines(result.session)).toEqual([]);
  });

  it("turns every domain failure of the bar into words", async () => {
    class BrokenBar extends FakeBar {
      override async addItems(): Promise<SessionView> {
        throw new DomainError("NOT_FOUND", "menu item gone", { menuItemId: "martini" });
      }
      override async checkout(): Promise<never> {
        throw new DomainError("PAYMENT_PROVIDER_UNAVAILABLE", "down");
      }
    }
    const service = new ConversationService(new FakeBackend(new BrokenBar(), new MemoryStore()));
    const gone = await service.say("s", "a martini");
    expect(gone).toMatchObject({ intent: "ORDER" });
    expect(gone.text).toMatch(/Martini isn't available/);
    const paying = await service.say("s", "pay");
    expect(paying).toMatchObject({ intent: "PAY", paymentId: null });
    expect(paying.text).toMatch(/nothing was charged/);
  });
});

describe("ConversationService replies", () => {
  it("quotes amounts exactly as the BarPort returned them", async () => {
    const bar = new FakeBar();
    const odd = (session: SessionView): SessionView => ({ ...session, balanceCents: 12_345, tab: { ...session.tab, totalCents: 98_765 } });
    const port: BarPort = {
      menu: () => bar.menu(),
      snapshot: async (id) => odd(await bar.snapshot(id)),
      addItems: async (id, lines) => odd(await bar.addItems(id, lines)),
      setLineQuantities: (id, changes) => bar.setLineQuantities(id, changes),
      setTip: (id, tip) => bar.setTip(id, tip),
      checkout: (id) => bar.checkout(id),
      latestPayment: (id) => bar.latestPayment(id),
    };
    const service = new ConversationService(new FakeBackend(port, new MemoryStore()));
    expect((await service.say("s", "a martini")).text).toContain("$987.65");
    expect((await service.say("s", "what's my balance")).text).toContain("$123.45");
  });

  it("is reproducible: the same utterances in the same session give the same results", async () => {
    const script = ["hi", "a beer", "the first one", "something fruity", "what's my tab?", "thanks", "asdf", "bye"];
    const run = async () => {
      const { say } = setUp();
      const results = [];
      for (const line of script) {
        const { text, speech, intent, session } = await say(line);
        results.push({ text, speech, intent, tab: tabLines(session) });
      }
      return results;
    };
    expect(await run()).toEqual(await run());
  });

  it("varies its words between sessions and turns", async () => {
    const texts = new Set<string>();
    for (let session = 0; session < 12; session += 1) {
      const { say } = setUp();
      texts.add((await say("hello", `s-${session}`)).text);
    }
    expect(texts.size).toBeGreaterThan(1);
  });

  it("stores every utterance with its reply and the dialogue state", async () => {
    const { say, store } = setUp();
    await say("  a whiskey ");
    const turns = store.turns.get("session-1") ?? [];
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ utterance: "a whiskey", reply: expect.stringMatching(/rocks/) });
    expect(parseState(turns[0]?.state)).toMatchObject({ turn: 1, pending: { kind: "ORDER", confirm: false } });
  });

  it("carries on from a damaged stored state", async () => {
    const bar = new FakeBar();
    const store = { loadState: async () => ({ version: 1, turn: "x", pending: { kind: "ORDER", drafts: "nope" } }), saveTurn: async () => {} };
    const service = new ConversationService(new FakeBackend(bar, store));
    await expect(service.say("s", "rocks")).resolves.toMatchObject({ intent: "UNKNOWN" });
  });
});

describe("dialogue state", () => {
  it("round-trips through JSON", () => {
    const state = {
      ...initialState(),
      turn: 7,
      pending: { kind: "REMOVE" as const, candidates: ["ipa", "tap-beer"], quantity: 1 },
      lastOrder: [{ menuItemId: "martini", quantity: 2, modifiers: ["dirty"] }],
      focusItemId: "martini",
    };
    expect(parseState(JSON.parse(JSON.stringify(serialiseState(state))))).toEqual(state);
  });

  it("round-trips everything version 2 added: the last edit, a quantity question, a replacement's lines", () => {
    const state = {
      ...initialState(),
      turn: 3,
      pending: { kind: "QUANTITY" as const, drafts: [{ candidates: ["ipa"], category: null, quantity: 1, modifiers: [], softModifiers: [] }], draftIndex: 0 },
      lastEdit: { turn: 3, added: [{ menuItemId: "martini", quantity: 1, modifiers: [] }], removed: [{ menuItemId: "manhattan", quantity: 1, modifiers: [] }], lastOrderBefore: [] },
    };
    expect(parseState(JSON.parse(JSON.stringify(serialiseState(state))))).toEqual(state);
    const replacing = {
      ...initialState(),
      pending: {
        kind: "ORDER" as const,
        drafts: [{ candidates: ["whiskey"], category: null, quantity: 1, modifiers: [], softModifiers: [] }],
        confirm: false,
        replaces: [{ menuItemId: "gin", quantity: 1, modifiers: ["neat"] }],
      },
    };
    expect(parseState(JSON.parse(JSON.stringify(serialiseState(replacing))))).toEqual(replacing);
  });

  it("round-trips a held question, the topic and an own order's mark; damaged ones read as none", () => {
    const whiskey = { candidates: ["whiskey"], category: null, quantity: 2, modifiers: [], softModifiers: [] };
    const state = {
      ...initialState(),
      turn: 6,
      pending: { kind: "ORDER" as const, drafts: [{ ...whiskey, candidates: ["ipa"], quantity: 1 }], confirm: true },
      held: { kind: "ORDER" as const, drafts: [whiskey], confirm: false, ordered: true as const },
      topic: { turn: 6, kind: "PRICE" as const },
    };
    expect(parseState(JSON.parse(JSON.stringify(serialiseState(state))))).toEqual(state);
    const damaged = parseState({ ...(serialiseState(state) as object), held: { kind: "ORDER", drafts: [] }, topic: { turn: 6, kind: "PAY" } });
    expect(damaged).toMatchObject({ turn: 6, held: null, topic: null, pending: state.pending });
    // Only a true mark counts: anything else reads as one of Maya's offers.
    const unmarked = parseState({ ...(serialiseState(state) as object), held: { ...state.held, ordered: "yes" } });
    expect(unmarked.held).toEqual({ kind: "ORDER", drafts: [whiskey], confirm: false });
  });

  it("round-trips the drinks on the tab; a damaged list reads as none, and a turn stores what the tab holds", async () => {
    const state = { ...initialState(), turn: 3, onTab: ["negroni", "ipa"] };
    expect(parseState(JSON.parse(JSON.stringify(serialiseState(state))))).toEqual(state);
    expect(parseState({ ...(serialiseState(state) as object), onTab: ["negroni", 7] }).onTab).toBeUndefined();
    const store = new MemoryStore();
    const service = new ConversationService(new FakeBackend(new FakeBar(), store));
    await service.say("on-tab", "two IPAs and a negroni");
    await service.say("on-tab", "take the IPAs off");
    expect(parseState(await store.loadState("on-tab")).onTab).toEqual(["negroni"]);
  });

  it("round-trips the tip a last edit replaced, each kind; a damaged one leaves nothing to undo", () => {
    for (const tipBefore of [{ percent: 15 }, { amountCents: 500 }, { none: true as const }]) {
      const state = { ...initialState(), turn: 4, lastEdit: { turn: 4, added: [], removed: [], lastOrderBefore: [], tipBefore } };
      expect(parseState(JSON.parse(JSON.stringify(serialiseState(state))))).toEqual(state);
    }
    const damaged = parseState({ ...(serialiseState(initialState()) as object), lastEdit: { turn: 2, added: [], removed: [], lastOrderBefore: [], tipBefore: { percent: -5 } } });
    expect(damaged.lastEdit).toBeNull();
  });

  it("reads a state stored by version 1 (no last edit) field by field", () => {
    const stored = {
      version: 1,
      turn: 5,
      pending: { kind: "ORDER", drafts: [{ candidates: ["ipa"], category: null, quantity: 2, modifiers: [], softModifiers: [] }], confirm: true },
      lastOrder: [{ menuItemId: "martini", quantity: 2, modifiers: ["dirty"] }],
      focusItemId: "martini",
    };
    expect(parseState(stored)).toEqual({ ...initialState(), turn: 5, pending: stored.pending, lastOrder: stored.lastOrder, focusItemId: "martini" });
  });

  it("drops a damaged last edit or a quantity question pointing past its drafts, keeping the rest", () => {
    const state = parseState({
      version: 2,
      turn: 2,
      lastEdit: { turn: 2, added: [{ menuItemId: "ipa", quantity: -1, modifiers: [] }], removed: [], lastOrderBefore: [] },
      pending: { kind: "QUANTITY", drafts: [{ candidates: ["ipa"], category: null, quantity: 1, modifiers: [], softModifiers: [] }], draftIndex: 3 },
      lastOrder: [{ menuItemId: "ipa", quantity: 1, modifiers: [] }],
    });
    expect(state).toEqual({ ...initialState(), turn: 2, lastOrder: [{ menuItemId: "ipa", quantity: 1, modifiers: [] }] });
  });

  it.each([[null], [42], ["state"], [[]], [{ version: 99, turn: 3 }]])("starts afresh from %j", (stored) => {
    expect(parseState(stored)).toEqual(initialState());
  });

  it("keeps the valid fields of a partly damaged state", () => {
    const state = parseState({ version: 1, turn: 4, pending: { kind: "ORDER", drafts: [{ candidates: [] }] }, lastOrder: [{ menuItemId: "ipa", quantity: 1, modifiers: ["bogus"] }] });
    expect(state).toEqual({ ...initialState(), turn: 4 });
  });
});

describe("ConversationService robustness", () => {
  const words = ["a", "two", "martini", "beer", "neat", "rocks", "pay", "tip", "15%", "$5", "cancel", "the", "make", "that",
    "three", "another", "what's", "my", "tab", "no", "yes", "first", "one", "whiskey", "double", "please", "and", "menu", "how", "much"];

  it("answers any utterance in words, never with a thrown domain error, and keeps money conserved", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }), async (script) => {
        const { say } = setUp();
        for (const utterance of script) {
          const result = await say(utterance.join(" "));
          expect(result.text.length).toBeGreaterThan(0);
          expect(result.speech).not.toMatch(/[$%&]/);
          // Nothing is ever paid here (no payment completes), so the open tab holds all that was spent.
          expect(result.session.balanceCents + result.session.tab.totalCents).toBe(STARTING_BALANCE_CENTS);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("understands arbitrary text without throwing", async () => {
    const { say } = setUp();
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 120, unit: "grapheme" }).filter((text) => text.trim().length > 0), async (text) => {
        await expect(say(text)).resolves.toMatchObject({ intent: expect.any(String) });
      }),
      { numRuns: 300 },
    );
  });
});
