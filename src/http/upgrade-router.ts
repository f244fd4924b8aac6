/**
 * One HTTP server carries several WebSocket endpoints (graphql-ws, and any
 * other socket the app serves). A `ws` server attached with `{ server }`
 * refuses every upgrade whose path is not its own, so the endpoints are
 * created with `noServer: true` and this router hands each upgrade to the
 * endpoint of its path; an upgrade for no endpoint gets 404. The server's
 * "upgrade" event reaches `handle` through the startup gate (startup-gate.ts),
 * which answers 503 until the app is wired. A browser page of an origin the
 * app does not accept (src/http/cors.ts) gets 403 before any endpoint sees it.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocketServer } from "ws";

export interface UpgradeRouter {
  /** Serves WebSocket upgrades on `path` with `wsServer` (created with `noServer: true`). */
  add(path: string, wsServer: WebSocketServer): void;
  /** The HTTP server's "upgrade" listener. */
  handle(request: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export function routeUpgrades(allowsOrigin: (request: IncomingMessage) => boolean = () => true): UpgradeRouter {
  const endpoints = new Map<string, WebSocketServer>();
  const handle = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A socket that errors before the handshake completes must not crash the process.
    socket.on("error", () => socket.destroy());
    if (!allowsOrigin(request)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const path = pathOf(request.url);
    const endpoint = path === null ? undefined : endpoints.get(path);
    if (!endpoint) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    endpoint.handleUpgrade(request, socket, head, (client) => endpoint.emit("connection", client, request));
  };
  return {
    add: (path, wsServer) => {
      endpoints.set(path, wsServer);
    },
    handle,
  };
}

function pathOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url, "http://localhost").pathname;
  } catch {
    return null;
  }
}

/** WebSocket's close code for an endpoint going away (a server shutting down): the client may reconnect. */
export const GOING_AWAY = 1001;
/** How long a client gets to answer the close frame before its socket is cut. */
const CLOSE_WAIT_MS = 1000;

/**
 * Stops a WebSocket endpoint on shutdown: every client is closed with 1001 and `reason` (cut after a
 * second if it does not answer), and no new one is taken; resolves when all are gone.
 */
export async function closeGoingAway(wsServer: WebSocketServer, reason: string): Promise<void> {
  for (const client of wsServer.clients) client.close(GOING_AWAY, reason);
  const cutOff = setTimeout(() => {
    for (const client of wsServer.clients) client.terminate();
  }, CLOSE_WAIT_MS);
  await new Promise<void>((resolve) => wsServer.close(() => resolve()));
  clearTimeout(cutOff);
}
