import type { SessionRecord } from "../sessions/session.repository.js";
import type { SessionService } from "../sessions/session.service.js";
import { bearerToken } from "../sessions/session-token.js";
import { unauthenticated } from "../errors.js";

export interface GraphQLContext {
  /** The authenticated session, or UNAUTHENTICATED. Resolved at most once per request. */
  session(): Promise<SessionRecord>;
  /** The caller's address, for per-address rate limits. */
  clientAddress: string;
}

/** A context whose session comes from an `Authorization: Bearer` value. */
export function contextFromAuthorization(
  sessions: SessionService,
  authorization: string | undefined | null,
  clientAddress: string,
): GraphQLContext {
  let resolved: Promise<SessionRecord> | undefined;
  return {
    clientAddress,
    session: () => {
      resolved ??= (async () => {
        const token = bearerToken(authorization);
        if (token === null) throw unauthenticated("Send the session token as `Authorization: Bearer <token>`.");
        return sessions.authenticate(token);
      })();
      return resolved;
    },
  };
}
