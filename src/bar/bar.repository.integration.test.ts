/**
 * PrismaBarRepository (the payments' transactions) against a real database
 * (PGlite, and PostgreSQL when reachable): every method, the transaction
 * boundary (all or nothing, changes reported only after commit), the session
 * row lock, and the invariants the database enforces even if the code got
 * them wrong.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../test/support/backends.js";
import { useMigratedDatabase } from "../../test/support/database.js";
import { DomainError } from "../errors.js";
import { PrismaBarRepository, toPaymentView, toTabView, type NewPaymentAttempt } from "./bar.repository.js";
import type { TabChange } from "./views.js";

/** Postgres error text or Prisma's wrapping of it, whichever the driver surfaces. */
const UNIQUE_VIOLATION = /P2002|Unique constraint|unique constraint|duplicate key|23505/;
const CHECK_VIOLATION = /check constraint|23514|violates check/i;

describe.each(await availableBackends())("PrismaBarRepository on %s", (backend) => {
  const fixture = useMigratedDatabase(backend);

  function repository(onCommitted: (change: TabChange) => void = () => undefined) {
    return new PrismaBarRepository(fixture.db.prisma, onCommitted);
  }

  async function newSession(balanceCents = 10_000, customerName: string | null = "Ann") {
    const session = await fixture.db.prisma.session.create({
      data: {
        tokenHash: randomUUID(),
        customerName,
        startingBalanceCents: balanceCents,
        balanceCents,
        tabs: { create: {} },
      },
      select: { id: true },
    });
    return session.id;
  }

  const currentTab = (sessionId: string) => repository().inSessionTransaction(sessionId, (tx) => tx.currentTab());
  const balanceOf = async (sessionId: string) =>
    (await fixture.db.prisma.session.findUniqueOrThrow({ where: { id: sessionId }, select: { balanceCents: true } })).balanceCents;

  function attemptFor(tabId: string, amountCents = 1300): NewPaymentAttempt {
    const id = randomUUID();
    return { id, tabId, amountCents, tipCents: 0, provider: "mock", idempotencyKey: `maya_checkout_${id}`, checkoutUrl: null };
  }

  it("locks a session and exposes its money; an unknown session is NOT_FOUND", async () => {
    const bar = repository();
    const sessionId = await newSession(4_200, "Bo");
    const seen = await bar.inSessionTransaction(sessionId, async (tx) => tx.session);
    expect(seen).toEqual({ id: sessionId, customerName: "Bo", balanceCents: 4_200, startingBalanceCents: 4_200 });
    const missing = bar.inSessionTransaction(randomUUID(), async () => "ran");
    await expect(missing).rejects.toBeInstanceOf(DomainError);
    await expect(missing).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("rolls everything back when the work fails, and reports no change", async () => {
    const committed: TabChange[] = [];
    const bar = repository((change) => committed.push(change));
    const sessionId = await newSession(5_000);
    const before = await currentTab(sessionId);
    await expect(
      bar.inSessionTransaction(sessionId, async (tx) => {
        const tab = await tx.currentTab();
        await tx.updateTab(tab.id, { status: "PAYMENT_PENDING", version: 2 });
        await tx.appendMayaMessage("never said");
        await tx.recordChange({ sessionId, reason: "ITEM_ADDED", balanceCents: 4_400, tab: toTabView(tab), payment: null, message: null });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await currentTab(sessionId)).toEqual(before);
    expect(await balanceOf(sessionId)).toBe(5_000);
    expect(await fixture.db.prisma.tabEvent.count({ where: { sessionId } })).toBe(0);
    expect(await fixture.db.prisma.message.count({ where: { sessionId } })).toBe(0);
    expect(committed).toEqual([]);
  });

  it("records a change in the outbox and reports it once the transaction has committed", async () => {
    const committed: TabChange[] = [];
    const bar = repository((change) => committed.push(change));
    const sessionId = await newSession();
    const tab = await currentTab(sessionId);
    const change: TabChange = {
      sessionId,
      reason: "TIP_CHANGED",
      balanceCents: 10_000,
      tab: toTabView({ ...tab, version: 2 }),
      payment: null,
      message: "thanks",
    };
    await bar.inSessionTransaction(sessionId, async (tx) => {
      await tx.recordChange(change);
      expect(committed).toEqual([]); // not before the commit
    });
    expect(committed).toEqual([change]);
    const row = await fixture.db.prisma.tabEvent.findFirstOrThrow({ where: { sessionId } });
    expect(row).toMatchObject({ version: 2, reason: "TIP_CHANGED", payload: change });
  });

  it("refuses a second current tab for a session (partial unique index), and opens one once the first is paid", async () => {
    const bar = repository();
    const sessionId = await newSession();
    const tab = await currentTab(sessionId);
    await expect(bar.inSessionTransaction(sessionId, (tx) => tx.openTab(2))).rejects.toThrow(UNIQUE_VIOLATION);
    await expect(
      bar.inSessionTransaction(sessionId, async (tx) => {
        await tx.updateTab(tab.id, { status: "PAYMENT_PENDING" });
        return tx.openTab(2);
      }),
    ).rejects.toThrow(UNIQUE_VIOLATION);
    expect(await fixture.db.prisma.tab.count({ where: { sessionId } })).toBe(1);
    expect((await currentTab(sessionId)).status).toBe("OPEN");

    const next = await bar.inSessionTransaction(sessionId, async (tx) => {
      await tx.updateTab(tab.id, { status: "PAID", totalCents: 0, paidAt: new Date() });
      return tx.openTab(tab.version + 1);
    });
    expect(next).toMatchObject({ sessionId, status: "OPEN", version: 2, items: [], totalCents: 0 });
    expect((await currentTab(sessionId)).id).toBe(next.id);
  });

  it("refuses a negative balance and a total that is not subtotal + tip (CHECK constraints)", async () => {
    const bar = repository();
    const sessionId = await newSession(1_000);
    await expect(fixture.db.prisma.session.update({ where: { id: sessionId }, data: { balanceCents: -1 } })).rejects.toThrow(CHECK_VIOLATION);
    const tab = await currentTab(sessionId);
    await expect(
      bar.inSessionTransaction(sessionId, (tx) => tx.updateTab(tab.id, { subtotalCents: 100, tipCents: 10, totalCents: 100 })),
    ).rejects.toThrow(CHECK_VIOLATION);
    // A tip is at most the drinks.
    await expect(
      bar.inSessionTransaction(sessionId, (tx) => tx.updateTab(tab.id, { subtotalCents: 600, tipCents: 601, totalCents: 1201 })),
    ).rejects.toThrow(CHECK_VIOLATION);
    await expect(
      fixture.db.prisma.tabItem.create({ data: { tabId: tab.id, menuItemId: "ipa", quantity: 0, modifiers: [], unitPriceCents: 600 } }),
    ).rejects.toThrow(CHECK_VIOLATION);
    expect(await balanceOf(sessionId)).toBe(1_000);
    expect(await currentTab(sessionId)).toEqual(tab);
  });

  it("creates, finds and updates payment attempts; at most one pending per tab", async () => {
    const bar = repository();
    const sessionId = await newSession();
    const other = await newSession();
    const tab = await currentTab(sessionId);
    const input = attemptFor(tab.id);
    const created = await bar.inSessionTransaction(sessionId, async (tx) => {
      expect(await tx.pendingAttempt(tab.id)).toBeNull();
      return tx.createAttempt(input);
    });
    expect(created).toMatchObject({ ...input, sessionId, status: "PENDING", providerRef: null, failureReason: null });
    expect(toPaymentView(created)).not.toHaveProperty("providerRef");

    await expect(bar.inSessionTransaction(sessionId, (tx) => tx.createAttempt(attemptFor(tab.id)))).rejects.toThrow(UNIQUE_VIOLATION);
    expect(await fixture.db.prisma.paymentAttempt.count({ where: { tabId: tab.id } })).toBe(1);

    expect(await bar.inSessionTransaction(sessionId, (tx) => tx.pendingAttempt(tab.id))).toEqual(created);
    expect(await bar.inSessionTransaction(sessionId, (tx) => tx.attempt(created.id))).toEqual(created);
    // Another session's transaction cannot see or change it.
    expect(await bar.inSessionTransaction(other, (tx) => tx.attempt(created.id))).toBeNull();
    await expect(bar.inSessionTransaction(other, (tx) => tx.updateAttempt(created.id, { status: "SUCCEEDED" }))).rejects.toThrow();

    expect(await bar.attempt(created.id)).toEqual(created);
    expect(await bar.attempt(randomUUID())).toBeNull();
    expect(await bar.latestAttempt(sessionId)).toEqual(created);
    expect(await bar.latestAttempt(other)).toBeNull();
    expect((await bar.pendingAttempts(new Date(Date.now() + 60_000))).map((a) => a.id)).toContain(created.id);
    expect((await bar.pendingAttempts(new Date(created.createdAt.getTime() - 1))).map((a) => a.id)).not.toContain(created.id);

    const recorded = await bar.inSessionTransaction(sessionId, (tx) =>
      tx.updateAttempt(created.id, { providerRef: "cs_test_1", checkoutUrl: "http://pay.example/1" }),
    );
    expect(recorded).toMatchObject({ id: created.id, providerRef: "cs_test_1", checkoutUrl: "http://pay.example/1" });
    expect(await bar.attemptByProviderRef("cs_test_1")).toMatchObject({ id: created.id });
    expect(await bar.attemptByProviderRef("cs_test_unknown")).toBeNull();

    const failed = await bar.inSessionTransaction(sessionId, (tx) =>
      tx.updateAttempt(created.id, { status: "FAILED", failureReason: "declined", settledAt: new Date() }),
    );
    expect(failed).toMatchObject({ status: "FAILED", failureReason: "declined" });
    // A settled attempt no longer blocks a new pending one.
    expect((await bar.attempt(created.id))?.providerRef).toBe("cs_test_1");
    const retry = await bar.inSessionTransaction(sessionId, (tx) => tx.createAttempt(attemptFor(tab.id)));
    expect(await bar.inSessionTransaction(sessionId, (tx) => tx.pendingAttempt(tab.id))).toEqual(retry);
    expect((await bar.latestAttempt(sessionId))?.id).toBe(retry.id);
  });

  it("marks a webhook event processed exactly once", async () => {
    const bar = repository();
    const sessionId = await newSession();
    const eventId = `evt_${randomUUID()}`;
    expect(await bar.inSessionTransaction(sessionId, (tx) => tx.markWebhookEventProcessed(eventId, "checkout.session.completed"))).toBe(true);
    expect(await bar.inSessionTransaction(sessionId, (tx) => tx.markWebhookEventProcessed(eventId, "checkout.session.completed"))).toBe(false);
  });

  it("sums paid tabs only", async () => {
    const bar = repository();
    const sessionId = await newSession();
    expect(await bar.paidTotal(sessionId)).toBe(0);
    for (const total of [1300, 2450]) {
      await bar.inSessionTransaction(sessionId, async (tx) => {
        const tab = await tx.currentTab();
        await tx.updateTab(tab.id, { status: "PAID", subtotalCents: total, totalCents: total, paidAt: new Date() });
        await tx.openTab(tab.version + 1);
      });
    }
    const open = await currentTab(sessionId);
    await bar.inSessionTransaction(sessionId, (tx) => tx.updateTab(open.id, { subtotalCents: 999, totalCents: 999 }));
    expect(await bar.paidTotal(sessionId)).toBe(3750);
    expect(await bar.paidTotal(await newSession())).toBe(0);
  });

  it("serialises concurrent read-modify-write transactions on one session (the row lock)", async () => {
    const bar = repository();
    const sessionId = await newSession(1_000);
    const writers = 12;
    await Promise.all(
      Array.from({ length: writers }, () =>
        bar.inSessionTransaction(sessionId, async (tx) => {
          const tab = await tx.currentTab();
          // Read, then write from what was read: a lost update shows as a wrong final figure.
          await tx.updateTab(tab.id, { version: tab.version + 1, tipFixedCents: (tab.tipFixedCents ?? 0) + 10 });
        }),
      ),
    );
    expect(await currentTab(sessionId)).toMatchObject({ version: 1 + writers, tipFixedCents: writers * 10 });
  });
});
