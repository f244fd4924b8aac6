import { badInput, unauthenticated } from "../errors.js";
import type { MessageRecord, SessionRecord, SessionRepository } from "./session.repository.js";
import { hashSessionToken, isWellFormedToken, newSessionToken } from "./session-token.js";

export const MAX_CUSTOMER_NAME_CHARS = 60;
export const MAX_TRANSCRIPT_MESSAGES = 200;
/** Writing last-seen on every request would turn reads into writes; once a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionGrant {
  token: string;
  session: SessionRecord;
}

export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly startingBalanceCents: number,
    private readonly onSessionStarted: () => void = () => undefined,
  ) {}

  async start(customerName: string | null | undefined): Promise<SessionGrant> {
    const name = normaliseCustomerName(customerName);
    const token = newSessionToken();
    const session = await this.sessions.create({
      tokenHash: hashSessionToken(token),
      customerName: name,
      startingBalanceCents: this.startingBalanceCents,
    });
    this.onSessionStarted();
    return { token, session };
  }

  /** The session a bearer token belongs to; UNAUTHENTICATED for anything else. */
  async authenticate(token: string): Promise<SessionRecord> {
    if (!isWellFormedToken(token)) throw unauthenticated("The session token is malformed.");
    const found = await this.sessions.findByTokenHash(hashSessionToken(token));
    if (!found) throw unauthenticated("The session token is not valid. Start a new session.");
    const now = new Date();
    if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await this.sessions.touch(found.id, now);
    const { lastSeenAt: _lastSeenAt, ...session } = found;
    return session;
  }

  async session(sessionId: string): Promise<SessionRecord> {
    const found = await this.sessions.findById(sessionId);
    if (!found) throw unauthenticated("The session no longer exists.");
    return found;
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
