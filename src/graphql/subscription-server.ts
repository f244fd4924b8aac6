/**
 * graphql-ws on the HTTP server's own port and path. A connection must present
 * a valid session token in its connectionParams, or it is closed (4403) before
 * any subscription starts; each operation then sees only that session.
 */
import type { GraphQLFormattedError, GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { TabService } from "../bar/tab.service.js";
import type { TabEventFeed } from "../events/tab-event-feed.js";
import type { UpgradeRouter } from "../http/upgrade-router.js";
import type { SessionService } from "../sessions/session.service.js";
import { bearerToken } from "../sessions/session-token.js";
import { contextFromAuthorization } from "./context.js";
import type { SubscriptionContext } from "./resolvers/tab-event.resolver.js";

const MAX_MESSAGE_BYTES = 64 * 1024;

export interface SubscriptionServer {
  /** Ends every connection and stops accepting new ones. */
  close(): Promise<void>;
}

export function startSubscriptionServer(options: {
  upgrades: UpgradeRouter;
  path: string;
  schema: GraphQLSchema;
  sessions: SessionService;
  feed: TabEventFeed;
  tabs: TabService;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}): SubscriptionServer {
  const { sessions, feed, tabs, formatError } = options;
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  options.upgrades.add(options.path, wsServer);
  const cleanup = useServer<{ authorization?: string }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const token = bearerToken(ctx.connectionParams?.authorization);
        if (!token) return false;
        return sessions.authenticate(token).then(
          () => true,
          () => false,
        );
      },
      context: (ctx): SubscriptionContext => ({
        ...contextFromAuthorization(sessions, ctx.connectionParams?.authorization, clientAddress(ctx.extra.request)),
        feed,
        snapshot: (sessionId) => tabs.snapshot(sessionId),
      }),
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : result,
    },
    wsServer,
  );
  return {
    close: async () => {
      for (const client of wsServer.clients) client.terminate();
      await cleanup.dispose();
    },
  };
}

/** The caller's address, as express computes it (trusting a loopback proxy) or the socket's. */
export function clientAddress(req: { socket: { remoteAddress?: string | undefined }; ip?: string | undefined }): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}
