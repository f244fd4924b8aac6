/**
 * Chooses how tab events cross instances (see tab-event-bus.ts) from the
 * configuration and the database, and wires the relay's reports to the logs,
 * the metrics and the outage tracker.
 */
import type { AppConfig } from "../config.js";
import type { DatabaseAvailability } from "../db/availability.js";
import type { Database } from "../db/database.js";
import { describeError, type Logger } from "../logger.js";
import type { MayaMetrics } from "../observability/index.js";
import type { EventBroker } from "./event-broker.js";
import { OutboxRelay } from "./outbox-relay.js";
import type { OutboxRepository, OutboxRow } from "./outbox.repository.js";
import { PostgresNotifyBroker } from "./postgres-notify-broker.js";
import { RedisEventBroker } from "./redis-broker.js";
import { TabEventBus } from "./tab-event-bus.js";

export interface EventBusInput {
  config: Pick<AppConfig, "database" | "shared">;
  db: Pick<Database, "kind" | "sql">;
  outbox: OutboxRepository;
  log: Logger;
  metrics: Pick<MayaMetrics, "relayRead" | "outboxCatchUp" | "eventBrokerUp">;
  availability: Pick<DatabaseAvailability, "report" | "outage">;
  deliver: (row: OutboxRow) => void;
}

export function createEventBus({ config, db, outbox, log, metrics, availability, deliver }: EventBusInput): TabEventBus {
  // An embedded database is one instance's alone: in-process delivery is all there is.
  if (db.kind !== "postgres" || !config.database.databaseUrl) return new TabEventBus(deliver);
  const relay = new OutboxRelay(outbox, deliver, {
    readFailed: (error, attempt) => {
      metrics.relayRead(false);
      // An outage is logged once, as an outage; anything else now and then while it lasts.
      if (availability.report(error)) return;
      if (attempt === 1 || attempt % 30 === 0) log.error("reading the outbox failed; retrying", { error: describeError(error), attempt });
    },
    recovered: () => {
      metrics.relayRead(true);
      if (!availability.outage) log.info("reading the outbox again");
    },
    read: (cause) => metrics.outboxCatchUp(cause),
  });
  metrics.relayRead(true);
  const redis = config.shared.redis;
  const broker: EventBroker = redis
    ? new RedisEventBroker(redis, log, {
        publishFailed: () => undefined, // the others find the id skipped and read it from the outbox
      })
    : new PostgresNotifyBroker(config.database.databaseUrl, db.sql, log);
  return new TabEventBus(deliver, relay, broker, (up) => {
    metrics.eventBrokerUp(up);
    if (up) log.info("tab events: broker back, caught up from the outbox", { broker: broker.name });
    else log.warn("tab events: broker away; reading the outbox every 250 ms meanwhile", { broker: broker.name });
  });
}
