/**
 * MCP over Streamable HTTP at /mcp, on Maya's own port. Who the caller is:
 * `Authorization: Bearer <session token>` attaches the MCP session to that
 * guest; without one, Maya starts a new guest session for it (its token is
 * the `maya://session` resource). A bad token is refused (401) before any MCP
 * session exists. An MCP session stays bound to its guest: a request bearing
 * another guest's token is refused (403), and one opened with a token needs
 * that token on every request. An overlay token (read-only) opens a read-only
 * MCP session: it reads the menu and the tab; every tool that would change
 * something answers FORBIDDEN.
 *
 * The same limits as /graphql hold: the rate limiters (passed in, so they can
 * be the very instances GraphQL uses), a body cap; plus caps on live sessions
 * per address and in total, with idle sessions closed.
 */
import { randomUUID } from "node:crypto";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { AppConfig } from "../config.js";
import type { OutageReporter } from "../db/availability.js";
import { DomainError, UNAVAILABLE } from "../errors.js";
import { clientAddress } from "../limits/request-limits.js";
import type { SharedRateLimiter } from "../limits/shared-rate-limiter.js";
import { describeError, type Logger } from "../logger.js";
import type { SessionService } from "../sessions/session.service.js";
import { bearerToken, hashSessionToken } from "../sessions/session-token.js";
import type { MayaMetrics } from "../observability/metrics.js";
import { meterToolCalls } from "./call-meter.js";
import type * as Runtime from "./runtime.js";
import type { BarServerDeps } from "./server.js";
import { McpSessionRegistry, type Reservation } from "./session-registry.js";
import { markInitialized, restoreClient } from "./session-restore.js";
import type { McpSessionRecord, McpSessionStore } from "./session-store.js";

export type McpMetrics = Pick<MayaMetrics, "mcpToolCall" | "mcpSessionOpened" | "mcpSessionClosed" | "rateLimited" | "limitRefused">;

export interface McpMountOptions {
  services: Omit<BarServerDeps, "log"> & { sessions: SessionService };
  config: AppConfig["mcp"];
  /** The JSON body cap /graphql has ("64kb" or bytes). */
  bodyLimit: string | number;
  /** The limiters in front of /graphql, or ones built from the same settings. */
  rateLimiters: { byAddress: SharedRateLimiter; bySession: SharedRateLimiter };
  metrics: McpMetrics;
  log: Logger;
  /** Where guests open Maya (the `maya://session` resource points there). */
  publicUrl: string;
  /** While the database is away, requests are refused with 503 and Retry-After (logged once, as the outage). */
  availability: OutageReporter & { readonly outage: unknown };
  /** Where sessions are kept for every instance (Redis); without it a session lives on the instance that opened it. */
  store?: McpSessionStore;
  path?: string;
}

export interface McpMount {
  /** Loads the SDK's runtime now (once the app serves), so the first agent does not wait for it. */
  warmUp(): void;
  /**
   * Opens no more sessions, waits for the calls in flight to be answered (until `untilMs`, a clock
   * time), then closes every MCP session, ending their feed subscriptions and notification streams.
   */
  close(untilMs?: number): Promise<void>;
}

interface Guest {
  sessionId: string;
  token: string;
  /** The rate-limit key GraphQL uses for this guest: the hash of the session token. */
  rateKey: string;
  /** Opened with a bearer token, which must then come with every request. */
  viaBearer: boolean;
  /** Opened with an overlay token: read-only. */
  overlay: boolean;
}

interface LiveSession {
  readonly address: string;
  readonly guest: Guest;
  readonly transport: StreamableHTTPServerTransport;
  close(): Promise<void>;
}

const SESSION_HEADER = "mcp-session-id";

type McpRuntime = typeof Runtime;
let runtimeLoading: Promise<McpRuntime> | undefined;

/** The SDK's runtime, loaded on first use (see runtime.ts). */
function loadMcpRuntime(): Promise<McpRuntime> {
  runtimeLoading ??= import("./runtime.js");
  return runtimeLoading;
}

export function mountMcp(app: Express, options: McpMountOptions): McpMount {
  const { services, config, bodyLimit, rateLimiters, metrics, log, availability, store } = options;
  const path = options.path ?? "/mcp";
  const registry = new McpSessionRegistry<LiveSession>(
    { maxSessions: config.maxSessions, maxPerAddress: config.maxSessionsPerAddress, idleMs: config.idleSeconds * 1000 },
    Date.now,
    (reason) => metrics.mcpSessionClosed(reason),
  );
  registry.start();
  const deps: BarServerDeps = { ...services, log, outages: availability };
  const publicOrigin = originOf(options.publicUrl);
  let closing = false;
  /** POSTs (calls) being answered: a shutdown lets them finish before it closes the sessions. */
  let callsInFlight = 0;

  const guard = (req: Request, res: Response, next: NextFunction) => {
    // A page on another site must not drive a guest's bar from their browser (DNS rebinding, CSRF).
    const origin = req.get("origin");
    if (origin !== undefined && origin !== publicOrigin && origin !== `${req.protocol}://${req.get("host")}`) {
      return refuse(res, 403, "Requests from other sites are not accepted here.");
    }
    rateLimiters.byAddress.take(clientAddress(req)).then((admitted) => (admitted ? next() : tooMany(res, "address")), next);
  };

  const handle = async (req: Request, res: Response) => {
    if (req.method === "POST" && (req.body === undefined || !req.is("application/json"))) {
      return refuse(res, 415, "Send JSON-RPC as Content-Type: application/json.");
    }
    // Every call needs the database (a guest, a tab): while it is away, say so before the session does.
    if (availability.outage) return unavailable(res);
    // Every JSON-RPC message counts against the guest's bucket, as every GraphQL request does.
    const messages = Array.isArray(req.body) ? Math.max(1, req.body.length) : 1;
    const token = bearerToken(req.get("authorization"));
    // Before the database is asked, as on /graphql: the same bucket, keyed by the token's hash.
    if (token !== null && !(await rateLimiters.bySession.take(hashSessionToken(token), messages))) return tooMany(res, "session");
    const bearerGuest = token === null ? null : await authenticated(token, res);
    if (bearerGuest === undefined) return;
    const sessionId = req.get(SESSION_HEADER);

    if (sessionId !== undefined) {
      const live = await liveSession(sessionId, req, res);
      if (live === null) return;
      if (!live) return refuse(res, 404, "Session not found: initialize a new MCP session.", -32001);
      if (bearerGuest && bearerGuest.sessionId !== live.guest.sessionId) {
        return refuse(res, 403, "This MCP session belongs to another guest.");
      }
      // The guest's own token and an overlay token of the same guest do not open each other's MCP sessions.
      if (bearerGuest && bearerGuest.rateKey !== live.guest.rateKey) {
        return refuse(res, 403, "This MCP session was opened with another token: send that one.");
      }
      if (!bearerGuest) {
        if (live.guest.viaBearer) {
          res.setHeader("WWW-Authenticate", 'Bearer realm="maya"');
          return refuse(res, 401, "This MCP session was opened with a session token: send it as `Authorization: Bearer <token>`.");
        }
        if (!(await rateLimiters.bySession.take(live.guest.rateKey, messages))) return tooMany(res, "session");
      }
      res.once("close", registry.requestStarted(sessionId));
      // Gone for every instance once its client deletes it.
      if (req.method === "DELETE") await store?.delete(sessionId).catch((error: unknown) => log.warn("MCP session not deleted from the store", { error: describeError(error) }));
      return live.transport.handleRequest(req, res, req.body);
    }

    const runtime = await loadMcpRuntime();
    if (req.method !== "POST" || !runtime.isInitializeRequest(req.body)) {
      return refuse(res, 400, "No MCP session: send an initialize request first, then its Mcp-Session-Id header.");
    }
    // The SDK refuses such an initialize too, but only after a guest was started for it: refuse before.
    const accept = req.get("accept") ?? "";
    if (!accept.includes("application/json") || !accept.includes("text/event-stream")) {
      return refuse(res, 406, "Accept both application/json and text/event-stream, as MCP's Streamable HTTP asks.");
    }
    const reservation = closing ? "total" : registry.reserve(clientAddress(req));
    if (reservation === "total") return refuse(res, 503, "Too many MCP sessions are open right now; try again later.");
    if (reservation === "address") {
      return refuse(res, 429, `At most ${config.maxSessionsPerAddress} MCP sessions may be open from one address, and all are in use; close one (DELETE ${path}) or try again shortly.`);
    }
    try {
      await openSession(runtime, req, res, reservation, bearerGuest);
    } finally {
      // Still held when the session never came to be (a failed initialize).
      reservation.release();
    }
  };

  /** The guest a bearer token belongs to; undefined once a 401 has been sent. */
  const authenticated = async (token: string, res: Response): Promise<Guest | undefined> => {
    try {
      const { session, overlay } = await services.sessions.authenticateViewer(token);
      return { sessionId: session.id, token, rateKey: hashSessionToken(token), viaBearer: true, overlay };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "UNAUTHENTICATED")) throw error;
      res.setHeader("WWW-Authenticate", 'Bearer realm="maya", error="invalid_token"');
      refuse(res, 401, error.message);
      return undefined;
    }
  };

  const openSession = async (runtime: McpRuntime, req: Request, res: Response, reservation: Reservation, bearerGuest: Guest | null) => {
    let bound: Guest;
    if (bearerGuest) {
      bound = bearerGuest;
    } else {
      const grant = await services.sessions.start(null);
      bound = { sessionId: grant.session.id, token: grant.token, rateKey: hashSessionToken(grant.token), viaBearer: false, overlay: false };
    }
    const params = (req.body as { params?: { capabilities?: unknown; clientInfo?: unknown } }).params;
    const record: McpSessionRecord = { guest: bound, clientCapabilities: params?.capabilities ?? {}, clientInfo: params?.clientInfo ?? {}, tabSubscribed: false };
    const { transport } = await startSession(runtime, reservation, record, null);
    await transport.handleRequest(req, res, req.body);
    // An initialize the SDK refused leaves no session behind.
    if (transport.sessionId === undefined) await transport.close();
  };

  /**
   * A transport and server for one guest. A new session (`restoreId` null) is registered when the SDK
   * has answered its initialize, and stored for the other instances; a restored one is registered at once.
   */
  const startSession = async (runtime: McpRuntime, reservation: Reservation, record: McpSessionRecord, restoreId: string | null) => {
    const bound = record.guest;
    let endGauge: (() => void) | undefined;
    const register = (id: string) => {
      endGauge = metrics.mcpSessionOpened();
      registry.add(id, { address: reservation.address, guest: bound, transport, close: () => transport.close() }, reservation);
    };
    const save = async (id: string) => {
      try {
        await store?.save(id, record);
      } catch (error) {
        // The session still works here; another instance would not know it.
        log.warn("MCP session not stored for other instances", { error: describeError(error) });
      }
    };
    const transport: StreamableHTTPServerTransport = new runtime.StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: async (id) => {
        register(id);
        await save(id);
      },
    });
    const meter = meterToolCalls(transport, (tool, outcome) => metrics.mcpToolCall(tool, outcome));
    const server = runtime.createBarServer(bound.sessionId, deps, meter, {
      token: bound.token,
      startedHere: !bound.viaBearer,
      pageUrl: options.publicUrl,
      readOnly: bound.overlay,
      tabSubscribed: record.tabSubscribed,
      tabSubscriptionChanged: async (subscribed) => {
        record.tabSubscribed = subscribed;
        if (transport.sessionId) await save(transport.sessionId);
      },
    });
    let released = false;
    server.mcp.server.onclose = () => {
      if (released) return;
      released = true;
      server.release();
      if (transport.sessionId) registry.remove(transport.sessionId);
      endGauge?.();
    };
    await server.mcp.connect(transport);
    if (restoreId !== null) {
      markInitialized(transport, restoreId);
      restoreClient(server.mcp, record.clientCapabilities, record.clientInfo);
      register(restoreId);
    }
    return { transport };
  };

  /** Restores in progress, so two requests of one session arriving together restore it once. */
  const restoring = new Map<string, Promise<LiveSession | undefined | null>>();

  /**
   * The session live here; else restored from the store (it was opened on another instance); undefined
   * when no instance knows it; null when a refusal was sent. With a store, a live session deleted
   * elsewhere (its client sent DELETE to another instance) is closed here too.
   */
  const liveSession = async (id: string, req: Request, res: Response): Promise<LiveSession | undefined | null> => {
    const live = registry.get(id);
    if (!store) return live;
    if (live) {
      const kept = await store.touch(id).then(
        (found) => found,
        () => true, // Redis away: this instance still knows the session
      );
      if (kept) return live;
      await live.close();
      return undefined;
    }
    const pending = restoring.get(id) ?? restore(id, req, res).finally(() => restoring.delete(id));
    restoring.set(id, pending);
    return pending;
  };

  const restore = async (id: string, req: Request, res: Response): Promise<LiveSession | undefined | null> => {
    let record: McpSessionRecord | null;
    try {
      record = await store!.find(id);
    } catch (error) {
      log.warn("MCP session store unreachable", { error: describeError(error) });
      res.setHeader("Retry-After", "1");
      refuse(res, 503, "This MCP session cannot be reached right now; try again in a moment.");
      return null;
    }
    if (!record) return undefined;
    const reservation = closing ? "total" : registry.reserve(clientAddress(req));
    if (reservation === "total" || reservation === "address") {
      res.setHeader("Retry-After", "1");
      refuse(res, 503, "Too many MCP sessions are open on this instance right now; try again in a moment.");
      return null;
    }
    try {
      await startSession(await loadMcpRuntime(), reservation, record, id);
    } finally {
      reservation.release();
    }
    return registry.get(id);
  };

  const tooMany = (res: Response, scope: "address" | "session") => {
    metrics.rateLimited(scope);
    res.setHeader("Retry-After", "1");
    refuse(res, 429, "Too many requests; please slow down a little.");
  };

  const router = express.Router();
  router.all(
    path,
    guard,
    express.json({ limit: bodyLimit }),
    (req, res, next) => {
      if (req.method === "POST") {
        callsInFlight += 1;
        res.once("close", () => void (callsInFlight -= 1));
      }
      handle(req, res).catch(next);
    },
  );
  router.use(path, (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : 500;
    if (res.headersSent) return void res.end();
    if (status === 413) {
      // Counted with every other transport's oversized bodies.
      metrics.limitRefused("MESSAGE_TOO_LARGE");
      return refuse(res, 413, `The request is larger than the ${bodyLimit} allowed.`);
    }
    if (status >= 400 && status < 500) return refuse(res, 400, "The request could not be read as JSON.", -32700);
    if (availability.report(error)) return unavailable(res);
    log.error("MCP request failed", { error: describeError(error) });
    refuse(res, 500, "Something went wrong on our side. Please try again.", -32603);
  });
  app.use(router);

  return {
    warmUp: () => {
      loadMcpRuntime().catch((error: unknown) => log.error("loading the MCP SDK failed", { error: describeError(error) }));
    },
    close: async (untilMs = Date.now()) => {
      closing = true;
      while (callsInFlight > 0 && Date.now() < untilMs) await new Promise((resolve) => setTimeout(resolve, 20));
      await registry.closeAll();
    },
  };
}

/** The origin of a URL, or null for a malformed one (MAYA_PUBLIC_URL is not validated as a URL). */
function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The database is away: a retryable refusal. */
function unavailable(res: Response): void {
  res.setHeader("Retry-After", String(UNAVAILABLE.retryAfterSeconds));
  refuse(res, 503, UNAVAILABLE.message);
}

/** A JSON-RPC error outside any request (the transport's own refusals look the same). */
function refuse(res: Response, status: number, message: string, code = -32000): void {
  res.status(status).json({ jsonrpc: "2.0", error: { code, message }, id: null });
}
