/**
 * Pouring: an order, or the question it needs first (which drink, which
 * serving, a modifier the drink does not take, a drink the bar does not
 * have, a quantity it does not pour). Only a settled order reaches the tab,
 * in one BarPort call. "Another one" and "same again" pour the last order again.
 */
import type { BarPort, OrderLine } from "../bar-port.js";
import type { DialogueState, PendingQuestion } from "../dialogue-state.js";
import { draftProblem, openQuestion, toOrderLines, withoutProblem, type DraftLine } from "../drafts.js";
import { groundPhrase, isDrinkLike, suggestionsFor } from "../grounding.js";
import { isModifier, replaceModifiers, reviseModifiers } from "../modifiers.js";
import { quantityRefusal } from "../refusals.js";
import type { TipAsked } from "../understanding.js";
import type { Act, ActTools, Outcome } from "./act.js";
import { offer } from "./offer.js";
import { attempt, changeTab, refuse, refuseError } from "./tab.js";
import { planTip, tipChoiceOf } from "./tip.js";

/** Drafts ready to pour (with what Maya says first about the rest, if anything), or what she says and asks instead. */
export type Settled = { lines: OrderLine[]; preface: string | null } | { outcome: Outcome };

/**
 * What the guest asked for that the bar does not have. Alone, it is answered (a drink we do not
 * pour with the closest by family and mood, offered; food and other goods told as such). Beside
 * drinks, it is said first and never holds them back: they are poured, or asked about, as asked.
 */
export function notOnMenu(unknown: readonly string[], tools: ActTools): { alone: Outcome; beside: string | null; drinks: boolean } | null {
  const { index, replies } = tools;
  const grounded = unknown.map((phrase) => groundPhrase(phrase, index));
  const things = grounded.filter((thing) => thing.kind !== "GARNISH");
  // "a slice of lime for my water": what goes with a drink is no order, and needs no refusal.
  if (things.length === 0) return grounded.length > 0 ? { alone: { text: replies.garnish() }, beside: null, drinks: false } : null;
  const drink = things.find(isDrinkLike);
  const closest = drink ? suggestionsFor(drink, index, 2) : [];
  return {
    alone: { text: replies.notServed(things, closest), pending: closest.length > 0 ? offer(closest.map((item) => item.id)) : null },
    beside: replies.notServedBeside(things, closest),
    drinks: drink !== undefined,
  };
}

/**
 * The drafts as order lines, or the question or refusal they need first. `replaces`: the lines a
 * replacement will take off, kept with the question so the answer completes the replacement.
 */
export async function settle(
  drafts: DraftLine[],
  unknown: readonly string[],
  bar: BarPort,
  tools: ActTools,
  replaces?: OrderLine[],
): Promise<Settled> {
  const { index, replies } = tools;
  // The guest asked for these drinks: the question outlives an interjection.
  const ask = (question: Omit<PendingQuestion & { kind: "ORDER" }, "kind" | "replaces" | "ordered">): PendingQuestion => ({
    kind: "ORDER",
    ...question,
    ...(replaces ? { replaces } : {}),
    ordered: true,
  });
  const missing = notOnMenu(unknown, tools);
  if (missing && drafts.length === 0) return { outcome: missing.alone };
  const preface = missing?.beside ?? null;
  const told = (outcome: Outcome): { outcome: Outcome } => ({ outcome: preface ? { ...outcome, text: `${preface} ${outcome.text}` } : outcome });
  if (drafts.length === 0) return { outcome: { text: replies.orderWhat() } };
  for (const [draftIndex, draft] of drafts.entries()) {
    const refusal = quantityRefusal(draft.quantity, draft.range);
    if (!refusal) continue;
    // "How many would you like?" is asked about this line: the next count answers it.
    const asked = ({ range: _range, ...line }: DraftLine): DraftLine => ({ ...line, quantity: 1 });
    const pending: PendingQuestion = { kind: "QUANTITY", drafts: drafts.map((line, at) => (at === draftIndex ? asked(line) : line)), draftIndex };
    return told({ ...(await refuse(refusal, bar, tools)), pending: replaces ? null : pending });
  }
  const question = openQuestion(drafts, index);
  if (question?.kind === "WHICH_ITEM") return told({ text: replies.askWhich(question), pending: ask({ drafts, confirm: false }) });
  const problem = draftProblem(drafts, index);
  if (problem) {
    const fixed = withoutProblem(drafts, problem);
    const next = openQuestion(fixed, index);
    return told({ text: replies.modifierRefused(problem, next), pending: ask({ drafts: fixed, confirm: next === null }), focusItemId: problem.item.id });
  }
  // "How much is that?" while Maya asks how to pour it: the drink asked about is in focus.
  if (question?.kind === "SERVING") return told({ text: replies.askServing(question), pending: ask({ drafts, confirm: false }), focusItemId: question.itemIds[0] ?? null });
  const lines = toOrderLines(drafts, index);
  if (!lines || lines.length === 0) return told({ text: replies.unknown() });
  return { lines, preface };
}

/**
 * While a payment is pending the tab is locked, so Maya says so at once rather than asking a
 * question whose answer she would have to refuse.
 */
export async function unlessLocked(outcome: Outcome, bar: BarPort, tools: ActTools): Promise<Outcome> {
  if (outcome.pending?.kind !== "ORDER" && outcome.pending?.kind !== "QUANTITY") return outcome;
  const session = outcome.session ?? (await bar.snapshot(tools.sessionId));
  if (session.tab.status === "PAYMENT_PENDING") return { text: tools.replies.refused({ reason: "TAB_LOCKED" }), session };
  return outcome;
}

/** A line that needs nothing asked before it is poured: one drink, a count the bar pours, made as it can be. */
function isReady(draft: DraftLine, index: ActTools["index"]): boolean {
  return !draft.range && quantityRefusal(draft.quantity) === null && openQuestion([draft], index) === null && draftProblem([draft], index) === null;
}

/**
 * An order, or the question it needs first. The lines that need nothing asked are poured at once
 * ("an IPA and a gin": the IPA now, then "neat or on the rocks for the gin?"); the question about
 * the others waits for its answer, as Maya's pending question.
 */
export async function pour(said: DraftLine[], unknown: readonly string[], bar: BarPort, tools: ActTools): Promise<Outcome> {
  const drafts = said.some((draft) => draft.asBefore) ? await madeAsBefore(said, bar, tools) : said;
  const ready = drafts.filter((draft) => isReady(draft, tools.index));
  // A count no bar pours ("a martini and -2 negronis") holds the whole order: it is refused as said.
  const absurd = drafts.some((draft) => !draft.range && quantityRefusal(draft.quantity) !== null);
  if (!absurd && ready.length > 0 && ready.length < drafts.length) {
    const now = await pourSettled(ready, unknown, bar, tools);
    if (!now.change) return now;
    const rest = await settle(drafts.filter((draft) => !ready.includes(draft)), [], bar, tools);
    if (!("outcome" in rest)) return now;
    return { ...now, text: tools.replies.orderedThen(now.change.added, rest.outcome.text), pending: rest.outcome.pending ?? null };
  }
  return pourSettled(drafts, unknown, bar, tools);
}

/**
 * Drafts said to be as before: made as the same drink was the last time ("another bourbon, same
 * way"), and a kind of drink ("one more beer") the one of that kind on the tab, when there is one.
 * A drink not had before is made as the latest line was, where it can be ("rum on the rocks", then
 * "and a gin, same way").
 */
async function madeAsBefore(drafts: DraftLine[], bar: BarPort, tools: ActTools): Promise<DraftLine[]> {
  const { items } = (await bar.snapshot(tools.sessionId)).tab;
  return drafts.map(({ asBefore, ...draft }) => {
    if (!asBefore) return draft;
    const had = new Set(items.filter((line) => draft.candidates.includes(line.menuItemId)).map((line) => line.menuItemId));
    const [only, ...others] = had.size === 1 ? [...had] : draft.candidates;
    const before = others.length === 0 ? items.filter((line) => line.menuItemId === only).pop() : undefined;
    if (!before) return madeAsTheLatest(draft, items[items.length - 1], tools.index);
    // ("another double rye, same way" of a rye on the rocks: a double, on the rocks.)
    const made = reviseModifiers(before.modifiers.filter(isModifier), draft.modifiers);
    return { ...draft, candidates: [before.menuItemId], category: null, modifiers: made };
  });
}

/** One drink made as the latest line was, when every way that line was made suits it. */
function madeAsTheLatest(draft: DraftLine, latest: { modifiers: readonly string[] } | undefined, index: ActTools["index"]): DraftLine {
  const [id, ...others] = draft.candidates;
  const item = id !== undefined && others.length === 0 ? index.byId.get(id) : undefined;
  const made = latest?.modifiers.filter(isModifier) ?? [];
  if (!item || draft.modifiers.length > 0 || made.length === 0 || !made.every((modifier) => item.modifiers.includes(modifier))) return draft;
  return { ...draft, modifiers: made };
}

async function pourSettled(drafts: DraftLine[], unknown: readonly string[], bar: BarPort, tools: ActTools): Promise<Outcome> {
  const settled = await settle(drafts, unknown, bar, tools);
  if ("outcome" in settled) return unlessLocked(settled.outcome, bar, tools);
  const { lines, preface } = settled;
  const added = await changeTab(bar, tools, { set: [], add: lines });
  const last = lines[lines.length - 1] as OrderLine;
  // ("eight martinis" refused for the balance, then "seven then": the count is of the drink refused.)
  if (!added.ok) return { ...added.outcome, focusItemId: last.menuItemId };
  const ordered = tools.replies.ordered(lines, added.session);
  return {
    text: preface ? `${preface} ${ordered}` : ordered,
    session: added.session,
    lastOrder: lines,
    focusItemId: last.menuItemId,
    change: added.change,
  };
}

export const order: Act<"ORDER"> = async (understanding, _state, bar, tools) => {
  const poured = await pour(understanding.drafts, understanding.unknown, bar, tools);
  return understanding.tip ? withTip(poured, understanding.tip, bar, tools) : poured;
};

/**
 * "Two martinis and a 15% tip": the tip once the drinks are on the tab, in the same turn (one
 * version, one event), and undone with them. An order still asking a question gets no tip yet.
 */
async function withTip(poured: Outcome, asked: TipAsked, bar: BarPort, tools: ActTools): Promise<Outcome> {
  if (!poured.change || poured.change.added.length === 0) return { ...poured, text: `${poured.text} ${tools.replies.tipAfterOrder()}` };
  const lines = poured.change.added;
  const refused = (outcome: Outcome) => ({ ...poured, text: tools.replies.orderedThen(lines, outcome.text) });
  const tab = poured.session?.tab ?? (await bar.snapshot(tools.sessionId)).tab;
  const plan = planTip(asked, tab);
  if (!plan.ok) return refused(await refuse(plan.refusal, bar, tools));
  const before = tipChoiceOf(tab);
  const result = await attempt(() => bar.setTip(tools.sessionId, plan.tip));
  if (!result.ok) return refused(await refuseError(result.error, bar, tools));
  return {
    ...poured,
    text: tools.replies.orderedWithTip(lines, result.value),
    session: result.value,
    change: { ...poured.change, tipBefore: before },
  };
}

/** Drafts that pour these lines again exactly as they were poured. */
export const draftsOf = (lines: readonly OrderLine[]): DraftLine[] =>
  lines.map((line) => ({
    candidates: [line.menuItemId],
    category: null,
    quantity: line.quantity,
    modifiers: line.modifiers.filter(isModifier),
    softModifiers: [],
  }));

export const repeatOrder: Act<"REPEAT_ORDER"> = async (understanding, state: DialogueState, bar, tools) => {
  const { itemIds } = understanding;
  const poured = itemIds ? (await bar.snapshot(tools.sessionId)).tab.items.filter((line) => itemIds.includes(line.menuItemId)) : [];
  const known = (poured.length > 0 ? poured.map(({ menuItemId, quantity, modifiers }) => ({ menuItemId, quantity, modifiers })) : state.lastOrder).filter((line) => tools.index.byId.has(line.menuItemId));
  const last = known[known.length - 1];
  if (!last) return { text: tools.replies.nothingToRepeat() };
  const lines = understanding.scope === "ORDER" ? known : [{ ...last, quantity: understanding.quantity ?? 1 }];
  const said = understanding.modifiers;
  const made = said ? lines.map((line) => ({ ...line, modifiers: replaceModifiers(line.modifiers.filter(isModifier), said) })) : lines;
  return pour(draftsOf(made), [], bar, tools);
};
