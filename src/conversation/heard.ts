/**
 * Speech, not typing: a transcript comes with how sure the recognizer was and
 * what else the audio may have said. Two things follow, and nothing else
 * changes (typed text has no `Heard`, and its turns are exactly as before):
 *
 * 1. The reading chosen by the bar: among the recognizer's readings, the one
 *    the conversation understands best (a drink on the menu with its count, a
 *    known request, an answer to Maya's question); ties keep the recognizer's order.
 * 2. Never a charge for a mishearing: when the recognizer was unsure, when the
 *    bar chose another reading than the recognizer's first, or when the
 *    readings disagree on what to pour, drinks are not poured at once. The turn
 *    is acted out on a watched bar that stops at the first pour, and what it
 *    would have poured becomes one question instead ("Five Gins, is that
 *    right?"): a yes pours it (the ORDER question the yes/no handling already
 *    answers), "no, four IPAs" corrects it. The rest of that turn is dropped (an
 *    order's second drink still to be asked about, a tip said with it): the
 *    guest says it again once the drinks are settled.
 */
import type { BarPort, LineQuantity, OrderLine, PaymentView, SessionView } from "./bar-port.js";
import type { DialogueState, PendingQuestion } from "./dialogue-state.js";
import { badInput } from "../errors.js";
import { draftsOf } from "./acts/order.js";
import { understandTurn, type TurnReading } from "./interpret.js";
import type { MenuIndex } from "./menu-matcher.js";
import { capitalise, drinkPhrase, listJoin, mergedLines } from "./replies.js";
import type { Understanding } from "./understanding.js";
import { cleanUtterance, MAX_UTTERANCE_LENGTH } from "./utterance.js";

/** How an utterance was heard, besides its words (which are `say`'s text). */
export interface Heard {
  /** 0-1, the recognizer's; null when it gave none. */
  confidence: number | null;
  /** Other readings of the same audio, most likely first. */
  alternatives: readonly string[];
}

/** Readings of one utterance `say` accepts: the recognizers give four at most. */
export const MAX_HEARD_ALTERNATIVES = 4;

/**
 * An order heard with less confidence than this is confirmed before it is poured. Chosen on the
 * spoken corpus's tuning voices (espeak-ng and flite; bench/RESULTS.md, issue 21): pocketsphinx's
 * word posteriors left wrong charges at every threshold tried below 1 (27 of 2,096 clean
 * recognitions at 0.5, 4 at 0.9; some misheard words had a posterior of 1.000), and none at 1.01.
 * So, for now, no confidence vouches for a pour: every order heard is confirmed, and a recognizer
 * that gives no confidence vouches for nothing either. A recognizer whose confidence is shown to
 * separate right from wrong on the corpus may earn a lower one.
 */
export const CONFIRM_BELOW = 1.01;

/** The `heard` argument checked: a confidence between 0 and 1 (or none), a few readings, each an utterance. */
export function cleanHeard(value: { confidence?: number | null; alternatives?: readonly string[] | null }): Heard {
  const confidence = value.confidence ?? null;
  if (confidence !== null && !(Number.isFinite(confidence) && confidence >= 0 && confidence <= 1)) {
    throw badInput("heard.confidence must be between 0 and 1.", { reason: "BAD_CONFIDENCE" });
  }
  const alternatives = value.alternatives ?? [];
  if (alternatives.length > MAX_HEARD_ALTERNATIVES) {
    throw badInput(`heard.alternatives can hold at most ${MAX_HEARD_ALTERNATIVES} readings.`, { reason: "TOO_MANY_ALTERNATIVES", maxAlternatives: MAX_HEARD_ALTERNATIVES });
  }
  if (alternatives.some((text) => typeof text !== "string" || [...text].length > MAX_UTTERANCE_LENGTH)) {
    throw badInput(`An alternative can be at most ${MAX_UTTERANCE_LENGTH} characters.`, { reason: "UTTERANCE_TOO_LONG", maxLength: MAX_UTTERANCE_LENGTH });
  }
  // An empty reading says nothing: dropped, not refused (a recognizer may hear silence one way).
  return { confidence, alternatives: alternatives.filter((text) => text.trim() !== "").map(cleanUtterance) };
}

/** One reading of the utterance, as the conversation understands it. */
export interface HeardReading extends TurnReading {
  utterance: string;
  /** Whether drinks it pours wait for the guest's yes. */
  doubt: boolean;
}

/** What a reading would pour, as a comparable key, or null when it pours nothing. */
function pourKey(understanding: Understanding): string | null {
  switch (understanding.intent) {
    case "ORDER":
      if (understanding.drafts.length === 0) return null;
      return understanding.drafts.map((draft) => `${[...draft.candidates].sort().join("|")}x${draft.quantity}`).sort().join(",");
    case "REPEAT_ORDER":
      return `again x${understanding.quantity ?? 1}`;
    case "REPLACE":
    case "CHANGE_QUANTITY":
      return JSON.stringify(understanding);
    default:
      return null;
  }
}

/**
 * How well the conversation understands a reading: an answer to Maya's question or an order of
 * drinks on the menu best, any other request next, small talk little, nothing understood least.
 * Drinks the bar does not have count against an order (a mishearing is likelier than an odd drink).
 */
export function understood({ understanding, answered }: TurnReading): number {
  const base = (() => {
    switch (understanding.intent) {
      case "UNKNOWN":
        return 0;
      case "SMALL_TALK":
      case "GREET":
      case "MENTION":
        return 1;
      case "ORDER":
        return understanding.drafts.length === 0 ? 1 : understanding.unknown.length > 0 ? 2 : 3;
      default:
        return 2;
    }
  })();
  return base + (answered !== null ? 1 : 0);
}

/**
 * The reading the bar chooses (the recognizer's first unless another is understood better), and
 * whether what it pours must be confirmed.
 */
export function readHeard(
  text: string,
  heard: Heard,
  state: DialogueState,
  index: MenuIndex,
  options: { chooseByBar?: boolean; confirmBelow?: number } = {},
): HeardReading {
  const readings = [text, ...heard.alternatives].map((utterance) => ({ utterance, ...understandTurn(utterance, state, index) }));
  const first = readings[0] as (typeof readings)[number];
  let chosen = first;
  if (options.chooseByBar !== false) {
    for (const reading of readings) if (understood(reading) > understood(chosen)) chosen = reading;
  }
  const key = pourKey(chosen.understanding);
  const unsure = heard.confidence === null || heard.confidence < (options.confirmBelow ?? CONFIRM_BELOW);
  // Another reading that pours something else: the audio may have asked for either.
  const disagree = key !== null && readings.some((reading) => {
    const other = pourKey(reading.understanding);
    return other !== null && other !== key;
  });
  return { ...chosen, doubt: unsure || chosen !== first || disagree };
}

/**
 * Maya's own proposal answered: the pending question named exactly these drinks (her "is that
 * right?" or an offer of one drink), so pouring them is what she asked a yes for, not a new hearing.
 */
export function pursuesProposal(state: DialogueState, answered: TurnReading["answered"], lines: readonly OrderLine[]): boolean {
  const pending = state.pending;
  if (answered !== "PENDING" || pending?.kind !== "ORDER" || !pending.confirm) return false;
  const key = (id: string, quantity: number, modifiers: readonly string[]) => `${id}x${quantity} ${[...modifiers].sort().join(",")}`;
  const proposed = pending.drafts.map((draft) => (draft.candidates.length === 1 ? key(draft.candidates[0] as string, draft.quantity, draft.modifiers) : null));
  if (proposed.includes(null)) return false;
  const poured = mergedLines(lines).map((line) => key(line.menuItemId, line.quantity, line.modifiers));
  return poured.every((line) => proposed.includes(line));
}

/** Thrown by a watched bar when an act would put drinks on the tab: they are asked about instead. */
export class PourWithheld extends Error {
  constructor(
    readonly added: readonly OrderLine[],
    readonly removed: readonly OrderLine[],
    /** When every drink added is more of a line already on the tab ("make that three"): those lines as they would be. */
    readonly raisedTo: readonly OrderLine[] | null = null,
  ) {
    super("A heard order waits for its confirmation.");
    this.name = "PourWithheld";
  }
}

/**
 * The turn's bar, watched: the first change that would put drinks on the tab (a new line, or more
 * of one) is not made; PourWithheld carries it (and what it would have taken off with it) out of
 * the act, whatever the backend holds or applies. Everything else passes through, so a heard
 * question, removal or payment is answered as typed; a locked tab still refuses in its own words.
 */
export class WatchedBar implements BarPort {
  constructor(private readonly inner: BarPort) {}

  menu() {
    return this.inner.menu();
  }
  snapshot(sessionId: string): Promise<SessionView> {
    return this.inner.snapshot(sessionId);
  }
  addItems(sessionId: string, lines: OrderLine[]): Promise<SessionView> {
    return this.editLines(sessionId, { set: [], add: lines });
  }
  setLineQuantities(sessionId: string, changes: readonly LineQuantity[]): Promise<SessionView> {
    return this.editLines(sessionId, { set: changes, add: [] });
  }
  async editLines(sessionId: string, edit: { set: readonly LineQuantity[]; add: readonly OrderLine[] }): Promise<SessionView> {
    const { tab } = await this.inner.snapshot(sessionId);
    const more: OrderLine[] = edit.add.map((line) => ({ ...line, modifiers: [...line.modifiers] }));
    const fewer: OrderLine[] = [];
    const raised: OrderLine[] = [];
    for (const { tabItemId, quantity } of edit.set) {
      const line = tab.items.find((item) => item.id === tabItemId);
      if (!line) continue;
      const entry = { menuItemId: line.menuItemId, modifiers: [...line.modifiers] };
      if (quantity > line.quantity) {
        more.push({ ...entry, quantity: quantity - line.quantity });
        raised.push({ ...entry, quantity });
      }
      if (quantity < line.quantity) fewer.push({ ...entry, quantity: line.quantity - quantity });
    }
    const onlyRaised = edit.add.length === 0 && fewer.length === 0;
    if (more.length > 0 && tab.status !== "PAYMENT_PENDING") throw new PourWithheld(more, fewer, onlyRaised ? raised : null);
    return edit.set.length === 0 ? this.inner.addItems(sessionId, [...edit.add]) : edit.add.length === 0 ? this.inner.setLineQuantities(sessionId, edit.set) : this.inner.editLines(sessionId, edit);
  }
  setTip(sessionId: string, tip: Parameters<BarPort["setTip"]>[1]): Promise<SessionView> {
    return this.inner.setTip(sessionId, tip);
  }
  checkout(sessionId: string): Promise<PaymentView> {
    return this.inner.checkout(sessionId);
  }
  latestPayment(sessionId: string): Promise<PaymentView | null> {
    return this.inner.latestPayment(sessionId);
  }
}

/**
 * The question that holds a heard order: its drinks ("Five IPAs"), what they replace ("A Negroni
 * instead"), or a line brought up ("Three Martinis in all"); a yes pours the drinks added.
 */
export function confirmation(withheld: Pick<PourWithheld, "added" | "removed" | "raisedTo">, index: MenuIndex): { text: string; pending: PendingQuestion } {
  const lines = mergedLines(withheld.added);
  const replaces = withheld.removed;
  const phrase = (said: readonly OrderLine[]) =>
    listJoin(mergedLines(said).flatMap((line) => {
      const item = index.byId.get(line.menuItemId);
      return item ? [drinkPhrase(item, line.quantity, line.modifiers)] : [];
    }));
  const drinks = withheld.raisedTo ? `${phrase(withheld.raisedTo)} in all` : `${phrase(lines)}${replaces.length > 0 ? " instead" : ""}`;
  const drafts = draftsOf(lines);
  return {
    text: `${capitalise(drinks)}, is that right?`,
    pending: { kind: "ORDER", drafts, confirm: true, ordered: true, ...(replaces.length > 0 ? { replaces: [...replaces] } : {}) },
  };
}
