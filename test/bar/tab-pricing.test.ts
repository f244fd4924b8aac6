import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import {
  canonicalModifiers,
  priceTab,
  tipSettingFrom,
  unitPriceCents,
  assertOrderQuantity,
} from "../../src/bar/tab-pricing.js";
import { DomainError } from "../../src/errors.js";

const item = (id: string) => {
  const found = MENU_CATALOG.find((entry) => entry.id === id);
  if (!found) throw new Error(id);
  return found;
};

function domainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("priceTab", () => {
  it("adds a percentage tip that follows the subtotal, rounded half up", () => {
    const lines = [{ quantity: 2, unitPriceCents: 1300 }];
    expect(priceTab(lines, { percent: 15, fixedCents: null })).toEqual({
      subtotalCents: 2600,
      tipCents: 390,
      totalCents: 2990,
    });
    expect(priceTab([{ quantity: 1, unitPriceCents: 1050 }], { percent: 15, fixedCents: null }).tipCents).toBe(158);
  });

  it("keeps a fixed tip as set, and no tip on an empty tab", () => {
    expect(priceTab([{ quantity: 1, unitPriceCents: 500 }], { percent: null, fixedCents: 300 }).totalCents).toBe(800);
    expect(priceTab([], { percent: 20, fixedCents: null }).totalCents).toBe(0);
    expect(priceTab([], { percent: null, fixedCents: 300 }).totalCents).toBe(0);
  });

  it("total is always subtotal plus tip, in whole cents", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 99 }), unitPriceCents: fc.integer({ min: 0, max: 5000 }) })),
        fc.integer({ min: 0, max: 100 }),
        (lines, percent) => {
          const totals = priceTab(lines, { percent, fixedCents: null });
          expect(Number.isSafeInteger(totals.tipCents)).toBe(true);
          expect(totals.totalCents).toBe(totals.subtotalCents + totals.tipCents);
          expect(totals.tipCents).toBeLessThanOrEqual(totals.subtotalCents);
        },
      ),
    );
  });
});

describe("tipSettingFrom", () => {
  it("accepts 0-100 percent and non-negative amounts; 0 or nothing removes the tip", () => {
    expect(tipSettingFrom({ percent: 15 })).toEqual({ percent: 15, fixedCents: null });
    expect(tipSettingFrom({ amountCents: 500 })).toEqual({ percent: null, fixedCents: 500 });
    expect(tipSettingFrom({ percent: 0 })).toEqual({ percent: null, fixedCents: null });
    expect(tipSettingFrom({})).toEqual({ percent: null, fixedCents: null });
  });

  it.each([{ percent: -5 }, { percent: 101 }, { percent: 12.5 }, { amountCents: -1 }, { percent: 10, amountCents: 100 }])(
    "refuses %o",
    (request) => {
      expect(domainError(() => tipSettingFrom(request)).code).toBe("BAD_USER_INPUT");
    },
  );
});

describe("modifiers", () => {
  it("canonicalises, deduplicates and sorts", () => {
    expect(canonicalModifiers(item("martini"), ["Shaken", "dirty", "dirty"])).toEqual(["dirty", "shaken"]);
  });

  it("refuses a modifier the drink does not take, naming it", () => {
    const error = domainError(() => canonicalModifiers(item("ipa"), ["neat"]));
    expect(error.details).toMatchObject({ reason: "MODIFIER_NOT_ACCEPTED", menuItemId: "ipa", modifier: "neat" });
  });

  it("refuses contradictions and unknown words", () => {
    expect(domainError(() => canonicalModifiers(item("whiskey"), ["neat", "on the rocks"])).details.reason).toBe(
      "CONFLICTING_MODIFIERS",
    );
    expect(domainError(() => canonicalModifiers(item("martini"), ["flaming"])).details.reason).toBe("UNKNOWN_MODIFIER");
  });

  it("prices a double spirit at twice the single, other modifiers free", () => {
    expect(unitPriceCents(item("whiskey"), ["double", "neat"])).toBe(1600);
    expect(unitPriceCents(item("martini"), ["dirty", "shaken"])).toBe(1300);
  });
});

describe("assertOrderQuantity", () => {
  it.each([0, -1, 51, 1000, 1.5])("refuses %s", (quantity) => {
    expect(domainError(() => assertOrderQuantity(quantity)).details.reason).toBe("QUANTITY_OUT_OF_RANGE");
  });
  it("accepts 1 to 50", () => {
    expect(() => assertOrderQuantity(1)).not.toThrow();
    expect(() => assertOrderQuantity(50)).not.toThrow();
  });
});
