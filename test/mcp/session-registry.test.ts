/**
 * The live-session bounds on their own, with a fake clock: caps in total and per address, release, idle
 * closing, and an address at its cap whose oldest idle session gives way instead of locking it out.
 */
import { describe, expect, it } from "vitest";
import { McpSessionRegistry, type RegisteredSession, type Reservation } from "../../src/mcp/session-registry.js";

function fakeSession(registry: McpSessionRegistry<RegisteredSession>, id: string, address: string) {
  const session = {
    address,
    closed: 0,
    close: async () => {
      session.closed++;
      registry.remove(id);
    },
  };
  return session;
}

function open(registry: McpSessionRegistry<RegisteredSession>, id: string, address: string) {
  const reservation = registry.reserve(address);
  if (typeof reservation === "string") throw new Error(`refused: ${reservation}`);
  const session = fakeSession(registry, id, address);
  registry.add(id, session, reservation);
  return session;
}

describe("McpSessionRegistry", () => {
  it("refuses past the total and the per-address caps, counting sessions still being opened", () => {
    const registry = new McpSessionRegistry<RegisteredSession>({ maxSessions: 3, maxPerAddress: 2, idleMs: 1000 }, () => 0);
    open(registry, "a1", "A");
    const pending = registry.reserve("A") as Reservation;
    expect(registry.reserve("A")).toBe("address");
    open(registry, "b1", "B");
    expect(registry.reserve("C")).toBe("total");
    pending.release();
    pending.release();
    expect(typeof registry.reserve("C")).toBe("object");
    expect(registry.reserve("D")).toBe("total");
  });

  it("frees an address's place when its session is removed, and never reuses a reservation", () => {
    const registry = new McpSessionRegistry<RegisteredSession>({ maxSessions: 10, maxPerAddress: 1, idleMs: 1000 }, () => 0);
    const reservation = registry.reserve("A") as Reservation;
    registry.add("a1", fakeSession(registry, "a1", "A"), reservation);
    expect(() => registry.add("a2", fakeSession(registry, "a2", "A"), reservation)).toThrow(/released or used/);
    // Releasing a reservation that became a session does not free the session's place.
    reservation.release();
    expect(registry.reserve("A")).toBe("address");
    registry.remove("a1");
    expect(registry.size).toBe(0);
    expect(typeof registry.reserve("A")).toBe("object");
  });

  it("closes sessions idle for longer than idleMs, but not while a request (a notification stream) is open", async () => {
    let now = 0;
    const registry = new McpSessionRegistry<RegisteredSession>({ maxSessions: 10, maxPerAddress: 10, idleMs: 1000 }, () => now);
    const quiet = open(registry, "quiet", "A");
    const streaming = open(registry, "streaming", "A");
    const recent = open(registry, "recent", "A");
    const streamEnded = registry.requestStarted("streaming");
    now = 900;
    registry.requestStarted("recent")();
    now = 1500;
    expect(await registry.closeIdle()).toBe(1);
    expect([quiet.closed, streaming.closed, recent.closed]).toEqual([1, 0, 0]);
    streamEnded();
    streamEnded();
    now = 2600;
    expect(await registry.closeIdle()).toBe(2);
    expect(registry.size).toBe(0);
    expect(typeof registry.reserve("A")).toBe("object");
  });

  it("closes every session on closeAll", async () => {
    const registry = new McpSessionRegistry<RegisteredSession>({ maxSessions: 10, maxPerAddress: 10, idleMs: 60_000 });
    registry.start();
    const sessions = ["s1", "s2"].map((id) => open(registry, id, "A"));
    await registry.closeAll();
    expect(sessions.map((session) => session.closed)).toEqual([1, 1]);
    expect(registry.size).toBe(0);
  });

  it("at an address's cap, its oldest idle session gives way; busy or recently used ones never do, nor another address's", async () => {
    let now = 0;
    const closedBy: string[] = [];
    const registry = new McpSessionRegistry<RegisteredSession>(
      { maxSessions: 100, maxPerAddress: 3, idleMs: 300_000, displaceAfterMs: 30_000 },
      () => now,
      (reason) => closedBy.push(reason),
    );
    const other = open(registry, "b1", "B");
    const oldest = open(registry, "a1", "A");
    now = 1000;
    const streaming = open(registry, "a2", "A");
    registry.requestStarted("a2");
    now = 2000;
    const newer = open(registry, "a3", "A");
    // All used within 30 s: the address is at its cap and nothing gives way yet.
    now = 20_000;
    expect(registry.reserve("A")).toBe("address");
    // A crashed host's sessions sit idle: the oldest idle one (not the one with an open stream) gives way.
    now = 40_000;
    const first = registry.reserve("A");
    expect(typeof first).toBe("object");
    registry.add("a4", fakeSession(registry, "a4", "A"), first as Reservation);
    await Promise.resolve();
    expect([oldest.closed, streaming.closed, newer.closed, other.closed]).toEqual([1, 0, 0, 0]);
    expect(registry.get("a1")).toBeUndefined();
    // Next the newer idle one; then only the streaming and the fresh one are left, and the cap holds.
    expect(typeof registry.reserve("A")).toBe("object");
    await Promise.resolve();
    expect(newer.closed).toBe(1);
    expect(registry.reserve("A")).toBe("address");
    expect(streaming.closed).toBe(0);
    expect(closedBy).toEqual(["displaced", "displaced"]);
    expect(registry.size).toBe(3);
  });
});
