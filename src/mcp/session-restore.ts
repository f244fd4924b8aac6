/**
 * Brings an MCP session that was initialized on another instance back to
 * life here: a fresh transport and server, told they are past initialize.
 * The SDK has no public way to do that (its transport only becomes
 * initialized by answering an initialize request itself), so this is the one
 * place that sets its fields; it checks they are still there, and the MCP
 * hop test (test/mcp/session-hop.test.ts) fails if a later SDK moves them.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

interface TransportInternals {
  _webStandardTransport?: { sessionId?: string; _initialized?: boolean };
}

interface ServerInternals {
  _clientCapabilities?: unknown;
  _clientVersion?: unknown;
}

export function markInitialized(transport: StreamableHTTPServerTransport, sessionId: string): void {
  const inner = (transport as unknown as TransportInternals)._webStandardTransport;
  if (!inner || typeof inner._initialized !== "boolean") {
    throw new Error("This MCP SDK's transport cannot be restored (its internals changed): MCP sessions cannot move between instances.");
  }
  inner.sessionId = sessionId;
  inner._initialized = true;
}

/** What the client declared at initialize, as the server would have recorded it. */
export function restoreClient(mcp: McpServer, capabilities: unknown, clientInfo: unknown): void {
  const server = mcp.server as unknown as ServerInternals;
  server._clientCapabilities = capabilities;
  server._clientVersion = clientInfo;
}
