/**
 * The write path's repository against a real database (PGlite, and
 * PostgreSQL when reachable): a session's state in one read; a change in one
 * call that writes lines, money, the outbox event, the transcript and the
 * conversation's memory together; nothing written when the session moved on
 * (the current state comes back instead); and the money rules the database
 * checks itself, whatever the caller sends.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../test/support/backends.js";
import { useMigratedDatabase } from "../../test/support/database.js";
import type { SessionState } from "./session-state.js";
import { SqlSessionStateRepository, type PlannedChange, type TabWrite } from "./session-state.repository.js";
import { planLineEdit, planTipEdit, tabWrite, type PricedOrder } from "./tab-edits.js";

const MONEY_CHECK = /maya: |check constraint|violates check|23514/i;

describe.each(await availableBackends())("SqlSessionStateRepository on %s", (backend) => {
  const fixture = useMigratedDatabase(backend);
  const repository = () => new SqlSessionStateRepository(fixture.db.sql);

  async function newSession(balanceCents = 10_000): Promise<SessionState> {
    const { id } = await fixture.db.prisma.session.create({
      data: { tokenHash: randomUUID(), customerName: "Ann", startingBalanceCents: balanceCents, balanceCents, tabs: { create: {} } },
      select: { id: true },
    });
    const state = await repository().findState(id);
    if (!state) throw new Error("no state");
    return state;
  }

  const water: PricedOrder = { menuItemId: "water", quantity: 2, modifiers: [], unitPriceCents: 100 };
  const martini: PricedOrder = { menuItemId: "martini", quantity: 1, modifiers: ["dirty"], unitPriceCents: 1300 };

  /** A change that adds lines as the planner would write it. */
  function adding(state: SessionState, lines: PricedOrder[]): { change: PlannedChange; after: SessionState } {
    const planned = planLineEdit(state, { set: [], add: lines }, randomUUID);
    if (typeof planned === "symbol") throw new Error("unchanged");
    const { write, committed } = tabWrite(state, planned.after, planned.reason, null);
    return { change: { sessionId: state.id, tabId: state.tab.id, version: state.tab.version, edit: write, messages: [], dialogue: null }, after: committed };
  }

  async function messagesOf(sessionId: string) {
    const rows = await fixture.db.prisma.message.findMany({ where: { sessionId }, orderBy: { id: "asc" } });
    return rows.map((row) => `${row.speaker}: ${row.text}`);
  }

  it("reads a session's state in one go, and null for no session", async () => {
    const state = await newSession(4_200);
    expect(state).toMatchObject({
      customerName: "Ann",
      balanceCents: 4_200,
      startingBalanceCents: 4_200,
      dialogueState: null,
      tab: { sessionId: state.id, status: "OPEN", version: 1, items: [], subtotalCents: 0, tipCents: 0, totalCents: 0, tipPercent: null, tipFixedCents: null },
    });
    expect(state.createdAt).toBeInstanceOf(Date);
    expect(await repository().findState(randomUUID())).toBeNull();
  });

  it("applies lines, money, the event, the transcript and the memory in one call, lines in the order added", async () => {
    const state = await newSession();
    const { change, after } = adding(state, [water, martini]);
    const result = await repository().apply({
      ...change,
      messages: [
        { speaker: "CUSTOMER", text: "two waters and a dirty martini" },
        { speaker: "MAYA", text: "Coming up." },
      ],
      dialogue: { expectedTurn: null, state: { version: 9, turn: 1 } },
    });
    expect(result).toEqual({ applied: true, eventId: expect.any(Number) });
    const read = await repository().findState(state.id);
    expect(read).toEqual({ ...after, dialogueState: { version: 9, turn: 1 } });
    expect(read?.tab.items.map((line) => line.menuItemId)).toEqual(["water", "martini"]);
    expect(read).toMatchObject({ balanceCents: 10_000 - 1_500, tab: { version: 2, subtotalCents: 1_500, totalCents: 1_500 } });
    const events = await fixture.db.prisma.tabEvent.findMany({ where: { sessionId: state.id } });
    expect(events).toMatchObject([{ version: 2, reason: "ITEM_ADDED", payload: change.edit?.event }]);
    expect(await messagesOf(state.id)).toEqual(["CUSTOMER: two waters and a dirty martini", "MAYA: Coming up."]);
  });

  it("changes and deletes lines, and a tip that follows its percent", async () => {
    const state = await newSession();
    const { change, after } = adding(state, [water, martini]);
    await repository().apply(change);
    const [waterLine, martiniLine] = after.tab.items;
    const edited = planLineEdit(after, { set: [{ lineId: waterLine!.id, quantity: 0 }, { lineId: martiniLine!.id, quantity: 3 }], add: [] }, randomUUID);
    if (typeof edited === "symbol") throw new Error("unchanged");
    const second = tabWrite(after, edited.after, edited.reason, null);
    expect(second.write.delete).toEqual([waterLine!.id]);
    await repository().apply({ sessionId: state.id, tabId: state.tab.id, version: 2, edit: second.write, messages: [], dialogue: null });
    const tipped = planTipEdit(second.committed, { percent: 15, fixedCents: null });
    if (typeof tipped === "symbol") throw new Error("unchanged");
    const third = tabWrite(second.committed, tipped.after, tipped.reason, "Thanks!");
    await repository().apply({ sessionId: state.id, tabId: state.tab.id, version: 3, edit: third.write, messages: [{ speaker: "MAYA", text: "Thanks!" }], dialogue: null });
    const read = await repository().findState(state.id);
    expect(read).toEqual(third.committed);
    expect(read).toMatchObject({ balanceCents: 10_000 - 3_900 - 585, tab: { version: 4, subtotalCents: 3_900, tipPercent: 15, tipCents: 585 } });
  });

  it("writes nothing and returns the current state when the tab moved on, or the memory did", async () => {
    const state = await newSession();
    const first = adding(state, [water]);
    await repository().apply(first.change);
    // Planned on version 1 again: stale.
    const stale = adding(state, [martini]);
    const result = await repository().apply({ ...stale.change, messages: [{ speaker: "CUSTOMER", text: "lost" }] });
    expect(result).toEqual({ applied: false, state: await repository().findState(state.id) });
    expect(result.applied === false && result.state).toMatchObject({ tab: { version: 2, items: [{ menuItemId: "water" }] } });

    const current = first.after;
    await repository().apply({ sessionId: state.id, tabId: current.tab.id, version: 2, edit: null, messages: [], dialogue: { expectedTurn: null, state: { turn: 1 } } });
    const staleTurn = await repository().apply({
      sessionId: state.id,
      tabId: current.tab.id,
      version: 2,
      edit: null,
      messages: [{ speaker: "CUSTOMER", text: "lost too" }],
      dialogue: { expectedTurn: null, state: { turn: 1 } },
    });
    expect(staleTurn.applied).toBe(false);
    expect(await messagesOf(state.id)).toEqual([]);
    expect(await repository().apply({ ...first.change, sessionId: randomUUID() })).toEqual({ applied: false, state: null });
  });

  describe("refuses money that does not add up, whatever the caller sends", () => {
    async function refused(mutate: (write: TabWrite) => TabWrite) {
      const state = await newSession(1_000);
      const { change } = adding(state, [water]);
      await expect(repository().apply({ ...change, edit: mutate(change.edit!) })).rejects.toThrow(MONEY_CHECK);
      // Nothing at all was written.
      expect(await repository().findState(state.id)).toEqual(state);
      expect(await fixture.db.prisma.tabEvent.count({ where: { sessionId: state.id } })).toBe(0);
    }

    it("a subtotal that is not the sum of the lines", () => refused((write) => ({ ...write, subtotalCents: 100, totalCents: 100, balanceCents: 900 })));
    it("money created: balance and tab not moving together", () => refused((write) => ({ ...write, balanceCents: write.balanceCents + 1 })));
    it("a percent tip that is not its percent", () => refused((write) => ({ ...write, tipPercent: 10, tipCents: 1, totalCents: 201, balanceCents: 799 })));
    it("a tip above the drinks", () => refused((write) => ({ ...write, tipFixedCents: 300, tipCents: 300, totalCents: 500, balanceCents: 500 })));
    it("a negative balance", () =>
      refused((write) => ({ ...write, upsert: [{ ...write.upsert[0]!, quantity: 20 }], subtotalCents: 2_000, totalCents: 2_000, balanceCents: -1_000 })));
  });

  it("stores words with a NUL or half a surrogate pair instead of failing the change", async () => {
    const state = await newSession();
    const { change } = adding(state, [water]);
    const result = await repository().apply({
      ...change,
      messages: [{ speaker: "CUSTOMER", text: "two waters\u0000 please \ud800 thanks \ud83c\udf78" }],
      dialogue: { expectedTurn: null, state: { turn: 1, said: "\udc00\u0000" } },
    });
    expect(result).toEqual({ applied: true, eventId: expect.any(Number) });
    expect(await messagesOf(state.id)).toEqual(["CUSTOMER: two waters please \ufffd thanks \ud83c\udf78"]);
    expect((await repository().findState(state.id))?.dialogueState).toEqual({ turn: 1, said: "\ufffd" });
  });

  it("rolls the whole change back when any part of it fails", async () => {
    const state = await newSession();
    const { change } = adding(state, [water]);
    await expect(repository().apply({ ...change, messages: [{ speaker: "NOBODY" as "MAYA", text: "x" }] })).rejects.toThrow();
    expect(await repository().findState(state.id)).toEqual(state);
    expect(await messagesOf(state.id)).toEqual([]);
  });

  it("never writes a line of another tab, even when asked to", async () => {
    const mine = await newSession();
    const theirs = await newSession();
    const theirWrite = adding(theirs, [water]);
    await repository().apply(theirWrite.change);
    const theirLine = theirWrite.after.tab.items[0]!;
    const { change } = adding(mine, [water]);
    const hostile: TabWrite = { ...change.edit!, upsert: [{ ...change.edit!.upsert[0]!, id: theirLine.id }] };
    await expect(repository().apply({ ...change, edit: hostile })).rejects.toThrow(MONEY_CHECK);
    await expect(repository().apply({ ...change, edit: { ...change.edit!, delete: [theirLine.id] } })).resolves.toEqual({ applied: true, eventId: expect.any(Number) });
    expect((await repository().findState(theirs.id))?.tab.items).toEqual([theirLine]);
  });

  it("serialises concurrent changes planned on the same version: exactly one applies", async () => {
    const state = await newSession();
    const results = await Promise.all(Array.from({ length: 8 }, () => repository().apply(adding(state, [water]).change)));
    expect(results.filter((result) => result.applied)).toHaveLength(1);
    expect(await repository().findState(state.id)).toMatchObject({ balanceCents: 9_800, tab: { version: 2, items: [{ quantity: 2 }] } });
  });

  describe("withLockedSession", () => {
    it("holds the session: a write from outside waits for the lock, then finds the session moved on", async () => {
      const state = await newSession();
      const outsider = adding(state, [martini]).change;
      let outside: Promise<unknown> | undefined;
      await repository().withLockedSession(state.id, async (locked) => {
        expect(locked.state).toEqual(state);
        outside = repository().apply(outsider);
        // Give the outsider every chance to overtake: it cannot, it waits for the lock.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await locked.apply(adding(state, [water]).change)).toEqual({ applied: true, eventId: expect.any(Number) });
      });
      expect(await outside).toMatchObject({ applied: false, state: { tab: { version: 2, items: [{ menuItemId: "water" }] } } });
      expect(await repository().findState(state.id)).toMatchObject({ balanceCents: 9_800, tab: { version: 2 } });
    });

    it("reads under the lock what the writer it waited for committed", async () => {
      const state = await newSession();
      let release!: () => void;
      const holding = new Promise<void>((resolve) => (release = resolve));
      const first = repository().withLockedSession(state.id, async (locked) => {
        await holding;
        await locked.apply(adding(state, [water]).change);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = repository().withLockedSession(state.id, async (locked) => locked.state);
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await first;
      expect(await second).toMatchObject({ balanceCents: 9_800, tab: { version: 2, items: [{ menuItemId: "water", quantity: 2 }] } });
    });

    it("rolls back what was applied when the work throws, and reads null for no session", async () => {
      const state = await newSession();
      await expect(
        repository().withLockedSession(state.id, async (locked) => {
          expect(await locked.apply(adding(state, [water]).change)).toMatchObject({ applied: true });
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect(await repository().findState(state.id)).toEqual(state);
      expect(await fixture.db.prisma.tabEvent.count({ where: { sessionId: state.id } })).toBe(0);
      expect(await repository().withLockedSession(randomUUID(), async (locked) => locked.state)).toBeNull();
    });
  });
});
