/**
 * A whole conversation through the GraphQL API on real PostgreSQL: order,
 * clarify, repeat, remove, change quantity, tip, pay, ask about the payment,
 * pay with a test card, ask again. After every turn: the intent, the tab
 * (lines, quantities, totals in cents), the balance, the stored transcript
 * (exactly the words, CUSTOMER/MAYA pairs in order), the tabChanged events a
 * real graphql-ws subscriber received, and conservation of money.
 */
import { describe, expect, it } from "vitest";
import { CARD_OK, SIMULATE, type PaymentShape } from "../support/operations.js";
import {
  MayaClient,
  TabEventRecorder,
  expectConservation,
  expectTabAddsUp,
  expectTranscript,
  lines,
  say,
  usePostgresMaya,
  type Exchange,
  type Reply,
  type TabEvent,
} from "./harness.js";

const STARTING = 100_000;

const postgresMaya = usePostgresMaya();

describe("a scripted conversation over GraphQL on PostgreSQL", () => {
  it("orders, clarifies, repeats, removes, changes, tips, pays and reports, with the tab, transcript and events right after every turn", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { app, database } = maya;
    const guest = await MayaClient.startSession(app.url, "Ann");
    const recorder = await new TabEventRecorder(guest, app).start();
    const exchanges: Exchange[] = [];
    const expectedEvents: { reason: string; version: number }[] = [];
    const sessionId = (await guest.data<{ me: { id: string } }>(`{ me { id } }`)).me.id;

    /** One turn and the checks every turn must pass; returns the reply for turn-specific checks. */
    async function turn(
      said: string,
      expected: { intent: string; lines: string[]; totalCents: number; balanceCents: number; status?: string; event?: string },
    ): Promise<Reply> {
      const reply = await say(guest, said);
      exchanges.push({ said, reply: reply.text });
      expect(reply.intent, `intent of "${said}"`).toBe(expected.intent);
      expect(lines(reply.session.tab), `tab after "${said}"`).toEqual(expected.lines);
      expect(reply.session.tab.totalCents).toBe(expected.totalCents);
      expect(reply.session.tab.status).toBe(expected.status ?? "OPEN");
      expect(reply.session.balanceCents).toBe(expected.balanceCents);
      expect(reply.session.id).toBe(sessionId);
      expectTabAddsUp(reply.session.tab);
      // The reply's words and the words prepared for speech are both there; speech has no "$".
      expect(reply.text.length).toBeGreaterThan(0);
      expect(reply.speech).not.toMatch(/\$/);
      expect(reply.audioUrl).toBeNull();
      // Stored in order, exactly the words.
      await expectTranscript(guest, exchanges);
      // One event per change, in version order, with the tab the reply returned.
      if (expected.event) expectedEvents.push({ reason: expected.event, version: reply.session.tab.version });
      const events = await recorder.expectCount(expectedEvents.length);
      expect(events.map(({ reason, tab }) => ({ reason, version: tab.version }))).toEqual(expectedEvents);
      if (expected.event) {
        const last = events[events.length - 1] as TabEvent;
        expect(last.balanceCents).toBe(reply.session.balanceCents);
        expect(last.tab).toEqual(reply.session.tab);
      }
      await expectConservation(database.url, sessionId);
      return reply;
    }

    const order = await turn("two martinis and an IPA", {
      intent: "ORDER",
      lines: ["1 ipa", "2 martini"],
      totalCents: 3200,
      balanceCents: STARTING - 3200,
      event: "ITEM_ADDED",
    });
    expect(order.text).toMatch(/two Martinis and an IPA/i);
    expect(order.text).toContain("$32.00");
    expect(order.session.tab.version).toBe(2);

    const question = await turn("a whiskey", { intent: "ORDER", lines: ["1 ipa", "2 martini"], totalCents: 3200, balanceCents: 96_800 });
    expect(question.text).toMatch(/neat or on the rocks.*\?$/i);

    const rocks = await turn("rocks", {
      intent: "ORDER",
      lines: ["1 ipa", "1 whiskey (on the rocks)", "2 martini"],
      totalCents: 4000,
      balanceCents: 96_000,
      event: "ITEM_ADDED",
    });
    expect(rocks.text).toMatch(/Whiskey on the rocks/);
    expect(rocks.text).toContain("$40.00");

    const again = await turn("another one", {
      intent: "REPEAT_ORDER",
      lines: ["1 ipa", "2 martini", "2 whiskey (on the rocks)"],
      totalCents: 4800,
      balanceCents: 95_200,
      event: "ITEM_ADDED",
    });
    expect(again.text).toMatch(/Whiskey on the rocks/);
    expect(again.text).toContain("$48.00");

    const removed = await turn("cancel the IPA", {
      intent: "REMOVE",
      lines: ["2 martini", "2 whiskey (on the rocks)"],
      totalCents: 4200,
      balanceCents: 95_800,
      event: "ITEM_REMOVED",
    });
    expect(removed.text).toMatch(/IPA off your tab/);
    expect(removed.text).toContain("$42.00");

    // "Another one" was the last order; "make that four" leaves four Whiskeys in all, not four more.
    const changed = await turn("make that four", {
      intent: "CHANGE_QUANTITY",
      lines: ["2 martini", "4 whiskey (on the rocks)"],
      totalCents: 5800,
      balanceCents: 94_200,
      event: "ITEM_ADDED",
    });
    expect(changed.text).toMatch(/four Whiskeys now/);
    expect(changed.text).toContain("$58.00");

    const tipped = await turn("add a 15% tip", {
      intent: "SET_TIP",
      lines: ["2 martini", "4 whiskey (on the rocks)"],
      totalCents: 6670,
      balanceCents: 93_330,
      event: "TIP_CHANGED",
    });
    expect(tipped.session.tab).toMatchObject({ subtotalCents: 5800, tipPercent: 15, tipCents: 870 });
    expect(tipped.text).toContain("$8.70");
    expect(tipped.text).toContain("$66.70");
    expect(tipped.speech).toContain("15 percent");
    expect(tipped.speech).toContain("8 dollars and 70 cents");
    // Maya's reply speaks for a tip set by voice; the event carries no second message.
    expect(recorder.events.at(-1)?.message).toBeNull();

    const bill = await turn("what's my bill?", {
      intent: "SHOW_TAB",
      lines: ["2 martini", "4 whiskey (on the rocks)"],
      totalCents: 6670,
      balanceCents: 93_330,
    });
    expect(bill.text).toContain("$66.70");

    const pay = await turn("I'll pay my bill", {
      intent: "PAY",
      lines: ["2 martini", "4 whiskey (on the rocks)"],
      totalCents: 6670,
      balanceCents: 93_330,
      status: "PAYMENT_PENDING",
      event: "PAYMENT_PENDING",
    });
    expect(pay.payment).toMatchObject({ status: "PENDING", amountCents: 6670, tipCents: 870 });
    const payment = pay.payment!;
    expect(payment.checkoutUrl).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+\/checkout\/[0-9a-f-]{36}$/);
    expect(pay.text).toContain(payment.checkoutUrl);
    expect(pay.text).toContain("$66.70");
    expect(pay.speech).not.toContain("http");
    expect(recorder.events.at(-1)?.payment).toEqual({ id: payment.id, status: "PENDING" });

    // Locked while paying: said in words, nothing changes, no event.
    for (const said of ["add a beer", "an IPA please"]) {
      const locked = await turn(said, {
        intent: "ORDER",
        lines: ["2 martini", "4 whiskey (on the rocks)"],
        totalCents: 6670,
        balanceCents: 93_330,
        status: "PAYMENT_PENDING",
      });
      expect(locked.text).toMatch(/payment/i);
      expect(locked.text).toMatch(/can't change the tab|locked/);
    }

    const status = await turn("did it go through?", {
      intent: "PAYMENT_STATUS",
      lines: ["2 martini", "4 whiskey (on the rocks)"],
      totalCents: 6670,
      balanceCents: 93_330,
      status: "PAYMENT_PENDING",
    });
    expect(status.payment).toMatchObject({ id: payment.id, status: "PENDING" });
    expect(status.text).toMatch(/Not yet/);
    expect(status.text).toContain("$66.70");

    const paid = await guest.data<{ simulatePayment: PaymentShape }>(SIMULATE, { id: payment.id, card: CARD_OK });
    expect(paid.simulatePayment).toMatchObject({ id: payment.id, status: "SUCCEEDED" });
    expectedEvents.push({ reason: "PAID", version: pay.session.tab.version + 1 });
    const afterPaid = await recorder.expectCount(expectedEvents.length);
    const paidEvent = afterPaid.at(-1)!;
    expect(paidEvent).toMatchObject({ reason: "PAID", balanceCents: 93_330, payment: { id: payment.id, status: "SUCCEEDED" } });
    expect(paidEvent.tab).toMatchObject({ status: "OPEN", items: [], totalCents: 0 });
    expect(paidEvent.tab.id).not.toBe(pay.session.tab.id);
    // Maya's word on the payment is kept in the transcript, once, between the turns.
    expect(paidEvent.message).toContain("$66.70");
    exchanges.push({ announced: paidEvent.message! });
    await expectTranscript(guest, exchanges);

    const done = await turn("did my payment go through?", {
      intent: "PAYMENT_STATUS",
      lines: [],
      totalCents: 0,
      balanceCents: 93_330,
    });
    expect(done.payment).toMatchObject({ id: payment.id, status: "SUCCEEDED", amountCents: 6670 });
    expect(done.text).toContain("$66.70");
    expect(done.text).toMatch(/went through|paid/);
    expect(done.session.tab.version).toBe(paidEvent.tab.version);

    // The transcript holds every turn (thirteen) and the payment announcement; `last` counts messages.
    expect(exchanges).toHaveLength(14);
    const lastTwo = await guest.data<{ me: { transcript: { speaker: string; text: string }[] } }>(
      `{ me { transcript(last: 2) { speaker text } } }`,
    );
    expect(lastTwo.me.transcript).toEqual([
      { speaker: "CUSTOMER", text: "did my payment go through?" },
      { speaker: "MAYA", text: done.text },
    ]);
    await recorder.stop();
  });

  it("ten concurrent 'a martini' on one session pour exactly ten, one turn at a time", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { app, database } = maya;
    const guest = await MayaClient.startSession(app.url);
    const recorder = await new TabEventRecorder(guest, app).start();
    const sessionId = (await guest.data<{ me: { id: string } }>(`{ me { id } }`)).me.id;

    const replies = await Promise.all(Array.from({ length: 10 }, () => say(guest, "a martini")));

    for (const reply of replies) expect(reply.intent).toBe("ORDER");
    // Serialised turns: each saw the one before it, so the ten replies name ten different totals.
    const totals = replies.map((reply) => reply.session.tab.totalCents).sort((a, b) => a - b);
    expect(totals).toEqual(Array.from({ length: 10 }, (_, index) => (index + 1) * 1300));
    for (const reply of replies) expect(reply.text).toContain(`$${(reply.session.tab.totalCents / 100).toFixed(2)}`);

    const me = await guest.data<{ me: { balanceCents: number; tab: { totalCents: number; version: number; items: { quantity: number }[] } } }>(
      `{ me { balanceCents tab { totalCents version items { quantity } } } }`,
    );
    expect(me.me.tab.items).toEqual([{ quantity: 10 }]);
    expect(me.me.tab.totalCents).toBe(13_000);
    expect(me.me.balanceCents).toBe(STARTING - 13_000);
    expect(me.me.tab.version).toBe(11);
    await expectConservation(database.url, sessionId);

    // Ten events, versions 2..11, each one martini more.
    const events = await recorder.expectCount(10);
    expect(events.map((event) => event.tab.version)).toEqual(Array.from({ length: 10 }, (_, index) => index + 2));
    expect(events.map((event) => event.tab.items[0]?.quantity)).toEqual(Array.from({ length: 10 }, (_, index) => index + 1));
    expect(events.every((event) => event.reason === "ITEM_ADDED")).toBe(true);

    // The transcript is ten whole exchanges, never interleaved: each reply follows its own utterance.
    const messages = (await guest.data<{ me: { transcript: { speaker: string; text: string }[] } }>(`{ me { transcript(last: 100) { speaker text } } }`))
      .me.transcript;
    expect(messages).toHaveLength(20);
    const stored = [];
    for (let index = 0; index < messages.length; index += 2) {
      expect(messages[index]).toEqual({ speaker: "CUSTOMER", text: "a martini" });
      expect(messages[index + 1]?.speaker).toBe("MAYA");
      stored.push(messages[index + 1]!.text);
    }
    // In the order the turns ran: the totals they name go up by one martini each.
    expect(stored.map((text) => Number(/\$(\d+\.\d\d)/.exec(text)?.[1]))).toEqual(totals.map((cents) => cents / 100));
    expect([...stored].sort()).toEqual(replies.map((reply) => reply.text).sort());
    await recorder.stop();
  });
});
