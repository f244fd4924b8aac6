/**
 * Words the page composes itself (notes, labels) and helpers for Maya's own words. Whatever Maya says
 * comes from the server (a reply, or the stored transcript), so a reload shows the same conversation.
 */
import { formatCents } from "./money.js";

/** The same line, whatever the spacing: the server keeps an utterance trimmed. */
export function sameWords(a: string, b: string): boolean {
  const words = (text: string) => text.trim().replace(/\s+/g, " ");
  return words(a) === words(b);
}

export type PaymentStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "EXPIRED" | "CANCELED";

export interface PaymentLike {
  readonly status: PaymentStatus;
  readonly amountCents: number;
  readonly failureReason: string | null;
}

export function paymentResult(payment: PaymentLike): string {
  const amount = formatCents(payment.amountCents);
  switch (payment.status) {
    case "SUCCEEDED":
      return `Your payment of ${amount} went through. Thank you, and cheers!`;
    case "PENDING":
      return `Your payment of ${amount} is still processing. I'll let you know the moment it lands.`;
    case "FAILED": {
      const reason = payment.failureReason ? ` (${payment.failureReason.replace(/\.$/, "")})` : "";
      return `That payment didn't go through${reason}. Your tab is still open, so we can try again.`;
    }
    case "EXPIRED":
      return "That checkout expired before it was finished. Your tab is still open.";
    case "CANCELED":
      return "That checkout was cancelled. Your tab is still open whenever you're ready.";
  }
}

export function payLabel(amountCents: number): string {
  return `Pay ${formatCents(amountCents)}`;
}

/**
 * Only web links may become the Pay button: a checkout URL is data from the network,
 * and a `javascript:` one would run in our page.
 */
export function safeCheckoutHref(url: string, base: string): string | null {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A reply that offers a checkout may spell the link out ("Tap the link to pay: http://…/checkout/…").
 * The Pay button carries the link, so the displayed words leave the long address out.
 */
export function withoutLink(text: string, url: string | null): string {
  if (!url || !text.includes(url)) return text;
  return text
    .split(url)
    .join("")
    .replace(/[ \t]+([.,;!?])/g, "$1")
    .replace(/:([.!?])/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}

export type TextPart = { readonly text: string; readonly href?: string };

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"']+/g;

/**
 * Words with their web addresses picked out, so a message from the transcript history (which has
 * no Pay button) still offers its link. Sentence punctuation after an address is not part of it.
 */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const address = match[0].replace(/[.,;:!?)]+$/, "");
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: address, href: address });
    last = start + address.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
