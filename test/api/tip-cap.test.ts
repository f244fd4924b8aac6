/**
 * A fixed tip is at most the drinks, at every moment: when the subtotal
 * falls below it, the tip comes down to the subtotal in the same change (the
 * difference back to the balance), Maya says so (the event's message and the
 * transcript), and the database refuses to store a tip above the subtotal.
 */
import { describe, expect, it } from "vitest";
import { availableBackends, useMaya } from "../support/backends.js";
import { MayaClient } from "../support/maya.js";
import { ADD, ME_FULL, REMOVE, SAY, SET_TIP, type TabShape } from "../support/operations.js";
import { collectTabEvents, waitForEvents, waitForSubscribers } from "../support/subscriptions.js";

describe.each(await availableBackends())("a fixed tip when the subtotal falls, on %s", (backend) => {
  const maya = useMaya(backend);

  it("is re-capped to the new subtotal in the same change, and the guest is told", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const baseline = maya.app.services.feed.activeSubscriptions;
    const client = guest.subscriptions();
    const events = collectTabEvents(client);
    await waitForSubscribers(maya.app, baseline + 1);
    try {
      const martini = (await guest.data<{ addToTab: TabShape }>(ADD, { item: "martini" })).addToTab.items[0]!;
      await guest.data(ADD, { item: "ipa" });
      const tipped = (await guest.data<{ setTip: TabShape }>(SET_TIP, { amount: 1900 })).setTip;
      expect(tipped).toMatchObject({ subtotalCents: 1900, tipCents: 1900, totalCents: 3800 });
      const after = (await guest.data<{ removeFromTab: TabShape }>(REMOVE, { line: martini.id })).removeFromTab;
      expect(after).toMatchObject({ subtotalCents: 600, tipPercent: null, tipCents: 600, totalCents: 1200 });
      const me = await guest.data<{ me: { balanceCents: number; transcript: { text: string }[] } }>(ME_FULL);
      expect(me.me.balanceCents).toBe(100_000 - 1200);
      const [, , , removed] = await waitForEvents(events, 4);
      expect(removed).toMatchObject({ reason: "ITEM_REMOVED", tab: { tipCents: 600 } });
      expect(removed!.message).toMatch(/tip is now \$6\.00/);
      expect(me.me.transcript.at(-1)?.text).toBe(removed!.message);
    } finally {
      events.stop();
      await client.dispose();
    }
  });

  it("said in a turn, the reply says it too", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    await guest.data(ADD, { item: "martini" });
    await guest.data(ADD, { item: "ipa" });
    await guest.data(SET_TIP, { amount: 1900 });
    const reply = await guest.data<{ say: { text: string; session: { tab: { totalCents: number } } } }>(SAY, { text: "cancel the martini" });
    expect(reply.say.session.tab.totalCents).toBe(1200);
    expect(reply.say.text).toMatch(/tip is now \$6\.00/);
  });
});
