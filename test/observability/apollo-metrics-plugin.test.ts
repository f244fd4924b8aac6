import { ApolloServer } from "@apollo/server";
import { GraphQLError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors.js";
import { createApolloMetricsPlugin } from "../../src/observability/apollo-metrics-plugin.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { type Exposition, parseExposition } from "./prometheus-text.js";

const typeDefs = /* GraphQL */ `
  type Query { menu: [String!]! me: String! }
  type Mutation { say(text: String!): String! checkout: String! }
  type Subscription { tabChanged: String! }
`;

const resolvers = {
  Query: { menu: () => ["martini"], me: () => "me" },
  Mutation: {
    say: () => "Coming right up.",
    checkout: (_: unknown, __: unknown, context: { fail?: string }) => {
      if (context.fail === "domain") throw new DomainError("INSUFFICIENT_FUNDS", "Not enough balance.");
      if (context.fail === "mapped") throw new GraphQLError("Locked", { extensions: { code: "TAB_LOCKED" } });
      throw new Error("database on fire");
    },
  },
};

const metrics = createMetrics({ config: {}, collectDefaultMetrics: false });
let clock = 0;
const server = new ApolloServer<{ fail?: string }>({
  typeDefs,
  resolvers,
  plugins: [createApolloMetricsPlugin(metrics, { nowMs: () => (clock += 10) })],
});

beforeAll(() => server.start());
afterAll(() => server.stop());

const run = (query: string, options: { operationName?: string; fail?: string } = {}) =>
  server.executeOperation(
    { query, ...(options.operationName ? { operationName: options.operationName } : {}) },
    { contextValue: options.fail ? { fail: options.fail } : {} },
  );

/** operation/type/outcome -> count */
const counts = (exposition: Exposition) =>
  Object.fromEntries(
    exposition.samples
      .filter((s) => s.name === "maya_graphql_operations_total")
      .map((s) => [`${s.labels.operation}/${s.labels.type}/${s.labels.outcome}`, s.value]),
  );

describe("Apollo metrics plugin", () => {
  it("labels operations by root field, type and outcome, never by the client's operation name", async () => {
    await run("{ menu }");
    await run("query WhateverTheClientLikes123 { menu }");
    await run("query Q { ...Root } fragment Root on Query { menu }");
    await run('mutation { say(text: "a martini") }');
    await run("mutation { checkout }", { fail: "domain" });
    await run("mutation { checkout }", { fail: "mapped" });
    await run("mutation { checkout }", { fail: "internal" });
    await run("{ menu me }");
    await run("{ __schema { queryType { name } } }");
    await run("{ menu");
    await run("{ noSuchField }");
    await run("query A { menu }", { operationName: "B" });

    const exposition = parseExposition(await metrics.render());
    expect(counts(exposition)).toEqual({
      "menu/query/success": 3,
      "say/mutation/success": 1,
      "checkout/mutation/client_error": 2,
      "checkout/mutation/server_error": 1,
      "multiple/query/success": 1,
      "introspection/query/success": 1,
      "other/unknown/invalid": 3,
    });
    const duration = exposition.samples.find(
      (s) => s.name === "maya_graphql_operation_duration_seconds_sum" && s.labels.operation === "say",
    );
    expect(duration?.value).toBeCloseTo(0.01);
  });
});
