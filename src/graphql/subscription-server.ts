/**
 * graphql-ws on the HTTP server's own port and path, behind the same request
 * limits as POST /graphql (src/limits): a socket costs one token from its
 * address's bucket and one of its address's socket slots; every operation
 * costs a token from the address and session buckets, is parsed and
 * validated with the same caps on bytes, tokens, depth, aliases, cost and
 * directives, and counts against the socket's subscription cap; a message
 * over the size limit closes the socket (1009).
 *
 * A connection must present a valid session token in its connectionParams,
 * or it is closed (4403) before any operation starts; each operation then
 * sees only that session. An overlay token (read-only) connects too: its
 * mutations are refused FORBIDDEN, and its socket is closed (4403) as soon as
 * the token is revoked here, or within a keep-alive period when it was
 * revoked elsewhere or its session ended. graphql-ws's protocol engine (`makeServer`) runs on
 * Maya's own socket adapter rather than `useServer`, so that a client that
 * vanishes mid-delivery is simply dropped (no error per subscription), and
 * nothing internal reaches a close reason or the console. Every operation is
 * counted in maya_graphql_operations_total as over HTTP, except those a quota
 * refused before they were read (counted as limit refusals, as over HTTP).
 */
import type { IncomingMessage } from "node:http";
import { getOperationAST, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { CloseCode, handleProtocols, makeServer } from "graphql-ws";
import { WebSocketServer, type WebSocket } from "ws";
import { closeGoingAway } from "../http/upgrade-router.js";
import type { TabService } from "../bar/tab.service.js";
import type { OutageReporter } from "../db/availability.js";
import type { TabEventFeed } from "../events/tab-event-feed.js";
import type { UpgradeRouter } from "../http/upgrade-router.js";
import { clientAddress, type RequestLimits } from "../limits/request-limits.js";
import { LimitError, refusalMessage } from "../limits/refusals.js";
import { describeError, type Logger } from "../logger.js";
import type { OperationRecorder } from "../observability/apollo-metrics-plugin.js";
import { DomainError } from "../errors.js";
import type { SessionService } from "../sessions/session.service.js";
import { bearerToken } from "../sessions/session-token.js";
import { contextFromAuthorization } from "./context.js";
import { unresolvedOperation } from "./errors.js";
import { overlayRefusal } from "./overlay-access.js";
import type { SubscriptionContext } from "./resolvers/tab-event.resolver.js";

/** WebSocket's close code for a server that cannot serve now but may soon (RFC 6455 registry). */
const TRY_AGAIN_LATER = 1013;
/** A socket that does not answer a ping within this long is gone. */
const KEEP_ALIVE_MS = 12_000;

export interface SubscriptionServer {
  /** Ends every connection and stops accepting new ones. */
  close(): Promise<void>;
}

interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
  address: string;
  /** When each of this socket's operations (by id) arrived, until it is recorded. */
  startedMs: Map<string, number>;
  /** Set once an overlay token is accepted: what to check again while the socket lives. */
  overlay?: { token: string; sessionId: string };
}

type ConnectionParams = { authorization?: unknown };

export function startSubscriptionServer(options: {
  upgrades: UpgradeRouter;
  path: string;
  schema: GraphQLSchema;
  sessions: SessionService;
  feed: TabEventFeed;
  /** Reads a session as it is, for subscriptions that start with a snapshot. */
  tabs: Pick<TabService, "snapshot">;
  limits: RequestLimits;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  recordOperation: OperationRecorder;
  /** The database away (while authenticating a socket) is an outage: a retryable close (1013), not 4403. */
  outages: OutageReporter;
  log: Logger;
}): SubscriptionServer {
  const { schema, sessions, feed, tabs, limits, log, recordOperation } = options;
  const record = (extra: SocketExtra, id: string, document: DocumentNode | null, operationName: string | null | undefined, errors?: readonly GraphQLError[]) => {
    const startedMs = extra.startedMs.get(id) ?? performance.now();
    extra.startedMs.delete(id);
    const operation = document && getOperationAST(document, operationName);
    recordOperation(schema, operation && document ? { operation, document } : null, errors, startedMs);
  };
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      const coded = asRequestError(error);
      return options.formatError(coded.toJSON(), coded);
    });
  /** Only a string is an authorization value; anything else is as good as none. */
  const authorizationOf = (params: ConnectionParams | undefined) =>
    typeof params?.authorization === "string" ? params.authorization : undefined;

  /** Live overlay sockets by session, to close when their tokens are revoked. */
  const overlaySockets = new Map<string, Set<WebSocket>>();
  const forgetOverlay = (sessionId: string, socket: WebSocket) => {
    const sockets = overlaySockets.get(sessionId);
    sockets?.delete(socket);
    if (sockets?.size === 0) overlaySockets.delete(sessionId);
  };
  const stopHearingRevocations = sessions.onOverlaysEnded((sessionId) => {
    for (const socket of overlaySockets.get(sessionId) ?? []) socket.close(CloseCode.Forbidden, "Forbidden");
  });
  /** An overlay socket whose token no longer reads its session is closed; a database hiccup closes nothing. */
  const recheckOverlay = (socket: WebSocket, overlay: NonNullable<SocketExtra["overlay"]>) => {
    sessions.authenticateViewer(overlay.token).then(
      (viewer) => {
        if (viewer.session.id !== overlay.sessionId) socket.close(CloseCode.Forbidden, "Forbidden");
      },
      (error: unknown) => {
        if (error instanceof DomainError) socket.close(CloseCode.Forbidden, "Forbidden");
      },
    );
  };

  const server = makeServer<ConnectionParams, SocketExtra>({
    schema,
    onConnect: async (ctx) => {
      const token = bearerToken(authorizationOf(ctx.connectionParams));
      if (!token) return false;
      return sessions.authenticateViewer(token).then(
        ({ session, overlay }) => {
          if (!overlay) return true;
          const { socket } = ctx.extra;
          if (socket.readyState !== socket.OPEN) return false;
          ctx.extra.overlay = { token, sessionId: session.id };
          const sockets = overlaySockets.get(session.id) ?? new Set<WebSocket>();
          overlaySockets.set(session.id, sockets.add(socket));
          socket.once("close", () => forgetOverlay(session.id, socket));
          return true;
        },
        (error: unknown) => {
          // Closed first with "try again later": graphql-ws's own close (4403) that follows is then a no-op.
          if (options.outages.report(error)) ctx.extra.socket.close(TRY_AGAIN_LATER, "Maya is unavailable; try again in a moment.");
          return false;
        },
      );
    },
    onSubscribe: async (ctx, id, payload) => {
      // Counted before the bucket is asked: operations that arrive meanwhile are in the count already.
      const refusal =
        limits.checkSubscriptions(Object.keys(ctx.subscriptions).length) ??
        (await limits.admit({ address: ctx.extra.address, authorization: authorizationOf(ctx.connectionParams) }));
      if (refusal) return [new LimitError(refusal)];
      ctx.extra.startedMs.set(id, performance.now());
      const invalid = (errors: readonly GraphQLError[]) => {
        record(ctx.extra, id, null, null, errors);
        return errors;
      };
      const parsed = limits.parse(payload.query);
      if ("errors" in parsed) return invalid(parsed.errors);
      const errors = limits.validate(schema, parsed.document);
      if (errors.length > 0) return invalid(errors);
      const operation = getOperationAST(parsed.document, payload.operationName);
      if (!operation) {
        return invalid([unresolvedOperation()]);
      }
      const readOnly = overlayRefusal(ctx.extra.overlay !== undefined, operation);
      if (readOnly) {
        record(ctx.extra, id, parsed.document, payload.operationName, [readOnly]);
        return [readOnly];
      }
      return { schema, document: parsed.document, operationName: payload.operationName, variableValues: payload.variables };
    },
    // A query or mutation has its result; a subscription is subscribed (an iterator) or failed to (a result with errors).
    onOperation: async (ctx, id, _payload, args, result) => {
      // Already settled when graphql-ws calls this; its type allows a promise.
      const settled = await result;
      const errors = Symbol.asyncIterator in settled ? undefined : settled.errors;
      record(ctx.extra, id, args.document, args.operationName, errors);
    },
    context: (ctx): SubscriptionContext => ({
      ...contextFromAuthorization(sessions, authorizationOf(ctx.connectionParams), ctx.extra.address),
      feed,
      snapshot: (sessionId) => tabs.snapshot(sessionId),
    }),
    // An operation that never reached onOperation (its context failed) is forgotten with its socket's others.
    onComplete: (ctx, id) => void ctx.extra.startedMs.delete(id),
    onError: (_ctx, _id, _payload, errors) => format(errors),
    onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) => (result.errors ? { ...result, errors: format(result.errors) } : result),
  });

  const wsServer = new WebSocketServer({
    noServer: true,
    maxPayload: limits.config.maxRequestBytes,
    handleProtocols: (protocols) => handleProtocols(protocols),
    // Refused before the handshake: a flood of sockets costs an HTTP answer each, nothing more.
    verifyClient: async ({ req }, accept) => {
      const address = clientAddress(req);
      const lease = limits.openConnection(address);
      const refusal = lease.ok ? await limits.admit({ address }).catch(() => null) : lease.refusal;
      if (refusal) {
        if (lease.ok) lease.release();
        return accept(false, 429, refusalMessage(refusal), { "Retry-After": "5" });
      }
      // The TCP socket closes however the WebSocket ends (or if the handshake never completes, even while its bucket was asked).
      if (lease.ok) {
        if (req.socket.destroyed) return lease.release();
        req.socket.once("close", lease.release);
      }
      accept(true);
    },
  });
  options.upgrades.add(options.path, wsServer);
  wsServer.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    // Protocol errors (a message over maxPayload, a bad frame): ws closes the socket itself.
    socket.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
        limits.record({ reason: "MESSAGE_TOO_LARGE", maxBytes: limits.config.maxRequestBytes });
      }
    });
    let pongWait: NodeJS.Timeout | undefined;
    const extra: SocketExtra = { socket, request, address: clientAddress(request), startedMs: new Map() };
    const keepAlive = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.ping();
      if (extra.overlay) recheckOverlay(socket, extra.overlay);
    }, KEEP_ALIVE_MS);
    socket.on("pong", () => clearTimeout(pongWait));
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            // A failed write means the client is gone: drop the connection, which ends its
            // subscriptions, instead of reporting one error per subscription.
            socket.send(data, (error) => {
              if (error) socket.terminate();
              resolve();
            });
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on("message", async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              log.error("graphql-ws message failed", { error: describeError(error) });
              socket.close(CloseCode.InternalServerError, "Internal server error");
            }
          }),
      },
      extra,
    );
    socket.once("close", (code, reason) => {
      clearInterval(keepAlive);
      clearTimeout(pongWait);
      closed(code, String(reason)).catch((error: unknown) => log.error("graphql-ws close failed", { error: describeError(error) }));
    });
  });

  return {
    close: () => {
      stopHearingRevocations();
      return closeGoingAway(wsServer, "Maya is restarting; reconnect in a moment.");
    },
  };
}

/**
 * graphql-js reports a request that never ran (variables of the wrong type, say)
 * as bare errors without a code; Apollo calls those BAD_USER_INPUT, and so does the socket.
 */
function asRequestError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  const fromExecution = error.path !== undefined || (original !== undefined && !(original instanceof GraphQLError));
  if (error.extensions.code !== undefined || fromExecution) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: "BAD_USER_INPUT" } });
}
