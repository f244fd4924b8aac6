/** "Add a 15% tip", "tip five dollars", "no tip": set through the BarPort, refusals in words. */
import type { Act } from "./act.js";
import { attempt, refuse, refuseError } from "./tab.js";

export const setTip: Act<"SET_TIP"> = async ({ tip, refusal }, _state, bar, tools) => {
  if (!tip) return refuse(refusal ?? { reason: "TIP_NO_AMOUNT" }, bar, tools);
  const result = await attempt(() => bar.setTip(tools.sessionId, tip));
  if (!result.ok) return refuseError(result.error, bar, tools);
  return { text: tools.replies.tipSet(result.value), session: result.value };
};
