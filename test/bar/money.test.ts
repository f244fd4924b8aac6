import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatCents, percentOfCents } from "../../src/bar/money.js";

describe("percentOfCents", () => {
  it("rounds half up to the cent", () => {
    expect(percentOfCents(2600, 15)).toBe(390);
    expect(percentOfCents(1050, 15)).toBe(158); // 157.5 -> 158
    expect(percentOfCents(1030, 15)).toBe(155); // 154.5 -> 155
    expect(percentOfCents(1010, 15)).toBe(152); // 151.5 -> 152
    expect(percentOfCents(333, 10)).toBe(33); // 33.3 -> 33
    expect(percentOfCents(0, 20)).toBe(0);
  });

  it("matches exact rational half-up rounding for any subtotal and percent", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }), (subtotal, percent) => {
        const exactTimes100 = subtotal * percent; // tip in 1/100 cents, exact
        const expected = Math.floor(exactTimes100 / 100) + (exactTimes100 % 100 >= 50 ? 1 : 0);
        expect(percentOfCents(subtotal, percent)).toBe(expected);
      }),
    );
  });
});

describe("formatCents", () => {
  it("formats dollars and cents", () => {
    expect(formatCents(0)).toBe("$0.00");
    expect(formatCents(2990)).toBe("$29.90");
    expect(formatCents(100000)).toBe("$1,000.00");
    expect(formatCents(-5)).toBe("-$0.05");
  });
});
