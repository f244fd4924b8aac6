/**
 * An order as understood but not yet poured: lines that may still need the
 * guest to pick a drink ("which beer?") or a serving ("neat or on the
 * rocks?"), or that cannot be poured as asked ("a neat IPA"). The service
 * asks, refuses or settles them into the BarPort's order lines.
 */
import type { MenuCategory, MenuItem, Modifier } from "../bar/menu-catalog.js";
import type { OrderLine } from "./bar-port.js";
import type { MenuIndex } from "./menu-matcher.js";
import type { QuantityRange } from "./numbers.js";
import { canonicalModifiers, modifierProblem, needsServingChoice, reviseModifiers, type ModifierProblem } from "./modifiers.js";

export interface DraftLine {
  /** Menu item ids this line could be; exactly one once settled. */
  candidates: string[];
  /** Set when the guest named a category ("a beer"), so Maya can ask "which beer?". */
  category: MenuCategory | null;
  quantity: number;
  modifiers: Modifier[];
  /** Said in passing ("no ice"): dropped, not refused, when the drink does not take them. */
  softModifiers: Modifier[];
  /** The count was a range or vague ("two or three", "a few"): asked before pouring, never guessed. */
  range?: QuantityRange;
  /** "Another bourbon, same way": made as the same drink already on the tab. */
  asBefore?: true;
}


export type OpenQuestion =
  | { kind: "WHICH_ITEM"; draftIndex: number; candidates: string[]; category: MenuCategory | null }
  | { kind: "SERVING"; draftIndexes: number[]; itemIds: string[]; choices: Modifier[] };

export interface DraftProblem {
  item: MenuItem;
  problem: ModifierProblem;
  draftIndex: number;
}

export function settledItem(draft: DraftLine, index: MenuIndex): MenuItem | null {
  const [only, ...others] = draft.candidates;
  return only !== undefined && others.length === 0 ? (index.byId.get(only) ?? null) : null;
}

/** What the guest asked for, with the passing remarks the drink can honour. */
export function effectiveModifiers(draft: DraftLine, item: MenuItem): Modifier[] {
  return canonicalModifiers([...draft.modifiers, ...draft.softModifiers.filter((modifier) => item.modifiers.includes(modifier))]);
}

/** The next thing to ask before pouring: which drink first, then the serving, for every spirit at once. */
export function openQuestion(drafts: readonly DraftLine[], index: MenuIndex): OpenQuestion | null {
  const unsettled = drafts.findIndex((draft) => draft.candidates.length > 1);
  if (unsettled >= 0) {
    const draft = drafts[unsettled] as DraftLine;
    return { kind: "WHICH_ITEM", draftIndex: unsettled, candidates: draft.candidates, category: draft.category };
  }
  const draftIndexes: number[] = [];
  const itemIds: string[] = [];
  let choices: Modifier[] = [];
  drafts.forEach((draft, draftIndex) => {
    const item = settledItem(draft, index);
    if (!item || !needsServingChoice(item, effectiveModifiers(draft, item))) return;
    draftIndexes.push(draftIndex);
    if (!itemIds.includes(item.id)) itemIds.push(item.id);
    if (choices.length === 0) choices = item.servingChoices;
  });
  return draftIndexes.length > 0 ? { kind: "SERVING", draftIndexes, itemIds, choices } : null;
}

/** The first settled line whose modifiers cannot be poured as asked ("a neat IPA"). */
export function draftProblem(drafts: readonly DraftLine[], index: MenuIndex): DraftProblem | null {
  for (const [draftIndex, draft] of drafts.entries()) {
    const item = settledItem(draft, index);
    const problem = item && modifierProblem(item, effectiveModifiers(draft, item));
    if (item && problem) return { item, problem, draftIndex };
  }
  return null;
}

/** The same drafts without the modifiers that caused `problem`: what Maya offers to pour instead. */
export function withoutProblem(drafts: readonly DraftLine[], problem: DraftProblem): DraftLine[] {
  const dropped = problem.problem.kind === "NOT_ACCEPTED" ? [problem.problem.modifier] : [...problem.problem.modifiers];
  return drafts.map((draft, draftIndex) =>
    draftIndex === problem.draftIndex
      ? {
          ...draft,
          modifiers: draft.modifiers.filter((modifier) => !dropped.includes(modifier)),
          softModifiers: draft.softModifiers.filter((modifier) => !dropped.includes(modifier)),
        }
      : draft,
  );
}

/** Order lines for the BarPort, once every draft is settled and fine; null otherwise. */
export function toOrderLines(drafts: readonly DraftLine[], index: MenuIndex): OrderLine[] | null {
  const lines: OrderLine[] = [];
  for (const draft of drafts) {
    const item = settledItem(draft, index);
    if (!item) return null;
    lines.push({ menuItemId: item.id, quantity: draft.quantity, modifiers: effectiveModifiers(draft, item) });
  }
  return lines;
}

/** Which of `lines` a new drink stands for: the same drink, else one of its kind, else the last one not yet replaced. */
export function replacedIndex(lines: readonly DraftLine[], draft: DraftLine, taken: ReadonlySet<number>, index: MenuIndex): number {
  const open = lines.map((_, at) => at).filter((at) => !taken.has(at));
  const same = open.find((at) => sameDrink(lines[at] as DraftLine, draft));
  if (same !== undefined) return same;
  const categoryOf = (line: DraftLine): MenuCategory | null =>
    line.category ?? (line.candidates[0] === undefined ? null : (index.byId.get(line.candidates[0])?.category ?? null));
  const category = categoryOf(draft);
  const kin = open.filter((at) => category !== null && categoryOf(lines[at] as DraftLine) === category);
  if (kin.length === 1) return kin[0] as number;
  return open[open.length - 1] ?? -1;
}

/** Two lines of the same family on the menu (both beers, both cocktails). */
export function sameKind(a: DraftLine, b: DraftLine, index: MenuIndex): boolean {
  const categoryOf = (line: DraftLine): MenuCategory | null =>
    line.category ?? (line.candidates[0] === undefined ? null : (index.byId.get(line.candidates[0])?.category ?? null));
  const category = categoryOf(a);
  return category !== null && category === categoryOf(b);
}

export const sameDrink = (a: DraftLine, b: DraftLine): boolean =>
  a.candidates.length === b.candidates.length && a.candidates.every((id) => b.candidates.includes(id));

/** How a cocktail's recipe is made: the old drink's, never the new one's. */
const RECIPE_WORDS: ReadonlySet<Modifier> = new Set<Modifier>(["shaken", "stirred", "dirty", "perfect", "dry"]);

/** The new drink, taking from the old what was not said again: the count, and a serving the new drink takes. */
export function inherit(old: DraftLine, draft: DraftLine & { quantitySaid?: boolean }, index: MenuIndex): DraftLine {
  const quantity = draft.quantitySaid === false ? old.quantity : draft.quantity;
  const [only] = draft.candidates;
  const item = only !== undefined && draft.candidates.length === 1 ? index.byId.get(only) : undefined;
  const said = draft.modifiers.length + draft.softModifiers.length > 0;
  // The same drink made another way keeps the rest of how it was made ("make my whiskey a double").
  if (item && sameDrink(old, draft)) {
    return {
      candidates: [...draft.candidates],
      category: draft.category,
      quantity,
      modifiers: reviseModifiers(old.modifiers, draft.modifiers),
      softModifiers: [...draft.softModifiers],
    };
  }
  // How the old drink was made carries over to one of its kind ("a gin on the rocks", "make it a vodka"),
  // not to another kind of drink ("make hers a Negroni" pours a Negroni as it comes).
  const oldItem = old.candidates.length === 1 ? index.byId.get(old.candidates[0] as string) : undefined;
  const sameKind = oldItem === undefined || item === undefined || oldItem.category === item.category;
  // (How it is served carries, how the old one's recipe was made does not: "two dirty martinis, shaken", then
  // "make one of them a cosmo" pours a cosmo as it comes; "a manhattan, same way" keeps it all.)
  const kept = said || !item || !sameKind ? [] : old.modifiers.filter((modifier) => item.modifiers.includes(modifier) && (draft.asBefore === true || !RECIPE_WORDS.has(modifier)));
  return {
    candidates: [...draft.candidates],
    category: draft.category,
    quantity,
    modifiers: canonicalModifiers([...draft.modifiers, ...kept]),
    softModifiers: [...draft.softModifiers],
  };
}
