/**
 * Fans tab changes out to this instance's subscribers. Changes are written to
 * the outbox and NOTIFYed inside their transaction (bar.repository.ts), so
 * every instance on the database hears each committed change once, in commit
 * order, which for one session is version order. Only the session id and the
 * outbox id travel in the notification (NOTIFY payloads are small); the event
 * is read back only when this instance has a subscriber for that session.
 */
import type { BarRepository } from "../bar/bar.repository.js";
import { TAB_EVENTS_CHANNEL } from "../bar/bar.repository.js";
import type { TabChange } from "../bar/views.js";
import type { Database, Unlisten } from "../db/database.js";

/** A subscriber that stops reading is cut off rather than buffering forever. */
const MAX_QUEUED_PER_SUBSCRIBER = 1000;

interface Subscriber {
  push(change: TabChange): void;
}

export interface FeedObserver {
  /** A subscription started; the returned function is called when it ends. */
  subscriptionOpened?(): () => void;
  deliveryFailed?(error: unknown): void;
}

export class TabEventFeed {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private unlisten: Unlisten | undefined;
  /** Deliveries run one after another so a slow read never reorders events. */
  private delivery: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly bar: BarRepository,
    private readonly observer: FeedObserver = {},
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(TAB_EVENTS_CHANNEL, (payload) => this.onNotification(payload));
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = undefined;
    await this.delivery;
  }

  get activeSubscriptions(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /** Every change to this session from now on, until the iterator is returned. */
  subscribe(sessionId: string): AsyncIterableIterator<TabChange> {
    const queue: TabChange[] = [];
    let waiting: ((result: IteratorResult<TabChange>) => void) | undefined;
    let done = false;
    const subscriber: Subscriber = {
      push: (change) => {
        if (done) return;
        if (waiting) {
          const resolve = waiting;
          waiting = undefined;
          resolve({ value: change, done: false });
        } else if (queue.length < MAX_QUEUED_PER_SUBSCRIBER) {
          queue.push(change);
        } else {
          finish();
        }
      },
    };
    const finish = () => {
      if (done) return;
      done = true;
      const set = this.subscribers.get(sessionId);
      set?.delete(subscriber);
      if (set?.size === 0) this.subscribers.delete(sessionId);
      onEnd?.();
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    };
    let set = this.subscribers.get(sessionId);
    if (!set) {
      set = new Set();
      this.subscribers.set(sessionId, set);
    }
    set.add(subscriber);
    const onEnd = this.observer.subscriptionOpened?.();

    const iterator: AsyncIterableIterator<TabChange> = {
      next: () => {
        const next = queue.shift();
        if (next) return Promise.resolve({ value: next, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return: () => {
        finish();
        queue.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private onNotification(payload: string): void {
    const separator = payload.indexOf(":");
    const sessionId = payload.slice(0, separator);
    if (separator < 0 || !this.subscribers.has(sessionId)) return;
    const eventId = BigInt(payload.slice(separator + 1));
    this.delivery = this.delivery.then(async () => {
      try {
        const change = await this.bar.tabChange(eventId);
        if (!change) return;
        for (const subscriber of this.subscribers.get(sessionId) ?? []) subscriber.push(change);
      } catch (error) {
        this.observer.deliveryFailed?.(error);
      }
    });
  }
}
