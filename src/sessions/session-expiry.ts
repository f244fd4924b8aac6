/**
 * Sessions do not pile up forever: a session idle for longer than the TTL
 * (MAYA_SESSION_TTL_SECONDS, default 7 days) with nothing owed (an empty open
 * tab, no payment pending) expires. One that never paid anything is deleted
 * with everything of it (transcript, tabs, events); one that paid keeps the
 * records of its paid tabs and payments, but its token stops working and its
 * transcript and memory are dropped. Every instance sweeps; rows another
 * sweeper or a writer holds are skipped, so sweeps never wait or collide.
 */
import type { SqlClient, SqlStatement } from "../db/sql.js";

export interface ExpiredSessions {
  deleted: string[];
  closed: string[];
}

export interface SessionExpiryRepository {
  expireIdle(idleSeconds: number, batch: number): Promise<ExpiredSessions>;
}

/** Idle past the TTL, nothing open on the tab, no payment pending: the conditions both kinds share. */
const IDLE_AND_SETTLED = `s."last_seen_at" < now() - make_interval(secs => $1)
    AND NOT EXISTS (SELECT 1 FROM "tabs" t WHERE t."session_id" = s."id"
                     AND (t."status" = 'PAYMENT_PENDING' OR (t."status" = 'OPEN' AND t."total_cents" > 0)))`;

const DELETE_UNPAID: SqlStatement = {
  name: "maya_expire_unpaid",
  text: `DELETE FROM "sessions" WHERE "id" IN (
           SELECT s."id" FROM "sessions" s
            WHERE ${IDLE_AND_SETTLED}
              AND NOT EXISTS (SELECT 1 FROM "tabs" t WHERE t."session_id" = s."id" AND t."status" = 'PAID')
            ORDER BY s."last_seen_at" LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING "id"`,
};

/** Keeps paid tabs and payments; the token is replaced by one no client can present. */
const CLOSE_PAID: SqlStatement = {
  name: "maya_expire_paid",
  text: `WITH closing AS (
           SELECT s."id" FROM "sessions" s
            WHERE ${IDLE_AND_SETTLED}
              AND s."token_hash" NOT LIKE 'expired:%'
              AND EXISTS (SELECT 1 FROM "tabs" t WHERE t."session_id" = s."id" AND t."status" = 'PAID')
            ORDER BY s."last_seen_at" LIMIT $2 FOR UPDATE SKIP LOCKED),
         forgotten AS (DELETE FROM "messages" WHERE "session_id" IN (SELECT "id" FROM closing)),
         -- Overlay tokens end with their session.
         revoked AS (DELETE FROM "overlay_tokens" WHERE "session_id" IN (SELECT "id" FROM closing))
         UPDATE "sessions" SET "token_hash" = 'expired:' || "id", "dialogue_state" = NULL
          WHERE "id" IN (SELECT "id" FROM closing)
         RETURNING "id"`,
};

export class SqlSessionExpiryRepository implements SessionExpiryRepository {
  constructor(private readonly sql: SqlClient) {}

  async expireIdle(idleSeconds: number, batch: number): Promise<ExpiredSessions> {
    const deleted = await this.sql.query<{ id: string }>(DELETE_UNPAID, [idleSeconds, batch]);
    const closed = await this.sql.query<{ id: string }>(CLOSE_PAID, [idleSeconds, batch]);
    return { deleted: deleted.map((row) => row.id), closed: closed.map((row) => row.id) };
  }
}

const BATCH = 500;

/** Expires every idle session due, a batch at a time; `expired` hears each batch (caches to drop, a count). */
export async function expireIdleSessions(
  repository: SessionExpiryRepository,
  ttlSeconds: number,
  expired: (sessions: ExpiredSessions) => void,
): Promise<void> {
  for (;;) {
    const batch = await repository.expireIdle(ttlSeconds, BATCH);
    if (batch.deleted.length + batch.closed.length > 0) expired(batch);
    if (batch.deleted.length < BATCH && batch.closed.length < BATCH) return;
  }
}
