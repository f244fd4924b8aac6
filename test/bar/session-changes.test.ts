/**
 * The write path's retry policy, against a database stand-in whose rival
 * instance wins every optimistic write (as another instance's burst does:
 * its next write needs no read, so a writer that reads again loses again).
 * A writer that loses takes the session's lock and lands; its event is told
 * only once its transaction has committed; a refusal under the lock writes
 * and tells nothing.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SessionChanges, SessionConflictError } from "../../src/bar/session-changes.js";
import { SessionStateCache } from "../../src/bar/session-state-cache.js";
import type { SessionState } from "../../src/bar/session-state.js";
import type { ApplyResult, LockedSession, PlannedChange, SessionStateRepository } from "../../src/bar/session-state.repository.js";
import { planLineEdit, type PricedOrder } from "../../src/bar/tab-edits.js";
import { DomainError } from "../../src/errors.js";

const MARTINI: PricedOrder = { menuItemId: "martini", quantity: 1, modifiers: [], unitPriceCents: 1300 };
const RIVAL_SPEND = 600;

/**
 * One session's balance and tab version. `rivalWins`: before each optimistic write, another
 * instance spends RIVAL_SPEND and moves the version on. Under the lock it cannot.
 */
class RacedDatabase implements SessionStateRepository {
  readonly log: string[] = [];
  state: SessionState;
  /** A writer that ignores the lock: even the locked write loses. */
  ignoresLock = false;

  constructor(
    balanceCents: number,
    private readonly rivalWins: boolean,
  ) {
    const id = randomUUID();
    this.state = {
      id,
      customerName: null,
      balanceCents,
      startingBalanceCents: balanceCents,
      createdAt: new Date(0),
      dialogueState: null,
      tab: { id: randomUUID(), sessionId: id, status: "OPEN", tipPercent: null, tipFixedCents: null, subtotalCents: 0, tipCents: 0, totalCents: 0, version: 1, items: [] },
    };
  }

  rivalWrite(): void {
    this.state = { ...this.state, balanceCents: this.state.balanceCents - RIVAL_SPEND, tab: { ...this.state.tab, version: this.state.tab.version + 1 } };
  }

  async findState(): Promise<SessionState | null> {
    this.log.push("read");
    return this.state;
  }

  async apply(change: PlannedChange): Promise<ApplyResult> {
    if (this.rivalWins) this.rivalWrite();
    return this.write(change, "apply");
  }

  async withLockedSession<T>(_sessionId: string, work: (locked: LockedSession) => Promise<T>): Promise<T> {
    this.log.push("lock");
    const before = this.state;
    try {
      const result = await work({
        state: this.state,
        apply: async (change) => {
          if (this.ignoresLock) this.rivalWrite();
          return this.write(change, "apply under lock");
        },
      });
      this.log.push("commit");
      return result;
    } catch (error) {
      this.state = before;
      this.log.push("rollback");
      throw error;
    }
  }

  private write(change: PlannedChange, what: string): ApplyResult {
    if (change.version !== this.state.tab.version) {
      this.log.push(`${what}: lost`);
      return { applied: false, state: this.state };
    }
    this.log.push(`${what}: written`);
    const balanceCents = change.edit?.balanceCents ?? this.state.balanceCents;
    this.state = { ...this.state, balanceCents, tab: { ...this.state.tab, version: this.state.tab.version + 1 } };
    return { applied: true, eventId: 7 };
  }
}

function changesOn(database: RacedDatabase, cache = new SessionStateCache()) {
  let conflicts = 0;
  const changes = new SessionChanges(
    database,
    cache,
    (change) => database.log.push(`told: version ${change.tab.version}, balance ${change.balanceCents}`),
    undefined,
    () => (conflicts += 1),
  );
  const orderMartini = () => changes.edit(database.state.id, (state) => planLineEdit(state, { set: [], add: [MARTINI] }, randomUUID));
  return { changes, cache, orderMartini, conflicts: () => conflicts };
}

describe("SessionChanges: a writer racing another instance", () => {
  it("loses once on a fresh read, then takes the lock and lands; the event is told after the commit", async () => {
    const database = new RacedDatabase(10_000, true);
    const { orderMartini, cache, conflicts } = changesOn(database);
    const { state, applied } = await orderMartini();
    expect(applied).not.toBeNull();
    expect(database.log).toEqual([
      "read",
      "apply: lost",
      "lock",
      "apply under lock: written",
      "commit",
      `told: version 3, balance ${10_000 - RIVAL_SPEND - 1300}`,
    ]);
    expect(state).toMatchObject({ balanceCents: 10_000 - RIVAL_SPEND - 1300, tab: { version: 3 } });
    expect(database.state.balanceCents).toBe(10_000 - RIVAL_SPEND - 1300);
    expect(cache.find(state.id)).toBe(state);
    expect(conflicts()).toBe(1);
  });

  it("a stale copy is planned on once, a fresh read once more, and only then the lock", async () => {
    const database = new RacedDatabase(10_000, true);
    const cache = new SessionStateCache();
    cache.remember(database.state);
    const { orderMartini } = changesOn(database, cache);
    await orderMartini();
    expect(database.log.slice(0, 5)).toEqual(["apply: lost", "read", "apply: lost", "lock", "apply under lock: written"]);
  });

  it("without a rival, a stale copy costs one fresh read and no lock", async () => {
    const database = new RacedDatabase(10_000, false);
    const cache = new SessionStateCache();
    cache.remember(database.state);
    database.rivalWrite();
    const { orderMartini } = changesOn(database, cache);
    await orderMartini();
    expect(database.log).toEqual(["apply: lost", "read", "apply: written", `told: version 3, balance ${10_000 - RIVAL_SPEND - 1300}`]);
  });

  it("a refusal under the lock (the rival spent the money) is the guest's answer: rolled back, nothing told, no copy kept", async () => {
    const database = new RacedDatabase(1_500, true);
    const { orderMartini, cache } = changesOn(database);
    const refused = await orderMartini().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("INSUFFICIENT_FUNDS");
    expect(database.log).toEqual(["read", "apply: lost", "lock", "rollback"]);
    expect(database.state.balanceCents).toBe(1_500 - RIVAL_SPEND);
    expect(cache.find(database.state.id)).toBeNull();
  });

  it("a write that loses even under the lock is a bug, said as one: rolled back, nothing told", async () => {
    const database = new RacedDatabase(10_000, true);
    database.ignoresLock = true;
    const { orderMartini } = changesOn(database);
    await expect(orderMartini()).rejects.toBeInstanceOf(SessionConflictError);
    expect(database.log.slice(-2)).toEqual(["apply under lock: lost", "rollback"]);
    expect(database.log.some((line) => line.startsWith("told"))).toBe(false);
  });
});
