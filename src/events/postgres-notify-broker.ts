/**
 * The wake-up for several instances on PostgreSQL without Redis: after a
 * change commits, its instance sends NOTIFY (a statement of its own, never
 * inside the write transaction, so a commit never waits on the notification
 * queue); every instance LISTENs on one dedicated connection and, woken,
 * reads the outbox. Wake-ups sent while one is on its way are folded into one
 * more after it, so a burst of writes costs a few NOTIFYs, not one each.
 */
import pg from "pg";
import type { SqlClient, SqlStatement } from "../db/sql.js";
import { describeError, type Logger } from "../logger.js";
import type { BrokerListener, EventBroker } from "./event-broker.js";

export const NOTIFY_CHANNEL = "maya_tab_events";
const NOTIFY: SqlStatement = { name: "maya_outbox_notify", text: `SELECT pg_notify('${NOTIFY_CHANNEL}', '')` };
const MAX_RECONNECT_DELAY_MS = 2000;

export class PostgresNotifyBroker implements EventBroker {
  readonly name = "postgres";
  private client: pg.Client | undefined;
  private listener: BrokerListener | undefined;
  private notifying = false;
  private notifyAgain = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempts = 0;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly sql: SqlClient,
    private readonly log: Logger,
  ) {}

  async start(listener: BrokerListener): Promise<void> {
    this.listener = listener;
    await this.listen();
  }

  publish(): void {
    if (this.closed) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    this.sql.query(NOTIFY, []).then(
      () => this.notified(),
      // The others still see the row: by the next wake-up, or the id they find skipped.
      () => this.notified(),
    );
  }

  private notified(): void {
    this.notifying = false;
    if (!this.notifyAgain) return;
    this.notifyAgain = false;
    this.publish();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: "maya-events" });
    client.on("notification", (message) => {
      if (message.channel === NOTIFY_CHANNEL) this.listener?.wake();
    });
    client.on("error", () => undefined);
    client.once("end", () => {
      if (this.closed || this.client !== client) return;
      this.client = undefined;
      this.listener?.down();
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.attempts = 0;
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.attempts += 1;
    const delay = Math.min(50 * 2 ** Math.min(this.attempts, 6), MAX_RECONNECT_DELAY_MS);
    this.reconnectTimer = setTimeout(() => {
      this.listen().then(
        () => this.listener?.up(),
        (error: unknown) => {
          if (this.attempts === 1 || this.attempts % 30 === 0) this.log.warn("listening for tab events failed; retrying", { error: describeError(error) });
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }
}
