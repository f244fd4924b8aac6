/**
 * Tips: "add a 15% tip", "tip five dollars", "round it up", "no tip" set through the BarPort;
 * "what would 20% be?" quoted, with an offer to add it. Amounts that depend on the tab (a round-up,
 * a quote) are worked out here, in integer cents, on the tab as it is; a tip outside the product's
 * rules (more than the drinks, a round-up below them) is refused in words and changes nothing.
 */
import { tipFor, type TipSetting } from "../../bar/tab-pricing.js";
import type { TabView, TipChoice } from "../bar-port.js";
import type { Refusal } from "../refusals.js";
import type { TipQuote } from "../replies.js";
import type { RoundUp, TipAsked } from "../understanding.js";
import type { Act } from "./act.js";
import { attempt, refuse, refuseError } from "./tab.js";

/** The tip a tab carries, as the choice that would set it again. */
export function tipChoiceOf(tab: Pick<TabView, "tipPercent" | "tipCents">): TipChoice {
  if (tab.tipPercent !== null) return { percent: tab.tipPercent };
  return tab.tipCents > 0 ? { amountCents: tab.tipCents } : { none: true };
}

const sameTip = (a: TipChoice, b: TipChoice) => JSON.stringify(a) === JSON.stringify(b);

export type TipPlan = { ok: true; tip: TipChoice } | { ok: false; refusal: Refusal };

type Tab = Pick<TabView, "subtotalCents" | "totalCents">;

/**
 * The tip to set for what was asked, on this tab: a round-up worked out in cents, an amount above
 * the drinks refused (the database checks it again). An empty tab is left to the bar, which refuses
 * a tip on it.
 */
export function planTip(asked: TipAsked, tab: Tab): TipPlan {
  if (asked.roundUp) return planRoundUp(asked.roundUp, tab);
  const { tip } = asked;
  if (!tip) return { ok: false, refusal: asked.refusal ?? { reason: "TIP_NO_AMOUNT" } };
  if ("amountCents" in tip && tab.subtotalCents > 0 && tip.amountCents > tab.subtotalCents) {
    return { ok: false, refusal: { reason: "TIP_ABOVE_SUBTOTAL", subtotalCents: tab.subtotalCents } };
  }
  return { ok: true, tip };
}

/**
 * "Round it up": the fixed tip that brings the total (drinks and the tip so far) up to the next
 * whole dollar. A total already in whole dollars is left as it is and the guest is told so: rounding
 * it a dollar further would be a tip nobody named. "Round it up to 20": the tip is what brings the
 * total to $20.00, refused when the drinks alone come to more.
 */
function planRoundUp({ toCents }: RoundUp, { subtotalCents, totalCents }: Tab): TipPlan {
  if (subtotalCents === 0) return { ok: false, refusal: { reason: "TIP_EMPTY_TAB" } };
  if (toCents === null && totalCents % 100 === 0) return { ok: false, refusal: { reason: "TIP_ALREADY_ROUND", totalCents } };
  const targetCents = toCents ?? totalCents + (100 - (totalCents % 100));
  if (targetCents < subtotalCents) return { ok: false, refusal: { reason: "TIP_ROUND_BELOW_DRINKS", targetCents, subtotalCents } };
  const amountCents = targetCents - subtotalCents;
  if (amountCents > subtotalCents) return { ok: false, refusal: { reason: "TIP_ABOVE_SUBTOTAL", subtotalCents } };
  return { ok: true, tip: amountCents === 0 ? { none: true } : { amountCents } };
}

const settingOf = (tip: TipChoice): TipSetting =>
  "percent" in tip ? { percent: tip.percent, fixedCents: null } : { percent: null, fixedCents: "amountCents" in tip ? tip.amountCents : null };

/** Refusals after which the guest's next figure is the tip they settle on (each reply asks for one). */
const FIGURE_ASKED_AGAIN: ReadonlySet<Refusal["reason"]> = new Set<Refusal["reason"]>([
  "TIP_NO_AMOUNT", "TIP_ABOVE_SUBTOTAL", "TIP_PERCENT_OUT_OF_RANGE", "TIP_NEGATIVE", "TIP_PERCENT_NOT_WHOLE",
]);

export const setTip: Act<"SET_TIP"> = async (asked, _state, bar, tools) => {
  // Read first, so "never mind" on the next turn can put the tip back as it was.
  const { tab } = await bar.snapshot(tools.sessionId);
  const plan = planTip(asked, tab);
  if (!plan.ok) {
    const refused = await refuse(plan.refusal, bar, tools);
    // "How much would you like to tip?": the next figure answers it; so does the next one after an amount
    // above the drinks ("tip 15 dollars" on $14 of drinks, then "ok 10 dollars then").
    // ("tip 50 dollars" refused, then "ok 10 then": ten dollars, as the figure refused was.)
    const inDollars = asked.tip !== null && "amountCents" in asked.tip ? { inDollars: true as const } : {};
    return FIGURE_ASKED_AGAIN.has(plan.refusal.reason) ? { ...refused, pending: { kind: "TIP_AMOUNT", ...inDollars } } : refused;
  }
  const before = tipChoiceOf(tab);
  const result = await attempt(() => bar.setTip(tools.sessionId, plan.tip));
  if (!result.ok) return refuseError(result.error, bar, tools);
  const session = result.value;
  const changed = !sameTip(before, tipChoiceOf(session.tab));
  const text = asked.roundUp ? tools.replies.tipRoundedUp(session) : tools.replies.tipSet(session);
  return { text, session, ...(changed ? { change: { added: [], removed: [], tipBefore: before, tipAfter: tipChoiceOf(session.tab) } } : {}) };
};

/** "What would 20% be?": the amount and the total it makes, and an offer to add it; nothing is set. */
export const quoteTip: Act<"QUOTE_TIP"> = async (asked, _state, bar, tools) => {
  const session = await bar.snapshot(tools.sessionId);
  const { tab } = session;
  const plan: TipPlan = tab.subtotalCents === 0 ? { ok: false, refusal: { reason: "TIP_EMPTY_TAB" } } : planTip(asked, tab);
  if (!plan.ok) return { ...(await refuse(plan.refusal, bar, tools)), session };
  const tipCents = tipFor(tab.subtotalCents, settingOf(plan.tip));
  const quote: TipQuote = { tip: plan.tip, tipCents, totalCents: tab.subtotalCents + tipCents, subtotalCents: tab.subtotalCents };
  if (tipCents === 0 || sameTip(plan.tip, tipChoiceOf(tab))) return { text: tools.replies.tipQuoted(quote, false), session };
  return { text: tools.replies.tipQuoted(quote, true), session, pending: { kind: "TIP", tip: plan.tip } };
};
