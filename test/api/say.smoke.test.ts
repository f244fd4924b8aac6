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
});
