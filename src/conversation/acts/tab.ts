/**
 * The ways acts read and change the tab. `changeTab` is the only way an act
 * changes tab lines: one BarPort call (one transaction, one version, one
 * event), and the change it made is returned for the dialogue state, so an
 * undo knows exactly what to reverse.
 */
import { DomainError } from "../../errors.js";
import type { BarPort, OrderLine, SessionView, TabLineView } from "../bar-port.js";
import { barRefusal, type Refusal } from "../refusals.js";
import type { ActTools, Outcome, TabChange } from "./act.js";

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** Runs a BarPort call; a DomainError becomes a value the act turns into words, anything else propagates. */
export async function attempt<T>(action: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

/** Words for a refusal; an unaffordable order without a balance in the error reads the balance first. */
export async function refuse(refusal: Refusal, bar: BarPort, tools: ActTools): Promise<Outcome> {
  if (refusal.reason === "INSUFFICIENT_FUNDS" && refusal.balanceCents === null) {
    const session = await bar.snapshot(tools.sessionId);
    return { text: tools.replies.refused({ ...refusal, balanceCents: session.balanceCents }), session };
  }
  return { text: tools.replies.refused(refusal) };
}

export const refuseError = (error: DomainError, bar: BarPort, tools: ActTools): Promise<Outcome> =>
  refuse(barRefusal(error), bar, tools);

export const sameModifiers = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join("|") === [...b].sort().join("|");

/** A change to the tab: a line's new quantity (0 removes it). */
export interface LineChange {
  line: TabLineView;
  quantity: number;
}

/** Lines of the tab holding `itemId` (with exactly `modifiers` when some lines match them), newest first. */
export function linesOf(lines: readonly TabLineView[], itemId: string, modifiers: readonly string[] | null): TabLineView[] {
  const ofItem = lines.filter((line) => line.menuItemId === itemId);
  const exact = modifiers === null ? [] : ofItem.filter((line) => sameModifiers(line.modifiers, modifiers));
  return (exact.length > 0 ? exact : ofItem).reverse();
}

/** Changes that take `count` drinks (all, when null) off these lines, newest first. */
export function reductions(lines: readonly TabLineView[], count: number | null): LineChange[] {
  const changes: LineChange[] = [];
  let left = count ?? Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (left <= 0) break;
    const taken = Math.min(left, line.quantity);
    changes.push({ line, quantity: line.quantity - taken });
    left -= taken;
  }
  return changes;
}

/** Changes that take each of `orders` off the tab (the newest matching lines first), as far as the tab has them. */
export function takeOff(lines: readonly TabLineView[], orders: readonly OrderLine[]): LineChange[] {
  const changes: LineChange[] = [];
  for (const order of orders) {
    // A line already reduced by an earlier order of the same drink is reduced from what is left.
    const current = linesOf(lines, order.menuItemId, order.modifiers).map((line) => {
      const earlier = changes.find((change) => change.line.id === line.id);
      return earlier ? { ...line, quantity: earlier.quantity } : line;
    });
    for (const change of reductions(current, order.quantity)) {
      const earlier = changes.findIndex((entry) => entry.line.id === change.line.id);
      if (earlier >= 0) changes[earlier] = { line: (changes[earlier] as LineChange).line, quantity: change.quantity };
      else changes.push(change);
    }
  }
  return changes;
}

export interface TabEditPlan {
  set: readonly LineChange[];
  add: readonly OrderLine[];
}

export type TabEditResult = { ok: true; session: SessionView; change: TabChange } | { ok: false; outcome: Outcome };

/** What a plan puts on and takes off, per line, for the dialogue state. */
function changeOf(plan: TabEditPlan): TabChange {
  const added: OrderLine[] = plan.add.map((line) => ({ ...line, modifiers: [...line.modifiers] }));
  const removed: OrderLine[] = [];
  for (const { line, quantity } of plan.set) {
    const entry = { menuItemId: line.menuItemId, modifiers: [...line.modifiers] };
    if (quantity > line.quantity) added.push({ ...entry, quantity: quantity - line.quantity });
    if (quantity < line.quantity) removed.push({ ...entry, quantity: line.quantity - quantity });
  }
  return { added, removed };
}

/**
 * Applies a plan in one BarPort call: new lines only is an order (addItems), quantities only is
 * setLineQuantities, both is editLines. All of it or nothing; a refusal comes back as words.
 */
export async function changeTab(bar: BarPort, tools: ActTools, plan: TabEditPlan): Promise<TabEditResult> {
  const set = plan.set.map(({ line, quantity }) => ({ tabItemId: line.id, quantity }));
  const add = plan.add.map((line) => ({ ...line, modifiers: [...line.modifiers] }));
  const result = await attempt(() => {
    if (set.length === 0) return bar.addItems(tools.sessionId, add);
    if (add.length === 0) return bar.setLineQuantities(tools.sessionId, set);
    return bar.editLines(tools.sessionId, { set, add });
  });
  if (!result.ok) return { ok: false, outcome: await refuseError(result.error, bar, tools) };
  return { ok: true, session: result.value, change: changeOf(plan) };
}

/** The drink ids of a tab change, the newest last: the drink in focus after it. */
export function lastAdded(change: TabChange): string | null {
  return change.added[change.added.length - 1]?.menuItemId ?? null;
}
