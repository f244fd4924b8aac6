/**
 * Questions answered in words: the menu or a drink on it, prices, advice,
 * the tab and the balance. None of them changes the tab; a question about a
 * drink leaves an offer pending ("Want one?") and the drink in focus.
 */
import type { MenuItem } from "../../bar/menu-catalog.js";
import { tipFor, unitPriceCents, type TipSetting } from "../../bar/tab-pricing.js";
import type { TabView } from "../bar-port.js";
import { effectiveModifiers, settledItem, type DraftLine } from "../drafts.js";
import { SURPRISE, type Subject } from "../understanding.js";
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

/** Words about the drinks asked about, an offer of them and the first in focus; a category lists its drinks. */
function aboutDrinks(subject: Subject, tools: ActTools, words: (items: MenuItem[]) => string, otherwise: () => string): Outcome {
  const items = itemsOf(subject.itemIds, tools);
  const [first] = items;
  if (first) return { text: words(items), pending: offer(items.map((item) => item.id)), focusItemId: first.id };
  if (subject.category !== null) return categoryOffer(subject.category, tools);
  return unknownSubject(subject, tools) ?? { text: otherwise() };
}

export const menu: Act<"MENU"> = ({ subject }, _state, _bar, tools) =>
  aboutDrinks(subject, tools, (items) => tools.replies.describe(items), () => tools.replies.wholeMenu());

export const price: Act<"PRICE"> = ({ subject }, _state, _bar, tools) =>
  aboutDrinks(subject, tools, (items) => tools.replies.prices(items), () => tools.replies.priceRange());

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
