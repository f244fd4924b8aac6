/**
 * Brings every instance's committed changes to this instance's subscribers
 * (PostgreSQL; an embedded database has one instance, which publishes its own
 * changes as they commit). No NOTIFY rides in the write transaction: the relay
 * reads new outbox rows in batches, every few milliseconds while this
 * instance has subscribers and at a calmer pace otherwise.
 *
 * Outbox ids are taken in insertion order but become visible in commit order,
 * so a row can appear after a higher id was already read: ids skipped over
 * are remembered and asked for again until they show up or are old enough to
 * have been rolled back. A failed read is retried with backoff for as long as
 * it takes, from where the relay was, so nothing committed meanwhile is
 * missed; while reads fail the instance reports itself not ready.
 */
import type { OutboxRepository, OutboxRow } from "./outbox.repository.js";

export interface RelayOptions {
  /** Between reads while this instance has subscribers. */
  busyIntervalMs: number;
  /** Between reads while it has none (the rows still refresh its session copies). */
  idleIntervalMs: number;
  /** A skipped id not seen after this long belonged to a transaction that rolled back. */
  gapTimeoutMs: number;
  batchSize: number;
}

export const DEFAULT_RELAY_OPTIONS: RelayOptions = {
  busyIntervalMs: 4,
  idleIntervalMs: 100,
  // Longer than the longest transaction that writes the outbox (a payment's, 30 s).
  gapTimeoutMs: 60_000,
  batchSize: 1000,
};

/** More skipped ids than this at once is not a race between transactions; they are not tracked. */
const MAX_TRACKED_GAPS = 10_000;
const MAX_BACKOFF_MS = 2000;

export interface RelayObserver {
  /** A read failed; `attempt` counts the failures in a row (1 for the first of an outage). */
  readFailed?(error: unknown, attempt: number): void;
  recovered?(): void;
}

export class OutboxRelay {
  private lastSeenId = 0;
  /** Skipped ids and when they were first missed. */
  private readonly gaps = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private consecutiveFailures = 0;

  constructor(
    private readonly outbox: Pick<OutboxRepository, "lastId" | "rowsAfter">,
    private readonly deliver: (row: OutboxRow) => void,
    private readonly busy: () => boolean,
    private readonly observer: RelayObserver = {},
    private readonly options: RelayOptions = DEFAULT_RELAY_OPTIONS,
  ) {}

  /** Starts at the outbox's end: earlier changes were before any subscriber of this instance. */
  async start(): Promise<void> {
    this.lastSeenId = await this.outbox.lastId();
    this.stopped = false;
    this.schedule(this.options.idleIntervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** False while reading the outbox fails: this instance's subscribers may be missing changes. */
  get healthy(): boolean {
    return !this.stopped && this.consecutiveFailures === 0;
  }

  /** One read now, without waiting for the timer (tests). */
  readNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.tick();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): Promise<void> {
    this.running ??= this.read().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async read(): Promise<void> {
    let delay: number;
    try {
      const rows = await this.outbox.rowsAfter(this.lastSeenId, [...this.gaps.keys()], this.options.batchSize);
      const now = Date.now();
      for (const row of rows) this.take(row, now);
      for (const [id, since] of this.gaps) if (now - since > this.options.gapTimeoutMs) this.gaps.delete(id);
      if (this.consecutiveFailures > 0) this.observer.recovered?.();
      this.consecutiveFailures = 0;
      delay = rows.length >= this.options.batchSize ? 0 : this.busy() ? this.options.busyIntervalMs : this.options.idleIntervalMs;
    } catch (error) {
      this.consecutiveFailures += 1;
      this.observer.readFailed?.(error, this.consecutiveFailures);
      delay = Math.min(this.options.busyIntervalMs * 2 ** Math.min(this.consecutiveFailures, 16), MAX_BACKOFF_MS);
    }
    this.schedule(delay);
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
