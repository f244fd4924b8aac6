/**
 * `say` with `heard` (speech) through the real API and the real turn backend (held changes, one
 * commit): an order heard unsurely is a question with nothing on the tab and no event; the yes pours
 * it; bad `heard` input is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";

const SAY = `mutation Say($text: String!, $heard: HeardSpeech) {
  say(text: $text, heard: $heard) { text intent session { balanceCents tab { totalCents version items { quantity menuItem { id } } } } }
}`;

describe("say, heard", () => {
  let app: MayaApp;
  beforeAll(async () => {
    app = await startTestMaya({ kind: "pglite" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("asks before pouring an order heard unsurely; the yes pours it; the transcript keeps both turns", async () => {
    const guest = await MayaClient.startSession(app.url);
    const asked = await guest.data(SAY, { text: "five IPAs", heard: { confidence: 0.2, alternatives: ["four IPAs"] } });
    expect(asked.say.text).toBe("Five IPAs, is that right?");
    expect(asked.say.session.tab).toMatchObject({ totalCents: 0, items: [] });
    const version = asked.say.session.tab.version;
    const poured = await guest.data(SAY, { text: "yes", heard: { confidence: 0.9 } });
    expect(poured.say.session.tab.items).toEqual([{ quantity: 5, menuItem: { id: "ipa" } }]);
    expect(poured.say.session.tab.version).toBeGreaterThan(version);
    const me = await guest.data(`{ me { transcript { speaker text } } }`);
    expect(me.me.transcript.map((line: { text: string }) => line.text)).toEqual(["five IPAs", "Five IPAs, is that right?", "yes", expect.stringMatching(/IPAs/)]);
  });

  it("asks about what is heard even surely (no confidence vouches for a pour yet), and pours what is typed", async () => {
    const guest = await MayaClient.startSession(app.url);
    const asked = await guest.data(SAY, { text: "two martinis", heard: { confidence: 0.97, alternatives: [] } });
    expect(asked.say.text).toBe("Two Martinis, is that right?");
    expect(asked.say.session.tab.totalCents).toBe(0);
    expect((await guest.data(SAY, { text: "two martinis" })).say.session.tab.totalCents).toBe(2600);
  });

  it("refuses bad heard input with BAD_USER_INPUT and changes nothing", async () => {
    const guest = await MayaClient.startSession(app.url);
    for (const heard of [{ confidence: 7 }, { alternatives: ["a", "b", "c", "d", "e"] }, { alternatives: ["x".repeat(600)] }]) {
      const refused = await guest.request(SAY, { text: "two martinis", heard });
      expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    const me = await guest.data(`{ me { tab { totalCents } transcript { text } } }`);
    expect(me.me).toEqual({ tab: { totalCents: 0 }, transcript: [] });
  });
});
