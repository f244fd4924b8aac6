/**
 * Tab events across instances through Redis pub/sub: each committed row is
 * published on one channel (under the app's key prefix) with the id of the
 * instance that wrote it, which skips its own. Pub/sub keeps nothing for a
 * subscriber that is away; the relay catches up from the outbox when the
 * subscription is back (`up`), and reads the outbox on a timer meanwhile.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { connectRedis, type RedisSettings } from "../redis/redis-connection.js";
import type { BrokerListener, EventBroker } from "./event-broker.js";
import type { OutboxRow } from "./outbox.repository.js";

interface Message {
  /** The instance that committed the row. */
  from: string;
  row: OutboxRow;
}

export interface RedisBrokerObserver {
  publishFailed?(error: unknown): void;
}

export class RedisEventBroker implements EventBroker {
  readonly name = "redis";
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private started = false;
  private subscribed = false;
  private closed = false;

  constructor(
    settings: RedisSettings,
    private readonly log: Logger,
    private readonly observer: RedisBrokerObserver = {},
  ) {
    this.channel = `${settings.keyPrefix}tab-events`;
    this.publisher = connectRedis(settings, "events-publisher", log, { failFast: true });
    this.subscriber = connectRedis(settings, "events-subscriber", log);
  }

  async start(listener: BrokerListener): Promise<void> {
    this.subscriber.on("message", (channel: string, text: string) => {
      if (channel !== this.channel) return;
      const message = parseMessage(text);
      if (!message) return void this.log.warn("ignored a malformed tab event message", { bytes: text.length });
      if (message.from !== this.instanceId) listener.row(message.row);
    });
    this.subscriber.on("close", () => {
      if (!this.subscribed || this.closed) return;
      this.subscribed = false;
      listener.down();
    });
    // ioredis subscribes again on its own after a reconnect; asking again waits for the reply,
    // so the catch-up that follows reads nothing a message could still bring.
    this.subscriber.on("ready", () => {
      if (!this.started || this.subscribed || this.closed) return;
      this.subscriber.subscribe(this.channel).then(
        () => {
          if (this.subscribed || this.closed) return;
          this.subscribed = true;
          listener.up();
        },
        () => undefined, // the connection dropped again: the next "ready" tries again
      );
    });
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(this.channel);
    this.subscribed = true;
    this.started = true;
  }

  publish(row: OutboxRow): void {
    if (this.closed) return;
    const message: Message = { from: this.instanceId, row };
    this.publisher.publish(this.channel, JSON.stringify(message)).catch((error: unknown) => this.observer.publishFailed?.(error));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.subscriber.quit().catch(() => undefined), this.publisher.quit().catch(() => undefined)]);
  }
}

function parseMessage(text: string): Message | null {
  try {
    const message = JSON.parse(text) as Partial<Message>;
    const row = message.row;
    if (typeof message.from !== "string" || !row || !Number.isSafeInteger(row.id) || typeof row.sessionId !== "string") return null;
    if (!Number.isSafeInteger(row.version) || typeof row.change !== "object" || row.change === null) return null;
    return message as Message;
  } catch {
    return null;
  }
}
