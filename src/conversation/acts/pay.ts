/** Paying and asking whether a payment went through. */
import type { Act } from "./act.js";
import { attempt, refuseError } from "./tab.js";

export const pay: Act<"PAY"> = async (_understanding, _state, bar, tools) => {
  const result = await attempt(() => bar.checkout(tools.sessionId));
  if (!result.ok) return refuseError(result.error, bar, tools);
  // Checkout locks the tab: `say` reads the session again for the turn's result.
  return { text: tools.replies.checkoutStarted(result.value), paymentId: result.value.id };
};

export const paymentStatus: Act<"PAYMENT_STATUS"> = async (_understanding, _state, bar, tools) => {
  const payment = await bar.latestPayment(tools.sessionId);
  return { text: tools.replies.paymentStatus(payment), paymentId: payment?.id ?? null };
};
