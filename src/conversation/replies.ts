/**
 * Maya's words. Every reply is one to three short sentences, picked from a
 * few variants by the turn's seeded generator. Amounts are only ever read
 * from what the BarPort returned (the tab, the balance, the payment, an
 * error's details) and formatted with formatCents: nothing here adds up money.
 */
import type { MenuCategory, MenuItem, Modifier } from "../bar/menu-catalog.js";
import { formatCents } from "../bar/money.js";
import type { OrderLine, PaymentView, SessionView, TabLineView, TabView, TipChoice } from "./bar-port.js";
import type { PendingQuestion } from "./dialogue-state.js";
import { openQuestion, settledItem, type DraftLine, type DraftProblem, type OpenQuestion } from "./drafts.js";
import { isDrinkLike, type NotOnMenu } from "./grounding.js";
import { pluralOf, type MenuIndex } from "./menu-matcher.js";
import { numberWord } from "./numbers.js";
import type { Rng } from "./random.js";
import type { Pronunciation } from "./speech.js";
import type { Refusal } from "./refusals.js";
import { SURPRISE, type DrinkQuality, type MentionKind, type MentionStance, type Mood, type PriceExtreme, type SmallTalkTopic } from "./understanding.js";

/** Modifiers said before the name ("a dirty Martini"); the others follow it ("a Whiskey on the rocks"). */
const LEADING_MODIFIERS: ReadonlySet<Modifier> = new Set(["double", "dry", "dirty", "perfect"]);

/** Maya's open invitations to order, which close many replies: left off when she asks something else. */
const OPEN_INVITATIONS = [
  "What can I get you?",
  "What'll it be?",
  "What are you in the mood for?",
  "Anything else I can get you?",
  "Just say the word when you want something.",
  "Anything I can pour for you?",
  "How about you?",
  "What sounds good?",
];

/** Maya is brief: a reply is one to three sentences. */
const MAX_SENTENCES = 3;
/** Sentences in a reply, not counting the points inside amounts ("$13.50"). */
const sentences = (text: string): number => (text.replace(/\d\.\d/g, "0").match(/[.!?]+(\s|$)/g) ?? []).length;

/** Beyond this many lines the tab is summarised: a reply stays short enough to listen to. */
const MAX_LINES_READ = 5;

const CATEGORY_WORDS: Readonly<Record<MenuCategory, { one: string; many: string }>> = {
  COCKTAIL: { one: "cocktail", many: "cocktails" },
  BEER: { one: "beer", many: "beers" },
  SPIRIT: { one: "spirit", many: "spirits" },
  NON_ALCOHOLIC: { one: "soft drink", many: "soft drinks" },
};

const MOOD_WORDS: Readonly<Record<string, string>> = {
  "no alcohol": "something without alcohol",
  [SURPRISE]: "a surprise",
};

/** What a tip asked about comes to, worked out by the act on the tab. */
export interface TipQuote {
  tip: TipChoice;
  tipCents: number;
  totalCents: number;
  subtotalCents: number;
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function listJoin(parts: readonly string[], conjunction: "and" | "or" = "and"): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} ${conjunction} ${parts[parts.length - 1]}`;
}

const article = (phrase: string): string => (/^[aeiou]/i.test(phrase) ? "an" : "a");

function pluralName(name: string): string {
  const words = name.split(" ");
  const last = words.pop() ?? name;
  return [...words, pluralOf(last)].join(" ");
}

/** "a Whiskey on the rocks", "two dirty Martinis shaken", "an IPA". */
export function drinkPhrase(item: MenuItem, quantity: number, modifiers: readonly string[] = []): string {
  const leading = modifiers.filter((modifier) => LEADING_MODIFIERS.has(modifier as Modifier));
  const trailing = modifiers.filter((modifier) => !LEADING_MODIFIERS.has(modifier as Modifier));
  const name = quantity === 1 ? item.name : pluralName(item.name);
  const body = [...leading, name, ...trailing].join(" ");
  return quantity === 1 ? `${article(body)} ${body}` : `${numberWord(quantity)} ${body}`;
}

/** "the Tap Beer" */
const the = (item: MenuItem): string => `the ${item.name}`;

/** "a" or "an" before a number as it is spoken: "an 18% tip", "an $8.00 tip", "a $5.00 tip". */
function articleOf(value: number): "a" | "an" {
  return /^8/.test(String(value)) || value === 11 || value === 18 ? "an" : "a";
}
/** "a 15% tip", "an $8.00 tip". */
const percentTip = (percent: number): string => `${articleOf(percent)} ${percent}% tip`;
const amountTip = (cents: number): string => `${articleOf(Math.floor(cents / 100))} ${formatCents(cents)} tip`;

/** "a 15% tip", "a $5.00 tip", or null for none. */
function tipPhrase(tab: Pick<TabView, "tipPercent" | "tipCents">): string | null {
  if (tab.tipPercent !== null) return percentTip(tab.tipPercent);
  return tab.tipCents > 0 ? amountTip(tab.tipCents) : null;
}

type SaidLine = Pick<OrderLine, "menuItemId" | "quantity" | "modifiers"> & { lineTotalCents?: number };

/**
 * Lines of the same drink made the same way, said once with their counts (and totals) added:
 * "three Tap Beers", never "two Tap Beers and a Tap Beer". The first line's place is kept.
 */
export function mergedLines<L extends SaidLine>(lines: readonly L[]): L[] {
  const merged: L[] = [];
  for (const line of lines) {
    const key = [...line.modifiers].sort().join("|");
    const at = merged.findIndex((entry) => entry.menuItemId === line.menuItemId && [...entry.modifiers].sort().join("|") === key);
    const same = merged[at];
    if (!same) merged.push(line);
    else {
      const total = same.lineTotalCents === undefined || line.lineTotalCents === undefined ? {} : { lineTotalCents: same.lineTotalCents + line.lineTotalCents };
      merged[at] = { ...same, quantity: same.quantity + line.quantity, ...total };
    }
  }
  return merged;
}

export class Replies {
  constructor(
    private readonly rng: Rng,
    private readonly index: MenuIndex,
    private readonly barName: Pronunciation,
  ) {}

  private item(id: string): MenuItem | null {
    return this.index.byId.get(id) ?? null;
  }

  private items(ids: readonly string[]): MenuItem[] {
    return ids.map((id) => this.item(id)).filter((item): item is MenuItem => item !== null);
  }

  private lines(lines: readonly Pick<OrderLine, "menuItemId" | "quantity" | "modifiers">[]): string {
    return listJoin(
      mergedLines(lines).flatMap((line) => {
        const item = this.item(line.menuItemId);
        return item ? [drinkPhrase(item, line.quantity, line.modifiers)] : [];
      }),
    );
  }

  private totalSentence(tab: TabView): string {
    if (tab.tipCents === 0) return this.rng.pick([`Your tab is ${formatCents(tab.totalCents)}.`, `That brings your tab to ${formatCents(tab.totalCents)}.`]);
    return `Your tab is ${formatCents(tab.totalCents)} with the tip.`;
  }

  greet(): string {
    return this.rng.pick([
      `Hi there, welcome to ${this.barName.written}! What can I get you?`,
      "Hello! I'm Maya, your bartender tonight. What are you in the mood for?",
      "Hey, good to see you. What'll it be?",
    ]);
  }

  ordered(lines: readonly OrderLine[], session: SessionView): string {
    return `${this.pouring(lines)} ${this.totalSentence(session.tab)}`;
  }

  /** "Two martinis and a 15% tip": both in three short sentences at most. */
  orderedWithTip(lines: readonly OrderLine[], session: SessionView): string {
    const { tab } = session;
    const tip = tipPhrase(tab);
    return `${this.pouring(lines)} ${tip ? `${capitalise(tip)} too, thank you!` : "And no tip."} Your total is ${formatCents(tab.totalCents)}.`;
  }

  /** The order poured, then what Maya says about its tip (a refusal, or to ask again later). */
  orderedThen(lines: readonly OrderLine[], words: string): string {
    return `${this.pouring(lines)} ${words}`;
  }

  private pouring(lines: readonly OrderLine[]): string {
    const drinks = this.lines(lines);
    return this.rng.pick([`${capitalise(drinks)} coming right up.`, `${capitalise(drinks)}, on it!`, `Sure thing: ${drinks}.`]);
  }

  askWhich(question: OpenQuestion & { kind: "WHICH_ITEM" }): string {
    const names = this.items(question.candidates).map((item) => item.name);
    if (question.category === null) return `Which one did you mean, ${listJoin(names.map((name) => `the ${name}`), "or")}?`;
    const word = CATEGORY_WORDS[question.category].one;
    return this.rng.pick([`Which ${word} would you like: ${listJoin(names, "or")}?`, `Sure. Which ${word}: ${listJoin(names, "or")}?`]);
  }

  askServing(question: OpenQuestion & { kind: "SERVING" }, preface = ""): string {
    const choices = capitalise(listJoin(question.choices, "or"));
    const drinks = listJoin(this.items(question.itemIds).map(the));
    const asked = this.rng.pick([`${choices}?`, `${choices} for ${drinks}?`, `How would you like ${drinks}: ${listJoin(question.choices, "or")}?`]);
    return preface ? `${preface} ${asked}` : asked;
  }

  /**
   * What the bar does not have, said on its own: food and other goods are not sold here at all; a
   * drink it does not pour gets the closest on the menu (by family and mood), when there is one.
   */
  notServed(things: readonly NotOnMenu[], closest: readonly MenuItem[]): string {
    const drink = things.find(isDrinkLike);
    if (!drink) {
      const food = things.some((thing) => thing.kind === "FOOD");
      return food
        ? this.rng.pick(["Sorry, I only pour drinks here, no food. Can I get you something to drink?", "I'm afraid there's no food here, I only pour drinks. What can I get you?"])
        : this.rng.pick(["Sorry, I only pour drinks here. Can I get you one?", "I'm afraid I only pour drinks here. What can I get you?"]);
    }
    const food = things.some((thing) => thing.kind === "FOOD" || thing.kind === "GOODS");
    const sorry = food
      ? `I only pour drinks here, and there's no ${drink.said} on the menu.`
      : this.rng.pick([`Sorry, no ${drink.said} here.`, `I'm afraid there's no ${drink.said} on the menu.`]);
    if (closest.length === 0) return `${sorry} Ask me for the menu and I'll tell you what I pour.`;
    return `${sorry} How about ${listJoin(closest.map((item) => `${article(item.name)} ${item.name}`), "or")} instead?`;
  }

  /**
   * The reply to an interjection, then Maya's own question again, briefly: the reply's closing
   * invitation ("What can I get you?") is left off, as one question at a time is enough. When the
   * reply asks something of its own, or there is no room left in three sentences, her question
   * waits unsaid (still open).
   */
  thenAskAgain(text: string, question: PendingQuestion): string {
    const invitation = OPEN_INVITATIONS.find((closing) => text.endsWith(` ${closing}`));
    const answer = invitation ? text.slice(0, -invitation.length - 1) : text;
    const again = this.askAgain(question);
    if (!again || answer.endsWith("?") || sentences(answer) + sentences(again) > MAX_SENTENCES) return text;
    return `${answer} ${again}`;
  }

  /** A question about the guest's order asked again after an interjection, briefly. */
  private askAgain(question: PendingQuestion): string | null {
    switch (question.kind) {
      case "ORDER": {
        const open = openQuestion(question.drafts, this.index);
        if (open?.kind === "WHICH_ITEM") return this.askWhich(open);
        if (open?.kind === "SERVING") return this.askServing(open);
        return `Shall I pour ${listJoin(question.drafts.map((draft) => this.draft(draft)))} then?`;
      }
      case "QUANTITY": {
        const draft = question.drafts[question.draftIndex];
        const item = draft ? settledItem(draft, this.index) : null;
        return item ? `How many ${pluralName(item.name)} would you like?` : "How many would you like?";
      }
      case "REMOVE":
        return this.askWhichToRemove(question.candidates);
      default:
        return null;
    }
  }

  /** "a Martini", "two beers": a draft as asked, settled or not. */
  private draft(draft: DraftLine): string {
    const item = settledItem(draft, this.index);
    if (item) return drinkPhrase(item, draft.quantity, draft.modifiers);
    const words = draft.category === null ? { one: "drink", many: "drinks" } : CATEGORY_WORDS[draft.category];
    return draft.quantity === 1 ? `${article(words.one)} ${words.one}` : `${numberWord(draft.quantity)} ${words.many}`;
  }

  /** A lime, a straw, a coaster: handed over, nothing on the tab. */
  garnish(): string {
    return this.rng.pick(["Of course, here you go.", "Sure thing, here you are."]);
  }

  /** The same in one sentence, said before the drinks asked for with it. */
  notServedBeside(things: readonly NotOnMenu[], closest: readonly MenuItem[]): string {
    const drink = things.find(isDrinkLike);
    const food = things.some((thing) => thing.kind === "FOOD");
    const goods = things.some((thing) => thing.kind === "GOODS");
    if (drink && (food || goods)) return `I only pour drinks here, and there's no ${drink.said} on the menu.`;
    if (drink) {
      const [first] = closest;
      const sorry = this.rng.pick([`Sorry, there's no ${drink.said} on the menu`, `No ${drink.said} here, sorry`]);
      return first ? `${sorry}; the closest is ${article(first.name)} ${first.name}.` : `${sorry}.`;
    }
    if (food) return this.rng.pick(["I only pour drinks here, so no food, sorry.", "No food here, I'm afraid: I only pour drinks."]);
    return "I only pour drinks here, sorry.";
  }

  modifierRefused(problem: DraftProblem, next: OpenQuestion | null, offerPlain = true): string {
    const { item } = problem;
    const refusal =
      problem.problem.kind === "NOT_ACCEPTED"
        ? `Sorry, ${article(item.name)} ${item.name} doesn't come ${modifierWords(problem.problem.modifier)}.`
        : `${capitalise(article(item.name))} ${item.name} can't be both ${problem.problem.modifiers[0]} and ${problem.problem.modifiers[1]}.`;
    if (next?.kind === "SERVING") return this.askServing(next, refusal);
    if (next?.kind === "WHICH_ITEM") return `${refusal} ${this.askWhich(next)}`;
    if (!offerPlain) return `${refusal} Nothing changed on your tab.`;
    return `${refusal} ${this.rng.pick(["Shall I pour it as it comes instead?", "Want it the usual way instead?"])}`;
  }

  /** The one message map for every refusal: what was not done and why, nothing changed. */
  refused(refusal: Refusal): string {
    switch (refusal.reason) {
      case "QUANTITY_TOO_MANY":
        return `I can pour up to ${refusal.max} of one drink at a time, so I haven't added any. How many would you like?`;
      case "QUANTITY_TOO_FEW":
        return refusal.negative
          ? `I can't pour a negative number of drinks: one to ${refusal.max} at a time. How many would you like?`
          : `Zero is none at all, so nothing's added: I pour one to ${refusal.max} at a time. How many would you like?`;
      case "QUANTITY_NOT_WHOLE":
        return `I only pour whole drinks, one to ${refusal.max} at a time. How many would you like?`;
      case "QUANTITY_NOT_SAID":
        return refusal.range.vague
          ? "Happy to! How many would you like, exactly?"
          : `${capitalise(numberWord(refusal.range.low))} or ${numberWord(refusal.range.high)}? Just tell me how many.`;
      case "TIP_PERCENT_OUT_OF_RANGE":
        return `A tip can be anywhere from 0 to ${refusal.max} percent. How much would you like to leave?`;
      case "TIP_NEGATIVE":
        return `A tip can't be negative: anywhere from 0 to ${refusal.max} percent, or an amount. How much would you like to leave?`;
      case "TIP_PERCENT_NOT_WHOLE":
        return "I can only do whole percents, like 15 or 18. Which would you like?";
      case "TIP_NO_AMOUNT":
        return "How much would you like to tip? Say 10, 15 or 20 percent, or an amount like five dollars.";
      case "TIP_ABOVE_SUBTOTAL":
        return `That's more than the drinks themselves! A tip can be up to your subtotal, ${formatCents(refusal.subtotalCents)}.`;
      case "TIP_ALREADY_ROUND":
        return `Your total is already an even ${formatCents(refusal.totalCents)}, so there's nothing to round up. I've left it as it is.`;
      case "TIP_ROUND_BELOW_DRINKS":
        return `Your drinks already come to ${formatCents(refusal.subtotalCents)}, more than ${formatCents(refusal.targetCents)}, so I can't round to that. Nothing changed.`;
      case "TIP_EMPTY_TAB":
        return "There's nothing on your tab to tip on yet. What can I get you?";
      case "INSUFFICIENT_FUNDS": {
        const sorry = this.rng.pick(["I'm sorry,", "Ah, sorry:"]);
        const balance = refusal.balanceCents === null ? "your balance" : `your balance of ${formatCents(refusal.balanceCents)}`;
        const facts =
          refusal.neededCents === null || refusal.balanceCents === null
            ? `that's more than ${balance}`
            : `that needs ${formatCents(refusal.neededCents)} and your balance is ${formatCents(refusal.balanceCents)}`;
        return `${sorry} ${facts}, so I haven't added anything. Maybe something smaller?`;
      }
      case "TAB_LOCKED":
        return this.rng.pick([
          "Your payment is in progress, so I can't change the tab right now. Once it's settled I'm all yours.",
          "Hold on, a payment is pending on this tab, so it's locked for now. Finish or cancel it on the payment page first.",
        ]);
      case "PAYMENT_PROVIDER_UNAVAILABLE":
        return "The card machine isn't answering right now, so nothing was charged. Your tab is still open; try again in a moment.";
      case "EMPTY_TAB":
        return "Your tab is empty, so there's nothing to pay. What can I get you?";
      case "MODIFIER_NOT_ACCEPTED": {
        const item = this.item(refusal.menuItemId);
        if (!item) return this.refused({ reason: "CANNOT_POUR" });
        return this.modifierRefused({ item, problem: { kind: "NOT_ACCEPTED", modifier: refusal.modifier }, draftIndex: 0 }, null, false);
      }
      case "ITEM_UNAVAILABLE": {
        const item = refusal.menuItemId === null ? null : this.item(refusal.menuItemId);
        return `Sorry, ${item ? `the ${item.name} isn't` : "that isn't"} available right now. Can I get you something else?`;
      }
      case "CANNOT_POUR":
        return "Sorry, I can't pour that one as asked. Could you say it another way?";
    }
  }

  nothingToRepeat(): string {
    return this.rng.pick(["Another of what? Tell me what you'd like.", "Happy to, but what shall I pour?"]);
  }

  removed(removed: readonly OrderLine[], session: SessionView): string {
    const opener = this.rng.pick(["Done,", "No problem,", "Okay,"]);
    return `${opener} I took ${this.lines(removed)} off your tab. ${session.tab.items.length === 0 ? `Your tab is empty again.` : this.totalSentence(session.tab)}`;
  }

  clearedAll(session: SessionView): string {
    return `All cleared: your tab is back to ${formatCents(session.tab.totalCents)} and your balance is ${formatCents(session.balanceCents)}.`;
  }

  notOnTab(itemIds: readonly string[], category: MenuCategory | null): string {
    const what = category !== null ? CATEGORY_WORDS[category].one : (this.items(itemIds)[0]?.name ?? "drink");
    return `There's no ${what} on your tab.`;
  }

  noneMadeSo(modifiers: readonly Modifier[]): string {
    return `There's nothing ${listJoin(modifiers.map(modifierWords), "and")} on your tab.`;
  }

  tabAlreadyEmpty(): string {
    return "Your tab is already empty.";
  }

  nothingRecent(): string {
    return "There's nothing recent on your tab to take off.";
  }

  askWhichToRemove(candidates: readonly string[]): string {
    return `Which one should I take off: ${listJoin(this.items(candidates).map(the), "or")}?`;
  }

  /** `quantity` is what the order now holds; when the tab has more of the drink (an earlier order), both are said. */
  changed(item: MenuItem, quantity: number, session: SessionView): string {
    const opener = this.rng.pick(["Done,", "Sure,", "Okay,"]);
    const onTab = session.tab.items.reduce((sum, line) => sum + (line.menuItemId === item.id ? line.quantity : 0), 0);
    const change = onTab > quantity ? `that order is ${drinkPhrase(item, quantity)} now, ${numberWord(onTab)} in all` : `that's ${drinkPhrase(item, quantity)} now`;
    return `${opener} ${change}. ${this.totalSentence(session.tab)}`;
  }

  alreadyThatMany(item: MenuItem, quantity: number): string {
    return `You already have ${drinkPhrase(item, quantity)} on that order.`;
  }

  /** "make the beers five" with a Tap Beer and an IPA on the tab: which of them. */
  askWhichToChange(candidates: readonly string[], quantity: number): string {
    return `Which should I make ${numberWord(quantity)}: ${listJoin(this.items(candidates).map(the), "or")}?`;
  }

  changeWhat(quantity: number): string {
    return `Make what ${numberWord(quantity)}? Tell me the drink, like "make it two Negronis".`;
  }

  modifyWhat(): string {
    return "Which drink should I change? Order it the way you like, for example \"a double Whiskey neat\".";
  }

  alreadyMadeThatWay(item: MenuItem, quantity: number, modifiers: readonly string[]): string {
    return `It's already ${drinkPhrase(item, quantity, modifiers)}.`;
  }

  /** Drinks made another way; `split` when only some units of a line were ("one of them on the rocks"). */
  remade(lines: readonly OrderLine[], session: SessionView, split = false): string {
    const drinks = lines.length > 0 ? this.lines(lines) : "your drink";
    const units = lines.reduce((sum, line) => sum + line.quantity, 0);
    const change = split ? `${units === 1 ? "one of those is" : `${numberWord(units)} of those are`} ${drinks} now` : `that's ${drinks} now`;
    return `${this.rng.pick(["Done,", "Sure,", "No problem,"])} ${change}. ${this.totalSentence(session.tab)}`;
  }

  offerToAdd(item: MenuItem, quantity: number): string {
    return `There's no ${item.name} on your tab yet. Shall I add ${drinkPhrase(item, quantity)}?`;
  }

  /** "make that a martini": what came off and what went on instead. */
  replaced(removed: readonly OrderLine[], added: readonly OrderLine[], session: SessionView): string {
    const opener = this.rng.pick(["Done,", "Sure,", "No problem,"]);
    const sameDrinks = added.every((line) => removed.some((gone) => gone.menuItemId === line.menuItemId));
    const change = sameDrinks ? `that's ${this.lines(added)} now` : `${this.lines(added)} instead of ${this.theLines(removed, session.tab.items)}`;
    return `${opener} ${change}. ${this.totalSentence(session.tab)}`;
  }

  /** "never mind": the last turn taken back. */
  undone(removed: readonly OrderLine[], added: readonly OrderLine[], session: SessionView): string {
    const opener = this.rng.pick(["Okay,", "No problem,", "Sure,"]);
    const back = added.length > 0 ? `back to ${this.lines(added)}` : `I took ${this.theLines(removed)} back off`;
    const total = session.tab.items.length === 0 ? "Your tab is empty again." : this.totalSentence(session.tab);
    return `${opener} ${back}. ${total}`;
  }

  /** "never mind" after a tip: the tip as it was. */
  tipRestored(session: SessionView): string {
    const { tab } = session;
    const opener = this.rng.pick(["Okay,", "No problem,", "Sure,"]);
    const tip = tipPhrase(tab);
    return `${opener} ${tip ? `back to ${tip}` : "no tip then"}, so your total is ${formatCents(tab.totalCents)}.`;
  }

  /** A tip asked for with an order that is still a question. */
  tipAfterOrder(): string {
    return "Tell me the tip again once your drinks are sorted.";
  }

  nothingToUndo(): string {
    return this.rng.pick(["No problem, nothing changed.", "Okay, I'll leave things as they are."]);
  }

  /** Undoing a removal would put money back on the tab: asked, not done. */
  offerPutBack(lines: readonly OrderLine[]): string {
    return `Shall I put ${this.theLines(lines)} back on your tab?`;
  }

  /** "No problem, no Manhattan then." and, when one is on the tab, how to take it off. */
  declined(items: readonly MenuItem[], onTab: readonly MenuItem[]): string {
    const [first] = items;
    if (!first) return this.cancelled();
    const names = listJoin(items.map((item) => item.name), "or");
    const opener = this.rng.pick([`No problem, no ${names} then.`, `Got it, I'll skip the ${names}.`]);
    const [ordered] = onTab;
    if (!ordered) return opener;
    return `${opener} There's still ${article(ordered.name)} ${ordered.name} on your tab; say "take off the ${ordered.name}" if you'd like it gone.`;
  }

  /** A drink talked about but not asked for: a word about it and, unless the guest is against it, an offer. */
  mentioned(item: MenuItem, stance: MentionStance, kind: MentionKind, quantity: number, modifiers: readonly Modifier[] = []): string {
    const drink = drinkPhrase(item, quantity, modifiers);
    if (stance === "AGAINST") {
      return this.rng.pick([
        `Fair enough, the ${item.name} isn't for everyone. Want a suggestion instead?`,
        `Noted. Tell me what you like and I'll find you something else.`,
      ]);
    }
    if (kind === "LATER") return `Sure, the ${item.name} will be here when you're ready. Just say the word and I'll pour ${drink}.`;
    const offer = this.rng.pick([`Want me to pour you ${drink}?`, `Shall I pour you ${drink}?`]);
    switch (kind) {
      case "PAST":
        return `${this.rng.pick(["Sounds like a good time!", "Ha, I bet."])} ${offer.replace("?", " now?")}`;
      case "OTHER":
        return `${this.rng.pick(["Good taste!", `The ${item.name} has its fans.`])} ${offer}`;
      case "HYPOTHETICAL":
      case "TENTATIVE":
        return `No pressure. ${offer}`;
      default:
        return `${stance === "FOR" ? this.rng.pick([`Good taste: the ${item.name} is a favourite here.`, `The ${item.name} is a great pick.`]) : `Ah, the ${item.name}.`} ${offer}`;
    }
  }

  /** "I can't decide between a daiquiri and a cosmo": the drinks weighed, offered as a choice. */
  mentionedChoice(items: readonly MenuItem[]): string {
    const names = listJoin(items.map((item) => `the ${item.name}`), "or");
    return this.rng.pick([`Both good picks. ${capitalise(names)}? Say which and I'll pour it.`, `Tough call! ${capitalise(names)}? Tell me which one.`]);
  }

  mentionedCategory(category: MenuCategory, stance: MentionStance): string {
    const words = CATEGORY_WORDS[category];
    if (stance === "AGAINST") return `Fair enough. Besides ${words.many}, we have plenty more; want a suggestion?`;
    const names = listJoin((this.index.byCategory.get(category) ?? []).map((item) => item.name), "or");
    return `Our ${words.many} are ${names}. Want one?`;
  }

  /** "Do I have enough for a martini?": the price, the balance and the answer, in one breath. */
  affordability(lines: readonly { item: MenuItem; quantity: number }[], neededCents: number, balanceCents: number): string {
    const drinks = listJoin(lines.map(({ item, quantity }) => drinkPhrase(item, quantity)));
    const cost = `${capitalise(drinks)} ${lines.length === 1 && lines[0]?.quantity === 1 ? "is" : "come to"} ${formatCents(neededCents)}`;
    const balance = formatCents(balanceCents);
    if (neededCents <= balanceCents) return `${cost} and your balance is ${balance}, so you're covered. Want ${lines.length === 1 && lines[0]?.quantity === 1 ? "one" : "them"}?`;
    return `${cost} and your balance is ${balance}, so that's a bit out of reach. Maybe something smaller?`;
  }

  /** "I'll have that" with no drink in focus. */
  orderWhat(): string {
    return this.rng.pick(["Happy to! Which drink would you like?", "Sure, which drink shall I pour?"]);
  }

  /** "the Negroni and the IPA"; "one of the Martinis" when others of it are still on the tab (`left`). */
  private theLines(lines: readonly Pick<OrderLine, "menuItemId" | "quantity" | "modifiers">[], left: readonly TabLineView[] = []): string {
    const phrases = mergedLines(lines).flatMap((line) => {
      const item = this.item(line.menuItemId);
      if (!item) return [];
      const named = [...line.modifiers.filter((m) => LEADING_MODIFIERS.has(m as Modifier)), item.name].join(" ");
      if (left.some((other) => other.menuItemId === item.id)) return [`${numberWord(line.quantity)} of the ${pluralName(named)}`];
      return [line.quantity === 1 ? `the ${named}` : drinkPhrase(item, line.quantity, line.modifiers)];
    });
    return listJoin(phrases);
  }

  tab(session: SessionView): string {
    const { tab } = session;
    if (tab.items.length === 0) return this.rng.pick(["Your tab is empty so far. What can I get you?", "Nothing on your tab yet. What'll it be?"]);
    const drinks = tab.items.reduce((count, line) => count + line.quantity, 0);
    const listed = mergedLines(tab.items).length <= MAX_LINES_READ ? `You have ${this.tabLines(tab.items)}.` : `You have ${drinks} drinks on your tab.`;
    const pending = tab.status === "PAYMENT_PENDING" ? " A payment is in progress." : "";
    if (tab.tipCents === 0) return `${listed} That's ${formatCents(tab.totalCents)} in all.${pending}`;
    const tip = tab.tipPercent !== null ? `${percentTip(tab.tipPercent)} of ${formatCents(tab.tipCents)}` : amountTip(tab.tipCents);
    return `${listed} With ${tip}, the total is ${formatCents(tab.totalCents)}.${pending}`;
  }

  private tabLines(lines: readonly TabLineView[]): string {
    return listJoin(
      mergedLines(lines).flatMap((line) => {
        const item = this.item(line.menuItemId);
        return item ? [`${drinkPhrase(item, line.quantity, line.modifiers)} (${formatCents(line.lineTotalCents)})`] : [];
      }),
    );
  }

  balance(session: SessionView): string {
    const balance = formatCents(session.balanceCents);
    if (session.tab.items.length === 0) return this.rng.pick([`Your balance is ${balance}.`, `You have ${balance} to spend.`]);
    return this.rng.pick([
      `Your balance is ${balance}, with ${formatCents(session.tab.totalCents)} on your open tab.`,
      `You have ${balance} left to spend, and your tab is at ${formatCents(session.tab.totalCents)}.`,
    ]);
  }

  wholeMenu(): string {
    const sections = (Object.keys(CATEGORY_WORDS) as MenuCategory[]).flatMap((category) => {
      const names = (this.index.byCategory.get(category) ?? []).map((item) => item.name);
      return names.length > 0 ? [`${CATEGORY_WORDS[category].many} (${listJoin(names)})`] : [];
    });
    return `We have ${listJoin(sections)}. ${this.rng.pick(["What sounds good?", "Want prices for any of them?"])}`;
  }

  categoryMenu(category: MenuCategory): string {
    const items = this.index.byCategory.get(category) ?? [];
    const priced = listJoin(items.map((item) => `${item.name} at ${formatCents(item.priceCents)}`));
    return `Our ${CATEGORY_WORDS[category].many}: ${priced}. ${this.rng.pick(["Which one would you like?", "Anything catch your eye?"])}`;
  }

  /**
   * `offering` false: the guest already asked for the drink, so no "Want one?". `quality`: what the guest
   * asked the drink is like ("is it strong?"), answered first from the menu's tags.
   */
  describe(items: readonly MenuItem[], offering = true, quality?: DrinkQuality): string {
    const [first, second] = items;
    if (!first) return this.wholeMenu();
    const answer = quality && !second ? `${first.tags.includes(quality) ? `Yes, it's ${quality}` : `Not especially ${quality}`}. ` : "";
    const about = `${answer}The ${first.name} (${formatCents(first.priceCents)}): ${lowerFirst(first.description)}`;
    if (second) return `${about} The ${second.name} is ${formatCents(second.priceCents)}.${offering ? " Want one?" : ""}`;
    return offering ? `${about} ${this.rng.pick(["Want one?", "Shall I pour you one?"])}` : about;
  }

  prices(items: readonly MenuItem[], offering = true): string {
    const quoted = `${capitalise(listJoin(items.map((item) => `${article(item.name)} ${item.name} is ${formatCents(item.priceCents)}`)))}.`;
    return offering ? `${quoted} ${this.rng.pick(["Want one?", "Shall I pour you one?"])}` : quoted;
  }

  /** "Our priciest cocktail is the Martini, at $13.00. Want one?" */
  priceAtTheEnd(item: MenuItem, extreme: PriceExtreme, category: MenuCategory | null): string {
    const kind = category === null ? "drink" : CATEGORY_WORDS[category].one;
    return `Our ${extreme === "CHEAPEST" ? "cheapest" : "priciest"} ${kind} is the ${item.name}, at ${formatCents(item.priceCents)}. ${this.rng.pick(["Want one?", "Shall I pour you one?"])}`;
  }

  /** "Two Martinis and a Negroni come to $37.00. Shall I pour them?" */
  roundPrice(round: readonly { item: MenuItem; quantity: number }[], totalCents: number): string {
    const drinks = capitalise(listJoin(round.map(({ item, quantity }) => drinkPhrase(item, quantity))));
    return `${drinks} come to ${formatCents(totalCents)}. ${this.rng.pick(["Shall I pour them?", "Want me to pour them?"])}`;
  }

  priceRange(): string {
    const sorted = [...this.index.items].sort((a, b) => a.priceCents - b.priceCents);
    const cheapest = sorted[0];
    const dearest = sorted[sorted.length - 1];
    if (!cheapest || !dearest) return "Which drink would you like a price for?";
    return `Drinks run from ${formatCents(cheapest.priceCents)} for ${article(cheapest.name)} ${cheapest.name} to ${formatCents(dearest.priceCents)} for ${article(dearest.name)} ${dearest.name}. Which drink would you like a price for?`;
  }

  recommend(mood: Mood | null, picks: readonly MenuItem[]): string {
    const [first, second] = picks;
    if (!first) return "Tell me what you're in the mood for: fruity, classy, strong, or something without alcohol?";
    if (mood === SURPRISE) return `Let me surprise you: ${article(first.name)} ${first.name}. ${first.description} Want it?`;
    const named = (item: MenuItem) => `the ${item.name} (${formatCents(item.priceCents)})`;
    const options = second ? `${named(first)} or ${named(second)}` : named(first);
    if (mood === null) {
      return `${this.rng.pick(["Tonight I'd go for", "You can't go wrong with"])} ${options}. Or tell me a mood: fruity, classy, strong, or no alcohol.`;
    }
    const wanted = MOOD_WORDS[mood] ?? `something ${mood}`;
    return `${this.rng.pick([`For ${wanted}, try`, `If you want ${wanted}, I'd pick`])} ${options}. Want one?`;
  }

  tipSet(session: SessionView): string {
    const { tab } = session;
    const total = formatCents(tab.totalCents);
    if (tab.tipCents === 0 && tab.tipPercent === null) return this.rng.pick([`No problem, no tip. Your total is ${total}.`, `Sure, no tip then. Your total is ${total}.`]);
    const thanks = this.rng.pick(["Thank you!", "That's very kind, thank you!", "Thanks so much!"]);
    if (tab.tipPercent !== null) return `${thanks} ${capitalise(percentTip(tab.tipPercent))} is ${formatCents(tab.tipCents)}, so your total is ${total}.`;
    return `${thanks} I've added ${amountTip(tab.tipCents)}, so your total is ${total}.`;
  }

  /** "Round it up": the tip that made the total a whole number of dollars. */
  tipRoundedUp(session: SessionView): string {
    const { tab } = session;
    if (tab.tipCents === 0) return this.tipSet(session);
    return `${this.rng.pick(["Done, rounded up:", "Rounded up:"])} ${amountTip(tab.tipCents)} makes your total ${formatCents(tab.totalCents)}.`;
  }

  /** A tip asked about: its amount and the total it would make; `offer` when a "yes" may add it. */
  tipQuoted(quote: TipQuote, offer: boolean): string {
    const tip = formatCents(quote.tipCents);
    const total = formatCents(quote.totalCents);
    if (quote.tipCents === 0) return `That would be no tip at all, so your total stays ${total}.`;
    if (!offer) return `That's the tip you have now: ${tip}, for a total of ${total}.`;
    const ask = this.rng.pick(["Shall I add it?", "Want me to add it?"]);
    if ("percent" in quote.tip) return `${capitalise(percentTip(quote.tip.percent))} on ${formatCents(quote.subtotalCents)} would be ${tip}, for a total of ${total}. ${ask}`;
    return `${capitalise(amountTip(quote.tipCents))} would make your total ${total}. ${ask}`;
  }

  checkoutStarted(payment: PaymentView): string {
    const tip = payment.tipCents > 0 ? `, including a tip of ${formatCents(payment.tipCents)}` : "";
    const amount = `Your total is ${formatCents(payment.amountCents)}${tip}.`;
    if (!payment.checkoutUrl) return `${amount} Your payment is on its way.`;
    return `${amount} ${this.rng.pick(["Here's your payment link:", "You can pay here:", "Tap the link to pay:"])} ${payment.checkoutUrl}`;
  }

  paymentStatus(payment: PaymentView | null): string {
    if (!payment) return "I don't see a payment yet. Say \"pay\" whenever you're ready.";
    const amount = formatCents(payment.amountCents);
    switch (payment.status) {
      case "PENDING":
        return payment.checkoutUrl
          ? `Not yet: your payment of ${amount} is still waiting. Here's the link again: ${payment.checkoutUrl}`
          : `Not yet: your payment of ${amount} is still being processed.`;
      case "SUCCEEDED":
        return this.rng.pick([`Yes, your payment of ${amount} went through. Thank you!`, `All done: ${amount} paid. Thanks so much!`]);
      case "FAILED":
        return `It didn't go through${payment.failureReason ? ` (${lowerFirst(payment.failureReason).replace(/\.$/, "")})` : ""}. Your tab is still open, so just say "pay" to try again.`;
      case "EXPIRED":
        return "That payment link expired, so nothing was charged. Say \"pay\" and I'll make a new one.";
      case "CANCELED":
        return "That payment was canceled, so nothing was charged. Your tab is still open.";
    }
  }

  smallTalk(topic: SmallTalkTopic): string {
    switch (topic) {
      case "HOW_ARE_YOU":
        return this.rng.pick(["I'm doing great, thanks for asking! What can I get you?", "Never better, the bar's lovely tonight. How about you?"]);
      case "THANKS":
        return this.rng.pick(["You're very welcome!", "My pleasure!", "Anytime. Enjoy!"]);
      case "WHO_ARE_YOU":
        return `I'm Maya, the bartender at ${this.barName.written}. I'm an AI, but I pour a mean Martini.`;
      case "JOKE":
        return this.rng.pick([
          "A neutron walks into a bar and asks how much for a drink. I say: for you, no charge.",
          "I told a joke about whiskey once. It was a bit neat for most people.",
        ]);
      case "COMPLIMENT":
        return this.rng.pick(["You're too kind, thank you!", "That made my night. Thank you!"]);
      case "ACKNOWLEDGE":
        return this.rng.pick(["Alright! Anything else I can get you?", "Sounds good. Just say the word when you want something."]);
      case "SEAT":
        return "It's all yours, make yourself comfortable. What can I get you?";
      case "HOURS":
        return "We're open as long as you're thirsty. What can I get you?";
      case "RESTROOM":
        return "Just down the hall on the left. I'll keep your spot.";
      case "NOT_YET":
        return this.rng.pick(["No rush at all. Your tab stays open as long as you like.", "Take your time; the tab stays open."]);
      case "PAYING_HOW":
        return "When you're ready, say \"pay\" and I'll give you a secure checkout link: you pay there by card. Nothing is charged before that.";
      case "FEELING":
        return this.rng.pick(["I hear you. A good drink might help; want a suggestion?", "Thanks for sharing. Anything I can pour for you?"]);
    }
  }

  help(): string {
    return "I can pour drinks, tell you about the menu, check your tab or balance, add a tip and take payment. Try \"two Martinis\", \"what beers do you have?\" or \"check please\".";
  }

  goodbye(session: SessionView): string {
    if (session.tab.items.length > 0 && session.tab.status === "OPEN") {
      return `Take care! You still have ${formatCents(session.tab.totalCents)} on your tab; just say "pay" when you're ready.`;
    }
    return this.rng.pick([`Goodnight, and thanks for stopping by ${this.barName.written}!`, "Take care, see you next time!"]);
  }

  cancelled(): string {
    return this.rng.pick(["No problem.", "Sure, forget I asked.", "Okay, nothing changed."]);
  }

  unknown(): string {
    return this.rng.pick([
      "Sorry, I didn't catch that. You can order a drink, ask for the menu, or check your tab.",
      "I'm not sure I follow. Try \"a Martini\", \"what's on the menu?\" or \"what's my tab?\".",
    ]);
  }
}

function modifierWords(modifier: Modifier): string {
  return modifier === "double" ? "as a double" : modifier;
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
