/**
 * Client mistakes are client errors: every GraphQL request error that comes
 * from the request itself (the document, the operation it picks, its
 * variables, the shape of the body) is a 4xx over HTTP and BAD_USER_INPUT
 * (with the reason: GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
 * OPERATION_RESOLUTION_FAILURE, BAD_REQUEST) over HTTP and the socket, with
 * the message saying what was wrong; none writes an error-level log line
 * (Apollo's own logger included) or counts as a server error, so nobody can
 * flood the error log with them. Each kind is sent, and its status and the
 * log are checked.
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

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function send(init: { method?: string; body?: string; search?: string }): Promise<Answer> {
  const response = await fetch(`${app.url}/graphql${init.search ?? ""}`, {
    method: init.method ?? "POST",
    headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${guest.token}` },
    ...(init.body === undefined ? {} : { body: init.body }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as never };
}

const post = (body: unknown) => send({ body: JSON.stringify(body) });

async function serverErrorCount(): Promise<number> {
  const metrics = await app.metrics.registry.getMetricsAsJSON();
  const operations = metrics.find((metric) => metric.name === "maya_graphql_operations_total");
  return (operations?.values ?? []).filter((value) => value.labels.outcome === "server_error").reduce((sum, value) => sum + Number(value.value), 0);
}

const errorLogs = () => logged.filter((line) => line.level === "error");
const ADD = `mutation Add($q: Int!) { addToTab(menuItemId: "ipa", quantity: $q) { id } }`;

async function tabItems(): Promise<unknown[]> {
  return (await guest.data<{ me: { tab: { items: unknown[] } } }>(`{ me { tab { items { id } } } }`)).me.tab.items;
}

describe("over HTTP: a 4xx, BAD_USER_INPUT with its reason, no error log, no server error, nothing changed", () => {
  it.each([
    ["a document that does not parse", () => post({ query: `{ menu { id ` }), 400, "GRAPHQL_PARSE_FAILED", /Syntax Error/],
    ["a field that does not exist", () => post({ query: `{ menu { noSuchField } }` }), 400, "GRAPHQL_VALIDATION_FAILED", /noSuchField/],
    ["an operationName naming no operation", () => post({ query: `query A { menu { id } }`, operationName: "B" }), 400, "OPERATION_RESOLUTION_FAILURE", /Name the operation/],
    ["an operationName on an anonymous operation", () => post({ query: `{ menu { id } }`, operationName: "X" }), 400, "OPERATION_RESOLUTION_FAILURE", /Name the operation/],
    ["two operations and no operationName", () => post({ query: `query A { menu { id } } query B { menu { id } }` }), 400, "OPERATION_RESOLUTION_FAILURE", /Name the operation/],
    ["two mutations and no operationName", () => post({ query: `mutation A { addToTab(menuItemId: "ipa") { id } } mutation B { addToTab(menuItemId: "ipa") { id } }` }), 400, "OPERATION_RESOLUTION_FAILURE", /Name the operation/],
    ["a variable of the wrong type", () => post({ query: ADD, variables: { q: "two" } }), 400, undefined, /\$q/],
    ["a required variable missing", () => post({ query: ADD, variables: {} }), 400, undefined, /\$q/],
    ["variables that are not an object", () => post({ query: ADD, variables: "[1]" }), 400, "BAD_REQUEST", /variables/],
    ["an operationName that is not a string", () => post({ query: ADD, operationName: 5 }), 400, "BAD_REQUEST", /operationName/],
    ["no query at all", () => post({ variables: {} }), 400, "BAD_REQUEST", /query/],
    ["a body that is not JSON", () => send({ body: `{"query": "{ menu { id } }"` }), 400, undefined, /could not be read/],
    ["a batch (batching is off)", () => post([{ query: `{ menu { id } }` }, { query: `{ menu { id } }` }]), 400, "BAD_REQUEST", /batch/i],
    ["a mutation over GET", () => send({ method: "GET", search: `?query=${encodeURIComponent(`mutation { addToTab(menuItemId: "ipa") { id } }`)}` }), 405, "BAD_REQUEST", /GET/],
    ["a subscription", () => post({ query: `subscription { tabChanged { reason } }` }), 400, "BAD_REQUEST", /graphql-ws/],
    ["a persisted query of an unknown version", () => post({ query: `{ menu { id } }`, extensions: { persistedQuery: { version: 2, sha256Hash: "abc" } } }), 400, "BAD_REQUEST", /version/],
    ["a persisted query whose hash does not match", () => post({ query: `{ menu { id } }`, extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } }), 400, "BAD_REQUEST", /sha/],
  ] as const)("%s", async (_name, request, status, reason, message) => {
    const [logsBefore, countBefore] = [errorLogs().length, await serverErrorCount()];
    const answer = await request();
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    const error = answer.body.errors?.[0];
    expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
    if (reason !== undefined) expect(error?.extensions?.reason).toBe(reason);
    expect(error?.message).toMatch(message);
    expect(errorLogs(), JSON.stringify(errorLogs())).toHaveLength(logsBefore);
    expect(await serverErrorCount()).toBe(countBefore);
    expect(await tabItems()).toEqual([]);
  });
});

describe("over graphql-ws: BAD_USER_INPUT with its reason and message, no error log, nothing changed", () => {
  it.each([
    ["a subscription of an unknown field", `subscription { tabChanged { noSuchField } }`, {}, undefined, "GRAPHQL_VALIDATION_FAILED", /noSuchField/],
    ["a document that does not parse", `subscription { tabChanged {`, {}, undefined, "GRAPHQL_PARSE_FAILED", /Syntax Error/],
    ["two operations and no operationName", `query A { menu { id } } query B { menu { id } }`, {}, undefined, "OPERATION_RESOLUTION_FAILURE", /Name the operation/],
    ["an operationName naming no operation", `query A { menu { id } }`, {}, "B", "OPERATION_RESOLUTION_FAILURE", /Name the operation/],
    ["a variable of the wrong type", ADD, { q: "two" }, undefined, undefined, /\$q/],
    ["a required variable missing", ADD, {}, undefined, undefined, /\$q/],
  ] as const)("%s", async (_name, query, variables, operationName, reason, message) => {
    const logsBefore = errorLogs().length;
    const client = wsClient(app.url, guest.token);
    clients.push(client);
    const result = await wsRequest(client, query, { ...variables }, operationName);
    expect(result.closed).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    if (reason !== undefined) expect(result.errors?.[0]?.extensions?.reason).toBe(reason);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(errorLogs()).toHaveLength(logsBefore);
    expect(await tabItems()).toEqual([]);
  });
});
