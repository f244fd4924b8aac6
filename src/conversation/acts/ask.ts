/**
 * Questions answered in words: the menu or a drink on it, prices, advice,
 * the tab and the balance. None of them changes the tab; a question about a
 * drink leaves an offer pending ("Want one?") and the drink in focus.
 */
import type { MenuItem } from "../../bar/menu-catalog.js";
import { tipFor, unitPriceCents, type TipSetting } from "../../bar/tab-pricing.js";
import type { TabView } from "../bar-port.js";
import { isOwnOrderQuestion, type DialogueState } from "../dialogue-state.js";
import { effectiveModifiers, settledItem, type DraftLine } from "../drafts.js";
import { SURPRISE, type PriceExtreme, type Subject } from "../understanding.js";
import type { Act, ActTools, Outcome } from "./act.js";
import { categoryOffer, offer } from "./offer.js";
import { notOnMenu } from "./order.js";

/** What Maya suggests when no mood is given or none fits: a menu tag. */
const HOUSE_MOOD = "classy";

/**
 * Words about something the bar does not have, asked about or mentioned on its own: a drink we do
 * not pour, with the closest on offer; food and other goods are not sold here. Told in passing
 * (`asked` false), food needs no answer of Maya's ("I had pizza for dinner").
 */
export function unknownSubject(subject: Subject, tools: ActTools, asked = true): Outcome | null {
  if (subject.itemIds.length > 0 || subject.category !== null) return null;
  const missing = notOnMenu(subject.unknown, tools);
  return missing && (asked || missing.drinks) ? missing.alone : null;
}

export const itemsOf = (itemIds: readonly string[], tools: ActTools): MenuItem[] =>
  itemIds.flatMap((id) => tools.index.byId.get(id) ?? []);

/** The drinks the guest already asked for while Maya waits on a detail ("neat or on the rocks?"), just had poured, or has from the last order. */
function waitingDrinks(state: DialogueState): Set<string> {
  const ids = new Set<string>();
  for (const question of [state.pending, state.held]) {
    if (isOwnOrderQuestion(question) && question.kind !== "REMOVE") question.drafts.forEach((draft) => draft.candidates.forEach((id) => ids.add(id)));
  }
  // "Martini is with olive?" right after one was poured: asked about the drink in hand, not for another.
  if (state.lastEdit && state.lastEdit.turn === state.turn) state.lastEdit.added.forEach((line) => ids.add(line.menuItemId));
  // ("is the negroni stirred or shaken here", a change of the round later: the drinks of the last order are still in hand.)
  state.lastOrder.forEach((line) => ids.add(line.menuItemId));
  return ids;
}

/**
 * Words about the drinks asked about, an offer of them and the first in focus; a category lists its
 * drinks. Drinks the guest already asked for are not offered again: Maya asks her question instead.
 */
function aboutDrinks(
  subject: Subject,
  state: DialogueState,
  tools: ActTools,
  words: (items: MenuItem[], offering: boolean) => string,
  otherwise: () => string,
): Outcome {
  const items = itemsOf(subject.itemIds, tools);
  const [first] = items;
  const waiting = waitingDrinks(state);
  const offering = !items.every((item) => waiting.has(item.id));
  if (first) return { text: words(items, offering), ...(offering ? { pending: offer(items.map((item) => item.id)) } : {}), focusItemId: first.id };
  if (subject.category !== null) return categoryOffer(subject.category, tools);
  return unknownSubject(subject, tools) ?? { text: otherwise() };
}

export const menu: Act<"MENU"> = ({ subject, asked, quality }, state, _bar, tools) =>
  offeredAsAsked(
    aboutDrinks(subject, state, tools, (items, offering) => tools.replies.describe(items, offering, quality), () => tools.replies.wholeMenu()),
    asked,
    tools,
  );

/** "How much is a neat brandy?", "what's a perfect manhattan?": the drink offered is the one asked about, made as asked. */
function offeredAsAsked(answered: Outcome, asked: readonly DraftLine[] | undefined, tools: ActTools): Outcome {
  const [only] = asked ?? [];
  const asAsked = only && asked?.length === 1 && settledItem(only, tools.index) !== null && only.modifiers.length > 0;
  return asAsked && answered.pending?.kind === "ORDER" ? { ...answered, pending: { kind: "ORDER", drafts: [{ ...only, quantity: 1 }], confirm: true } } : answered;
}

/**
 * "How much would two martinis and a negroni come to?": a round asked about (counts said, or
 * several drinks) is priced as a whole and offered as a whole, so "let's do that" pours it all.
 */
export const price: Act<"PRICE"> = ({ subject, asked, extreme }, state, _bar, tools) => {
  const end = extreme ? drinkAtTheEnd(subject, extreme, tools) : null;
  if (end && extreme) return { text: tools.replies.priceAtTheEnd(end, extreme, subject.category), pending: offer([end.id]), focusItemId: end.id };
  const round = asked && roundOf(asked, tools);
  if (round) {
    const totalCents = round.reduce((sum, { quantity, unitCents }) => sum + quantity * unitCents, 0);
    const [first] = round;
    return {
      text: tools.replies.roundPrice(round, totalCents),
      pending: { kind: "ORDER", drafts: asked.map((draft) => ({ ...draft })), confirm: true },
      focusItemId: first?.item.id ?? null,
    };
  }
  return offeredAsAsked(
    aboutDrinks(subject, state, tools, (items, offering) => tools.replies.prices(items, offering), () => tools.replies.priceRange()),
    asked,
    tools,
  );
};

/** The cheapest or dearest of the drinks asked about (those named, else their family, else the whole menu). */
function drinkAtTheEnd(subject: Subject, extreme: PriceExtreme, tools: ActTools): MenuItem | null {
  const named = subject.itemIds.length > 1 ? itemsOf(subject.itemIds, tools) : [];
  const among = named.length > 0 ? named : tools.index.items.filter((item) => subject.category === null || item.category === subject.category);
  const further = (a: MenuItem, b: MenuItem) => (extreme === "CHEAPEST" ? b.priceCents < a.priceCents : b.priceCents > a.priceCents);
  return among.reduce<MenuItem | null>((end, item) => (!end || further(end, item) ? item : end), null);
}

/** The drinks of a price question as a round, when it is one: each settled, and more than one drink in all. */
function roundOf(asked: readonly DraftLine[], tools: ActTools): ReturnType<typeof pricedDrinks> {
  if (asked.length === 0 || asked.some((draft) => settledItem(draft, tools.index) === null)) return null;
  const drinks = asked.reduce((sum, draft) => sum + draft.quantity, 0);
  return drinks > 1 ? pricedDrinks(asked, tools) : null;
}

/**
 * Two drinks for the mood (a menu tag), within the category when one was named and it has
 * any; a mood no drink has is answered like no mood at all, with the house's classy picks.
 */
export const recommend: Act<"RECOMMEND"> = ({ mood, category }, _state, _bar, { index, rng, replies }) => {
  const inCategory = index.items.filter((item) => category === null || item.category === category);
  const preferring = (chosen: readonly MenuItem[], fallback: readonly MenuItem[]) => (chosen.length > 0 ? chosen : fallback);
  const tagged = (items: readonly MenuItem[], tag: string) => items.filter((item) => item.tags.includes(tag));
  let picks: MenuItem[];
  let said = mood;
  if (mood === SURPRISE) picks = rng.sample(inCategory, 1);
  else {
    const moodDrinks = mood === null ? [] : preferring(tagged(inCategory, mood), tagged(index.items, mood));
    if (moodDrinks.length === 0) said = null;
    picks = rng.sample(preferring(moodDrinks, preferring(tagged(inCategory, HOUSE_MOOD), inCategory)), 2);
  }
  const [first] = picks;
  return {
    text: replies.recommend(said, picks),
    pending: first ? offer(picks.map((item) => item.id)) : null,
    focusItemId: first?.id ?? null,
  };
};

export const showTab: Act<"SHOW_TAB"> = async (_understanding, _state, bar, tools) => {
  const session = await bar.snapshot(tools.sessionId);
  return { text: tools.replies.tab(session), session };
};

/** Each drink asked about with its count: a family of drinks ("a beer") stands for its cheapest. */
function pricedDrinks(asked: readonly DraftLine[], tools: ActTools): { item: MenuItem; quantity: number; unitCents: number }[] | null {
  const priced = [];
  for (const draft of asked) {
    if (!Number.isSafeInteger(draft.quantity) || draft.quantity < 1) return null;
    const settled = settledItem(draft, tools.index);
    const item =
      settled ??
      itemsOf(draft.candidates, tools).reduce<MenuItem | null>((cheapest, item) => (!cheapest || item.priceCents < cheapest.priceCents ? item : cheapest), null);
    if (!item) return null;
    const modifiers = effectiveModifiers(draft, item).filter((modifier) => item.modifiers.includes(modifier));
    priced.push({ item, quantity: draft.quantity, unitCents: unitPriceCents(item, modifiers) });
  }
  return priced;
}

/** What the tab's total would grow by with these drinks on it: their prices, and a percent tip on them. */
function costOnTab(drinksCents: number, tab: TabView): number {
  const tip: TipSetting = tab.tipPercent !== null ? { percent: tab.tipPercent, fixedCents: null } : { percent: null, fixedCents: tab.tipCents > 0 ? tab.tipCents : null };
  return drinksCents + tipFor(tab.subtotalCents + drinksCents, tip) - tipFor(tab.subtotalCents, tip);
}

/**
 * The balance; asked about drinks ("do I have enough for a martini?"), the balance against what
 * they would cost on this tab, with an offer when it covers them. Prices are the bar's own.
 */
export const showBalance: Act<"SHOW_BALANCE"> = async ({ asked }, _state, bar, tools) => {
  const session = await bar.snapshot(tools.sessionId);
  const priced = asked.length > 0 ? pricedDrinks(asked, tools) : null;
  if (!priced || priced.length === 0) return { text: tools.replies.balance(session), session };
  const drinksCents = priced.reduce((sum, { quantity, unitCents }) => sum + quantity * unitCents, 0);
  const neededCents = costOnTab(drinksCents, session.tab);
  const text = tools.replies.affordability(priced, neededCents, session.balanceCents);
  const [only, ...others] = priced;
  const first = only as (typeof priced)[number];
  const covered = neededCents <= session.balanceCents;
  return {
    text,
    session,
    focusItemId: first.item.id,
    ...(covered && others.length === 0 ? { pending: offer([first.item.id], first.quantity) } : {}),
  };
};
