/**
 * Data access for payments: attempts, and the tab changes a payment makes
 * (locking the tab, paying it and opening the next one), with their outbox
 * events. These run inside `inSessionTransaction`, which holds the session's
 * row lock (SELECT ... FOR UPDATE) for the whole transaction, the same lock
 * the write path's one-call changes take (session-state.repository.ts): that
 * is what serialises one session's changes across every app instance. The
 * hot path (orders, tips, turns) does not come here.
 */
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { notFound } from "../errors.js";
import type { PaymentStatus, ProviderName } from "../payments/payment-provider.js";
import type { PaymentView, TabChange, TabLineView, TabStatus, TabView } from "./views.js";

type Tx = Prisma.TransactionClient;

export interface LockedSession {
  id: string;
  customerName: string | null;
  balanceCents: number;
  startingBalanceCents: number;
}

export interface TabRecord {
  id: string;
  sessionId: string;
  status: TabStatus;
  tipPercent: number | null;
  tipFixedCents: number | null;
  subtotalCents: number;
  tipCents: number;
  totalCents: number;
  version: number;
  items: TabLineView[];
}

export type TabUpdate = Partial<
  Pick<TabRecord, "status" | "tipPercent" | "tipFixedCents" | "subtotalCents" | "tipCents" | "totalCents" | "version">
> & { paidAt?: Date };

export interface PaymentAttemptRecord extends PaymentView {
  tabId: string;
  sessionId: string;
  providerRef: string | null;
}

export interface NewPaymentAttempt {
  id: string;
  tabId: string;
  amountCents: number;
  tipCents: number;
  provider: ProviderName;
  idempotencyKey: string;
  checkoutUrl: string | null;
}

export type PaymentAttemptUpdate = Partial<
  Pick<PaymentAttemptRecord, "status" | "providerRef" | "checkoutUrl" | "failureReason">
> & { settledAt?: Date };

/** The operations available while a session is locked. */
export interface SessionTransaction {
  readonly session: LockedSession;
  currentTab(): Promise<TabRecord>;
  updateTab(tabId: string, update: TabUpdate): Promise<void>;
  openTab(version: number): Promise<TabRecord>;
  pendingAttempt(tabId: string): Promise<PaymentAttemptRecord | null>;
  createAttempt(attempt: NewPaymentAttempt): Promise<PaymentAttemptRecord>;
  updateAttempt(attemptId: string, update: PaymentAttemptUpdate): Promise<PaymentAttemptRecord>;
  attempt(attemptId: string): Promise<PaymentAttemptRecord | null>;
  /** Marks a provider event applied; false when it already was (a replay). */
  markWebhookEventProcessed(eventId: string, type: string): Promise<boolean>;
  /** Writes the change to the outbox; it is delivered once the transaction commits. */
  recordChange(change: TabChange): Promise<void>;
  /** Something Maya says outside a conversation turn (a tip thanks, a payment result), kept in the transcript. */
  appendMayaMessage(text: string): Promise<void>;
}

export interface BarRepository {
  inSessionTransaction<T>(sessionId: string, work: (tx: SessionTransaction) => Promise<T>): Promise<T>;
  tab(tabId: string): Promise<TabRecord | null>;
  attempt(attemptId: string): Promise<PaymentAttemptRecord | null>;
  attemptByProviderRef(providerRef: string): Promise<PaymentAttemptRecord | null>;
  latestAttempt(sessionId: string): Promise<PaymentAttemptRecord | null>;
  pendingAttempts(olderThan: Date): Promise<PaymentAttemptRecord[]>;
  /** Sum of paid tabs' totals: with the balance and the open tab, it must equal the starting balance. */
  paidTotal(sessionId: string): Promise<number>;
}

const TAB_INCLUDE = { items: { orderBy: { position: "asc" } } } as const satisfies Prisma.TabInclude;

type TabRow = Prisma.TabGetPayload<{ include: typeof TAB_INCLUDE }>;
type AttemptRow = Prisma.PaymentAttemptGetPayload<object>;

/** A tab as stored, read through Prisma or from the write path's JSON: a TabRecord without its derived line totals. */
export interface StoredTab extends Omit<TabRecord, "items"> {
  items: readonly Omit<TabLineView, "lineTotalCents">[];
}

export function toTabRecord(row: StoredTab): TabRecord {
  return {
    id: row.id,
    sessionId: row.sessionId,
    status: row.status,
    tipPercent: row.tipPercent,
    tipFixedCents: row.tipFixedCents,
    subtotalCents: row.subtotalCents,
    tipCents: row.tipCents,
    totalCents: row.totalCents,
    version: row.version,
    items: row.items.map((item) => ({
      id: item.id,
      menuItemId: item.menuItemId,
      quantity: item.quantity,
      modifiers: item.modifiers,
      unitPriceCents: item.unitPriceCents,
      lineTotalCents: item.quantity * item.unitPriceCents,
    })),
  };
}

export function toTabView(tab: TabRecord): TabView {
  const { sessionId: _sessionId, tipFixedCents: _fixed, ...view } = tab;
  return view;
}

function toAttemptRecord(row: AttemptRow): PaymentAttemptRecord {
  return {
    id: row.id,
    tabId: row.tabId,
    sessionId: row.sessionId,
    status: row.status,
    amountCents: row.amountCents,
    tipCents: row.tipCents,
    provider: row.provider as ProviderName,
    providerRef: row.providerRef,
    checkoutUrl: row.checkoutUrl,
    idempotencyKey: row.idempotencyKey,
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toPaymentView(attempt: PaymentAttemptRecord): PaymentView {
  const { tabId: _tabId, sessionId: _sessionId, providerRef: _providerRef, ...view } = attempt;
  return view;
}

async function currentTabOf(db: Tx | PrismaClient, sessionId: string): Promise<TabRecord> {
  const row = await db.tab.findFirst({
    where: { sessionId, status: { in: ["OPEN", "PAYMENT_PENDING"] } },
    include: TAB_INCLUDE,
  });
  if (!row) throw notFound("This session has no open tab.");
  return toTabRecord(row);
}

/** A change written to the outbox in a transaction, told about once it commits. */
interface RecordedChange {
  change: TabChange;
  outboxId: number;
}

class PrismaSessionTransaction implements SessionTransaction {
  constructor(
    private readonly tx: Tx,
    private readonly recorded: RecordedChange[],
    readonly session: LockedSession,
  ) {}

  currentTab(): Promise<TabRecord> {
    return currentTabOf(this.tx, this.session.id);
  }

  async updateTab(tabId: string, update: TabUpdate): Promise<void> {
    await this.tx.tab.update({ where: { id: tabId }, data: update });
  }

  async openTab(version: number): Promise<TabRecord> {
    const row = await this.tx.tab.create({ data: { sessionId: this.session.id, version }, include: TAB_INCLUDE });
    return toTabRecord(row);
  }

  async pendingAttempt(tabId: string): Promise<PaymentAttemptRecord | null> {
    const row = await this.tx.paymentAttempt.findFirst({ where: { tabId, status: "PENDING" } });
    return row && toAttemptRecord(row);
  }

  async createAttempt(attempt: NewPaymentAttempt): Promise<PaymentAttemptRecord> {
    const row = await this.tx.paymentAttempt.create({ data: { ...attempt, sessionId: this.session.id } });
    return toAttemptRecord(row);
  }

  async updateAttempt(attemptId: string, update: PaymentAttemptUpdate): Promise<PaymentAttemptRecord> {
    const row = await this.tx.paymentAttempt.update({
      where: { id: attemptId, sessionId: this.session.id },
      data: update,
    });
    return toAttemptRecord(row);
  }

  async attempt(attemptId: string): Promise<PaymentAttemptRecord | null> {
    const row = await this.tx.paymentAttempt.findFirst({ where: { id: attemptId, sessionId: this.session.id } });
    return row && toAttemptRecord(row);
  }

  async markWebhookEventProcessed(eventId: string, type: string): Promise<boolean> {
    const inserted = await this.tx.$executeRaw`
      INSERT INTO processed_webhook_events (id, type) VALUES (${eventId}, ${type}) ON CONFLICT (id) DO NOTHING`;
    return inserted === 1;
  }

  async appendMayaMessage(text: string): Promise<void> {
    await this.tx.message.create({ data: { sessionId: this.session.id, speaker: "MAYA", text } });
  }

  async recordChange(change: TabChange): Promise<void> {
    const row = await this.tx.tabEvent.create({
      data: {
        sessionId: change.sessionId,
        version: change.tab.version,
        reason: change.reason,
        payload: change as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    this.recorded.push({ change, outboxId: Number(row.id) });
  }
}

export class PrismaBarRepository implements BarRepository {
  constructor(
    private readonly prisma: PrismaClient,
    /** Told about each change once its transaction has committed. */
    private readonly onCommittedChange: (change: TabChange, outboxId: number) => void = () => undefined,
  ) {}

  async inSessionTransaction<T>(sessionId: string, work: (tx: SessionTransaction) => Promise<T>): Promise<T> {
    const recorded: RecordedChange[] = [];
    const result = await this.prisma.$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<
          { customer_name: string | null; balance_cents: number; starting_balance_cents: number }[]
        >`SELECT customer_name, balance_cents, starting_balance_cents FROM sessions WHERE id = ${sessionId}::uuid FOR UPDATE`;
        const row = locked[0];
        if (!row) throw notFound("Session not found.");
        return work(
          new PrismaSessionTransaction(tx, recorded, {
            id: sessionId,
            customerName: row.customer_name,
            balanceCents: row.balance_cents,
            startingBalanceCents: row.starting_balance_cents,
          }),
        );
      },
      // Waiting for the session's lock counts against the timeout; a burst of
      // one guest's requests queues behind each other.
      { maxWait: 20_000, timeout: 30_000 },
    );
    for (const { change, outboxId } of recorded) this.onCommittedChange(change, outboxId);
    return result;
  }

  async tab(tabId: string): Promise<TabRecord | null> {
    const row = await this.prisma.tab.findUnique({ where: { id: tabId }, include: TAB_INCLUDE });
    return row && toTabRecord(row);
  }

  async attempt(attemptId: string): Promise<PaymentAttemptRecord | null> {
    const row = await this.prisma.paymentAttempt.findUnique({ where: { id: attemptId } });
    return row && toAttemptRecord(row);
  }

  async attemptByProviderRef(providerRef: string): Promise<PaymentAttemptRecord | null> {
    const row = await this.prisma.paymentAttempt.findFirst({ where: { providerRef } });
    return row && toAttemptRecord(row);
  }

  async latestAttempt(sessionId: string): Promise<PaymentAttemptRecord | null> {
    const row = await this.prisma.paymentAttempt.findFirst({
      where: { sessionId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return row && toAttemptRecord(row);
  }

  async pendingAttempts(olderThan: Date): Promise<PaymentAttemptRecord[]> {
    const rows = await this.prisma.paymentAttempt.findMany({
      where: { status: "PENDING", createdAt: { lt: olderThan } },
      orderBy: { createdAt: "asc" },
      take: 100,
    });
    return rows.map(toAttemptRecord);
  }

  async paidTotal(sessionId: string): Promise<number> {
    const result = await this.prisma.tab.aggregate({ where: { sessionId, status: "PAID" }, _sum: { totalCents: true } });
    return result._sum.totalCents ?? 0;
  }
}

export type { PaymentStatus };
