/** Money arrives as integer cents; it is only turned into text here, never into float dollars. */

export function formatCents(cents: number): string {
  const whole = Math.trunc(cents);
  const sign = whole < 0 ? "-" : "";
  const abs = Math.abs(whole);
  const dollars = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}$${dollars}.${rest < 10 ? "0" : ""}${rest}`;
}

/**
 * Speech synthesizers read "$3.90" inconsistently ("three dollars ninety", "dollar sign three point nine"),
 * so text composed on the client is spelled out the way the server prepares `Reply.speech`.
 */
export function moneyForSpeech(text: string): string {
  return text.replace(/(-?)\$(\d+)(?:\.(\d{2}))?/g, (_match, minus: string, dollarsText: string, centsText?: string) => {
    const dollars = Number(dollarsText);
    const cents = centsText === undefined ? 0 : Number(centsText);
    const parts: string[] = [];
    if (dollars > 0 || cents === 0) parts.push(`${dollars} ${dollars === 1 ? "dollar" : "dollars"}`);
    if (cents > 0) parts.push(`${cents} ${cents === 1 ? "cent" : "cents"}`);
    return `${minus ? "minus " : ""}${parts.join(" and ")}`;
  });
}
