/**
 * A turn is atomic: its tab change, its transcript and the conversation's
 * memory commit together or not at all. The database is made to refuse the
 * turn's transcript (a trigger, standing in for any failure at the last
 * step); the guest gets an error, and nothing of the turn is left behind: no
 * drinks, no money moved, no event, no half transcript. The same words
 * said again pour exactly once.
 */
import { describe, expect, it } from "vitest";
import { availableBackends, useMaya } from "../support/backends.js";
import { MayaClient } from "../support/maya.js";
import { collectTabEvents, waitForSubscribers } from "../support/subscriptions.js";

const SAY = `mutation Say($text: String!) { say(text: $text) { intent session { balanceCents tab { version items { quantity menuItem { id } } } } } }`;
const STATE = `{ me { balanceCents tab { version totalCents items { quantity menuItem { id } } } transcript(last: 10) { speaker text } } }`;

const REFUSE_TRANSCRIPT = [
  `CREATE FUNCTION refuse_kaboom() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.text LIKE '%kaboom%' THEN RAISE EXCEPTION 'transcript refused'; END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER refuse_kaboom BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_kaboom()`,
];

describe.each(await availableBackends())("a turn that fails at its last step, on %s", (backend) => {
  const maya = useMaya(backend);

  it("leaves nothing behind, and a retry pours once", async () => {
    for (const statement of REFUSE_TRANSCRIPT) await maya.app.db.prisma.$executeRawUnsafe(statement);
    const guest = await MayaClient.startSession(maya.app.url);
    const before = await guest.data(STATE);
    const baseline = maya.app.services.feed.activeSubscriptions;
    const client = guest.subscriptions();
    const events = collectTabEvents(client);
    await waitForSubscribers(maya.app, baseline + 1);
    try {
      const failed = await guest.request(SAY, { text: "two ipas please kaboom" });
      expect(failed.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await guest.data(STATE)).toEqual(before);

      const poured = await guest.data<{ say: { intent: string; session: { balanceCents: number } } }>(SAY, { text: "two ipas please" });
      expect(poured.say.intent).toBe("ORDER");
      const after = await guest.data<{ me: { balanceCents: number; tab: { version: number; items: unknown[] }; transcript: { text: string }[] } }>(STATE);
      expect(after.me.tab.items).toEqual([{ quantity: 2, menuItem: { id: "ipa" } }]);
      expect(after.me.balanceCents).toBe(100_000 - 1_200);
      expect(after.me.tab.version).toBe(before.me.tab.version + 1);
      expect(after.me.transcript.map((message) => message.text)[0]).toBe("two ipas please");
      await expect.poll(() => events.events.length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(events.events.map((event) => event.tab.version)).toEqual([after.me.tab.version]);
    } finally {
      events.stop();
      await client.dispose();
    }
  });
});
