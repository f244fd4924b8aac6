/**
 * MCP sessions that hop between instances (REDIS_URL): the SDK's own client,
 * its every HTTP request sent to the other of two instances in turn, keeps
 * one session: a new guest's, a bearer guest's, and an overlay token's
 * (read-only on both). The binding to its guest holds after a hop, a DELETE
 * on one instance ends it on both, and the state kept in Redis is encrypted
 * (no token in it, unreadable under another key).
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { RedisMcpSessionStore } from "../../src/mcp/session-store.js";
import { MayaClient, ME_QUERY, startTestMaya } from "../support/maya.js";
import { call, ok, rawPost, readJson } from "../support/mcp.js";
import { createTestDatabase, postgresOrSkip, type TestDatabase } from "../support/postgres.js";
import { redisEnv, redisSkipReason, REDIS_REQUIREMENT, REDIS_TEST_URL, uniqueRedisPrefix } from "../support/redis.js";
import { describeWhen } from "../support/requirements.js";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";

const onPostgres = await postgresOrSkip();
const missing = onPostgres ? await redisSkipReason() : "PostgreSQL is not reachable";

interface HoppingAgent {
  client: Client;
  /** Which instance each HTTP request went to. */
  served: string[];
  sessionId(): string | undefined;
  close(): Promise<void>;
}

/** The SDK client, each of its requests sent to the next of `urls` in turn (a balancer without stickiness). */
async function hoppingAgent(urls: string[], token: string | null = null): Promise<HoppingAgent> {
  const served: string[] = [];
  let next = 0;
  const transport = new StreamableHTTPClientTransport(new URL("/mcp", urls[0]), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
    fetch: (input, init) => {
      const target = urls[next++ % urls.length]!;
      const url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
      const base = new URL(target);
      url.host = base.host;
      served.push(target);
      return fetch(url, init);
    },
  });
  const client = new Client({ name: "hopping-agent", version: "1.0.0" });
  await client.connect(transport);
  return { client, served, sessionId: () => transport.sessionId, close: () => client.close() };
}

describeWhen(REDIS_REQUIREMENT, missing, "MCP sessions across instances", () => {
  let database: TestDatabase;
  let prefix: string;
  let a: MayaApp;
  let b: MayaApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = uniqueRedisPrefix("mcp");
    const env = redisEnv(prefix);
    [a, b] = await Promise.all([startTestMaya({ kind: "postgres", url: database.url }, env), startTestMaya({ kind: "postgres", url: database.url }, env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database?.drop();
  });

  it("keeps a new guest's session while every request lands on the other instance", async () => {
    const agent = await hoppingAgent([a.url, b.url]);
    try {
      expect((await agent.client.listTools()).tools.map((tool) => tool.name)).toContain("order_drinks");
      await ok(agent.client, "order_drinks", { items: [{ drink: "martini", quantity: 2 }] });
      await ok(agent.client, "order_drinks", { items: [{ drink: "water" }] });
      const tab = await ok<{ tab: { items: { quantity: number }[]; totalCents: number } }>(agent.client, "get_tab");
      expect(tab.tab.items.map((item) => item.quantity).sort()).toEqual([1, 2]);
      const session = await readJson<{ sessionToken: string; startedForThisMcpSession: boolean }>(agent.client, "maya://session");
      expect(session.startedForThisMcpSession).toBe(true);
      // The same guest throughout: GraphQL with the session's token sees the same tab.
      const me = await new MayaClient(b.url, session.sessionToken).data<{ me: { tab: { totalCents: number } } }>(ME_QUERY);
      expect(me.me.tab.totalCents).toBe(tab.tab.totalCents);
      expect(new Set(agent.served)).toEqual(new Set([a.url, b.url]));
      expect(agent.served.length).toBeGreaterThanOrEqual(6);
    } finally {
      await agent.close();
    }
  });

  it("keeps a bearer guest's session bound to that guest and token after a hop", async () => {
    const guest = await MayaClient.startSession(a.url);
    const other = await MayaClient.startSession(a.url);
    const agent = await hoppingAgent([a.url, b.url], guest.token);
    try {
      await ok(agent.client, "order_drinks", { items: [{ drink: "ipa" }] });
      const id = agent.sessionId()!;
      const headers = { "mcp-session-id": id, "mcp-protocol-version": LATEST_PROTOCOL_VERSION };
      const list = { jsonrpc: "2.0", id: 7, method: "tools/list" };
      for (const url of [a.url, b.url]) {
        expect((await rawPost(url, list, { ...headers, authorization: `Bearer ${other.token}` })).status).toBe(403);
        expect((await rawPost(url, list, headers)).status).toBe(401);
      }
    } finally {
      await agent.close();
    }
  });

  it("keeps an overlay token's session read-only on every instance", async () => {
    const guest = await MayaClient.startSession(a.url);
    await guest.data(`mutation { addToTab(menuItemId: "water") { id } }`);
    const { createOverlayToken } = await guest.data<{ createOverlayToken: string }>(`mutation { createOverlayToken }`);
    const agent = await hoppingAgent([b.url, a.url], createOverlayToken);
    try {
      for (let round = 0; round < 2; round += 1) {
        const tab = await readJson<{ tab: { items: { quantity: number }[] } }>(agent.client, "maya://tab");
        expect(tab.tab.items).toHaveLength(1);
        const refused = await call(agent.client, "order_drinks", { items: [{ drink: "martini" }] });
        expect(refused.isError).toBe(true);
        expect(refused.meta?.code ?? refused.text).toMatch(/FORBIDDEN|read/i);
      }
      const { me } = await guest.data<{ me: { tab: { items: { quantity: number }[] } } }>(ME_QUERY);
      expect(me.tab.items).toHaveLength(1);
    } finally {
      await agent.close();
    }
  });

  it("ends a session on every instance when its client deletes it on one", async () => {
    const agent = await hoppingAgent([a.url, b.url]);
    const id = agent.sessionId()!;
    const headers = { "mcp-session-id": id, "mcp-protocol-version": LATEST_PROTOCOL_VERSION };
    const list = { jsonrpc: "2.0", id: 8, method: "tools/list" };
    expect((await rawPost(a.url, list, headers)).status).toBe(200);
    expect((await rawPost(b.url, list, headers)).status).toBe(200);
    const deleted = await fetch(new URL("/mcp", a.url), { method: "DELETE", headers });
    expect(deleted.status).toBe(200);
    expect((await rawPost(b.url, list, headers)).status).toBe(404);
    expect((await rawPost(a.url, list, headers)).status).toBe(404);
    expect((await rawPost(b.url, list, { ...headers, "mcp-session-id": "0f0e0d0c-0000-4000-8000-000000000000" })).status).toBe(404);
  });

  it("keeps the session's state in Redis encrypted: no token in it, nothing under another key", async () => {
    const guest = await MayaClient.startSession(a.url);
    const agent = await hoppingAgent([a.url, b.url], guest.token);
    const redis = new Redis(REDIS_TEST_URL);
    try {
      const id = agent.sessionId()!;
      const raw = await redis.get(`${prefix}mcp-session:${id}`);
      expect(raw).toBeTruthy();
      expect(raw).not.toContain(guest.token!);
      expect(Buffer.from(raw!, "base64").toString("latin1")).not.toContain(guest.token!);
      const otherKey = new RedisMcpSessionStore(redis, prefix, Buffer.alloc(32, 7), 60);
      expect(await otherKey.find(id)).toBeNull();
      // A record moved under another session's id does not open either.
      await redis.set(`${prefix}mcp-session:moved`, raw!);
      expect(await otherKey.find("moved")).toBeNull();
    } finally {
      redis.disconnect();
      await agent.close();
    }
  });
});
