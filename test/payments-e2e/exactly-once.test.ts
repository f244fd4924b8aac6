/**
 * Exactly once, end to end: two app instances on one PostgreSQL database,
 * the real Stripe SDK against the stand-in with faults injected, 50
 * concurrent checkouts per tab split across the instances. Each tab ends
 * with one attempt, one Checkout Session and, once the guest has paid
 * (signed webhook to either instance, or the reconciler's polling), one PAID
 * tab, with the money conserved.
 */
import { describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient } from "../support/maya.js";
import {
  CHECKOUT,
  conservation,
  guestWithTab,
  local,
  ledger,
  me,
  providerRetries,
  standinFigures,
  STRIPE_WEBHOOK_SECRET,
  useStripeApp,
  waitFor,
  type PaymentJson,
} from "../support/payments-e2e.js";
import { postgresOrSkip } from "../support/postgres.js";
import type { FaultPlan } from "../support/stripe-standin/index.js";

const CONCURRENT = 50;
const CREATE = { method: "POST", path: "/v1/checkout/sessions" } as const;
const RETRIEVE = { method: "GET", path: /^\/v1\/checkout\/sessions\/cs_/ } as const;

interface Round {
  name: string;
  faults: FaultPlan[];
  /** Who learns that the guest paid: a signed webhook to instance A or B, or nobody (the reconcilers poll). */
  completion: "webhook to A" | "webhook to B" | "reconciler polling";
}

const ROUNDS: Round[] = [
  {
    name: "503, then 500 after create, then reset",
    faults: [
      { ...CREATE, kind: "status", status: 503 },
      { ...CREATE, kind: "status", status: 500, when: "after" },
      { ...CREATE, kind: "reset" },
    ],
    completion: "webhook to A",
  },
  {
    name: "reset after create, 409 lock timeout, 429",
    faults: [
      { ...CREATE, kind: "reset", when: "after" },
      { ...CREATE, kind: "status", status: 409 },
      { ...CREATE, kind: "status", status: 429 },
    ],
    completion: "webhook to B",
  },
  {
    name: "429 after create, 502; status polls hit 503 and a reset",
    faults: [
      { ...CREATE, kind: "status", status: 429, when: "after" },
      { ...CREATE, kind: "status", status: 502 },
      { ...RETRIEVE, kind: "status", status: 503 },
      { ...RETRIEVE, kind: "reset" },
    ],
    completion: "reconciler polling",
  },
  {
    name: "slow create (2.5 s) while the reconcilers try to recover it",
    faults: [{ ...CREATE, kind: "slow", delayMs: 2500 }],
    completion: "webhook to B",
  },
  {
    name: "create times out after the session was made (10 s SDK timeout)",
    faults: [{ ...CREATE, kind: "timeout", when: "after" }],
    completion: "webhook to A",
  },
];

const usePostgres = await postgresOrSkip();

describe.runIf(usePostgres)("exactly once across two instances with Stripe faults", () => {
  const figures: Record<string, unknown>[] = [];
  const stripe = useStripeApp({
    instances: 2,
    // The reconcilers poll fast here, so they race the checkout in progress (and settle round 3).
    env: { MAYA_PAYMENT_POLL_AFTER_MS: "1500", MAYA_PAYMENT_POLL_INTERVAL_MS: "250" },
    beforeClose: async () => {
      if (!figures.length) return;
      const [a, b] = stripe.apps as [MayaApp, MayaApp];
      console.log(`[payments-e2e] exactly once, ${CONCURRENT} concurrent checkouts per tab over two instances:`);
      console.table(figures);
      console.log(
        `[payments-e2e] totals: sessions created ${stripe.standin.createdCount}, stand-in requests ${stripe.standin.requests.length}, ` +
          `provider retries (metrics) A=${await providerRetries(a)} B=${await providerRetries(b)}`,
      );
    },
  });

  for (const [index, round] of ROUNDS.entries()) {
    it(`tab ${index + 1}: ${round.name}; paid via ${round.completion}`, async () => {
      const [a, b] = stripe.apps as [MayaApp, MayaApp];
      const { guest, me: before } = await guestWithTab(local(a), `Guest ${index + 1}`);
      const onB = new MayaClient(local(b), guest.token);
      const createdBefore = stripe.standin.createdCount;
      const logFrom = stripe.standin.requests.length;
      const retriesBefore = (await providerRetries(a)) + (await providerRetries(b));
      stripe.standin.setWebhook(null);
      stripe.standin.injectFaults(round.faults);

      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) => (i % 2 === 0 ? guest : onB).request<{ checkout: PaymentJson }>(CHECKOUT)),
      );
      const checkoutMs = Math.round(performance.now() - started);

      // Every caller, on either instance, got the same attempt.
      for (const result of results) expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const ids = new Set(results.map((r) => r.data?.checkout.id));
      expect(ids.size).toBe(1);
      const attemptId = [...ids][0] as string;
      expect(results.every((r) => r.data?.checkout.status === "PENDING")).toBe(true);
      expect(results.some((r) => r.data?.checkout.checkoutUrl?.startsWith(`${stripe.standin.url}/c/pay/cs_`))).toBe(true);

      // One attempt row (PENDING) and one Checkout Session, recorded on the attempt.
      const pending = await waitFor("the checkout to be recorded", async () => {
        const l = await ledger(a.db.prisma, before.id);
        return l.attempts[0]?.providerRef ? l : null;
      });
      expect(pending.attempts).toHaveLength(1);
      expect(pending.attempts[0]).toMatchObject({ id: attemptId, status: "PENDING", amountCents: before.tab.totalCents });
      expect(stripe.standin.createdCount - createdBefore).toBe(1);
      const sessionId = pending.attempts[0]!.providerRef!;
      const session = stripe.standin.sessions.get(sessionId);
      expect(session?.metadata.attempt_id).toBe(attemptId);
      expect(session?.amount_total).toBe(before.tab.totalCents);

      // The guest pays.
      if (round.completion === "reconciler polling") {
        stripe.standin.completeSession(sessionId);
      } else {
        const target = round.completion === "webhook to A" ? a : b;
        stripe.standin.setWebhook({ url: `${local(target)}/webhooks/stripe`, secret: STRIPE_WEBHOOK_SECRET });
        stripe.standin.completeSession(sessionId);
        await stripe.standin.flushWebhooks();
        expect(stripe.standin.deliveries.at(-1)?.status).toBe(200);
      }
      const paid = await waitFor("the tab to be paid", async () => {
        const l = await ledger(a.db.prisma, before.id);
        return l.attempts[0]?.status === "SUCCEEDED" ? l : null;
      });

      // One PAID tab, a fresh empty tab, the balance untouched by paying, money conserved.
      expect(paid.attempts).toHaveLength(1);
      expect(paid.tabs.filter((t) => t.status === "PAID")).toMatchObject([
        { id: before.tab.id, status: "PAID", totalCents: before.tab.totalCents, itemCount: 2 },
      ]);
      expect(paid.tabs.filter((t) => t.status === "OPEN")).toHaveLength(1);
      expect(paid.currentTabTotalCents).toBe(0);
      expect(paid.balanceCents).toBe(before.balanceCents);
      const { starting, accounted } = conservation(paid);
      expect(accounted).toBe(starting);
      const after = await me(onB);
      expect(after.tab.status).toBe("OPEN");
      expect(after.tab.id).not.toBe(before.tab.id);
      expect(after.balanceCents).toBe(before.balanceCents);
      expect(stripe.standin.createdCount - createdBefore).toBe(1);
      // Every injected fault was actually hit (the status-poll faults only once the reconcilers polled).
      expect(stripe.standin.pendingFaults).toBe(0);

      const f = standinFigures(stripe.standin, pending.attempts[0]!.idempotencyKey, sessionId, logFrom);
      figures.push({
        tab: index + 1,
        faults: round.name,
        paidVia: round.completion,
        checkoutMs,
        sessionsCreated: stripe.standin.createdCount - createdBefore,
        createRequests: f.createRequests,
        replayed: f.createsReplayed,
        inProgress409: f.createsInProgress409,
        faultsHit: f.faultsHit.length,
        retries: (await providerRetries(a)) + (await providerRetries(b)) - retriesBefore,
        statusPolls: f.retrieveRequests,
        requests: f.requests,
      });
    });
  }
});
