/**
 * What Maya remembers between turns of one session: the turn counter (the
 * seed of her phrasing), a question waiting for an answer (an offer is one:
 * "yes" pours it), the last order (for "another one", "make that three" and
 * "make that a martini"), the drink in focus (for "how much is it?", "I'll
 * have that") and what the last turn changed on the tab (for "never mind").
 * Stored by the backend as JSON and read back as unknown, so reading
 * validates every field and falls back field by field: a damaged state costs
 * a question, never a turn. States stored by an older version are read too, and a
 * question of a kind added since (TIP) is only new data: an older reader drops it.
 */
import { MENU_CATEGORIES, type MenuCategory, type Modifier } from "../bar/menu-catalog.js";
import type { OrderLine, TipChoice } from "./bar-port.js";
import type { DraftLine } from "./drafts.js";
import { isModifier } from "./modifiers.js";

export type PendingQuestion =
  /**
   * An order waiting for a choice or a serving, or an offer; `confirm` when a plain "yes" takes the
   * first candidate. `replaces`: the lines it will take off when poured ("make that a whiskey").
   * `ordered`: the guest asked for these drinks and Maya only waits on a detail (not an offer of
   * hers), so the question survives an interjection.
   */
  | { kind: "ORDER"; drafts: DraftLine[]; confirm: boolean; replaces?: OrderLine[]; ordered?: true }
  /** "Take off a beer" with two beers on the tab: which one. */
  | { kind: "REMOVE"; candidates: string[]; quantity: number | null }
  /** A quantity the bar does not pour ("a billion beers"): how many, for this line of the order. */
  | {
      kind: "QUANTITY";
      drafts: DraftLine[];
      draftIndex: number;
      /** The count asked is how many of the drink in all, on the tab ("make it sixty" refused, then "forty"). */
      total?: true;
    }
  /** A tip Maya quoted ("what would 20% be?" -> "... Shall I add it?"): a yes sets it. */
  | { kind: "TIP"; tip: TipChoice }
  /**
   * "How much would you like to tip?": the next amount, percent or figure is the tip. `inDollars`: a
   * figure refused as more than the drinks ("tip 50 dollars"), so a bare figure next is dollars too.
   */
  | { kind: "TIP_AMOUNT"; inDollars?: true };

/** What one turn changed on the tab: what "never mind" on the next turn takes back. */
export interface LastEdit {
  /** The turn that made the change; only the turn right after it may undo it. */
  turn: number;
  added: OrderLine[];
  removed: OrderLine[];
  /** The last order before that turn, remembered again after an undo. */
  lastOrderBefore: OrderLine[];
  /** The tip before that turn, when the turn changed the tip instead. */
  tipBefore?: TipChoice;
  /** The tip that turn set: "make it 20" right after "an 18% tip" is a tip of 20 percent. */
  tipAfter?: TipChoice;
}

export interface DialogueState {
  turn: number;
  pending: PendingQuestion | null;
  /** The lines of the last order that landed on the tab, as ordered. */
  lastOrder: OrderLine[];
  /** The drink last ordered, priced, described, recommended or mentioned. */
  focusItemId: string | null;
  lastEdit: LastEdit | null;
  /**
   * A question about the guest's own order that an interjection left open ("neat or on the rocks?",
   * then "what's my balance?" and a price question with its own offer): the next answer may still
   * fill it. Dropped by a new order, a decline or any other change to the tab.
   */
  held: PendingQuestion | null;
  /** What the last turn asked about drinks: "and the daiquiri?" right after asks it again. */
  topic: Topic | null;
  /**
   * The turn on which the guest's order poured nothing (a drink the bar does not pour, more than the
   * balance holds, or one asked about and then dropped): "a daiquiri instead" right after is instead
   * of that one, not of the last order.
   */
  unpouredTurn?: number;
  /** The drinks on the tab after the last turn, by menu id: "do the negroni on the rocks" may mean one poured orders ago. */
  onTab?: string[];
}

/** A question about drinks, and the turn it was asked on. */
export interface Topic {
  turn: number;
  kind: "PRICE" | "MENU";
}

/**
 * 2 added `lastEdit`, QUANTITY questions and `replaces`; version 1 states are read with those empty.
 * `held`, `topic`, `ordered`, `unpouredTurn` and `onTab` came later as optional fields: states without them read as empty.
 */
export const STATE_VERSION = 2;
const READABLE_VERSIONS: readonly unknown[] = [1, STATE_VERSION];

export function initialState(): DialogueState {
  return { turn: 0, pending: null, lastOrder: [], focusItemId: null, lastEdit: null, held: null, topic: null };
}

/** A question about drinks the guest asked for (not an offer of Maya's): it outlives an interjection. */
/** Whether Maya is still asking about an order holding one of these drinks (not yet poured). */
export function awaitsAnyOf(state: DialogueState, itemIds: readonly string[]): boolean {
  const pending = state.pending;
  if (pending?.kind !== "ORDER" && pending?.kind !== "QUANTITY") return false;
  return pending.drafts.some((draft) => draft.candidates.some((id) => itemIds.includes(id)));
}

export function isOwnOrderQuestion(question: PendingQuestion | null): question is Exclude<PendingQuestion, { kind: "TIP" | "TIP_AMOUNT" }> {
  if (!question) return false;
  return question.kind === "ORDER" ? question.ordered === true : question.kind === "QUANTITY" || question.kind === "REMOVE";
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
  if (!isStringArray(candidates) || candidates.length === 0 || !isCount(quantity) || quantity === 0) return null;
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
    if (!drafts || drafts.length === 0) return null;
    const ordered = value.ordered === true ? { ordered: true as const } : {};
    if (value.replaces === undefined) return { kind: "ORDER", drafts, confirm: value.confirm, ...ordered };
    const replaces = readAll(value.replaces, readOrderLine);
    return replaces ? { kind: "ORDER", drafts, confirm: value.confirm, replaces, ...ordered } : null;
  }
  if (value.kind === "REMOVE" && isStringArray(value.candidates) && (value.quantity === null || isCount(value.quantity))) {
    return { kind: "REMOVE", candidates: [...value.candidates], quantity: value.quantity };
  }
  if (value.kind === "QUANTITY" && isCount(value.draftIndex)) {
    const drafts = readAll(value.drafts, readDraft);
    const total = value.total === true ? { total: true as const } : {};
    return drafts && value.draftIndex < drafts.length ? { kind: "QUANTITY", drafts, draftIndex: value.draftIndex, ...total } : null;
  }
  if (value.kind === "TIP") {
    const tip = readTipChoice(value.tip);
    return tip && !("none" in tip) ? { kind: "TIP", tip } : null;
  }
  if (value.kind === "TIP_AMOUNT") return value.inDollars === true ? { kind: "TIP_AMOUNT", inDollars: true } : { kind: "TIP_AMOUNT" };
  return null;
}

function readLastEdit(value: unknown): LastEdit | null {
  if (!isObject(value) || !isCount(value.turn)) return null;
  const added = readAll(value.added, readOrderLine);
  const removed = readAll(value.removed, readOrderLine);
  const lastOrderBefore = readAll(value.lastOrderBefore, readOrderLine);
  if (!added || !removed || !lastOrderBefore) return null;
  const tipBefore = readTipChoice(value.tipBefore);
  // An edit with nothing left to take back (its tip damaged) is no edit.
  if (added.length === 0 && removed.length === 0 && !tipBefore) return null;
  const tipAfter = readTipChoice(value.tipAfter);
  return { turn: value.turn, added, removed, lastOrderBefore, ...(tipBefore ? { tipBefore } : {}), ...(tipBefore && tipAfter ? { tipAfter } : {}) };
}

function readTipChoice(value: unknown): TipChoice | null {
  if (!isObject(value)) return null;
  if (value.none === true) return { none: true };
  if (isCount(value.percent)) return { percent: value.percent };
  if (isCount(value.amountCents)) return { amountCents: value.amountCents };
  return null;
}

function readTopic(value: unknown): Topic | null {
  if (!isObject(value) || !isCount(value.turn) || (value.kind !== "PRICE" && value.kind !== "MENU")) return null;
  return { turn: value.turn, kind: value.kind };
}

/** The state stored for a session, or a fresh one where the stored value is missing or damaged. */
export function parseState(stored: unknown): DialogueState {
  const fresh = initialState();
  if (!isObject(stored) || !READABLE_VERSIONS.includes(stored.version)) return fresh;
  return {
    turn: isCount(stored.turn) ? stored.turn : fresh.turn,
    pending: readPending(stored.pending),
    lastOrder: readAll(stored.lastOrder, readOrderLine) ?? fresh.lastOrder,
    focusItemId: typeof stored.focusItemId === "string" ? stored.focusItemId : null,
    lastEdit: readLastEdit(stored.lastEdit),
    held: readPending(stored.held),
    topic: readTopic(stored.topic),
    ...(isCount(stored.unpouredTurn) ? { unpouredTurn: stored.unpouredTurn } : {}),
    ...(isStringArray(stored.onTab) ? { onTab: [...stored.onTab] } : {}),
  };
}
