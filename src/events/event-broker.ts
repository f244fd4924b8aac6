/**
 * How committed tab changes reach the other instances. The outbox is the
 * record; a broker only makes the others hear of a change at once:
 * - Redis pub/sub (REDIS_URL): the row itself, so the others deliver it without
 *   reading the database;
 * - PostgreSQL NOTIFY (several instances on PostgreSQL, no Redis): a wake-up
 *   sent after the commit, outside the write transaction; the others read the
 *   outbox once per burst of wake-ups.
 * A broker never decides what was delivered: the relay (outbox-relay.ts) does,
 * catching up from the outbox when the broker was away.
 */
import type { OutboxRow } from "./outbox.repository.js";

export interface BrokerListener {
  /** A row committed by another instance. */
  row(row: OutboxRow): void;
  /** Something was committed elsewhere; the rows are in the outbox. */
  wake(): void;
  /** Subscribed again after being away: messages published meanwhile were lost. */
  up(): void;
  /** The subscription is gone until `up`. */
  down(): void;
}

export interface EventBroker {
  readonly name: "redis" | "postgres";
  /** Subscribes; resolves once messages published from now on will arrive. */
  start(listener: BrokerListener): Promise<void>;
  /** Tells the other instances about a committed row; never throws (a lost message is caught up from the outbox). */
  publish(row: OutboxRow): void;
  close(): Promise<void>;
}
