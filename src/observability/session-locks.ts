/**
 * One lock per session, so a session's turns run one after another in this
 * instance (a guest double-submitting, or two tabs of one guest, never
 * interleave their reads and writes here). Correctness across instances is
 * the database transaction's job; this lock only removes needless conflicts.
 *
 * Locks are kept after use, cheap to keep and reused by the next turn, and a
 * cleanup task evicts those idle for longer than `idleMs`.
 */
import type { MayaMetrics, SessionLockStats } from "./metrics.js";

export interface SessionLocksOptions {
  /** A lock unused for longer than this is evicted by the cleanup (MAYA_LOCK_IDLE_SECONDS). */
  idleMs: number;
  /** How often the cleanup runs (MAYA_LOCK_CLEANUP_SECONDS). */
  cleanupIntervalMs: number;
  metrics?: Pick<MayaMetrics, "lockWait" | "lockCleanup" | "observeSessionLocks">;
  /** Milliseconds; Date.now by default. */
  now?: () => number;
}

interface LockEntry {
  /** Settles when the last turn queued on this lock has finished. */
  tail: Promise<void>;
  /** The turn holding the lock plus those waiting for it. */
  users: number;
  lastUsedMs: number;
}

export class SessionLocks implements SessionLockStats {
  private readonly locks = new Map<string, LockEntry>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SessionLocksOptions) {
    if (!(options.idleMs > 0) || !(options.cleanupIntervalMs > 0)) {
      throw new RangeError("SessionLocks needs a positive idleMs and cleanupIntervalMs");
    }
    this.now = options.now ?? Date.now;
    options.metrics?.observeSessionLocks(this);
  }

  get size(): number {
    return this.locks.size;
  }

  get waiting(): number {
    let waiting = 0;
    for (const entry of this.locks.values()) waiting += Math.max(0, entry.users - 1);
    return waiting;
  }

  activeWithin(windowMs: number): number {
    const since = this.now() - windowMs;
    let active = 0;
    for (const entry of this.locks.values()) if (entry.users > 0 || entry.lastUsedMs >= since) active++;
    return active;
  }

  /** Runs `fn` once every earlier call for the same session has finished (FIFO). */
  async runExclusive<T>(sessionId: string, fn: () => Promise<T>): Promise<T> {
    let entry = this.locks.get(sessionId);
    if (entry === undefined) {
      entry = { tail: Promise.resolve(), users: 0, lastUsedMs: this.now() };
      this.locks.set(sessionId, entry);
    }
    entry.users++;
    entry.lastUsedMs = this.now();

    const previous = entry.tail;
    let release!: () => void;
    // Only ever resolved, so a failing turn cannot poison the turns behind it.
    entry.tail = new Promise<void>((resolve) => {
      release = resolve;
    });

    const waitStart = this.now();
    await previous;
    this.options.metrics?.lockWait((this.now() - waitStart) / 1000);
    try {
      return await fn();
    } finally {
      entry.users--;
      entry.lastUsedMs = this.now();
      release();
    }
  }

  /** Evicts locks nobody holds or waits for and unused for longer than idleMs; returns how many. */
  sweep(): number {
    const cutoff = this.now() - this.options.idleMs;
    let evicted = 0;
    for (const [sessionId, entry] of this.locks) {
      if (entry.users === 0 && entry.lastUsedMs < cutoff) {
        this.locks.delete(sessionId);
        evicted++;
      }
    }
    this.options.metrics?.lockCleanup(evicted);
    return evicted;
  }

  /** Starts the periodic cleanup; calling it again does nothing. */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.sweep(), this.options.cleanupIntervalMs);
    // The cleanup alone must never keep the process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
