/**
 * One conversational turn: validate the utterance, load the dialogue state,
 * understand, act through the BarPort (the same services as the GraphQL
 * mutations, so the same money rules), answer in words, store the turn.
 * Domain failures become words; only bad input (empty or too long) throws.
 * The service does not lock: the backend serialises turns per session.
 */
import type { MenuCategory, MenuItem, Modifier } from "../bar/menu-catalog.js";
import { DomainError, badInput } from "../errors.js";
import { TurnConflict, type BarPort, type ConversationBackend, type OrderLine, type SessionView, type TabLineView } from "./bar-port.js";
import { parseState, serialiseState, type DialogueState, type PendingQuestion } from "./dialogue-state.js";
import {
  MAX_QUANTITY,
  draftProblem,
  openQuestion,
  quantityOutOfRange,
  toOrderLines,
  withoutProblem,
  type DraftLine,
} from "./drafts.js";
import { understand } from "./interpret.js";
import { closestItems, menuIndex, type MenuIndex } from "./menu-matcher.js";
import { isModifier, modifierProblem, replaceModifiers } from "./modifiers.js";
import { seededRng, type Rng } from "./random.js";
import { Replies } from "./replies.js";
import { DEFAULT_BAR_NAME, toSpeech, type Pronunciation } from "./speech.js";
import {
  SURPRISE,
  type Intent,
  type Mood,
  type RemoveLine,
  type RemoveTarget,
  type Subject,
  type Understanding,
} from "./understanding.js";

export const MAX_UTTERANCE_LENGTH = 500;
/** A turn whose session keeps changing under it (another instance, a payment) is understood again, this many times at most. */
const MAX_TURN_ATTEMPTS = 10;

export interface TurnResult {
  /** What Maya says, for display. */
  text: string;
  /** The same words prepared for a speech synthesizer. */
  speech: string;
  intent: Intent;
  /** The payment this turn started or reported, if any. */
  paymentId: string | null;
  /** The session after the turn. */
  session: SessionView;
}

export interface ConversationOptions {
  /** The bar's name as written in replies and as spoken. */
  barName?: Pronunciation;
}

/** What a turn did, before it is stored and returned. */
interface Outcome {
  text: string;
  paymentId?: string | null;
  pending?: PendingQuestion | null;
  lastOrder?: OrderLine[];
  focusItemId?: string | null;
}

export class ConversationService {
  private readonly barName: Pronunciation;

  constructor(
    private readonly backend: ConversationBackend,
    options: ConversationOptions = {},
  ) {
    this.barName = options.barName ?? DEFAULT_BAR_NAME;
  }

  async say(sessionId: string, text: string): Promise<TurnResult> {
    const utterance = validUtterance(text);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.turn(sessionId, utterance);
        if (result) return result;
      } catch (error) {
        if (!(error instanceof TurnConflict)) throw error;
      }
      if (attempt >= MAX_TURN_ATTEMPTS) throw new Error(`The session changed under ${MAX_TURN_ATTEMPTS} attempts at one turn.`);
    }
  }

  /** One attempt at the turn; null when the session changed before it could be stored (nothing was). */
  private async turn(sessionId: string, utterance: string): Promise<TurnResult | null> {
    const open = await this.backend.begin(sessionId);
    const index = menuIndex(this.backend.menu());
    const state = parseState(open.storedState);
    const turn = state.turn + 1;
    const understanding = understand(utterance, state, index);
    const rng = seededRng(sessionId, turn);
    const replies = new Replies(rng, index, this.barName);
    const work = new Turn(open.bar, sessionId, index, state, rng, replies);
    const outcome = await work.run(understanding);
    const session = await work.current();
    const next: DialogueState = {
      turn,
      pending: outcome.pending ?? null,
      lastOrder: outcome.lastOrder ?? state.lastOrder,
      focusItemId: outcome.focusItemId === undefined ? state.focusItemId : outcome.focusItemId,
    };
    const reply = [outcome.text, open.notes()].filter((words): words is string => Boolean(words)).join(" ");
    if (!(await open.commit({ utterance, reply, state: serialiseState(next) }))) return null;
    return {
      text: reply,
      speech: toSpeech(reply, this.barName),
      intent: understanding.intent,
      paymentId: outcome.paymentId ?? null,
      session,
    };
  }
}

function validUtterance(text: string): string {
  if (typeof text !== "string") throw badInput("Say something: text is required.");
  const trimmed = text.trim();
  if (trimmed.length === 0) throw badInput("Say something: the text is empty.", { reason: "EMPTY_UTTERANCE" });
  if (text.length > MAX_UTTERANCE_LENGTH) {
    throw badInput(`An utterance can be at most ${MAX_UTTERANCE_LENGTH} characters.`, {
      reason: "UTTERANCE_TOO_LONG",
      maxLength: MAX_UTTERANCE_LENGTH,
    });
  }
  return trimmed;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** A change to the tab: a line's new quantity (0 removes it). */
interface LineChange {
  line: TabLineView;
  quantity: number;
}

const offer = (itemIds: readonly string[], quantity = 1): PendingQuestion => ({
  kind: "ORDER",
  drafts: [{ candidates: [...itemIds], category: null, quantity, modifiers: [], softModifiers: [] }],
  confirm: true,
});

/** What Maya suggests when no mood is given or none fits: a menu tag. */
const HOUSE_MOOD = "classy";

const sameModifiers = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join("|") === [...b].sort().join("|");

/**
 * The work of one turn. The session is read at most once: every change to the tab returns the
 * session after it, which is kept, so the turn's result never needs a second read.
 */
class Turn {
  /** The session as last read or returned by a change; null when unknown (after checkout). */
  private session: SessionView | null = null;

  constructor(
    private readonly bar: BarPort,
    private readonly sessionId: string,
    private readonly index: MenuIndex,
    private readonly state: DialogueState,
    private readonly rng: Rng,
    private readonly replies: Replies,
  ) {}

  async current(): Promise<SessionView> {
    this.session ??= await this.bar.snapshot(this.sessionId);
    return this.session;
  }

  private async attempt<T>(action: () => Promise<T>): Promise<Attempt<T>> {
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error };
      throw error;
    }
  }

  /** A change to the tab, keeping the session it returns. */
  private async change(action: () => Promise<SessionView>): Promise<Attempt<SessionView>> {
    const result = await this.attempt(action);
    if (result.ok) this.session = result.value;
    return result;
  }

  run(understanding: Understanding): Promise<Outcome> | Outcome {
    switch (understanding.intent) {
      case "ORDER":
        return this.order(understanding.drafts, understanding.unknown);
      case "REPEAT_ORDER":
        return this.repeat(understanding.scope, understanding.quantity);
      case "REMOVE":
        return this.remove(understanding.target);
      case "CHANGE_QUANTITY":
        return this.changeQuantity(understanding.itemIds, understanding.quantity);
      case "MODIFY":
        return this.modify(understanding.modifiers);
      case "SHOW_TAB":
        return this.current().then((session) => ({ text: this.replies.tab(session) }));
      case "SHOW_BALANCE":
        return this.current().then((session) => ({ text: this.replies.balance(session) }));
      case "MENU":
        return this.menu(understanding.subject);
      case "PRICE":
        return this.price(understanding.subject);
      case "RECOMMEND":
        return this.recommend(understanding.mood, understanding.category);
      case "SET_TIP":
        return this.setTip(understanding);
      case "PAY":
        return this.pay();
      case "PAYMENT_STATUS":
        return this.paymentStatus();
      case "GREET":
        return { text: this.replies.greet() };
      case "SMALL_TALK":
        return { text: this.replies.smallTalk(understanding.topic) };
      case "HELP":
        return { text: this.replies.help() };
      case "GOODBYE":
        return this.current().then((session) => ({ text: this.replies.goodbye(session) }));
      case "CANCEL":
        return { text: this.replies.cancelled() };
      case "UNKNOWN":
        return { text: this.replies.unknown() };
    }
  }

  /** Words for a failed change to the tab; nothing changed. */
  private async refusal(error: DomainError): Promise<Outcome> {
    switch (error.code) {
      case "INSUFFICIENT_FUNDS": {
        const { balanceCents, neededCents } = error.details;
        const balance = typeof balanceCents === "number" ? balanceCents : (await this.current()).balanceCents;
        return { text: this.replies.cannotAfford(typeof neededCents === "number" ? neededCents : null, balance) };
      }
      case "TAB_LOCKED":
        return { text: this.replies.tabLocked() };
      case "PAYMENT_PROVIDER_UNAVAILABLE":
        return { text: this.replies.providerDown() };
      default: {
        const { reason, menuItemId, modifier } = error.details;
        if (reason === "EMPTY_TAB") return { text: this.replies.emptyTabCheckout() };
        if (reason === "QUANTITY_OUT_OF_RANGE") return { text: this.replies.quantityRefused(MAX_QUANTITY + 1) };
        const item = typeof menuItemId === "string" ? this.index.byId.get(menuItemId) : undefined;
        if (item && reason === "MODIFIER_NOT_ACCEPTED" && typeof modifier === "string" && isModifier(modifier)) {
          return { text: this.replies.modifierRefused({ item, problem: { kind: "NOT_ACCEPTED", modifier }, draftIndex: 0 }, null, false) };
        }
        return { text: error.code === "NOT_FOUND" ? this.replies.notAvailable(item ?? null) : this.replies.cannotPour() };
      }
    }
  }

  /**
   * An order, or the question it needs first. While a payment is pending the tab is locked, so
   * Maya says so at once rather than asking a question whose answer she would have to refuse.
   */
  private async order(drafts: DraftLine[], unknown: readonly string[]): Promise<Outcome> {
    const outcome = await this.orderOrAsk(drafts, unknown);
    if (outcome.pending?.kind === "ORDER" && (await this.current()).tab.status === "PAYMENT_PENDING") {
      return { text: this.replies.tabLocked() };
    }
    return outcome;
  }

  private async orderOrAsk(drafts: DraftLine[], unknown: readonly string[]): Promise<Outcome> {
    const [missing] = unknown;
    if (missing !== undefined) {
      const closest = closestItems(missing, this.index, 2);
      if (drafts.length > 0) {
        return { text: this.replies.unknownDrink(missing, closest, drafts), pending: { kind: "ORDER", drafts, confirm: true } };
      }
      return { text: this.replies.unknownDrink(missing, closest), pending: offer(closest.map((item) => item.id)) };
    }
    const excess = quantityOutOfRange(drafts);
    if (excess !== null) return { text: this.replies.quantityRefused(excess) };
    const question = openQuestion(drafts, this.index);
    if (question?.kind === "WHICH_ITEM") {
      return { text: this.replies.askWhich(question), pending: { kind: "ORDER", drafts, confirm: false } };
    }
    const problem = draftProblem(drafts, this.index);
    if (problem) {
      const fixed = withoutProblem(drafts, problem);
      const next = openQuestion(fixed, this.index);
      return { text: this.replies.modifierRefused(problem, next), pending: { kind: "ORDER", drafts: fixed, confirm: next === null } };
    }
    if (question?.kind === "SERVING") {
      return { text: this.replies.askServing(question), pending: { kind: "ORDER", drafts, confirm: false } };
    }
    const lines = toOrderLines(drafts, this.index);
    if (!lines || lines.length === 0) return { text: this.replies.unknown() };
    const added = await this.change(() => this.bar.addItems(this.sessionId, lines));
    if (!added.ok) return this.refusal(added.error);
    const last = lines[lines.length - 1] as OrderLine;
    return { text: this.replies.ordered(lines, added.value), lastOrder: lines, focusItemId: last.menuItemId };
  }

  private repeat(scope: "LINE" | "ORDER", quantity: number | null): Promise<Outcome> | Outcome {
    const known = this.state.lastOrder.filter((line) => this.index.byId.has(line.menuItemId));
    const last = known[known.length - 1];
    if (!last) return { text: this.replies.nothingToRepeat() };
    const lines = scope === "ORDER" ? known : [{ ...last, quantity: quantity ?? 1 }];
    const drafts = lines.map((line) => ({
      candidates: [line.menuItemId],
      category: null,
      quantity: line.quantity,
      modifiers: line.modifiers.filter(isModifier),
      softModifiers: [],
    }));
    return this.order(drafts, []);
  }

  /** Lines of the tab holding `itemId` (with exactly `modifiers` when some lines match them), newest first. */
  private linesOf(lines: readonly TabLineView[], itemId: string, modifiers: readonly string[] | null): TabLineView[] {
    const ofItem = lines.filter((line) => line.menuItemId === itemId);
    const exact = modifiers === null ? [] : ofItem.filter((line) => sameModifiers(line.modifiers, modifiers));
    return (exact.length > 0 ? exact : ofItem).reverse();
  }

  /** Changes that take `count` drinks (all, when null) off these lines, newest first. */
  private reductions(lines: readonly TabLineView[], count: number | null): LineChange[] {
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

  /** Applies the changes one by one; at the first refusal, stops and returns the words for it. */
  private async applyChanges(changes: readonly LineChange[]): Promise<Outcome | null> {
    const result = await this.change(() =>
      this.bar.setLineQuantities(
        this.sessionId,
        changes.map(({ line, quantity }) => ({ tabItemId: line.id, quantity })),
      ),
    );
    if (!result.ok) return this.refusal(result.error);
    return null;
  }

  private async removeChanges(changes: readonly LineChange[], lastOrder?: OrderLine[]): Promise<Outcome> {
    const refused = await this.applyChanges(changes);
    if (refused) return refused;
    const removed = changes.map(({ line, quantity }) => ({
      menuItemId: line.menuItemId,
      quantity: line.quantity - quantity,
      modifiers: line.modifiers,
    }));
    return { text: this.replies.removed(removed, await this.current()), ...(lastOrder ? { lastOrder } : {}) };
  }

  private async remove(target: RemoveTarget): Promise<Outcome> {
    const lines = (await this.current()).tab.items;
    if (lines.length === 0) return { text: this.replies.tabAlreadyEmpty() };
    switch (target.kind) {
      case "EVERYTHING": {
        const refused = await this.applyChanges(lines.map((line) => ({ line, quantity: 0 })));
        return refused ?? { text: this.replies.clearedAll(await this.current()), lastOrder: [] };
      }
      case "LAST_ORDER": {
        const changes = this.state.lastOrder.flatMap((ordered) =>
          this.reductions(this.linesOf(lines, ordered.menuItemId, ordered.modifiers), ordered.quantity),
        );
        if (changes.length === 0) return { text: this.replies.nothingRecent() };
        return this.removeChanges(changes, []);
      }
      case "LINES":
        return this.removeLines(target.lines, lines);
    }
  }

  private async removeLines(targets: readonly RemoveLine[], lines: readonly TabLineView[]): Promise<Outcome> {
    const changes: LineChange[] = [];
    for (const target of targets) {
      const present = target.candidates.filter((id) => lines.some((line) => line.menuItemId === id));
      const [only, ...others] = present;
      if (only === undefined) return { text: this.replies.notOnTab(target.candidates, target.category) };
      if (others.length > 0) {
        return { text: this.replies.askWhichToRemove(present), pending: { kind: "REMOVE", candidates: present, quantity: target.quantity } };
      }
      const modifiers = target.modifiers.length > 0 ? target.modifiers : null;
      changes.push(...this.reductions(this.linesOf(lines, only, modifiers), target.quantity));
    }
    return this.removeChanges(changes);
  }

  private async changeQuantity(itemIds: string[] | null, quantity: number): Promise<Outcome> {
    if (quantity > MAX_QUANTITY) return { text: this.replies.quantityRefused(quantity) };
    const lines = (await this.current()).tab.items;
    if (itemIds === null) return this.changeLastLine(quantity, lines);

    const itemId = itemIds.find((id) => lines.some((line) => line.menuItemId === id));
    if (itemId === undefined) {
      const item = this.index.byId.get(itemIds[0] as string);
      if (!item || quantity === 0) return { text: this.replies.notOnTab(itemIds, null) };
      return { text: this.replies.offerToAdd(item, quantity), pending: offer([item.id], quantity) };
    }
    const ofItem = this.linesOf(lines, itemId, null);
    const total = ofItem.reduce((sum, line) => sum + line.quantity, 0);
    return this.applyDelta(this.index.byId.get(itemId) as MenuItem, ofItem, quantity - total, quantity, null);
  }

  /** "Make that three": the last ordered line goes from what was ordered to three, whatever else is on the tab. */
  private changeLastLine(quantity: number, lines: readonly TabLineView[]): Promise<Outcome> | Outcome {
    const last = this.state.lastOrder[this.state.lastOrder.length - 1];
    const item = last && this.index.byId.get(last.menuItemId);
    if (!last || !item) return { text: this.replies.changeWhat(quantity) };
    const matching = this.linesOf(lines, last.menuItemId, last.modifiers);
    if (matching.length === 0) return { text: this.replies.notOnTab([last.menuItemId], null) };
    const lastOrder = [...this.state.lastOrder.slice(0, -1), ...(quantity > 0 ? [{ ...last, quantity }] : [])];
    return this.applyDelta(item, matching, quantity - last.quantity, quantity, lastOrder);
  }

  private async applyDelta(
    item: MenuItem,
    newestFirst: readonly TabLineView[],
    delta: number,
    quantity: number,
    lastOrder: OrderLine[] | null,
  ): Promise<Outcome> {
    if (delta === 0) return { text: this.replies.alreadyThatMany(item, quantity) };
    const newest = newestFirst[0] as TabLineView;
    const changes = delta > 0 ? [{ line: newest, quantity: newest.quantity + delta }] : this.reductions(newestFirst, -delta);
    const refused = await this.applyChanges(changes);
    if (refused) return refused;
    const session = await this.current();
    const text =
      quantity === 0
        ? this.replies.removed([{ menuItemId: item.id, quantity: -delta, modifiers: [] }], session)
        : this.replies.changed(item, quantity, session);
    return { text, focusItemId: item.id, ...(lastOrder ? { lastOrder } : {}) };
  }

  /**
   * "Make it a double": the last order is poured again as asked and the first pour taken back.
   * The new drink is added first, so a balance that cannot cover it changes nothing.
   */
  private async modify(added: readonly Modifier[]): Promise<Outcome> {
    const last = this.state.lastOrder[this.state.lastOrder.length - 1];
    const item = last && this.index.byId.get(last.menuItemId);
    if (!last || !item) return { text: this.replies.modifyWhat() };
    const modifiers = replaceModifiers(last.modifiers.filter(isModifier), added);
    const problem = modifierProblem(item, modifiers);
    if (problem) return { text: this.replies.modifierRefused({ item, problem, draftIndex: 0 }, null, false) };
    if (sameModifiers(modifiers, last.modifiers)) return { text: this.replies.alreadyMadeThatWay(item, last.quantity, modifiers) };
    const previous = (await this.current()).tab.items
      .filter((line) => line.menuItemId === last.menuItemId && sameModifiers(line.modifiers, last.modifiers))
      .reverse();
    if (previous.length === 0) return { text: this.replies.notOnTab([last.menuItemId], null) };
    const replacement: OrderLine = { menuItemId: item.id, quantity: last.quantity, modifiers };
    const addition = await this.change(() => this.bar.addItems(this.sessionId, [replacement]));
    if (!addition.ok) return this.refusal(addition.error);
    const refused = await this.applyChanges(this.reductions(previous, last.quantity));
    if (refused) return refused;
    const lastOrder = [...this.state.lastOrder.slice(0, -1), replacement];
    return { text: this.replies.remade(replacement, await this.current()), lastOrder, focusItemId: item.id };
  }

  private unknownSubject(subject: Subject): Outcome | null {
    const [missing] = subject.unknown;
    if (missing === undefined || subject.itemIds.length > 0 || subject.category !== null) return null;
    const closest = closestItems(missing, this.index, 2);
    return { text: this.replies.unknownDrink(missing, closest), pending: offer(closest.map((item) => item.id)) };
  }

  private categoryOffer(category: MenuCategory): Outcome {
    const ids = (this.index.byCategory.get(category) ?? []).map((item) => item.id);
    return {
      text: this.replies.categoryMenu(category),
      pending: { kind: "ORDER", drafts: [{ candidates: ids, category, quantity: 1, modifiers: [], softModifiers: [] }], confirm: false },
    };
  }

  private menu(subject: Subject): Outcome {
    const items = subject.itemIds.flatMap((id) => this.index.byId.get(id) ?? []);
    const [first] = items;
    if (first) return { text: this.replies.describe(items), pending: offer(items.map((item) => item.id)), focusItemId: first.id };
    if (subject.category !== null) return this.categoryOffer(subject.category);
    return this.unknownSubject(subject) ?? { text: this.replies.wholeMenu() };
  }

  private price(subject: Subject): Outcome {
    const items = subject.itemIds.flatMap((id) => this.index.byId.get(id) ?? []);
    const [first] = items;
    if (first) return { text: this.replies.prices(items), pending: offer(items.map((item) => item.id)), focusItemId: first.id };
    if (subject.category !== null) return this.categoryOffer(subject.category);
    return this.unknownSubject(subject) ?? { text: this.replies.priceRange() };
  }

  /**
   * Two drinks for the mood (a menu tag), within the category when one was named and it has
   * any; a mood no drink has is answered like no mood at all, with the house's classy picks.
   */
  private recommend(mood: Mood | null, category: MenuCategory | null): Outcome {
    const inCategory = this.index.items.filter((item) => category === null || item.category === category);
    const preferring = (chosen: readonly MenuItem[], fallback: readonly MenuItem[]) => (chosen.length > 0 ? chosen : fallback);
    const tagged = (items: readonly MenuItem[], tag: string) => items.filter((item) => item.tags.includes(tag));
    let picks: MenuItem[];
    let said = mood;
    if (mood === SURPRISE) picks = this.rng.sample(inCategory, 1);
    else {
      const moodDrinks = mood === null ? [] : preferring(tagged(inCategory, mood), tagged(this.index.items, mood));
      if (moodDrinks.length === 0) said = null;
      picks = this.rng.sample(preferring(moodDrinks, preferring(tagged(inCategory, HOUSE_MOOD), inCategory)), 2);
    }
    const [first] = picks;
    return {
      text: this.replies.recommend(said, picks),
      pending: first ? offer(picks.map((item) => item.id)) : null,
      focusItemId: first?.id ?? null,
    };
  }

  private async setTip(understanding: Understanding & { intent: "SET_TIP" }): Promise<Outcome> {
    if (!understanding.tip) return { text: this.replies.tipRefused(understanding.refusal ?? "NO_AMOUNT") };
    const tip = understanding.tip;
    const result = await this.change(() => this.bar.setTip(this.sessionId, tip));
    if (!result.ok) {
      if (result.error.code === "BAD_USER_INPUT" && result.error.details.reason === "TIP_OUT_OF_RANGE") {
        return { text: this.replies.tipRefused("PERCENT_OUT_OF_RANGE") };
      }
      const { reason, subtotalCents } = result.error.details;
      if (reason === "TIP_ABOVE_SUBTOTAL" && typeof subtotalCents === "number") {
        return { text: this.replies.tipAboveSubtotal(subtotalCents) };
      }
      return this.refusal(result.error);
    }
    return { text: this.replies.tipSet(result.value) };
  }

  private async pay(): Promise<Outcome> {
    const result = await this.attempt(() => this.bar.checkout(this.sessionId));
    if (!result.ok) return this.refusal(result.error);
    // Checkout locks the tab: the session must be read again for the turn's result.
    this.session = null;
    return { text: this.replies.checkoutStarted(result.value), paymentId: result.value.id };
  }

  private async paymentStatus(): Promise<Outcome> {
    const payment = await this.bar.latestPayment(this.sessionId);
    return { text: this.replies.paymentStatus(payment), paymentId: payment?.id ?? null };
  }
}
