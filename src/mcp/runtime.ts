/**
 * The parts of the MCP SDK that run (the HTTP transport, the server), loaded
 * on first use: an instance that no agent talks to never pays for them, and
 * one that starts answers without waiting for them (mountMcp warms them up
 * once the app is serving). Import it only with `import()`.
 */
export { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
export { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
export { createBarServer } from "./server.js";
