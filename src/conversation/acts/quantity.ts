/**
 * "Make that three", "make it two negronis", "just one": a new quantity for
 * the last order's drink or for a named drink on the tab, in one BarPort call.
 */
import type { MenuItem } from "../../bar/menu-catalog.js";
import type { BarPort, OrderLine, TabLineView } from "../bar-port.js";
import type { DialogueState, PendingQuestion } from "../dialogue-state.js";
import { quantityRefusal } from "../refusals.js";
import type { Act, ActTools, Outcome } from "./act.js";
import { offer } from "./offer.js";
import { pour } from "./order.js";
import { replace } from "./replace.js";
import { changeTab, linesOf, reductions, refuse } from "./tab.js";

async function applyDelta(
  item: MenuItem,
  newestFirst: readonly TabLineView[],
  delta: number,
  quantity: number,
  lastOrder: OrderLine[] | null,
  bar: BarPort,
  tools: ActTools,
): Promise<Outcome> {
  if (delta === 0) return { text: tools.replies.alreadyThatMany(item, quantity) };
  const newest = newestFirst[0] as TabLineView;
  const changes = delta > 0 ? [{ line: newest, quantity: newest.quantity + delta }] : reductions(newestFirst, -delta);
  const result = await changeTab(bar, tools, { set: changes, add: [] });
  if (!result.ok) return result.outcome;
  const text =
    quantity === 0
      ? tools.replies.removed([{ menuItemId: item.id, quantity: -delta, modifiers: [] }], result.session)
      : tools.replies.changed(item, quantity, result.session);
  return { text, session: result.session, focusItemId: item.id, change: result.change, ...(lastOrder ? { lastOrder } : {}) };
}

/** "Make that three": the last ordered line goes from what was ordered to three, whatever else is on the tab. */
function changeLastLine(quantity: number, lines: readonly TabLineView[], state: DialogueState, bar: BarPort, tools: ActTools) {
  const last = state.lastOrder[state.lastOrder.length - 1];
  const item = last && tools.index.byId.get(last.menuItemId);
  if (!last || !item) return { text: tools.replies.changeWhat(quantity) };
  const matching = linesOf(lines, last.menuItemId, last.modifiers);
  if (matching.length === 0) return { text: tools.replies.notOnTab([last.menuItemId], null) };
  const lastOrder = [...state.lastOrder.slice(0, -1), ...(quantity > 0 ? [{ ...last, quantity }] : [])];
  // "Another one" / "no wait, just one", then "make it three": with more of the drink on the tab than
  // the last order, the count is of them all (the tab then holds three, not three more).
  const total = matching.reduce((sum, line) => sum + line.quantity, 0);
  if (total > last.quantity && quantity >= last.quantity) return applyDelta(item, matching, quantity - total, quantity, lastOrder, bar, tools);
  return applyDelta(item, matching, quantity - last.quantity, quantity, lastOrder, bar, tools);
}

export const changeQuantity: Act<"CHANGE_QUANTITY"> = async ({ itemIds, quantity, orPour }, state, bar, tools) => {
  // Zero is a removal here ("make that zero"); anything else must be a quantity the bar pours.
  const refusal = quantity === 0 ? null : quantityRefusal(quantity);
  if (refusal) {
    // "How many would you like?": the next count is how many of this drink in all.
    const itemId = itemIds?.[0] ?? state.lastOrder[state.lastOrder.length - 1]?.menuItemId;
    const asked: PendingQuestion | null = itemId
      ? { kind: "QUANTITY", drafts: [{ candidates: [itemId], category: null, quantity: 1, modifiers: [], softModifiers: [] }], draftIndex: 0, total: true }
      : null;
    return { ...(await refuse(refusal, bar, tools)), ...(asked ? { pending: asked } : {}) };
  }
  const session = await bar.snapshot(tools.sessionId);
  const lines = session.tab.items;
  if (itemIds === null) return changeLastLine(quantity, lines, state, bar, tools);

  const onTab = itemIds.filter((id) => lines.some((line) => line.menuItemId === id));
  if (onTab.length > 1) return { text: tools.replies.askWhichToChange(onTab, quantity), session };
  const itemId = onTab[0];
  if (itemId === undefined) {
    const item = tools.index.byId.get(itemIds[0] as string);
    // ("make the beers five" with no beer poured: a kind of drink, none of it to count again.)
    if (!item || quantity === 0 || itemIds.length > 1) return { text: tools.replies.notOnTab(itemIds, null), session };
    // ("just one lager then", with no lager poured yet: the order as said.)
    if (orPour) return { ...(await pour([orPour], [], bar, tools)), intent: "ORDER" };
    // "Make it three" while Maya offers the drink just asked about: three of it, as offered.
    // ("forty in total" after sixty of it was refused, none on the tab: forty of it, as asked.)
    const pending = state.pending;
    const offered = (pending?.kind === "ORDER" && !pending.ordered) || pending?.kind === "QUANTITY" ? pending.drafts.find((draft) => draft.candidates.includes(item.id)) : undefined;
    if (offered) return { ...(await pour([{ ...offered, candidates: [item.id], category: null, quantity }], [], bar, tools)), intent: "ORDER" };
    // "Make that three lagers" with no lager on the tab: the last order becomes three lagers.
    if (state.lastOrder.length > 0) {
      const drafts = [{ candidates: [item.id], category: null, quantity, modifiers: [], softModifiers: [], quantitySaid: true }];
      return replace({ intent: "REPLACE", target: { kind: "LAST_ORDER" }, drafts, unknown: [] }, state, bar, tools);
    }
    return { text: tools.replies.offerToAdd(item, quantity), pending: offer([item.id], quantity), session };
  }
  const ofItem = linesOf(lines, itemId, null);
  const total = ofItem.reduce((sum, line) => sum + line.quantity, 0);
  // ("make it four then", then "take one off": the drink just recounted is the one meant.)
  const recounted = quantity > 0 ? [{ menuItemId: itemId, quantity, modifiers: [...((ofItem[0] as TabLineView).modifiers)] }] : null;
  return applyDelta(tools.index.byId.get(itemId) as MenuItem, ofItem, quantity - total, quantity, recounted, bar, tools);
};
