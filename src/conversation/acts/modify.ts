/**
 * "Make it a double", "actually, on the rocks": the last order poured again
 * as asked, in place of the first pour: one edit (the new drink added and
 * the old one taken off in the same transaction), so a balance that cannot
 * cover the new drink changes nothing.
 */
import type { OrderLine } from "../bar-port.js";
import { isModifier, modifierProblem, replaceModifiers } from "../modifiers.js";
import type { Act } from "./act.js";
import { changeTab, sameModifiers, takeOff } from "./tab.js";

export const modify: Act<"MODIFY"> = async ({ modifiers: added }, state, bar, tools) => {
  const { index, replies } = tools;
  const last = state.lastOrder[state.lastOrder.length - 1];
  const item = last && index.byId.get(last.menuItemId);
  if (!last || !item) return { text: replies.modifyWhat() };
  const modifiers = replaceModifiers(last.modifiers.filter(isModifier), added);
  const problem = modifierProblem(item, modifiers);
  if (problem) return { text: replies.modifierRefused({ item, problem, draftIndex: 0 }, null, false) };
  if (sameModifiers(modifiers, last.modifiers)) return { text: replies.alreadyMadeThatWay(item, last.quantity, modifiers) };
  const session = await bar.snapshot(tools.sessionId);
  const previous = takeOff(session.tab.items, [last]).filter(({ line }) => sameModifiers(line.modifiers, last.modifiers));
  if (previous.length === 0) return { text: replies.notOnTab([last.menuItemId], null), session };
  const replacement: OrderLine = { menuItemId: item.id, quantity: last.quantity, modifiers };
  const result = await changeTab(bar, tools, { set: previous, add: [replacement] });
  if (!result.ok) return result.outcome;
  const lastOrder = [...state.lastOrder.slice(0, -1), replacement];
  return {
    text: replies.remade(replacement, result.session),
    session: result.session,
    lastOrder,
    focusItemId: item.id,
    change: result.change,
  };
};
