/**
 * Which other origins may use Maya from a browser (MAYA_CORS_ORIGINS), for
 * HTTP and WebSockets alike. HTTP goes through the `cors` middleware: a
 * listed origin gets its preflight answered and `Access-Control-Allow-Origin`
 * on the resources a frontend needs (/graphql, /overlay.js); any other origin
 * gets no CORS header at all. Credentials are bearer tokens in the
 * Authorization header, never cookies, so credentialed CORS stays off.
 *
 * A browser sends `Origin` on every WebSocket handshake (and nothing stops a
 * page from opening one to any host), so the socket checks the same list: a
 * handshake from a page of another origin is refused with 403 unless it is
 * listed; one without `Origin` (a program, not a browser page) is let through
 * to the usual token check.
 */
import type { IncomingMessage } from "node:http";
import cors from "cors";
import type { RequestHandler } from "express";

/** What a cross-origin page may send: JSON bodies with a bearer token. */
const ALLOWED_HEADERS = ["content-type", "authorization", "accept"];
/** Browsers cache a preflight for at most this long (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export interface OriginPolicy {
  /** The configured origins (never Maya's own, which is always allowed). */
  readonly origins: readonly string[];
  /** CORS for the resources other origins may use; does nothing when no origin is listed. */
  cors(): RequestHandler;
  /** Whether a WebSocket handshake may proceed: no Origin, Maya's own origin, or a listed one. */
  allowsUpgrade(request: IncomingMessage): boolean;
}

export function createOriginPolicy(options: { origins: readonly string[]; publicUrl: string }): OriginPolicy {
  const listed = new Set(options.origins);
  const publicOrigin = originOf(options.publicUrl);
  const middleware =
    listed.size === 0
      ? null
      : cors({
          // Reached only for a listed origin (below): reflect it.
          origin: true,
          methods: ["GET", "POST"],
          allowedHeaders: ALLOWED_HEADERS,
          credentials: false,
          maxAge: PREFLIGHT_MAX_AGE_SECONDS,
          optionsSuccessStatus: 204,
        });
  /** A preflight from an origin not listed goes on without any CORS header (the browser then refuses). */
  const listedOnly: RequestHandler = (req, res, next) => {
    const origin = req.get("origin");
    if (middleware === null || origin === undefined || !listed.has(origin)) return next();
    middleware(req, res, next);
  };
  return {
    origins: [...listed],
    cors: () => listedOnly,
    allowsUpgrade: (request) => {
      const origin = request.headers.origin;
      if (origin === undefined) return true;
      if (listed.has(origin) || origin === publicOrigin) return true;
      // Same origin as the address the browser used (a LAN address, a port the public URL does not name).
      const host = request.headers.host;
      return host !== undefined && originOf(origin) !== null && new URL(origin).host === host.toLowerCase();
    },
  };
}

/** The origin of a URL, or null for a malformed one. */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}
