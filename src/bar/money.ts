/** Money helpers. Every amount is an integer number of US cents. */

/** `percent` of `subtotalCents`, rounded half-up to the cent, in integers only. */
export function percentOfCents(subtotalCents: number, percent: number): number {
  // (a * p + 50) / 100 floored is half-up rounding for non-negative integers.
  return Math.floor((subtotalCents * percent + 50) / 100);
}

/** "$1,234.50" */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString("en-US");
  const rest = String(abs % 100).padStart(2, "0");
  return `${sign}$${dollars}.${rest}`;
}
