/**
 * Fans committed tab changes out to this instance's subscribers. Changes
 * arrive through `publish`: from this instance's own writes as they commit,
 * and (on PostgreSQL) from the relay for other instances' writes (through the
 * broker, or read from the outbox when the broker missed them). Each
 * subscriber gets its session's changes exactly once and in version order:
 * a version already delivered is dropped, one that comes early waits while
 * the missing ones are read from the outbox.
 *
 * A subscription may start with a snapshot: the session's state read after
 * the subscriber is registered, so no change can fall between the two; the
 * changes that follow continue from the snapshot's version with no gap and
 * no duplicate.
 */
import type { TabChange } from "../bar/views.js";
import type { OutboxRepository } from "./outbox.repository.js";

/** A subscriber that stops reading is cut off rather than buffering forever. */
const MAX_QUEUED_PER_SUBSCRIBER = 1000;
/** How long an early version waits for the ones before it to arrive on their own before they are read. */
const GAP_WAIT_MS = 25;
const GAP_RETRY_MAX_MS = 2000;

export interface FeedObserver {
  /** A subscription started; the returned function is called when it ends. */
  subscriptionOpened?(): () => void;
  deliveryFailed?(error: unknown): void;
}

export interface SubscribeOptions {
  /** Reads the session's current state as a SNAPSHOT change; the subscription starts with it. */
  snapshot?: () => Promise<TabChange>;
}

class Subscriber {
  readonly queue: TabChange[] = [];
  waiting: { resolve: (result: IteratorResult<TabChange>) => void; reject: (error: unknown) => void } | undefined;
  done = false;
  failure: unknown = undefined;
  /** The next version to deliver; null until the first one (or the snapshot) sets it. */
  next: number | null = null;
  /** Versions that came early, or before the snapshot. */
  readonly held = new Map<number, TabChange>();
  awaitingSnapshot: boolean;
  gapTimer: NodeJS.Timeout | undefined;
  gapDelayMs = GAP_WAIT_MS;
  /** Ends the subscription (set when it starts). */
  end: () => void = () => undefined;

  constructor(
    readonly sessionId: string,
    awaitingSnapshot: boolean,
  ) {
    this.awaitingSnapshot = awaitingSnapshot;
  }
}

export class TabEventFeed {
  private readonly subscribers = new Map<string, Set<Subscriber>>();

  constructor(
    private readonly outbox: Pick<OutboxRepository, "sessionChanges">,
    private readonly observer: FeedObserver = {},
  ) {}

  get activeSubscriptions(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /** A committed change; delivered to the session's subscribers in version order, once each. */
  publish(change: TabChange): void {
    const set = this.subscribers.get(change.sessionId);
    if (!set) return;
    for (const subscriber of set) this.accept(subscriber, change);
  }

  /** Every change to this session from now on (after a snapshot, if asked), until the iterator is returned. */
  subscribe(sessionId: string, options: SubscribeOptions = {}): AsyncIterableIterator<TabChange> {
    const subscriber = new Subscriber(sessionId, options.snapshot !== undefined);
    let set = this.subscribers.get(sessionId);
    if (!set) {
      set = new Set();
      this.subscribers.set(sessionId, set);
    }
    set.add(subscriber);
    const onEnd = this.observer.subscriptionOpened?.();
    const finish = () => {
      if (subscriber.done) return;
      subscriber.done = true;
      clearTimeout(subscriber.gapTimer);
      const sessionSet = this.subscribers.get(sessionId);
      sessionSet?.delete(subscriber);
      if (sessionSet?.size === 0) this.subscribers.delete(sessionId);
      onEnd?.();
      const waiting = subscriber.waiting;
      subscriber.waiting = undefined;
      if (waiting && subscriber.failure !== undefined) waiting.reject(subscriber.failure);
      else waiting?.resolve({ value: undefined, done: true });
    };
    subscriber.end = finish;

    if (options.snapshot) {
      // Registered first, read second: a change committed after the read is held above and follows the snapshot.
      options.snapshot().then(
        (snapshot) => {
          if (subscriber.done) return;
          subscriber.awaitingSnapshot = false;
          this.emit(subscriber, snapshot);
          subscriber.next = snapshot.tab.version + 1;
          this.drain(subscriber);
        },
        (error: unknown) => {
          subscriber.failure = error;
          finish();
        },
      );
    }

    const iterator: AsyncIterableIterator<TabChange> = {
      next: () => {
        const next = subscriber.queue.shift();
        if (next) return Promise.resolve({ value: next, done: false });
        if (subscriber.failure !== undefined) return Promise.reject(subscriber.failure);
        if (subscriber.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          subscriber.waiting = { resolve, reject };
        });
      },
      return: () => {
        finish();
        subscriber.queue.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private accept(subscriber: Subscriber, change: TabChange): void {
    if (subscriber.done) return;
    const version = change.tab.version;
    if (subscriber.awaitingSnapshot) {
      subscriber.held.set(version, change);
      return;
    }
    subscriber.next ??= version;
    if (version < subscriber.next) return;
    if (version > subscriber.next) {
      subscriber.held.set(version, change);
      this.scheduleGapFill(subscriber);
      return;
    }
    this.emit(subscriber, change);
    subscriber.next = version + 1;
    this.drain(subscriber);
  }

  /** Delivers held versions that are now next; what is still early waits for its gap to be filled. */
  private drain(subscriber: Subscriber): void {
    if (subscriber.next === null) return;
    for (const version of subscriber.held.keys()) if (version < subscriber.next) subscriber.held.delete(version);
    let next = subscriber.held.get(subscriber.next);
    while (next && !subscriber.done) {
      subscriber.held.delete(subscriber.next);
      this.emit(subscriber, next);
      subscriber.next += 1;
      next = subscriber.held.get(subscriber.next);
    }
    if (subscriber.held.size > 0) this.scheduleGapFill(subscriber);
    else {
      clearTimeout(subscriber.gapTimer);
      subscriber.gapTimer = undefined;
      subscriber.gapDelayMs = GAP_WAIT_MS;
    }
  }

  /**
   * The versions between the next one due and the earliest held are read from
   * the outbox: a later version being committed means the earlier ones are too
   * (one session's changes commit one after another, under its row lock).
   */
  private scheduleGapFill(subscriber: Subscriber): void {
    if (subscriber.gapTimer || subscriber.done) return;
    subscriber.gapTimer = setTimeout(() => {
      subscriber.gapTimer = undefined;
      void this.fillGap(subscriber);
    }, subscriber.gapDelayMs);
    subscriber.gapTimer.unref();
  }

  private async fillGap(subscriber: Subscriber): Promise<void> {
    if (subscriber.done || subscriber.next === null || subscriber.held.size === 0) return;
    const earliestHeld = Math.min(...subscriber.held.keys());
    try {
      const missing = await this.outbox.sessionChanges(subscriber.sessionId, subscriber.next, earliestHeld);
      for (const change of missing) this.accept(subscriber, change);
      if (subscriber.next !== null && subscriber.next < earliestHeld) {
        // Not in the outbox (pruned long ago): the versions are lost to this subscriber, say so and move on.
        this.observer.deliveryFailed?.(new Error(`versions ${subscriber.next}..${earliestHeld - 1} of a session are no longer in the outbox`));
        subscriber.next = earliestHeld;
      }
      subscriber.gapDelayMs = GAP_WAIT_MS;
      this.drain(subscriber);
    } catch (error) {
      this.observer.deliveryFailed?.(error);
      subscriber.gapDelayMs = Math.min(subscriber.gapDelayMs * 2, GAP_RETRY_MAX_MS);
      this.scheduleGapFill(subscriber);
    }
  }

  private emit(subscriber: Subscriber, change: TabChange): void {
    if (subscriber.done) return;
    const waiting = subscriber.waiting;
    if (waiting) {
      subscriber.waiting = undefined;
      waiting.resolve({ value: change, done: false });
    } else if (subscriber.queue.length < MAX_QUEUED_PER_SUBSCRIBER) {
      subscriber.queue.push(change);
    } else {
      subscriber.end();
    }
  }
}
