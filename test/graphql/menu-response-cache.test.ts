/**
 * The menu's prebuilt answers: the same bytes as executing the query, for any
 * selection of its fields; anything else (another field beside it, a
 * directive, variables) is executed as usual.
 */
import { ApolloServer } from "@apollo/server";
import { describe, expect, it } from "vitest";
import { menuResponseCache } from "../../src/graphql/menu-response-cache.js";
import { useMaya } from "../support/backends.js";
import { MayaClient } from "../support/maya.js";

describe("menuResponseCache, on a bare Apollo Server", () => {
  it("executes a menu-only document once, and everything else every time", async () => {
    let menuCalls = 0;
    let otherCalls = 0;
    const server = new ApolloServer({
      typeDefs: `type Item { id: ID! } type Query { menu: [Item!]! other: Int! }`,
      resolvers: { Query: { menu: () => (menuCalls++, [{ id: "water" }]), other: () => ++otherCalls } },
      plugins: [menuResponseCache()],
    });
    await server.start();
    try {
      const run = async (query: string, variables?: Record<string, unknown>) => {
        const response = await server.executeOperation({ query, variables });
        return response.body.kind === "single" ? response.body.singleResult : null;
      };
      for (let i = 0; i < 3; i += 1) expect(await run(`{ menu { id } }`)).toEqual({ data: { menu: [{ id: "water" }] } });
      expect(menuCalls).toBe(1);
      await run(`{ menu { id } other }`);
      await run(`{ menu { id } other }`);
      expect([menuCalls, otherCalls]).toEqual([3, 2]);
      await run(`query Q($s: Boolean!) { menu @skip(if: $s) { id } }`, { s: false });
      await run(`query Q($s: Boolean!) { menu @skip(if: $s) { id } }`, { s: false });
      expect(menuCalls).toBe(5);
      // An error is never remembered.
      expect((await run(`{ menu { nope } }`))?.errors).toBeDefined();
    } finally {
      await server.stop();
    }
  });
});

describe("menu responses in Maya", () => {
  const maya = useMaya("pglite");

  it("answers a repeated menu query with exactly what executing it gives, per selection", async () => {
    const client = new MayaClient(maya.app.url);
    const full = `{ menu { id name category priceCents description modifiers } }`;
    const first = await client.request(full);
    const second = await client.request(full);
    expect(first.data?.menu).toHaveLength(20);
    expect(second).toEqual(first);
    const narrow = await client.request(`{ menu { id } __typename }`);
    expect(narrow).toEqual({ data: { menu: first.data?.menu.map(({ id }: { id: string }) => ({ id })), __typename: "Query" } });
    expect(await client.request(`{ menu { id } __typename }`)).toEqual(narrow);
  });

  it("executes what is not only the menu: another field, a directive, variables", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const withMe = `{ menu { id } me { balanceCents } }`;
    expect((await guest.request(withMe)).data?.me.balanceCents).toBe(100_000);
    await guest.data(`mutation { addToTab(menuItemId: "water") { version } }`);
    expect((await guest.request(withMe)).data?.me.balanceCents).toBe(99_900);
    const skipped = `query Q($skip: Boolean!) { menu @skip(if: $skip) { id } }`;
    expect((await guest.request(skipped, { skip: true })).data).toEqual({});
    expect((await guest.request(skipped, { skip: false })).data?.menu).toHaveLength(20);
    expect((await guest.request(skipped, { skip: true })).data).toEqual({});
  });
});
