/**
 * "Limits and bad input" and authorization, over HTTP: every refusal is a
 * clear coded error AND changes nothing (the session as `me` sees it,
 * version included, its transcript, its payments and its events).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { INTERNAL_MESSAGE } from "../../src/graphql/errors.js";
import { useMaya } from "../support/backends.js";
import { MayaClient, TAB_FIELDS } from "../support/maya.js";
import {
  ADD,
  CARD_OK,
  CHECKOUT,
  ME_FULL,
  PAYMENT,
  REMOVE,
  SAY,
  SET_TIP,
  SIMULATE,
  type MeShape,
  type PaymentShape,
} from "../support/operations.js";

const UPDATE_LINE = `mutation Update($line: ID!, $quantity: Int!) { updateTabItem(tabItemId: $line, quantity: $quantity) { ${TAB_FIELDS} } }`;

describe("bad input, authorization and limits (PGlite)", () => {
  const maya = useMaya("pglite");

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Everything a refused request must leave alone. */
  async function stateOf(guest: MayaClient) {
    const { me } = await guest.data<MeShape>(ME_FULL);
    const prisma = maya.app.db.prisma;
    const [events, attempts, messages, sessions] = await Promise.all([
      prisma.tabEvent.count({ where: { sessionId: me.id } }),
      prisma.paymentAttempt.findMany({ where: { sessionId: me.id }, orderBy: { id: "asc" } }),
      prisma.message.count({ where: { sessionId: me.id } }),
      prisma.session.count(),
    ]);
    return { me, events, attempts, messages, sessions };
  }

  /** A guest with two lines and a 10% tip on the tab. */
  async function guestWithTab(name = "Ann") {
    const guest = await MayaClient.startSession(maya.app.url, name);
    await guest.data(ADD, { item: "martini", quantity: 2 });
    await guest.data(ADD, { item: "ipa" });
    await guest.data(SET_TIP, { percent: 10 });
    return guest;
  }

  async function expectRefusedUnchanged(
    guest: MayaClient,
    query: string,
    variables: Record<string, unknown>,
    code: string,
    extensions: Record<string, unknown> = {},
  ) {
    const before = await stateOf(guest);
    const result = await guest.request(query, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, ...extensions });
    expect(result.errors?.[0]?.message.length).toBeGreaterThan(10);
    expect(result.data ?? null).toBeNull();
    expect(await stateOf(guest)).toEqual(before);
  }

  describe("each refusal is coded and changes nothing", () => {
    it("an unknown menu item is NOT_FOUND", async () => {
      const guest = await guestWithTab();
      await expectRefusedUnchanged(guest, ADD, { item: "mojito" }, "NOT_FOUND", { menuItemId: "mojito" });
    });

    it.each([0, -1, 51, 1000])("quantity %i is BAD_USER_INPUT", async (quantity) => {
      const guest = await guestWithTab();
      await expectRefusedUnchanged(guest, ADD, { item: "martini", quantity }, "BAD_USER_INPUT", { reason: "QUANTITY_OUT_OF_RANGE" });
    });

    it("a line can never grow past its limit", async () => {
      const guest = await MayaClient.startSession(maya.app.url);
      await guest.data(ADD, { item: "water", quantity: 50 });
      await guest.data(ADD, { item: "water", quantity: 49 });
      await expectRefusedUnchanged(guest, ADD, { item: "water", quantity: 1 }, "BAD_USER_INPUT", { reason: "QUANTITY_OUT_OF_RANGE" });
      const line = (await guest.data<MeShape>(ME_FULL)).me.tab.items[0]!;
      expect(line.quantity).toBe(99);
      await expectRefusedUnchanged(guest, UPDATE_LINE, { line: line.id, quantity: 100 }, "BAD_USER_INPUT");
      await expectRefusedUnchanged(guest, UPDATE_LINE, { line: line.id, quantity: -1 }, "BAD_USER_INPUT");
    });

    it.each([
      ["percent -5", { percent: -5 }],
      ["percent 101", { percent: 101 }],
      ["percent and amount together", { percent: 10, amount: 500 }],
      ["a negative amount", { amount: -1 }],
    ])("a tip of %s is BAD_USER_INPUT", async (_name, variables) => {
      const guest = await guestWithTab();
      await expectRefusedUnchanged(guest, SET_TIP, variables, "BAD_USER_INPUT", { reason: "TIP_OUT_OF_RANGE" });
    });

    it("a tip on an empty tab is BAD_USER_INPUT", async () => {
      const guest = await MayaClient.startSession(maya.app.url);
      await expectRefusedUnchanged(guest, SET_TIP, { percent: 15 }, "BAD_USER_INPUT", { reason: "EMPTY_TAB" });
    });

    it.each([
      ["neat on an IPA", "ipa", ["neat"], "MODIFIER_NOT_ACCEPTED"],
      ["a modifier the bar does not know", "martini", ["flaming"], "UNKNOWN_MODIFIER"],
      ["neat and on the rocks at once", "whiskey", ["neat", "on the rocks"], "CONFLICTING_MODIFIERS"],
      ["a double martini", "martini", ["double"], "MODIFIER_NOT_ACCEPTED"],
    ])("%s is BAD_USER_INPUT", async (_name, item, modifiers, reason) => {
      const guest = await guestWithTab();
      await expectRefusedUnchanged(guest, ADD, { item, modifiers }, "BAD_USER_INPUT", { reason });
    });

    it("an order the balance cannot cover is INSUFFICIENT_FUNDS", async () => {
      const guest = await guestWithTab();
      const { me } = await guest.data<MeShape>(ME_FULL);
      // 50 martinis plus the 10% tip on them: more than what is left of $1000.
      await guest.data(ADD, { item: "martini", quantity: 50 });
      const left = (await guest.data<MeShape>(ME_FULL)).me.balanceCents;
      expect(left).toBe(me.balanceCents - 50 * 1300 - 50 * 130);
      await expectRefusedUnchanged(guest, ADD, { item: "martini", quantity: 30 }, "INSUFFICIENT_FUNDS", {
        balanceCents: left,
        neededCents: 30 * 1300 + 30 * 130,
      });
      // A tip the balance cannot cover is refused the same way.
      await expectRefusedUnchanged(guest, SET_TIP, { percent: 100 }, "INSUFFICIENT_FUNDS");
    });

    it("removing a line that is not on the tab is NOT_FOUND", async () => {
      const guest = await guestWithTab();
      await expectRefusedUnchanged(guest, REMOVE, { line: "00000000-0000-4000-8000-000000000000" }, "NOT_FOUND");
      await expectRefusedUnchanged(guest, REMOVE, { line: "not-a-uuid" }, "NOT_FOUND");
    });

    it("a change to several lines at once applies all of it or none of it", async () => {
      const guest = await guestWithTab();
      const before = await stateOf(guest);
      const [martinis, ipa] = before.me.tab.items;
      const tabs = maya.app.services.tabs;
      await expect(
        tabs.setLineQuantities(before.me.id, [
          { lineId: martinis!.id, quantity: 0 },
          { lineId: "00000000-0000-4000-8000-000000000000", quantity: 0 },
        ]),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await stateOf(guest)).toEqual(before);

      const after = await tabs.setLineQuantities(before.me.id, [
        { lineId: martinis!.id, quantity: 0 },
        { lineId: ipa!.id, quantity: 3 },
      ]);
      expect(after.tab.items.map((line) => [line.menuItemId, line.quantity])).toEqual([["ipa", 3]]);
      // One change, one version, one event.
      expect(after.tab.version).toBe(before.me.tab.version + 1);
      expect((await stateOf(guest)).events).toBe(before.events + 1);
    });

    it("an utterance over 500 characters is BAD_USER_INPUT and stays out of the transcript", async () => {
      const guest = await guestWithTab();
      await guest.data(SAY, { text: "hello" });
      await expectRefusedUnchanged(guest, SAY, { text: `a martini ${"please ".repeat(80)}` }, "BAD_USER_INPUT", {
        reason: "UTTERANCE_TOO_LONG",
      });
      // 500 is still fine.
      expect((await guest.data<{ say: { text: string } }>(SAY, { text: "x".repeat(500) })).say.text.length).toBeGreaterThan(0);
    });

    it("a customer name over 60 characters is BAD_USER_INPUT and starts no session", async () => {
      const start = `mutation Start($name: String) { startSession(customerName: $name) { token session { customerName } } }`;
      const client = new MayaClient(maya.app.url);
      const before = await maya.app.db.prisma.session.count();
      const result = await client.request(start, { name: "A".repeat(61) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "NAME_TOO_LONG" });
      expect(await maya.app.db.prisma.session.count()).toBe(before);
      const ok = await client.data<{ startSession: { session: { customerName: string } } }>(start, { name: "B".repeat(60) });
      expect(ok.startSession.session.customerName).toBe("B".repeat(60));
    });

    it("a card that is not a test card is BAD_USER_INPUT and leaves the payment pending", async () => {
      const guest = await guestWithTab();
      const { checkout } = await guest.data<{ checkout: PaymentShape }>(CHECKOUT);
      await expectRefusedUnchanged(guest, SIMULATE, { id: checkout.id, card: "1234" }, "BAD_USER_INPUT", { reason: "BAD_CARD" });
      await expectRefusedUnchanged(guest, SIMULATE, { id: checkout.id, card: "4111111111111111" }, "BAD_USER_INPUT", {
        reason: "UNKNOWN_CARD",
      });
      expect((await guest.data<{ payment: PaymentShape }>(PAYMENT, { id: checkout.id })).payment.status).toBe("PENDING");
    });
  });

  describe("authentication", () => {
    const SESSION_SCOPED: [string, string, Record<string, unknown>][] = [
      ["me", `{ me { id balanceCents } }`, {}],
      ["payment", PAYMENT, { id: "00000000-0000-4000-8000-000000000000" }],
      ["addToTab", ADD, { item: "martini" }],
      ["removeFromTab", REMOVE, { line: "00000000-0000-4000-8000-000000000000" }],
      ["updateTabItem", UPDATE_LINE, { line: "00000000-0000-4000-8000-000000000000", quantity: 2 }],
      ["setTip", SET_TIP, { percent: 10 }],
      ["checkout", CHECKOUT, {}],
      ["simulatePayment", SIMULATE, { id: "00000000-0000-4000-8000-000000000000", card: CARD_OK }],
      ["say", SAY, { text: "a martini please" }],
    ];
    const BAD_TOKENS: [string, string | null][] = [
      ["no token", null],
      ["a malformed token", "not a token"],
      ["an unknown well-formed token", "A".repeat(43)],
    ];

    it.each(BAD_TOKENS)("every session-scoped field with %s is UNAUTHENTICATED and changes nothing", async (_name, token) => {
      const prisma = maya.app.db.prisma;
      const counts = () =>
        Promise.all([prisma.session.count(), prisma.tabEvent.count(), prisma.paymentAttempt.count(), prisma.message.count(), prisma.tabItem.count()]);
      const before = await counts();
      const client = new MayaClient(maya.app.url, token);
      for (const [field, query, variables] of SESSION_SCOPED) {
        const result = await client.request(query, variables);
        expect({ field, code: result.errors?.[0]?.extensions?.code }).toEqual({ field, code: "UNAUTHENTICATED" });
        // Non-null fields null the whole data; the nullable payment field is null itself.
        expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true);
      }
      expect(await counts()).toEqual(before);
    });

    it("a non-bearer Authorization header is UNAUTHENTICATED", async () => {
      const response = await fetch(`${maya.app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Basic dXNlcjpwYXNz" },
        body: JSON.stringify({ query: `{ me { id } }` }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    });

    it("the menu and startSession need no token", async () => {
      const client = new MayaClient(maya.app.url);
      expect((await client.data<{ menu: unknown[] }>(`{ menu { id } }`)).menu).toHaveLength(20);
    });
  });

  describe("one session can never read or change another's", () => {
    it("tab, payments or transcript", async () => {
      const ann = await guestWithTab("Ann");
      const bob = await guestWithTab("Bob");
      await ann.data(SAY, { text: "my secret is thirty two" });
      const { checkout: annPayment } = await ann.data<{ checkout: PaymentShape }>(CHECKOUT);
      await ann.data(SIMULATE, { id: annPayment.id, card: "4000000000000002" });
      const annLine = (await ann.data<MeShape>(ME_FULL)).me.tab.items[0]!;
      const { checkout: annPending } = await ann.data<{ checkout: PaymentShape }>(CHECKOUT);
      const annBefore = await stateOf(ann);

      // Bob sees only himself.
      const bobMe = (await bob.data<MeShape>(ME_FULL)).me;
      expect(bobMe.id).not.toBe(annBefore.me.id);
      expect(bobMe.customerName).toBe("Bob");
      expect(bobMe.transcript.map((m) => m.text).join(" ")).not.toContain("secret");
      expect(bobMe.tab.items.map((line) => line.id)).not.toContain(annLine.id);

      // Ann's payments are as good as absent to Bob.
      for (const id of [annPayment.id, annPending.id]) {
        expect((await bob.data<{ payment: PaymentShape | null }>(PAYMENT, { id })).payment).toBeNull();
        await expectRefusedUnchanged(bob, SIMULATE, { id, card: CARD_OK }, "NOT_FOUND");
      }
      // Ann's lines cannot be touched through Bob's session.
      await expectRefusedUnchanged(bob, REMOVE, { line: annLine.id }, "NOT_FOUND");
      await expectRefusedUnchanged(bob, UPDATE_LINE, { line: annLine.id, quantity: 5 }, "NOT_FOUND");

      expect(await stateOf(ann)).toEqual({ ...annBefore, sessions: expect.any(Number) });
      expect((await ann.data<{ payment: PaymentShape }>(PAYMENT, { id: annPending.id })).payment.status).toBe("PENDING");
    });

    it("payment(id) of a malformed id is null", async () => {
      const guest = await MayaClient.startSession(maya.app.url);
      expect((await guest.data<{ payment: unknown }>(PAYMENT, { id: "nope" })).payment).toBeNull();
    });
  });

  describe("request limits", () => {
    it("refuses a query deeper than the configured 8 levels with BAD_USER_INPUT", async () => {
      const guest = await MayaClient.startSession(maya.app.url);
      const deep = `{ me { tab { items { menuItem { a { b { c { d { e } } } } } } } } }`;
      const result = await guest.request(deep);
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.every((error) => error.extensions?.code === "BAD_USER_INPUT")).toBe(true);
      expect(result.errors?.map((error) => error.message)).toContainEqual(expect.stringMatching(/at most 8 levels are allowed \(this one has 9\)/));
      // Depth through fragments counts too.
      const viaFragments = `fragment T on Tab { items { menuItem { a { b { c { d { e } } } } } } } { me { tab { ...T } } }`;
      expect((await guest.request(viaFragments)).errors?.map((error) => error.message)).toContainEqual(
        expect.stringMatching(/at most 8 levels/),
      );
      // The deepest real query is well within the limit.
      const ok = await guest.request(`mutation { startSession { session { tab { items { menuItem { id } } } } } }`);
      expect(ok.errors).toBeUndefined();
    });

    it("refuses a batched (array) request and runs none of it", async () => {
      const before = await maya.app.db.prisma.session.count();
      const operation = { query: `mutation { startSession(customerName: "batch") { token } }` };
      const response = await fetch(`${maya.app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([operation, operation, operation]),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/batch/i);
      expect(await maya.app.db.prisma.session.count()).toBe(before);
    });

    it("refuses an oversized query with 413 BAD_USER_INPUT", async () => {
      const response = await fetch(`${maya.app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ menu { id ${"name ".repeat(5000)} } }` }),
      });
      expect(response.status).toBe(413);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    });

    it("reports a malformed query as BAD_USER_INPUT", async () => {
      const client = new MayaClient(maya.app.url);
      expect(await client.errorCode(`{ menu { id `)).toBe("BAD_USER_INPUT");
      expect(await client.errorCode(`{ menu { nosuchfield } }`)).toBe("BAD_USER_INPUT");
      expect(await client.errorCode(ADD, { item: "martini", quantity: "two" })).toBe("BAD_USER_INPUT");
    });

    it("masks internal errors: INTERNAL_SERVER_ERROR with a generic message, nothing leaked", async () => {
      const guest = await guestWithTab();
      vi.spyOn(maya.app.services.tabs, "addItems").mockRejectedValue(
        new Error("connect ECONNREFUSED postgres://maya:hunter2@db.internal:5432"),
      );
      const before = await stateOf(guest);
      const response = await fetch(`${maya.app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${guest.token}` },
        body: JSON.stringify({ query: ADD, variables: { item: "martini" } }),
      });
      const raw = await response.text();
      const body = JSON.parse(raw) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]).toMatchObject({ message: INTERNAL_MESSAGE, extensions: { code: "INTERNAL_SERVER_ERROR" } });
      expect(Object.keys(body.errors[0]!.extensions)).toEqual(["code"]);
      expect(raw).not.toMatch(/hunter2|ECONNREFUSED|stacktrace|at .*\.ts/);
      vi.restoreAllMocks();
      expect(await stateOf(guest)).toEqual(before);
    });
  });
});
