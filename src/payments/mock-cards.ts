/**
 * The mock checkout answers to Stripe's own test card numbers, so a guest (or
 * a test) learns one set of cards for both providers.
 */
import { badInput } from "../errors.js";

export type MockCardOutcome =
  | { kind: "succeed" }
  | { kind: "decline"; reason: string }
  /** 3-D Secure style: succeeds only once the guest confirms a second step. */
  | { kind: "confirm" };

const TEST_CARDS: ReadonlyMap<string, MockCardOutcome> = new Map([
  ["4242424242424242", { kind: "succeed" }],
  ["5555555555554444", { kind: "succeed" }],
  ["4000002500003155", { kind: "confirm" }],
  ["4000000000000002", { kind: "decline", reason: "Your card was declined." }],
  ["4000000000009995", { kind: "decline", reason: "Your card has insufficient funds." }],
  ["4000000000000069", { kind: "decline", reason: "Your card has expired." }],
  ["4000000000000127", { kind: "decline", reason: "Your card's security code is incorrect." }],
]);

export const TEST_CARD_HINT =
  "Use a test card: 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0002 (declined) or 4000 0025 0000 3155 (asks to confirm).";

/** Spaces and dashes are how people type card numbers; anything else is a typo. */
export function normaliseCardNumber(raw: string): string {
  const digits = raw.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(digits)) throw badInput(`That is not a card number. ${TEST_CARD_HINT}`, { reason: "BAD_CARD" });
  return digits;
}

export function mockCardOutcome(raw: string): MockCardOutcome {
  const outcome = TEST_CARDS.get(normaliseCardNumber(raw));
  if (!outcome) throw badInput(`This is a test checkout and takes test cards only. ${TEST_CARD_HINT}`, { reason: "UNKNOWN_CARD" });
  return outcome;
}
