import { badInput, forbidden, unauthenticated } from "../errors.js";
import { LruMap } from "../lru-map.js";
import type { OverlayTokenRepository } from "./overlay-token.repository.js";
import type { MessageRecord, SessionRecord, SessionRepository } from "./session.repository.js";
import { hashSessionToken, isOverlayToken, isWellFormedOverlayToken, isWellFormedToken, newOverlayToken, newSessionToken } from "./session-token.js";

export const MAX_CUSTOMER_NAME_CHARS = 60;
export const MAX_TRANSCRIPT_MESSAGES = 200;
/** Writing last-seen on every request would turn reads into writes; once a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;
/**
 * A token, once found, is trusted from memory for this long before the
 * database is asked again (and last-seen written): tokens never change, and a
 * session that expires has been idle for days, long out of this cache.
 */
const TOKEN_TRUST_MS = 60_000;
const MAX_REMEMBERED_TOKENS = 50_000;
/** Live overlay tokens per session: one per screen or stream, with room to spare. */
export const MAX_OVERLAY_TOKENS = 20;

export const OVERLAY_READS_ONLY =
  "An overlay token can only read the session (me) and follow its tab (tabChanged); use the guest's own token for anything else.";

interface RememberedToken {
  session: SessionRecord;
  confirmedAt: number;
}

export interface SessionGrant {
  token: string;
  session: SessionRecord;
}

/** Who may read a session: its guest, or an overlay (read-only) holding one of its overlay tokens. */
export interface Viewer {
  session: SessionRecord;
  overlay: boolean;
}

export type OverlayRevocationListener = (sessionId: string) => void;

export class SessionService {
  /** Token hash to session, least recently used first out. */
  private readonly tokens = new LruMap<string, RememberedToken>(MAX_REMEMBERED_TOKENS);
  private readonly revocationListeners = new Set<OverlayRevocationListener>();

  constructor(
    private readonly sessions: SessionRepository,
    private readonly overlayTokens: OverlayTokenRepository,
    private readonly startingBalanceCents: number,
    private readonly onSessionStarted: () => void = () => undefined,
  ) {}

  async start(customerName: string | null | undefined): Promise<SessionGrant> {
    const name = normaliseCustomerName(customerName);
    const token = newSessionToken();
    const tokenHash = hashSessionToken(token);
    const session = await this.sessions.create({ tokenHash, customerName: name, startingBalanceCents: this.startingBalanceCents });
    this.onSessionStarted();
    this.tokens.set(tokenHash, { session, confirmedAt: Date.now() });
    return { token, session };
  }

  /**
   * The session a guest's bearer token belongs to; FORBIDDEN for an overlay token (which may only
   * read, through `authenticateViewer`), UNAUTHENTICATED for anything else.
   */
  async authenticate(token: string): Promise<SessionRecord> {
    if (isOverlayToken(token)) throw forbidden(OVERLAY_READS_ONLY);
    if (!isWellFormedToken(token)) throw unauthenticated("The session token is malformed.");
    const tokenHash = hashSessionToken(token);
    const now = Date.now();
    const remembered = this.tokens.get(tokenHash);
    if (remembered && now - remembered.confirmedAt < TOKEN_TRUST_MS) return remembered.session;
    const found = await this.sessions.findByTokenHash(tokenHash);
    if (!found) {
      this.tokens.delete(tokenHash);
      throw unauthenticated("The session token is not valid. Start a new session.");
    }
    if (now - found.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await this.sessions.touch(found.id, new Date(now));
    const { lastSeenAt: _lastSeenAt, ...session } = found;
    this.tokens.set(tokenHash, { session, confirmedAt: now });
    return session;
  }

  /**
   * The session a guest's token or an overlay token reads. An overlay token is asked of the database
   * every time (it is not remembered), so a revoked one stops working at once on every instance; and
   * reading through it never counts as the guest being active, so an overlay left on a screen does not
   * keep the session from expiring.
   */
  async authenticateViewer(token: string): Promise<Viewer> {
    if (!isOverlayToken(token)) return { session: await this.authenticate(token), overlay: false };
    if (!isWellFormedOverlayToken(token)) throw unauthenticated("The overlay token is malformed.");
    const session = await this.overlayTokens.findSession(hashSessionToken(token));
    if (!session) throw unauthenticated("This overlay link was revoked, or its session has ended.");
    return { session, overlay: true };
  }

  /** A new read-only token for the session's overlays (shown once, stored hashed). */
  async createOverlayToken(sessionId: string): Promise<string> {
    const token = newOverlayToken();
    if (!(await this.overlayTokens.create(sessionId, hashSessionToken(token), MAX_OVERLAY_TOKENS))) {
      throw badInput(`A session can have at most ${MAX_OVERLAY_TOKENS} overlay links: revoke them (revokeOverlayTokens) to make new ones.`, {
        reason: "TOO_MANY_OVERLAY_TOKENS",
      });
    }
    return token;
  }

  /** Revokes every overlay token of the session; overlays following it here are told at once. */
  async revokeOverlayTokens(sessionId: string): Promise<void> {
    await this.overlayTokens.revokeAll(sessionId);
    this.overlaysEnded(sessionId);
  }

  /** Hears of sessions whose overlays must stop (tokens revoked, session expired); returns the way to stop hearing. */
  onOverlaysEnded(listener: OverlayRevocationListener): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  /** Sessions that expired here: their tokens stop working at once on this instance, and their overlays end. */
  forgetSessions(sessionIds: ReadonlySet<string>): void {
    this.tokens.deleteWhere((remembered) => sessionIds.has(remembered.session.id));
    for (const id of sessionIds) this.overlaysEnded(id);
  }

  private overlaysEnded(sessionId: string): void {
    for (const listener of this.revocationListeners) listener(sessionId);
  }

  transcript(sessionId: string, last: number): Promise<MessageRecord[]> {
    if (!Number.isInteger(last) || last < 1 || last > MAX_TRANSCRIPT_MESSAGES) {
      throw badInput(`transcript(last:) must be from 1 to ${MAX_TRANSCRIPT_MESSAGES}.`);
    }
    return this.sessions.transcript(sessionId, last);
  }
}

function normaliseCustomerName(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const name = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  if (name === "") return null;
  if ([...name].length > MAX_CUSTOMER_NAME_CHARS) {
    throw badInput(`A name can be at most ${MAX_CUSTOMER_NAME_CHARS} characters.`, { reason: "NAME_TOO_LONG" });
  }
  // Control characters have no place in a name and would garble logs and speech.
  if (/\p{Cc}/u.test(name)) throw badInput("A name cannot contain control characters.", { reason: "NAME_INVALID" });
  return name;
}
