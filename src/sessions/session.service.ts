import { badInput, unauthenticated } from "../errors.js";
import { LruMap } from "../lru-map.js";
import type { MessageRecord, SessionRecord, SessionRepository } from "./session.repository.js";
import { hashSessionToken, isWellFormedToken, newSessionToken } from "./session-token.js";

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

interface RememberedToken {
  session: SessionRecord;
  confirmedAt: number;
}

export interface SessionGrant {
  token: string;
  session: SessionRecord;
}

export class SessionService {
  /** Token hash to session, least recently used first out. */
  private readonly tokens = new LruMap<string, RememberedToken>(MAX_REMEMBERED_TOKENS);

  constructor(
    private readonly sessions: SessionRepository,
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

  /** The session a bearer token belongs to; UNAUTHENTICATED for anything else. */
  async authenticate(token: string): Promise<SessionRecord> {
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

  /** Sessions that expired here: their tokens stop working at once on this instance. */
  forgetSessions(sessionIds: ReadonlySet<string>): void {
    this.tokens.deleteWhere((remembered) => sessionIds.has(remembered.session.id));
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
