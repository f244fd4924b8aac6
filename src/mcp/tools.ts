/**
 * The bar's MCP tools for one guest. Each goes through the same service as
 * its GraphQL mutation (same money rules, transactions, events and limits)
 * and answers with structured content plus a short sentence; a refusal is
 * mapped in refusals.ts.
 */
import type { OutageReporter } from "../db/availability.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { Menu } from "../bar/menu.service.js";
import { formatCents } from "../bar/money.js";
import { tipMessage, type TabService } from "../bar/tab.service.js";
import type { SessionView, TabLineView } from "../bar/views.js";
import type { TurnResult } from "../conversation/conversation.service.js";
import { drinkPhrase, listJoin } from "../conversation/replies.js";
import { badInput, forbidden, notFound } from "../errors.js";
import type { Logger } from "../logger.js";
import type { PaymentService } from "../payments/payment.service.js";
import { OVERLAY_READS_ONLY } from "../sessions/session.service.js";
import { resolveDrink } from "./drinks.js";
import { refusalOf, type ToolOutcome } from "./refusals.js";
import {
  guestMoneyOf,
  menuOutput,
  menuOutputOf,
  orderInput,
  orderOutput,
  paymentOutput,
  paymentOutputOf,
  paymentStatusInput,
  removeInput,
  removeOutput,
  sayInput,
  sayOutput,
  tabOutput,
  tipInput,
  tipOutput,
  type PaymentOutput,
} from "./schemas.js";

export const TOOL_NAMES = ["get_menu", "order_drinks", "remove_from_tab", "get_tab", "set_tip", "pay_tab", "payment_status", "say"] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** The services the tools act through: the very ones GraphQL uses. */
export interface BarServices {
  menu: Menu;
  tabs: TabService;
  payments: PaymentService;
  /** The conversation turn runner GraphQL's `say` uses (under the session's lock). */
  turns: { run(sessionId: string, text: string): Promise<TurnResult> };
  /** Tells a failure that is the database being away (answered as UNAVAILABLE, logged once as the outage). */
  outages?: OutageReporter;
}

export interface ToolMeter {
  /** One call that reached its handler; `requestId` lets the transport tell it from calls refused before. */
  called(tool: ToolName, outcome: ToolOutcome, requestId: string | number): void;
}

type Shape = z.ZodRawShape;
type Out<S extends Shape> = z.infer<z.ZodObject<S>>;

interface Answer<S extends Shape> {
  structured: Out<S>;
  text: string;
}

/** What an overlay token may call: what `me` shows (the menu is anyone's). */
const OVERLAY_TOOLS: ReadonlySet<ToolName> = new Set(["get_menu", "get_tab"]);

export function registerBarTools(
  server: McpServer,
  sessionId: string,
  bar: BarServices,
  meter: ToolMeter,
  log: Logger,
  access: { readOnly: boolean },
): void {
  const { menu, tabs, payments } = bar;

  const register = <I extends Shape, O extends Shape>(
    name: ToolName,
    config: { title: string; description: string; inputSchema: I; outputSchema: O; readOnly: boolean },
    run: (args: Out<I>) => Promise<Answer<O>>,
  ) => {
    const handler = async (args: Out<I>, extra: { requestId: string | number }): Promise<CallToolResult> => {
      try {
        if (access.readOnly && !OVERLAY_TOOLS.has(name)) throw forbidden(OVERLAY_READS_ONLY);
        const answer = await run(args);
        meter.called(name, "success", extra.requestId);
        return { content: [{ type: "text", text: answer.text }], structuredContent: answer.structured };
      } catch (error) {
        const { result, outcome } = await refusalOf(
          error,
          { pendingCheckoutUrl: () => pendingCheckoutUrl(payments, sessionId), ...(bar.outages ? { outages: bar.outages } : {}) },
          log,
        );
        meter.called(name, outcome, extra.requestId);
        return result;
      }
    };
    server.registerTool(
      name,
      {
        title: config.title,
        description: config.description,
        inputSchema: config.inputSchema,
        outputSchema: config.outputSchema,
        annotations: { readOnlyHint: config.readOnly, openWorldHint: false, idempotentHint: config.readOnly },
      },
      handler as never,
    );
  };

  register(
    "get_menu",
    { title: "Read the menu", description: "Every drink Maya pours, with prices in cents and the modifiers each accepts.", inputSchema: {}, outputSchema: menuOutput, readOnly: true },
    async () => ({ structured: menuOutputOf(menu), text: renderMenu(menu) }),
  );

  register(
    "order_drinks",
    {
      title: "Order drinks",
      description:
        "Put drinks on the guest's tab; their price moves from the balance to the tab. All of them land, or none (an unknown drink, a quantity out of range or a balance too short changes nothing).",
      inputSchema: orderInput,
      outputSchema: orderOutput,
      readOnly: false,
    },
    async ({ items }) => {
      const orders = items.map(({ drink, quantity = 1, modifiers = [] }) => {
        const { item, impliedModifiers } = resolveDrink(menu, drink);
        return { item, quantity, modifiers: [...new Set([...impliedModifiers, ...modifiers])] };
      });
      const after = await tabs.addItems(
        sessionId,
        orders.map(({ item, quantity, modifiers }) => ({ menuItemId: item.id, quantity, modifiers })),
      );
      const ordered = orders.map(({ item, quantity, modifiers }) => ({ drink: item.id, name: item.name, quantity, modifiers }));
      const said = listJoin(orders.map(({ item, quantity, modifiers }) => drinkPhrase(item, quantity, modifiers)));
      return { structured: { ordered, ...guestMoneyOf(after, menu) }, text: `Added ${said}. ${renderMoney(after, menu)}` };
    },
  );

  register(
    "remove_from_tab",
    {
      title: "Take drinks off the tab",
      description:
        "Take a drink off the tab (by name or menu id, or one line by lineId), all of it or `quantity` of it; its price goes back to the balance.",
      inputSchema: removeInput,
      outputSchema: removeOutput,
      readOnly: false,
    },
    async ({ drink, lineId, quantity }) => {
      if ((drink === undefined) === (lineId === undefined)) {
        throw badInput("Say which drink to take off: a drink or a lineId, one of the two.", { reason: "REMOVE_TARGET" });
      }
      let removed: { lineId: string; drink: string; name: string; quantity: number }[] = [];
      let said = "";
      // Decided on the tab as it is when the change applies: a turn landing meanwhile is never undone.
      const after = await tabs.editLinesFrom(sessionId, ({ tab }) => {
        const lines = lineId !== undefined ? linesById(tab.items, lineId) : linesOfDrink(tab.items, menu, drink as string);
        const onTab = lines.reduce((sum, line) => sum + line.quantity, 0);
        const menuItemId = (lines[0] as TabLineView).menuItemId;
        const take = quantity ?? onTab;
        if (take > onTab) {
          throw badInput(`There ${onTab === 1 ? "is" : "are"} only ${drinkWords(menu, menuItemId, onTab)} on the tab.`, {
            reason: "QUANTITY_OUT_OF_RANGE",
          });
        }
        // The most recently added first, as a bartender would take back the last one poured.
        const set: { lineId: string; quantity: number }[] = [];
        removed = [];
        let left = take;
        for (const line of [...lines].reverse()) {
          if (left === 0) break;
          const taken = Math.min(left, line.quantity);
          set.push({ lineId: line.id, quantity: line.quantity - taken });
          removed.push({ lineId: line.id, drink: menuItemId, name: menu.find(menuItemId)?.name ?? menuItemId, quantity: taken });
          left -= taken;
        }
        said = drinkWords(menu, menuItemId, take);
        return { set, add: [] };
      });
      return { structured: { removed, ...guestMoneyOf(after, menu) }, text: `Took ${said} off. ${renderMoney(after, menu)}` };
    },
  );

  register(
    "get_tab",
    { title: "Read the tab", description: "The guest's open tab (lines, subtotal, tip, total, version) and balance.", inputSchema: {}, outputSchema: tabOutput, readOnly: true },
    async () => {
      const session = await tabs.snapshot(sessionId);
      return { structured: guestMoneyOf(session, menu), text: renderMoney(session, menu) };
    },
  );

  register(
    "set_tip",
    {
      title: "Set the tip",
      description:
        "Tip by percent of the subtotal (0-100, follows the subtotal) or by a fixed amount in cents (at most the subtotal); 0 removes it. The tip is reserved from the balance and charged with the tab.",
      inputSchema: tipInput,
      outputSchema: tipOutput,
      readOnly: false,
    },
    async ({ percent, amountCents }) => {
      if (percent === undefined && amountCents === undefined) {
        throw badInput("Say how much to tip: a percent (0 to 100) or an amount in cents.", { reason: "TIP_OUT_OF_RANGE" });
      }
      // Announced, as a tip button is: the guest's overlay shows and speaks Maya's thanks.
      const after = await tabs.setTip(sessionId, { percent: percent ?? null, amountCents: amountCents ?? null }, { announce: true });
      const message = tipMessage(after.tab.tipPercent, after.tab.tipCents);
      return { structured: { ...guestMoneyOf(after, menu), message }, text: `${message} ${renderMoney(after, menu)}` };
    },
  );

  register(
    "pay_tab",
    {
      title: "Pay the tab",
      description:
        "Start paying the open tab and get the checkout link for the guest. While a payment is pending the tab is locked; calling again returns the same payment.",
      inputSchema: {},
      outputSchema: paymentOutput,
      readOnly: false,
    },
    async () => {
      const payment = paymentOutputOf(await payments.checkout(sessionId));
      return { structured: { payment }, text: renderPayment(payment) };
    },
  );

  register(
    "payment_status",
    {
      title: "Check a payment",
      description: "Whether a payment went through: PENDING, SUCCEEDED, FAILED, EXPIRED or CANCELED (the latest payment when paymentId is left out).",
      inputSchema: paymentStatusInput,
      outputSchema: paymentOutput,
      readOnly: true,
    },
    async ({ paymentId }) => {
      const attempt =
        paymentId !== undefined
          ? await payments.payment(sessionId, paymentId)
          : await payments.latest(sessionId);
      if (!attempt) {
        throw paymentId !== undefined
          ? notFound("No such payment for this session.", { paymentId })
          : notFound("There's no payment yet: pay_tab starts one.");
      }
      const payment = paymentOutputOf(attempt);
      return { structured: { payment }, text: renderPayment(payment) };
    },
  );

  register(
    "say",
    {
      title: "Talk to Maya",
      description:
        "One thing the guest says to Maya, as typed or spoken (orders, questions, tips, paying...). Returns her reply, the same words for speech, and the intent she understood.",
      inputSchema: sayInput,
      outputSchema: sayOutput,
      readOnly: false,
    },
    async ({ text }) => {
      const turn = await bar.turns.run(sessionId, text);
      return {
        structured: { reply: turn.text, speech: turn.speech, intent: turn.intent, paymentId: turn.paymentId, ...guestMoneyOf(turn.session, menu) },
        text: turn.text,
      };
    },
  );
}

function linesById(items: readonly TabLineView[], lineId: string): TabLineView[] {
  const line = items.find((candidate) => candidate.id === lineId);
  if (!line) throw notFound("That item is not on the current tab.", { tabItemId: lineId });
  return [line];
}

function linesOfDrink(items: readonly TabLineView[], menu: Menu, drink: string): TabLineView[] {
  const { item } = resolveDrink(menu, drink);
  const lines = items.filter((line) => line.menuItemId === item.id);
  if (lines.length === 0) throw notFound(`There's no ${item.name} on the tab.`, { menuItemId: item.id });
  return lines;
}

async function pendingCheckoutUrl(payments: PaymentService, sessionId: string): Promise<string | null> {
  const latest = await payments.latest(sessionId);
  return latest?.status === "PENDING" ? latest.checkoutUrl : null;
}

/** "two Martinis", "a Whiskey on the rocks"; a drink no longer on the menu by its id. */
function drinkWords(menu: Menu, menuItemId: string, quantity: number, modifiers: readonly string[] = []): string {
  const item = menu.find(menuItemId);
  return item ? drinkPhrase(item, quantity, modifiers) : `${quantity} × ${menuItemId}`;
}

const CATEGORY_NAMES: Readonly<Record<string, string>> = {
  COCKTAIL: "Cocktails",
  BEER: "Beer",
  SPIRIT: "Spirits",
  NON_ALCOHOLIC: "Without alcohol",
};

function renderMenu(menu: Menu): string {
  const byCategory = new Map<string, string[]>();
  for (const item of menu.items) {
    const names = byCategory.get(item.category) ?? [];
    names.push(`${item.name} ${formatCents(item.priceCents)}`);
    byCategory.set(item.category, names);
  }
  return [...byCategory].map(([category, names]) => `${CATEGORY_NAMES[category] ?? category}: ${names.join(", ")}.`).join("\n");
}

/** "On the tab: two Martinis. Subtotal $26.00, tip $3.90 (15%), total $29.90. Balance $970.10." */
function renderMoney(session: Pick<SessionView, "balanceCents" | "tab">, menu: Menu): string {
  const { tab } = session;
  const balance = `Balance ${formatCents(session.balanceCents)}.`;
  if (tab.items.length === 0) return `The tab is empty. ${balance}`;
  const drinks = listJoin(tab.items.map((line) => drinkWords(menu, line.menuItemId, line.quantity, line.modifiers)));
  const tip = tab.tipCents > 0 ? `, tip ${formatCents(tab.tipCents)}${tab.tipPercent !== null ? ` (${tab.tipPercent}%)` : ""}` : "";
  const locked = tab.status === "PAYMENT_PENDING" ? " A payment is pending." : "";
  return `On the tab: ${drinks}. Subtotal ${formatCents(tab.subtotalCents)}${tip}, total ${formatCents(tab.totalCents)}. ${balance}${locked}`;
}

function renderPayment(payment: PaymentOutput): string {
  const amount = formatCents(payment.amountCents);
  switch (payment.status) {
    case "PENDING":
      return payment.checkoutUrl
        ? `${amount} to pay at ${payment.checkoutUrl}${payment.provider === "mock" ? " (a test checkout: card 4242 4242 4242 4242 pays)" : ""}.`
        : `The payment of ${amount} is being set up; ask again in a moment.`;
    case "SUCCEEDED":
      return `The payment of ${amount} went through. Thank you!`;
    default:
      return `The payment of ${amount} didn't go through${payment.failureReason ? `: ${payment.failureReason}` : "."} The tab is still open.`;
  }
}
