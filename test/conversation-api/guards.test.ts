/**
 * What `say` refuses and how, through the GraphQL API on PostgreSQL with a
 * small starting balance ($20.00): an order the balance cannot cover, a tab
 * locked by a pending payment, the paying phrasings (and one that is not),
 * bad input, speech that spells money, and a say without a token. Refusals in
 * words change nothing: no tab change, no event, the balance as it was.
 */
import { describe, expect, it } from "vitest";
import {
  MayaClient,
  SAY,
  TabEventRecorder,
  expectConservation,
  expectTranscript,
  lines,
  say,
  usePostgresMaya,
  transcript,
} from "./harness.js";

const STARTING = 2000;

const postgresMaya = usePostgresMaya({ MAYA_STARTING_BALANCE_CENTS: String(STARTING) });

const sessionIdOf = async (guest: MayaClient) => (await guest.data<{ me: { id: string } }>(`{ me { id } }`)).me.id;

describe("say refuses in words and changes nothing", () => {
  it("an order the balance cannot cover: refused kindly, naming the $20.00 balance", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const guest = await MayaClient.startSession(maya.app.url);
    const recorder = await new TabEventRecorder(guest, maya.app).start();

    const refused = await say(guest, "two martinis");
    expect(refused.intent).toBe("ORDER");
    expect(refused.text).toContain("$20.00");
    expect(refused.text).toContain("$26.00");
    expect(refused.text).toMatch(/haven't added anything/);
    expect(refused.speech).toContain("20 dollars");
    expect(refused.session.balanceCents).toBe(STARTING);
    expect(refused.session.tab).toMatchObject({ items: [], totalCents: 0, version: 1, status: "OPEN" });

    // What fits still works, and the balance question names what is left.
    const one = await say(guest, "one martini");
    expect(lines(one.session.tab)).toEqual(["1 martini"]);
    expect(one.session.balanceCents).toBe(700);
    const second = await say(guest, "another martini");
    expect(second.text).toContain("$7.00");
    expect(lines(second.session.tab)).toEqual(["1 martini"]);
    expect(second.session.balanceCents).toBe(700);
    const balance = await say(guest, "what's my balance?");
    expect(balance.intent).toBe("SHOW_BALANCE");
    expect(balance.text).toContain("$7.00");

    // Only the one martini made an event.
    const events = await recorder.expectCount(1);
    expect(events[0]).toMatchObject({ reason: "ITEM_ADDED", balanceCents: 700 });
    await expectTranscript(guest, [
      { said: "two martinis", reply: refused.text },
      { said: "one martini", reply: one.text },
      { said: "another martini", reply: second.text },
      { said: "what's my balance?", reply: balance.text },
    ]);
    await expectConservation(maya.database.url, await sessionIdOf(guest));
    await recorder.stop();
  });

  it("a tab locked while paying: every change is refused in words, nothing changes, no event", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const guest = await MayaClient.startSession(maya.app.url);
    const recorder = await new TabEventRecorder(guest, maya.app).start();
    await say(guest, "an IPA");
    const pay = await say(guest, "check please");
    expect(pay.intent).toBe("PAY");
    expect(pay.payment).toMatchObject({ status: "PENDING", amountCents: 600 });

    for (const said of ["add a beer", "a tap beer", "cancel the IPA", "make that two", "add a 20% tip", "same again"]) {
      const locked = await say(guest, said);
      expect(locked.text, `"${said}" while paying`).toMatch(/payment/i);
      expect(locked.session.tab).toMatchObject({ status: "PAYMENT_PENDING", totalCents: 600, version: pay.session.tab.version });
      expect(lines(locked.session.tab)).toEqual(["1 ipa"]);
      expect(locked.session.balanceCents).toBe(1400);
    }
    // Asking to pay again gives the same pending attempt, not a second one.
    const again = await say(guest, "I'll pay now");
    expect(again.intent).toBe("PAY");
    expect(again.payment?.id).toBe(pay.payment?.id);

    // The order and the checkout, and nothing after them.
    const events = await recorder.expectCount(2, 300);
    expect(events.map((event) => event.reason)).toEqual(["ITEM_ADDED", "PAYMENT_PENDING"]);
    await expectConservation(maya.database.url, await sessionIdOf(guest));
    await recorder.stop();
  });
});

describe("what say understands as paying, and what it does not", () => {
  it.for(["I'll pay now", "check please", "settle up", "I'll pay my bill", "close my tab"])("%j starts paying", async (said, context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const guest = await MayaClient.startSession(maya.app.url);
    await say(guest, "a soda");
    const reply = await say(guest, said);
    expect(reply.intent).toBe("PAY");
    expect(reply.payment).toMatchObject({ status: "PENDING", amountCents: 300 });
    expect(reply.payment?.checkoutUrl).toMatch(/\/checkout\//);
    expect(reply.session.tab.status).toBe("PAYMENT_PENDING");
  });

  it("'what's my bill?' reads the tab and does not start paying", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const guest = await MayaClient.startSession(maya.app.url);
    await say(guest, "a soda");
    const reply = await say(guest, "what's my bill?");
    expect(reply.intent).toBe("SHOW_TAB");
    expect(reply.payment).toBeNull();
    expect(reply.text).toContain("$3.00");
    expect(reply.session.tab.status).toBe("OPEN");
  });

  it("'is this table free?' is not a payment", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const guest = await MayaClient.startSession(maya.app.url);
    await say(guest, "a soda");
    const reply = await say(guest, "is this table free?");
    expect(reply.intent).not.toBe("PAY");
    expect(reply.payment).toBeNull();
    expect(reply.session.tab).toMatchObject({ status: "OPEN", totalCents: 300 });
    expect(reply.text.length).toBeGreaterThan(0);
  });

  it("paying an empty tab is answered in words, without a payment", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const guest = await MayaClient.startSession(maya.app.url);
    const reply = await say(guest, "I'll pay my bill");
    expect(reply.intent).toBe("PAY");
    expect(reply.payment).toBeNull();
    expect(reply.text).toMatch(/empty/);
    expect(reply.session.tab.status).toBe("OPEN");
  });
});

describe("say input and access", () => {
  it.for([
    ["empty", ""],
    ["blank", "   \n\t "],
    ["501 characters", `a martini ${"please ".repeat(80)}`.slice(0, 501)],
  ])("refuses %s text as BAD_USER_INPUT and stores nothing", async ([, text], context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const guest = await MayaClient.startSession(maya.app.url);
    const result = await guest.request(SAY, { text });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.data).toBeNull();
    expect(await transcript(guest)).toEqual([]);
    const me = await guest.data<{ me: { balanceCents: number; tab: { version: number } } }>(`{ me { balanceCents tab { version } } }`);
    expect(me.me).toEqual({ balanceCents: STARTING, tab: { version: 1 } });
  });

  it("accepts exactly 500 characters", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const guest = await MayaClient.startSession(maya.app.url);
    const text = `a soda ${"please ".repeat(80)}`.slice(0, 500);
    expect(text).toHaveLength(500);
    const reply = await say(guest, text);
    expect(reply.text.length).toBeGreaterThan(0);
    expect((await transcript(guest))[0]).toEqual({ speaker: "CUSTOMER", text: text.trim() });
  });

  it("spells money for speech: $13.00 is 13 dollars, $1.95 is 1 dollar and 95 cents", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const guest = await MayaClient.startSession(maya.app.url);
    const price = await say(guest, "how much is a martini?");
    expect(price.intent).toBe("PRICE");
    expect(price.text).toContain("$13.00");
    expect(price.speech).toContain("13 dollars");
    expect(price.speech).not.toMatch(/\$|13\.00/);
    await say(guest, "a martini");
    const tip = await say(guest, "tip 15 percent");
    expect(tip.text).toContain("$1.95");
    expect(tip.speech).toContain("1 dollar and 95 cents");
    expect(tip.speech).not.toMatch(/\$|%/);
  });

  it("refuses a say without a token, or with a wrong one, as UNAUTHENTICATED", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    expect(await new MayaClient(maya.app.url).errorCode(SAY, { text: "a martini" })).toBe("UNAUTHENTICATED");
    expect(await new MayaClient(maya.app.url, "not-a-real-token").errorCode(SAY, { text: "a martini" })).toBe("UNAUTHENTICATED");
  });
});
