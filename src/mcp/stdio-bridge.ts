/**
 * The stdio form of Maya's MCP server: a local MCP server whose every tool,
 * resource and subscription is forwarded to a running Maya's /mcp through the
 * SDK's HTTP client, so a host that launches commands (rather than calling
 * URLs) gets the very same bar, rules and limits, with no database here.
 *
 * The remote MCP session is opened on first need and reopened when Maya has
 * forgotten it (a restart, idle expiry): as the same guest, because a session
 * Maya started for us is remembered by its token (from maya://session), and
 * resource subscriptions are renewed.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  ResourceUpdatedNotificationSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import { describeError, type Logger } from "../logger.js";
import { BAR_INSTRUCTIONS } from "./instructions.js";

export const BRIDGE_INFO = { name: "maya-bar", title: "Maya's bar (stdio bridge)", version: "0.1.0" };
const SESSION_URI = "maya://session";

export interface BridgeOptions {
  /** Maya's base URL; MCP is at `/mcp` under it. */
  mayaUrl: URL;
  /** Act as this guest; without one Maya starts a new guest on first contact. */
  token: string | null;
  log: Logger;
}

interface Connection {
  client: Client;
  transport: StreamableHTTPClientTransport;
}

/** Maya could not be reached, or answered with something other than MCP. */
export class MayaUnreachable extends Error {}

export class RemoteMaya {
  private connecting: Promise<Connection> | undefined;
  private live: Connection | undefined;
  private token: string | null;
  private readonly subscriptions = new Set<string>();
  private closed = false;
  /** A resource Maya says has changed. */
  onResourceUpdated: (uri: string) => void = () => undefined;

  constructor(private readonly options: BridgeOptions) {
    this.token = options.token;
  }

  get endpoint(): URL {
    return new URL("mcp", this.options.mayaUrl.href.endsWith("/") ? this.options.mayaUrl : `${this.options.mayaUrl.href}/`);
  }

  /** Runs `work` on the live remote session; once more on a new session when Maya no longer knows the old one. */
  async use<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const connection = await this.connection();
    try {
      return await work(connection.client);
    } catch (error) {
      // 404: the session is gone, so the request reached no session and did nothing: safe to send again.
      if (!(error instanceof StreamableHTTPError && error.code === 404) || this.closed) throw error;
      this.options.log.info("Maya no longer knows this MCP session; opening a new one");
      this.forget(connection);
      return work((await this.connection()).client);
    }
  }

  subscribe(uri: string): Promise<void> {
    this.subscriptions.add(uri);
    return this.use(async (client) => void (await client.subscribeResource({ uri })));
  }

  unsubscribe(uri: string): Promise<void> {
    this.subscriptions.delete(uri);
    return this.use(async (client) => void (await client.unsubscribeResource({ uri })));
  }

  /** Ends the remote session (so Maya frees it at once) and stops reconnecting. */
  async close(): Promise<void> {
    this.closed = true;
    const connecting = this.connecting;
    this.connecting = undefined;
    const connection = await connecting?.catch(() => undefined);
    if (!connection) return;
    await connection.transport.terminateSession().catch(() => undefined);
    await connection.client.close().catch(() => undefined);
  }

  private connection(): Promise<Connection> {
    if (this.closed) return Promise.reject(new MayaUnreachable("The bridge is shutting down."));
    this.connecting ??= this.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  private forget(connection: Connection): void {
    // Another call may have replaced it already; only the session that failed is dropped.
    if (this.live === connection) {
      this.live = undefined;
      this.connecting = undefined;
    }
    void connection.client.close().catch(() => undefined);
  }

  private async connect(): Promise<Connection> {
    const transport = new StreamableHTTPClientTransport(this.endpoint, {
      requestInit: this.token ? { headers: { authorization: `Bearer ${this.token}` } } : {},
    });
    const client = new Client(BRIDGE_INFO);
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => this.onResourceUpdated(notification.params.uri));
    // The SDK reports a dropped notification stream here; the next request finds out whether the session survived.
    client.onerror = (error) => this.options.log.warn("Maya connection trouble", { error: describeError(error) });
    try {
      await client.connect(transport);
    } catch (error) {
      await client.close().catch(() => undefined);
      if (error instanceof StreamableHTTPError && error.code === 401) {
        throw new MayaUnreachable("Maya refused the session token (MAYA_SESSION_TOKEN): it is not valid there. Start a new session or leave it unset.");
      }
      if (error instanceof StreamableHTTPError) throw new MayaUnreachable(`${whyNotForwarded(error)} (at ${this.endpoint.href})`);
      throw new MayaUnreachable(`Maya cannot be reached at ${this.endpoint.href}: ${withCause(error)}`);
    }
    const connection = { client, transport };
    if (this.token === null) await this.rememberGuest(client);
    for (const uri of this.subscriptions) await client.subscribeResource({ uri }).catch(() => undefined);
    this.options.log.info("connected to Maya", { url: this.endpoint.href });
    this.live = connection;
    return connection;
  }

  /** Maya started a new guest for us: keep its token so a reconnection is the same guest. */
  private async rememberGuest(client: Client): Promise<void> {
    try {
      const result = await client.readResource({ uri: SESSION_URI });
      const [content] = result.contents;
      const token = content && "text" in content ? (JSON.parse(content.text) as { sessionToken?: unknown }).sessionToken : null;
      if (typeof token === "string") {
        this.token = token;
        this.options.log.info("Maya started a new guest session for this bridge (its token is the maya://session resource)");
      }
    } catch (error) {
      this.options.log.warn("could not read the guest session from Maya", { error: describeError(error) });
    }
  }
}

/** The local (stdio) MCP server that forwards to `remote`. */
export function createBridgeServer(remote: RemoteMaya, log: Logger): Server {
  const server = new Server(BRIDGE_INFO, {
    capabilities: { tools: {}, resources: { subscribe: true } },
    instructions: BAR_INSTRUCTIONS,
  });
  const forward = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    try {
      return await remote.use(work);
    } catch (error) {
      throw asProtocolError(error);
    }
  };

  server.setRequestHandler(ListToolsRequestSchema, (request) => forward((client) => client.listTools(request.params)));
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    try {
      // Forwarded as it is: Maya validates the arguments and answers refusals in words.
      return await remote.use((client) => client.request({ method: "tools/call", params: request.params }, CallToolResultSchema));
    } catch (error) {
      if (error instanceof McpError) throw asProtocolError(error);
      log.warn("tool call not forwarded", { tool: request.params.name, error: describeError(error) });
      return { content: [{ type: "text", text: `${whyNotForwarded(error)} If this was an order or a payment, check get_tab before trying again.` }], isError: true };
    }
  });
  server.setRequestHandler(ListResourcesRequestSchema, (request) => forward((client) => client.listResources(request.params)));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, (request) =>
    forward((client) => client.listResourceTemplates(request.params)),
  );
  server.setRequestHandler(ReadResourceRequestSchema, (request) => forward((client) => client.readResource(request.params)));
  server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    await remote.subscribe(request.params.uri).catch((error: unknown) => {
      throw asProtocolError(error);
    });
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    await remote.unsubscribe(request.params.uri).catch((error: unknown) => {
      throw asProtocolError(error);
    });
    return {};
  });
  remote.onResourceUpdated = (uri) => {
    server.sendResourceUpdated({ uri }).catch((error: unknown) => log.warn("resource update not passed on", { error: describeError(error) }));
  };
  return server;
}

/**
 * Maya's own protocol errors pass through as she sent them (the SDK's McpError puts "MCP error <code>:" in
 * front of the message, and the host's client will again); anything else says what went wrong on the way.
 */
function asProtocolError(error: unknown): Error & { code: number; data?: unknown } {
  if (error instanceof McpError) {
    return Object.assign(new Error(error.message.replace(/^MCP error -?\d+: /, "")), { code: error.code, data: error.data });
  }
  return Object.assign(new Error(whyNotForwarded(error)), { code: ErrorCode.InternalError });
}

/** In words: Maya's own refusal of the HTTP request (rate limit, session caps...) when she sent one. */
function whyNotForwarded(error: unknown): string {
  if (error instanceof MayaUnreachable) return error.message;
  if (error instanceof StreamableHTTPError) {
    const body = /endpoint: (\{.*\})$/s.exec(error.message)?.[1];
    try {
      const message = body ? (JSON.parse(body) as { error?: { message?: unknown } }).error?.message : undefined;
      if (typeof message === "string") return `Maya refused the request (HTTP ${error.code}): ${message}`;
    } catch {
      // Not Maya's JSON: fall through to the generic words.
    }
    return `Maya refused the request (HTTP ${error.code}).`;
  }
  return `Maya did not answer: ${withCause(error)}.`;
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS failure...) is its cause. */
function withCause(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const why = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : null;
  return why ? `${describeError(error)} (${why})` : describeError(error);
}
