/**
 * A fuzz test of the GraphQL API: operations and variables generated from the
 * served schema (schema.graphql) with fast-check (any root field, nested
 * selections, arguments of the right type, the wrong type, null, out of
 * range, huge, odd strings; as literals or variables; with and without a
 * token), sent over HTTP and over the graphql-ws socket. Whatever they ask,
 * no answer is a 5xx or an INTERNAL_SERVER_ERROR, and afterwards money is
 * conserved for every session: starting balance = balance + open tab + paid tabs.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLObjectType,
} from "graphql";
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectPath } from "../../src/db/paths.js";
import { useMaya } from "../support/backends.js";
import { MayaClient } from "../support/maya.js";
import { wsClient, wsRequest } from "../support/ws.js";

const schema = buildSchema(readFileSync(projectPath("schema.graphql"), "utf8"));
type Gen = Parameters<Parameters<ReturnType<typeof fc.gen>["map"]>[0]>[0];

interface Operation {
  query: string;
  variables: Record<string, unknown>;
  withToken: boolean;
}

/** Strings a guest, a typo or an attacker might send, NUL and half surrogate pairs included. */
const oddString = fc.oneof(
  fc.constantFrom("martini", "ipa", "water", "two ipas please", "I'll pay my bill", "tip 15%", "", " ", "🍸".repeat(300), "x".repeat(5000)),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    "'; DROP TABLE tabs; --",
    "\u202e\u200b",
    "\ud800",
    "two ipas please\u0000",
    "\u0000",
    "4242424242424242",
    "00000000-0000-4000-8000-000000000000",
  ),
);
const oddInt = fc.oneof(fc.integer({ min: -3, max: 120 }), fc.constantFrom(2 ** 31 - 1, -(2 ** 31), 1_000_000_000));
const wrongValue = fc.oneof(fc.double({ noNaN: true }), fc.boolean(), oddString, fc.constant(null), fc.constant([1, 2]), fc.constant({ a: 1 }));

/** A JS value for an input type: mostly of the type, sometimes not. */
function valueFor(g: Gen, type: GraphQLInputType, depth = 0): unknown {
  if (g(fc.integer, { min: 0, max: 19 }) === 0) return g(() => wrongValue);
  if (isNonNullType(type)) return valueFor(g, type.ofType, depth);
  if (isListType(type)) {
    const length = g(fc.integer, { min: 0, max: 3 });
    return Array.from({ length }, () => valueFor(g, type.ofType, depth + 1));
  }
  if (isEnumType(type)) return g(fc.constantFrom, ...type.getValues().map((value) => value.name));
  if (isInputObjectType(type)) {
    if (depth > 2) return null;
    return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, valueFor(g, field.type, depth + 1)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
        return g(() => oddInt);
      case "Float":
        return g(fc.double, { noNaN: true, noDefaultInfinity: true });
      case "Boolean":
        return g(fc.boolean);
      case "ID":
        return g(fc.oneof, fc.constantFrom("martini", "ipa", "whiskey", "mojito"), fc.uuid(), oddString);
      default:
        return g(() => oddString);
    }
  }
  return null;
}

/** A GraphQL literal for a JS value (enums bare, strings JSON-escaped, which GraphQL reads the same). */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, isListType(type) || isNonNullType(type) ? unwrapList(type) : type)).join(", ")}]`;
  if (typeof value === "object") {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{${Object.entries(value)
      .map(([key, inner]) => `${key}: ${literal(inner, fields[key]?.type ?? named)}`)
      .join(", ")}}`;
  }
  if (isEnumType(named) && typeof value === "string" && /^[A-Z_]+$/.test(value)) return value;
  return JSON.stringify(value);
}

function unwrapList(type: GraphQLInputType): GraphQLInputType {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner) ? inner.ofType : inner;
}

function selection(g: Gen, type: GraphQLObjectType, depth: number, variables: Map<string, { type: string; value: unknown }>): string {
  const fields = type.getFields();
  const names = Object.keys(fields);
  // Names, not field objects: fast-check compares g's arguments, and schema objects are cyclic.
  const picked = g(fc.shuffledSubarray, names, { minLength: 1, maxLength: Math.min(4, names.length) }).map((name) => fields[name]!);
  const parts = picked.map((field) => {
    const args = field.args
      .filter((arg) => isNonNullType(arg.type) || g(fc.boolean))
      .map((arg) => {
        const value = valueFor(g, arg.type);
        if (g(fc.boolean)) {
          const name = `v${variables.size}`;
          variables.set(name, { type: String(arg.type), value });
          return `${arg.name}: $${name}`;
        }
        return `${arg.name}: ${literal(value, arg.type)}`;
      });
    const head = `${field.name}${args.length ? `(${args.join(", ")})` : ""}`;
    const named = getNamedType(field.type);
    if (!isObjectType(named)) return head;
    return depth >= 4 ? `${head} { __typename }` : `${head} { ${selection(g, named, depth + 1, variables)} }`;
  });
  return parts.join(" ");
}

const operation: fc.Arbitrary<Operation> = fc.gen().map((g) => {
  const root = g(fc.constantFrom, "query", "mutation") as "query" | "mutation";
  const type = (root === "query" ? schema.getQueryType() : schema.getMutationType())!;
  const variables = new Map<string, { type: string; value: unknown }>();
  const body = selection(g, type, 0, variables);
  const declarations = [...variables].map(([name, variable]) => `$${name}: ${variable.type}`).join(", ");
  return {
    query: `${root}${declarations ? ` Fuzz(${declarations})` : ""} { ${body} }`,
    variables: Object.fromEntries([...variables].map(([name, variable]) => [name, variable.value])),
    withToken: g(fc.integer, { min: 0, max: 9 }) > 0,
  };
});

describe("fuzzing the GraphQL API (PGlite)", () => {
  const maya = useMaya("pglite", { env: { MAYA_STARTING_BALANCE_CENTS: "20000" } });
  let guest: MayaClient;
  let socket: Client;
  const seen = { operations: 0, errors: 0, data: 0 };

  beforeAll(async () => {
    guest = await MayaClient.startSession(maya.app.url, "Fuzz");
    socket = wsClient(maya.app.url, guest.token);
  });
  afterAll(async () => {
    await socket?.dispose();
    console.log(`[fuzz] ${seen.operations} operations: ${seen.data} with data, ${seen.errors} refused with a client error`);
  });

  function check(where: string, op: Operation, result: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }) {
    seen.operations++;
    if (result.errors?.length) seen.errors++;
    if (result.data) seen.data++;
    const internal = result.errors?.filter((error) => error.extensions?.code === "INTERNAL_SERVER_ERROR" || !error.extensions?.code) ?? [];
    expect(internal, `${where}: ${op.query}\nvariables: ${JSON.stringify(op.variables).slice(0, 500)}`).toEqual([]);
  }

  it("over HTTP: no 5xx, no INTERNAL_SERVER_ERROR", async () => {
    await fc.assert(
      fc.asyncProperty(operation, async (op) => {
        const response = await fetch(`${maya.app.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(op.withToken ? { authorization: `Bearer ${guest.token}` } : {}) },
          body: JSON.stringify({ query: op.query, variables: op.variables }),
        });
        expect(response.status, op.query).toBeLessThan(500);
        check("http", op, (await response.json()) as never);
      }),
      { numRuns: 250 },
    );
  });

  it("over graphql-ws: no INTERNAL_SERVER_ERROR, the socket stays open", async () => {
    await fc.assert(
      fc.asyncProperty(operation, async (op) => {
        const result = await wsRequest(socket, op.query, op.variables);
        expect(result.closed, op.query).toBeUndefined();
        check("graphql-ws", op, result);
      }),
      { numRuns: 150 },
    );
  });

  it("afterwards money is conserved for every session", async () => {
    const rows = await maya.app.db.prisma.$queryRaw<{ id: string; starting: number; balance: number; tabs: number }[]>`
      SELECT s.id, s.starting_balance_cents AS starting, s.balance_cents AS balance,
             COALESCE(SUM(t.total_cents) FILTER (WHERE t.status IN ('OPEN', 'PAYMENT_PENDING', 'PAID')), 0)::int AS tabs
        FROM sessions s LEFT JOIN tabs t ON t.session_id = s.id GROUP BY s.id`;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Number(row.balance) + Number(row.tabs), row.id).toBe(Number(row.starting));
    expect(seen.data).toBeGreaterThan(10);
  });
});
