/**
 * What stands in front of POST /graphql: rate limits per client address and
 * per session (buckets that refill), and a cap on the query's size. Refusals
 * are GraphQL-shaped, with the contract's error codes.
 */
import type { NextFunction, Request, Response } from "express";
import { clientAddress } from "../graphql/subscription-server.js";
import { bearerToken, hashSessionToken } from "../sessions/session-token.js";
import { RateLimiter, type RateLimit } from "./rate-limiter.js";

export function graphqlErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

export function rateLimitGuard(limits: { perAddress: RateLimit; perSession: RateLimit }, onRefused: (scope: "address" | "session") => void) {
  const byAddress = new RateLimiter(limits.perAddress);
  const bySession = new RateLimiter(limits.perSession);
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearerToken(req.get("authorization"));
    const refusedBy = !byAddress.take(clientAddress(req))
      ? "address"
      : token && !bySession.take(hashSessionToken(token))
        ? "session"
        : null;
    if (!refusedBy) return next();
    onRefused(refusedBy);
    res.setHeader("Retry-After", "1");
    res.status(429).json(graphqlErrorBody("Too many requests; please slow down a little.", "RATE_LIMITED"));
  };
}

/** After the JSON body parser: refuses a query document larger than `maxBytes`. */
export function queryBytesGuard(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const query: unknown = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query === "string" && Buffer.byteLength(query) > maxBytes) {
      res.status(413).json(graphqlErrorBody(`The query is larger than ${maxBytes} bytes.`, "BAD_USER_INPUT"));
      return;
    }
    next();
  };
}
