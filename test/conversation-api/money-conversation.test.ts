/**
 * Money talk over the GraphQL API on real PostgreSQL: talk of paying later, on a condition or by
 * someone else leaves the tab OPEN with no payment attempt in the database (and the tab can still
 * change); a present request to pay still pays. "Round it up", a fiver and a quoted tip set the tip
 * the guest meant, as one version and one event, with money conserved; a question about a tip and a
 * refused round-up change nothing.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { MayaClient, TabEventRecorder, expectConservation, expectTabAddsUp, lines, say, usePostgresMaya, type ConversationApp } from "./harness.js";

const postgresMaya = usePostgresMaya();

async function paymentAttempts(databaseUrl: string, sessionId: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`SELECT COUNT(*) AS count FROM payment_attempts WHERE session_id = $1`, [sessionId]);
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

async function guestOn(maya: ConversationApp) {
  const guest = await MayaClient.startSession(maya.app.url);
  const recorder = await new TabEventRecorder(guest, maya.app).start();
  const sessionId = (await guest.data<{ me: { id: string } }>(`{ me { id } }`)).me.id;
  return { guest, recorder, sessionId };
}

describe("money talk over GraphQL on PostgreSQL", () => {
  it("paying later, on a condition or by someone else leaves the tab open with no payment attempt; 'check please, she's paying now' pays", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { guest, recorder, sessionId } = await guestOn(maya);
    await say(guest, "a negroni on the rocks please");
    await recorder.expectCount(1);
    for (const later of [
      "I'll pay at the end of the night",
      "do you take cards? I'll pay later",
      "my date's gonna pay when she gets here",
      "I'll pay if you throw in a free shot",
      "my boss is paying",
      "we'll split it later",
    ]) {
      const reply = await say(guest, later);
      expect(reply.intent, later).toBe("SMALL_TALK");
      expect(reply.payment, later).toBeNull();
      expect(reply.session.tab.status, later).toBe("OPEN");
      expect(await paymentAttempts(maya.database.url, sessionId), later).toBe(0);
    }
    // Nothing changed, and the tab is not locked: the next drink still lands.
    await recorder.expectCount(1);
    const poured = await say(guest, "and a water");
    expect(lines(poured.session.tab)).toEqual(["1 negroni (on the rocks)", "1 water"]);
    await recorder.expectCount(2);

    const paying = await say(guest, "ok she's paying now, check please");
    expect(paying.intent).toBe("PAY");
    expect(paying.payment).toMatchObject({ status: "PENDING", amountCents: 1200 });
    expect(await paymentAttempts(maya.database.url, sessionId)).toBe(1);
    await expectConservation(maya.database.url, sessionId);
    await recorder.stop();
  });

  it("a fiver, 'round it up' and a quoted tip set exactly the tip meant; a question or a refused round-up changes nothing", async (context) => {
    const maya = postgresMaya();
    if (!maya) return context.skip();
    const { guest, recorder, sessionId } = await guestOn(maya);
    const tipOf = (tab: { tipPercent: number | null; tipCents: number }) => ({ percent: tab.tipPercent, cents: tab.tipCents });
    async function turn(said: string, intent: string, tip: { percent: number | null; cents: number }, events: number) {
      const reply = await say(guest, said);
      expect(reply.intent, said).toBe(intent);
      expect(tipOf(reply.session.tab), said).toEqual(tip);
      expectTabAddsUp(reply.session.tab);
      await recorder.expectCount(events);
      await expectConservation(maya!.database.url, sessionId);
      return reply;
    }
    await turn("a martini", "ORDER", { percent: null, cents: 0 }, 1);
    await turn("leave a fiver for yourself", "SET_TIP", { percent: null, cents: 500 }, 2);
    await turn("tip 15 percent", "SET_TIP", { percent: 15, cents: 195 }, 3);
    // $13.00 + $1.95 = $14.95, up to $15.00: a $2.00 tip in place of the 15%.
    const rounded = await turn("round it up", "SET_TIP", { percent: null, cents: 200 }, 4);
    expect(rounded.session.tab.totalCents).toBe(1500);
    // Already whole: left as it is, and said so. Below the drinks: refused. Neither changes the tab.
    expect((await turn("round it up", "SET_TIP", { percent: null, cents: 200 }, 4)).text).toMatch(/already an even \$15\.00/);
    await turn("round it up to 10", "SET_TIP", { percent: null, cents: 200 }, 4);
    // A question about a tip is answered with the amount; the yes after it sets it.
    const quoted = await turn("what would 20% be?", "QUOTE_TIP", { percent: null, cents: 200 }, 4);
    expect(quoted.text).toMatch(/\$2\.60.*\$15\.60/);
    await turn("ok add that", "SET_TIP", { percent: 20, cents: 260 }, 5);
    await turn("no tip, we're broke", "SET_TIP", { percent: null, cents: 0 }, 6);
    expect(await paymentAttempts(maya.database.url, sessionId)).toBe(0);
    await recorder.stop();
  });
});
