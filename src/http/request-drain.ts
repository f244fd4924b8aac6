/**
 * Shutdown that fits a container runtime (whose stop timeout is 10 s by
 * default): the server stops accepting connections, every request in flight
 * is left to finish (and its connection closed after it), a request whose
 * body has not fully arrived after `uploadGraceMs` is cut (a slow client must
 * not hold the process), and whatever is still open at `deadlineMs` is closed.
 * Node's own server does the accepting and the idle connections; this keeps
 * the requests in flight, which it does not expose.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface DrainOptions {
  /** From the start of the drain: requests still receiving their body then are cut. */
  uploadGraceMs: number;
  /** From the start of the drain: every connection still open then is closed. */
  deadlineMs: number;
}

export interface DrainReport {
  /** Requests in flight when the drain started. */
  inFlight: number;
  /** Of those, cut because their body was still arriving after the upload grace. */
  uploadsCut: number;
  /** Of those, cut at the deadline. */
  cutAtDeadline: number;
}

export interface RequestDrain {
  /** Stops accepting, lets requests in flight finish within the options' bounds; resolves when the server is closed. */
  drain(options: DrainOptions): Promise<DrainReport>;
}

export function trackRequests(server: Server): RequestDrain {
  const inFlight = new Set<{ req: IncomingMessage; res: ServerResponse }>();
  let draining = false;
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const entry = { req, res };
    inFlight.add(entry);
    res.once("close", () => inFlight.delete(entry));
    if (draining) res.shouldKeepAlive = false;
  });

  return {
    drain: async ({ uploadGraceMs, deadlineMs }) => {
      draining = true;
      const report: DrainReport = { inFlight: inFlight.size, uploadsCut: 0, cutAtDeadline: 0 };
      // Stop listening; idle keep-alive connections close now, busy ones after their response.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const { res } of inFlight) res.shouldKeepAlive = false;
      const uploads = setTimeout(() => {
        for (const { req, res } of inFlight) {
          if (req.complete) continue;
          report.uploadsCut += 1;
          cut(req, res);
        }
      }, uploadGraceMs);
      let deadline: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((resolve) => {
        deadline = setTimeout(() => {
          report.cutAtDeadline = inFlight.size;
          server.closeAllConnections();
          resolve();
        }, deadlineMs);
      });
      await Promise.race([closed, timedOut]);
      clearTimeout(uploads);
      clearTimeout(deadline);
      return report;
    },
  };
}

/** A request whose body is still arriving: answered 503 (if nothing was sent yet) and its connection closed. */
function cut(req: IncomingMessage, res: ServerResponse): void {
  const destroy = () => void req.socket.destroy();
  if (res.headersSent) return destroy();
  res.writeHead(503, { "Content-Type": "application/json; charset=utf-8", "Retry-After": "2", Connection: "close" });
  res.end(JSON.stringify({ error: "Maya is restarting and the request did not arrive in time; send it again." }), destroy);
  // A client that reads nothing must not hold the socket either.
  setTimeout(destroy, 200).unref();
}
