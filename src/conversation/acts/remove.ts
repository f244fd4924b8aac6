/**
 * Taking drinks off the tab: named ones ("cancel the martini", "take off one
 * beer"), the last order ("undo my last order") or everything. When several
 * drinks on the tab fit, Maya asks which; all changes are one BarPort call.
 */
import type { BarPort, OrderLine, TabLineView } from "../bar-port.js";
import type { RemoveLine } from "../understanding.js";
import { awaitsAnyOf } from "../dialogue-state.js";
import { cancel } from "./talk.js";
import type { Act, ActTools, Outcome } from "./act.js";
import { quantityRefusal } from "../refusals.js";
import { changeTab, linesOf, reductions, refuse, takeOff, type LineChange } from "./tab.js";

async function removeChanges(
  changes: readonly LineChange[],
  bar: BarPort,
  tools: ActTools,
  lastOrder?: OrderLine[],
): Promise<Outcome> {
  const result = await changeTab(bar, tools, { set: changes, add: [] });
  if (!result.ok) return result.outcome;
  return {
    text: tools.replies.removed(result.change.removed, result.session),
    session: result.session,
    change: result.change,
    ...(lastOrder ? { lastOrder } : {}),
  };
}

async function removeLines(targets: readonly RemoveLine[], lines: readonly TabLineView[], bar: BarPort, tools: ActTools): Promise<Outcome> {
  const changes: LineChange[] = [];
  for (const target of targets) {
    const present = target.candidates.filter((id) => lines.some((line) => line.menuItemId === id));
    const [only, ...others] = present;
    if (only === undefined) return { text: tools.replies.notOnTab(target.candidates, target.category) };
    if (others.length > 0) {
      return {
        text: tools.replies.askWhichToRemove(present),
        pending: { kind: "REMOVE", candidates: present, quantity: target.quantity },
      };
    }
    const modifiers = target.modifiers.length > 0 ? target.modifiers : target.plain ? [] : null;
    changes.push(...reductions(linesOf(lines, only, modifiers), target.quantity));
  }
  return removeChanges(changes, bar, tools);
}

export const remove: Act<"REMOVE"> = async ({ target }, state, bar, tools) => {
  const counts = target.kind === "LINES" ? target.lines.map((line) => line.quantity) : target.kind === "LAST_ORDER" ? [target.quantity] : [];
  for (const count of counts) {
    const refusal = count === null ? null : quantityRefusal(count);
    if (refusal) return refuse(refusal, bar, tools);
  }
  const session = await bar.snapshot(tools.sessionId);
  const lines = session.tab.items;
  // "never mind the vodka" while Maya still asks how to pour it: the order she waits on is dropped.
  const named = target.kind === "LINES" ? target.lines.flatMap((line) => line.candidates) : [];
  if (named.length > 0 && awaitsAnyOf(state, named) && !lines.some((line) => named.includes(line.menuItemId))) return cancel({ intent: "CANCEL", itemIds: named }, state, bar, tools);
  if (lines.length === 0) return { text: tools.replies.tabAlreadyEmpty(), session };
  switch (target.kind) {
    case "EVERYTHING": {
      const result = await changeTab(bar, tools, { set: lines.map((line) => ({ line, quantity: 0 })), add: [] });
      if (!result.ok) return result.outcome;
      return { text: tools.replies.clearedAll(result.session), session: result.session, lastOrder: [], change: result.change };
    }
    case "LAST_ORDER": {
      // "scratch one of those": that many of the last order's last drink.
      const last = state.lastOrder[state.lastOrder.length - 1];
      const orders = target.quantity === null || !last ? state.lastOrder : [{ ...last, quantity: target.quantity }];
      const changes = takeOff(lines, orders);
      if (changes.length === 0) return { text: tools.replies.nothingRecent(), session };
      return removeChanges(changes, bar, tools, []);
    }
    case "LINES":
      return removeLines(target.lines, lines, bar, tools);
    case "MADE": {
      // "take the neat one off": whichever drink on the tab is made so; asked when several are.
      const made = lines.filter((line) => target.modifiers.every((modifier) => line.modifiers.includes(modifier)));
      const drinks = [...new Set(made.map((line) => line.menuItemId))];
      const [only, ...others] = drinks;
      if (only === undefined) return { text: tools.replies.noneMadeSo(target.modifiers), session };
      if (others.length > 0) return { text: tools.replies.askWhichToRemove(drinks), pending: { kind: "REMOVE", candidates: drinks, quantity: target.quantity } };
      return removeChanges(reductions(linesOf(made, only, null), target.quantity), bar, tools);
    }
  }
};
