/**
 * Maya's bar as an MCP server over Streamable HTTP, with the SDK's own Client
 * against a real Maya (PGlite, and PostgreSQL when reachable): the tools and
 * their schemas, ordering through the same services as GraphQL (the guest's
 * `me` and live `tabChanged` follow), resource notifications for changes made
 * elsewhere, tips, refusals that change nothing, `say`, and paying through the
 * mock checkout.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Client as WsClient } from "graphql-ws";
import { availableBackends, useMaya } from "../support/backends.js";
import { MayaClient, ME_QUERY, startTestMaya } from "../support/maya.js";
import { ADD, CARD_OK, PAYMENT, type PaymentShape, type TabShape } from "../support/operations.js";
import { collectTabEvents, waitForEvents, waitForSubscribers, type Collected } from "../support/subscriptions.js";
import type { TabOutput } from "../../src/mcp/schemas.js";
import { call, connectHttp, ok, readJson, waitForUpdates, type McpGuest } from "../support/mcp.js";

const TOOLS = ["get_menu", "order_drinks", "remove_from_tab", "get_tab", "set_tip", "pay_tab", "payment_status", "say"];

interface Money {
  balanceCents: number;
  tab: TabOutput;
}

describe.each(await availableBackends())("MCP over Streamable HTTP on %s", (backend) => {
  const maya = useMaya(backend);
  const open: McpGuest[] = [];
  const sockets: { client: WsClient; collected: Collected }[] = [];

  afterEach(async () => {
    for (const guest of open.splice(0)) await guest.close();
    for (const { client, collected } of sockets.splice(0)) {
      collected.stop();
      await client.dispose();
    }
  });

  async function agentFor(guest: MayaClient | null) {
    const agent = await connectHttp(maya.app.url, guest?.token ?? null);
    open.push(agent);
    return agent;
  }

  it("lists the eight tools, each with an input and an output schema", async () => {
    const agent = await agentFor(await MayaClient.startSession(maya.app.url));
    const { tools } = await agent.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOLS].sort());
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type, tool.name).toBe("object");
      expect(tool.description, tool.name).toBeTruthy();
    }
    const order = tools.find((tool) => tool.name === "order_drinks")!;
    const items = order.inputSchema.properties?.items as { items: { properties: Record<string, any>; required: string[] }; maxItems: number };
    expect(items.items.required).toEqual(["drink"]);
    expect(items.items.properties.quantity).toMatchObject({ type: "integer", minimum: 1, maximum: 50 });
    expect(items.maxItems).toBe(10);
    const say = tools.find((tool) => tool.name === "say")!;
    expect(say.inputSchema.properties?.text).toMatchObject({ type: "string", maxLength: 500 });
    expect(say.outputSchema?.required).toEqual(expect.arrayContaining(["reply", "speech", "intent"]));
  });

  it("orders two martinis for a guest: GraphQL `me` shows them and the guest's tabChanged hears it", async () => {
    const guest = await MayaClient.startSession(maya.app.url, "Ann");
    const baseline = maya.app.services.feed.activeSubscriptions;
    const ws = guest.subscriptions();
    const live = collectTabEvents(ws);
    sockets.push({ client: ws, collected: live });
    await waitForSubscribers(maya.app, baseline + 1);

    const agent = await agentFor(guest);
    const answer = await call<Money & { ordered: unknown[] }>(agent.client, "order_drinks", { items: [{ drink: "martinis", quantity: 2 }] });
    expect(answer.isError).toBe(false);
    expect(answer.text).toContain("two Martinis");
    expect(answer.structured.ordered).toEqual([{ drink: "martini", name: "Martini", quantity: 2, modifiers: [] }]);
    expect(answer.structured.balanceCents).toBe(100_000 - 2600);
    expect(answer.structured.tab).toMatchObject({ subtotalCents: 2600, totalCents: 2600, items: [{ drink: "martini", quantity: 2, unitPriceCents: 1300 }] });

    const { me } = await guest.data<{ me: { balanceCents: number; tab: TabShape } }>(ME_QUERY);
    expect(me.balanceCents).toBe(100_000 - 2600);
    expect(me.tab.items.map((line) => [line.menuItem.id, line.quantity])).toEqual([["martini", 2]]);
    expect(me.tab.version).toBe(answer.structured.tab.version);

    const [event] = await waitForEvents(live, 1);
    expect(event).toMatchObject({ reason: "ITEM_ADDED", balanceCents: 100_000 - 2600 });
    expect(event!.tab).toMatchObject({ version: me.tab.version, totalCents: 2600, items: [{ quantity: 2, menuItem: { id: "martini" } }] });
  });

  it("sends notifications/resources/updated for maya://tab after a change made through GraphQL, until unsubscribed", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const agent = await agentFor(guest);
    const baseline = maya.app.services.feed.activeSubscriptions;
    await agent.client.subscribeResource({ uri: "maya://tab" });
    expect(maya.app.services.feed.activeSubscriptions).toBe(baseline + 1);

    await guest.data(ADD, { item: "ipa" });
    await waitForUpdates(agent, 1);
    expect(agent.updates).toEqual(["maya://tab"]);
    const tab = await readJson<Money>(agent.client, "maya://tab");
    expect(tab.tab.items.map((line) => [line.drink, line.quantity])).toEqual([["ipa", 1]]);
    expect(tab.balanceCents).toBe(100_000 - 600);

    // Another guest's change is not this agent's business.
    const other = await MayaClient.startSession(maya.app.url);
    await other.data(ADD, { item: "water" });
    await guest.data(ADD, { item: "soda" });
    await waitForUpdates(agent, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(agent.updates).toEqual(["maya://tab", "maya://tab"]);

    await agent.client.unsubscribeResource({ uri: "maya://tab" });
    expect(maya.app.services.feed.activeSubscriptions).toBe(baseline);
    await guest.data(ADD, { item: "soda" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(agent.updates).toHaveLength(2);
  });

  it.skipIf(backend !== "postgres")("notifies every subscribed MCP session of the guest, for changes made on another instance or by another agent", async () => {
    const other = await startTestMaya({ kind: "postgres", url: maya.databaseUrl! });
    try {
      const guest = await MayaClient.startSession(maya.app.url);
      const watching = await agentFor(guest);
      const alsoWatching = await agentFor(guest);
      await watching.client.subscribeResource({ uri: "maya://tab" });
      await alsoWatching.client.subscribeResource({ uri: "maya://tab" });
      const ordering = await connectHttp(other.url, guest.token);
      open.push(ordering);

      await new MayaClient(other.url, guest.token).data(ADD, { item: "gin", modifiers: ["neat"] });
      expect((await call(ordering.client, "order_drinks", { items: [{ drink: "gin", modifiers: ["shaken"] }] })).isError).toBe(true);
      await ok(ordering.client, "order_drinks", { items: [{ drink: "water" }] });
      await waitForUpdates(watching, 2);
      await waitForUpdates(alsoWatching, 2);
      // The refused order changed nothing, so it notified nobody.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(watching.updates).toEqual(["maya://tab", "maya://tab"]);
      expect(alsoWatching.updates).toEqual(["maya://tab", "maya://tab"]);
      expect(ordering.updates).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("sets a 15% tip and reads it back over MCP and GraphQL", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const agent = await agentFor(guest);
    await ok(agent.client, "order_drinks", { items: [{ drink: "negroni" }, { drink: "ipa", quantity: 2 }] });
    const tipped = await call<Money & { message: string }>(agent.client, "set_tip", { percent: 15 });
    expect(tipped.isError).toBe(false);
    // 1100 + 1200 = 2300; 15% = 345.
    expect(tipped.structured.tab).toMatchObject({ subtotalCents: 2300, tipPercent: 15, tipCents: 345, totalCents: 2645 });
    expect(tipped.structured.message).toBe("Thank you! A 15% tip of $3.45 is on the tab.");
    const read = await ok<Money>(agent.client, "get_tab");
    expect(read.tab).toMatchObject({ tipPercent: 15, tipCents: 345, totalCents: 2645 });
    expect(read.balanceCents).toBe(100_000 - 2645);
    const { me } = await guest.data<{ me: { balanceCents: number; tab: TabShape } }>(ME_QUERY);
    expect(me.tab).toMatchObject({ tipPercent: 15, tipCents: 345, totalCents: 2645 });
    expect(me.balanceCents).toBe(100_000 - 2645);
  });

  it("refuses a forged, malformed or unknown token with 401 and opens nothing", async () => {
    const sessionsBefore = await maya.app.db.prisma.session.count();
    const openBefore = (await maya.app.metrics.render()).match(/^maya_mcp_sessions_active (\d+)/m)?.[1];
    for (const token of ["A".repeat(43), "not a token", "x".repeat(5000)]) {
      const attempt = connectHttp(maya.app.url, token);
      await expect(attempt).rejects.toMatchObject({ code: 401 });
    }
    const response = await fetch(new URL("/mcp", maya.app.url), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: "Basic Zm9vOmJhcg==" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("mcp-session-id")).toBeNull();
    expect(await maya.app.db.prisma.session.count()).toBe(sessionsBefore);
    expect((await maya.app.metrics.render()).match(/^maya_mcp_sessions_active (\d+)/m)?.[1]).toBe(openBefore);
  });

  it("refuses a bad order as a tool error in Maya's words, leaving tab, money and version unchanged", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const agent = await agentFor(guest);
    await ok(agent.client, "order_drinks", { items: [{ drink: "martini", quantity: 50 }] });
    const before = await ok<Money>(agent.client, "get_tab");
    const eventsBefore = await maya.app.db.prisma.tabEvent.count({ where: { sessionId: (await guest.data(ME_QUERY)).me.id } });

    const unknown = await call(agent.client, "order_drinks", { items: [{ drink: "ipa" }, { drink: "pina colada" }] });
    expect(unknown).toMatchObject({ isError: true, meta: { code: "NOT_FOUND", reason: "UNKNOWN_DRINK" } });
    expect(unknown.text).toMatch(/^We don't have "pina colada" on the menu\. How about .+ instead\?$/);
    expect(unknown.meta?.suggestions).toHaveLength(2);

    const tooMany = await call(agent.client, "order_drinks", { items: [{ drink: "martini", quantity: 500 }] });
    expect(tooMany.isError).toBe(true);
    expect(tooMany.text).toContain("Quantity must be a whole number from 1 to 50.");

    // 50 more martinis would be a line of 100; 30 more cost $390 with $350 left.
    const lineFull = await call(agent.client, "order_drinks", { items: [{ drink: "martini", quantity: 50 }] });
    expect(lineFull).toMatchObject({ isError: true, meta: { code: "BAD_USER_INPUT", reason: "QUANTITY_OUT_OF_RANGE" } });
    const short = await call(agent.client, "order_drinks", { items: [{ drink: "martini", quantity: 30 }] });
    expect(short).toMatchObject({ isError: true, meta: { code: "INSUFFICIENT_FUNDS", balanceCents: 35_000, neededCents: 39_000 } });
    expect(short.text).toBe("That comes to $390.00, but the balance is $350.00.");

    const neatIpa = await call(agent.client, "order_drinks", { items: [{ drink: "ipa", modifiers: ["neat"] }] });
    expect(neatIpa).toMatchObject({ isError: true, text: "IPA doesn't come neat.", meta: { reason: "MODIFIER_NOT_ACCEPTED" } });
    const ambiguous = await call(agent.client, "order_drinks", { items: [{ drink: "a beer" }] });
    expect(ambiguous).toMatchObject({ isError: true, meta: { reason: "AMBIGUOUS_DRINK" } });

    const after = await ok<Money>(agent.client, "get_tab");
    expect(after).toEqual(before);
    expect(await maya.app.db.prisma.tabEvent.count({ where: { sessionId: (await guest.data(ME_QUERY)).me.id } })).toBe(eventsBefore);
  });

  it("removes drinks by name, by line and by count, and refuses taking off more than is there", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const agent = await agentFor(guest);
    await ok(agent.client, "order_drinks", { items: [{ drink: "martini", quantity: 3 }, { drink: "whiskey", modifiers: ["on the rocks"] }] });
    const one = await call<Money & { removed: unknown[] }>(agent.client, "remove_from_tab", { drink: "martini", quantity: 1 });
    expect(one.isError).toBe(false);
    expect(one.text).toMatch(/^Took a Martini off\. On the tab: two Martinis and a Whiskey on the rocks\./);
    expect(one.structured.removed).toEqual([{ lineId: expect.any(String), drink: "martini", name: "Martini", quantity: 1 }]);
    expect(one.structured.tab.items.map((line) => [line.drink, line.quantity])).toEqual([["martini", 2], ["whiskey", 1]]);
    const tooMany = await call(agent.client, "remove_from_tab", { drink: "martini", quantity: 5 });
    expect(tooMany).toMatchObject({ isError: true, text: "There are only two Martinis on the tab." });
    const whiskeyLine = one.structured.tab.items[1]!.lineId;
    const byLine = await ok<Money>(agent.client, "remove_from_tab", { lineId: whiskeyLine });
    expect(byLine.tab.items.map((line) => line.drink)).toEqual(["martini"]);
    const all = await ok<Money>(agent.client, "remove_from_tab", { drink: "martinis" });
    expect(all).toMatchObject({ balanceCents: 100_000, tab: { items: [], totalCents: 0 } });
    const nothing = await call(agent.client, "remove_from_tab", { drink: "martini" });
    expect(nothing).toMatchObject({ isError: true, meta: { code: "NOT_FOUND" } });
  });

  it("`say` answers with Maya's reply, its speech text and the intent, through the same turn as GraphQL", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const agent = await agentFor(guest);
    const turn = await call<Money & { reply: string; speech: string; intent: string; paymentId: string | null }>(agent.client, "say", {
      text: "I'd like two negronis please",
    });
    expect(turn.isError).toBe(false);
    expect(turn.structured.intent).toBe("ORDER");
    expect(turn.structured.reply).toMatch(/negroni/i);
    expect(turn.text).toBe(turn.structured.reply);
    expect(turn.structured.speech.length).toBeGreaterThan(0);
    expect(turn.structured.tab.items.map((line) => [line.drink, line.quantity])).toEqual([["negroni", 2]]);
    const { me } = await guest.data<{ me: { transcript: { speaker: string; text: string }[] } }>(`{ me { transcript(last: 2) { speaker text } } }`);
    expect(me.transcript).toEqual([
      { speaker: "CUSTOMER", text: "I'd like two negronis please" },
      { speaker: "MAYA", text: turn.structured.reply },
    ]);
    const tooLong = await call(agent.client, "say", { text: "a".repeat(501) });
    expect(tooLong).toMatchObject({ isError: true });
    expect(tooLong.text).toContain("An utterance can be at most 500 characters.");
  });

  it("pay_tab gives a working mock checkout link; paid there with a test card, payment_status says SUCCEEDED", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const agent = await agentFor(guest);
    const empty = await call(agent.client, "pay_tab");
    expect(empty).toMatchObject({ isError: true, meta: { code: "BAD_USER_INPUT", reason: "EMPTY_TAB" } });

    await ok(agent.client, "order_drinks", { items: [{ drink: "old fashioned" }] });
    await ok(agent.client, "set_tip", { amountCents: 200 });
    const paying = await call<{ payment: { paymentId: string; status: string; amountCents: number; checkoutUrl: string } }>(agent.client, "pay_tab");
    expect(paying.isError).toBe(false);
    const { payment } = paying.structured;
    expect(payment).toMatchObject({ status: "PENDING", amountCents: 1400, tipCents: 200, provider: "mock" });
    expect(paying.text).toContain(payment.checkoutUrl);
    // Calling again while it is pending is the same payment, and the tab is locked in words.
    expect((await ok<{ payment: { paymentId: string } }>(agent.client, "pay_tab")).payment.paymentId).toBe(payment.paymentId);
    const locked = await call(agent.client, "order_drinks", { items: [{ drink: "water" }] });
    expect(locked).toMatchObject({ isError: true, meta: { code: "TAB_LOCKED" } });
    expect(locked.text).toContain(payment.checkoutUrl);

    const page = await fetch(payment.checkoutUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("$14.00");
    const paid = await fetch(payment.checkoutUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ card: CARD_OK }).toString(),
      redirect: "manual",
    });
    expect(paid.status).toBeLessThan(400);

    const status = await call<{ payment: { status: string } }>(agent.client, "payment_status", { paymentId: payment.paymentId });
    expect(status.structured.payment.status).toBe("SUCCEEDED");
    expect(status.text).toContain("went through");
    expect((await ok<{ payment: { paymentId: string } }>(agent.client, "payment_status")).payment.paymentId).toBe(payment.paymentId);
    const viaGraphql = await guest.data<{ payment: PaymentShape }>(PAYMENT, { id: payment.paymentId });
    expect(viaGraphql.payment.status).toBe("SUCCEEDED");
    expect((await ok<Money>(agent.client, "get_tab")).balanceCents).toBe(100_000 - 1400);
  });

  it("starts a new guest for an agent without a token, and hands it the token to join the guest's page", async () => {
    const agent = await agentFor(null);
    await ok(agent.client, "order_drinks", { items: [{ drink: "lemonade" }] });
    const session = await readJson<{ sessionToken: string; page: string }>(agent.client, "maya://session");
    expect(session.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.page).toBe(maya.app.url);
    const guest = new MayaClient(maya.app.url, session.sessionToken);
    const { me } = await guest.data<{ me: { tab: TabShape } }>(ME_QUERY);
    expect(me.tab.items.map((line) => line.menuItem.id)).toEqual(["lemonade"]);
  });

  it("reads the menu as a tool and as a resource", async () => {
    const agent = await agentFor(await MayaClient.startSession(maya.app.url));
    const menu = await call<{ items: { id: string; priceCents: number; modifiers: string[] }[] }>(agent.client, "get_menu");
    expect(menu.structured.items.find((item) => item.id === "martini")).toMatchObject({ priceCents: 1300 });
    expect(menu.text).toContain("Martini $13.00");
    expect(await readJson(agent.client, "maya://menu")).toEqual(menu.structured);
    const { resources } = await agent.client.listResources();
    expect(resources.map((resource) => resource.uri).sort()).toEqual(["maya://menu", "maya://session", "maya://tab"]);
  });

  it("counts MCP calls in /metrics by tool and outcome", async () => {
    const agent = await agentFor(await MayaClient.startSession(maya.app.url));
    const count = async (tool: string, outcome: string) => {
      const text = await (await fetch(`${maya.app.url}/metrics`)).text();
      return Number(text.match(new RegExp(`^maya_mcp_tool_calls_total\\{tool="${tool}",outcome="${outcome}"\\} (\\d+)`, "m"))?.[1] ?? 0);
    };
    const before = { ok: await count("get_tab", "success"), refused: await count("pay_tab", "refused"), invalid: await count("set_tip", "invalid"), unknown: await count("unknown", "invalid") };
    await ok(agent.client, "get_tab");
    await call(agent.client, "pay_tab");
    await call(agent.client, "set_tip", { percent: "fifteen" });
    await call(agent.client, "pour_me_anything");
    expect(await count("get_tab", "success")).toBe(before.ok + 1);
    expect(await count("pay_tab", "refused")).toBe(before.refused + 1);
    expect(await count("set_tip", "invalid")).toBe(before.invalid + 1);
    expect(await count("unknown", "invalid")).toBe(before.unknown + 1);
  });
});
