import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, ME_QUERY, startTestMaya } from "../support/maya.js";

describe("rate limits over HTTP", () => {
  let app: MayaApp;
  beforeAll(async () => {
    app = await startTestMaya(
      { kind: "pglite" },
      { MAYA_RATE_LIMIT_SESSION_BURST: "4", MAYA_RATE_LIMIT_SESSION_PER_SECOND: "1" },
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses a session's flood with RATE_LIMITED, changes nothing, and lets it back in after a refill", async () => {
    const guest = await MayaClient.startSession(app.url);
    const add = `mutation { addToTab(menuItemId: "ipa") { totalCents } }`;
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await guest.request(add));
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? "ok");
    expect(codes).toEqual(["ok", "ok", "ok", "ok", "RATE_LIMITED", "RATE_LIMITED"]);

    // Another guest is not affected by this one's flood.
    const other = await MayaClient.startSession(app.url);
    expect((await other.request(add)).errors).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const me = await guest.data(ME_QUERY);
    expect(me.me.tab.items[0].quantity).toBe(4);
    expect(me.me.balanceCents).toBe(100_000 - 4 * 600);
  });
});
