/**
 * One set of request limits on every transport: the amplification queries of
 * issue 10 (hundreds of aliases, a fragment chain that doubles at each step,
 * floods of tokens or directives, an oversized query) are refused before they
 * run, over HTTP and over the graphql-ws socket alike, with the same coded
 * error; rate limits and caps on subscriptions per socket and sockets per
 * address hold on the socket as they do over HTTP.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "graphql-ws";
import type { MayaApp } from "../../src/app.js";
import { useMaya } from "../support/backends.js";
import { MayaClient, startTestMaya, type GraphQLResponse } from "../support/maya.js";
import { ADD } from "../support/operations.js";
import { TAB_CHANGED } from "../support/subscriptions.js";
import { RawSocket, wsClient, wsRequest } from "../support/ws.js";

type Transport = "http" | "graphql-ws";

/** Written compactly, as an attacker fitting the most into the byte limit would. */
const aliases = (count: number, selection: string) =>
  `{${Array.from({ length: count }, (_, i) => `a${i.toString(36)}:${selection}`).join(" ")}}`;

/** F0 spreads F1 twice, F1 spreads F2 twice...: valid, no cycle, 2^depth paths. */
const fragmentChain = (depth: number) =>
  [
    `query Chain { ...F0 }`,
    ...Array.from({ length: depth }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`),
    `fragment F${depth} on Query { menu { id } }`,
  ].join("\n");

const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
});

/** `token` null means none over HTTP; a socket always needs one (it is refused without), so it gets `socketToken`. */
async function run(
  app: MayaApp,
  transport: Transport,
  token: string | null,
  query: string,
  { socketToken = token }: { socketToken?: string | null } = {},
) {
  if (transport === "http") return new MayaClient(app.url, token).request(query);
  const client = wsClient(app.url, socketToken);
  clients.push(client);
  return wsRequest(client, query);
}

/** Refused before running: no data, the code, and one of the reasons (the first limit to trip wins). */
function expectRefused(result: GraphQLResponse, code: string, reason: string | string[]) {
  expect(result.data ?? null, JSON.stringify(result).slice(0, 300)).toBeNull();
  expect(result.errors?.map((error) => error.extensions?.code)).toContain(code);
  const reasons = typeof reason === "string" ? [reason] : reason;
  expect(result.errors?.some((error) => reasons.includes(String(error.extensions?.reason)))).toBe(true);
  expect(result.errors?.some((error) => error.extensions?.code === "INTERNAL_SERVER_ERROR")).toBe(false);
}

describe.each<Transport>(["http", "graphql-ws"])("request limits over %s", (transport) => {
  const maya = useMaya("pglite");
  let guest: MayaClient;
  beforeAll(async () => {
    guest = await MayaClient.startSession(maya.app.url);
    await guest.data(ADD, { item: "ipa" });
    for (let i = 0; i < 5; i++) await guest.data(`mutation { say(text: "hello there") { text } }`);
  });

  /** What the amplification queries may trip first: each is refused before a resolver runs. */
  const AMPLIFICATION = ["TOO_MANY_TOKENS", "TOO_MANY_ALIASES", "QUERY_TOO_COSTLY"];

  it("refuses 572 aliases of me { transcript(last: 200) { text } } before running any of it", async () => {
    expect(Buffer.byteLength(aliases(572, "me{transcript(last:200){text}}"))).toBeLessThan(20_000);
    const before = await maya.app.db.prisma.message.count();
    const result = await run(maya.app, transport, guest.token, aliases(572, "me{transcript(last:200){text}}"));
    expectRefused(result, "BAD_USER_INPUT", AMPLIFICATION);
    expect(await maya.app.db.prisma.message.count()).toBe(before);
    // Within the token limit, the alias limit is what refuses.
    const aliased = await run(maya.app, transport, guest.token, aliases(40, "me{transcript(last:200){text}}"));
    expectRefused(aliased, "BAD_USER_INPUT", "TOO_MANY_ALIASES");
    expect(aliased.errors?.[0]?.message).toMatch(/at most 15 are allowed \(this one has 40\)/);
  });

  it("refuses 1,309 aliases of menu without a token, and 1,751 aliases of me { id }", async () => {
    expect(Buffer.byteLength(aliases(1751, "me{id}"))).toBeLessThan(20_000);
    const menu = await run(maya.app, transport, null, aliases(1309, "menu{id}"), { socketToken: guest.token });
    expectRefused(menu, "BAD_USER_INPUT", AMPLIFICATION);
    expectRefused(await run(maya.app, transport, guest.token, aliases(1751, "me{id}")), "BAD_USER_INPUT", AMPLIFICATION);
    expectRefused(await run(maya.app, transport, guest.token, aliases(16, "me{id}")), "BAD_USER_INPUT", "TOO_MANY_ALIASES");
  });

  it("allows a few aliases, and prices a long transcript: two of them pass, many are too costly", async () => {
    const ok = await run(maya.app, transport, guest.token, aliases(2, "me { transcript(last: 200) { text } }"));
    expect(ok.errors).toBeUndefined();
    expect((ok.data as { a0: { transcript: unknown[] } }).a0.transcript.length).toBeGreaterThan(0);
    expectRefused(await run(maya.app, transport, guest.token, aliases(12, "me { transcript(last: 200) { text } }")), "BAD_USER_INPUT", "QUERY_TOO_COSTLY");
  });

  it("validates a fragment chain that doubles at each of 40 steps in linear time (the answer comes back)", async () => {
    const result = await run(maya.app, transport, null, fragmentChain(40), { socketToken: guest.token });
    expectRefused(result, "BAD_USER_INPUT", "QUERY_TOO_COSTLY");
    // A short chain is an ordinary query.
    const short = await run(maya.app, transport, null, fragmentChain(3), { socketToken: guest.token });
    expect(short.errors).toBeUndefined();
    expect((short.data as { menu: unknown[] }).menu).toHaveLength(20);
  });

  it("refuses too deep a query, counting through fragments", async () => {
    const deep = `{ me { tab { items { menuItem { a { b { c { d { e } } } } } } } } }`;
    expectRefused(await run(maya.app, transport, guest.token, deep), "BAD_USER_INPUT", "QUERY_TOO_DEEP");
    const viaFragments = `fragment T on Tab { items { menuItem { a { b { c { d { e } } } } } } } { me { tab { ...T } } }`;
    expectRefused(await run(maya.app, transport, guest.token, viaFragments), "BAD_USER_INPUT", "QUERY_TOO_DEEP");
  });

  it("refuses a flood of tokens within the byte limit, and a flood of directives", async () => {
    const tokens = `{ menu { ${"id ".repeat(3000)} } }`;
    expect(Buffer.byteLength(tokens)).toBeLessThan(20_000);
    expectRefused(await run(maya.app, transport, guest.token, tokens), "BAD_USER_INPUT", "TOO_MANY_TOKENS");
    const directives = `{ menu { ${"__typename @include(if: true) ".repeat(60)} } }`;
    expectRefused(await run(maya.app, transport, guest.token, directives), "BAD_USER_INPUT", "TOO_MANY_DIRECTIVES");
  });

  it("refuses a query over the byte limit (a 60 KB query with 5,093 aliases)", async () => {
    const big = aliases(5093, "me{id}");
    expect(big.length).toBeGreaterThan(55_000);
    expect(big.length).toBeLessThan(64 * 1024);
    const result = await run(maya.app, transport, guest.token, big);
    expectRefused(result, "BAD_USER_INPUT", "QUERY_TOO_LARGE");
  });

  it("refuses a request body over 64 KiB (413 over HTTP, close 1009 on the socket, tested below)", async () => {
    if (transport !== "http") return;
    const response = await fetch(`${maya.app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ menu { id } }", variables: { pad: "x".repeat(70 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as GraphQLResponse).errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", reason: "MESSAGE_TOO_LARGE", maxBytes: 65_536 });
  });

  it("reports a subscription that fails validation as a client error with the validation message", async () => {
    const result = await run(maya.app, transport, guest.token, `subscription { tabChanged { noSuchField } }`);
    expectRefused(result, "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0]?.message).toMatch(/noSuchField/);
  });
});

describe("rate limits and socket caps on graphql-ws", () => {
  let app: MayaApp;
  beforeAll(async () => {
    app = await startTestMaya(
      { kind: "pglite" },
      {
        MAYA_RATE_LIMIT_SESSION_BURST: "5",
        MAYA_RATE_LIMIT_SESSION_PER_SECOND: "1",
        MAYA_MAX_SUBSCRIPTIONS_PER_SOCKET: "3",
        MAYA_MAX_SOCKETS_PER_ADDRESS: "4",
      },
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it("takes a burst of 5 mutations on one socket, refuses the rest with RATE_LIMITED, and HTTP shares the bucket", async () => {
    const guest = await MayaClient.startSession(app.url);
    const client = wsClient(app.url, guest.token);
    clients.push(client);
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await wsRequest(client, `mutation { addToTab(menuItemId: "ipa") { totalCents } }`));
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? (result.data ? "ok" : JSON.stringify(result)));
    expect(codes.filter((code) => code === "ok"), codes.join()).toHaveLength(5);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(7);
    expect(results.slice(5).every((result) => result.errors?.[0]?.extensions?.scope === "session")).toBe(true);
    // The same session's bucket is empty over HTTP too.
    expect(await guest.errorCode(`{ me { id } }`)).toBe("RATE_LIMITED");
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const me = await guest.data<{ me: { balanceCents: number; tab: { items: { quantity: number }[] } } }>(
      `{ me { balanceCents tab { items { quantity } } } }`,
    );
    expect(me.me.tab.items[0]?.quantity).toBe(5);
    expect(me.me.balanceCents).toBe(100_000 - 5 * 600);
  });

  it("caps subscriptions per socket (a fourth is refused; after one ends, another starts)", async () => {
    const guest = await MayaClient.startSession(app.url);
    const socket = RawSocket.open(app.url);
    expect(await socket.init({ authorization: `Bearer ${guest.token}` })).toBe(true);
    for (const id of ["1", "2", "3", "4"]) socket.send({ id, type: "subscribe", payload: { query: TAB_CHANGED } });
    const refused = await socket.waitFor((message) => message.id === "4" && message.type === "error");
    expect(refused.payload).toMatchObject([{ extensions: { code: "RATE_LIMITED", reason: "TOO_MANY_SUBSCRIPTIONS" } }]);
    await expect.poll(() => app.services.feed.activeSubscriptions).toBe(3);
    socket.send({ id: "2", type: "complete" });
    await expect.poll(() => app.services.feed.activeSubscriptions).toBe(2);
    socket.send({ id: "5", type: "subscribe", payload: { query: TAB_CHANGED } });
    await expect.poll(() => app.services.feed.activeSubscriptions).toBe(3);
    expect(socket.messages.filter((message) => message.type === "error")).toHaveLength(1);
    socket.close();
    await expect.poll(() => app.services.feed.activeSubscriptions).toBe(0);
  });

  it("caps sockets per address: the fifth is refused with 429, and a slot frees when one closes", async () => {
    const sockets = Array.from({ length: 4 }, () => RawSocket.open(app.url));
    await Promise.all(sockets.map((socket) => socket.opened));
    const fifth = RawSocket.open(app.url);
    await fifth.closing;
    expect(fifth.upgradeStatus).toBe(429);
    sockets[0]!.close();
    await sockets[0]!.closing;
    await expect
      .poll(async () => {
        const again = RawSocket.open(app.url);
        await again.closing.then(() => undefined, () => undefined).catch(() => undefined);
        const ok = await again.opened.then(
          () => true,
          () => false,
        );
        again.close();
        return ok;
      })
      .toBe(true);
    for (const socket of sockets) socket.close();
  });

  it("closes a socket that sends a message over the size limit (1009) and keeps serving others", async () => {
    const guest = await MayaClient.startSession(app.url);
    const socket = RawSocket.open(app.url);
    expect(await socket.init({ authorization: `Bearer ${guest.token}` })).toBe(true);
    socket.send({ id: "1", type: "subscribe", payload: { query: `{ menu { id } }`, variables: { pad: "x".repeat(70 * 1024) } } });
    expect((await socket.closing).code).toBe(1009);
    const other = wsClient(app.url, guest.token);
    clients.push(other);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await wsRequest(other, `{ menu { id } }`)).errors).toBeUndefined();
  });
});
