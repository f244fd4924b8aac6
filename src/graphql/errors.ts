/**
 * The one place domain errors become GraphQL errors. Anything that is not a
 * known, client-facing error is masked: the guest sees a code and a polite
 * message, the log keeps the rest.
 */
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DomainError, ERROR_CODES, UNAVAILABLE, unavailableExtensions } from "../errors.js";
import { findLimitError } from "../limits/refusals.js";

const CLIENT_CODES = new Set<string>(ERROR_CODES);
/** Apollo's own request errors, all caused by what the client sent. */
export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

export const INTERNAL_MESSAGE = "Something went wrong on our side. Please try again.";

/**
 * A document with no operation to run for the request's operationName (none by that name, or several
 * and no name): the client's mistake, said the same way over HTTP (400) and the socket.
 */
export function unresolvedOperation(): GraphQLError {
  return new GraphQLError("Name the operation to run: the document has several, or none by that name.", {
    extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } },
  });
}

export interface ErrorFormatHooks {
  /** An error on our side (masked for the client): logged here. */
  internal?: (error: unknown) => void;
  /** True when the error says the database is away (src/db/availability.ts), which then knows of it. */
  outage?: (error: unknown) => boolean;
}

export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, hooks: ErrorFormatHooks = {}): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...publicDetails(original) } };
  }
  const refused = findLimitError(error);
  if (refused) return { ...base, message: refused.message, extensions: refused.extensions };
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) return { ...base, extensions: { code } };
  if (typeof code === "string" && REQUEST_ERROR_CODES.has(code)) {
    return { ...base, extensions: { code: "BAD_USER_INPUT", reason: code } };
  }
  // Apollo's own refusals of a malformed request (an unknown persisted-query
  // version, a hash that does not match) carry a 4xx status and no code.
  if (isClientHttpError(error)) return { ...base, extensions: { code: "BAD_USER_INPUT", reason: "BAD_REQUEST" } };
  // An outage is not a bug: a retryable refusal (503 over HTTP, see outageStatus), logged once per outage.
  if (hooks.outage?.(original)) return { message: UNAVAILABLE.message, path: formatted.path, extensions: unavailableExtensions() };
  hooks.internal?.(original);
  return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

function isClientHttpError(error: unknown): boolean {
  const status = error instanceof GraphQLError ? (error.extensions.http as { status?: unknown } | undefined)?.status : undefined;
  return typeof status === "number" && status >= 400 && status < 500;
}

/** Details a client can act on (balance short by how much, which modifier...). */
function publicDetails(error: DomainError): Record<string, unknown> {
  const { reason, balanceCents, neededCents, menuItemId, modifier } = error.details;
  return Object.fromEntries(
    Object.entries({ reason, balanceCents, neededCents, menuItemId, modifier }).filter(([, value]) => value !== undefined),
  );
}
