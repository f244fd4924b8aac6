/**
 * Pouring: an order, or the question it needs first (which drink, which
 * serving, a modifier the drink does not take, a drink the bar does not
 * have, a quantity it does not pour). Only a settled order reaches the tab,
 * in one BarPort call. "Another one" and "same again" pour the last order again.
 */
import type { BarPort, OrderLine } from "../bar-port.js";
import type { DialogueState } from "../dialogue-state.js";
import { draftProblem, openQuestion, toOrderLines, withoutProblem, type DraftLine } from "../drafts.js";
import { closestItems } from "../menu-matcher.js";
import { isModifier } from "../modifiers.js";
import { quantityRefusal } from "../refusals.js";
import type { Act, ActTools, Outcome } from "./act.js";
import { offer } from "./offer.js";
import { changeTab, refuse } from "./tab.js";

/**
 * An order, or the question it needs first. While a payment is pending the tab is locked, so
 * Maya says so at once rather than asking a question whose answer she would have to refuse.
 */
export async function pour(drafts: DraftLine[], unknown: readonly string[], bar: BarPort, tools: ActTools): Promise<Outcome> {
  const outcome = await orderOrAsk(drafts, unknown, bar, tools);
  if (outcome.pending?.kind === "ORDER") {
    const session = await bar.snapshot(tools.sessionId);
    if (session.tab.status === "PAYMENT_PENDING") return { text: tools.replies.refused({ reason: "TAB_LOCKED" }), session };
  }
  return outcome;
}

async function orderOrAsk(drafts: DraftLine[], unknown: readonly string[], bar: BarPort, tools: ActTools): Promise<Outcome> {
  const { index, replies } = tools;
  const [missing] = unknown;
  if (missing !== undefined) {
    const closest = closestItems(missing, index, 2);
    if (drafts.length > 0) {
      return { text: replies.unknownDrink(missing, closest, drafts), pending: { kind: "ORDER", drafts, confirm: true } };
    }
    return { text: replies.unknownDrink(missing, closest), pending: offer(closest.map((item) => item.id)) };
  }
  for (const draft of drafts) {
    const refusal = quantityRefusal(draft.quantity);
    if (refusal) return refuse(refusal, bar, tools);
  }
  const question = openQuestion(drafts, index);
  if (question?.kind === "WHICH_ITEM") {
    return { text: replies.askWhich(question), pending: { kind: "ORDER", drafts, confirm: false } };
  }
  const problem = draftProblem(drafts, index);
  if (problem) {
    const fixed = withoutProblem(drafts, problem);
    const next = openQuestion(fixed, index);
    return { text: replies.modifierRefused(problem, next), pending: { kind: "ORDER", drafts: fixed, confirm: next === null } };
  }
  if (question?.kind === "SERVING") {
    return { text: replies.askServing(question), pending: { kind: "ORDER", drafts, confirm: false } };
  }
  const lines = toOrderLines(drafts, index);
  if (!lines || lines.length === 0) return { text: replies.unknown() };
  const added = await changeTab(bar, tools, { set: [], add: lines });
  if (!added.ok) return added.outcome;
  const last = lines[lines.length - 1] as OrderLine;
  return {
    text: replies.ordered(lines, added.session),
    session: added.session,
    lastOrder: lines,
    focusItemId: last.menuItemId,
    change: added.change,
  };
}

export const order: Act<"ORDER"> = (understanding, _state, bar, tools) => pour(understanding.drafts, understanding.unknown, bar, tools);

/** Drafts that pour these lines again exactly as they were poured. */
export const draftsOf = (lines: readonly OrderLine[]): DraftLine[] =>
  lines.map((line) => ({
    candidates: [line.menuItemId],
    category: null,
    quantity: line.quantity,
    modifiers: line.modifiers.filter(isModifier),
    softModifiers: [],
  }));

export const repeatOrder: Act<"REPEAT_ORDER"> = (understanding, state: DialogueState, bar, tools) => {
  const known = state.lastOrder.filter((line) => tools.index.byId.has(line.menuItemId));
  const last = known[known.length - 1];
  if (!last) return { text: tools.replies.nothingToRepeat() };
  const lines = understanding.scope === "ORDER" ? known : [{ ...last, quantity: understanding.quantity ?? 1 }];
  return pour(draftsOf(lines), [], bar, tools);
};
