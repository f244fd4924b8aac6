/**
 * Bearer tokens: 256 random bits, shown to the guest once, stored only as a
 * SHA-256 hash (a token is already high-entropy, so a fast hash is enough and
 * lookups stay a single indexed query). An overlay token (read-only) carries
 * a prefix, so any transport can tell it apart before asking the database,
 * and so can a person or a secret scanner who finds one.
 */
import { createHash, randomBytes } from "node:crypto";

const TOKEN_BYTES = 32;
/** base64url of 32 bytes, no padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Read-only overlay tokens: this prefix, then 32 random bytes as a session token has them. */
export const OVERLAY_TOKEN_PREFIX = "maya_ovl_";
const OVERLAY_TOKEN_PATTERN = /^maya_ovl_[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function newOverlayToken(): string {
  return `${OVERLAY_TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString("base64url")}`;
}

/** Whether the bearer claims to be an overlay token (the database decides whether it is a valid one). */
export function isOverlayToken(token: string | null | undefined): boolean {
  return typeof token === "string" && token.startsWith(OVERLAY_TOKEN_PREFIX);
}

export function isWellFormedOverlayToken(token: string): boolean {
  return OVERLAY_TOKEN_PATTERN.test(token);
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** The token from an `Authorization: Bearer <token>` value, or null when absent. */
export function bearerToken(authorization: string | undefined | null): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  return match?.[1] ?? "";
}
