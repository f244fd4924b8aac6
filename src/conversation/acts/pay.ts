/** Paying and asking whether a payment went through. */
import type { Act } from "./act.js";
import { attempt, refuse, refuseError } from "./tab.js";

export const pay: Act<"PAY"> = async (understanding, _state, bar, tools) => {
  // A tip asked with the payment is set first: refused, nothing is paid and Maya says why.
  if (understanding.tip) {
    const { tip, refusal } = understanding.tip;
    if (tip === null) return refuse(refusal ?? { reason: "TIP_NO_AMOUNT" }, bar, tools);
    const tipped = await attempt(() => bar.setTip(tools.sessionId, tip));
    if (!tipped.ok) return refuseError(tipped.error, bar, tools);
  }
  const result = await attempt(() => bar.checkout(tools.sessionId));
  if (!result.ok) return refuseError(result.error, bar, tools);
  // Checkout locks the tab: `say` reads the session again for the turn's result.
  return { text: tools.replies.checkoutStarted(result.value), paymentId: result.value.id };
};

export const paymentStatus: Act<"PAYMENT_STATUS"> = async (_understanding, _state, bar, tools) => {
  const payment = await bar.latestPayment(tools.sessionId);
  return { text: tools.replies.paymentStatus(payment), paymentId: payment?.id ?? null };
};
