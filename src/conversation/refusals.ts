/**
 * Why Maya did not do what was asked, as data: a reason and the facts the
 * words need. Understanding produces some (a quantity or a tip out of range),
 * the bar produces the others (a DomainError from the BarPort), and replies.ts
 * turns every one into words in one place (`Replies.refused`). This module is
 * the only one that reads a BarPort error's `details`.
 */
import { MAX_QUANTITY_PER_ORDER } from "../bar/tab-pricing.js";
import type { DomainError } from "../errors.js";
import { isModifier } from "./modifiers.js";
import type { QuantityRange } from "./numbers.js";
import type { Modifier } from "../bar/menu-catalog.js";

/** The backend pours 1 to 50 of a drink per order line. */
export const MAX_QUANTITY = MAX_QUANTITY_PER_ORDER;
export const MAX_TIP_PERCENT = 100;

export type QuantityRefusal =
  /** More than the bar pours of one drink at a time ("a hundred martinis", "a billion beers"). */
  | { reason: "QUANTITY_TOO_MANY"; max: number }
  /** Fewer than one: zero or a negative number ("-5 martinis"). */
  | { reason: "QUANTITY_TOO_FEW"; max: number; negative: boolean }
  /** A fraction ("half a martini", "1.5 beers"). */
  | { reason: "QUANTITY_NOT_WHOLE"; max: number }
  /** A range ("two or three IPAs") or a vague amount ("a few negronis"): asked, never guessed. */
  | { reason: "QUANTITY_NOT_SAID"; range: QuantityRange };

export type TipRefusal =
  | { reason: "TIP_PERCENT_OUT_OF_RANGE"; max: number }
  | { reason: "TIP_NEGATIVE"; max: number }
  | { reason: "TIP_PERCENT_NOT_WHOLE" }
  | { reason: "TIP_NO_AMOUNT" }
  | { reason: "TIP_ABOVE_SUBTOTAL"; subtotalCents: number }
  /** "Round it up" on a total that is already a whole number of dollars: left as it is. */
  | { reason: "TIP_ALREADY_ROUND"; totalCents: number }
  /** "Round it up to 10" on drinks that come to more: the tip would be negative. */
  | { reason: "TIP_ROUND_BELOW_DRINKS"; targetCents: number; subtotalCents: number }
  /** A tip worked out on the tab (a round-up, a quote) with nothing on it. */
  | { reason: "TIP_EMPTY_TAB" };

export type BarRefusal =
  | { reason: "INSUFFICIENT_FUNDS"; neededCents: number | null; balanceCents: number | null }
  | { reason: "TAB_LOCKED" }
  | { reason: "PAYMENT_PROVIDER_UNAVAILABLE" }
  | { reason: "EMPTY_TAB" }
  | { reason: "MODIFIER_NOT_ACCEPTED"; menuItemId: string; modifier: Modifier }
  | { reason: "ITEM_UNAVAILABLE"; menuItemId: string | null }
  /** Anything else the bar refused: said plainly, nothing changed. */
  | { reason: "CANNOT_POUR" };

export type Refusal = QuantityRefusal | TipRefusal | BarRefusal;
export type RefusalReason = Refusal["reason"];

/** The refusal for a quantity the bar would not pour, or null when it is fine. */
export function quantityRefusal(quantity: number, range?: QuantityRange): QuantityRefusal | null {
  if (range) return { reason: "QUANTITY_NOT_SAID", range };
  if (!Number.isInteger(quantity)) {
    // A huge number said in words may not be an integer in floating point, but it is still too many.
    if (quantity > MAX_QUANTITY) return { reason: "QUANTITY_TOO_MANY", max: MAX_QUANTITY };
    if (quantity < 0) return { reason: "QUANTITY_TOO_FEW", max: MAX_QUANTITY, negative: true };
    return { reason: "QUANTITY_NOT_WHOLE", max: MAX_QUANTITY };
  }
  if (quantity > MAX_QUANTITY) return { reason: "QUANTITY_TOO_MANY", max: MAX_QUANTITY };
  if (quantity < 1) return { reason: "QUANTITY_TOO_FEW", max: MAX_QUANTITY, negative: quantity < 0 };
  return null;
}

const numberOrNull = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** What a BarPort error means for the guest. */
export function barRefusal(error: DomainError): Refusal {
  const { reason, menuItemId, modifier, subtotalCents } = error.details;
  switch (error.code) {
    case "INSUFFICIENT_FUNDS":
      return {
        reason: "INSUFFICIENT_FUNDS",
        neededCents: numberOrNull(error.details.neededCents),
        balanceCents: numberOrNull(error.details.balanceCents),
      };
    case "TAB_LOCKED":
      return { reason: "TAB_LOCKED" };
    case "PAYMENT_PROVIDER_UNAVAILABLE":
      return { reason: "PAYMENT_PROVIDER_UNAVAILABLE" };
    case "NOT_FOUND":
      return { reason: "ITEM_UNAVAILABLE", menuItemId: typeof menuItemId === "string" ? menuItemId : null };
    default:
      break;
  }
  switch (reason) {
    case "EMPTY_TAB":
      return { reason: "EMPTY_TAB" };
    case "QUANTITY_OUT_OF_RANGE":
      return { reason: "QUANTITY_TOO_MANY", max: MAX_QUANTITY };
    case "TIP_OUT_OF_RANGE":
      return { reason: "TIP_PERCENT_OUT_OF_RANGE", max: MAX_TIP_PERCENT };
    case "TIP_ABOVE_SUBTOTAL": {
      const subtotal = numberOrNull(subtotalCents);
      return subtotal === null ? { reason: "CANNOT_POUR" } : { reason: "TIP_ABOVE_SUBTOTAL", subtotalCents: subtotal };
    }
    case "MODIFIER_NOT_ACCEPTED":
      if (typeof menuItemId === "string" && typeof modifier === "string" && isModifier(modifier)) {
        return { reason: "MODIFIER_NOT_ACCEPTED", menuItemId, modifier };
      }
      return { reason: "CANNOT_POUR" };
    default:
      return { reason: "CANNOT_POUR" };
  }
}
