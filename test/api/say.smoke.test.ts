import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";

describe("say on the embedded database", () => {
  let app: MayaApp;
  beforeAll(async () => {
    app = await startTestMaya({ kind: "pglite" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("orders two martinis in plain English and keeps the transcript", async () => {
    const guest = await MayaClient.startSession(app.url, "Ann");
    const reply = await guest.data(
      `mutation { say(text: "two martinis please") { text speech intent session { balanceCents tab { totalCents version } } } }`,
    );
    expect(reply.say.intent).toBe("ORDER");
    expect(reply.say.session.tab.totalCents).toBe(2600);
    expect(reply.say.session.balanceCents).toBe(97400);
    const me = await guest.data(`{ me { transcript { speaker text } } }`);
    expect(me.me.transcript.map((m: { speaker: string }) => m.speaker)).toEqual(["CUSTOMER", "MAYA"]);
    expect(me.me.transcript[0].text).toBe("two martinis please");
  });

  it("keeps the lines of one order in the order they were asked for, in the reply and in every later read", async () => {
    const guest = await MayaClient.startSession(app.url);
    const reply = await guest.data(
      `mutation { say(text: "a negroni, an IPA, a lemonade and a daiquiri") { session { tab { items { menuItem { id } } } } } }`,
    );
    const ids = (tab: { items: { menuItem: { id: string } }[] }) => tab.items.map((line) => line.menuItem.id);
    const asked = ["negroni", "ipa", "lemonade", "daiquiri"];
    expect(ids(reply.say.session.tab)).toEqual(asked);
    for (let read = 0; read < 3; read++) {
      expect(ids((await guest.data(`{ me { tab { items { menuItem { id } } } } }`)).me.tab)).toEqual(asked);
    }
  });
});
