/**
 * What each MCP tool takes and returns, as zod shapes (the SDK publishes them
 * as JSON Schema and validates calls against them), and the bar's views in
 * that shape. Bounds come from the services' own limits, so the schema tells
 * an agent the same rules the services enforce; the services check again.
 */
import { z } from "zod";
import { MODIFIERS } from "../bar/menu-catalog.js";
import type { Menu } from "../bar/menu.service.js";
import { MAX_QUANTITY_PER_LINE, MAX_QUANTITY_PER_ORDER, MAX_TIP_PERCENT } from "../bar/tab-pricing.js";
import type { PaymentView, SessionView, TabView } from "../bar/views.js";
import { MAX_UTTERANCE_LENGTH } from "../conversation/conversation.service.js";

/** One order's lines at most (a round for a table, not a warehouse). */
export const MAX_ORDER_LINES = 10;
const MAX_NAME_CHARS = 100;
const MAX_MODIFIERS = 8;
const MAX_MODIFIER_CHARS = 40;

const cents = z.number().int();
const quantityWords = (max: number) => `Quantity must be a whole number from 1 to ${max}.`;
const quantity = (max: number) =>
  z
    .number({ error: quantityWords(max) })
    .int({ error: quantityWords(max) })
    .min(1, { error: quantityWords(max) })
    .max(max, { error: quantityWords(max) });
/** A drink as a menu id or as a guest would say it. */
const drinkName = z
  .string()
  .min(1, { error: "Name a drink." })
  .max(MAX_NAME_CHARS, { error: `A drink's name is at most ${MAX_NAME_CHARS} characters.` });

// --- Inputs

export const orderInput = {
  items: z
    .array(
      z.object({
        drink: drinkName.describe('A menu id ("martini", "long-island") or the drink as a guest would say it ("dry martini", "bourbon").'),
        quantity: quantity(MAX_QUANTITY_PER_ORDER).optional().describe("How many; 1 when left out."),
        modifiers: z
          .array(z.string().max(MAX_MODIFIER_CHARS, { error: "That modifier is too long to be one the bar knows." }))
          .max(MAX_MODIFIERS, { error: `At most ${MAX_MODIFIERS} modifiers on one drink.` })
          .optional()
          .describe(`How it is served: ${MODIFIERS.join(", ")}. The drink must accept each one (a neat IPA is refused).`),
      }),
    )
    .min(1, { error: "Nothing to add: name at least one drink." })
    .max(MAX_ORDER_LINES, { error: `At most ${MAX_ORDER_LINES} different drinks in one order.` })
    .describe("The drinks to add, all in one go: every one of them lands on the tab, or none does."),
};

export const removeInput = {
  drink: drinkName.optional().describe("The drink to take off, by menu id or name (every line of it unless quantity is given)."),
  lineId: z.string().max(MAX_NAME_CHARS).optional().describe("One tab line's id (from get_tab), instead of drink."),
  quantity: quantity(MAX_QUANTITY_PER_LINE).optional().describe("How many to take off; all of them when left out."),
};

export const tipInput = {
  percent: z
    .number()
    .int({ error: `A tip percent must be a whole number from 0 to ${MAX_TIP_PERCENT}.` })
    .min(0, { error: `A tip percent must be a whole number from 0 to ${MAX_TIP_PERCENT}.` })
    .max(MAX_TIP_PERCENT, { error: `A tip percent must be a whole number from 0 to ${MAX_TIP_PERCENT}.` })
    .optional()
    .describe("A percentage of the subtotal that follows it as drinks change; 0 removes the tip."),
  amountCents: z
    .number()
    .int({ error: "A tip amount must be a whole, non-negative number of cents." })
    .min(0, { error: "A tip amount must be a whole, non-negative number of cents." })
    .optional()
    .describe("A fixed tip in cents, at most the subtotal; 0 removes the tip. Give percent or amountCents, not both."),
};

export const paymentStatusInput = {
  paymentId: z.string().max(MAX_NAME_CHARS).optional().describe("A payment's id (from pay_tab); the latest payment when left out."),
};

/**
 * What the guest says is cleaned and measured by the conversation itself, as for GraphQL's `say`
 * (control characters dropped, then at most 500 characters): one rule on every way in, so it is
 * only advertised here (the request body's own limit bounds what arrives).
 */
export const sayInput = {
  text: z
    .string()
    .meta({ maxLength: MAX_UTTERANCE_LENGTH })
    .describe(`What the guest says to Maya, at most ${MAX_UTTERANCE_LENGTH} characters.`),
};

// --- Outputs

const tabLineShape = z.object({
  lineId: z.string(),
  drink: z.string().describe("The menu id."),
  name: z.string(),
  quantity: z.number().int(),
  modifiers: z.array(z.string()),
  unitPriceCents: cents,
  lineTotalCents: cents,
});

const tabShape = z.object({
  id: z.string(),
  status: z.enum(["OPEN", "PAYMENT_PENDING", "PAID"]),
  items: z.array(tabLineShape),
  subtotalCents: cents,
  tipPercent: z.number().int().nullable(),
  tipCents: cents,
  totalCents: cents,
  version: z.number().int().describe("Goes up by one with every change to the tab."),
});

const paymentShape = z.object({
  paymentId: z.string(),
  status: z.enum(["PENDING", "SUCCEEDED", "FAILED", "EXPIRED", "CANCELED"]),
  amountCents: cents,
  tipCents: cents,
  provider: z.string(),
  checkoutUrl: z.string().nullable().describe("Where the guest pays (a hosted checkout page)."),
  failureReason: z.string().nullable(),
});

const menuItemShape = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(["COCKTAIL", "BEER", "SPIRIT", "NON_ALCOHOLIC"]),
  priceCents: cents,
  description: z.string(),
  modifiers: z.array(z.string()).describe("The modifiers this drink accepts."),
  servingChoices: z.array(z.string()).describe("A choice to make when ordering (a spirit: neat or on the rocks)."),
});

/** The guest's money after a change: what is left to spend and the open tab. */
const guestMoney = { balanceCents: cents, tab: tabShape };

export const menuOutput = { items: z.array(menuItemShape) };
export const tabOutput = guestMoney;
export const orderOutput = {
  ordered: z.array(z.object({ drink: z.string(), name: z.string(), quantity: z.number().int(), modifiers: z.array(z.string()) })),
  ...guestMoney,
};
export const removeOutput = {
  removed: z.array(z.object({ lineId: z.string(), drink: z.string(), name: z.string(), quantity: z.number().int() })),
  ...guestMoney,
};
export const tipOutput = { ...guestMoney, message: z.string() };
export const paymentOutput = { payment: paymentShape };
export const sayOutput = {
  reply: z.string().describe("What Maya says, for display."),
  speech: z.string().describe("The same words prepared for a speech synthesizer."),
  intent: z.string().describe("What Maya understood (ORDER, TIP, PAY, ...)."),
  paymentId: z.string().nullable(),
  ...guestMoney,
};

export type TabOutput = z.infer<typeof tabShape>;
export type PaymentOutput = z.infer<typeof paymentShape>;

// --- Views in these shapes

export function tabOutputOf(tab: TabView, menu: Menu): TabOutput {
  return {
    id: tab.id,
    status: tab.status,
    items: tab.items.map((line) => ({
      lineId: line.id,
      drink: line.menuItemId,
      name: menu.find(line.menuItemId)?.name ?? line.menuItemId,
      quantity: line.quantity,
      modifiers: line.modifiers,
      unitPriceCents: line.unitPriceCents,
      lineTotalCents: line.lineTotalCents,
    })),
    subtotalCents: tab.subtotalCents,
    tipPercent: tab.tipPercent,
    tipCents: tab.tipCents,
    totalCents: tab.totalCents,
    version: tab.version,
  };
}

export function guestMoneyOf(session: Pick<SessionView, "balanceCents" | "tab">, menu: Menu) {
  return { balanceCents: session.balanceCents, tab: tabOutputOf(session.tab, menu) };
}

export function paymentOutputOf(payment: Pick<PaymentView, "id" | "status" | "amountCents" | "tipCents" | "provider" | "checkoutUrl" | "failureReason">): PaymentOutput {
  return {
    paymentId: payment.id,
    status: payment.status,
    amountCents: payment.amountCents,
    tipCents: payment.tipCents,
    provider: payment.provider,
    checkoutUrl: payment.checkoutUrl,
    failureReason: payment.failureReason,
  };
}

export function menuOutputOf(menu: Menu) {
  return {
    items: menu.items.map((item) => ({
      id: item.id,
      name: item.name,
      category: item.category,
      priceCents: item.priceCents,
      description: item.description,
      modifiers: [...item.modifiers],
      servingChoices: [...item.servingChoices],
    })),
  };
}
