/**
 * Ordering, removing and tipping, as the GraphQL mutations (and MCP) ask for
 * them. Input is validated and priced from the menu before anything else;
 * the edit itself is planned by tab-edits.ts and applied in one round trip by
 * SessionChanges, all of it or nothing, with one version and one event.
 */
import { randomUUID } from "node:crypto";
import { badInput } from "../errors.js";
import type { Menu } from "./menu.service.js";
import { formatCents } from "./money.js";
import type { SessionChanges } from "./session-changes.js";
import { toSessionView, type SessionState } from "./session-state.js";
import { planLineEdit, planTipEdit, priceOrders, type LineEdit, type OrderRequest, type TabNotice } from "./tab-edits.js";
import { tipSettingFrom } from "./tab-pricing.js";
import type { SessionView } from "./views.js";

export type { OrderRequest } from "./tab-edits.js";

export interface TipRequest {
  percent?: number | null;
  amountCents?: number | null;
}

export interface TipOptions {
  /**
   * Whether Maya thanks the guest in the transcript. A tip set by voice is
   * acknowledged by the conversation's own reply instead.
   */
  announce: boolean;
}

export interface LineQuantityRequest {
  lineId: string;
  quantity: number;
}

export interface LineEditRequest {
  set: readonly LineQuantityRequest[];
  add: readonly OrderRequest[];
}

export class TabService {
  constructor(
    private readonly changes: SessionChanges,
    private readonly menu: Menu,
  ) {}

  /** The session as it is now (a fresh read). */
  async snapshot(sessionId: string): Promise<SessionView> {
    return toSessionView(await this.changes.load(sessionId));
  }

  /** Several lines in one change: all of them land, or none. */
  addItems(sessionId: string, orders: readonly OrderRequest[]): Promise<SessionView> {
    if (orders.length === 0) throw badInput("Nothing to add.");
    return this.editLines(sessionId, { set: [], add: orders });
  }

  removeLine(sessionId: string, lineId: string): Promise<SessionView> {
    return this.editLines(sessionId, { set: [{ lineId, quantity: 0 }], add: [] });
  }

  /** 0 removes the line. */
  setLineQuantity(sessionId: string, lineId: string, quantity: number): Promise<SessionView> {
    return this.editLines(sessionId, { set: [{ lineId, quantity }], add: [] });
  }

  /** Several lines' new quantities in one change (0 removes a line): all apply, or none. */
  setLineQuantities(sessionId: string, changes: readonly LineQuantityRequest[]): Promise<SessionView> {
    return this.editLines(sessionId, { set: changes, add: [] });
  }

  /**
   * New quantities for some lines (0 removes one) and new drinks, in one change: one version,
   * one event, all or nothing (a replace, an undo, a spoken order).
   */
  editLines(sessionId: string, edit: LineEditRequest): Promise<SessionView> {
    // Priced once, before any read: a drink not on the menu is refused without touching the database.
    const add = priceOrders(edit.add, (id) => this.menu.get(id));
    return this.editPriced(sessionId, () => ({ set: edit.set, add }));
  }

  /**
   * An edit decided from the session as it is when it is applied (a read and a write in one
   * change, e.g. "take two martinis off, the newest first"): `decide` may run more than once,
   * on the latest state each time, and may refuse with a domain error.
   */
  editLinesFrom(sessionId: string, decide: (session: SessionView) => LineEditRequest): Promise<SessionView> {
    return this.editPriced(sessionId, (current) => {
      const edit = decide(toSessionView(current));
      return { set: edit.set, add: priceOrders(edit.add, (id) => this.menu.get(id)) };
    });
  }

  private async editPriced(sessionId: string, decide: (current: SessionState) => LineEdit): Promise<SessionView> {
    const { state } = await this.changes.edit(
      sessionId,
      (current) => planLineEdit(current, decide(current), randomUUID),
      (planned) => noticeWords(planned.notices),
    );
    return toSessionView(state);
  }

  async setTip(sessionId: string, request: TipRequest, options: TipOptions = { announce: true }): Promise<SessionView> {
    const tip = tipSettingFrom(request);
    const { state } = await this.changes.edit(
      sessionId,
      (current) => planTipEdit(current, tip),
      (planned) => (options.announce ? tipMessage(planned.after.tab.tipPercent, planned.after.tab.tipCents) : null),
    );
    return toSessionView(state);
  }
}

/** What Maya says when the tip changes; the overlay shows it and speaks it. */
export function tipMessage(tipPercent: number | null, tipCents: number): string {
  if (tipCents === 0) return "No problem at all, I've taken the tip off.";
  if (tipPercent !== null) return `Thank you! A ${tipPercent}% tip of ${formatCents(tipCents)} is on the tab.`;
  return `Thank you! A tip of ${formatCents(tipCents)} is on the tab.`;
}

/** What the guest hears about an edit besides the edit itself, or null. */
export function noticeWords(notices: readonly TabNotice[]): string | null {
  const words = notices.map((notice) => {
    switch (notice.kind) {
      case "TIP_RECAPPED":
        return `A tip can't be more than the drinks, so your tip is now ${formatCents(notice.tipCents)}.`;
    }
  });
  return words.length > 0 ? words.join(" ") : null;
}

