/** "Add a 15% tip", "tip five dollars", "no tip": set through the BarPort, refusals in words. */
import type { TabView, TipChoice } from "../bar-port.js";
import type { Act } from "./act.js";
import { attempt, refuse, refuseError } from "./tab.js";

/** The tip a tab carries, as the choice that would set it again. */
export function tipChoiceOf(tab: Pick<TabView, "tipPercent" | "tipCents">): TipChoice {
  if (tab.tipPercent !== null) return { percent: tab.tipPercent };
  return tab.tipCents > 0 ? { amountCents: tab.tipCents } : { none: true };
}

const sameTip = (a: TipChoice, b: TipChoice) => JSON.stringify(a) === JSON.stringify(b);

export const setTip: Act<"SET_TIP"> = async ({ tip, refusal }, _state, bar, tools) => {
  if (!tip) return refuse(refusal ?? { reason: "TIP_NO_AMOUNT" }, bar, tools);
  // Read first, so "never mind" on the next turn can put the tip back as it was.
  const before = tipChoiceOf((await bar.snapshot(tools.sessionId)).tab);
  const result = await attempt(() => bar.setTip(tools.sessionId, tip));
  if (!result.ok) return refuseError(result.error, bar, tools);
  const session = result.value;
  const changed = !sameTip(before, tipChoiceOf(session.tab));
  return { text: tools.replies.tipSet(session), session, ...(changed ? { change: { added: [], removed: [], tipBefore: before } } : {}) };
};
