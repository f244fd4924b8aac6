/**
 * "Make it a double", "actually, on the rocks", "dirty", "with a chaser too", "can one of them be
 * on the rocks?": drinks of the last order made another way, in place of the first pour: one edit
 * (the remade drinks added and the old ones taken off in the same transaction), so a balance that
 * cannot cover a double changes nothing. Only drinks that take the words are changed; when none
 * does, Maya says so and nothing changes.
 */
import type { MenuItem } from "../../bar/menu-catalog.js";
import type { OrderLine } from "../bar-port.js";
import { isModifier, modifierProblem, replaceModifiers } from "../modifiers.js";
import type { Act } from "./act.js";
import { pour } from "./order.js";
import { changeTab, sameModifiers, takeOff } from "./tab.js";

interface Remake {
  /** Where the line is in the last order. */
  at: number;
  line: OrderLine;
  item: MenuItem;
  /** The units remade: all of the line, or those asked for ("one of them"). */
  units: number;
  modifiers: OrderLine["modifiers"];
}

export const modify: Act<"MODIFY"> = async ({ modifiers: added, itemIds, quantity, all, madeAs, unmade = [] }, state, bar, tools) => {
  // "dirty, not dry": what is said against goes, what is said for comes.
  const madeNow = (current: readonly string[]) => replaceModifiers(current.filter(isModifier), added).filter((modifier) => !unmade.includes(modifier));
  const { index, replies } = tools;
  // "with a twist on all of them": every line of those drinks on the tab, not only the last order's.
  // "make one of the brandies a double" after some waters: a drink named that the last order does not hold is the tab's.
  const elsewhere = itemIds !== undefined && !state.lastOrder.some((line) => itemIds.includes(line.menuItemId));
  // ("they want them on the rocks" with no drink named: "them" are the drinks of the last order.)
  // ("a rum on the rocks", "and the same for Jess", then "make them both neat": one unit poured last is no
  // "them"; they are every unit of that drink on the tab.)
  const themOnTab = all === true && itemIds === undefined && state.lastOrder.reduce((units, line) => units + line.quantity, 0) === 1;
  const onTab = (all && (itemIds !== undefined || state.lastOrder.length === 0)) || elsewhere || themOnTab ? (await bar.snapshot(tools.sessionId)).tab.items : [];
  const ids = itemIds ? new Set(itemIds) : themOnTab ? new Set(state.lastOrder.map((line) => line.menuItemId)) : null;
  const tabLines = onTab.filter((line) => ids === null || ids.has(line.menuItemId));
  const source: OrderLine[] = tabLines.length > 0 ? tabLines.map(({ menuItemId, quantity: count, modifiers }) => ({ menuItemId, quantity: count, modifiers })) : state.lastOrder;
  const named = source
    .map((line, at) => ({ line, at, item: index.byId.get(line.menuItemId) }))
    .filter((entry): entry is { line: OrderLine; at: number; item: MenuItem } => entry.item !== undefined && (!itemIds || itemIds.includes(entry.line.menuItemId)))
    // "the neat one": only a line made that way.
    .filter(({ line }) => !madeAs || madeAs.every((modifier) => line.modifiers.includes(modifier)));
  const last = named[named.length - 1];
  // "two of the martini, dry" with no Martini poured: nothing to change, so the drinks as said are poured.
  // (Not in the last order, the tab was read above: none of it there either.)
  if (!last && itemIds?.length === 1 && !all && elsewhere && tabLines.length === 0) {
    return pour([{ candidates: [...itemIds], category: null, quantity: quantity ?? 1, modifiers: [...added], softModifiers: [] }], [], bar, tools);
  }
  if (!last) return { text: replies.modifyWhat() };
  const remakes: Remake[] = named.flatMap(({ line, at, item }) => {
    const modifiers = madeNow(line.modifiers);
    return modifierProblem(item, modifiers) ? [] : [{ at, line, item, units: Math.min(quantity ?? line.quantity, line.quantity), modifiers }];
  });
  if (remakes.length === 0) {
    const modifiers = madeNow(last.line.modifiers);
    const problem = modifierProblem(last.item, modifiers);
    return { text: problem ? replies.modifierRefused({ item: last.item, problem, draftIndex: 0 }, null, false) : replies.modifyWhat() };
  }
  // The drink just said, unless the guest spoke of them all ("make them all dirty").
  const chosen = (all ? remakes : remakes.slice(-1)).filter((remake) => !sameModifiers(remake.modifiers, remake.line.modifiers));
  if (chosen.length === 0) {
    const [done] = remakes.slice(-1) as [Remake];
    return { text: replies.alreadyMadeThatWay(done.item, done.line.quantity, done.modifiers) };
  }
  const session = await bar.snapshot(tools.sessionId);
  const previous = takeOff(
    session.tab.items,
    chosen.map(({ line, units }) => ({ ...line, quantity: units })),
  ).filter(({ line }) => chosen.some((remake) => remake.line.menuItemId === line.menuItemId && sameModifiers(line.modifiers, remake.line.modifiers)));
  if (previous.length === 0) return { text: replies.notOnTab([last.line.menuItemId], null), session };
  const remade: OrderLine[] = chosen.map(({ item, units, modifiers }) => ({ menuItemId: item.id, quantity: units, modifiers }));
  const result = await changeTab(bar, tools, { set: previous, add: remade });
  if (!result.ok) return result.outcome;
  // The last order now holds the drinks as they are: what is left of each line, then the remade units.
  const lastOrder = source.flatMap((line, at) => {
    const remake = chosen.find((entry) => entry.at === at);
    if (!remake) return [line];
    const left = line.quantity - remake.units;
    const rest = left > 0 ? [{ ...line, quantity: left }] : [];
    return [...rest, { menuItemId: line.menuItemId, quantity: remake.units, modifiers: remake.modifiers }];
  });
  const split = chosen.some((remake) => remake.units < remake.line.quantity);
  const [focus] = chosen.slice(-1) as [Remake];
  return {
    text: replies.remade(remade, result.session, split),
    session: result.session,
    lastOrder,
    focusItemId: focus.item.id,
    change: result.change,
  };
};
