/**
 * /mcp against hostile and clumsy callers: wrong types, huge and NUL-laden
 * strings, negative and absurd quantities, sprawling arguments, raw HTTP that
 * breaks the rules, other guests' tokens on a session, too many sessions, a
 * flood, and sessions left to idle. Every refusal is clear and changes nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { useMaya } from "../support/backends.js";
import { MayaClient, ME_QUERY, startTestMaya } from "../support/maya.js";
import { call, connectHttp, initializeRequest, ok, rawPost, type McpGuest } from "../support/mcp.js";

interface Money {
  balanceCents: number;
  tab: { version: number; totalCents: number; items: { drink: string; quantity: number }[] };
}

/** The JSON-RPC messages in a response body, whether sent as JSON or as an SSE stream. */
function messagesOf(text: string): Record<string, any>[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) return [JSON.parse(trimmed)];
  return trimmed
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line.length > 6)
    .map((line) => JSON.parse(line.slice(6)));
}

async function sessionsActive(app: MayaApp): Promise<number> {
  return Number((await app.metrics.render()).match(/^maya_mcp_sessions_active (\d+)/m)?.[1]);
}

async function closedSessions(app: MayaApp, reason: "idle" | "displaced"): Promise<number> {
  return Number((await app.metrics.render()).match(new RegExp(`^maya_mcp_sessions_closed_total\\{reason="${reason}"\\} (\\d+)`, "m"))?.[1] ?? 0);
}

/** A session's notification stream (GET /mcp), open until aborted: the session is busy meanwhile. */
async function openStream(baseUrl: string, sessionId: string): Promise<AbortController> {
  const controller = new AbortController();
  const response = await fetch(new URL("/mcp", baseUrl), {
    headers: { accept: "text/event-stream", "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  response.body?.cancel().catch(() => undefined);
  return controller;
}

async function guestsStarted(app: MayaApp): Promise<number> {
  return Number((await app.metrics.render()).match(/^maya_sessions_started_total (\d+)/m)?.[1] ?? 0);
}

/** A raw MCP session: initialize and initialized, by hand. */
async function rawSession(baseUrl: string, headers: Record<string, string> = {}) {
  const init = await rawPost(baseUrl, initializeRequest(), headers);
  expect(init.status).toBe(200);
  const id = init.headers.get("mcp-session-id")!;
  const withId = { ...headers, "mcp-session-id": id };
  expect((await rawPost(baseUrl, { jsonrpc: "2.0", method: "notifications/initialized" }, withId)).status).toBe(202);
  return {
    id,
    post: (body: unknown, extra: Record<string, string> = {}) => rawPost(baseUrl, body, { ...withId, ...extra }),
  };
}

describe("hostile input over MCP (PGlite)", () => {
  const maya = useMaya("pglite");
  const open: McpGuest[] = [];

  afterEach(async () => {
    for (const guest of open.splice(0)) await guest.close();
  });

  async function guestWithAgent() {
    const guest = await MayaClient.startSession(maya.app.url);
    const agent = await connectHttp(maya.app.url, guest.token);
    open.push(agent);
    await ok(agent.client, "order_drinks", { items: [{ drink: "martini", quantity: 2 }] });
    return { guest, agent, before: await ok<Money>(agent.client, "get_tab") };
  }

  it("refuses wrong types, negative, fractional and absurd quantities and sprawling arguments as tool errors, changing nothing", async () => {
    const { agent, before } = await guestWithAgent();
    const refusals: [string, Record<string, unknown>][] = [
      ["order_drinks", { items: "martini" }],
      ["order_drinks", { items: [] }],
      ["order_drinks", { items: [{ drink: 42 }] }],
      ["order_drinks", { items: [{ drink: "martini", quantity: "two" }] }],
      ["order_drinks", { items: [{ drink: "martini", quantity: -1 }] }],
      ["order_drinks", { items: [{ drink: "martini", quantity: 0 }] }],
      ["order_drinks", { items: [{ drink: "martini", quantity: 1.5 }] }],
      ["order_drinks", { items: [{ drink: "martini", quantity: 1e300 }] }],
      ["order_drinks", { items: [{ drink: "martini", quantity: null }] }],
      ["order_drinks", { items: [{ drink: "martini", modifiers: "dry" }] }],
      ["order_drinks", { items: [{ drink: "martini", modifiers: ["dry", "shaken", "stirred"] }] }],
      ["order_drinks", { items: [{ drink: "martini", modifiers: ["x".repeat(41)] }] }],
      ["order_drinks", { items: [{ drink: "martini", modifiers: ["with\u0000a twist"] }] }],
      ["order_drinks", { items: Array.from({ length: 11 }, () => ({ drink: "water" })) }],
      ["order_drinks", { items: [{ drink: "martini", quantity: 1, ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])) }] }],
      ["order_drinks", { items: [{ drink: { nested: { deeper: [[[["martini"]]]] } } }] }],
      ["order_drinks", { items: [{ drink: "m".repeat(101) }] }],
      ["order_drinks", { items: [{ drink: "" }] }],
      ["order_drinks", { items: [{ drink: "\u0000\u0000" }] }],
      ["order_drinks", { items: [{ drink: "martini\u0000; DROP TABLE tab" }] }],
      ["remove_from_tab", {}],
      ["remove_from_tab", { drink: "martini", lineId: "x" }],
      ["remove_from_tab", { drink: "martini", quantity: -2 }],
      ["remove_from_tab", { lineId: "00000000-0000-0000-0000-000000000000" }],
      ["set_tip", { percent: 15.5 }],
      ["set_tip", { percent: -5 }],
      ["set_tip", { percent: 101 }],
      ["set_tip", { percent: 10, amountCents: 100 }],
      ["set_tip", { amountCents: 1_000_000 }],
      ["set_tip", {}],
      ["payment_status", { paymentId: "'; --" }],
      ["payment_status", { paymentId: "p".repeat(101) }],
      ["say", { text: 123 }],
      ["say", { text: "   " }],
      ["say", { text: "x".repeat(501) }],
      ["no_such_tool", {}],
    ];
    for (const [tool, args] of refusals) {
      const answer = await call(agent.client, tool, args);
      expect(answer.isError, `${tool} ${JSON.stringify(args).slice(0, 80)}: ${answer.text}`).toBe(true);
      expect(answer.text.length).toBeGreaterThan(0);
      expect(answer.text).not.toMatch(/prisma|postgres|stack|at .*\.js/i);
    }
    expect(await ok<Money>(agent.client, "get_tab")).toEqual(before);
  });

  it("lets NUL and odd characters in a drink name or an utterance do no harm", async () => {
    const { agent, guest } = await guestWithAgent();
    const named = await call<Money>(agent.client, "order_drinks", { items: [{ drink: "i\u0000p\u0000a" }] });
    expect(named.isError).toBe(true);
    // Cleaned by the conversation as GraphQL's say is: the NUL and the bidirectional override go, the words stay.
    const nul = await call<{ reply: string }>(agent.client, "say", { text: "one ipa\u0000 please" });
    expect(nul.isError).toBe(false);
    const odd = await call<{ reply: string }>(agent.client, "say", { text: "one ipa please \u202e\ud83c\udf7a" });
    expect(odd.isError).toBe(false);
    const { me } = await guest.data<{ me: { tab: { items: { menuItem: { id: string }; quantity: number }[] }; transcript: { text: string }[] } }>(
      `{ me { tab { items { quantity menuItem { id } } } transcript(last: 10) { text } } }`,
    );
    expect(me.transcript.map((message) => message.text)).toEqual([
      "one ipa please",
      nul.structured.reply,
      "one ipa please \ud83c\udf7a",
      odd.structured.reply,
    ]);
    expect(me.tab.items.map((line) => [line.menuItem.id, line.quantity])).toEqual([["martini", 2], ["ipa", 2]]);
    // Beyond 500 characters (counted as characters) the conversation refuses, as over GraphQL.
    const long = await call(agent.client, "say", { text: "x".repeat(501) });
    expect(long).toMatchObject({ isError: true });
    expect(long.text).toContain("500");
    expect((await call(agent.client, "say", { text: "\ud83c\udf7a".repeat(300) })).isError).toBe(false);
  });

  it("refuses an oversized body with 413 and keeps the session usable", async () => {
    const { agent, before } = await guestWithAgent();
    await expect(call(agent.client, "say", { text: "x".repeat(70_000) })).rejects.toMatchObject({ code: 413 });
    expect(await ok<Money>(agent.client, "get_tab")).toEqual(before);
  });

  it("keeps an MCP session to the guest it was opened for", async () => {
    const ann = await MayaClient.startSession(maya.app.url, "Ann");
    const bob = await MayaClient.startSession(maya.app.url, "Bob");
    const annSession = await rawSession(maya.app.url, { authorization: `Bearer ${ann.token}` });
    const listTab = { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "order_drinks", arguments: { items: [{ drink: "ipa" }] } } };

    const hijack = await annSession.post(listTab, { authorization: `Bearer ${bob.token}` });
    expect(hijack.status).toBe(403);
    expect(JSON.parse(hijack.text)).toMatchObject({ error: { message: "This MCP session belongs to another guest." } });
    const bare = await rawPost(maya.app.url, listTab, { "mcp-session-id": annSession.id });
    expect(bare.status).toBe(401);
    const forged = await annSession.post(listTab, { authorization: `Bearer ${"B".repeat(43)}` });
    expect(forged.status).toBe(401);

    // An anonymous session takes no other guest's token either.
    const anonymous = await rawSession(maya.app.url);
    expect((await anonymous.post(listTab, { authorization: `Bearer ${bob.token}` })).status).toBe(403);

    for (const guest of [ann, bob]) {
      const { me } = await guest.data<{ me: { tab: { items: unknown[] } } }>(ME_QUERY);
      expect(me.tab.items).toEqual([]);
    }
    const done = await annSession.post(listTab, { authorization: `Bearer ${ann.token}` });
    expect(messagesOf(done.text)[0]).toMatchObject({ result: { structuredContent: { tab: { items: [{ drink: "ipa" }] } } } });
  });

  it("answers raw HTTP that breaks the rules with JSON-RPC errors, never a session", async () => {
    const before = await sessionsActive(maya.app);
    const guestsBefore = await guestsStarted(maya.app);
    const url = new URL("/mcp", maya.app.url);
    const cases: [RequestInit & { headers?: Record<string, string> }, number][] = [
      [{ method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }, 400],
      [{ method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify(initializeRequest()) }, 415],
      [{ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }) }, 400],
      [{ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([initializeRequest(1), initializeRequest(2)]) }, 400],
      [{ method: "POST", headers: { "content-type": "application/json", "mcp-session-id": "no-such-session" }, body: "{}" }, 404],
      [{ method: "GET", headers: { accept: "text/event-stream" } }, 400],
      [{ method: "DELETE", headers: { "mcp-session-id": "00000000-0000-4000-8000-000000000000" } }, 404],
      [{ method: "PUT", headers: { "content-type": "application/json" }, body: "{}" }, 400],
      [{ method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body: JSON.stringify(initializeRequest()) }, 403],
      [{ method: "POST", headers: { "content-type": "application/json" }, body: `{"a":"${"x".repeat(70_000)}"}` }, 413],
      [{ method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(initializeRequest()) }, 406],
    ];
    for (const [init, status] of cases) {
      const response = await fetch(url, { ...init, headers: { accept: "application/json, text/event-stream", ...init.headers } });
      const body = (await response.json()) as { jsonrpc: string; error: { code: number; message: string } };
      expect(response.status, `${init.method} ${JSON.stringify(init.headers)}`).toBe(status);
      expect(body).toMatchObject({ jsonrpc: "2.0", error: { code: expect.any(Number), message: expect.any(String) } });
      expect(response.headers.get("mcp-session-id")).toBeNull();
    }
    expect(await sessionsActive(maya.app)).toBe(before);
    // Not even a guest started for a refused initialize.
    expect(await guestsStarted(maya.app)).toBe(guestsBefore);
  });
});

describe("MCP session caps, idle expiry and rate limits (PGlite)", () => {
  let app: MayaApp;
  beforeAll(async () => {
    app = await startTestMaya(
      { kind: "pglite" },
      {
        MAYA_MCP_MAX_SESSIONS_PER_ADDRESS: "3",
        MAYA_MCP_IDLE_SECONDS: "3",
        MAYA_RATE_LIMIT_SESSION_BURST: "8",
        MAYA_RATE_LIMIT_SESSION_PER_SECOND: "1",
      },
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it("caps live sessions per address, frees a place on DELETE, and closes idle sessions with their subscriptions", async () => {
    const baseline = app.services.feed.activeSubscriptions;
    const sessions = [await rawSession(app.url), await rawSession(app.url), await rawSession(app.url)];
    const subscribed = await sessions[0]!.post({ jsonrpc: "2.0", id: 9, method: "resources/subscribe", params: { uri: "maya://tab" } });
    expect(messagesOf(subscribed.text)[0]).toMatchObject({ id: 9, result: {} });
    expect(app.services.feed.activeSubscriptions).toBe(baseline + 1);
    expect(await sessionsActive(app)).toBe(3);

    // Every session busy (an open notification stream each): none gives way, and the cap holds.
    const streams = await Promise.all(sessions.map((session) => openStream(app.url, session.id)));
    const fourth = await rawPost(app.url, initializeRequest());
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.text).error.message).toMatch(/At most 3 MCP sessions/);
    for (const stream of streams) stream.abort();

    const deleted = await fetch(new URL("/mcp", app.url), { method: "DELETE", headers: { "mcp-session-id": sessions[2]!.id, "mcp-protocol-version": "2025-11-25" } });
    expect(deleted.status).toBe(200);
    expect(await sessionsActive(app)).toBe(2);
    const replacement = await rawSession(app.url);

    // Nobody calls for more than the idle time: every session closes, and its feed subscription with it.
    await expect.poll(() => sessionsActive(app), { timeout: 15_000 }).toBe(0);
    expect(app.services.feed.activeSubscriptions).toBe(baseline);
    expect((await replacement.post({ jsonrpc: "2.0", id: 3, method: "tools/list" })).status).toBe(404);
  });

  it("an address at its cap is not locked out: its oldest idle session gives way, one with an open stream does not", async () => {
    await expect.poll(() => sessionsActive(app), { timeout: 15_000 }).toBe(0);
    const displacedBefore = await closedSessions(app, "displaced");
    // An agent host that crashed left three sessions behind; one of them still has a stream open.
    const [oldest, streaming, newest] = [await rawSession(app.url), await rawSession(app.url), await rawSession(app.url)];
    const stream = await openStream(app.url, streaming!.id);
    const live = [streaming!];
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      const first = await rawSession(app.url);
      live.push(first);
      expect((await oldest!.post({ jsonrpc: "2.0", id: 1, method: "tools/list" })).status).toBe(404);
      const second = await rawSession(app.url);
      live.push(second);
      expect((await newest!.post({ jsonrpc: "2.0", id: 2, method: "tools/list" })).status).toBe(404);
      for (const session of live) expect((await session.post({ jsonrpc: "2.0", id: 3, method: "tools/list" })).status).toBe(200);
      expect(await sessionsActive(app)).toBe(3);
      expect((await closedSessions(app, "displaced")) - displacedBefore).toBe(2);
    } finally {
      stream.abort();
      for (const session of live) {
        await fetch(new URL("/mcp", app.url), { method: "DELETE", headers: { "mcp-session-id": session.id, "mcp-protocol-version": "2025-11-25" } });
      }
    }
  });

  it("keeps a session with an open notification stream alive past the idle time", async () => {
    const guest = await MayaClient.startSession(app.url);
    const agent = await connectHttp(app.url, guest.token);
    try {
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      expect((await call(agent.client, "get_menu")).isError).toBe(false);
    } finally {
      await agent.close();
    }
  });

  it("limits a guest's calls with the same buckets as GraphQL, and lets them back after a refill", async () => {
    const guest = await MayaClient.startSession(app.url);
    const session = await rawSession(app.url, { authorization: `Bearer ${guest.token}` });
    // All at once, so the bucket (8, refilling 1 a second) cannot refill much meanwhile, however slow the machine.
    const order = (id: number) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "order_drinks", arguments: { items: [{ drink: "water" }] } } });
    const statuses = await Promise.all(Array.from({ length: 16 }, (_, i) => session.post(order(10 + i)).then((response) => response.status)));
    const served = statuses.filter((status) => status === 200).length;
    const refused = statuses.filter((status) => status === 429).length;
    expect(served + refused).toBe(16);
    expect(served).toBeGreaterThanOrEqual(6);
    expect(refused).toBeGreaterThanOrEqual(5);
    const metrics = await app.metrics.render();
    expect(Number(metrics.match(/^maya_rate_limit_rejections_total\{scope="session"\} (\d+)/m)?.[1])).toBeGreaterThanOrEqual(refused);
    // The very same bucket: GraphQL is refused for this guest too until it refills.
    expect(await guest.errorCode(ME_QUERY)).toBe("RATE_LIMITED");

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const again = await session.post({ jsonrpc: "2.0", id: 99, method: "tools/call", params: { name: "get_tab", arguments: {} } });
    expect(again.status).toBe(200);
    // Every refused call changed nothing (read once the next second's token is in).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { me } = await guest.data<{ me: { tab: { items: { quantity: number }[] } } }>(ME_QUERY);
    expect(me.tab.items[0]!.quantity).toBe(served);
  });
});
