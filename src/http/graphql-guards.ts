/**
 * What stands in front of POST /graphql: the shared request limits
 * (src/limits) as express middleware, so HTTP refuses exactly what the socket
 * refuses, in GraphQL-shaped bodies with the contract's codes. And an Apollo
 * plugin refusing subscriptions over HTTP: they are served over graphql-ws.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { NextFunction, Request, Response } from "express";
import { clientAddress, type RequestLimits } from "../limits/request-limits.js";
import { UNAVAILABLE, unavailableExtensions } from "../errors.js";
import { unresolvedOperation } from "../graphql/errors.js";
import { refusalExtensions, refusalHttpStatus, refusalMessage, type LimitRefusal } from "../limits/refusals.js";

export function graphqlErrorBody(message: string, code: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}

/** The refusal's HTTP status set on `res`, with Retry-After when it is a quota. */
export function refusalStatus(res: Response, refusal: LimitRefusal): Response {
  const status = refusalHttpStatus(refusal);
  if (status === 429) res.setHeader("Retry-After", "1");
  return res.status(status);
}

function sendRefusal(res: Response, refusal: LimitRefusal): void {
  const { code, ...facts } = refusalExtensions(refusal);
  refusalStatus(res, refusal).json(graphqlErrorBody(refusalMessage(refusal), String(code), facts));
}

/**
 * Before the body is read: one token from the caller's address and session buckets. GraphQL-shaped
 * refusals by default; a page (the mock checkout) or a webhook answers its own callers its own way.
 */
export function rateLimitGuard(limits: RequestLimits, refuse: (res: Response, refusal: LimitRefusal) => void = sendRefusal) {
  return (req: Request, res: Response, next: NextFunction): void => {
    limits.admit({ address: clientAddress(req), authorization: req.get("authorization") }).then((refusal) => {
      if (refusal) return refuse(res, refusal);
      next();
    }, next);
  };
}

/** After the JSON body parser: the query's bytes and tokens (POST body or GET query string), before Apollo parses it. */
export function querySourceGuard(limits: RequestLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const fromBody: unknown = (req.body as { query?: unknown } | undefined)?.query;
    const query = typeof fromBody === "string" ? fromBody : req.query.query;
    const refusal = typeof query === "string" ? limits.checkSource(query) : null;
    if (refusal) return sendRefusal(res, refusal);
    next();
  };
}

/** A body parser's 413 (the JSON body, a checkout form) as a counted refusal, with the parser's own limit. */
export function bodyTooLarge(limits: RequestLimits, res: Response, error: unknown): void {
  const limit = Number((error as { limit?: unknown }).limit);
  sendRefusal(res, limits.record({ reason: "MESSAGE_TOO_LARGE", maxBytes: Number.isFinite(limit) && limit > 0 ? limit : limits.config.maxRequestBytes }));
}

/**
 * What a request must be to run over HTTP: one operation the operationName picks (else a 400 naming
 * the mistake, where Apollo would fail the request as an internal error), and no subscription:
 * graphql-js would run one sent over HTTP as a query of its root field; it belongs on the socket.
 */
export function operationGuards<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (!operation) throw unresolvedOperation();
          if (operation.operation !== "subscription") return;
          throw new GraphQLError("Subscriptions are served over graphql-ws (a WebSocket on /graphql), not over HTTP.", {
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          });
        },
      };
    },
  };
}

/** A response carrying UNAVAILABLE (the database is away) is a 503 with Retry-After: the client may retry, elsewhere or later. */
export function outageStatus<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : response.body.initialResult.errors;
          if (!errors?.some((error) => error.extensions?.code === UNAVAILABLE.code)) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(UNAVAILABLE.retryAfterSeconds));
        },
      };
    },
  };
}

/** The same refusal outside GraphQL's pipeline (an express route), as a GraphQL-shaped body. */
export function sendUnavailable(res: Response): void {
  res.setHeader("Retry-After", String(UNAVAILABLE.retryAfterSeconds));
  res.status(503).json({ errors: [{ message: UNAVAILABLE.message, extensions: unavailableExtensions() }] });
}
