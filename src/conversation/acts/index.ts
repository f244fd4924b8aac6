/**
 * The one dispatch table: every intent to the act that carries it out. The
 * table is typed by intent, so a new intent without an act does not compile.
 */
import type { BarPort } from "../bar-port.js";
import type { DialogueState } from "../dialogue-state.js";
import type { Intent, Understanding } from "../understanding.js";
import type { Act, ActTools, Outcome } from "./act.js";
import { menu, price, recommend, showBalance, showTab } from "./ask.js";
import { mention } from "./mention.js";
import { modify } from "./modify.js";
import { order, repeatOrder } from "./order.js";
import { pay, paymentStatus } from "./pay.js";
import { changeQuantity } from "./quantity.js";
import { remove } from "./remove.js";
import { replace } from "./replace.js";
import { cancel, goodbye, greet, help, smallTalk, unknown } from "./talk.js";
import { quoteTip, setTip } from "./tip.js";
import { undo } from "./undo.js";

const ACTS: { readonly [I in Intent]: Act<I> } = {
  GREET: greet,
  ORDER: order,
  REPEAT_ORDER: repeatOrder,
  REMOVE: remove,
  CHANGE_QUANTITY: changeQuantity,
  MODIFY: modify,
  SHOW_TAB: showTab,
  SHOW_BALANCE: showBalance,
  MENU: menu,
  PRICE: price,
  RECOMMEND: recommend,
  SET_TIP: setTip,
  QUOTE_TIP: quoteTip,
  PAY: pay,
  PAYMENT_STATUS: paymentStatus,
  SMALL_TALK: smallTalk,
  HELP: help,
  GOODBYE: goodbye,
  CANCEL: cancel,
  UNKNOWN: unknown,
  MENTION: mention,
  UNDO: undo,
  REPLACE: replace,
};

export function act(understanding: Understanding, state: DialogueState, bar: BarPort, tools: ActTools): Outcome | Promise<Outcome> {
  // The table pairs each intent with its own act; TypeScript cannot follow that through a lookup.
  const handler = ACTS[understanding.intent] as Act<Intent>;
  return handler(understanding as never, state, bar, tools);
}

export type { ActTools, Outcome, TabChange } from "./act.js";
