/**
 * Domain errors carry one of the contract's error codes. They are mapped to
 * GraphQL errors in exactly one place (src/graphql/errors.ts); the
 * conversation turns them into words instead.
 */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  /** A valid token that may not do this (an overlay token asked to change something). */
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "INSUFFICIENT_FUNDS",
  "TAB_LOCKED",
  "PAYMENT_PROVIDER_UNAVAILABLE",
  "RATE_LIMITED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Facts a caller may use to explain the failure (never secrets). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError("BAD_USER_INPUT", message, details);
export const notFound = (message: string, details?: Record<string, unknown>) =>
  new DomainError("NOT_FOUND", message, details);
export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);
export const unauthenticated = (message = "A valid session token is required.") =>
  new DomainError("UNAUTHENTICATED", message);

/**
 * A retryable refusal while the database is away (src/db/availability.ts): not a client's mistake and
 * not a bug, so neither a domain code nor INTERNAL_SERVER_ERROR. HTTP answers it with 503 and Retry-After.
 */
export const UNAVAILABLE = {
  code: "UNAVAILABLE",
  message: "Maya can't reach her records right now. Please try again in a moment.",
  retryAfterSeconds: 2,
} as const;

export const unavailableExtensions = () => ({ code: UNAVAILABLE.code, retryAfterSeconds: UNAVAILABLE.retryAfterSeconds });
