/**
 * PrismaOverlayTokenRepository against a real database (PGlite, and PostgreSQL when reachable):
 * a token finds its session until it is revoked, its session is closed or deleted; the cap holds
 * under concurrent creates.
 */
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../test/support/backends.js";
import { useMigratedDatabase } from "../../test/support/database.js";
import { PrismaOverlayTokenRepository } from "./overlay-token.repository.js";
import { PrismaSessionRepository } from "./session.repository.js";
import { hashSessionToken, newOverlayToken, newSessionToken } from "./session-token.js";

describe.each(await availableBackends())("PrismaOverlayTokenRepository on %s", (backend) => {
  const fixture = useMigratedDatabase(backend);
  const repository = () => new PrismaOverlayTokenRepository(fixture.db.prisma);
  const newSession = () =>
    new PrismaSessionRepository(fixture.db.prisma).create({ tokenHash: hashSessionToken(newSessionToken()), customerName: "Ann", startingBalanceCents: 1_000 });
  const newHash = () => hashSessionToken(newOverlayToken());

  it("finds the session of a token it stored; an unknown token is null", async () => {
    const session = await newSession();
    const hash = newHash();
    expect(await repository().create(session.id, hash, 5)).toBe(true);
    expect(await repository().findSession(hash)).toEqual(session);
    expect(await repository().findSession(newHash())).toBeNull();
  });

  it("revokes every token of one session, and only that session's", async () => {
    const [mine, theirs] = [await newSession(), await newSession()];
    const [a, b, c] = [newHash(), newHash(), newHash()];
    await repository().create(mine.id, a, 5);
    await repository().create(mine.id, b, 5);
    await repository().create(theirs.id, c, 5);
    expect(await repository().revokeAll(mine.id)).toBe(2);
    expect(await repository().findSession(a)).toBeNull();
    expect(await repository().findSession(b)).toBeNull();
    expect(await repository().findSession(c)).toEqual(theirs);
    expect(await repository().revokeAll(mine.id)).toBe(0);
  });

  it("holds the cap when many creates race for one session", async () => {
    const session = await newSession();
    const created = await Promise.all(Array.from({ length: 12 }, () => repository().create(session.id, newHash(), 5)));
    expect(created.filter(Boolean)).toHaveLength(5);
    expect(await fixture.db.prisma.overlayToken.count({ where: { sessionId: session.id } })).toBe(5);
  });

  it("creates nothing for a session that does not exist", async () => {
    expect(await repository().create("00000000-0000-4000-8000-000000000000", newHash(), 5)).toBe(false);
  });

  it("ends with its session: a closed session's token reads nothing, a deleted session's token is gone", async () => {
    const [closed, deleted] = [await newSession(), await newSession()];
    const [closedHash, deletedHash] = [newHash(), newHash()];
    await repository().create(closed.id, closedHash, 5);
    await repository().create(deleted.id, deletedHash, 5);
    // As the expiry sweep closes a session that paid (src/sessions/session-expiry.ts).
    await fixture.db.prisma.session.update({ where: { id: closed.id }, data: { tokenHash: `expired:${closed.id}` } });
    await fixture.db.prisma.session.delete({ where: { id: deleted.id } });
    expect(await repository().findSession(closedHash)).toBeNull();
    expect(await repository().findSession(deletedHash)).toBeNull();
    expect(await fixture.db.prisma.overlayToken.count({ where: { tokenHash: deletedHash } })).toBe(0);
  });
});
