/** What Maya understood from one utterance: the intent and its slots. */
import type { MenuCategory, Modifier } from "../bar/menu-catalog.js";
import type { TipChoice } from "./bar-port.js";
import type { DraftLine } from "./drafts.js";
import type { TipRefusal } from "./refusals.js";

export const INTENTS = [
  "GREET",
  "ORDER",
  "REPEAT_ORDER",
  "REMOVE",
  "CHANGE_QUANTITY",
  /** Changing how the last order is made ("make it a double", "actually, on the rocks"). */
  "MODIFY",
  "SHOW_TAB",
  "SHOW_BALANCE",
  "MENU",
  "PRICE",
  "RECOMMEND",
  "SET_TIP",
  "PAY",
  "PAYMENT_STATUS",
  "SMALL_TALK",
  "HELP",
  "GOODBYE",
  /** The guest declined the question Maya asked ("never mind", "no thanks"). */
  "CANCEL",
  "UNKNOWN",
] as const;
export type Intent = (typeof INTENTS)[number];

/** Moods are menu tags ("fruity", "no alcohol"), plus "surprise" for anything at all. */
export type Mood = string;
export const SURPRISE: Mood = "surprise";

export type SmallTalkTopic =
  | "HOW_ARE_YOU"
  | "THANKS"
  | "WHO_ARE_YOU"
  | "JOKE"
  | "COMPLIMENT"
  | "ACKNOWLEDGE"
  | "SEAT"
  | "HOURS"
  | "RESTROOM"
  | "NOT_YET"
  | "FEELING";

export interface RemoveLine {
  candidates: string[];
  category: MenuCategory | null;
  /** Null when no number was said: "remove the martini" removes every martini. */
  quantity: number | null;
  modifiers: Modifier[];
}

export type RemoveTarget =
  | { kind: "LINES"; lines: RemoveLine[] }
  | { kind: "LAST_ORDER" }
  | { kind: "EVERYTHING" };


/** A drink or a family of drinks the guest asked about. */
export interface Subject {
  itemIds: string[];
  category: MenuCategory | null;
  /** Drinks the bar does not serve ("margarita"). */
  unknown: string[];
}

export type Understanding =
  | { intent: "GREET" }
  | { intent: "ORDER"; drafts: DraftLine[]; unknown: string[] }
  | { intent: "REPEAT_ORDER"; scope: "LINE" | "ORDER"; quantity: number | null }
  | { intent: "REMOVE"; target: RemoveTarget }
  /** `itemIds` null: the last ordered line ("make that three"). */
  | { intent: "CHANGE_QUANTITY"; itemIds: string[] | null; quantity: number }
  | { intent: "MODIFY"; modifiers: Modifier[] }
  | { intent: "SHOW_TAB" }
  | { intent: "SHOW_BALANCE" }
  | { intent: "MENU"; subject: Subject }
  | { intent: "PRICE"; subject: Subject }
  | { intent: "RECOMMEND"; mood: Mood | null; category: MenuCategory | null }
  | { intent: "SET_TIP"; tip: TipChoice | null; refusal: TipRefusal | null }
  | { intent: "PAY" }
  | { intent: "PAYMENT_STATUS" }
  | { intent: "SMALL_TALK"; topic: SmallTalkTopic }
  | { intent: "HELP" }
  | { intent: "GOODBYE" }
  | { intent: "CANCEL" }
  | { intent: "UNKNOWN" };
