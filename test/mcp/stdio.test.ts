/**
 * The stdio form: `npm run --silent mcp` (and the built bridge it runs) as a
 * child process, forwarding to a real Maya's /mcp. Nothing but JSON-RPC on
 * its stdout; tools, refusals and resource notifications pass through; a bad
 * token or URL is said clearly; and a Maya restart costs the guest nothing.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { projectPath } from "../../src/db/paths.js";
import { useMaya } from "../support/backends.js";
import { MayaClient, ME_QUERY, startTestMaya } from "../support/maya.js";
import { ADD, type TabShape } from "../support/operations.js";
import { createTestDatabase, postgresOrSkip } from "../support/postgres.js";
import { BRIDGE_ENTRY, call, connectStdio, ok, readJson, waitForUpdates, type McpGuest } from "../support/mcp.js";

const TOOLS = ["get_menu", "order_drinks", "remove_from_tab", "get_tab", "set_tip", "pay_tab", "payment_status", "say"];

interface Money {
  balanceCents: number;
  tab: { version: number; totalCents: number; items: { drink: string; quantity: number }[] };
}

/** Runs a command with `lines` written to its stdin one at a time, each after the previous answer. */
function runLines(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { cwd: projectPath("."), env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = () => stdout.split("\n").filter((line) => line !== "");
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    /** Sends one JSON-RPC message; for a request, waits for its answer and returns it. */
    async send(message: Record<string, unknown>): Promise<Record<string, any> | undefined> {
      child.stdin.write(`${JSON.stringify(message)}\n`);
      if (!("id" in message)) return undefined;
      const answered = () => lines().map((line) => JSON.parse(line) as Record<string, any>).find((parsed) => parsed.id === message.id);
      await expect.poll(answered, { timeout: 60_000, interval: 50 }).toBeDefined();
      return answered();
    },
    async end(): Promise<number | null> {
      child.stdin.end();
      const [code] = (await once(child, "exit")) as [number | null];
      return code;
    },
  };
}

/** A port nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "raw-host", version: "1" } },
};

describe("MCP over stdio: the bridge to a running Maya", () => {
  const maya = useMaya("pglite");
  const open: McpGuest[] = [];

  afterEach(async () => {
    for (const guest of open.splice(0)) await guest.close();
  });

  async function bridge(env: Record<string, string>) {
    const guest = await connectStdio(process.execPath, [BRIDGE_ENTRY], { MAYA_URL: maya.app.url, ...env });
    open.push(guest);
    return guest;
  }

  it("`npm run --silent mcp` speaks only JSON-RPC on stdout: lists the tools and orders for the guest", async () => {
    const guest = await MayaClient.startSession(maya.app.url, "Ann");
    const run = runLines("npm", ["run", "--silent", "mcp"], { MAYA_URL: maya.app.url, MAYA_SESSION_TOKEN: guest.token! });
    const initialized = await run.send(INITIALIZE);
    expect(initialized?.result).toMatchObject({ serverInfo: { name: "maya-bar" }, capabilities: { tools: {}, resources: { subscribe: true } } });
    await run.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    const listed = await run.send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    expect((listed?.result.tools as { name: string }[]).map((tool) => tool.name).sort()).toEqual([...TOOLS].sort());
    const ordered = await run.send({
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "order_drinks", arguments: { items: [{ drink: "martini", quantity: 2 }] } },
    });
    expect(ordered?.result).toMatchObject({ structuredContent: { balanceCents: 100_000 - 2600 } });
    const refused = await run.send({
      jsonrpc: "2.0",
      id: 4,
      method: "tools/call",
      params: { name: "order_drinks", arguments: { items: [{ drink: "unicorn tears" }] } },
    });
    expect(refused?.result).toMatchObject({ isError: true, _meta: { "maya/refusal": { code: "NOT_FOUND" } } });

    expect(await run.end()).toBe(0);
    const lines = run.stdout.split("\n").filter((line) => line !== "");
    expect(run.stdout.endsWith("\n")).toBe(true);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
    expect(lines).toHaveLength(4);
    // The logs went to stderr, and no token did.
    expect(run.stderr).toContain("Maya's MCP bridge is running on stdio");
    expect(run.stderr).not.toContain(guest.token!);

    const { me } = await guest.data<{ me: { tab: TabShape } }>(ME_QUERY);
    expect(me.tab.items.map((line) => [line.menuItem.id, line.quantity])).toEqual([["martini", 2]]);
  });

  it("passes tools, refusals and resource notifications through the SDK client", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const agent = await bridge({ MAYA_SESSION_TOKEN: guest.token! });
    const { tools } = await agent.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOLS].sort());
    expect(tools.every((tool) => tool.outputSchema?.type === "object")).toBe(true);

    const baseline = maya.app.services.feed.activeSubscriptions;
    await agent.client.subscribeResource({ uri: "maya://tab" });
    await expect.poll(() => maya.app.services.feed.activeSubscriptions).toBe(baseline + 1);
    const ordered = await ok<Money>(agent.client, "order_drinks", { items: [{ drink: "negroni" }] });
    await guest.data(ADD, { item: "ipa" });
    await waitForUpdates(agent, 2);
    expect(new Set(agent.updates)).toEqual(new Set(["maya://tab"]));
    const tab = await readJson<Money>(agent.client, "maya://tab");
    expect(tab.tab.version).toBe(ordered.tab.version + 1);
    expect(tab.tab.items.map((line) => line.drink)).toEqual(["negroni", "ipa"]);

    const refused = await call(agent.client, "order_drinks", { items: [{ drink: "martini", quantity: -1 }] });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain("Quantity must be a whole number from 1 to 50.");

    await agent.close();
    open.splice(open.indexOf(agent), 1);
    // The bridge ended its remote session on the way out: no subscription is left behind.
    await expect.poll(() => maya.app.services.feed.activeSubscriptions).toBe(baseline);
  });

  it("without a token, starts one guest and keeps acting for it", async () => {
    const agent = await bridge({});
    await ok(agent.client, "order_drinks", { items: [{ drink: "iced tea" }] });
    const { sessionToken } = await readJson<{ sessionToken: string }>(agent.client, "maya://session");
    const guest = new MayaClient(maya.app.url, sessionToken);
    const { me } = await guest.data<{ me: { tab: TabShape } }>(ME_QUERY);
    expect(me.tab.items.map((line) => line.menuItem.id)).toEqual(["iced-tea"]);
  });

  it("says clearly when the token is refused or Maya is not there, and keeps running", async () => {
    const forged = await bridge({ MAYA_SESSION_TOKEN: "A".repeat(43) });
    await expect(forged.client.listTools()).rejects.toThrow(/refused the session token/);
    const answer = await call(forged.client, "get_tab");
    expect(answer).toMatchObject({ isError: true });
    expect(answer.text).toMatch(/refused the session token.*check get_tab/);

    const closedPort = await freePort();
    const nowhere = await connectStdio(process.execPath, [BRIDGE_ENTRY], { MAYA_URL: `http://127.0.0.1:${closedPort}` });
    open.push(nowhere);
    await expect(nowhere.client.listTools()).rejects.toThrow(
      new RegExp(`^MCP error -32603: Maya cannot be reached at http://127\\.0\\.0\\.1:${closedPort}/mcp: .*ECONNREFUSED`),
    );
    // Still there, and still honest, on the next call.
    expect((await call(nowhere.client, "get_menu")).text).toMatch(/cannot be reached/);
  });

  it("refuses to start on a malformed MAYA_URL or MAYA_SESSION_TOKEN, on stderr only", async () => {
    const envs: Record<string, string>[] = [{ MAYA_URL: "not a url" }, { MAYA_URL: "ftp://example.com" }, { MAYA_SESSION_TOKEN: "short" }];
    for (const env of envs) {
      const run = runLines(process.execPath, [BRIDGE_ENTRY], env);
      expect(await run.end()).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^Maya's MCP bridge cannot start: (MAYA_URL|MAYA_SESSION_TOKEN)/);
    }
  });
});

describe("MCP over stdio across a Maya restart (PostgreSQL)", async () => {
  const available = await postgresOrSkip();

  it.skipIf(!available)("reopens the remote session as the same guest and renews the subscription", async () => {
    const database = await createTestDatabase();
    const first = await startTestMaya({ kind: "postgres", url: database.url });
    let second: Awaited<ReturnType<typeof startTestMaya>> | undefined;
    const agent = await connectStdio(process.execPath, [BRIDGE_ENTRY], { MAYA_URL: first.url });
    try {
      await ok(agent.client, "order_drinks", { items: [{ drink: "martini" }] });
      await agent.client.subscribeResource({ uri: "maya://tab" });
      const port = first.port;
      await first.close();
      second = await startTestMaya({ kind: "postgres", url: database.url }, { PORT: String(port) });
      // The old MCP session died with the old process; the bridge opens a new one for the same guest.
      const after = await ok<Money>(agent.client, "order_drinks", { items: [{ drink: "martini" }] });
      expect(after.tab.items).toEqual([expect.objectContaining({ drink: "martini", quantity: 2 })]);
      await expect.poll(() => second!.services.feed.activeSubscriptions).toBe(1);
      const { sessionToken } = await readJson<{ sessionToken: string }>(agent.client, "maya://session");
      const heard = agent.updates.length;
      await new MayaClient(second.url, sessionToken).data(ADD, { item: "ipa" });
      await waitForUpdates(agent, heard + 1);
    } finally {
      await agent.close();
      await second?.close();
      await first.close();
      await database.drop();
    }
  });
});
