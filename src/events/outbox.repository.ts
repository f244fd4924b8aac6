/**
 * The outbox of tab changes (table tab_events): written in the same
 * transaction as each change, read here to deliver changes across instances
 * and to fill a subscriber's gap, and pruned once nobody can need a row.
 */
import type { SqlClient, SqlStatement } from "../db/sql.js";
import type { TabChange } from "../bar/views.js";

export interface OutboxRow {
  /** The outbox id, in commit order per session (not across sessions). */
  id: number;
  sessionId: string;
  version: number;
  change: TabChange;
}

export interface OutboxRepository {
  /** The newest id, or 0 for an empty outbox. */
  lastId(): Promise<number>;
  /** Rows after `afterId`, and rows among `ids` (earlier ids not seen yet), in id order, at most `limit`. */
  rowsAfter(afterId: number, ids: readonly number[], limit: number): Promise<OutboxRow[]>;
  /** One session's changes with versions in [fromVersion, toVersion), in version order. */
  sessionChanges(sessionId: string, fromVersion: number, toVersion: number): Promise<TabChange[]>;
  /** Deletes rows older than `age` seconds; returns how many. */
  prune(ageSeconds: number, batch: number): Promise<number>;
}

const LAST_ID: SqlStatement = { name: "maya_outbox_last", text: `SELECT COALESCE(MAX("id"), 0)::bigint AS id FROM "tab_events"` };
const ROWS_AFTER: SqlStatement = {
  name: "maya_outbox_after",
  // Two index range reads, whatever plan a prepared statement settles on.
  text: `(SELECT "id"::bigint AS id, "session_id" AS "sessionId", "version", "payload"
            FROM "tab_events" WHERE "id" = ANY($2::bigint[]) AND "id" <= $1::bigint)
         UNION ALL
         (SELECT "id"::bigint AS id, "session_id" AS "sessionId", "version", "payload"
            FROM "tab_events" WHERE "id" > $1::bigint ORDER BY "id" LIMIT $3)
         ORDER BY id`,
};
const SESSION_CHANGES: SqlStatement = {
  name: "maya_outbox_session",
  text: `SELECT "payload" FROM "tab_events"
          WHERE "session_id" = $1::uuid AND "version" >= $2 AND "version" < $3 ORDER BY "version", "id"`,
};
const PRUNE: SqlStatement = {
  name: "maya_outbox_prune",
  text: `DELETE FROM "tab_events" WHERE "id" IN (
           SELECT "id" FROM "tab_events" WHERE "created_at" < now() - make_interval(secs => $1) ORDER BY "id" LIMIT $2)
         RETURNING "id"`,
};

export class SqlOutboxRepository implements OutboxRepository {
  constructor(private readonly sql: SqlClient) {}

  async lastId(): Promise<number> {
    const [row] = await this.sql.query<{ id: string | number }>(LAST_ID, []);
    return Number(row?.id ?? 0);
  }

  async rowsAfter(afterId: number, ids: readonly number[], limit: number): Promise<OutboxRow[]> {
    const rows = await this.sql.query<{ id: string | number; sessionId: string; version: number; payload: TabChange }>(ROWS_AFTER, [
      afterId,
      ids,
      limit,
    ]);
    return rows.map((row) => ({ id: Number(row.id), sessionId: row.sessionId, version: row.version, change: row.payload }));
  }

  async sessionChanges(sessionId: string, fromVersion: number, toVersion: number): Promise<TabChange[]> {
    const rows = await this.sql.query<{ payload: TabChange }>(SESSION_CHANGES, [sessionId, fromVersion, toVersion]);
    return rows.map((row) => row.payload);
  }

  async prune(ageSeconds: number, batch: number): Promise<number> {
    const rows = await this.sql.query(PRUNE, [ageSeconds, batch]);
    return rows.length;
  }
}
