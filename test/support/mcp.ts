/**
 * MCP clients for tests: the SDK's own `Client` over Streamable HTTP (to a
 * real Maya's /mcp) or over stdio (to the bridge as a child process), plus a
 * raw JSON-RPC POST for what a well-behaved client would never send.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { LATEST_PROTOCOL_VERSION, ResourceUpdatedNotificationSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { expect } from "vitest";
import { projectPath } from "../../src/db/paths.js";

export const BRIDGE_ENTRY = projectPath("dist/src/mcp/stdio-main.js");

export interface McpGuest {
  readonly client: Client;
  /** `notifications/resources/updated` received, by URI, in order. */
  readonly updates: string[];
  close(): Promise<void>;
}

function withUpdates(client: Client): string[] {
  const updates: string[] = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
    updates.push(notification.params.uri);
  });
  return updates;
}

/** An SDK client on Maya's /mcp, as the guest holding `token` (or as a new guest without one). */
export async function connectHttp(baseUrl: string, token: string | null = null): Promise<McpGuest & { transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL("/mcp", baseUrl), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  const client = new Client({ name: "maya-tests", version: "1.0.0" });
  const updates = withUpdates(client);
  await client.connect(transport);
  return {
    client,
    transport,
    updates,
    close: async () => {
      await transport.terminateSession().catch(() => undefined);
      await client.close();
    },
  };
}

/** An SDK client speaking stdio to the bridge, run as `command args` with `env`. */
export async function connectStdio(command: string, args: string[], env: Record<string, string>): Promise<McpGuest & { stderr: () => string }> {
  const transport = new StdioClientTransport({ command, args, env: { PATH: process.env.PATH ?? "", ...env }, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: "maya-tests", version: "1.0.0" });
  const updates = withUpdates(client);
  await client.connect(transport);
  return { client, updates, stderr: () => stderr, close: () => client.close() };
}

export interface ToolAnswer<T = Record<string, any>> {
  isError: boolean;
  text: string;
  structured: T;
  meta: Record<string, any> | undefined;
}

export async function call<T = Record<string, any>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer<T>> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
  return { isError: result.isError === true, text, structured: result.structuredContent as T, meta: result._meta?.["maya/refusal"] as Record<string, any> | undefined };
}

/** A tool call that must succeed; its structured content. */
export async function ok<T = Record<string, any>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const answer = await call<T>(client, name, args);
  if (answer.isError) throw new Error(`${name} refused: ${answer.text}`);
  return answer.structured;
}

export async function readJson<T = Record<string, any>>(client: Client, uri: string): Promise<T> {
  const result = await client.readResource({ uri });
  const [content] = result.contents;
  if (!content || !("text" in content)) throw new Error(`${uri} has no text`);
  return JSON.parse(content.text) as T;
}

export async function waitForUpdates(guest: McpGuest, count: number): Promise<void> {
  await expect.poll(() => guest.updates.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
}

/** One raw POST to /mcp, as a client that does not follow the rules might send it. */
export async function rawPost(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(new URL("/mcp", baseUrl), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": LATEST_PROTOCOL_VERSION,
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export const initializeRequest = (id: number | string = 1) => ({
  jsonrpc: "2.0",
  id,
  method: "initialize",
  params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});
