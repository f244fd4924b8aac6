/**
 * The one set of request limits every way into Maya uses (POST /graphql, the
 * graphql-ws socket, and any other transport): rate limits per client address
 * and per session from one set of buckets, caps on a query's bytes, tokens,
 * depth, aliases, cost and directives (GraphQL Armor's validation rules, each
 * linear in the document: a fragment is measured once, however often it is
 * spread), caps on sockets per address and subscriptions per socket, and the
 * size of a request. Plain functions over the configuration: a transport asks
 * and maps the typed refusal to its own wire format (see refusals.ts).
 */
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  GraphQLError,
  Lexer,
  parse,
  Source,
  specifiedRules,
  TokenKind,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import proxyAddr from "proxy-addr";
import type { IncomingMessage, Server } from "node:http";
import { createSharedRateLimiter, type RateLimit, type SharedLimiterStore, type SharedRateLimiter } from "./shared-rate-limiter.js";
import { bearerToken, hashSessionToken } from "../sessions/session-token.js";
import { ConnectionCounter } from "./connection-counter.js";
import { LimitError, type LimitRefusal } from "./refusals.js";

export interface RequestLimitsConfig {
  /** A whole request: an HTTP body, one socket message. */
  maxRequestBytes: number;
  maxQueryBytes: number;
  maxQueryTokens: number;
  maxQueryDepth: number;
  maxQueryAliases: number;
  maxQueryCost: number;
  maxQueryDirectives: number;
  rateLimitPerSession: RateLimit;
  rateLimitPerAddress: RateLimit;
  maxSubscriptionsPerSocket: number;
  maxSocketsPerAddress: number;
}

export interface LimitsObserver {
  /** Every refusal, once (metrics). */
  refused?(refusal: LimitRefusal): void;
}

/** Who is asking: the address (see clientAddress) and the raw authorization value, if any. */
export interface Caller {
  address: string;
  /** `Bearer <token>` from a header or connectionParams; anything else counts as no token. */
  authorization?: unknown;
}

export type ParsedQuery = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export type ConnectionLease = { ok: true; release(): void } | { ok: false; refusal: LimitRefusal };

export interface RequestLimits {
  readonly config: RequestLimitsConfig;
  /** Takes one token from the caller's address bucket and, with a session token, its session's bucket. */
  admit(caller: Caller): Promise<LimitRefusal | null>;
  /**
   * The rate-limit buckets themselves (sessions keyed by the token's hash), for a transport that
   * takes tokens at its own moments: MCP per message, the listening socket per utterance.
   */
  readonly rateLimiters: { byAddress: SharedRateLimiter; bySession: SharedRateLimiter };
  /** Bytes and tokens of a query's source, before anything parses it. */
  checkSource(source: string): LimitRefusal | null;
  /** checkSource, then the parse; errors are coded like Apollo's. */
  parse(source: string): ParsedQuery;
  /** The extra validation rules (depth, aliases, cost, directives), for a server that validates itself (Apollo). */
  readonly validationRules: readonly ValidationRule[];
  /** The specified rules and the limits; errors are coded like Apollo's. */
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
  /** Counts a refusal a transport made itself (a message over maxRequestBytes, cut off by its parser). */
  record(refusal: LimitRefusal): LimitRefusal;
  /** Holds one of the address's socket slots until `release`. */
  openConnection(address: string): ConnectionLease;
  /** A refusal when a socket already runs `open` operations (the new one included). */
  checkSubscriptions(open: number): LimitRefusal | null;
}

/** Proxies whose X-Forwarded-For is believed by default: the same for express (`trust proxy`) and every socket. */
export const DEFAULT_TRUSTED_PROXIES: readonly string[] = ["loopback"];
const defaultTrust = proxyAddr.compile([...DEFAULT_TRUSTED_PROXIES]);
/** Each app's own list (MAYA_TRUSTED_PROXIES), by the server its requests arrive on. */
const trustByServer = new WeakMap<object, ReturnType<typeof proxyAddr.compile>>();

/**
 * Which proxies' X-Forwarded-For is believed (MAYA_TRUSTED_PROXIES: the balancer in front) for
 * requests arriving on `server`; the composition root sets it, as it sets express's `trust proxy`.
 */
export function trustProxies(server: Server, list: readonly string[]): void {
  trustByServer.set(server, proxyAddr.compile([...list]));
}

/** The caller's address as express computes `req.ip`, for any request (HTTP or a socket's upgrade). */
export function clientAddress(request: IncomingMessage): string {
  const socket = request.socket as (IncomingMessage["socket"] & { server?: object }) | undefined;
  if (!socket?.remoteAddress) return "unknown";
  return proxyAddr(request, (socket.server && trustByServer.get(socket.server)) ?? defaultTrust);
}

/** `store`: Redis, so every instance takes from the same buckets (see shared-rate-limiter.ts). */
export function createRequestLimits(config: RequestLimitsConfig, observer: LimitsObserver = {}, store?: SharedLimiterStore): RequestLimits {
  const byAddress = createSharedRateLimiter(config.rateLimitPerAddress, "address", store);
  const bySession = createSharedRateLimiter(config.rateLimitPerSession, "session", store);
  const sockets = new ConnectionCounter(config.maxSocketsPerAddress);
  const refuse = (refusal: LimitRefusal): LimitRefusal => {
    observer.refused?.(refusal);
    return refusal;
  };

  /** Armor reports "... found N." when exposeLimits is on; the refusal carries our own words. */
  const onReject =
    (make: (found: number | undefined) => LimitRefusal) =>
    (context: ValidationContext | null, error: GraphQLError): void => {
      const match = /found (\d+)/.exec(error.message);
      const refusal = refuse(make(match ? Number(match[1]) : undefined));
      context?.reportError(new LimitError(refusal));
    };
  const armor = { exposeLimits: true, propagateOnRejection: false } as const;
  const validationRules: ValidationRule[] = [
    maxDepthRule({
      ...armor,
      n: config.maxQueryDepth,
      // A fragment is where a selection is written down, not a level of the response.
      flattenFragments: true,
      onReject: [onReject((found) => ({ reason: "QUERY_TOO_DEEP", max: config.maxQueryDepth, ...(found ? { found } : {}) }))],
    }),
    maxAliasesRule({
      ...armor,
      n: config.maxQueryAliases,
      onReject: [onReject((found) => ({ reason: "TOO_MANY_ALIASES", max: config.maxQueryAliases, ...(found ? { found } : {}) }))],
    }),
    costLimitRule({
      ...armor,
      maxCost: config.maxQueryCost,
      onReject: [onReject((found) => ({ reason: "QUERY_TOO_COSTLY", max: config.maxQueryCost, ...(found ? { found } : {}) }))],
    }),
    maxDirectivesRule({
      ...armor,
      n: config.maxQueryDirectives,
      onReject: [onReject((found) => ({ reason: "TOO_MANY_DIRECTIVES", max: config.maxQueryDirectives, ...(found ? { found } : {}) }))],
    }),
  ];

  const checkSource = (source: string): LimitRefusal | null => {
    if (Buffer.byteLength(source) > config.maxQueryBytes) return refuse({ reason: "QUERY_TOO_LARGE", maxBytes: config.maxQueryBytes });
    if (tokenCountExceeds(source, config.maxQueryTokens)) return refuse({ reason: "TOO_MANY_TOKENS", max: config.maxQueryTokens });
    return null;
  };

  return {
    config,
    rateLimiters: { byAddress, bySession },
    admit: async ({ address, authorization }) => {
      if (!(await byAddress.take(address))) return refuse({ reason: "RATE_LIMITED", scope: "address" });
      const token = typeof authorization === "string" ? bearerToken(authorization) : null;
      if (token && !(await bySession.take(hashSessionToken(token)))) return refuse({ reason: "RATE_LIMITED", scope: "session" });
      return null;
    },
    checkSource,
    record: refuse,
    parse: (source) => {
      const refusal = checkSource(source);
      if (refusal) return { errors: [new LimitError(refusal)] };
      try {
        return { document: parse(source, { maxTokens: config.maxQueryTokens }) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const located = error instanceof GraphQLError ? { source: error.source, positions: error.positions } : {};
        return { errors: [new GraphQLError(message, { ...located, extensions: { code: "GRAPHQL_PARSE_FAILED" } })] };
      }
    },
    validationRules,
    validate: (schema, document) =>
      validate(schema, document, [...specifiedRules, ...validationRules]).map((error) =>
        error instanceof LimitError || error.extensions.code !== undefined
          ? error
          : new GraphQLError(error.message, {
              nodes: error.nodes,
              source: error.source,
              positions: error.positions,
              extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
            }),
      ),
    openConnection: (address) =>
      sockets.isFull(address)
        ? { ok: false, refusal: refuse({ reason: "TOO_MANY_CONNECTIONS", max: config.maxSocketsPerAddress }) }
        : { ok: true, release: sockets.add(address) },
    checkSubscriptions: (open) =>
      open > config.maxSubscriptionsPerSocket ? refuse({ reason: "TOO_MANY_SUBSCRIPTIONS", max: config.maxSubscriptionsPerSocket }) : null,
  };
}

/** Counts lexer tokens up to max + 1 (linear, no tree built); a lexing error is left to the parser to report. */
function tokenCountExceeds(source: string, max: number): boolean {
  const lexer = new Lexer(new Source(source));
  try {
    let count = 0;
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++count > max) return true;
    }
  } catch {
    return false;
  }
  return false;
}
