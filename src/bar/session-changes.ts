/**
 * Every change to a session's tab goes through here: planned on this
 * instance's copy of the session (or a fresh read), applied in one round
 * trip guarded by the version it was planned on, planned again on the
 * current state when another writer got there first, and under the session's
 * row lock when it loses again (another instance's burst). A refusal (balance
 * short, tab locked, no such line) planned on a copy is checked against the
 * database before it stands, so a stale copy never refuses a guest wrongly.
 * Once applied, the change is handed to `committed` with its outbox id (the event bus).
 */
import { notFound } from "../errors.js";
import type { SessionState } from "./session-state.js";
import { storedTurn } from "./session-state.js";
import type { SessionStateCache } from "./session-state-cache.js";
import type { ApplyResult, PlannedChange, SessionStateRepository, TranscriptLine } from "./session-state.repository.js";
import { UNCHANGED, tabWrite, type PlannedEdit, type Unchanged } from "./tab-edits.js";
import type { TabChange } from "./views.js";

/** The session changed while this instance held its row lock: some writer does not take the lock. A bug, never a race. */
export class SessionConflictError extends Error {
  constructor(sessionId: string) {
    super(`Session ${sessionId} changed while its row lock was held.`);
    this.name = "SessionConflictError";
  }
}

/** A write made: the session after it, and its event for the outbox's subscribers (none when the tab did not change). */
interface Written {
  state: SessionState;
  event: { change: TabChange; outboxId: number } | null;
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
    if (!state) throw this.gone(sessionId);
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

  /**
   * Optimistic first: planned on this instance's copy (or a fresh read) and applied guarded by its
   * version, planned once more on a fresh read if the copy was stale. A writer that still loses is
   * racing another instance's burst, which would win every round (its next write needs no read),
   * so it takes the session's row lock and plans on the state read under it: that write cannot lose.
   */
  private async editNow(
    sessionId: string,
    plan: (state: SessionState) => PlannedEdit | Unchanged,
    message: (edit: PlannedEdit) => string | null,
  ): Promise<EditOutcome> {
    const optimistic = (state: SessionState, fresh: boolean) => this.attempt(state, fresh, plan, message, (change) => this.repository.apply(change));
    const { state, fresh } = await this.current(sessionId);
    let done = await optimistic(state, fresh);
    if (!done && !fresh) done = await optimistic(await this.load(sessionId), true);
    done ??= await this.repository.withLockedSession(sessionId, async (locked) => {
      if (!locked.state) throw this.gone(sessionId);
      const underLock = await this.attempt(locked.state, true, plan, message, locked.apply);
      if (!underLock) throw new SessionConflictError(sessionId);
      return underLock;
    });
    return { state: this.settle(done.written), applied: done.applied };
  }

  /**
   * Plans on `state` and writes the edit; null when the state turned out stale (the write lost,
   * or a copy not known `fresh` refused the edit or found nothing to do: read afresh, it may not).
   */
  private async attempt(
    state: SessionState,
    fresh: boolean,
    plan: (state: SessionState) => PlannedEdit | Unchanged,
    message: (edit: PlannedEdit) => string | null,
    applyChange: (change: PlannedChange) => Promise<ApplyResult>,
  ): Promise<{ written: Written; applied: PlannedEdit | null } | null> {
    let planned: PlannedEdit | Unchanged;
    try {
      planned = plan(state);
    } catch (refusal) {
      if (fresh) throw refusal;
      return null;
    }
    if (planned === UNCHANGED) return fresh ? { written: { state, event: null }, applied: null } : null;
    const said = message(planned);
    const written = await this.write(applyChange, state, planned, said ? [{ speaker: "MAYA", text: said }] : [], null, said);
    return written && { written, applied: planned };
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
    const written = await this.write((change) => this.repository.apply(change), base, planned, messages, dialogue, eventMessage);
    return written && this.settle(written);
  }

  /** One write of a change planned on `base`; null when `base` is no longer the session's state. */
  private async write(
    applyChange: (change: PlannedChange) => Promise<ApplyResult>,
    base: SessionState,
    planned: PlannedEdit | null,
    messages: readonly TranscriptLine[],
    dialogue: { state: unknown } | null,
    eventMessage: string | null,
  ): Promise<Written | null> {
    const change = planned ? tabWrite(base, planned.after, planned.reason, eventMessage) : null;
    const result = await applyChange({
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
      if (!result.state) throw this.gone(base.id);
      return null;
    }
    const after = change?.committed ?? base;
    return {
      state: dialogue ? { ...after, dialogueState: dialogue.state } : after,
      event: change && result.eventId !== null ? { change: change.write.event, outboxId: result.eventId } : null,
    };
  }

  /**
   * What follows a committed write: this instance's copy, and the event told. Only after the
   * commit: a write under the lock is committed with its transaction, not when it is made.
   */
  private settle(written: Written): SessionState {
    this.cache.remember(written.state);
    if (written.event) this.committed(written.event.change, written.event.outboxId);
    return written.state;
  }

  private gone(sessionId: string): Error {
    this.cache.forget(sessionId);
    return notFound("Session not found.");
  }
}
