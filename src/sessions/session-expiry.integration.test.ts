/**
 * Session expiry against a real database (PGlite, and PostgreSQL when
 * reachable), and through the app: what expires and what stays, what of an
 * expired session is kept, and that its token stops working at once.
 */
import { describe, expect, it } from "vitest";
import { availableBackends, useMaya } from "../../test/support/backends.js";
import { MayaClient } from "../../test/support/maya.js";
import { ADD, CARD_OK, CHECKOUT, SIMULATE, type PaymentShape } from "../../test/support/operations.js";
import { SqlSessionExpiryRepository } from "./session-expiry.js";

const DAY = 24 * 3600;

describe.each(await availableBackends())("session expiry on %s", (backend) => {
  const maya = useMaya(backend, { env: { MAYA_SESSION_TTL_SECONDS: String(7 * DAY) } });

  async function idleFor(guest: MayaClient, seconds: number) {
    const { me } = await guest.data<{ me: { id: string } }>(`{ me { id } }`);
    await maya.app.db.prisma.$executeRawUnsafe(
      `UPDATE sessions SET last_seen_at = now() - make_interval(secs => $1) WHERE id = $2::uuid`,
      seconds,
      me.id,
    );
    return me.id;
  }

  const exists = async (id: string) => (await maya.app.db.prisma.session.count({ where: { id } })) === 1;

  it("expires idle sessions that owe nothing; keeps the active, the owing and the paying; keeps paid records", async () => {
    const [idle, recent, owing, paying, paid] = await Promise.all(Array.from({ length: 5 }, () => MayaClient.startSession(maya.app.url)));
    await owing!.data(ADD, { item: "water" });
    await paying!.data(ADD, { item: "water" });
    await paying!.data(CHECKOUT);
    await paid!.data(ADD, { item: "martini" });
    const payment = (await paid!.data<{ checkout: PaymentShape }>(CHECKOUT)).checkout;
    await paid!.data(SIMULATE, { id: payment.id, card: CARD_OK });
    await paid!.data(`mutation { say(text: "hello") { text } }`);
    // Overlays of each: they end with their session, and only with it.
    const overlayOf = async (guest: MayaClient) =>
      new MayaClient(maya.app.url, (await guest.data<{ createOverlayToken: string }>(`mutation { createOverlayToken }`)).createOverlayToken);
    const overlays = { idle: await overlayOf(idle!), paid: await overlayOf(paid!), recent: await overlayOf(recent!) };

    const ids = {
      idle: await idleFor(idle!, 8 * DAY),
      recent: await idleFor(recent!, 6 * DAY),
      owing: await idleFor(owing!, 30 * DAY),
      paying: await idleFor(paying!, 30 * DAY),
      paid: await idleFor(paid!, 8 * DAY),
    };
    await maya.app.services.housekeeping.runNow();

    expect(await exists(ids.idle)).toBe(false);
    expect(await exists(ids.recent)).toBe(true);
    expect(await exists(ids.owing)).toBe(true);
    expect(await exists(ids.paying)).toBe(true);
    // Paid: the records stay, the conversation and the token go.
    expect(await exists(ids.paid)).toBe(true);
    expect(await maya.app.db.prisma.tab.count({ where: { sessionId: ids.paid, status: "PAID" } })).toBe(1);
    expect(await maya.app.db.prisma.paymentAttempt.count({ where: { sessionId: ids.paid, status: "SUCCEEDED" } })).toBe(1);
    expect(await maya.app.db.prisma.message.count({ where: { sessionId: ids.paid } })).toBe(0);

    // Their tokens stop working on this instance at once (no remembered token), the others' go on.
    expect(await idle!.errorCode(`{ me { id } }`)).toBe("UNAUTHENTICATED");
    expect(await paid!.errorCode(`{ me { id } }`)).toBe("UNAUTHENTICATED");
    expect(await recent!.data(`{ me { id } }`)).toMatchObject({ me: { id: ids.recent } });
    expect(await overlays.idle.errorCode(`{ me { id } }`)).toBe("UNAUTHENTICATED");
    expect(await overlays.paid.errorCode(`{ me { id } }`)).toBe("UNAUTHENTICATED");
    expect(await maya.app.db.prisma.overlayToken.count({ where: { sessionId: ids.paid } })).toBe(0);
    expect(await overlays.recent.data(`{ me { id } }`)).toMatchObject({ me: { id: ids.recent } });
    expect(await owing!.data(`{ me { id } }`)).toMatchObject({ me: { id: ids.owing } });

    // A second sweep finds nothing more to do.
    const repository = new SqlSessionExpiryRepository(maya.app.db.sql);
    expect(await repository.expireIdle(7 * DAY, 100)).toEqual({ deleted: [], closed: [] });
  });
});
