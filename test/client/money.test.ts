import { describe, expect, it } from "vitest";
import { formatCents, moneyForSpeech } from "../../client/src/money.js";

describe("formatCents", () => {
  it.each([
    [0, "$0.00"],
    [5, "$0.05"],
    [390, "$3.90"],
    [1300, "$13.00"],
    [100000, "$1000.00"],
    [123456789, "$1234567.89"],
    [-250, "-$2.50"],
    [-5, "-$0.05"],
  ])("%i cents reads %s", (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });
});

describe("moneyForSpeech", () => {
  it("spells out amounts the way a synthesizer should say them", () => {
    expect(moneyForSpeech("A 15% tip of $3.90 is on the tab.")).toBe("A 15% tip of 3 dollars and 90 cents is on the tab.");
    expect(moneyForSpeech("That's $1.01 and $12.00, or $0.01.")).toBe("That's 1 dollar and 1 cent and 12 dollars, or 1 cent.");
    expect(moneyForSpeech("$0.00 left")).toBe("0 dollars left");
    expect(moneyForSpeech("$5")).toBe("5 dollars");
  });
});
