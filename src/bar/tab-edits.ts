/**
 * Tab edits planned in memory, pure and synchronous: given a session's state
 * and an edit (lines, or the tip), the state after it, or a domain error
 * (tab locked, unknown line, too many of a drink, balance short), or
 * UNCHANGED when there is nothing to do. The same functions serve a GraphQL
 * mutation and a conversation turn; the database applies the result in one
 * round trip and re-checks its money (session-state.repository, the write_path
 * migration).
 */
import { DomainError, badInput, notFound } from "../errors.js";
import type { TabRecord } from "./bar.repository.js";
import { toTabView } from "./bar.repository.js";
import type { MenuItem } from "./menu-catalog.js";
import { formatCents } from "./money.js";
import type { SessionState } from "./session-state.js";
import type { LineWrite, TabWrite } from "./session-state.repository.js";
import {
  MAX_QUANTITY_PER_LINE,
  NO_TIP,
  assertOrderQuantity,
  canonicalModifiers,
  priceTab,
  unitPriceCents,
  type TipSetting,
} from "./tab-pricing.js";
import type { TabChange, TabEventReason, TabLineView } from "./views.js";

export const UNCHANGED = Symbol("unchanged");
export type Unchanged = typeof UNCHANGED;

export interface OrderRequest {
  menuItemId: string;
  quantity: number;
  modifiers: readonly string[];
}

/** A drink to add, validated and priced from the menu (never from the client). */
export interface PricedOrder {
  menuItemId: string;
  quantity: number;
  modifiers: string[];
  unitPriceCents: number;
}

export interface LineEdit {
  /** New quantities for lines on the tab; 0 takes a line off. */
  set: readonly { lineId: string; quantity: number }[];
  add: readonly PricedOrder[];
}

/** Something the guest should hear about an edit besides the edit itself. */
export type TabNotice = { kind: "TIP_RECAPPED"; tipCents: number };

export interface PlannedEdit {
  reason: TabEventReason;
  /** The session after the edit (same version: the version moves when it is applied). */
  after: SessionState;
  notices: TabNotice[];
}

/** Validates and prices orders, merging the same drink said twice into one: BAD_USER_INPUT/NOT_FOUND before anything. */
export function priceOrders(orders: readonly OrderRequest[], menuItem: (id: string) => MenuItem): PricedOrder[] {
  const merged = new Map<string, PricedOrder>();
  for (const order of orders) {
    assertOrderQuantity(order.quantity);
    const item = menuItem(order.menuItemId);
    const modifiers = canonicalModifiers(item, order.modifiers);
    const key = lineKey(item.id, modifiers);
    const quantity = (merged.get(key)?.quantity ?? 0) + order.quantity;
    merged.set(key, { menuItemId: item.id, quantity, modifiers, unitPriceCents: unitPriceCents(item, modifiers) });
  }
  return [...merged.values()];
}

function assertLineQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY_PER_LINE) {
    throw badInput(`A tab line can hold 1 to ${MAX_QUANTITY_PER_LINE} drinks.`, { reason: "QUANTITY_OUT_OF_RANGE", quantity });
  }
}

function assertOpen(state: SessionState): void {
  if (state.tab.status === "PAYMENT_PENDING") {
    throw new DomainError("TAB_LOCKED", "A payment is in progress; the tab can change once it finishes.");
  }
}

const currentTip = (tab: TabRecord): TipSetting => ({ percent: tab.tipPercent, fixedCents: tab.tipFixedCents });

/** Lines set and added in one edit; `newLineId` names lines the tab did not have. */
export function planLineEdit(state: SessionState, edit: LineEdit, newLineId: () => string): PlannedEdit | Unchanged {
  assertOpen(state);
  for (const { quantity } of edit.set) if (quantity !== 0) assertLineQuantity(quantity);
  let added = false;
  let changed = false;
  let items: TabLineView[] = [...state.tab.items];
  for (const { lineId, quantity } of edit.set) {
    const line = requireLine(state.tab, lineId);
    if (quantity === line.quantity) continue;
    changed = true;
    added ||= quantity > line.quantity;
    items = items.flatMap((existing) => (existing.id !== lineId ? [existing] : quantity === 0 ? [] : [withQuantity(existing, quantity)]));
  }
  for (const order of edit.add) {
    changed = true;
    added = true;
    const key = lineKey(order.menuItemId, order.modifiers);
    // A line priced before a menu change stays at its captured price; new drinks start a new line.
    const index = items.findIndex(
      (existing) => lineKey(existing.menuItemId, existing.modifiers) === key && existing.unitPriceCents === order.unitPriceCents,
    );
    const same = items[index];
    if (same) {
      const quantity = same.quantity + order.quantity;
      assertLineQuantity(quantity);
      items[index] = withQuantity(same, quantity);
    } else {
      assertLineQuantity(order.quantity);
      items.push({ id: newLineId(), ...order, lineTotalCents: order.quantity * order.unitPriceCents });
    }
  }
  if (!changed) return UNCHANGED;
  return settle(state, items, currentTip(state.tab), added ? "ITEM_ADDED" : "ITEM_REMOVED");
}

export function planTipEdit(state: SessionState, tip: TipSetting): PlannedEdit | Unchanged {
  assertOpen(state);
  const { tab } = state;
  if (tab.items.length === 0 && (tip.percent !== null || tip.fixedCents !== null)) {
    throw badInput("There's nothing on the tab to tip on yet.", { reason: "EMPTY_TAB" });
  }
  // The same ceiling as a 100% tip: more than the drinks is almost certainly a slip.
  if (tip.fixedCents !== null && tip.fixedCents > tab.subtotalCents) {
    throw badInput(`A tip can be at most the subtotal, ${formatCents(tab.subtotalCents)}.`, {
      reason: "TIP_ABOVE_SUBTOTAL",
      subtotalCents: tab.subtotalCents,
    });
  }
  if (tip.percent === tab.tipPercent && tip.fixedCents === tab.tipFixedCents) return UNCHANGED;
  return settle(state, tab.items, tip, "TIP_CHANGED");
}

/**
 * The tab's money after new lines or a new tip: an emptied tab keeps no tip, a
 * fixed tip is re-capped to a subtotal that fell below it (and the guest is
 * told), and the balance covers the difference or nothing changes.
 */
function settle(state: SessionState, items: TabLineView[], tip: TipSetting, reason: TabEventReason): PlannedEdit {
  const notices: TabNotice[] = [];
  let setting = items.length === 0 ? NO_TIP : tip;
  const subtotalCents = items.reduce((sum, line) => sum + line.lineTotalCents, 0);
  if (setting.fixedCents !== null && setting.fixedCents > subtotalCents) {
    setting = { percent: null, fixedCents: subtotalCents };
    notices.push({ kind: "TIP_RECAPPED", tipCents: subtotalCents });
  }
  const totals = priceTab(items, setting);
  const neededCents = totals.totalCents - state.tab.totalCents;
  const balanceCents = state.balanceCents - neededCents;
  if (balanceCents < 0) {
    throw new DomainError(
      "INSUFFICIENT_FUNDS",
      `That comes to ${formatCents(neededCents)}, but the balance is ${formatCents(state.balanceCents)}.`,
      { balanceCents: state.balanceCents, neededCents },
    );
  }
  return {
    reason,
    notices,
    after: {
      ...state,
      balanceCents,
      tab: { ...state.tab, items, ...totals, tipPercent: setting.percent, tipFixedCents: setting.fixedCents },
    },
  };
}

/**
 * What the database writes to bring `before` to `after` (one version later):
 * the lines that are new or changed, those gone, the money and the event.
 */
export function tabWrite(
  before: SessionState,
  after: SessionState,
  reason: TabEventReason,
  message: string | null,
): { write: TabWrite; committed: SessionState } {
  const version = before.tab.version + 1;
  const committed: SessionState = { ...after, tab: { ...after.tab, version } };
  const previous = new Map(before.tab.items.map((line) => [line.id, line]));
  const upsert: LineWrite[] = after.tab.items
    .filter((line) => previous.get(line.id)?.quantity !== line.quantity)
    .map(({ id, menuItemId, quantity, modifiers, unitPriceCents }) => ({ id, menuItemId, quantity, modifiers, unitPriceCents }));
  const kept = new Set(after.tab.items.map((line) => line.id));
  const event: TabChange = {
    sessionId: before.id,
    reason,
    balanceCents: after.balanceCents,
    tab: toTabView(committed.tab),
    payment: null,
    message,
  };
  const { tab } = after;
  return {
    committed,
    write: {
      balanceCents: after.balanceCents,
      tipPercent: tab.tipPercent,
      tipFixedCents: tab.tipFixedCents,
      subtotalCents: tab.subtotalCents,
      tipCents: tab.tipCents,
      totalCents: tab.totalCents,
      upsert,
      delete: before.tab.items.filter((line) => !kept.has(line.id)).map((line) => line.id),
      event,
    },
  };
}

/** Lines with the same drink and modifiers merge (modifiers are canonical and sorted). */
function lineKey(menuItemId: string, modifiers: readonly string[]): string {
  return `${menuItemId}|${modifiers.join("|")}`;
}

function withQuantity(line: TabLineView, quantity: number): TabLineView {
  return { ...line, quantity, lineTotalCents: quantity * line.unitPriceCents };
}

function requireLine(tab: TabRecord, lineId: string): TabLineView {
  const line = tab.items.find((item) => item.id === lineId);
  if (!line) throw notFound("That item is not on the current tab.", { tabItemId: lineId });
  return line;
}
