/**
 * The conversation's view of the bar, served by the very services behind the
 * GraphQL mutations: a spoken order obeys the same money rules, transactions
 * and events as a typed one.
 */
import type { BarPort, ConversationStore, LineQuantity, OrderLine, TipChoice } from "../conversation/bar-port.js";
import type { PaymentService } from "../payments/payment.service.js";
import type { SessionRepository } from "../sessions/session.repository.js";
import { toPaymentView } from "./bar.repository.js";
import type { Menu } from "./menu.service.js";
import type { TabService } from "./tab.service.js";
import type { PaymentView, SessionView } from "./views.js";

export class ServiceBarPort implements BarPort {
  constructor(
    private readonly catalog: Menu,
    private readonly tabs: TabService,
    private readonly payments: PaymentService,
  ) {}

  menu() {
    return this.catalog.items;
  }

  snapshot(sessionId: string): Promise<SessionView> {
    return this.tabs.snapshot(sessionId);
  }

  addItems(sessionId: string, lines: OrderLine[]): Promise<SessionView> {
    return this.tabs.addItems(sessionId, lines);
  }

  setLineQuantities(sessionId: string, changes: readonly LineQuantity[]): Promise<SessionView> {
    return this.editLines(sessionId, { set: changes, add: [] });
  }

  editLines(sessionId: string, edit: { set: readonly LineQuantity[]; add: readonly OrderLine[] }): Promise<SessionView> {
    return this.tabs.editLines(sessionId, {
      set: edit.set.map(({ tabItemId, quantity }) => ({ lineId: tabItemId, quantity })),
      add: edit.add,
    });
  }

  setTip(sessionId: string, tip: TipChoice): Promise<SessionView> {
    return this.tabs.setTip(sessionId, "none" in tip ? {} : tip, { announce: false });
  }

  async checkout(sessionId: string): Promise<PaymentView> {
    return toPaymentView(await this.payments.checkout(sessionId));
  }

  async latestPayment(sessionId: string): Promise<PaymentView | null> {
    const attempt = await this.payments.latest(sessionId);
    return attempt && toPaymentView(attempt);
  }
}

export class SessionConversationStore implements ConversationStore {
  constructor(private readonly sessions: SessionRepository) {}

  loadState(sessionId: string): Promise<unknown | null> {
    return this.sessions.dialogueState(sessionId);
  }

  saveTurn(sessionId: string, turn: { utterance: string; reply: string; state: unknown }): Promise<void> {
    return this.sessions.saveTurn(sessionId, turn);
  }
}
