/**
 * Paying a tab, exactly once. The attempt (with its idempotency key) is
 * committed before any provider call, and at most one attempt per tab can be
 * pending (a partial unique index), so double clicks, retries, several app
 * instances or a restart all converge on the same attempt and the same
 * provider checkout. Settling is idempotent and never moves a finished
 * attempt backwards.
 */
import { randomUUID } from "node:crypto";
import { DomainError, badInput, notFound } from "../errors.js";
import { describeError } from "../logger.js";
import type { BarRepository, PaymentAttemptRecord, SessionTransaction, TabRecord } from "../bar/bar.repository.js";
import { toPaymentView, toTabView } from "../bar/bar.repository.js";
import type { Menu } from "../bar/menu.service.js";
import { formatCents } from "../bar/money.js";
import { mockCardOutcome } from "./mock-cards.js";
import { PROVIDER_DOWN_MESSAGE, type CreateCheckoutInput, type PaymentProvider, type PaymentStatus } from "./payment-provider.js";

export type SettledStatus = Exclude<PaymentStatus, "PENDING">;

export interface Settlement {
  status: SettledStatus;
  failureReason?: string;
  /**
   * Leave the attempt alone if its provider checkout has been recorded: for a
   * failed create call, whose checkout the reconciler may have recovered
   * meanwhile (live at the provider, perhaps handed to the guest, perhaps paid).
   */
  unlessCheckoutRecorded?: boolean;
}

export type SettleResult = "applied" | "already-settled" | "duplicate-event";

export interface PaymentEvents {
  attemptCreated?(provider: string): void;
  attemptSettled?(provider: string, status: SettledStatus): void;
}

const CHECKOUT_URL_WAIT_MS = 10_000;
const CHECKOUT_URL_POLL_MS = 50;

export class PaymentService {
  constructor(
    private readonly bar: BarRepository,
    readonly provider: PaymentProvider,
    private readonly menu: Menu,
    private readonly events: PaymentEvents = {},
  ) {}

  /** Starts paying the current tab, or returns the attempt already pending on it. */
  async checkout(sessionId: string): Promise<PaymentAttemptRecord> {
    const started = await this.bar.inSessionTransaction(sessionId, async (tx) => {
      const tab = await tx.currentTab();
      if (tab.status === "PAYMENT_PENDING") {
        const pending = await tx.pendingAttempt(tab.id);
        if (pending) return { attempt: pending, tab, created: false };
      }
      if (tab.totalCents === 0) throw badInput("The tab is empty, so there is nothing to pay yet.", { reason: "EMPTY_TAB" });
      const id = randomUUID();
      const attempt = await tx.createAttempt({
        id,
        tabId: tab.id,
        amountCents: tab.totalCents,
        tipCents: tab.tipCents,
        provider: this.provider.name,
        idempotencyKey: `maya_checkout_${id}`,
        checkoutUrl: null,
      });
      await this.moveTab(tx, tab, "PAYMENT_PENDING", attempt, null);
      return { attempt, tab, created: true };
    });
    if (!started.created) return this.joinCheckout(started.attempt);
    this.events.attemptCreated?.(this.provider.name);
    return this.openCheckout(started.attempt, started.tab);
  }

  /** Calls the provider for an attempt that has none yet; a failure there fails the attempt, never the tab. */
  private async openCheckout(attempt: PaymentAttemptRecord, tab: TabRecord): Promise<PaymentAttemptRecord> {
    try {
      const checkout = await this.provider.createCheckout(this.checkoutInput(attempt, tab));
      const recorded = await this.recordCheckout(attempt, checkout.providerRef, checkout.checkoutUrl);
      return recorded ?? (await this.requireAttempt(attempt.id));
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : PROVIDER_DOWN_MESSAGE;
      // The caller hears about it through the error, so Maya does not announce it too.
      const settled = await this.settle(
        attempt.id,
        { status: "FAILED", failureReason: reason, unlessCheckoutRecorded: true },
        undefined,
        { announce: false },
      );
      // The reconciler recovered this checkout by its key meanwhile: it stands (pending, or even paid).
      if (settled !== "applied") return this.requireAttempt(attempt.id);
      throw error instanceof DomainError ? error : new DomainError("PAYMENT_PROVIDER_UNAVAILABLE", reason, { failure: describeError(error) });
    }
  }

  /**
   * Attaches the provider's checkout to a still-pending attempt. Under the
   * session's lock, like settling: a failed create call's settle and a
   * recovery's record of the same checkout happen one after the other, so an
   * attempt is never failed once its checkout is recorded (and could be paid).
   */
  private async recordCheckout(
    attempt: PaymentAttemptRecord,
    providerRef: string,
    checkoutUrl: string,
  ): Promise<PaymentAttemptRecord | null> {
    return this.bar.inSessionTransaction(attempt.sessionId, async (tx) => {
      const current = await tx.attempt(attempt.id);
      if (!current || current.status !== "PENDING") return null;
      return tx.updateAttempt(attempt.id, { providerRef, checkoutUrl });
    });
  }

  /** The same input for the first call and any recovery, so the provider sees an identical request. */
  checkoutInput(attempt: PaymentAttemptRecord, tab: TabRecord): CreateCheckoutInput {
    return {
      attemptId: attempt.id,
      tabId: attempt.tabId,
      sessionId: attempt.sessionId,
      idempotencyKey: attempt.idempotencyKey,
      amountCents: attempt.amountCents,
      tipCents: attempt.tipCents,
      currency: "usd",
      attemptCreatedAt: attempt.createdAt,
      lines: tab.items.map((line) => {
        const item = this.menu.find(line.menuItemId);
        const name = item?.name ?? line.menuItemId;
        return {
          name: line.modifiers.length ? `${name} (${line.modifiers.join(", ")})` : name,
          unitAmountCents: line.unitPriceCents,
          quantity: line.quantity,
        };
      }),
    };
  }

  /**
   * A concurrent checkout returns the attempt another request created, once
   * that request's provider call has landed. If the call failed, this caller
   * gets the same error as the one who made it: a failed attempt handed back
   * as a result would read as a checkout under way (Maya would say "your
   * payment is on its way" while the card reader is down).
   */
  private async joinCheckout(attempt: PaymentAttemptRecord): Promise<PaymentAttemptRecord> {
    const current = await this.withCheckoutUrl(attempt);
    // Only the creator's failed provider call leaves an attempt FAILED with no provider reference.
    if (current.status === "FAILED" && current.providerRef === null) {
      throw new DomainError(
        "PAYMENT_PROVIDER_UNAVAILABLE",
        current.failureReason ?? PROVIDER_DOWN_MESSAGE,
      );
    }
    return current;
  }

  /** The provider call of a just-created attempt may still be in flight: give it a moment to land. */
  private async withCheckoutUrl(attempt: PaymentAttemptRecord): Promise<PaymentAttemptRecord> {
    let current = attempt;
    const deadline = Date.now() + CHECKOUT_URL_WAIT_MS;
    while (current.status === "PENDING" && current.checkoutUrl === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, CHECKOUT_URL_POLL_MS));
      current = await this.requireAttempt(attempt.id);
    }
    return current;
  }

  /** Mock provider only: what the hosted checkout page does, through the API. */
  async simulatePayment(sessionId: string, paymentId: string, card: string, confirm = false): Promise<PaymentAttemptRecord> {
    this.assertMockProvider();
    const attempt = await this.payment(sessionId, paymentId);
    if (!attempt) throw notFound("No such payment for this session.", { paymentId });
    return this.payWithTestCard(attempt, card, confirm);
  }

  /**
   * The mock checkout page's action. The page is addressed by the attempt id
   * alone (an unguessable capability, as a Stripe checkout URL is).
   */
  async payWithTestCard(attempt: PaymentAttemptRecord, card: string, confirm: boolean): Promise<PaymentAttemptRecord> {
    this.assertMockProvider();
    const outcome = mockCardOutcome(card);
    if (attempt.status !== "PENDING") return attempt;
    if (outcome.kind === "confirm" && !confirm) {
      throw badInput("This card asks for an extra confirmation step: confirm the payment to finish.", {
        reason: "CONFIRMATION_REQUIRED",
      });
    }
    await this.settle(
      attempt.id,
      outcome.kind === "decline" ? { status: "FAILED", failureReason: outcome.reason } : { status: "SUCCEEDED" },
    );
    return this.requireAttempt(attempt.id);
  }

  private assertMockProvider(): void {
    if (this.provider.name !== "mock") {
      throw badInput("Test cards work with the mock payment provider only; pay on the Stripe checkout page.");
    }
  }

  /**
   * Applies a final outcome to a pending attempt: paid (the tab closes and a new
   * one opens) or not (the tab reopens as it was). A webhook event id, when
   * given, is recorded in the same transaction so a replay does nothing.
   */
  async settle(
    attemptId: string,
    settlement: Settlement,
    webhookEvent?: { id: string; type: string },
    { announce = true }: { announce?: boolean } = {},
  ): Promise<SettleResult> {
    const known = await this.requireAttempt(attemptId);
    const result = await this.bar.inSessionTransaction(known.sessionId, async (tx): Promise<SettleResult> => {
      if (webhookEvent && !(await tx.markWebhookEventProcessed(webhookEvent.id, webhookEvent.type))) {
        return "duplicate-event";
      }
      const attempt = await tx.attempt(attemptId);
      if (!attempt || attempt.status !== "PENDING") return "already-settled";
      if (settlement.unlessCheckoutRecorded && attempt.providerRef !== null) return "already-settled";
      const settled = await tx.updateAttempt(attemptId, {
        status: settlement.status,
        failureReason: settlement.status === "SUCCEEDED" ? null : (settlement.failureReason ?? defaultReason(settlement.status)),
        settledAt: new Date(),
      });
      const tab = await tx.currentTab();
      // The event carries only what Maya says through it, and the transcript keeps it.
      const said = (text: string) => (announce ? text : null);
      let message: string | null;
      if (settlement.status === "SUCCEEDED") {
        await tx.updateTab(tab.id, { status: "PAID", paidAt: new Date() });
        const next = await tx.openTab(tab.version + 1);
        message = said(`Payment of ${formatCents(settled.amountCents)} received. Thank you, and cheers!`);
        await tx.recordChange({
          sessionId: known.sessionId,
          reason: "PAID",
          balanceCents: tx.session.balanceCents,
          tab: toTabView(next),
          payment: toPaymentView(settled),
          message,
        });
      } else {
        message = said(failureMessage(settled.failureReason));
        await this.moveTab(tx, tab, "OPEN", settled, message);
      }
      if (message) await tx.appendMayaMessage(message);
      return "applied";
    });
    if (result === "applied") {
      this.events.attemptSettled?.(known.provider, settlement.status);
    }
    return result;
  }

  private async moveTab(
    tx: SessionTransaction,
    tab: TabRecord,
    status: "OPEN" | "PAYMENT_PENDING",
    attempt: PaymentAttemptRecord,
    message: string | null,
  ): Promise<void> {
    const version = tab.version + 1;
    await tx.updateTab(tab.id, { status, version });
    await tx.recordChange({
      sessionId: tab.sessionId,
      reason: status === "OPEN" ? "PAYMENT_FAILED" : "PAYMENT_PENDING",
      balanceCents: tx.session.balanceCents,
      tab: toTabView({ ...tab, status, version }),
      payment: toPaymentView(attempt),
      message,
    });
  }

  /** A session's own payment; another session's is as good as absent. */
  async payment(sessionId: string, paymentId: string): Promise<PaymentAttemptRecord | null> {
    if (!isUuid(paymentId)) return null;
    const attempt = await this.bar.attempt(paymentId);
    return attempt && attempt.sessionId === sessionId ? attempt : null;
  }

  latest(sessionId: string): Promise<PaymentAttemptRecord | null> {
    return this.bar.latestAttempt(sessionId);
  }

  private async requireAttempt(attemptId: string): Promise<PaymentAttemptRecord> {
    const attempt = isUuid(attemptId) ? await this.bar.attempt(attemptId) : null;
    if (!attempt) throw notFound("No such payment.", { paymentId: attemptId });
    return attempt;
  }

  /** For the hosted checkout page, which addresses attempts by id alone. */
  findAttempt(attemptId: string): Promise<PaymentAttemptRecord | null> {
    return isUuid(attemptId) ? this.bar.attempt(attemptId) : Promise.resolve(null);
  }

  /** What the guest is paying for, as the provider is shown it. */
  async checkoutDetails(attempt: PaymentAttemptRecord): Promise<CreateCheckoutInput> {
    const tab = await this.bar.tab(attempt.tabId);
    if (!tab) throw notFound("The tab of this payment is gone.");
    return this.checkoutInput(attempt, tab);
  }

  /**
   * Asks the provider how a pending attempt stands and applies the answer:
   * the fallback when no webhook arrives, and the recovery of an attempt whose
   * checkout was created but never recorded (a crash between the two). The
   * recovery re-sends the identical create request under the attempt's
   * idempotency key, so the provider returns the checkout it already made.
   */
  async refreshFromProvider(attempt: PaymentAttemptRecord): Promise<PaymentStatus> {
    if (attempt.status !== "PENDING") return attempt.status;
    let status: PaymentStatus;
    let failureReason: string | undefined;
    if (attempt.providerRef === null && this.provider.recoverCheckout) {
      const recovered = await this.provider.recoverCheckout(await this.checkoutDetails(attempt));
      await this.recordCheckout(attempt, recovered.providerRef, recovered.checkoutUrl);
      ({ status, failureReason } = recovered);
    } else if (attempt.providerRef !== null) {
      ({ status, failureReason } = await this.provider.fetchStatus(attempt));
    } else {
      return "PENDING";
    }
    if (status !== "PENDING") await this.settle(attempt.id, { status, ...(failureReason ? { failureReason } : {}) });
    return status;
  }

  /** A provider's webhook event, already verified; a replayed event id changes nothing. */
  async applyProviderEvent(
    eventId: string,
    eventType: string,
    event: { attemptId: string | null; providerRef: string; outcome: PaymentStatus; failureReason?: string },
  ): Promise<"processed" | "duplicate"> {
    const attempt =
      (event.attemptId && isUuid(event.attemptId) ? await this.bar.attempt(event.attemptId) : null) ??
      (await this.bar.attemptByProviderRef(event.providerRef));
    // Not ours, or nothing final to apply: acknowledge so the provider stops sending it.
    if (!attempt || attempt.provider !== this.provider.name || event.outcome === "PENDING") return "processed";
    if (attempt.providerRef === null) await this.recordCheckout(attempt, event.providerRef, attempt.checkoutUrl ?? "");
    const result = await this.settle(
      attempt.id,
      { status: event.outcome, ...(event.failureReason ? { failureReason: event.failureReason } : {}) },
      { id: eventId, type: eventType },
    );
    return result === "duplicate-event" ? "duplicate" : "processed";
  }

  /** The guest walked away from the hosted checkout page. */
  async cancel(attemptId: string): Promise<SettleResult> {
    return this.settle(attemptId, { status: "CANCELED", failureReason: "You canceled the checkout." });
  }
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

function defaultReason(status: SettledStatus): string {
  switch (status) {
    case "EXPIRED":
      return "The checkout expired before it was paid.";
    case "CANCELED":
      return "The checkout was canceled.";
    default:
      return "The payment did not go through.";
  }
}

function failureMessage(reason: string | null): string {
  return `The payment didn't go through${reason ? `: ${reason}` : "."} Your tab is still open.`;
}
