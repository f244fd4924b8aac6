/**
 * The dialogue mechanisms of issue 9 turn by turn against the in-memory bar:
 * offers and their answers, undo and replace as one edit each (one BarPort
 * call, one version), references to the drink in focus, quantities refused
 * and asked again, and whether the balance covers a drink.
 */
import { describe, expect, it } from "vitest";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { FakeBackend, FakeBar, MemoryStore, STARTING_BALANCE_CENTS, tabLines } from "./fake-bar.js";

function setUp(balanceCents = STARTING_BALANCE_CENTS) {
  const bar = new FakeBar(balanceCents);
  const service = new ConversationService(new FakeBackend(bar, new MemoryStore()));
  const say = (text: string) => service.say("guest", text);
  return { bar, say };
}

/** How many BarPort calls the engine made to change lines (the fake's addItems calls editLines inside: counted once). */
function engineCalls(bar: FakeBar): () => number {
  let calls = 0;
  let depth = 0;
  for (const method of ["addItems", "setLineQuantities", "editLines"] as const) {
    const original = bar[method].bind(bar) as (...args: unknown[]) => Promise<unknown>;
    (bar as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      if (depth === 0) calls += 1;
      depth += 1;
      try {
        return await original(...args);
      } finally {
        depth -= 1;
      }
    };
  }
  return () => calls;
}

describe("offers: when unsure Maya asks, and only a yes pours", () => {
  it("a mention is offered; yes pours it, once", async () => {
    const { say } = setUp();
    const offer = await say("my sister swears by negronis");
    expect(offer.intent).toBe("MENTION");
    expect(offer.text).toMatch(/Negroni\?$/);
    expect(tabLines(offer.session)).toEqual([]);
    const yes = await say("yes please");
    expect(yes.intent).toBe("ORDER");
    expect(tabLines(yes.session)).toEqual(["1 negroni"]);
    // The offer was answered: a second yes is only a yes.
    const again = await say("yes");
    expect(tabLines(again.session)).toEqual(["1 negroni"]);
  });

  it("no declines the offer and pours nothing", async () => {
    const { say } = setUp();
    await say("that cosmo looks amazing");
    const no = await say("no thanks");
    expect(no.intent).toBe("CANCEL");
    expect(tabLines(no.session)).toEqual([]);
  });

  it("a drink spoken against is not offered", async () => {
    const { say } = setUp();
    const against = await say("negronis are way too bitter for me");
    expect(against.intent).toBe("MENTION");
    expect(against.text).not.toMatch(/pour you a Negroni/);
    const yes = await say("yes");
    expect(tabLines(yes.session)).toEqual([]);
  });

  it("a statement after an offer is not a yes", async () => {
    const { say } = setUp();
    await say("how much is a martini?");
    const statement = await say("I had two martinis last night");
    expect(statement.intent).toBe("MENTION");
    expect(tabLines(statement.session)).toEqual([]);
  });
});

describe("repairs across turns are one edit each", () => {
  it("'never mind' takes back exactly the last turn's order: one BarPort call, one version", async () => {
    const { bar, say } = setUp();
    await say("a martini");
    const ordered = await say("two negronis");
    const calls = engineCalls(bar);
    const undone = await say("never mind");
    expect(undone.intent).toBe("UNDO");
    expect(tabLines(undone.session)).toEqual(["1 martini"]);
    expect(calls()).toBe(1);
    expect(undone.session.tab.version).toBe(ordered.session.tab.version + 1);
    // Not a redo: a second "never mind" changes nothing more.
    const again = await say("never mind");
    expect(tabLines(again.session)).toEqual(["1 martini"]);
    expect(again.session.tab.version).toBe(undone.session.tab.version);
  });

  it("'never mind' after a question, not an order, changes nothing", async () => {
    const { say } = setUp();
    await say("a martini");
    const tab = await say("what's my tab?");
    const result = await say("never mind");
    expect(result.intent).toBe("CANCEL");
    expect(result.session.tab.version).toBe(tab.session.tab.version);
  });

  it("'make that a martini' replaces the last order in one edit, keeping its count", async () => {
    const { bar, say } = setUp();
    await say("an IPA");
    const before = await say("two manhattans");
    const calls = engineCalls(bar);
    const replaced = await say("actually make that martinis");
    expect(replaced.intent).toBe("REPLACE");
    expect(tabLines(replaced.session)).toEqual(["1 ipa", "2 martini"]);
    expect(calls()).toBe(1);
    expect(replaced.session.tab.version).toBe(before.session.tab.version + 1);
    expect(replaced.text).toMatch(/two Martinis instead of two Manhattans/);
    // "Another one" now pours what replaced it.
    expect(tabLines((await say("another one")).session)).toEqual(["1 ipa", "3 martini"]);
  });

  it("an undo of a replace restores what was replaced, in one edit", async () => {
    const { bar, say } = setUp();
    await say("a whiskey neat");
    await say("make that a brandy instead");
    const calls = engineCalls(bar);
    const undone = await say("scratch that");
    expect(undone.intent).toBe("UNDO");
    expect(tabLines(undone.session)).toEqual(["1 whiskey (neat)"]);
    expect(calls()).toBe(1);
  });

  it("a replacement the balance cannot cover changes nothing", async () => {
    // $12.00 is enough for a lemonade; the martini would need $11.00 more than the $10.00 left.
    const { say } = setUp(1200);
    const before = await say("a lemonade");
    const refused = await say("make that a martini");
    expect(refused.intent).toBe("REPLACE");
    expect(refused.text).toMatch(/haven't added anything/);
    expect(tabLines(refused.session)).toEqual(["1 lemonade"]);
    expect(refused.session.tab.version).toBe(before.session.tab.version);
  });

  it("'make it a double' is one edit", async () => {
    const { bar, say } = setUp();
    await say("a whiskey neat");
    const calls = engineCalls(bar);
    const result = await say("make it a double");
    expect(result.intent).toBe("MODIFY");
    expect(tabLines(result.session)).toEqual(["1 whiskey (double, neat)"]);
    expect(calls()).toBe(1);
  });

  it("undoing a removal would charge again, so Maya asks before putting it back", async () => {
    const { say } = setUp();
    await say("an IPA");
    const removed = await say("cancel the IPA");
    const asked = await say("never mind");
    expect(asked.intent).toBe("UNDO");
    expect(asked.text).toMatch(/put the IPA back/);
    expect(asked.session.tab.version).toBe(removed.session.tab.version);
    expect(tabLines((await say("yes")).session)).toEqual(["1 ipa"]);
  });

  it("'just one' changes the last order's count", async () => {
    const { say } = setUp();
    await say("three negronis");
    const result = await say("just one");
    expect(result.intent).toBe("CHANGE_QUANTITY");
    expect(tabLines(result.session)).toEqual(["1 negroni"]);
  });
});

describe("repairs within an utterance: the last version wins", () => {
  it.each([
    ["one negroni, no wait, two negronis", ["2 negroni"]],
    ["Can I get a daiquiri? Actually make it two.", ["2 daiquiri"]],
    ["a martini i mean a manhattan", ["1 manhattan"]],
    ["a negroni and a martini, no wait, scratch the martini", ["1 negroni"]],
  ])("%s", async (said, tab) => {
    const { bar, say } = setUp();
    const calls = engineCalls(bar);
    const before = await bar.snapshot("guest");
    const result = await say(said);
    expect(result.intent).toBe("ORDER");
    expect(tabLines(result.session)).toEqual(tab);
    expect(calls()).toBe(1);
    expect(result.session.tab.version).toBe(before.tab.version + 1);
  });

  it("an order taken back within the utterance pours nothing", async () => {
    const { bar, say } = setUp();
    const before = await bar.snapshot("guest");
    const result = await say("a negroni, actually never mind");
    expect(result.intent).toBe("CANCEL");
    expect(result.session.tab.version).toBe(before.tab.version);
  });
});

describe("references resolve to the drink in focus", () => {
  it("after a recommendation, 'I'll have that' pours the first pick", async () => {
    const { say } = setUp();
    const recommended = await say("something hoppy");
    expect(recommended.text).toMatch(/IPA/);
    expect(tabLines((await say("sure, I'll have that")).session)).toEqual(["1 ipa"]);
  });

  it("after a price question and another turn, 'I'll take two' pours the drink priced", async () => {
    const { say } = setUp();
    await say("how much is an old fashioned?");
    await say("what's my balance?");
    const result = await say("okay, I'll take two");
    expect(result.intent).toBe("ORDER");
    expect(tabLines(result.session)).toEqual(["2 old-fashioned"]);
  });

  it("'what's in it?' and 'is it strong?' are about the drink in focus", async () => {
    const { say } = setUp();
    await say("a cosmo");
    const contents = await say("what's in it?");
    expect(contents.intent).toBe("MENU");
    expect(contents.text).toMatch(/Cosmopolitan/);
    const strength = await say("is it strong?");
    expect(strength.intent).toBe("MENU");
    expect(strength.text).toMatch(/Cosmopolitan/);
  });

  it("'I'll have that' with nothing in focus asks which drink", async () => {
    const { say } = setUp();
    const result = await say("I'll have that");
    expect(result.intent).toBe("ORDER");
    expect(result.text).toMatch(/which drink/i);
    expect(tabLines(result.session)).toEqual([]);
  });
});

describe("quantities: refused naming the limit, never clamped, then asked again", () => {
  it.each([
    ["a billion IPAs", /up to 50/],
    ["-5 martinis", /negative/],
    ["half a martini", /whole drinks/],
    ["zero negronis", /none at all/],
  ])("%s is refused in words and nothing is poured", async (said, words) => {
    const { bar, say } = setUp();
    const before = await bar.snapshot("guest");
    const result = await say(said);
    expect(result.intent).toBe("ORDER");
    expect(result.text).toMatch(words);
    expect(result.text).toMatch(/50/);
    expect(result.session.tab.version).toBe(before.tab.version);
  });

  it("the next count answers how many", async () => {
    const { say } = setUp();
    await say("a hundred negronis");
    const result = await say("three then");
    expect(tabLines(result.session)).toEqual(["3 negroni"]);
  });

  it("a negative tip is refused, never read as a positive one", async () => {
    const { say } = setUp();
    await say("a martini");
    const result = await say("add a -5% tip");
    expect(result.intent).toBe("SET_TIP");
    expect(result.text).toMatch(/can't be negative/);
    expect(result.session.tab).toMatchObject({ tipCents: 0, tipPercent: null });
  });
});

describe("whether the balance covers a drink", () => {
  it("is answered with the price and the balance, and offers the drink", async () => {
    const { say } = setUp();
    const result = await say("do I have enough for a martini?");
    expect(result.intent).toBe("SHOW_BALANCE");
    expect(result.text).toContain("$13.00");
    expect(result.text).toContain("$1,000.00");
    expect(result.text).toMatch(/covered/);
    expect(tabLines((await say("great, I'll have it")).session)).toEqual(["1 martini"]);
  });

  it("says when it does not, counting a percent tip on the new drinks", async () => {
    const { say } = setUp(2500);
    await say("a martini");
    await say("add a 20% tip");
    // $10.40 left; two negronis are $22.00 and raise the tip by $4.40.
    const result = await say("can I afford two negronis?");
    expect(result.text).toContain("$26.40");
    expect(result.text).toContain("$9.40");
    expect(result.text).toMatch(/out of reach/);
    expect(tabLines(result.session)).toEqual(["1 martini"]);
  });
});
