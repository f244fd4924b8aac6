/**
 * Where a committed tab change goes: to this instance's subscribers at once,
 * and to the other instances through the broker, with the outbox relay
 * deciding what each instance has delivered (once each, catching up from the
 * outbox when the broker lost something). Three set-ups, chosen in app.ts:
 * - embedded database: one instance, in-process only (no relay, no broker);
 * - PostgreSQL with REDIS_URL: rows over Redis pub/sub;
 * - PostgreSQL without it: NOTIFY wake-ups, rows read from the outbox.
 */
import type { TabChange } from "../bar/views.js";
import type { EventBroker } from "./event-broker.js";
import type { OutboxRelay } from "./outbox-relay.js";
import type { OutboxRow } from "./outbox.repository.js";

export class TabEventBus {
  constructor(
    /** Hands a row to this instance's subscribers (the feed dedups by version). */
    private readonly deliver: (row: OutboxRow) => void,
    private readonly relay: OutboxRelay | null = null,
    private readonly broker: EventBroker | null = null,
    /** Told when the broker goes away and comes back (metrics, logs). */
    private readonly brokerState: (up: boolean) => void = () => undefined,
  ) {}

  get brokerName(): "redis" | "postgres" | "in-process" {
    return this.broker?.name ?? "in-process";
  }

  /** False while the relay cannot read the outbox: this instance's subscribers may be missing changes. */
  get healthy(): boolean {
    return this.relay?.healthy ?? true;
  }

  async start(): Promise<void> {
    const relay = this.relay;
    if (!relay) return;
    await relay.start();
    if (!this.broker) return;
    await this.broker.start({
      row: (row) => relay.receive(row),
      wake: () => void relay.catchUp(),
      up: () => {
        this.brokerState(true);
        void relay.brokerUp();
      },
      down: () => {
        this.brokerState(false);
        relay.brokerDown();
      },
    });
    this.brokerState(true);
    // What committed between reading the outbox's end and subscribing.
    await relay.catchUp();
  }

  /** A change this instance committed (its outbox row's id): delivered here now, and told to the others. */
  committed(change: TabChange, outboxId: number): void {
    const row: OutboxRow = { id: outboxId, sessionId: change.sessionId, version: change.tab.version, change };
    if (this.relay) this.relay.receive(row);
    else this.deliver(row);
    this.broker?.publish(row);
  }

  async stop(): Promise<void> {
    await this.broker?.close();
    await this.relay?.stop();
  }
}
