/**
 * The built server as a real process (`node dist/src/main.js`):
 * - a live Stripe key stops it at startup (exit code 2, a message that does not contain the key);
 * - SIGKILL between Stripe creating the Checkout Session and Maya recording it: after a
 *   restart the reconciler's startup pass recovers that same session by its
 *   idempotency key, and the guest pays exactly once.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import {
  buildServer,
  CHECKOUT,
  conservation,
  freePort,
  guestWithTab,
  local,
  ledger,
  spawnMaya,
  stripeEnv,
  STRIPE_TEST_KEY,
  STRIPE_WEBHOOK_SECRET,
  waitFor,
  type SpawnedMaya,
} from "../support/payments-e2e.js";
import { createTestDatabase, postgresAvailable, postgresOrSkip, type TestDatabase } from "../support/postgres.js";
import { startStripeStandin, type StripeStandin } from "../support/stripe-standin/index.js";

beforeAll(() => {
  buildServer();
}, 120_000);

describe("a live Stripe key", () => {
  it("is refused at startup: exit code 2, a clear message, and the key appears nowhere", async () => {
    const key = `sk_live_${"51Hx".padEnd(12, "Q")}SecretDoNotLog9`;
    // The key is checked after the database is opened; PostgreSQL, when there is one, opens faster than PGlite.
    const database = (await postgresAvailable()) ? await createTestDatabase() : null;
    const maya = spawnMaya({
      STRIPE_SECRET_KEY: key,
      PORT: "0",
      HOST: "127.0.0.1",
      ...(database ? { DATABASE_URL: database.url } : { MAYA_DATA_DIR: "memory://" }),
    });
    const exit = await Promise.race([
      maya.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("Maya did not exit within 30 s")), 30_000)),
    ]).finally(async () => {
      maya.child.kill("SIGKILL");
      await database?.drop();
    });
    expect(exit.code).toBe(2);
    expect(maya.stderr()).toMatch(/STRIPE_SECRET_KEY is a live-mode secret key/);
    expect(maya.stderr()).toMatch(/test mode only/);
    expect(maya.stderr()).toMatch(/sk_test_/);
    for (const output of [maya.stderr(), maya.stdout()]) {
      expect(output).not.toContain(key);
      expect(output).not.toContain("SecretDoNotLog");
    }
    expect(maya.stdout()).not.toContain("Maya is listening");
  });
});

const usePostgres = await postgresOrSkip();

describe.runIf(usePostgres)("a crash between creating the Checkout Session and recording it", () => {
  let database: TestDatabase;
  let standin: StripeStandin;
  let spawned: SpawnedMaya | undefined;
  let restarted: MayaApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    standin = await startStripeStandin({ secretKey: STRIPE_TEST_KEY });
  });

  afterAll(async () => {
    if (spawned && spawned.child.exitCode === null && spawned.child.signalCode === null) spawned.child.kill("SIGKILL");
    await restarted?.close();
    await standin?.close();
    await database?.drop();
  });

  it("recovers the same session after a restart and is paid exactly once", async () => {
    const port = await freePort();
    spawned = spawnMaya({ ...stripeEnv(standin), DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1" });
    await spawned.listening;
    const appUrl = `http://127.0.0.1:${port}`;
    const { guest, me: before } = await guestWithTab(appUrl, "Crash");

    // Stripe creates the session and stores the answer under the key, but the answer never arrives.
    standin.injectFaults({ method: "POST", path: "/v1/checkout/sessions", kind: "timeout", when: "after" });
    const inFlight = guest.request(CHECKOUT).catch((error: unknown) => error);
    await waitFor("Stripe to create the session", () => standin.createdCount === 1);
    const [sessionId, session] = [...standin.sessions.entries()][0]!;
    spawned.child.kill("SIGKILL");
    expect(await spawned.exited).toMatchObject({ signal: "SIGKILL" });
    expect(await inFlight).toBeInstanceOf(Error);

    // What the crash left: a pending attempt with its key but no provider reference, the tab locked.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const leftover = await admin
      .query<{ id: string; status: string; provider_ref: string | null; idempotency_key: string; tab_status: string }>(
        `SELECT a.id, a.status, a.provider_ref, a.idempotency_key, t.status AS tab_status
           FROM payment_attempts a JOIN tabs t ON t.id = a.tab_id WHERE a.session_id = $1`,
        [before.id],
      )
      .finally(() => admin.end());
    expect(leftover.rows).toHaveLength(1);
    const attempt = leftover.rows[0]!;
    expect(attempt).toMatchObject({ status: "PENDING", provider_ref: null, tab_status: "PAYMENT_PENDING" });
    expect(session.metadata.attempt_id).toBe(attempt.id);
    const createRequests = () =>
      standin.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions" && r.idempotencyKey === attempt.idempotency_key);
    expect(createRequests()).toHaveLength(1);

    // Restart (same database, same public URL, so the re-sent request is identical). The
    // startup pass, with no help from a test call, finds the session by the attempt's key.
    restarted = await startTestMaya({ kind: "postgres", url: database.url }, stripeEnv(standin));
    const recovered = await waitFor("the startup pass to record the session", async () => {
      const l = await ledger(restarted!.db.prisma, before.id);
      return l.attempts[0]?.providerRef ? l.attempts[0] : null;
    });
    expect(recovered).toMatchObject({ id: attempt.id, status: "PENDING", providerRef: sessionId });
    expect(recovered.checkoutUrl).toBe(`${standin.url}/c/pay/${sessionId}`);
    expect(standin.createdCount).toBe(1);
    expect(createRequests()).toHaveLength(2);
    expect(createRequests()[1]).toMatchObject({ replayed: true, status: 200 });

    // The guest (on the restarted app) asks again: the same attempt, the same checkout page.
    const again = new MayaClient(local(restarted), guest.token);
    const same = await again.data<{ checkout: { id: string; checkoutUrl: string } }>(CHECKOUT);
    expect(same.checkout).toMatchObject({ id: attempt.id, checkoutUrl: recovered.checkoutUrl });

    // The guest pays; Stripe's webhook reaches the restarted app.
    standin.setWebhook({ url: `${local(restarted)}/webhooks/stripe`, secret: STRIPE_WEBHOOK_SECRET });
    standin.completeSession(sessionId);
    await standin.flushWebhooks();
    const paid = await waitFor("the tab to be paid", async () => {
      const l = await ledger(restarted!.db.prisma, before.id);
      return l.attempts[0]?.status === "SUCCEEDED" ? l : null;
    });
    expect(paid.attempts).toHaveLength(1);
    expect(paid.tabs.filter((t) => t.status === "PAID").map((t) => t.id)).toEqual([before.tab.id]);
    expect(paid.balanceCents).toBe(before.balanceCents);
    const { starting, accounted } = conservation(paid);
    expect(accounted).toBe(starting);
    expect(standin.createdCount).toBe(1);
    console.log(
      `[payments-e2e] crash recovery: sessions created ${standin.createdCount}, create requests ${createRequests().length} ` +
        `(1 lost to the crash, ${createRequests().filter((r) => r.replayed).length} replayed), stand-in requests ${standin.requests.length}`,
    );
  });
});
