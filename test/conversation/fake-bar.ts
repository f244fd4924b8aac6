/**
 * Test doubles for the conversation engine only: an in-memory BarPort that
 * keeps the product's money rules in their simplest form (integer cents,
 * all-or-nothing orders, balance = start - open tab - paid tabs, percent tips
 * follow the subtotal, a pending payment locks the tab) and an in-memory
 * conversation store, and the ConversationBackend over both. The backend's own services are tested elsewhere.
 */
import { EXCLUSIVE_MODIFIER_GROUPS, MENU_CATALOG, type MenuItem, type Modifier } from "../../src/bar/menu-catalog.js";
import { percentOfCents } from "../../src/bar/money.js";
import type {
  BarPort,
  ConversationBackend,
  LineQuantity,
  OpenTurn,
  OrderLine,
  PaymentView,
  SessionView,
  TabLineView,
  TipChoice,
} from "../../src/conversation/bar-port.js";
import { DomainError, badInput, notFound } from "../../src/errors.js";

interface FakeTab {
  id: string;
  status: "OPEN" | "PAYMENT_PENDING";
  lines: { id: string; menuItemId: string; quantity: number; modifiers: string[] }[];
  tip: TipChoice;
  version: number;
}

interface FakeSession {
  tab: FakeTab;
  paidCents: number;
  payments: PaymentView[];
}

export const STARTING_BALANCE_CENTS = 100_000;

export class FakeBar implements BarPort {
  private readonly sessions = new Map<string, FakeSession>();
  private readonly catalog: readonly MenuItem[];
  private nextId = 1;

  constructor(
    private readonly startingBalanceCents = STARTING_BALANCE_CENTS,
    private readonly options: { catalog?: readonly MenuItem[]; mergeLines?: boolean } = {},
  ) {
    this.catalog = options.catalog ?? MENU_CATALOG;
  }

  menu(): readonly MenuItem[] {
    return this.catalog;
  }

  private id(prefix: string): string {
    return `${prefix}-${this.nextId++}`;
  }

  private session(sessionId: string): FakeSession {
    let session = this.sessions.get(sessionId);
    if (!session) {
      session = { tab: this.newTab(), paidCents: 0, payments: [] };
      this.sessions.set(sessionId, session);
    }
    return session;
  }

  private newTab(): FakeTab {
    return { id: this.id("tab"), status: "OPEN", lines: [], tip: { none: true }, version: 0 };
  }

  private item(menuItemId: string): MenuItem {
    const item = this.catalog.find((entry) => entry.id === menuItemId);
    if (!item) throw notFound(`No menu item ${menuItemId}.`);
    return item;
  }

  private view(sessionId: string): SessionView {
    const session = this.session(sessionId);
    const tab = session.tab;
    const items: TabLineView[] = tab.lines.map((line) => {
      const unitPriceCents = this.item(line.menuItemId).priceCents * (line.modifiers.includes("double") ? 2 : 1);
      return { ...line, modifiers: [...line.modifiers], unitPriceCents, lineTotalCents: unitPriceCents * line.quantity };
    });
    const subtotalCents = items.reduce((sum, line) => sum + line.lineTotalCents, 0);
    const tipPercent = "percent" in tab.tip ? tab.tip.percent : null;
    const tipCents = "percent" in tab.tip ? percentOfCents(subtotalCents, tab.tip.percent) : "amountCents" in tab.tip ? tab.tip.amountCents : 0;
    const totalCents = subtotalCents + tipCents;
    return {
      id: sessionId,
      customerName: null,
      balanceCents: this.startingBalanceCents - session.paidCents - totalCents,
      tab: { id: tab.id, status: tab.status, items, subtotalCents, tipPercent, tipCents, totalCents, version: tab.version },
    };
  }

  private totalOf(tab: FakeTab): number {
    let subtotal = 0;
    for (const line of tab.lines) subtotal += this.item(line.menuItemId).priceCents * (line.modifiers.includes("double") ? 2 : 1) * line.quantity;
    const tip = "percent" in tab.tip ? percentOfCents(subtotal, tab.tip.percent) : "amountCents" in tab.tip ? tab.tip.amountCents : 0;
    return subtotal + tip;
  }

  /** Replaces the open tab with `next` if the balance covers the difference. */
  private commit(sessionId: string, next: FakeTab): SessionView {
    const session = this.session(sessionId);
    if (session.tab.status !== "OPEN") throw new DomainError("TAB_LOCKED", "A payment is pending on this tab.");
    const neededCents = this.totalOf(next) - this.totalOf(session.tab);
    const balanceCents = this.startingBalanceCents - session.paidCents - this.totalOf(session.tab);
    if (neededCents > balanceCents) {
      throw new DomainError("INSUFFICIENT_FUNDS", "The balance does not cover this.", { balanceCents, neededCents });
    }
    session.tab = { ...next, version: session.tab.version + 1 };
    return this.view(sessionId);
  }

  private checkLine(line: OrderLine): void {
    const item = this.item(line.menuItemId);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 50) {
      throw badInput("Quantity must be 1 to 50.", { reason: "QUANTITY_OUT_OF_RANGE" });
    }
    for (const modifier of line.modifiers) {
      if (!item.modifiers.includes(modifier as Modifier)) {
        throw badInput(`${item.name} does not take ${modifier}.`, { reason: "MODIFIER_NOT_ACCEPTED", menuItemId: item.id, modifier });
      }
    }
    for (const group of EXCLUSIVE_MODIFIER_GROUPS) {
      const chosen = line.modifiers.filter((modifier) => group.includes(modifier as Modifier));
      if (chosen.length > 1) throw badInput("Conflicting modifiers.", { reason: "CONFLICTING_MODIFIERS", modifiers: chosen });
    }
  }

  async snapshot(sessionId: string): Promise<SessionView> {
    return this.view(sessionId);
  }

  async addItems(sessionId: string, lines: OrderLine[]): Promise<SessionView> {
    return this.editLines(sessionId, { set: [], add: lines });
  }

  async setLineQuantities(sessionId: string, changes: readonly LineQuantity[]): Promise<SessionView> {
    return this.editLines(sessionId, { set: changes, add: [] });
  }

  async editLines(sessionId: string, edit: { set: readonly LineQuantity[]; add: readonly OrderLine[] }): Promise<SessionView> {
    const tab = this.session(sessionId).tab;
    for (const { tabItemId, quantity } of edit.set) {
      if (!tab.lines.some((line) => line.id === tabItemId)) throw notFound(`No tab line ${tabItemId}.`);
      if (!Number.isInteger(quantity) || quantity < 0 || quantity > 50) {
        throw badInput("Quantity must be 0 to 50.", { reason: "QUANTITY_OUT_OF_RANGE" });
      }
    }
    edit.add.forEach((line) => this.checkLine(line));
    const wanted = new Map(edit.set.map((change) => [change.tabItemId, change.quantity]));
    const next = tab.lines
      .map((line) => ({ ...line, quantity: wanted.get(line.id) ?? line.quantity }))
      .filter((line) => line.quantity > 0);
    for (const line of edit.add) {
      // Some backends add to an equal line instead of opening a new one; the engine must cope with both.
      const key = [...line.modifiers].sort().join("|");
      const same = this.options.mergeLines
        ? next.find((entry) => entry.menuItemId === line.menuItemId && [...entry.modifiers].sort().join("|") === key)
        : undefined;
      if (same) same.quantity += line.quantity;
      else next.push({ id: this.id("line"), menuItemId: line.menuItemId, quantity: line.quantity, modifiers: [...line.modifiers] });
    }
    return this.commit(sessionId, { ...tab, lines: next });
  }

  async setTip(sessionId: string, tip: TipChoice): Promise<SessionView> {
    if ("percent" in tip && (!Number.isInteger(tip.percent) || tip.percent < 0 || tip.percent > 100)) {
      throw badInput("Tip percent must be 0 to 100.", { reason: "TIP_OUT_OF_RANGE" });
    }
    if ("amountCents" in tip && (!Number.isInteger(tip.amountCents) || tip.amountCents < 0)) {
      throw badInput("Tip amount must be whole cents.", { reason: "TIP_OUT_OF_RANGE" });
    }
    const none = ("percent" in tip && tip.percent === 0) || ("amountCents" in tip && tip.amountCents === 0);
    return this.commit(sessionId, { ...this.session(sessionId).tab, tip: none ? { none: true } : tip });
  }

  async checkout(sessionId: string): Promise<PaymentView> {
    const session = this.session(sessionId);
    const pending = session.payments.find((payment) => payment.status === "PENDING");
    if (pending) return { ...pending };
    if (session.tab.lines.length === 0) throw badInput("The tab is empty.", { reason: "EMPTY_TAB" });
    const view = this.view(sessionId).tab;
    const id = this.id("pay");
    const payment: PaymentView = {
      id,
      status: "PENDING",
      amountCents: view.totalCents,
      tipCents: view.tipCents,
      provider: "mock",
      checkoutUrl: `http://localhost:4000/checkout/${id}`,
      failureReason: null,
      idempotencyKey: `checkout-${id}`,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    session.payments.push(payment);
    session.tab = { ...session.tab, status: "PAYMENT_PENDING", version: session.tab.version + 1 };
    return { ...payment };
  }

  async latestPayment(sessionId: string): Promise<PaymentView | null> {
    const latest = this.session(sessionId).payments.at(-1);
    return latest ? { ...latest } : null;
  }

  /** What the payment page does: settle the pending attempt. */
  finishPayment(sessionId: string, succeeded: boolean): void {
    const session = this.session(sessionId);
    const pending = session.payments.find((payment) => payment.status === "PENDING");
    if (!pending) throw new Error("no pending payment");
    pending.updatedAt = new Date();
    if (succeeded) {
      pending.status = "SUCCEEDED";
      session.paidCents += pending.amountCents;
      session.tab = this.newTab();
    } else {
      pending.status = "FAILED";
      pending.failureReason = "Your card was declined.";
      session.tab = { ...session.tab, status: "OPEN", version: session.tab.version + 1 };
    }
  }
}

export interface StoredTurn {
  utterance: string;
  reply: string;
  state: unknown;
}

/** Transcript and dialogue state, per session, in memory. */
export class MemoryStore {
  readonly turns = new Map<string, StoredTurn[]>();

  async loadState(sessionId: string): Promise<unknown | null> {
    const turns = this.turns.get(sessionId);
    // Through JSON, as the database would store it.
    return turns?.length ? (JSON.parse(JSON.stringify(turns[turns.length - 1]?.state)) as unknown) : null;
  }

  async saveTurn(sessionId: string, turn: StoredTurn): Promise<void> {
    const turns = this.turns.get(sessionId) ?? [];
    turns.push(turn);
    this.turns.set(sessionId, turns);
  }
}

/**
 * The tab as compact text lines, e.g. "2 martini", "1 whiskey (on the rocks)", sorted, with lines of the
 * same drink added up (the fake keeps every order as its own line; a backend may merge them).
 */
export function tabLines(session: SessionView): string[] {
  const counts = new Map<string, number>();
  for (const line of session.tab.items) {
    const key = `${line.menuItemId}${line.modifiers.length > 0 ? ` (${[...line.modifiers].sort().join(", ")})` : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + line.quantity);
  }
  return [...counts].map(([key, count]) => `${count} ${key}`).sort();
}

/**
 * A ConversationBackend over an in-memory bar and store. Changes apply at once
 * (the fake has no concurrency to guard against); the turn is stored on commit.
 */
export class FakeBackend implements ConversationBackend {
  constructor(
    readonly bar: BarPort,
    readonly store: MemoryStore = new MemoryStore(),
  ) {}

  menu() {
    return this.bar.menu();
  }

  async begin(sessionId: string): Promise<OpenTurn> {
    const storedState = await this.store.loadState(sessionId);
    return {
      storedState,
      bar: this.bar,
      notes: () => null,
      commit: async (turn) => {
        await this.store.saveTurn(sessionId, turn);
        return true;
      },
    };
  }
}
