/**
 * Issue 9 over the GraphQL API on real PostgreSQL, with a real graphql-ws
 * subscriber: a drink only mentioned is offered and poured on "yes" (and not
 * on "no"); "never mind" takes back the last order and "make that a martini"
 * replaces it, each as ONE tab version and ONE tabChanged event; "that" and
 * "two" after a recommendation or a price question pour the drink in focus;
 * a NUL in the text is dropped before anything happens. After every turn:
 * the intent, the tab's lines and totals in cents, the balance, the events
 * and conservation of money straight from the database.
 */
import { describe, expect, it } from "vitest";
import {
  MayaClient,
  SAY,
  TabEventRecorder,
  expectConservation,
  expectTabAddsUp,
  lines,
  say,
  usePostgresMaya,
  transcript,
  type ConversationApp,
  type Reply,
} from "./harness.js";

const STARTING = 100_000;

const postgresMaya = usePostgresMaya();

interface Expected {
  intent: string;
  lines: string[];
  totalCents: number;
  /** The tabChanged event this turn must cause, if any: exactly one, with this reason. */
  event?: "ITEM_ADDED" | "ITEM_REMOVED" | "TIP_CHANGED";
}

/** A guest with a live subscription, and a turn helper that checks what every turn must hold. */
async function guestOn(app: ConversationApp) {
  const guest = await MayaClient.startSession(app.app.url);
  const recorder = await new TabEventRecorder(guest, app.app).start();
  const sessionId = (await guest.data<{ me: { id: string } }>(`{ me { id } }`)).me.id;
  let events = 0;
  let version = (await guest.data<{ me: { tab: { version: number } } }>(`{ me { tab { version } } }`)).me.tab.version;
  async function turn(said: string, expected: Expected): Promise<Reply> {
    const reply = await say(guest, said);
    expect(reply.intent, `intent of "${said}"`).toBe(expected.intent);
    expect(lines(reply.session.tab), `tab after "${said}"`).toEqual(expected.lines);
    expect(reply.session.tab.totalCents, `total after "${said}"`).toBe(expected.totalCents);
    expect(reply.session.balanceCents).toBe(STARTING - expected.totalCents);
    expectTabAddsUp(reply.session.tab);
    // One version and one event for a change; none for words only.
    if (expected.event) events += 1;
    expect(reply.session.tab.version, `version after "${said}"`).toBe(version + (expected.event ? 1 : 0));
    version = reply.session.tab.version;
    const received = await recorder.expectCount(events);
    if (expected.event) {
      const last = received[received.length - 1]!;
      expect(last.reason).toBe(expected.event);
      expect(last.tab).toEqual(reply.session.tab);
      expect(last.balanceCents).toBe(reply.session.balanceCents);
    }
    await expectConservation(app.database.url, sessionId);
    return reply;
  }
  return { guest, recorder, turn };
}

describe("issue 9 over GraphQL on PostgreSQL", () => {
  it("a mention is offered: yes pours it once, no pours nothing", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { recorder, turn } = await guestOn(maya);
    const offer = await turn("my sister swears by negronis", { intent: "MENTION", lines: [], totalCents: 0 });
    expect(offer.text).toMatch(/Negroni\?$/);
    await turn("yes please", { intent: "ORDER", lines: ["1 negroni"], totalCents: 1100, event: "ITEM_ADDED" });
    const second = await turn("that cosmo looks amazing", { intent: "MENTION", lines: ["1 negroni"], totalCents: 1100 });
    expect(second.text).toMatch(/Cosmopolitan\?$/);
    await turn("no thanks", { intent: "CANCEL", lines: ["1 negroni"], totalCents: 1100 });
    await turn("I drank too many IPAs last night", { intent: "MENTION", lines: ["1 negroni"], totalCents: 1100 });
    await turn("I'm not having the manhattan", { intent: "CANCEL", lines: ["1 negroni"], totalCents: 1100 });
    await recorder.stop();
  });

  it("'never mind' takes back the last order as one version and one event", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { recorder, turn } = await guestOn(maya);
    await turn("a martini", { intent: "ORDER", lines: ["1 martini"], totalCents: 1300, event: "ITEM_ADDED" });
    await turn("two negronis and an IPA", { intent: "ORDER", lines: ["1 ipa", "1 martini", "2 negroni"], totalCents: 4100, event: "ITEM_ADDED" });
    const undone = await turn("never mind", { intent: "UNDO", lines: ["1 martini"], totalCents: 1300, event: "ITEM_REMOVED" });
    expect(undone.text).toContain("$13.00");
    // Nothing left to take back: a second "never mind" changes nothing.
    await turn("never mind", { intent: "CANCEL", lines: ["1 martini"], totalCents: 1300 });
    await recorder.stop();
  });

  it("'never mind' after a tip puts the tip back as it was, as one version and one event", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { recorder, turn } = await guestOn(maya);
    await turn("two martinis", { intent: "ORDER", lines: ["2 martini"], totalCents: 2600, event: "ITEM_ADDED" });
    await turn("add a 15% tip", { intent: "SET_TIP", lines: ["2 martini"], totalCents: 2990, event: "TIP_CHANGED" });
    await turn("make the tip 20 percent", { intent: "SET_TIP", lines: ["2 martini"], totalCents: 3120, event: "TIP_CHANGED" });
    const undone = await turn("never mind", { intent: "UNDO", lines: ["2 martini"], totalCents: 2990, event: "TIP_CHANGED" });
    expect(undone.text).toMatch(/back to a 15% tip/);
    expect(undone.session.tab.tipPercent).toBe(15);
    // Once only: the undo itself is not undone.
    await turn("never mind", { intent: "CANCEL", lines: ["2 martini"], totalCents: 2990 });
    await recorder.stop();
  });

  it("'two martinis and a 15% tip' pours and tips as one version and one event; 'never mind' takes back both", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { recorder, turn } = await guestOn(maya);
    const both = await turn("two martinis and a 15% tip", { intent: "ORDER", lines: ["2 martini"], totalCents: 2990, event: "ITEM_ADDED" });
    expect(both.session.tab.tipPercent).toBe(15);
    const undone = await turn("never mind", { intent: "UNDO", lines: [], totalCents: 0, event: "ITEM_REMOVED" });
    expect(undone.session.tab.tipPercent).toBeNull();
    // A tip for drinks already on the tab pours nothing.
    await turn("a martini", { intent: "ORDER", lines: ["1 martini"], totalCents: 1300, event: "ITEM_ADDED" });
    await turn("a 20% tip for the martini and the IPA", { intent: "SET_TIP", lines: ["1 martini"], totalCents: 1560, event: "TIP_CHANGED" });
    await recorder.stop();
  });

  it("'make that a martini' replaces the last order as one version and one event", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { recorder, turn } = await guestOn(maya);
    await turn("an IPA", { intent: "ORDER", lines: ["1 ipa"], totalCents: 600, event: "ITEM_ADDED" });
    await turn("two manhattans", { intent: "ORDER", lines: ["1 ipa", "2 manhattan"], totalCents: 3000, event: "ITEM_ADDED" });
    const replaced = await turn("actually make that martinis", { intent: "REPLACE", lines: ["1 ipa", "2 martini"], totalCents: 3200, event: "ITEM_ADDED" });
    expect(replaced.text).toMatch(/two Martinis instead of two Manhattans/);
    // The replacement can itself be taken back, again as one edit.
    await turn("scratch that", { intent: "UNDO", lines: ["1 ipa", "2 manhattan"], totalCents: 3000, event: "ITEM_ADDED" });
    await recorder.stop();
  });

  it("'take off the IPA and add a negroni' is one replacement: one version and one event", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { recorder, turn } = await guestOn(maya);
    await turn("two IPAs and a martini", { intent: "ORDER", lines: ["1 martini", "2 ipa"], totalCents: 2500, event: "ITEM_ADDED" });
    const swapped = await turn("take off the IPAs and add a negroni", { intent: "REPLACE", lines: ["1 martini", "1 negroni"], totalCents: 2400, event: "ITEM_ADDED" });
    expect(swapped.text).toMatch(/a Negroni instead of two IPAs/);
    // Half of it impossible: none of it is done, and the guest is told.
    const refused = await turn("add a whiskey neat and remove the manhattan", { intent: "REPLACE", lines: ["1 martini", "1 negroni"], totalCents: 2400 });
    expect(refused.text).toMatch(/no Manhattan on your tab\. I've changed nothing/);
    await recorder.stop();
  });

  it("'that' after a recommendation and 'two' after a price question pour the drink in focus", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { recorder, turn } = await guestOn(maya);
    const recommended = await turn("something hoppy", { intent: "RECOMMEND", lines: [], totalCents: 0 });
    expect(recommended.text).toMatch(/IPA/);
    await turn("sure, I'll have that", { intent: "ORDER", lines: ["1 ipa"], totalCents: 600, event: "ITEM_ADDED" });
    const priced = await turn("how much is an old fashioned?", { intent: "PRICE", lines: ["1 ipa"], totalCents: 600 });
    expect(priced.text).toContain("$12.00");
    await turn("what's my balance?", { intent: "SHOW_BALANCE", lines: ["1 ipa"], totalCents: 600 });
    await turn("okay, I'll take two", { intent: "ORDER", lines: ["1 ipa", "2 old-fashioned"], totalCents: 3000, event: "ITEM_ADDED" });
    const contents = await turn("what's in it?", { intent: "MENU", lines: ["1 ipa", "2 old-fashioned"], totalCents: 3000 });
    expect(contents.text).toMatch(/Old Fashioned/);
    await recorder.stop();
  });

  it("issue 18: edits of drinks already on the tab are one version and one event each, and add no drink", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { recorder, turn } = await guestOn(maya);
    await turn("three negronis", { intent: "ORDER", lines: ["3 negroni"], totalCents: 3300, event: "ITEM_ADDED" });
    // One unit made another way: the line splits, nothing is added to the bill.
    const split = await turn("can one of those come on the rocks?", { intent: "MODIFY", lines: ["1 negroni (on the rocks)", "2 negroni"], totalCents: 3300, event: "ITEM_ADDED" });
    expect(split.text).toMatch(/one of those is a Negroni on the rocks/);
    // One unit changed to another drink.
    await turn("change one of those to a daiquiri", { intent: "REPLACE", lines: ["1 daiquiri", "1 negroni", "1 negroni (on the rocks)"], totalCents: 3200, event: "ITEM_ADDED" });
    // Serving words alone for the drink just poured.
    await turn("shaken", { intent: "MODIFY", lines: ["1 daiquiri (shaken)", "1 negroni", "1 negroni (on the rocks)"], totalCents: 3200, event: "ITEM_ADDED" });
    // Refused in words: a Daiquiri is never dirty; no version, no event.
    await turn("dirty", { intent: "MODIFY", lines: ["1 daiquiri (shaken)", "1 negroni", "1 negroni (on the rocks)"], totalCents: 3200 });
    await turn("take one off", { intent: "REMOVE", lines: ["1 negroni", "1 negroni (on the rocks)"], totalCents: 2200, event: "ITEM_REMOVED" });
    await recorder.stop();
  });

  it("issue 18: a serving question outlives a balance question; a priced round is poured whole as one event", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { recorder, turn } = await guestOn(maya);
    await turn("a tequila please", { intent: "ORDER", lines: [], totalCents: 0 });
    const balance = await turn("what's my balance looking like?", { intent: "SHOW_BALANCE", lines: [], totalCents: 0 });
    expect(balance.text).toMatch(/neat or on the rocks/i);
    await turn("neat", { intent: "ORDER", lines: ["1 tequila (neat)"], totalCents: 800, event: "ITEM_ADDED" });
    const priced = await turn("how much for two IPAs and a soda?", { intent: "PRICE", lines: ["1 tequila (neat)"], totalCents: 800 });
    expect(priced.text).toContain("$15.00");
    await turn("yeah let's do that", { intent: "ORDER", lines: ["1 soda", "1 tequila (neat)", "2 ipa"], totalCents: 2300, event: "ITEM_ADDED" });
    await recorder.stop();
  });

  it("a NUL in the text is dropped: two IPAs poured exactly once, the transcript clean, no server error", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { guest, recorder } = await guestOn(maya);
    const result = await guest.request(SAY, { text: "two ipas please\u0000" });
    expect(result.errors).toBeUndefined();
    const reply = (result.data as { say: Reply }).say;
    expect(reply.intent).toBe("ORDER");
    expect(lines(reply.session.tab)).toEqual(["2 ipa"]);
    const events = await recorder.expectCount(1);
    expect(events[0]).toMatchObject({ reason: "ITEM_ADDED" });
    expect(await transcript(guest)).toEqual([
      { speaker: "CUSTOMER", text: "two ipas please" },
      { speaker: "MAYA", text: reply.text },
    ]);
    // Only control characters: refused as bad input, nothing stored or changed.
    const refused = await guest.request(SAY, { text: "\u0000\u0001\u0002" });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await transcript(guest)).toHaveLength(2);
    await recorder.expectCount(1);
    const me = await guest.data<{ me: { balanceCents: number; tab: { totalCents: number; version: number } } }>(`{ me { balanceCents tab { totalCents version } } }`);
    expect(me.me).toEqual({ balanceCents: STARTING - 1200, tab: { totalCents: 1200, version: reply.session.tab.version } });
    await recorder.stop();
  });
});
