/**
 * Brings every instance's committed changes to this instance's subscribers,
 * exactly once each, with the outbox as the durable record. Rows arrive by
 * `receive`: this instance's own as they commit, other instances' from the
 * broker (Redis). The outbox is read only when something may have been
 * missed, never on a timer while nothing changes:
 * - `catchUp()`: the broker was away (reconnect, restart) or woke us without
 *   the rows (PostgreSQL NOTIFY);
 * - an id skipped over for longer than `gapCheckMs`: outbox ids are taken in
 *   insertion order but committed in any order, so a skipped id is usually a
 *   message still in flight; one that stays missing (its publish was lost,
 *   or a long transaction holds it) is asked for with backoff until it shows
 *   up or is old enough to have been rolled back;
 * - while the broker is away (`brokerDown`), every `fallbackPollMs`, so
 *   changes still cross instances, later.
 * A failed read is retried with backoff from where the relay was, so nothing
 * committed meanwhile is missed; while reads fail the instance reports itself
 * not ready.
 */
import type { OutboxRepository, OutboxRow } from "./outbox.repository.js";

export interface RelayOptions {
  /** A skipped id still missing after this long is read from the outbox (a message in flight usually fills it first). */
  gapCheckMs: number;
  /** The backoff of those reads while an id stays missing. */
  gapCheckMaxMs: number;
  /** A skipped id not seen after this long belonged to a transaction that rolled back. */
  gapTimeoutMs: number;
  /** Between reads while the broker is away. */
  fallbackPollMs: number;
  batchSize: number;
}

export const DEFAULT_RELAY_OPTIONS: RelayOptions = {
  gapCheckMs: 100,
  gapCheckMaxMs: 5000,
  // Longer than the longest transaction that writes the outbox (a payment's, 30 s).
  gapTimeoutMs: 60_000,
  fallbackPollMs: 250,
  batchSize: 1000,
};

/** More skipped ids than this at once is not a race between transactions; they are not tracked. */
const MAX_TRACKED_GAPS = 10_000;
const MAX_BACKOFF_MS = 2000;
const FIRST_RETRY_MS = 10;

export interface RelayObserver {
  /** A read failed; `attempt` counts the failures in a row (1 for the first of an outage). */
  readFailed?(error: unknown, attempt: number): void;
  recovered?(): void;
  /** Each read of the outbox and why (tests and the idle-cost figures). */
  read?(cause: ReadCause): void;
}

export type ReadCause = "catch_up" | "gap" | "broker_down" | "retry";

export class OutboxRelay {
  private lastSeenId = 0;
  /** Skipped ids and when they were first missed. */
  private readonly gaps = new Map<number, number>();
  private gapTimer: NodeJS.Timeout | undefined;
  private gapDelayMs: number;
  private pollTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** A read was asked for while one ran: it runs again after, since the running one may have started too early. */
  private readAgain: ReadCause | undefined;
  /** What a call made while a read ran waits for: the read after it. */
  private followUp: Promise<void> | undefined;
  private stopped = true;
  private consecutiveFailures = 0;

  constructor(
    private readonly outbox: Pick<OutboxRepository, "lastId" | "rowsAfter">,
    private readonly deliver: (row: OutboxRow) => void,
    private readonly observer: RelayObserver = {},
    private readonly options: RelayOptions = DEFAULT_RELAY_OPTIONS,
  ) {
    this.gapDelayMs = options.gapCheckMs;
  }

  /** Starts at the outbox's end: earlier changes were before any subscriber of this instance. */
  async start(): Promise<void> {
    this.lastSeenId = await this.outbox.lastId();
    this.stopped = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.gapTimer);
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    this.pollTimer = undefined;
    await this.running;
  }

  /** False while reading the outbox fails: this instance's subscribers may be missing changes. */
  get healthy(): boolean {
    return !this.stopped && this.consecutiveFailures === 0;
  }

  /** Ids skipped over and not seen yet (tests). */
  get missingIds(): number {
    return this.gaps.size;
  }

  /** A committed row, from this instance or the broker; delivered unless it was already. */
  receive(row: OutboxRow): void {
    if (this.stopped) return;
    this.take(row, Date.now());
    this.scheduleGapCheck();
  }

  /** Reads everything committed since the last row seen (and the ids skipped over). */
  catchUp(cause: ReadCause = "catch_up"): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.readAgain ??= cause;
      // Resolves after the read that runs again: the one running may have started before what this call asks for.
      this.followUp ??= this.running.then(() => this.running);
      return this.followUp;
    }
    this.running = this.readAll(cause).finally(() => {
      this.running = undefined;
      this.followUp = undefined;
      const again = this.readAgain;
      this.readAgain = undefined;
      if (again) void this.catchUp(again);
    });
    return this.running;
  }

  /** The broker is away: messages are lost until it is back, so the outbox is read on a timer meanwhile. */
  brokerDown(): void {
    if (this.stopped || this.pollTimer) return;
    this.pollTimer = setInterval(() => void this.catchUp("broker_down"), this.options.fallbackPollMs);
    this.pollTimer.unref();
  }

  /** The broker is back (subscribed again): whatever was published while it was away is read once. */
  brokerUp(): Promise<void> {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    return this.catchUp();
  }

  private async readAll(cause: ReadCause): Promise<void> {
    this.observer.read?.(cause);
    try {
      let rows: OutboxRow[];
      do {
        rows = await this.outbox.rowsAfter(this.lastSeenId, [...this.gaps.keys()], this.options.batchSize);
        const now = Date.now();
        for (const row of rows) this.take(row, now);
        for (const [id, since] of this.gaps) if (now - since > this.options.gapTimeoutMs) this.gaps.delete(id);
      } while (rows.length >= this.options.batchSize && !this.stopped);
      if (this.consecutiveFailures > 0) this.observer.recovered?.();
      this.consecutiveFailures = 0;
      this.scheduleGapCheck();
    } catch (error) {
      this.consecutiveFailures += 1;
      this.observer.readFailed?.(error, this.consecutiveFailures);
      const delay = Math.min(FIRST_RETRY_MS * 2 ** Math.min(this.consecutiveFailures, 16), MAX_BACKOFF_MS);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.catchUp("retry"), delay);
      this.retryTimer.unref();
    }
  }

  /**
   * One timer while some id is missing, none otherwise: it fires when the oldest
   * missing id has been missing for the current delay, which doubles while ids stay missing.
   */
  private scheduleGapCheck(): void {
    if (this.stopped || this.gapTimer) return;
    if (this.gaps.size === 0) {
      this.gapDelayMs = this.options.gapCheckMs;
      return;
    }
    const oldest = this.gaps.values().next().value as number;
    const wait = Math.max(0, oldest + this.gapDelayMs - Date.now());
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (this.gaps.size === 0) return this.scheduleGapCheck();
      const oldestNow = this.gaps.values().next().value as number;
      if (Date.now() - oldestNow < this.gapDelayMs) return this.scheduleGapCheck();
      this.gapDelayMs = Math.min(this.gapDelayMs * 2, this.options.gapCheckMaxMs);
      void this.catchUp("gap");
    }, wait);
    this.gapTimer.unref();
  }

  private take(row: OutboxRow, now: number): void {
    if (row.id > this.lastSeenId) {
      if (row.id - this.lastSeenId - 1 <= MAX_TRACKED_GAPS) {
        for (let id = this.lastSeenId + 1; id < row.id && this.gaps.size < MAX_TRACKED_GAPS; id += 1) this.gaps.set(id, now);
      }
      this.lastSeenId = row.id;
    } else if (!this.gaps.delete(row.id)) {
      return; // seen already
    }
    this.deliver(row);
  }
}
