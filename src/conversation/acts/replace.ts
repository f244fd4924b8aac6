/**
 * "Make that a martini", "swap the IPA for a lager", "sorry, I meant a
 * cosmo": the old drink comes off and the new one goes on in one edit (one
 * version, one event), so a balance that cannot cover the new drink changes
 * nothing. The new drink keeps what was not said again: the count ("make
 * those lagers" after two IPAs is two lagers) and a serving it takes.
 */
import type { BarPort, OrderLine, TabLineView } from "../bar-port.js";
import { awaitsAnyOf, type DialogueState } from "../dialogue-state.js";
import { inherit, replacedIndex, type DraftLine } from "../drafts.js";
import type { RemoveLine } from "../understanding.js";
import type { Act, ActTools, Outcome } from "./act.js";
import { draftsOf, pour, settle, unlessLocked } from "./order.js";
import { offer } from "./offer.js";
import { changeTab, linesOf, sameModifiers, takeOff } from "./tab.js";

/** The tab's lines of a named drink as order lines: all of it, or the count said, newest first. */
function namedLines(target: RemoveLine, tab: readonly TabLineView[]): OrderLine[] {
  const itemId = target.candidates.find((id) => tab.some((line) => line.menuItemId === id));
  if (itemId === undefined) return [];
  const lines = linesOf(tab, itemId, target.modifiers.length > 0 ? target.modifiers : null);
  let left = target.quantity ?? Number.POSITIVE_INFINITY;
  const taken: OrderLine[] = [];
  for (const line of lines) {
    if (left <= 0) break;
    const quantity = Math.min(left, line.quantity);
    const same = taken.find((entry) => sameModifiers(entry.modifiers, line.modifiers));
    if (same) same.quantity += quantity;
    else taken.push({ menuItemId: line.menuItemId, quantity, modifiers: [...line.modifiers] });
    left -= quantity;
  }
  return taken;
}

/** The last order's lines the new drinks stand for, one each (the same drink, else one of its kind, else the last). */
function fromLastOrder(drafts: readonly DraftLine[], state: DialogueState, tools: ActTools): OrderLine[] {
  const last = draftsOf(state.lastOrder);
  const taken = new Set<number>();
  for (const draft of drafts) {
    const at = replacedIndex(last, draft, taken, tools.index);
    if (at >= 0) taken.add(at);
  }
  return [...taken].sort((a, b) => a - b).map((at) => state.lastOrder[at] as OrderLine);
}

/** The last order with `removed` taken out and `added` put in: what "another one" pours next. */
function lastOrderAfter(state: DialogueState, removed: readonly OrderLine[], added: readonly OrderLine[]): OrderLine[] {
  const rest = state.lastOrder.filter(
    (line) => !removed.some((gone) => gone.menuItemId === line.menuItemId && sameModifiers(gone.modifiers, line.modifiers)),
  );
  return [...rest, ...added];
}

async function replaceLines(
  old: OrderLine[],
  drafts: DraftLine[],
  unknown: readonly string[],
  state: DialogueState,
  bar: BarPort,
  tools: ActTools,
): Promise<Outcome> {
  const settled = await settle(drafts, unknown, bar, tools, old);
  if ("outcome" in settled) return unlessLocked(settled.outcome, bar, tools);
  const session = await bar.snapshot(tools.sessionId);
  const set = takeOff(session.tab.items, old);
  if (set.length === 0) {
    const [first] = settled.lines;
    return { text: tools.replies.notOnTab(old.map((line) => line.menuItemId), null), session, ...(first ? { pending: offer([first.menuItemId], first.quantity) } : {}) };
  }
  const result = await changeTab(bar, tools, { set, add: settled.lines });
  if (!result.ok) return result.outcome;
  const last = settled.lines[settled.lines.length - 1] as OrderLine;
  return {
    text: tools.replies.replaced(result.change.removed, settled.lines, result.session),
    session: result.session,
    lastOrder: lastOrderAfter(state, result.change.removed, settled.lines),
    focusItemId: last.menuItemId,
    change: result.change,
  };
}

/** The turn before took drinks off and poured none. */
function justRemoved(state: DialogueState): boolean {
  const edit = state.lastEdit;
  return edit !== null && edit.turn === state.turn && edit.added.length === 0 && edit.removed.length > 0;
}

/**
 * The lines of the last order a drink said "instead" stands for. After a turn that only took drinks
 * off, those still on the tab: "never mind the cognac" (an earlier drink) then "an iced tea instead"
 * replaces nothing, nor does "cancel the gin" (the last order, now gone) then "a vodka instead"; "only
 * one" of three IPAs then "make it a classic brew" replaces the IPA left.
 */
async function lastOrderReplaced(drafts: readonly DraftLine[], state: DialogueState, bar: BarPort, tools: ActTools): Promise<OrderLine[]> {
  if (!justRemoved(state)) return fromLastOrder(drafts, state, tools);
  const removed = state.lastEdit?.removed ?? [];
  if (removed.every((line) => !state.lastOrder.some((ordered) => ordered.menuItemId === line.menuItemId))) return [];
  const items = (await bar.snapshot(tools.sessionId)).tab.items;
  return fromLastOrder(drafts, state, tools).filter((line) => items.some((onTab) => onTab.menuItemId === line.menuItemId));
}

export const replace: Act<"REPLACE"> = async ({ target, drafts, unknown }, state, bar, tools) => {
  let old: OrderLine[];
  if (target.kind === "LINES") old = target.lines;
  else if (target.kind === "LAST_ORDER") old = await lastOrderReplaced(drafts, state, bar, tools);
  else if (target.kind === "EVERYTHING") old = (await bar.snapshot(tools.sessionId)).tab.items.map((line) => ({ menuItemId: line.menuItemId, quantity: line.quantity, modifiers: [...line.modifiers] }));
  else old = namedLines(target.line, (await bar.snapshot(tools.sessionId)).tab.items);
  const asSaid = ((target.kind === "NAMED" || target.kind === "LINES") && target.asSaid === true) || target.kind === "EVERYTHING";
  if (old.length === 0) {
    // "never mind the vodka, a cosmo instead" while Maya still asks how to pour the vodka: the cosmo is poured, the question dropped.
    if (target.kind === "NAMED" && awaitsAnyOf(state, target.line.candidates)) return { ...(await pour(drafts, unknown, bar, tools)), intent: "ORDER" };
    if (target.kind === "NAMED") {
      const missing = tools.replies.notOnTab(target.line.candidates, target.line.category);
      // "Add a negroni and take off the manhattan" with no Manhattan: all of it or none, and said so.
      return { text: asSaid ? `${missing} I've changed nothing.` : missing };
    }
    // Nothing ordered to replace: the new drink is simply an order.
    return pour(drafts, unknown, bar, tools);
  }
  // One old line per new drink, in order; a single old line gives its count and serving to every new one.
  const fresh = asSaid ? drafts : drafts.map((draft, at) => inherit(draftsOf([old[at] ?? (old[0] as OrderLine)])[0] as DraftLine, draft, tools.index));
  return replaceLines(old, fresh, unknown, state, bar, tools);
};
