/**
 * A database that refuses connections for a few seconds, under load
 * (PostgreSQL behind a TCP proxy that stops listening and cuts every
 * connection, so the app sees ECONNREFUSED and dropped connections). Eight
 * guests write all along. While it refuses, every request that needs it is a
 * retryable refusal: UNAVAILABLE with HTTP 503 and Retry-After on GraphQL,
 * MCP and the checkout page, never INTERNAL_SERVER_ERROR; /readyz says not
 * ready; the log has one line when the outage starts and one when it ends
 * (no line per request). Afterwards every acknowledged write is stored as
 * acknowledged, money is conserved, /readyz is ready again, and the app
 * stops in time.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { assertConserved, readLedger } from "../support/ledger.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { initializeRequest, rawPost } from "../support/mcp.js";
import { createTestDatabase, postgresOrSkip, type TestDatabase } from "../support/postgres.js";
import { recordingLogger } from "../support/recording-logger.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";

const onPostgres = await postgresOrSkip();
const GUESTS = 8;
const BEFORE_MS = 3000;
const REFUSING_MS = 4000;
const AFTER_MS = 3000;

const TAB = "version totalCents items { id }";
const ADD = `mutation { addToTab(menuItemId: "water") { ${TAB} } }`;
const REMOVE = `mutation Remove($line: ID!) { removeFromTab(tabItemId: $line) { ${TAB} } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: Record<string, { version: number; totalCents: number; items: { id: string }[] }> | null; errors?: { extensions?: { code?: string } }[] };
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer | null> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as Answer["body"] };
  } catch {
    return null;
  }
}

describe.runIf(onPostgres)("a database that refuses connections for a few seconds, under load (PostgreSQL)", () => {
  const { logger, logged } = recordingLogger();
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: MayaApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(database.url).port || 5432) });
    const url = new URL(database.url);
    url.port = String(proxy.port);
    app = await startTestMaya({ kind: "postgres", url: url.toString() }, { MAYA_SHUTDOWN_SECONDS: "8" }, { logger });
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await database?.drop();
  });

  it("answers UNAVAILABLE (503, Retry-After) meanwhile, logs the outage once each way, loses no acknowledged write, and recovers", async () => {
    const guests = await Promise.all(Array.from({ length: GUESTS }, () => MayaClient.startSession(app.url)));
    // A guest with a pending mock checkout, to open its page during the outage.
    const payer = await MayaClient.startSession(app.url);
    await payer.data(`mutation { addToTab(menuItemId: "martini") { id } }`);
    const { checkout } = await payer.data<{ checkout: { checkoutUrl: string } }>(`mutation { checkout { checkoutUrl } }`);
    const checkoutPath = new URL(checkout.checkoutUrl).pathname;

    const acks = guests.map(() => new Map<number, number>());
    const refusals: Answer[] = [];
    const otherFailures: string[] = [];
    let stop = false;
    const writers = guests.map(async (guest, index) => {
      let line: string | null = null;
      while (!stop) {
        const answer = line ? await post(app.url, guest.token!, REMOVE, { line }) : await post(app.url, guest.token!, ADD);
        const tab = answer?.body.data ? (answer.body.data.removeFromTab ?? answer.body.data.addToTab) : undefined;
        if (answer && tab) {
          acks[index]!.set(tab.version, tab.totalCents);
          line = tab.items[0]?.id ?? null;
          continue;
        }
        const code = answer?.body.errors?.[0]?.extensions?.code;
        if (code === "UNAVAILABLE") refusals.push(answer!);
        // A removal refused as UNAVAILABLE may have committed (its connection cut before the answer), and the
        // tab read after it refused too: the next removal of that line is then, rightly, NOT_FOUND.
        else if (!(code === "NOT_FOUND" && line !== null)) otherFailures.push(JSON.stringify(answer ?? "no answer"));
        // Unknown whether it committed: read the tab before going on (itself perhaps refused).
        const me = await post(app.url, guest.token!, `{ me { tab { items { id } } } }`);
        const items = (me?.body.data as { me?: { tab: { items: { id: string }[] } } } | null | undefined)?.me?.tab.items;
        if (items) line = items[0]?.id ?? null;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    await new Promise((resolve) => setTimeout(resolve, BEFORE_MS));
    const acknowledgedBefore = acks.reduce((sum, map) => sum + map.size, 0);
    await proxy.refuse();
    await expect.poll(async () => (await fetch(`${app.url}/readyz`)).status, { timeout: 3000, interval: 100 }).toBe(503);
    const readyz = await fetch(`${app.url}/readyz`);
    expect(readyz.headers.get("retry-after")).toBe("2");
    expect(((await readyz.json()) as { error: string }).error).toMatch(/^database unavailable: /);
    // The other ways in say the same.
    const mcp = await rawPost(app.url, initializeRequest());
    expect(mcp.status).toBe(503);
    expect(mcp.headers.get("retry-after")).toBe("2");
    expect(JSON.parse(mcp.text).error.message).toMatch(/can't reach her records/);
    const page = await fetch(`${app.url}${checkoutPath}`);
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("2");
    expect(await page.text()).toMatch(/Try again in a moment/);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, REFUSING_MS - 1000));
    await proxy.accept();
    await expect.poll(async () => (await fetch(`${app.url}/readyz`)).status, { timeout: 10_000, interval: 100 }).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
    stop = true;
    await Promise.all(writers);

    // Refused retryably, never failed as a bug.
    expect(otherFailures).toEqual([]);
    expect(refusals.length).toBeGreaterThan(GUESTS);
    for (const refusal of refusals) {
      expect(refusal.status).toBe(503);
      expect(refusal.retryAfter).toBe("2");
    }
    // One line as the outage starts, one as it ends; nothing per request.
    const lines = logged.map((line) => `${line.level} ${line.message}`);
    expect(lines.filter((line) => line.startsWith("error database unavailable"))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("info database available again"))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("error") && !line.startsWith("error database unavailable"))).toEqual([]);
    const acknowledged = acks.reduce((sum, map) => sum + map.size, 0);
    expect(acknowledged).toBeGreaterThan(acknowledgedBefore);

    // Every acknowledged write is stored as acknowledged; money is conserved.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      for (const [index, guest] of [...guests.entries()]) {
        const { me } = await guest.data<{ me: { id: string } }>(`{ me { id } }`);
        const { rows } = await admin.query<{ version: number; total: number }>(
          `SELECT version, (payload->'tab'->>'totalCents')::int AS total FROM tab_events WHERE session_id = $1::uuid`,
          [me.id],
        );
        const stored = new Map(rows.map((row) => [row.version, row.total]));
        for (const [version, total] of acks[index]!) expect(stored.get(version), `version ${version}`).toBe(total);
        assertConserved(await readLedger(app.db.prisma, me.id));
      }
    } finally {
      await admin.end();
    }
    console.log(
      `refusal: ${REFUSING_MS / 1000} s of refused connections under ${GUESTS} writers; ${acknowledged} writes acknowledged, ` +
        `${refusals.length} refused as UNAVAILABLE (503, Retry-After), 0 internal errors; 2 log lines`,
    );

    const stopping = Date.now();
    await app.close();
    expect(Date.now() - stopping).toBeLessThan(8000);
  }, 90_000);
});
