/**
 * Client errors are client errors: a subscription sent over HTTP, a persisted
 * query of an unknown version or with a wrong hash, and over the socket a
 * subscription that fails validation or names no runnable operation, or
 * variables of the wrong type. Each gets a 400 (over HTTP) and
 * BAD_USER_INPUT with the reason and the validation message, and none is
 * logged or counted as a server error.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "graphql-ws";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { wsClient, wsRequest } from "../support/ws.js";
import { recordingLogger } from "../support/recording-logger.js";

const { logger, logged } = recordingLogger();

let app: MayaApp;
let guest: MayaClient;
const clients: Client[] = [];
beforeAll(async () => {
  app = await startTestMaya({ kind: "pglite" }, {}, { logger });
  guest = await MayaClient.startSession(app.url);
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
});
afterAll(async () => {
  await app?.close();
});

async function post(body: unknown): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${guest.token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function serverErrorCount(): Promise<number> {
  const metrics = await app.metrics.registry.getMetricsAsJSON();
  const operations = metrics.find((metric) => metric.name === "maya_graphql_operations_total");
  return (operations?.values ?? []).filter((value) => value.labels.outcome === "server_error").reduce((sum, value) => sum + Number(value.value), 0);
}

const errorLogs = () => logged.filter((line) => line.level === "error");

describe("over HTTP", () => {
  it.each([
    ["a subscription", { query: `subscription { tabChanged { reason } }` }, /graphql-ws/],
    ["a persisted query of an unknown version", { query: `{ menu { id } }`, extensions: { persistedQuery: { version: 2, sha256Hash: "abc" } } }, /version/],
    ["a persisted query whose hash does not match", { query: `{ menu { id } }`, extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } }, /sha/],
  ])("%s is a 400 BAD_USER_INPUT (BAD_REQUEST), answered at once, not logged or counted as a server error", async (_name, body, message) => {
    const [logsBefore, countBefore] = [errorLogs().length, await serverErrorCount()];
    const { status, body: result } = await post(body);
    expect(status).toBe(400);
    expect(result.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", reason: "BAD_REQUEST" });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(errorLogs().length).toBe(logsBefore);
    expect(await serverErrorCount()).toBe(countBefore);
  });
});

describe("over graphql-ws", () => {
  it.each([
    ["a subscription of an unknown field", `subscription { tabChanged { noSuchField } }`, {}, "GRAPHQL_VALIDATION_FAILED", /noSuchField/],
    ["a document that does not parse", `subscription { tabChanged {`, {}, "GRAPHQL_PARSE_FAILED", /Syntax Error/],
    ["two operations and no operationName", `query A { menu { id } } query B { menu { id } }`, {}, "OPERATION_RESOLUTION_FAILURE", /Name the operation/],
  ])("%s is BAD_USER_INPUT with its reason and message, and nothing is logged", async (_name, query, variables, reason, message) => {
    const logsBefore = errorLogs().length;
    const client = wsClient(app.url, guest.token);
    clients.push(client);
    const result = await wsRequest(client, query, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(errorLogs().length).toBe(logsBefore);
  });

  it("variables of the wrong type are BAD_USER_INPUT and change nothing", async () => {
    const logsBefore = errorLogs().length;
    const client = wsClient(app.url, guest.token);
    clients.push(client);
    const result = await wsRequest(client, `mutation Add($q: Int!) { addToTab(menuItemId: "ipa", quantity: $q) { id } }`, { q: "two" });
    expect(result.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT" });
    expect(result.errors?.[0]?.message).toMatch(/\$q/);
    expect(errorLogs().length).toBe(logsBefore);
    const me = await guest.data<{ me: { tab: { items: unknown[] } } }>(`{ me { tab { items { id } } } }`);
    expect(me.me.tab.items).toEqual([]);
  });
});
