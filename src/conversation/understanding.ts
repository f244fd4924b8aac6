/**
 * What Maya understood from one utterance: the intent and its slots. The
 * intent names are returned to clients as `Reply.intent`; the dialogue act
 * behind them (request, question, statement...) is read in clauses.ts.
 */
import type { MenuCategory, Modifier } from "../bar/menu-catalog.js";
import type { OrderLine, TipChoice } from "./bar-port.js";
import type { DraftLine } from "./drafts.js";
import type { TipRefusal } from "./refusals.js";

/**
 * A tip worked out on the tab when acting: "round it up" brings the total up to the next whole dollar
 * (`toCents` null), "round it up to 20" to $20.00 (`toCents` 2000).
 */
export interface RoundUp {
  toCents: number | null;
}

/** Which end of the prices a question asks for. */
export type PriceExtreme = "CHEAPEST" | "DEAREST";

/** A tip as asked for: the choice, a round-up, or why it cannot be set. */
export interface TipAsked {
  tip: TipChoice | null;
  refusal: TipRefusal | null;
  roundUp?: RoundUp;
}

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
  /**
   * A tip asked about, not asked for ("what would 20% be?", "how much is a 15 percent tip on that?"):
   * Maya says the amount and offers to add it; a "yes" next turn sets it. Never changes the tab itself.
   */
  "QUOTE_TIP",
  "PAY",
  "PAYMENT_STATUS",
  "SMALL_TALK",
  "HELP",
  "GOODBYE",
  /**
   * The guest declined: the question Maya asked ("never mind", "no thanks"), or a drink
   * ("I'm not having the manhattan", "no more IPAs for me"). Nothing changes.
   */
  "CANCEL",
  "UNKNOWN",
  /**
   * A drink mentioned but not asked for: an opinion ("that cosmo looks amazing"), the past ("I had
   * a negroni in Rome"), someone else ("my sister swears by negronis"), a hypothetical or a
   * hesitation ("I might get a martini later"). Maya answers in words and, unless the guest spoke
   * against the drink, offers it; a "yes" then pours it. Never changes the tab itself.
   */
  "MENTION",
  /**
   * "Never mind", "scratch that" right after a turn that changed the tab: that turn's change is
   * taken back in one edit (one version, one event). Taking back a removal puts nothing back
   * unasked: Maya offers to.
   */
  "UNDO",
  /**
   * "Make that a martini (instead)", "swap the IPA for a lager", "sorry, I meant a cosmo": the last
   * order (or the named drink) is replaced in one edit (one version, one event).
   */
  "REPLACE",
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
  | "PAYING_HOW"
  | "FEELING";

export interface RemoveLine {
  candidates: string[];
  category: MenuCategory | null;
  /** Null when no number was said: "remove the martini" removes every martini. */
  quantity: number | null;
  modifiers: Modifier[];
  /** Said to be made no special way ("the plain martini"): only lines without modifiers. */
  plain?: true;
}

export type RemoveTarget =
  | { kind: "LINES"; lines: RemoveLine[] }
  /** The last order; `quantity` drinks of its last line ("scratch one of those"), or all of it when null. */
  | { kind: "LAST_ORDER"; quantity: number | null }
  /** The drink on the tab made so ("take the neat one off"): `quantity` of it, or all of it when null. */
  | { kind: "MADE"; modifiers: Modifier[]; quantity: number | null }
  | { kind: "EVERYTHING" };

/** A drink to pour instead, knowing whether its count was said ("make those lagers" keeps the count). */
export interface ReplacementDraft extends DraftLine {
  quantitySaid: boolean;
}

export type ReplaceTarget =
  /** The line of the last order the new drink stands for: the same drink, else one of its kind, else the last. */
  | { kind: "LAST_ORDER" }
  /**
   * These lines exactly (a replacement that needed a question first, or units pointed at by how they are
   * made). `asSaid`: the new drinks take nothing from the old ones ("make the dry one a manhattan").
   */
  | { kind: "LINES"; lines: OrderLine[]; asSaid?: true }
  /**
   * A drink named on the tab ("swap the martini for a manhattan"): found on the tab when acting.
   * `asSaid`: the new drinks are exactly as said, taking nothing from the old one ("take off the
   * IPA and add a negroni" is one negroni, whatever the IPA's count).
   */
  | { kind: "NAMED"; line: RemoveLine; asSaid?: boolean }
  /** Everything on the tab: "start again: twelve lagers and twenty lemonades". */
  | { kind: "EVERYTHING" };

/** How the guest feels about a drink they mentioned: only FOR and NEUTRAL mentions get an offer. */
export type MentionStance = "FOR" | "AGAINST" | "NEUTRAL";
/** What kind of telling the mention was, for the words of the answer; null when not said as a statement. */
export type MentionKind = "PAST" | "OTHER" | "OPINION" | "HYPOTHETICAL" | "TENTATIVE" | "LATER" | "HABIT" | null;


/** A drink or a family of drinks the guest asked about. */
export interface Subject {
  itemIds: string[];
  category: MenuCategory | null;
  /** Drinks the bar does not serve ("margarita"). */
  unknown: string[];
}

export type Understanding =
  | { intent: "GREET" }
  /** `tip`: a tip asked for beside the order ("two martinis and a 15% tip"), set once the order is poured. */
  | { intent: "ORDER"; drafts: DraftLine[]; unknown: string[]; tip?: TipAsked }
  /** `modifiers`: how the repeat is made now ("another one, neat this time"), over how it was. */
  /** `itemIds`: the drinks named ("same again on the pints"): their lines on the tab, poured again. */
  | { intent: "REPEAT_ORDER"; scope: "LINE" | "ORDER"; quantity: number | null; modifiers?: Modifier[]; itemIds?: string[] }
  | { intent: "REMOVE"; target: RemoveTarget }
  /** `itemIds` null: the last ordered line ("make that three"). */
  /** `orPour`: a drink not on the tab is poured that many times ("just one martini then", said fresh). */
  | { intent: "CHANGE_QUANTITY"; itemIds: string[] | null; quantity: number; orPour?: DraftLine }
  /**
   * Serving words for drinks already poured ("dirty", "with a chaser too", "can one of them be on the
   * rocks?"): the last order's drinks that take them (`itemIds`: those named), every one of them
   * when `all` ("make them all dirty"), else the last; `quantity` of its units only ("one of them").
   */
  /** `madeAs`: how the drink meant is made now ("the neat one"): only a line made so is changed. */
  /** `unmade`: how the drinks are no longer to be made ("dirty, not dry"). */
  | { intent: "MODIFY"; modifiers: Modifier[]; itemIds?: string[]; quantity?: number; all?: boolean; madeAs?: Modifier[]; unmade?: Modifier[] }
  | { intent: "SHOW_TAB" }
  /** `asked`: drinks the guest asked whether the balance covers ("do I have enough for a martini?"). */
  | { intent: "SHOW_BALANCE"; asked: DraftLine[] }
  /** `quality`: what was asked of the drink ("is the manhattan strong?"), answered before it is described. */
  | { intent: "MENU"; subject: Subject; asked?: DraftLine[]; quality?: DrinkQuality }
  /** `asked`: the drinks as said, with their counts ("how much would two martinis and a negroni come to?"). */
  /** `extreme`: "what's the cheapest cocktail?", "your priciest drink": the one drink at that end of the prices asked for. */
  | { intent: "PRICE"; subject: Subject; asked?: DraftLine[]; extreme?: PriceExtreme }
  | { intent: "RECOMMEND"; mood: Mood | null; category: MenuCategory | null }
  | ({ intent: "SET_TIP" } & TipAsked)
  | ({ intent: "QUOTE_TIP" } & TipAsked)
  /** `tip`: a tip asked for with the payment ("add 20% and close me out"), set before it. */
  | { intent: "PAY"; tip?: TipAsked }
  | { intent: "PAYMENT_STATUS" }
  | { intent: "SMALL_TALK"; topic: SmallTalkTopic }
  | { intent: "HELP" }
  | { intent: "GOODBYE" }
  /** `itemIds`: the drinks declined, if any were named. */
  | { intent: "CANCEL"; itemIds: string[] }
  | { intent: "UNKNOWN" }
  /** `modifiers`: how the drink was said to be made ("my wife loves a dirty martini"): an offer keeps them. */
  | { intent: "MENTION"; subject: Subject; quantity: number; stance: MentionStance; kind: MentionKind; modifiers?: Modifier[] }
  | { intent: "UNDO" }
  | { intent: "REPLACE"; target: ReplaceTarget; drafts: ReplacementDraft[]; unknown: string[] };

/** What a guest asks a drink is like: "is it strong?", "is the cosmo sweet?" (the menu's tags say). */
export type DrinkQuality = "strong" | "sweet" | "bitter" | "fruity" | "refreshing";
