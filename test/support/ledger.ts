/**
 * Reads a session's money straight from the database, independently of the
 * services under test, to check the product's conservation law:
 *   starting balance = balance + current tab total + sum of paid tab totals.
 */
import type { PrismaClient } from "../../src/generated/prisma/client.js";

export interface Ledger {
  startingBalanceCents: number;
  balanceCents: number;
  /** Total of the open (or payment-pending) tab. */
  currentTabCents: number;
  paidCents: number;
  /** How many open-or-pending tabs the session has: always exactly one. */
  currentTabs: number;
  /** Sum of quantity x unit price over the current tab's lines, as stored. */
  currentLinesCents: number;
  currentSubtotalCents: number;
}

export async function readLedger(prisma: PrismaClient, sessionId: string): Promise<Ledger> {
  const rows = await prisma.$queryRaw<Ledger[]>`
    SELECT s.starting_balance_cents AS "startingBalanceCents",
           s.balance_cents AS "balanceCents",
           COALESCE((SELECT SUM(t.total_cents) FROM tabs t
                      WHERE t.session_id = s.id AND t.status IN ('OPEN', 'PAYMENT_PENDING')), 0)::int AS "currentTabCents",
           COALESCE((SELECT SUM(t.total_cents) FROM tabs t
                      WHERE t.session_id = s.id AND t.status = 'PAID'), 0)::int AS "paidCents",
           (SELECT COUNT(*) FROM tabs t
             WHERE t.session_id = s.id AND t.status IN ('OPEN', 'PAYMENT_PENDING'))::int AS "currentTabs",
           COALESCE((SELECT SUM(i.quantity * i.unit_price_cents) FROM tab_items i JOIN tabs t ON t.id = i.tab_id
                      WHERE t.session_id = s.id AND t.status IN ('OPEN', 'PAYMENT_PENDING')), 0)::int AS "currentLinesCents",
           COALESCE((SELECT SUM(t.subtotal_cents) FROM tabs t
                      WHERE t.session_id = s.id AND t.status IN ('OPEN', 'PAYMENT_PENDING')), 0)::int AS "currentSubtotalCents"
      FROM sessions s
     WHERE s.id = ${sessionId}::uuid`;
  const row = rows[0];
  if (!row) throw new Error(`No session ${sessionId}`);
  return row;
}

/** Throws (with the figures) unless the session's money is conserved and consistent. */
export function assertConserved(ledger: Ledger): void {
  const accounted = ledger.balanceCents + ledger.currentTabCents + ledger.paidCents;
  const problems: string[] = [];
  if (accounted !== ledger.startingBalanceCents) {
    problems.push(`balance + current tab + paid = ${accounted}, starting balance = ${ledger.startingBalanceCents}`);
  }
  if (ledger.balanceCents < 0) problems.push(`negative balance ${ledger.balanceCents}`);
  if (ledger.currentTabs !== 1) problems.push(`${ledger.currentTabs} current tabs`);
  if (ledger.currentLinesCents !== ledger.currentSubtotalCents) {
    problems.push(`lines add up to ${ledger.currentLinesCents}, subtotal says ${ledger.currentSubtotalCents}`);
  }
  if (problems.length) throw new Error(`Money is not conserved: ${problems.join("; ")} (${JSON.stringify(ledger)})`);
}

/** Half-up rounding of subtotal x percent / 100, computed digit-wise (independent of src/bar/money.ts). */
export function expectedPercentTip(subtotalCents: number, percent: number): number {
  const hundredths = subtotalCents * percent;
  const whole = Math.trunc(hundredths / 100);
  const remainder = hundredths - whole * 100;
  return remainder >= 50 ? whole + 1 : whole;
}
