/**
 * What the conversation needs from the bar. Implemented in the composition
 * root by the same services the GraphQL mutations use, so a turn obeys the
 * same money rules, transactions and events as a direct mutation.
 *
 * Every method may throw a DomainError (src/errors.ts); the conversation turns
 * those into words. Codes and details it can rely on:
 * - INSUFFICIENT_FUNDS: details { balanceCents, neededCents }
 * - TAB_LOCKED: a payment is pending
 * - NOT_FOUND: unknown tab line or menu item
 * - BAD_USER_INPUT: details { reason } e.g. modifier not accepted:
 *   { reason: "MODIFIER_NOT_ACCEPTED", menuItemId, modifier },
 *   { reason: "CONFLICTING_MODIFIERS", modifiers }, { reason: "EMPTY_TAB" },
 *   { reason: "QUANTITY_OUT_OF_RANGE" }, { reason: "TIP_OUT_OF_RANGE" }
 * - PAYMENT_PROVIDER_UNAVAILABLE: the card reader is down
 */
import type { MenuItem } from "../bar/menu-catalog.js";
import type { PaymentView, SessionView } from "../bar/views.js";

export type { PaymentView, SessionView, TabLineView, TabStatus, TabView } from "../bar/views.js";

export interface OrderLine {
  menuItemId: string;
  quantity: number;
  modifiers: string[];
}

export interface LineQuantity {
  tabItemId: string;
  quantity: number;
}

export type TipChoice = { percent: number } | { amountCents: number } | { none: true };

export interface BarPort {
  menu(): readonly MenuItem[];
  snapshot(sessionId: string): Promise<SessionView>;
  /** All lines in one transaction: either every line lands or none does. */
  addItems(sessionId: string, lines: OrderLine[]): Promise<SessionView>;
  /** New quantities for some lines (0 removes one), all in one transaction: all apply or none. */
  setLineQuantities(sessionId: string, changes: readonly LineQuantity[]): Promise<SessionView>;
  /**
   * New quantities for some lines (0 removes one) and new lines, in one transaction: one version,
   * one event, all or nothing. A replace ("make that a martini") or an undo is one edit.
   */
  editLines(sessionId: string, edit: { set: readonly LineQuantity[]; add: readonly OrderLine[] }): Promise<SessionView>;
  setTip(sessionId: string, tip: TipChoice): Promise<SessionView>;
  /** Starts paying (or returns the pending attempt). */
  checkout(sessionId: string): Promise<PaymentView>;
  /** The session's most recent payment attempt, if any. */
  latestPayment(sessionId: string): Promise<PaymentView | null>;
}

/**
 * One turn's view of the bar and of the conversation's memory. Changes made
 * through `bar` are held, and `commit` stores them together with the turn's
 * transcript and new memory, all at once or not at all: a turn that fails
 * leaves nothing behind, and no change is ever without its transcript.
 */
export interface OpenTurn {
  /** The conversation's memory as stored (validated by the conversation). */
  readonly storedState: unknown | null;
  readonly bar: BarPort;
  /** Words about the held changes the guest must hear besides the reply (a tip re-capped), or null. */
  notes(): string | null;
  /**
   * Stores the turn. False when the session changed meanwhile (another instance, a payment):
   * nothing was stored, and the turn must be understood again on a fresh `begin`.
   */
  commit(turn: { utterance: string; reply: string; state: unknown }): Promise<boolean>;
}

export interface ConversationBackend {
  menu(): readonly MenuItem[];
  begin(sessionId: string): Promise<OpenTurn>;
}

/** Thrown from a turn's bar when the session changed under it; the turn is run again. */
export class TurnConflict extends Error {
  constructor() {
    super("The session changed during the turn.");
    this.name = "TurnConflict";
  }
}
