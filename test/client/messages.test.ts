import { describe, expect, it } from "vitest";
import { linkParts, payLabel, paymentResult, safeCheckoutHref, sameWords, withoutLink } from "../../client/src/messages.js";

describe("matching a shown line with its stored copy", () => {
  it("ignores spacing the server trims, nothing else", () => {
    expect(sameWords("  two martinis  please ", "two martinis please")).toBe(true);
    expect(sameWords("two martinis please", "two martinis, please")).toBe(false);
    expect(sameWords("Thank you!", "thank you!")).toBe(false);
  });
});

describe("payments", () => {
  it("labels the pay button with the total", () => {
    expect(payLabel(2990)).toBe("Pay $29.90");
  });

  it("reports each outcome honestly", () => {
    const base = { amountCents: 2990, failureReason: null };
    expect(paymentResult({ ...base, status: "SUCCEEDED" })).toMatch(/\$29\.90 went through/);
    expect(paymentResult({ ...base, status: "PENDING" })).toMatch(/still processing/);
    expect(paymentResult({ ...base, status: "FAILED", failureReason: "Your card was declined." })).toBe(
      "That payment didn't go through (Your card was declined). Your tab is still open, so we can try again.",
    );
    expect(paymentResult({ ...base, status: "EXPIRED" })).toMatch(/expired/);
    expect(paymentResult({ ...base, status: "CANCELED" })).toMatch(/cancelled/);
  });

  it("only lets web links become the Pay button", () => {
    const base = "http://localhost:4000/";
    expect(safeCheckoutHref("/checkout/abc", base)).toBe("http://localhost:4000/checkout/abc");
    expect(safeCheckoutHref("https://checkout.stripe.com/c/pay/cs_test_1", base)).toBe("https://checkout.stripe.com/c/pay/cs_test_1");
    expect(safeCheckoutHref("javascript:alert(1)", base)).toBeNull();
    expect(safeCheckoutHref("data:text/html,hi", base)).toBeNull();
  });
});

describe("links in Maya's words", () => {
  const url = "http://127.0.0.1:4000/checkout/4eeb3f28-90ea";

  it("leaves the checkout address out when the Pay button carries it", () => {
    expect(withoutLink(`Your total is $26.00. Tap the link to pay: ${url}`, url)).toBe("Your total is $26.00. Tap the link to pay:");
    expect(withoutLink(`Pay here: ${url}. Cheers!`, url)).toBe("Pay here. Cheers!");
    expect(withoutLink("Your total is $26.00.", url)).toBe("Your total is $26.00.");
    expect(withoutLink(`Tap ${url}`, null)).toBe(`Tap ${url}`);
  });

  it("picks web addresses out of the words, without trailing punctuation", () => {
    expect(linkParts(`Tap the link to pay: ${url}.`)).toEqual([
      { text: "Tap the link to pay: " },
      { text: url, href: url },
      { text: "." },
    ]);
    expect(linkParts("No link here, $5.00.")).toEqual([{ text: "No link here, $5.00." }]);
    expect(linkParts("javascript:alert(1)")).toEqual([{ text: "javascript:alert(1)" }]);
  });
});
