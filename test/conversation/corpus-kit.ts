/**
 * The shape of a corpus case and the helpers both corpus files write them
 * with. Each case runs in a fresh session: `given` utterances are said first
 * (to build a tab or leave a question pending), then `say` is checked.
 *
 * `tab` is the whole tab after the turn as compact lines, "2 martini",
 * "1 whiskey (neat)" (modifiers sorted alphabetically); when it is left out,
 * the turn must not change the tab at all.
 */
import type { Intent } from "../../src/conversation/understanding.js";

export const CATEGORIES = [
  "greeting", "order", "every-drink", "typo", "repeat", "removal", "change", "tab", "balance", "menu", "price",
  "recommend", "tip", "pay", "payment-status", "small-talk", "help", "goodbye", "unknown", "follow-up", "negative",
  "funds", "transcribed", "typed",
  /** A drink mentioned but not asked for: statements, opinions, the past, other people, hypotheticals, negations, questions. */
  "mention",
  /** Repairs within an utterance ("no wait, two") and across turns ("never mind", "make that a martini", "just one"). */
  "repair",
  /** "that", "it", "one", "the same", "I'll take one": the drink in focus. */
  "reference",
  /** Speech-recognition slips: "to"/"too" for two, "for" for four, "won", fillers, repeated words, no punctuation, capitals. */
  "slip",
  /** Quantities out of range, negative or fractional, and "a couple", "a pair", "half a dozen". */
  "quantity",
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CorpusCase {
  category: Category;
  given?: readonly string[];
  say: string;
  intent: Intent;
  tab?: readonly string[];
  tip?: { percent: number } | { amountCents: number } | "none";
  /** The turn returns a payment id. */
  payment?: boolean;
}

export type Case = Omit<CorpusCase, "category">;
export type Extra = Omit<Case, "say" | "intent">;

export const each = (intent: Intent, utterances: readonly string[], extra: Extra = {}): Case[] =>
  utterances.map((say) => ({ say, intent, ...extra }));
export const order = (say: string, ...tab: string[]): Case => ({ say, intent: "ORDER", tab });
export const after = (given: readonly string[], say: string, intent: Intent, tab?: readonly string[]): Case =>
  tab ? { given, say, intent, tab } : { given, say, intent };
export const tagged = (category: Category, cases: readonly Case[]): CorpusCase[] => cases.map((entry) => ({ category, ...entry }));
