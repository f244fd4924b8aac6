/**
 * What Maya remembers between turns of one session: the turn counter (the
 * seed of her phrasing), a question waiting for an answer, the last order
 * (for "another one" and "make that three") and the drink last talked about
 * (for "how much is it?"). Stored by the backend as JSON and read back as
 * unknown, so reading validates every field and falls back field by field:
 * a damaged state costs a question, never a turn.
 */
import { MENU_CATEGORIES, type MenuCategory, type Modifier } from "../bar/menu-catalog.js";
import type { OrderLine } from "./bar-port.js";
import type { DraftLine } from "./drafts.js";
import { isModifier } from "./modifiers.js";

export type PendingQuestion =
  /** An order waiting for a choice or a serving; `confirm` when a plain "yes" takes the first candidate. */
  | { kind: "ORDER"; drafts: DraftLine[]; confirm: boolean }
  /** "Take off a beer" with two beers on the tab: which one. */
  | { kind: "REMOVE"; candidates: string[]; quantity: number | null };

export interface DialogueState {
  turn: number;
  pending: PendingQuestion | null;
  /** The lines of the last order that landed on the tab, as ordered. */
  lastOrder: OrderLine[];
  /** The drink last ordered, priced, described or recommended. */
  focusItemId: string | null;
}

export const STATE_VERSION = 1;

export function initialState(): DialogueState {
  return { turn: 0, pending: null, lastOrder: [], focusItemId: null };
}

export function serialiseState(state: DialogueState): unknown {
  return { version: STATE_VERSION, ...state };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === "string");
const isModifierArray = (value: unknown): value is Modifier[] => isStringArray(value) && value.every(isModifier);
const isCategory = (value: unknown): value is MenuCategory => MENU_CATEGORIES.includes(value as MenuCategory);

function readOrderLine(value: unknown): OrderLine | null {
  if (!isObject(value)) return null;
  const { menuItemId, quantity, modifiers } = value;
  if (typeof menuItemId !== "string" || !isCount(quantity) || !isModifierArray(modifiers)) return null;
  return { menuItemId, quantity, modifiers: [...modifiers] };
}

function readDraft(value: unknown): DraftLine | null {
  if (!isObject(value)) return null;
  const { candidates, category, quantity, modifiers, softModifiers } = value;
  if (!isStringArray(candidates) || candidates.length === 0 || !isCount(quantity)) return null;
  if (!(category === null || isCategory(category))) return null;
  if (!isModifierArray(modifiers) || !isModifierArray(softModifiers)) return null;
  return { candidates: [...candidates], category, quantity, modifiers: [...modifiers], softModifiers: [...softModifiers] };
}

function readAll<T>(values: unknown, read: (value: unknown) => T | null): T[] | null {
  if (!Array.isArray(values)) return null;
  const result: T[] = [];
  for (const value of values) {
    const entry = read(value);
    if (entry === null) return null;
    result.push(entry);
  }
  return result;
}

function readPending(value: unknown): PendingQuestion | null {
  if (!isObject(value)) return null;
  if (value.kind === "ORDER" && typeof value.confirm === "boolean") {
    const drafts = readAll(value.drafts, readDraft);
    return drafts && drafts.length > 0 ? { kind: "ORDER", drafts, confirm: value.confirm } : null;
  }
  if (value.kind === "REMOVE" && isStringArray(value.candidates) && (value.quantity === null || isCount(value.quantity))) {
    return { kind: "REMOVE", candidates: [...value.candidates], quantity: value.quantity };
  }
  return null;
}

/** The state stored for a session, or a fresh one where the stored value is missing or damaged. */
export function parseState(stored: unknown): DialogueState {
  const fresh = initialState();
  if (!isObject(stored) || stored.version !== STATE_VERSION) return fresh;
  return {
    turn: isCount(stored.turn) ? stored.turn : fresh.turn,
    pending: readPending(stored.pending),
    lastOrder: readAll(stored.lastOrder, readOrderLine) ?? fresh.lastOrder,
    focusItemId: typeof stored.focusItemId === "string" ? stored.focusItemId : null,
  };
}
