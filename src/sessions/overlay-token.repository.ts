/**
 * Overlay tokens: read-only bearer tokens a guest hands to an overlay. Stored
 * hashed like session tokens, a few per session at most, gone with their
 * session or when the guest revokes them.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import { SESSION_SELECT, type SessionRecord } from "./session.repository.js";

export interface OverlayTokenRepository {
  /**
   * Stores a token for the session unless it already holds `max` of them; false at the cap.
   * Concurrent calls for one session take turns, so the cap holds under any load.
   */
  create(sessionId: string, tokenHash: string, max: number): Promise<boolean>;
  /** The session an overlay token reads, or null: unknown, revoked, or its session closed. */
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  /** Deletes every overlay token of the session; how many there were. */
  revokeAll(sessionId: string): Promise<number>;
}

/** A closed session's token hash (src/sessions/session-expiry.ts): its overlays end with it. */
const CLOSED_SESSION_PREFIX = "expired:";

export class PrismaOverlayTokenRepository implements OverlayTokenRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(sessionId: string, tokenHash: string, max: number): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      // The session's row is the lock the count and the insert share.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "sessions" WHERE "id" = ${sessionId}::uuid FOR UPDATE`;
      if (locked.length === 0) return false;
      if ((await tx.overlayToken.count({ where: { sessionId } })) >= max) return false;
      await tx.overlayToken.create({ data: { sessionId, tokenHash }, select: { id: true } });
      return true;
    });
  }

  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    const found = await this.prisma.overlayToken.findUnique({
      where: { tokenHash },
      select: { session: { select: { ...SESSION_SELECT, tokenHash: true } } },
    });
    if (!found || found.session.tokenHash.startsWith(CLOSED_SESSION_PREFIX)) return null;
    const { tokenHash: _sessionTokenHash, ...session } = found.session;
    return session;
  }

  async revokeAll(sessionId: string): Promise<number> {
    const { count } = await this.prisma.overlayToken.deleteMany({ where: { sessionId } });
    return count;
  }
}
