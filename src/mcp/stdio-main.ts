/**
 * `npm run --silent mcp`: Maya's bar as an MCP server on stdin/stdout,
 * forwarding to the Maya at MAYA_URL (default http://localhost:4000), as the
 * guest MAYA_SESSION_TOKEN when set. Only MCP goes to stdout; logs go to
 * stderr. Needs no database: everything happens on that Maya.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createLogger, describeError } from "../logger.js";
import { isWellFormedToken } from "../sessions/session-token.js";
import { GuardedLogStream } from "../startup/log-streams.js";
import { guardProcess } from "../startup/process-guards.js";
import { createBridgeServer, RemoteMaya } from "./stdio-bridge.js";

// Logs only: stdout is MCP's. A log reader that goes away costs the lines, never the bridge.
const stderr = new GuardedLogStream(process.stderr);
const log = createLogger(process.env.MAYA_LOG === "silent" ? "silent" : "info", (line) => void stderr.write(line));

function fail(message: string): never {
  stderr.write(`Maya's MCP bridge cannot start: ${message}\n`);
  process.exit(2);
}

const rawUrl = process.env.MAYA_URL || "http://localhost:4000";
let mayaUrl: URL;
try {
  mayaUrl = new URL(rawUrl);
} catch {
  fail(`MAYA_URL must be a URL like http://localhost:4000, got "${rawUrl.slice(0, 200)}"`);
}
if (mayaUrl.protocol !== "http:" && mayaUrl.protocol !== "https:") fail(`MAYA_URL must be http or https, got "${mayaUrl.protocol}"`);
const token = process.env.MAYA_SESSION_TOKEN?.trim() || null;
if (token !== null && !isWellFormedToken(token)) fail("MAYA_SESSION_TOKEN is not a Maya session token (43 characters of base64url).");

const remote = new RemoteMaya({ mayaUrl, token, log });
const server = createBridgeServer(remote, log);
// A stray error is logged, never the end of the bridge (as for the server).
guardProcess(process, log);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await remote.close();
  await server.close().catch(() => undefined);
  process.exit(0);
};
server.onclose = () => void stop();
process.stdin.once("end", () => void stop());
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());

await server.connect(new StdioServerTransport());
log.info("Maya's MCP bridge is running on stdio", { maya: mayaUrl.origin, guest: token ? "MAYA_SESSION_TOKEN" : "a new session" });
// Meet Maya early, so a wrong MAYA_URL shows in the log before the first call.
remote.use(async () => undefined).catch((error: unknown) => log.error("Maya is not reachable yet", { error: describeError(error) }));
