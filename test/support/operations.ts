/** GraphQL documents the API tests share (the contract's operations, as a client writes them). */
import { TAB_FIELDS } from "./maya.js";

export const PAYMENT_FIELDS = `id status amountCents tipCents provider checkoutUrl idempotencyKey failureReason createdAt updatedAt`;

export const ME_FULL = `{ me { id customerName balanceCents tab { ${TAB_FIELDS} } transcript(last: 200) { id speaker text } } }`;

export const ADD = `mutation Add($item: ID!, $quantity: Int! = 1, $modifiers: [String!]! = []) {
  addToTab(menuItemId: $item, quantity: $quantity, modifiers: $modifiers) { ${TAB_FIELDS} } }`;
export const REMOVE = `mutation Remove($line: ID!) { removeFromTab(tabItemId: $line) { ${TAB_FIELDS} } }`;
export const SET_TIP = `mutation Tip($percent: Int, $amount: Int) { setTip(percent: $percent, amountCents: $amount) { ${TAB_FIELDS} } }`;
export const CHECKOUT = `mutation { checkout { ${PAYMENT_FIELDS} } }`;
export const SIMULATE = `mutation Pay($id: ID!, $card: String!) { simulatePayment(paymentId: $id, card: $card) { ${PAYMENT_FIELDS} } }`;
export const PAYMENT = `query Payment($id: ID!) { payment(id: $id) { ${PAYMENT_FIELDS} } }`;
export const SAY = `mutation Say($text: String!) { say(text: $text) { text intent session { balanceCents tab { version totalCents } } } }`;
export const MENU = `{ menu { id name category priceCents description modifiers } }`;

export const CARD_OK = "4242424242424242";
export const CARD_DECLINED = "4000000000000002";

/** A tab line as TAB_FIELDS selects it. */
export interface TabLineShape {
  id: string;
  quantity: number;
  modifiers: string[];
  unitPriceCents: number;
  lineTotalCents: number;
  menuItem: { id: string; name: string };
}

/** A tab as TAB_FIELDS selects it. */
export interface TabShape {
  id: string;
  status: "OPEN" | "PAYMENT_PENDING" | "PAID";
  subtotalCents: number;
  tipPercent: number | null;
  tipCents: number;
  totalCents: number;
  version: number;
  items: TabLineShape[];
}

/** A payment attempt as PAYMENT_FIELDS selects it (the timestamps left untyped). */
export interface PaymentShape {
  id: string;
  status: "PENDING" | "SUCCEEDED" | "FAILED" | "EXPIRED" | "CANCELED";
  amountCents: number;
  tipCents: number;
  provider: string;
  checkoutUrl: string | null;
  idempotencyKey: string;
  failureReason: string | null;
}

export interface MeShape {
  me: { id: string; customerName: string | null; balanceCents: number; tab: TabShape; transcript: { id: string; speaker: string; text: string }[] };
}
