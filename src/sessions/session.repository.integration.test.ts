/**
 * PrismaSessionRepository against a real database (PGlite, and PostgreSQL
 * when reachable): every method, and the invariants the database holds.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../test/support/backends.js";
import { useMigratedDatabase } from "../../test/support/database.js";
import { PrismaSessionRepository } from "./session.repository.js";
import { hashSessionToken, newSessionToken } from "./session-token.js";

describe.each(await availableBackends())("PrismaSessionRepository on %s", (backend) => {
  const fixture = useMigratedDatabase(backend);
  const repository = () => new PrismaSessionRepository(fixture.db.prisma);

  async function create(name: string | null = "Ann", balance = 100_000) {
    const tokenHash = hashSessionToken(newSessionToken());
    const session = await repository().create({ tokenHash, customerName: name, startingBalanceCents: balance });
    return { tokenHash, session };
  }

  it("creates a session with its balance and one empty open tab", async () => {
    const { session } = await create("Ann", 5_000);
    expect(session).toEqual({ id: expect.any(String), customerName: "Ann", balanceCents: 5_000, createdAt: expect.any(Date) });
    const row = await fixture.db.prisma.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.startingBalanceCents).toBe(5_000);
    const tabs = await fixture.db.prisma.tab.findMany({ where: { sessionId: session.id }, include: { items: true } });
    expect(tabs).toHaveLength(1);
    expect(tabs[0]).toMatchObject({ status: "OPEN", version: 1, subtotalCents: 0, tipCents: 0, totalCents: 0, items: [] });
  });

  it("refuses a second session with the same token hash, creating nothing", async () => {
    const { tokenHash } = await create();
    const before = await repository().count();
    await expect(repository().create({ tokenHash, customerName: null, startingBalanceCents: 100 })).rejects.toThrow(
      /P2002|Unique constraint|duplicate key/,
    );
    expect(await repository().count()).toBe(before);
  });

  it("refuses a negative starting balance (CHECK constraint)", async () => {
    const before = await repository().count();
    await expect(
      repository().create({ tokenHash: randomUUID(), customerName: null, startingBalanceCents: -1 }),
    ).rejects.toThrow(/check constraint|23514/i);
    expect(await repository().count()).toBe(before);
  });

  it("finds a session by token hash (with last seen); an unknown one is null", async () => {
    const { tokenHash, session } = await create("Bo");
    const byHash = await repository().findByTokenHash(tokenHash);
    expect(byHash).toMatchObject({ ...session, lastSeenAt: expect.any(Date) });
    expect(await repository().findByTokenHash(hashSessionToken(newSessionToken()))).toBeNull();
  });

  it("touches last seen", async () => {
    const { tokenHash, session } = await create();
    const at = new Date("2030-01-02T03:04:05.678Z");
    await repository().touch(session.id, at);
    expect((await repository().findByTokenHash(tokenHash))?.lastSeenAt.toISOString()).toBe(at.toISOString());
  });

  it("returns the last messages, oldest first, per session", async () => {
    const { session } = await create();
    const { session: other } = await create();
    expect(await repository().transcript(session.id, 10)).toEqual([]);
    const say = (sessionId: string, speaker: "CUSTOMER" | "MAYA", text: string) =>
      fixture.db.prisma.message.create({ data: { sessionId, speaker, text } });
    await say(session.id, "CUSTOMER", "hi");
    await say(session.id, "MAYA", "Hello!");
    await say(other.id, "CUSTOMER", "not yours");
    await say(session.id, "CUSTOMER", "a martini");
    await say(session.id, "MAYA", "One martini.");

    const all = await repository().transcript(session.id, 10);
    expect(all.map((m) => [m.speaker, m.text])).toEqual([
      ["CUSTOMER", "hi"],
      ["MAYA", "Hello!"],
      ["CUSTOMER", "a martini"],
      ["MAYA", "One martini."],
    ]);
    for (const message of all) {
      expect(message.id).toMatch(/^\d+$/);
      expect(message.createdAt).toBeInstanceOf(Date);
    }
    expect((await repository().transcript(session.id, 3)).map((m) => m.text)).toEqual(["Hello!", "a martini", "One martini."]);
    expect((await repository().transcript(other.id, 10)).map((m) => m.text)).toEqual(["not yours"]);
  });

  it("counts sessions", async () => {
    const before = await repository().count();
    await create();
    await create();
    expect(await repository().count()).toBe(before + 2);
  });
});
