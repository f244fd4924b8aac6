import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatCents } from "../../src/bar/money.js";
import { DEFAULT_BAR_NAME, toSpeech } from "../../src/conversation/speech.js";

describe("speech text", () => {
  it.each([
    ["That's $13.50.", "That's 13 dollars and 50 cents."],
    ["Your balance is $1,000.00.", "Your balance is 1000 dollars."],
    ["A tip of $0.05.", "A tip of 5 cents."],
    ["Just $1.00 and $0.01.", "Just 1 dollar and 1 cent."],
    ["Change: -$5.00.", "Change: minus 5 dollars."],
    ["A 15% tip.", "A 15 percent tip."],
    ["Gin & tonic.", "Gin and tonic."],
    ["An IPA or two IPAs?", "An I P A or two I P As?"],
    ["Welcome to MayaMCP!", "Welcome to Maya M C P!"],
    ["Two Martinis ($26.00) and an IPA ($6.00).", "Two Martinis, 26 dollars, and an I P A, 6 dollars."],
    ["Here's your payment link: http://localhost:4000/checkout/pay-1", "Here's your payment link."],
    ["Pay here: https://checkout.stripe.com/c/pay/cs_test_a1?x=1. Thanks!", "Pay here. Thanks!"],
  ])("%s -> %s", (text, speech) => {
    expect(toSpeech(text)).toBe(speech);
  });

  it("says the bar's name as configured", () => {
    expect(toSpeech("Welcome to The Rusty Nail & Co!", { written: "The Rusty Nail & Co", spoken: "The Rusty Nail and Company" })).toBe(
      "Welcome to The Rusty Nail and Company!",
    );
    expect(DEFAULT_BAR_NAME.spoken).not.toMatch(/[A-Z]{2}/);
  });

  it("spells every amount formatCents can produce, without symbols or digits separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (cents) => {
        const spoken = toSpeech(`It's ${formatCents(cents)}.`);
        expect(spoken).not.toMatch(/[$,%]/);
        const abs = Math.abs(cents);
        if (abs % 100 > 0) expect(spoken).toContain(`${abs % 100} cent`);
        if (abs >= 100 || abs === 0) expect(spoken).toContain(`${Math.floor(abs / 100)} dollar`);
      }),
    );
  });
});
