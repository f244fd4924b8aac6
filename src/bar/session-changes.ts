/**
 * Every change to a session's tab goes through here: planned on this
 * instance's copy of the session (or a fresh read), applied in one round
 * trip guarded by the version it was planned on, planned again on the
 * current state when another writer got there first. A refusal (balance
 * short, tab locked, no such line) planned on a copy is checked against the
 * database before it stands, so a stale copy never refuses a guest wrongly.
 * Once applied, the change is handed to `committed` with its outbox id (the event bus).
 */
import { notFound } from "../errors.js";
import type { SessionState } from "./session-state.js";
import { storedTurn } from "./session-state.js";
import type { SessionStateCache } from "./session-state-cache.js";
import type { SessionStateRepository, TranscriptLine } from "./session-state.repository.js";
import { UNCHANGED, tabWrite, type PlannedEdit, type Unchanged } from "./tab-edits.js";
import type { TabChange } from "./views.js";

/** Writers racing on one session each get the current state back; this many rounds means something is wrong. */
const MAX_ROUNDS = 20;

export class SessionConflictError extends Error {
  constructor(sessionId: string) {
    super(`Session ${sessionId} kept changing under ${MAX_ROUNDS} attempts to write it.`);
    this.name = "SessionConflictError";
  }
}

export interface EditOutcome {
  state: SessionState;
  /** The applied edit; null when there was nothing to do. */
  applied: PlannedEdit | null;
}

/** Runs one session's work after that session's earlier work on this instance (a per-session queue). */
export type SessionSerialiser = <T>(sessionId: string, work: () => Promise<T>) => Promise<T>;

const unserialised: SessionSerialiser = (_sessionId, work) => work();

export class SessionChanges {
  constructor(
    private readonly repository: SessionStateRepository,
    private readonly cache: SessionStateCache,
    private readonly committed: (change: TabChange, outboxId: number) => void,
    /**
     * Edits of one session from this instance queue behind each other (as its
     * turns do), so a burst from one guest is applied in turn rather than
     * racing and planning again; only other instances' writes can conflict.
     */
    private readonly serialise: SessionSerialiser = unserialised,
    /** Told each time a change met a session that had moved on (it is planned again). */
    private readonly conflicted: () => void = () => undefined,
  ) {}

  /** The session as the database has it now (and remembered); NOT_FOUND when it is gone. */
  async load(sessionId: string): Promise<SessionState> {
    const state = await this.repository.findState(sessionId);
    if (!state) {
      this.cache.forget(sessionId);
      throw notFound("Session not found.");
    }
    this.cache.remember(state);
    return state;
  }

  /** This instance's copy when it has one, else a fresh read. */
  async current(sessionId: string): Promise<{ state: SessionState; fresh: boolean }> {
    const cached = this.cache.find(sessionId);
    return cached ? { state: cached, fresh: false } : { state: await this.load(sessionId), fresh: true };
  }

  /** A session changed elsewhere (a payment on this instance, a write seen from another): its copy is out of date. */
  forget(sessionId: string): void {
    this.cache.forget(sessionId);
  }

  /**
   * Plans `plan` on the session and applies it. `message` is what Maya says
   * about the applied edit (the event carries it and the transcript keeps it).
   */
  edit(
    sessionId: string,
    plan: (state: SessionState) => PlannedEdit | Unchanged,
    message: (edit: PlannedEdit) => string | null = () => null,
  ): Promise<EditOutcome> {
    return this.serialise(sessionId, () => this.editNow(sessionId, plan, message));
  }

  private async editNow(
    sessionId: string,
    plan: (state: SessionState) => PlannedEdit | Unchanged,
    message: (edit: PlannedEdit) => string | null,
  ): Promise<EditOutcome> {
    let { state, fresh } = await this.current(sessionId);
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      let planned: PlannedEdit | Unchanged;
      try {
        planned = plan(state);
      } catch (refusal) {
        if (fresh) throw refusal;
        ({ state, fresh } = { state: await this.load(sessionId), fresh: true });
        continue;
      }
      if (planned === UNCHANGED) {
        if (fresh) return { state, applied: null };
        ({ state, fresh } = { state: await this.load(sessionId), fresh: true });
        continue;
      }
      const said = message(planned);
      const committed = await this.apply(state, planned, said ? [{ speaker: "MAYA", text: said }] : [], null, said);
      if (committed) return { state: committed, applied: planned };
      ({ state, fresh } = { state: await this.load(sessionId), fresh: true });
    }
    throw new SessionConflictError(sessionId);
  }

  /**
   * Applies what was planned on `base`: an edit (or none), transcript lines,
   * and for a conversation turn its new memory. Returns the session after it,
   * or null when `base` is no longer the session's state; this instance's copy
   * is then dropped, so the next plan reads the session afresh. (The state the
   * refused call returns is not kept: read within that call, it can predate
   * the very write that won, and planning on it loses every time.)
   */
  async apply(
    base: SessionState,
    planned: PlannedEdit | null,
    messages: readonly TranscriptLine[],
    dialogue: { state: unknown } | null,
    eventMessage: string | null = null,
  ): Promise<SessionState | null> {
    const change = planned ? tabWrite(base, planned.after, planned.reason, eventMessage) : null;
    const result = await this.repository.apply({
      sessionId: base.id,
      tabId: base.tab.id,
      version: base.tab.version,
      edit: change?.write ?? null,
      messages,
      dialogue: dialogue ? { expectedTurn: storedTurn(base.dialogueState), state: dialogue.state } : null,
    });
    if (!result.applied) {
      this.conflicted();
      this.cache.forget(base.id);
      if (!result.state) throw notFound("Session not found.");
      return null;
    }
    const after = change?.committed ?? base;
    const committed: SessionState = dialogue ? { ...after, dialogueState: dialogue.state } : after;
    this.cache.remember(committed);
    if (change && result.eventId !== null) this.committed(change.write.event, result.eventId);
    return committed;
  }
}
