/**
 * Why a request limit refused a request: one typed reason with its facts, one
 * message map, and one mapping to the contract's error codes and to an HTTP
 * status, so every transport refuses the same thing in the same words.
 */
import { GraphQLError } from "graphql";

export type LimitRefusal =
  | { reason: "RATE_LIMITED"; scope: "address" | "session" }
  | { reason: "QUERY_TOO_LARGE"; maxBytes: number }
  | { reason: "MESSAGE_TOO_LARGE"; maxBytes: number }
  | { reason: "TOO_MANY_TOKENS"; max: number }
  | { reason: "QUERY_TOO_DEEP"; max: number; found?: number }
  | { reason: "TOO_MANY_ALIASES"; max: number; found?: number }
  | { reason: "QUERY_TOO_COSTLY"; max: number; found?: number }
  | { reason: "TOO_MANY_DIRECTIVES"; max: number; found?: number }
  | { reason: "TOO_MANY_SUBSCRIPTIONS"; max: number }
  | { reason: "TOO_MANY_CONNECTIONS"; max: number };

export type LimitReason = LimitRefusal["reason"];

const found = (refusal: { found?: number }) => (refusal.found === undefined ? "" : ` (this one has ${refusal.found})`);

export function refusalMessage(refusal: LimitRefusal): string {
  switch (refusal.reason) {
    case "RATE_LIMITED":
      return "Too many requests; please slow down a little.";
    case "QUERY_TOO_LARGE":
      return `The query is larger than ${refusal.maxBytes} bytes.`;
    case "MESSAGE_TOO_LARGE":
      return `The request is larger than ${refusal.maxBytes} bytes.`;
    case "TOO_MANY_TOKENS":
      return `The query has more than ${refusal.max} tokens.`;
    case "QUERY_TOO_DEEP":
      return `The query is nested too deeply: at most ${refusal.max} levels are allowed${found(refusal)}.`;
    case "TOO_MANY_ALIASES":
      return `The query uses too many aliases: at most ${refusal.max} are allowed${found(refusal)}.`;
    case "QUERY_TOO_COSTLY":
      return `The query asks for too much at once: its cost may be at most ${refusal.max}${found(refusal)}. Ask for less, or split it.`;
    case "TOO_MANY_DIRECTIVES":
      return `The query uses too many directives: at most ${refusal.max} are allowed${found(refusal)}.`;
    case "TOO_MANY_SUBSCRIPTIONS":
      return `Too many subscriptions on this connection: at most ${refusal.max} at once.`;
    case "TOO_MANY_CONNECTIONS":
      return `Too many open connections from this address: at most ${refusal.max}.`;
  }
}

/** The contract's error code: quotas on rate and concurrency are RATE_LIMITED, the request's shape BAD_USER_INPUT. */
export function refusalCode(refusal: LimitRefusal): "RATE_LIMITED" | "BAD_USER_INPUT" {
  switch (refusal.reason) {
    case "RATE_LIMITED":
    case "TOO_MANY_SUBSCRIPTIONS":
    case "TOO_MANY_CONNECTIONS":
      return "RATE_LIMITED";
    default:
      return "BAD_USER_INPUT";
  }
}

export function refusalHttpStatus(refusal: LimitRefusal): number {
  if (refusalCode(refusal) === "RATE_LIMITED") return 429;
  if (refusal.reason === "QUERY_TOO_LARGE" || refusal.reason === "MESSAGE_TOO_LARGE") return 413;
  return 400;
}

/** What a client may see of a refusal: the code, the reason and the limit, never more. */
export function refusalExtensions(refusal: LimitRefusal): Record<string, unknown> {
  const { reason, ...facts } = refusal;
  return { code: refusalCode(refusal), reason, ...facts };
}

/** A refusal as a GraphQL error; the one error formatter recognises it wherever it is wrapped. */
export class LimitError extends GraphQLError {
  constructor(readonly refusal: LimitRefusal) {
    super(refusalMessage(refusal), { extensions: refusalExtensions(refusal) });
    this.name = "LimitError";
  }
}

/** The LimitError behind an error, if any (Apollo wraps validation errors in its own class). */
export function findLimitError(error: unknown): LimitError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    if (current instanceof LimitError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}
