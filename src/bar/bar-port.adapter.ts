/**
 * The conversation's view of the bar, served by the same planning, money
 * rules and one-call writes as the GraphQL mutations. A turn's changes are
 * planned in memory as its acts make them and applied together with its
 * transcript and memory in one round trip (`commit`), guarded by the version
 * they were planned on: one version and one event per turn, however many
 * acts it took, and nothing stored if the turn fails.
 */
import { randomUUID } from "node:crypto";
import {
  TurnConflict,
  type BarPort,
  type ConversationBackend,
  type LineQuantity,
  type OpenTurn,
  type OrderLine,
  type TipChoice,
} from "../conversation/bar-port.js";
import type { PaymentService } from "../payments/payment.service.js";
import { toPaymentView } from "./bar.repository.js";
import type { Menu } from "./menu.service.js";
import type { SessionChanges } from "./session-changes.js";
import { toSessionView, type SessionState } from "./session-state.js";
import { UNCHANGED, planLineEdit, planTipEdit, priceOrders, type PlannedEdit, type TabNotice, type Unchanged } from "./tab-edits.js";
import { tipSettingFrom } from "./tab-pricing.js";
import { noticeWords } from "./tab.service.js";
import type { PaymentView, SessionView, TabEventReason } from "./views.js";

export class TurnBackend implements ConversationBackend {
  constructor(
    private readonly changes: SessionChanges,
    private readonly catalog: Menu,
    private readonly payments: PaymentService,
  ) {}

  menu() {
    return this.catalog.items;
  }

  async begin(sessionId: string): Promise<OpenTurn> {
    const { state } = await this.changes.current(sessionId);
    return new HeldTurn(state, this.changes, this.catalog, this.payments);
  }
}

/** The reason a turn's event carries when its acts changed the tab more than one way. */
function combinedReason(reasons: ReadonlySet<TabEventReason>): TabEventReason {
  if (reasons.has("ITEM_ADDED")) return "ITEM_ADDED";
  if (reasons.has("ITEM_REMOVED")) return "ITEM_REMOVED";
  return "TIP_CHANGED";
}

class HeldTurn implements OpenTurn, BarPort {
  private planned: SessionState;
  private readonly reasons = new Set<TabEventReason>();
  private readonly notices: TabNotice[] = [];

  constructor(
    private base: SessionState,
    private readonly changes: SessionChanges,
    private readonly catalog: Menu,
    private readonly payments: PaymentService,
  ) {
    this.planned = base;
  }

  get storedState(): unknown | null {
    return this.base.dialogueState;
  }

  get bar(): BarPort {
    return this;
  }

  menu() {
    return this.catalog.items;
  }

  async snapshot(): Promise<SessionView> {
    return this.view();
  }

  addItems(sessionId: string, lines: OrderLine[]): Promise<SessionView> {
    return this.editLines(sessionId, { set: [], add: lines });
  }

  setLineQuantities(sessionId: string, changes: readonly LineQuantity[]): Promise<SessionView> {
    return this.editLines(sessionId, { set: changes, add: [] });
  }

  async editLines(_sessionId: string, edit: { set: readonly LineQuantity[]; add: readonly OrderLine[] }): Promise<SessionView> {
    const add = priceOrders(edit.add, (id) => this.catalog.get(id));
    const set = edit.set.map(({ tabItemId, quantity }) => ({ lineId: tabItemId, quantity }));
    return this.hold(planLineEdit(this.planned, { set, add }, randomUUID));
  }

  async setTip(_sessionId: string, tip: TipChoice): Promise<SessionView> {
    return this.hold(planTipEdit(this.planned, tipSettingFrom("none" in tip ? {} : tip)));
  }

  /**
   * Paying cannot wait for the turn's end: what the turn changed is applied first, then the
   * checkout starts. It moves the session on (locked, or failed and reopened), so the turn
   * continues from the session as the checkout left it, whether it succeeded or not: the turn
   * is stored on top of it, and never runs the checkout a second time.
   */
  async checkout(sessionId: string): Promise<PaymentView> {
    const held = this.heldEdit();
    if (held && !(await this.changes.apply(this.base, held, [], null))) throw new TurnConflict();
    try {
      return toPaymentView(await this.payments.checkout(sessionId));
    } finally {
      this.base = this.planned = await this.changes.load(sessionId);
      // The held edit is applied; what the guest must hear about it (a tip brought down) is still to be said.
      this.reasons.clear();
    }
  }

  async latestPayment(sessionId: string): Promise<PaymentView | null> {
    const attempt = await this.payments.latest(sessionId);
    return attempt && toPaymentView(attempt);
  }

  notes(): string | null {
    return noticeWords(this.notices);
  }

  async commit(turn: { utterance: string; reply: string; state: unknown }): Promise<boolean> {
    const committed = await this.changes.apply(
      this.base,
      this.heldEdit(),
      [
        { speaker: "CUSTOMER", text: turn.utterance },
        { speaker: "MAYA", text: turn.reply },
      ],
      { state: turn.state },
    );
    return committed !== null;
  }

  private hold(planned: PlannedEdit | Unchanged): SessionView {
    if (planned !== UNCHANGED) {
      this.planned = planned.after;
      this.reasons.add(planned.reason);
      this.notices.push(...planned.notices);
    }
    return this.view();
  }

  private heldEdit(): PlannedEdit | null {
    return this.reasons.size > 0 ? { reason: combinedReason(this.reasons), after: this.planned, notices: this.notices } : null;
  }

  /** The session as the turn will leave it: one version on, if it changed anything. */
  private view(): SessionView {
    const version = this.base.tab.version + (this.reasons.size > 0 ? 1 : 0);
    return toSessionView({ ...this.planned, tab: { ...this.planned.tab, version } });
  }
}
