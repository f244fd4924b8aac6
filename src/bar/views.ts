/**
 * What the bar shows to the outside (GraphQL, the conversation, events):
 * plain, serialisable snapshots in integer cents.
 */
import type { PaymentStatus, ProviderName } from "../payments/payment-provider.js";

export type TabStatus = "OPEN" | "PAYMENT_PENDING" | "PAID";

export interface TabLineView {
  id: string;
  menuItemId: string;
  quantity: number;
  modifiers: string[];
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface TabView {
  id: string;
  status: TabStatus;
  items: TabLineView[];
  subtotalCents: number;
  tipPercent: number | null;
  tipCents: number;
  totalCents: number;
  version: number;
}

export interface SessionView {
  id: string;
  customerName: string | null;
  balanceCents: number;
  tab: TabView;
}

export interface PaymentView {
  id: string;
  status: PaymentStatus;
  amountCents: number;
  tipCents: number;
  provider: ProviderName;
  checkoutUrl: string | null;
  failureReason: string | null;
  idempotencyKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export type TabEventReason =
  | "ITEM_ADDED"
  | "ITEM_REMOVED"
  | "TIP_CHANGED"
  | "PAYMENT_PENDING"
  | "PAYMENT_FAILED"
  | "PAID"
  /** Not a change: the session as it stood when a subscription asked for a snapshot. */
  | "SNAPSHOT";

/** One change to a session's tab or balance, as every subscriber receives it. */
export interface TabChange {
  sessionId: string;
  reason: TabEventReason;
  balanceCents: number;
  /** The session's current tab after the change; after PAID, the new empty tab. */
  tab: TabView;
  payment: PaymentView | null;
  message: string | null;
}
