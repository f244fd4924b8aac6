/**
 * Ordering, removing and tipping. Every change is one transaction holding the
 * session's lock: it recomputes the tab from its lines, moves the difference
 * between balance and tab, refuses what the balance cannot cover, bumps the
 * version and records the event, or changes nothing at all.
 */
import { DomainError, notFound } from "../errors.js";
import type { BarRepository, NewLine, SessionTransaction, TabRecord } from "./bar.repository.js";
import { toTabView } from "./bar.repository.js";
import type { Menu } from "./menu.service.js";
import { formatCents } from "./money.js";
import {
  MAX_QUANTITY_PER_LINE,
  NO_TIP,
  assertOrderQuantity,
  canonicalModifiers,
  priceTab,
  tipSettingFrom,
  unitPriceCents,
  type TipSetting,
} from "./tab-pricing.js";
import type { SessionView, TabEventReason, TabLineView } from "./views.js";
import { badInput } from "../errors.js";

export interface OrderRequest {
  menuItemId: string;
  quantity: number;
  modifiers: readonly string[];
}

export interface TipRequest {
  percent?: number | null;
  amountCents?: number | null;
}

interface TabEdit {
  reason: TabEventReason;
  /** The tab's lines after the edit, as written; unchanged when absent. */
  items?: TabLineView[];
  tip?: TipSetting;
  /** Maya says the event's message to the guest (and the transcript keeps it). */
  announce?: boolean;
}

const UNCHANGED = Symbol("unchanged");

export interface TipOptions {
  /**
   * Whether Maya thanks the guest in the transcript. A tip set by voice is
   * acknowledged by the conversation's own reply instead.
   */
  announce: boolean;
}

export class TabService {
  constructor(
    private readonly bar: BarRepository,
    private readonly menu: Menu,
  ) {}

  async snapshot(sessionId: string): Promise<SessionView> {
    const [tab, account] = await Promise.all([this.bar.currentTab(sessionId), this.bar.account(sessionId)]);
    return { id: sessionId, ...account, tab: toTabView(tab) };
  }

  /** Several lines in one transaction: all of them land, or none. */
  addItems(sessionId: string, orders: readonly OrderRequest[]): Promise<SessionView> {
    if (orders.length === 0) throw badInput("Nothing to add.");
    return this.editLines(sessionId, { set: [], add: orders });
  }

  /**
   * New quantities for some lines (0 removes one) and new drinks, in one transaction: one version,
   * one event, all of it or nothing (a replace, an undo, a spoken order).
   */
  editLines(
    sessionId: string,
    edit: { set: readonly { lineId: string; quantity: number }[]; add: readonly OrderRequest[] },
  ): Promise<SessionView> {
    for (const { quantity } of edit.set) if (quantity !== 0) assertLineQuantity(quantity);
    // The same drink ordered twice in one go is one line, as it would be on the tab.
    const lines = new Map<string, NewLine>();
    for (const order of edit.add) {
      assertOrderQuantity(order.quantity);
      const item = this.menu.get(order.menuItemId);
      const modifiers = canonicalModifiers(item, order.modifiers);
      const key = lineKey(item.id, modifiers);
      const quantity = (lines.get(key)?.quantity ?? 0) + order.quantity;
      lines.set(key, { menuItemId: item.id, quantity, modifiers, unitPriceCents: unitPriceCents(item, modifiers) });
    }
    return this.editTab(sessionId, async (tx, tab) => {
      let added = false;
      let changed = false;
      let items = [...tab.items];
      for (const { lineId, quantity } of edit.set) {
        const line = requireLine(tab, lineId);
        if (quantity === line.quantity) continue;
        changed = true;
        added ||= quantity > line.quantity;
        if (quantity === 0) await tx.deleteLine(tab.id, lineId);
        else await tx.setLineQuantity(tab.id, lineId, quantity);
        items = items.flatMap((existing) =>
          existing.id !== lineId ? [existing] : quantity === 0 ? [] : [withQuantity(existing, quantity)],
        );
      }
      for (const [key, line] of lines) {
        changed = true;
        added = true;
        // A line priced before a menu change stays at its captured price; new drinks start a new line.
        const index = items.findIndex(
          (existing) =>
            lineKey(existing.menuItemId, existing.modifiers) === key && existing.unitPriceCents === line.unitPriceCents,
        );
        const same = items[index];
        if (same) {
          const quantity = same.quantity + line.quantity;
          assertLineQuantity(quantity);
          await tx.setLineQuantity(tab.id, same.id, quantity);
          items[index] = withQuantity(same, quantity);
        } else {
          assertLineQuantity(line.quantity);
          const id = await tx.addLine(tab.id, line);
          items.push({ id, ...line, lineTotalCents: line.quantity * line.unitPriceCents });
        }
      }
      if (!changed) return UNCHANGED;
      return { reason: added ? "ITEM_ADDED" : "ITEM_REMOVED", items };
    });
  }

  removeLine(sessionId: string, lineId: string): Promise<SessionView> {
    return this.editTab(sessionId, async (tx, tab) => {
      requireLine(tab, lineId);
      await tx.deleteLine(tab.id, lineId);
      return { reason: "ITEM_REMOVED", items: tab.items.filter((line) => line.id !== lineId) };
    });
  }

  /** 0 removes the line. */
  setLineQuantity(sessionId: string, lineId: string, quantity: number): Promise<SessionView> {
    return this.setLineQuantities(sessionId, [{ lineId, quantity }]);
  }

  /** Several lines' new quantities in one transaction (0 removes a line): all apply, or none. */
  setLineQuantities(sessionId: string, changes: readonly { lineId: string; quantity: number }[]): Promise<SessionView> {
    return this.editLines(sessionId, { set: changes, add: [] });
  }

  setTip(sessionId: string, request: TipRequest, options: TipOptions = { announce: true }): Promise<SessionView> {
    const tip = tipSettingFrom(request);
    return this.editTab(sessionId, async (_tx, tab) => {
      if (tab.items.length === 0 && tip !== NO_TIP) {
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
      return { reason: "TIP_CHANGED", tip, announce: options.announce };
    });
  }

  private editTab(
    sessionId: string,
    edit: (tx: SessionTransaction, tab: TabRecord) => Promise<TabEdit | typeof UNCHANGED>,
  ): Promise<SessionView> {
    return this.bar.inSessionTransaction(sessionId, async (tx) => {
      const before = await tx.currentTab();
      if (before.status === "PAYMENT_PENDING") {
        throw new DomainError("TAB_LOCKED", "A payment is in progress; the tab can change once it finishes.");
      }
      const edited = await edit(tx, before);
      // Nothing to do is not a change: no version, no event.
      if (edited === UNCHANGED) {
        return { id: sessionId, customerName: tx.session.customerName, balanceCents: tx.session.balanceCents, tab: toTabView(before) };
      }
      const {
        reason,
        items = before.items,
        tip = { percent: before.tipPercent, fixedCents: before.tipFixedCents },
        announce = false,
      } = edited;
      // An emptied tab keeps no tip: there is nothing left to thank for.
      const tipSetting = items.length === 0 ? NO_TIP : tip;
      const totals = priceTab(items, tipSetting);
      const neededCents = totals.totalCents - before.totalCents;
      const balanceCents = tx.session.balanceCents - neededCents;
      if (balanceCents < 0) {
        throw new DomainError(
          "INSUFFICIENT_FUNDS",
          `That comes to ${formatCents(neededCents)}, but the balance is ${formatCents(tx.session.balanceCents)}.`,
          { balanceCents: tx.session.balanceCents, neededCents },
        );
      }
      const version = before.version + 1;
      await tx.updateTab(before.id, {
        ...totals,
        tipPercent: tipSetting.percent,
        tipFixedCents: tipSetting.fixedCents,
        version,
      });
      if (neededCents !== 0) await tx.setBalance(balanceCents);
      const tab = toTabView({ ...before, items, ...totals, tipPercent: tipSetting.percent, version });
      // The event carries only what Maya says through it; a turn's reply speaks for itself.
      const message = announce && reason === "TIP_CHANGED" ? tipMessage(tab.tipPercent, tab.tipCents) : null;
      await tx.recordChange({ sessionId, reason, balanceCents, tab, payment: null, message });
      if (message) await tx.appendMayaMessage(message);
      return { id: sessionId, customerName: tx.session.customerName, balanceCents, tab };
    });
  }
}

/** Lines with the same drink and modifiers merge (modifiers are canonical and sorted). */
function lineKey(menuItemId: string, modifiers: readonly string[]): string {
  return `${menuItemId}|${modifiers.join("|")}`;
}

function withQuantity(line: TabLineView, quantity: number): TabLineView {
  return { ...line, quantity, lineTotalCents: quantity * line.unitPriceCents };
}

function requireLine(tab: TabRecord, lineId: string) {
  const line = tab.items.find((item) => item.id === lineId);
  if (!line) throw notFound("That item is not on the current tab.", { tabItemId: lineId });
  return line;
}

function assertLineQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY_PER_LINE) {
    throw badInput(`A tab line can hold 1 to ${MAX_QUANTITY_PER_LINE} drinks.`, { reason: "QUANTITY_OUT_OF_RANGE", quantity });
  }
}

/** What Maya says when the tip changes; the overlay shows it and speaks it. */
export function tipMessage(tipPercent: number | null, tipCents: number): string {
  if (tipCents === 0) return "No problem at all, I've taken the tip off.";
  if (tipPercent !== null) return `Thank you! A ${tipPercent}% tip of ${formatCents(tipCents)} is on the tab.`;
  return `Thank you! A tip of ${formatCents(tipCents)} is on the tab.`;
}
