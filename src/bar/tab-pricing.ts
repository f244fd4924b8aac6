/**
 * The tab's arithmetic and the menu's ordering rules, pure and in integer
 * cents, so the service, the tests and the conversation agree on every amount.
 */
import { badInput } from "../errors.js";
import { DOUBLE, EXCLUSIVE_MODIFIER_GROUPS, MODIFIERS, type MenuItem, type Modifier } from "./menu-catalog.js";
import { percentOfCents } from "./money.js";

/** Most of one drink a guest can order in one go, and on one tab line. */
export const MAX_QUANTITY_PER_ORDER = 50;
export const MAX_QUANTITY_PER_LINE = 99;
/** A fixed tip can be at most the subtotal (the same ceiling as a 100% tip). */
export const MAX_TIP_PERCENT = 100;

export interface TipSetting {
  percent: number | null;
  fixedCents: number | null;
}

export const NO_TIP: TipSetting = { percent: null, fixedCents: null };

export interface PricedLine {
  quantity: number;
  unitPriceCents: number;
}

export interface TabTotals {
  subtotalCents: number;
  tipCents: number;
  totalCents: number;
}

export function priceTab(lines: readonly PricedLine[], tip: TipSetting): TabTotals {
  const subtotalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const tipCents = tipFor(subtotalCents, tip);
  return { subtotalCents, tipCents, totalCents: subtotalCents + tipCents };
}

/** A percentage follows the subtotal; a fixed amount stays as the guest set it. */
export function tipFor(subtotalCents: number, tip: TipSetting): number {
  if (subtotalCents === 0) return 0;
  if (tip.percent !== null) return percentOfCents(subtotalCents, tip.percent);
  return tip.fixedCents ?? 0;
}

/** Validates a tip request; 0 or nothing removes the tip. */
export function tipSettingFrom(request: { percent?: number | null; amountCents?: number | null }): TipSetting {
  const { percent, amountCents } = request;
  const hasPercent = percent !== undefined && percent !== null;
  const hasAmount = amountCents !== undefined && amountCents !== null;
  if (hasPercent && hasAmount) {
    throw badInput("Set the tip by percent or by amount, not both.", { reason: "TIP_OUT_OF_RANGE" });
  }
  if (hasPercent) {
    if (!Number.isInteger(percent) || percent < 0 || percent > MAX_TIP_PERCENT) {
      throw badInput(`A tip percent must be a whole number from 0 to ${MAX_TIP_PERCENT}.`, {
        reason: "TIP_OUT_OF_RANGE",
      });
    }
    return percent === 0 ? NO_TIP : { percent, fixedCents: null };
  }
  if (hasAmount) {
    if (!Number.isSafeInteger(amountCents) || amountCents < 0) {
      throw badInput("A tip amount must be a whole, non-negative number of cents.", { reason: "TIP_OUT_OF_RANGE" });
    }
    return amountCents === 0 ? NO_TIP : { percent: null, fixedCents: amountCents };
  }
  return NO_TIP;
}

export function assertOrderQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY_PER_ORDER) {
    throw badInput(`Quantity must be a whole number from 1 to ${MAX_QUANTITY_PER_ORDER}.`, {
      reason: "QUANTITY_OUT_OF_RANGE",
      quantity,
    });
  }
}

const KNOWN_MODIFIERS = new Set<string>(MODIFIERS);

/**
 * The modifiers of one order in canonical form (known, accepted by the item,
 * not contradicting each other, deduplicated and sorted so equal orders merge
 * into one tab line).
 */
export function canonicalModifiers(item: MenuItem, requested: readonly string[]): Modifier[] {
  const unique = [...new Set(requested.map((modifier) => modifier.trim().toLowerCase()))];
  for (const modifier of unique) {
    if (!KNOWN_MODIFIERS.has(modifier)) {
      throw badInput(`"${modifier}" is not a modifier this bar knows.`, {
        reason: "UNKNOWN_MODIFIER",
        modifier,
      });
    }
    if (!item.modifiers.includes(modifier as Modifier)) {
      throw badInput(`${item.name} doesn't come ${modifier}.`, {
        reason: "MODIFIER_NOT_ACCEPTED",
        menuItemId: item.id,
        modifier,
      });
    }
  }
  for (const group of EXCLUSIVE_MODIFIER_GROUPS) {
    const chosen = unique.filter((modifier) => group.includes(modifier as Modifier));
    if (chosen.length > 1) {
      throw badInput(`A drink can't be both ${chosen.join(" and ")}.`, {
        reason: "CONFLICTING_MODIFIERS",
        modifiers: chosen,
      });
    }
  }
  return (unique as Modifier[]).sort();
}

/** Modifiers are free, except a double, which pours (and costs) two. */
export function unitPriceCents(item: MenuItem, modifiers: readonly Modifier[]): number {
  return modifiers.includes(DOUBLE) ? item.priceCents * 2 : item.priceCents;
}
