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

describe("rate limits on the mock checkout page and the webhook", () => {
  const BURST = 6;
  let app: MayaApp;
  beforeAll(async () => {
    app = await startTestMaya({ kind: "pglite" }, { MAYA_RATE_LIMIT_ADDRESS_BURST: String(BURST), MAYA_RATE_LIMIT_ADDRESS_PER_SECOND: "1" });
  });
  afterAll(async () => {
    await app?.close();
  });
  const refill = () => new Promise((resolve) => setTimeout(resolve, (BURST + 0.5) * 1000));
  const post = (path: string, body: string, type = "application/x-www-form-urlencoded") =>
    fetch(`${app.url}${path}`, { method: "POST", body, headers: { "content-type": type }, redirect: "manual" });

  it("refuses an address's flood of card tries with 429 before the attempt is read, changes nothing, and lets the guest pay after a refill", async () => {
    const guest = await MayaClient.startSession(app.url);
    await guest.data(`mutation { addToTab(menuItemId: "ipa", quantity: 2) { totalCents } }`);
    const { checkout } = await guest.data<{ checkout: { id: string } }>(`mutation { checkout { id } }`);
    await refill();

    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < BURST * 2 && !refused; i++) {
      const response = await post(`/checkout/${checkout.id}`, "card=4242");
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    // The bucket's tries get the page's own answer (a malformed card); the next is refused.
    expect(statuses.slice(0, BURST)).toEqual(Array(BURST).fill(400));
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("retry-after")).toBe("1");
    expect(refused?.headers.get("content-type")).toMatch(/text\/html/);
    expect(await refused?.text()).toContain("Too many requests");
    // A good card is refused too while the bucket is empty: nothing is charged.
    expect((await post(`/checkout/${checkout.id}`, "card=4242424242424242")).status).toBe(429);
    expect((await fetch(`${app.url}/checkout/00000000-0000-4000-8000-000000000000`)).status).toBe(429);
    expect((await post("/webhooks/stripe", "{}", "application/json")).status).toBe(429);

    await refill();
    const before = await guest.data<{ me: { balanceCents: number; tab: { status: string } } }>(`{ me { balanceCents tab { status } } }`);
    expect(before.me).toEqual({ balanceCents: 100_000 - 2 * 600, tab: { status: "PAYMENT_PENDING" } });
    const paid = await post(`/checkout/${checkout.id}`, "card=4242424242424242");
    expect(paid.status).toBe(303);
    const { payment } = await guest.data<{ payment: { status: string } }>(`query P($id: ID!) { payment(id: $id) { status } }`, { id: checkout.id });
    expect(payment.status).toBe("SUCCEEDED");
  }, 60_000);
});
