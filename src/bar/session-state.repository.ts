/**
 * The write path's data access: a session's state read in one round trip,
 * and a planned change (tab lines and money, the outbox event, transcript
 * lines, the conversation's memory) applied in one round trip, by the SQL
 * functions of the `write_path` migration. The change is guarded by the tab
 * version (and, for a turn, the dialogue turn) it was planned on: when the
 * session moved on meanwhile, nothing is written and the current state comes
 * back to plan again.
 */
import type { SqlClient, SqlQueries, SqlStatement } from "../db/sql.js";
import { toTabRecord, type TabRecord } from "./bar.repository.js";
import type { SessionState } from "./session-state.js";
import type { TabChange, TabStatus } from "./views.js";

export interface LineWrite {
  id: string;
  menuItemId: string;
  quantity: number;
  modifiers: readonly string[];
  unitPriceCents: number;
}

/** The tab after an edit, as written. */
export interface TabWrite {
  balanceCents: number;
  tipPercent: number | null;
  tipFixedCents: number | null;
  subtotalCents: number;
  tipCents: number;
  totalCents: number;
  /** New lines and lines whose quantity changed. */
  upsert: readonly LineWrite[];
  delete: readonly string[];
  event: TabChange;
}

export interface TranscriptLine {
  speaker: "CUSTOMER" | "MAYA";
  text: string;
}

export interface PlannedChange {
  sessionId: string;
  /** The tab and version the change was planned on. */
  tabId: string;
  version: number;
  edit: TabWrite | null;
  messages: readonly TranscriptLine[];
  /** A conversation turn's new memory, and the stored turn counter it was planned on. */
  dialogue: { expectedTurn: string | null; state: unknown } | null;
}

export type ApplyResult =
  /** `eventId`: the outbox row of the tab change (null when only the transcript or memory changed). */
  | { applied: true; eventId: number | null }
  /** The session moved on (its current state), or is gone (null). */
  | { applied: false; state: SessionState | null };

/** A session held under its row lock: its state as read under the lock, and applying a change in the same transaction. */
export interface LockedSession {
  /** Null when there is no such session. */
  readonly state: SessionState | null;
  apply(change: PlannedChange): Promise<ApplyResult>;
}

export interface SessionStateRepository {
  findState(sessionId: string): Promise<SessionState | null>;
  apply(change: PlannedChange): Promise<ApplyResult>;
  /**
   * Runs `work` holding the session's row lock (one transaction): no other writer can move the
   * session between the read and the change, so a change planned on `state` applies. Committed
   * when `work` resolves, rolled back when it throws.
   */
  withLockedSession<T>(sessionId: string, work: (locked: LockedSession) => Promise<T>): Promise<T>;
}

const FIND_STATE: SqlStatement = { name: "maya_find_state", text: "SELECT maya_session_state($1::uuid) AS state" };
/**
 * The lock comes first, the read in a statement of its own: a read in the locking statement would
 * use a snapshot from before the lock was granted, missing the very write it waited for.
 */
const LOCK_SESSION: SqlStatement = { name: "maya_lock_session", text: 'SELECT 1 FROM "sessions" WHERE "id" = $1::uuid FOR UPDATE' };
const APPLY_CHANGE: SqlStatement = {
  name: "maya_apply_change",
  text: "SELECT maya_apply_change($1::uuid, $2::uuid, $3::integer, $4::json, $5::json, $6::json) AS result",
};

interface StoredLine {
  id: string;
  menuItemId: string;
  quantity: number;
  modifiers: string[];
  unitPriceCents: number;
}

interface StoredState {
  id: string;
  customerName: string | null;
  balanceCents: number;
  startingBalanceCents: number;
  dialogueState: unknown;
  createdAt: string;
  tab: Omit<TabRecord, "sessionId" | "items" | "status"> & { status: TabStatus; items: StoredLine[] } | null;
}

/** The JSON of `maya_session_state` as a SessionState; null when there is no session (or, impossibly, no tab). */
function toSessionState(stored: StoredState | null): SessionState | null {
  if (!stored?.tab) return null;
  return {
    id: stored.id,
    customerName: stored.customerName,
    balanceCents: stored.balanceCents,
    startingBalanceCents: stored.startingBalanceCents,
    createdAt: new Date(stored.createdAt),
    dialogueState: stored.dialogueState ?? null,
    tab: toTabRecord({ ...stored.tab, sessionId: stored.id }),
  };
}

/** A NUL, or half of a UTF-16 surrogate pair: what PostgreSQL's text and json cannot hold. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * JSON for the database, every string in it storable: a stray NUL or lone surrogate would fail
 * the whole change at the last step. The conversation cleans what guests say before anything
 * happens; this is the repository not trusting that every caller did.
 */
function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  // JSON.stringify escapes exactly these as \u0000 and \udXXX: without one, there is nothing to clean.
  if (!ESCAPED_UNSTORABLE.test(json)) return json;
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === "string" ? field.replace(UNSTORABLE, (found) => (found === "\u0000" ? "" : "\uFFFD")) : field,
  );
}

const ESCAPED_UNSTORABLE = /\\u0000|\\ud[89a-f]/i;

export class SqlSessionStateRepository implements SessionStateRepository {
  constructor(private readonly sql: SqlClient) {}

  findState(sessionId: string): Promise<SessionState | null> {
    return findStateWith(this.sql, sessionId);
  }

  apply(change: PlannedChange): Promise<ApplyResult> {
    return applyWith(this.sql, change);
  }

  withLockedSession<T>(sessionId: string, work: (locked: LockedSession) => Promise<T>): Promise<T> {
    return this.sql.transaction(async (sql) => {
      await sql.query(LOCK_SESSION, [sessionId]);
      const state = await findStateWith(sql, sessionId);
      return work({ state, apply: (change) => applyWith(sql, change) });
    });
  }
}

async function findStateWith(sql: SqlQueries, sessionId: string): Promise<SessionState | null> {
  const [row] = await sql.query<{ state: StoredState | null }>(FIND_STATE, [sessionId]);
  return toSessionState(row?.state ?? null);
}

async function applyWith(sql: SqlQueries, change: PlannedChange): Promise<ApplyResult> {
  const [row] = await sql.query<{ result: { applied: boolean; eventId?: number | string | null; state?: StoredState | null } }>(APPLY_CHANGE, [
    change.sessionId,
    change.tabId,
    change.version,
    change.edit ? storableJson(change.edit) : null,
    change.messages.length > 0 ? storableJson(change.messages) : null,
    change.dialogue ? storableJson(change.dialogue) : null,
  ]);
  if (!row) throw new Error("maya_apply_change returned no row");
  if (!row.result.applied) return { applied: false, state: toSessionState(row.result.state ?? null) };
  const eventId = row.result.eventId;
  return { applied: true, eventId: eventId === null || eventId === undefined ? null : Number(eventId) };
}
