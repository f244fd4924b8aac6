/**
 * One MCP server per MCP session, bound to one guest's Maya session: the
 * tools and resources it offers act for that guest and nobody else.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Logger } from "../logger.js";
import { BAR_INSTRUCTIONS } from "./instructions.js";
import { registerBarResources, type SessionFacts, type TabFeed } from "./resources.js";
import { registerBarTools, type BarServices, type ToolMeter } from "./tools.js";

export const SERVER_INFO = { name: "maya-bar", title: "Maya's bar", version: "0.1.0" };

/** A guard against deeply nested or sprawling arguments, far above any real order. */
const MAX_TOOL_INPUT_ELEMENTS = 200;


export interface BarServerDeps extends BarServices {
  feed: TabFeed;
  log: Logger;
}

export interface GuestServer {
  readonly mcp: McpServer;
  /** Ends the guest's feed subscriptions; the transport's close closes the server. */
  release(): void;
}

export function createBarServer(sessionId: string, deps: BarServerDeps, meter: ToolMeter, facts: SessionFacts): GuestServer {
  const mcp = new McpServer(SERVER_INFO, {
    instructions: BAR_INSTRUCTIONS,
    maxToolInputElements: MAX_TOOL_INPUT_ELEMENTS,
  });
  registerBarTools(mcp, sessionId, deps, meter, deps.log, { readOnly: facts.readOnly });
  const resources = registerBarResources(mcp, sessionId, deps, facts);
  return { mcp, release: () => resources.close() };
}
