/**
 * Owns the HTTP server's requests and upgrades from the moment it listens
 * until it stops. Until the app is wired, every request is answered at once:
 * /healthz 200 (the process is alive), everything else 503 with Retry-After,
 * WebSocket upgrades included; a request is never left without an answer.
 * Once open, the app's handlers take every request. Once stopping (SIGTERM),
 * a new request on a connection still open is answered the same way, with
 * `Connection: close`, so the client retries on another instance while the
 * requests already in flight finish.
 */
import type { IncomingMessage, RequestListener, Server } from "node:http";
import type { Duplex } from "node:stream";

export interface AppHandlers {
  request: RequestListener;
  upgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export interface StartupGate {
  open(handlers: AppHandlers): void;
  /** From now on, new requests and upgrades get 503 (the app is shutting down). */
  stop(): void;
}

const RETRY_AFTER_SECONDS = "2";

export function gateWhileStarting(server: Server): StartupGate {
  let app: AppHandlers | undefined;
  let phase: "starting" | "open" | "stopping" = "starting";
  server.on("request", (req, res) => {
    if (phase === "open" && app) return app.request(req, res);
    const alive = req.url === "/healthz" || req.url?.startsWith("/healthz?");
    res.writeHead(alive ? 200 : 503, {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...(alive ? {} : { "Retry-After": RETRY_AFTER_SECONDS }),
      ...(phase === "stopping" ? { Connection: "close" } : {}),
    });
    const error = phase === "starting" ? "Maya is starting; try again in a moment." : "Maya is restarting; try again in a moment.";
    res.end(JSON.stringify(alive ? { status: phase } : { status: phase, error }));
  });
  server.on("upgrade", (req, socket, head) => {
    // A socket that errors before an answer must not crash the process.
    socket.on("error", () => socket.destroy());
    if (phase === "open" && app) return app.upgrade(req, socket, head);
    socket.end(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${RETRY_AFTER_SECONDS}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return {
    open: (handlers) => {
      app = handlers;
      phase = "open";
    },
    stop: () => {
      phase = "stopping";
    },
  };
}
