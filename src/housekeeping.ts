/**
 * The periodic chores of an instance (expiring idle sessions, pruning the
 * outbox): run one after another on a timer that never keeps the process
 * alive, each failure logged and retried at the next round, and stopped
 * cleanly on shutdown (a round in progress is awaited).
 */
import type { OutageReporter } from "./db/availability.js";
import { describeError, type Logger } from "./logger.js";

export interface Chore {
  name: string;
  run(): Promise<void>;
}

export class Housekeeping {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly chores: readonly Chore[],
    private readonly intervalMs: number,
    private readonly log: Pick<Logger, "error">,
    /** A round that fails because the database is away is part of an outage, logged once there. */
    private readonly outages?: OutageReporter,
  ) {}

  start(): void {
    this.stopped = false;
    clearTimeout(this.timer);
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** One round now (tests; the timer runs the rest). */
  runNow(): Promise<void> {
    this.round ??= (async () => {
      for (const chore of this.chores) {
        if (this.stopped) break;
        try {
          await chore.run();
        } catch (error) {
          if (this.outages?.report(error)) continue;
          this.log.error(`housekeeping: ${chore.name} failed; trying again next round`, { error: describeError(error) });
        }
      }
    })().finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runNow().then(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }
}
