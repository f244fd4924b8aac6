/**
 * Settles payment attempts that no webhook settled: at startup (attempts a
 * crash left behind, whatever their age) and then periodically for attempts
 * pending longer than the configured wait. The mock provider has no remote
 * state, so an abandoned mock checkout simply expires, which unlocks the tab.
 */
import type { OutageReporter } from "../db/availability.js";
import type { BarRepository } from "../bar/bar.repository.js";
import { describeError, type Logger } from "../logger.js";
import type { PaymentService } from "./payment.service.js";

export interface ReconcilerOptions {
  /** Ask the provider about attempts pending longer than this. */
  pollAfterMs: number;
  intervalMs: number;
  /** A mock checkout left open this long expires. */
  mockExpiryMs: number;
}

export interface ReconcileReport {
  checked: number;
  settled: number;
  failed: number;
}

export class PaymentReconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReconcileReport> | undefined;

  constructor(
    private readonly payments: PaymentService,
    private readonly bar: BarRepository,
    private readonly options: ReconcilerOptions,
    private readonly log: Logger,
    /** A pass that fails because the database is away is part of an outage, logged once there. */
    private readonly outages?: OutageReporter,
  ) {}

  /** Runs a startup pass over every pending attempt, then polls. */
  start(): void {
    void this.reconcile(0);
    this.timer = setInterval(() => void this.reconcile(this.options.pollAfterMs), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over attempts pending for longer than `minAgeMs`; passes never overlap. */
  reconcile(minAgeMs: number, now = Date.now()): Promise<ReconcileReport> {
    this.running ??= this.pass(minAgeMs, now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(minAgeMs: number, now: number): Promise<ReconcileReport> {
    const report: ReconcileReport = { checked: 0, settled: 0, failed: 0 };
    const pending = await this.bar.pendingAttempts(new Date(now - minAgeMs)).catch((error: unknown) => {
      if (this.outages?.report(error)) return [];
      this.log.error("payment reconciliation could not list attempts", { error: describeError(error) });
      return [];
    });
    for (const attempt of pending) {
      report.checked += 1;
      try {
        if (attempt.provider === "mock") {
          if (now - attempt.createdAt.getTime() < this.options.mockExpiryMs) continue;
          const result = await this.payments.settle(attempt.id, { status: "EXPIRED" });
          if (result === "applied") report.settled += 1;
          continue;
        }
        if (attempt.provider !== this.payments.provider.name) continue;
        const status = await this.payments.refreshFromProvider(attempt);
        if (status !== "PENDING") report.settled += 1;
      } catch (error) {
        report.failed += 1;
        if (this.outages?.report(error)) continue;
        this.log.warn("payment reconciliation failed for an attempt", {
          attemptId: attempt.id,
          error: describeError(error),
        });
      }
    }
    if (report.settled || report.failed) this.log.info("payment reconciliation", { ...report });
    return report;
  }
}
