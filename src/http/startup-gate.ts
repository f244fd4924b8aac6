/**
 * Owns the HTTP server's requests and upgrades from the moment it listens.
 * Until the app is wired, every request is answered at once: /healthz 200
 * (the process is alive), everything else 503 with Retry-After, WebSocket
 * upgrades included; a request is never left without an answer. Once open,
 * the app's handlers take every request.
 */
import type { IncomingMessage, RequestListener, Server } from "node:http";
import type { Duplex } from "node:stream";

export interface AppHandlers {
  request: RequestListener;
  upgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export interface StartupGate {
  open(handlers: AppHandlers): void;
}

const RETRY_AFTER_SECONDS = "2";

export function gateWhileStarting(server: Server): StartupGate {
  let app: AppHandlers | undefined;
  server.on("request", (req, res) => {
    if (app) return app.request(req, res);
    const alive = req.url === "/healthz" || req.url?.startsWith("/healthz?");
    res.writeHead(alive ? 200 : 503, {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...(alive ? {} : { "Retry-After": RETRY_AFTER_SECONDS }),
    });
    res.end(JSON.stringify(alive ? { status: "starting" } : { status: "starting", error: "Maya is starting; try again in a moment." }));
  });
  server.on("upgrade", (req, socket, head) => {
    // A socket that errors before an answer must not crash the process.
    socket.on("error", () => socket.destroy());
    if (app) return app.upgrade(req, socket, head);
    socket.end(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${RETRY_AFTER_SECONDS}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return {
    open: (handlers) => {
      app = handlers;
    },
  };
}
