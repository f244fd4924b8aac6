import type { SessionRecord } from "../sessions/session.repository.js";
import type { SessionService, Viewer } from "../sessions/session.service.js";
import { bearerToken, isOverlayToken } from "../sessions/session-token.js";
import { unauthenticated } from "../errors.js";

export interface GraphQLContext {
  /** The guest's own session, or UNAUTHENTICATED (FORBIDDEN for an overlay token). Resolved at most once per request. */
  session(): Promise<SessionRecord>;
  /** The session as its guest or one of its overlays reads it: only `me` and `tabChanged` accept an overlay. */
  viewer(): Promise<Viewer>;
  /** The bearer is an overlay token (read-only), known from its form before anything is looked up. */
  overlay: boolean;
  /** The caller's address, for per-address rate limits. */
  clientAddress: string;
}

/** A context whose session comes from an `Authorization: Bearer` value. */
export function contextFromAuthorization(
  sessions: SessionService,
  authorization: string | undefined | null,
  clientAddress: string,
): GraphQLContext {
  const token = bearerToken(authorization);
  const overlay = isOverlayToken(token);
  const presented = () => {
    if (token === null) throw unauthenticated("Send the session token as `Authorization: Bearer <token>`.");
    return token;
  };
  let guest: Promise<SessionRecord> | undefined;
  let viewer: Promise<Viewer> | undefined;
  const session = () => {
    guest ??= (async () => sessions.authenticate(presented()))();
    return guest;
  };
  return {
    clientAddress,
    overlay,
    session,
    viewer: () => {
      viewer ??= overlay
        ? (async () => sessions.authenticateViewer(presented()))()
        : session().then((record) => ({ session: record, overlay: false }));
      return viewer;
    },
  };
}
