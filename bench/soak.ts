/**
 * The live overlay under load (issue 14), as figures:
 *
 *   npm run soak [-- --guests 64 --minutes 2 --database postgres|pglite|both]
 *
 * N guests, each with a live `tabChanged(snapshot: true)` subscription (on PostgreSQL, on a
 * second instance, so every change crosses the outbox relay), talk
 * to one Maya (started as `npm start` runs it) for the given time: orders and
 * removals, spoken turns, tips, and now and then a guest leaves and a new one
 * arrives (a new session and a new socket). It checks what a guest's overlay
 * relies on: every committed change of its session reached it exactly once
 * and in version order (the snapshot, then versions one by one up to the
 * session's final version). It reports the lag from a change's answer to its
 * event (p50, p99, max), the time from a socket opening to `connection_ack`,
 * and the server's memory slope after warm-up.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createTestDatabase, postgresAvailable } from "../test/support/postgres.js";
import pg from "pg";
import { PIN_HEADER, SERVED_BY_HEADER, startBalancedCluster } from "./support/balancer.js";
import { GraphQLHttp, percentile } from "./support/load.js";
import { spawnMaya, UNLIMITED_RATES, type ServerProcess } from "./support/processes.js";

const TAB = "version items { id menuItem { id } quantity } totalCents";
const ADD = `mutation Add($id: ID!) { addToTab(menuItemId: $id) { ${TAB} } }`;
const REMOVE = `mutation Remove($line: ID!) { removeFromTab(tabItemId: $line) { ${TAB} } }`;
const TIP = `mutation Tip($percent: Int) { setTip(percent: $percent) { ${TAB} } }`;
const SAY = `mutation Say($text: String!) { say(text: $text) { intent session { tab { ${TAB} } } } }`;
const START = `mutation { startSession { token } }`;
const ME = `{ me { tab { version } } }`;
const CHECKOUT = `mutation { checkout { id } }`;
const PAY = `mutation Pay($id: ID!) { simulatePayment(paymentId: $id, card: "4242424242424242") { status } }`;
const SUBSCRIPTION = `subscription { tabChanged(snapshot: true) { reason tab { version } } }`;

type Tab = { version: number; items: { id: string; menuItem: { id: string }; quantity: number }[]; totalCents: number };

export interface SoakOptions {
  guests: number;
  durationMs: number;
  warmupMs: number;
  /** Pause between one guest's actions. */
  thinkMs: [number, number];
  /** Chance that a guest leaves after an action (a new guest takes its place). */
  leaveChance: number;
  database: "postgres" | "pglite";
  /**
   * On PostgreSQL, 2 puts each guest's page on a second instance: its changes (made on the first)
   * reach it through the outbox relay, the way across instances. The embedded database has one.
   */
  instances?: 1 | 2;
  /**
   * On PostgreSQL: this many instances behind HAProxy (bench/support/balancer.ts) with `env` (REDIS_URL...);
   * every guest talks through the balancer, its writes pinned to one instance and its page to the next.
   */
  balanced?: { instances: number; env: Record<string, string> };
  /** Chance that an action is paying the tab (checkout, then the mock's test card). */
  payChance?: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  database: string;
  instances: number;
  operations: number;
  operationsPerSecond: number;
  guestsServed: number;
  /** Versions that never arrived, arrived twice, or out of order, over all guests. */
  missing: number;
  duplicates: number;
  outOfOrder: number;
  /** Guests whose subscription ended in an error. */
  subscriptionErrors: number;
  requestFailures: number;
  lagMs: { p50: number; p99: number; max: number; count: number };
  ackMs: { p50: number; p99: number; max: number; count: number };
  memorySlopeMbPerMinute: number | null;
  /** Resident memory of all instances at the start of measuring and at each minute after (MB). */
  memoryByMinuteMb: number[];
  lastError: string | null;
  /** Balanced: guests whose writes or page were not served where pinned (or by the same instance). */
  misrouted: number;
  /** Balanced: how many requests each instance served (X-Served-By). */
  servedBy: Record<string, number>;
  /** Sessions whose money does not add up: starting balance = balance + open tab + paid tabs (PostgreSQL). */
  moneyViolations: number | null;
  payments: number;
}

/** The sample nearest each whole minute from the first: a slope alone cannot tell growth from a cache filling up. */
function byMinute(samples: readonly [number, number][]): number[] {
  const [first] = samples;
  if (!first) return [];
  const marks: number[] = [];
  for (let minute = 0; ; minute += 1) {
    const at = first[0] + minute;
    const nearest = samples.reduce((best, sample) => (Math.abs(sample[0] - at) < Math.abs(best[0] - at) ? sample : best));
    if (Math.abs(nearest[0] - at) > 0.05) break;
    marks.push(nearest[1]);
  }
  return marks;
}

const stats = (values: number[]) => ({
  p50: percentile(values, 0.5),
  p99: percentile(values, 0.99),
  max: percentile(values, 1),
  count: values.length,
});

interface GuestRecord {
  snapshot: number | null;
  versions: number[];
  failed: boolean;
  /** Balanced: which instances answered its writes, and which accepted its page's socket. */
  writeServers: Set<string>;
  pageServer: string | null;
}

/** Where a guest's requests go through the balancer (headers), and what tells which instance served them. */
interface GuestRoute {
  writeHeaders: Record<string, string>;
  pageHeaders: Record<string, string>;
  servedByHeader: string;
}

/** A WebSocket whose upgrade request carries the route's pin, noting which instance accepted it. */
function pinnedWebSocket(route: GuestRoute, record: GuestRecord): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: route.pageHeaders });
      this.once("upgrade", (response) => {
        const served = response.headers[route.servedByHeader];
        record.pageServer = typeof served === "string" ? served : null;
      });
    }
  } as typeof WebSocket;
}

class Guest {
  readonly record: GuestRecord = { snapshot: null, versions: [], failed: false, writeServers: new Set(), pageServer: null };
  private readonly client: Client;
  private readonly arrivals = new Map<number, number>();
  private readonly waiters = new Map<number, (at: number) => void>();
  private tab: Tab | null = null;

  constructor(
    readonly token: string,
    url: string,
    acks: number[],
    private readonly measuring: () => boolean,
    private readonly route: GuestRoute | null = null,
  ) {
    const opened = performance.now();
    const record = this.record;
    // The page's socket, pinned through the balancer; the upgrade's answer says which instance took it.
    const PinnedWebSocket = route ? pinnedWebSocket(route, record) : WebSocket;
    this.client = createClient({
      url: `${url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: PinnedWebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      on: { connected: () => acks.push(performance.now() - opened) },
    });
  }

  /** Resolves with the snapshot's version once the subscription is live. */
  subscribe(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.subscribe<{ tabChanged: { reason: string; tab: { version: number } } }>(
        { query: SUBSCRIPTION },
        {
          next: ({ data }) => {
            if (!data) return;
            const { reason, tab } = data.tabChanged;
            if (reason === "SNAPSHOT") {
              this.record.snapshot = tab.version;
              resolve();
              return;
            }
            this.record.versions.push(tab.version);
            const at = performance.now();
            const waiter = this.waiters.get(tab.version);
            if (waiter) waiter(at);
            else this.arrivals.set(tab.version, at);
          },
          error: (error) => {
            this.record.failed = true;
            reject(error);
          },
          complete: () => undefined,
        },
      );
    });
  }

  /** A request as this guest, through its route when it has one. */
  private send(http: GraphQLHttp, query: string, variables: Record<string, unknown> = {}) {
    const route = this.route;
    return http.request(
      query,
      variables,
      this.token,
      route ? { headers: route.writeHeaders, header: route.servedByHeader, seen: (server) => this.record.writeServers.add(server) } : undefined,
    );
  }

  /** One action; the lag from its answer to its event, when it changed the tab. */
  async act(http: GraphQLHttp, lags: number[], payChance = 0): Promise<boolean> {
    const tab = this.tab;
    if (tab && tab.totalCents > 0 && Math.random() < payChance) {
      // Paying: its events (pending, paid, the new tab) are checked like any other; the lag is not measured.
      const checkout = await this.send(http, CHECKOUT);
      const paid = checkout && (await this.send(http, PAY, { id: checkout.checkout.id }));
      this.tab = null;
      return paid?.simulatePayment.status === "SUCCEEDED";
    }
    const roll = Math.random();
    let result: Tab | undefined;
    if (tab && tab.items.length > 0 && roll < 0.35) {
      const line = tab.items[tab.items.length - 1]!;
      result = roll < 0.2 ? (await this.send(http, REMOVE, { line: line.id }))?.removeFromTab : (await this.send(http, SAY, { text: `remove the ${line.menuItem.id.replace("-", " ")}` }))?.say.session.tab;
    } else if (roll < 0.6) {
      result = (await this.send(http, ADD, { id: ["water", "soda", "lemonade", "iced-tea"][Math.floor(Math.random() * 4)] }))?.addToTab;
    } else if (roll < 0.8) {
      result = (await this.send(http, SAY, { text: Math.random() < 0.5 ? "a water please" : "what's my tab?" }))?.say.session.tab;
    } else if (tab && tab.items.length > 0) {
      result = (await this.send(http, TIP, { percent: Math.random() < 0.5 ? 15 : 0 }))?.setTip;
    } else {
      result = (await this.send(http, ADD, { id: "water" }))?.addToTab;
    }
    if (!result) return false;
    const answered = performance.now();
    const changed = !tab || result.version !== tab.version;
    this.tab = result;
    if (!changed) return false;
    const at = this.arrivals.get(result.version) ?? (await this.eventFor(result.version));
    this.arrivals.delete(result.version);
    if (at !== undefined && this.measuring()) lags.push(Math.max(0, at - answered));
    return false;
  }

  private eventFor(version: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(version);
        resolve(undefined);
      }, 5000);
      this.waiters.set(version, (at) => {
        clearTimeout(timer);
        this.waiters.delete(version);
        resolve(at);
      });
    });
  }

  async finalVersion(http: GraphQLHttp): Promise<number | null> {
    const me = await this.send(http, ME);
    return me ? (me.me.tab.version as number) : null;
  }

  close(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}

async function rssMegabytes(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => null);
  const match = status && /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : null;
}

/** Least-squares slope of (minutes, MB). */
function slope(samples: [number, number][]): number | null {
  if (samples.length < 3) return null;
  const n = samples.length;
  const mx = samples.reduce((sum, [x]) => sum + x, 0) / n;
  const my = samples.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxy = samples.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const sxx = samples.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return sxx === 0 ? null : sxy / sxx;
}

/** Checks one guest's events against its session's final version. */
function audit(record: GuestRecord, finalVersion: number | null) {
  const outcome = { missing: 0, duplicates: 0, outOfOrder: 0 };
  if (record.snapshot === null || finalVersion === null) return outcome;
  const seen = new Set<number>();
  let previous = record.snapshot;
  for (const version of record.versions) {
    if (seen.has(version) || version <= record.snapshot) outcome.duplicates += 1;
    else if (version !== previous + 1) outcome.outOfOrder += 1;
    seen.add(version);
    previous = Math.max(previous, version);
  }
  for (let version = record.snapshot + 1; version <= finalVersion; version += 1) if (!seen.has(version)) outcome.missing += 1;
  return outcome;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  let cleanup: () => Promise<void>;
  const servers: ServerProcess[] = [];
  let balancerUrl: string | null = null;
  let names: readonly string[] = [];
  let databaseUrl: string | null = null;
  if (options.balanced) {
    if (options.database !== "postgres") throw new Error("A balanced soak runs on PostgreSQL.");
    const database = await createTestDatabase();
    databaseUrl = database.url;
    const cluster = await startBalancedCluster(options.balanced.instances, { DATABASE_URL: database.url, ...UNLIMITED_RATES, ...options.balanced.env }).catch(async (error: unknown) => {
      await database.drop();
      throw error;
    });
    servers.push(...cluster.instances);
    balancerUrl = cluster.url;
    names = cluster.names;
    cleanup = async () => {
      await cluster.stop();
      await database.drop();
    };
  } else if (options.database === "postgres") {
    const database = await createTestDatabase();
    databaseUrl = database.url;
    const env = { DATABASE_URL: database.url, ...UNLIMITED_RATES };
    servers.push(...(await Promise.all(Array.from({ length: options.instances ?? 1 }, () => spawnMaya(env)))));
    cleanup = () => database.drop();
  } else {
    const dir = await mkdtemp(join(tmpdir(), "maya-soak-"));
    servers.push(await spawnMaya({ MAYA_DATA_DIR: dir, ...UNLIMITED_RATES }));
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  const maya = servers[0]!;
  const url = balancerUrl ?? maya.url;
  // Where the guests' pages listen: the last instance (the same one, with one), or the balancer.
  const pageUrl = balancerUrl ?? servers[servers.length - 1]!.url;
  let guestCount = 0;
  const routeFor = (): GuestRoute | null => {
    if (!balancerUrl) return null;
    const writes = guestCount++ % names.length;
    return {
      writeHeaders: { [PIN_HEADER]: String(writes) },
      pageHeaders: { [PIN_HEADER]: String((writes + 1) % names.length) },
      servedByHeader: SERVED_BY_HEADER,
    };
  };
  const servedBy: Record<string, number> = {};
  let misrouted = 0;
  let payments = 0;
  const http = new GraphQLHttp(url, Math.min(options.guests, 64));
  const lags: number[] = [];
  const acks: number[] = [];
  let measuring = false;
  let stop = false;
  let operations = 0;
  const audits = { missing: 0, duplicates: 0, outOfOrder: 0, subscriptionErrors: 0, guestsServed: 0 };
  const memory: [number, number][] = [];
  const started = performance.now();

  const newGuest = async (): Promise<Guest | null> => {
    const grant = await http.request(START);
    if (!grant) return null;
    const guest = new Guest(grant.startSession.token as string, pageUrl, acks, () => measuring, routeFor());
    try {
      await guest.subscribe();
      return guest;
    } catch {
      audits.subscriptionErrors += 1;
      await guest.close();
      return null;
    }
  };
  const retire = async (guest: Guest) => {
    // Changes still in flight arrive before the final version is read and checked.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const finalVersion = await guest.finalVersion(http);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const outcome = audit(guest.record, finalVersion);
    audits.missing += outcome.missing;
    audits.duplicates += outcome.duplicates;
    audits.outOfOrder += outcome.outOfOrder;
    if (guest.record.failed) audits.subscriptionErrors += 1;
    audits.guestsServed += 1;
    if (balancerUrl) {
      const { writeServers, pageServer } = guest.record;
      for (const server of writeServers) servedBy[server] = (servedBy[server] ?? 0) + 1;
      if (pageServer) servedBy[pageServer] = (servedBy[pageServer] ?? 0) + 1;
      if (writeServers.size !== 1 || pageServer === null || writeServers.has(pageServer)) misrouted += 1;
    }
    await guest.close();
  };

  const loops = Array.from({ length: options.guests }, async () => {
    let guest = await newGuest();
    while (!stop) {
      if (!guest) {
        guest = await newGuest();
        continue;
      }
      if (await guest.act(http, lags, options.payChance)) payments += 1;
      if (measuring) operations += 1;
      const [low, high] = options.thinkMs;
      await new Promise((resolve) => setTimeout(resolve, low + Math.random() * (high - low)));
      if (Math.random() < options.leaveChance) {
        const leaving = guest;
        guest = null;
        await retire(leaving);
      }
    }
    if (guest) await retire(guest);
  });

  const sampler = setInterval(() => {
    if (!measuring) return;
    void Promise.all(servers.map((server) => rssMegabytes(server.pid))).then((sizes) => {
      const total = sizes.reduce<number>((sum, mb) => sum + (mb ?? 0), 0);
      memory.push([(performance.now() - started) / 60_000, total]);
    });
  }, 1000);
  await new Promise((resolve) => setTimeout(resolve, options.warmupMs));
  lags.length = 0;
  acks.splice(0, acks.length);
  measuring = true;
  const measuredFrom = performance.now();
  log(`soak: ${options.guests} guests on ${options.database}, measuring for ${(options.durationMs / 1000).toFixed(0)} s`);
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  measuring = false;
  const seconds = (performance.now() - measuredFrom) / 1000;
  stop = true;
  await Promise.all(loops);
  clearInterval(sampler);
  await http.close();
  const moneyViolations = databaseUrl ? await countMoneyViolations(databaseUrl) : null;
  if (!balancerUrl) await Promise.all(servers.map((server) => server.stop()));
  await cleanup();
  return {
    database: options.database,
    instances: servers.length,
    operations,
    operationsPerSecond: operations / seconds,
    guestsServed: audits.guestsServed,
    missing: audits.missing,
    duplicates: audits.duplicates,
    outOfOrder: audits.outOfOrder,
    subscriptionErrors: audits.subscriptionErrors,
    requestFailures: http.failures,
    lagMs: stats(lags),
    ackMs: stats(acks),
    memorySlopeMbPerMinute: slope(memory),
    memoryByMinuteMb: byMinute(memory),
    lastError: http.lastError,
    misrouted,
    servedBy,
    moneyViolations,
    payments,
  };
}

/** Sessions where starting balance != balance + open tab + paid tabs, read straight from the database. */
async function countMoneyViolations(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`
      SELECT COUNT(*) AS count FROM sessions s
       WHERE s.starting_balance_cents <> s.balance_cents
             + COALESCE((SELECT SUM(t.total_cents) FROM tabs t WHERE t.session_id = s.id AND t.status IN ('OPEN', 'PAYMENT_PENDING')), 0)
             + COALESCE((SELECT SUM(t.total_cents) FROM tabs t WHERE t.session_id = s.id AND t.status = 'PAID'), 0)
          OR (SELECT COUNT(*) FROM tabs t WHERE t.session_id = s.id AND t.status IN ('OPEN', 'PAYMENT_PENDING')) <> 1`);
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

export function formatSoak(result: SoakResult): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return [
    `soak on ${result.database}${result.instances > 1 ? ` (${result.instances} instances: pages on one, changes on another${Object.keys(result.servedBy).length > 0 ? ", through HAProxy" : ""})` : ""}: ${result.operations} operations (${result.operationsPerSecond.toFixed(0)}/s), ${result.guestsServed} guests served, ${result.payments} tabs paid`,
    `  exactly once, in order: ${result.missing} missing, ${result.duplicates} duplicated, ${result.outOfOrder} out of order; ${result.subscriptionErrors} subscription errors, ${result.requestFailures} failed requests${result.lastError ? ` (last: ${result.lastError})` : ""}`,
    ...(Object.keys(result.servedBy).length > 0
      ? [`  through the balancer: guests by instance ${JSON.stringify(result.servedBy)}, ${result.misrouted} guests whose page shared an instance with its writes (or was not seen)`]
      : []),
    ...(result.moneyViolations === null ? [] : [`  money: ${result.moneyViolations} sessions where starting balance != balance + open tab + paid tabs`]),
    `  event lag after the change's answer: p50 ${ms(result.lagMs.p50)}, p99 ${ms(result.lagMs.p99)}, max ${ms(result.lagMs.max)} over ${result.lagMs.count} changes (goal p99 <= 100 ms, max <= 1 s)`,
    `  connection_ack: p50 ${ms(result.ackMs.p50)}, p99 ${ms(result.ackMs.p99)}, max ${ms(result.ackMs.max)} over ${result.ackMs.count} sockets (goal p99 <= 200 ms)`,
    `  server memory after warm-up (all instances): ${result.memorySlopeMbPerMinute === null ? "not sampled" : `${result.memorySlopeMbPerMinute.toFixed(2)} MB/min`}` +
      (result.memoryByMinuteMb.length > 1 ? `; resident at each minute: ${result.memoryByMinuteMb.map((mb) => mb.toFixed(0)).join(", ")} MB` : ""),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
  };
  const guests = Number(arg("guests", "64"));
  const minutes = Number(arg("minutes", "2"));
  // --balanced N: N instances behind HAProxy on PostgreSQL and Redis (REDIS_URL, default the local one).
  const balanced = Number(arg("balanced", "0"));
  const which = balanced > 0 ? "postgres" : arg("database", "both");
  const databases: ("postgres" | "pglite")[] = which === "both" ? ["pglite", "postgres"] : [which as "postgres" | "pglite"];
  let failed = false;
  for (const database of databases) {
    if (database === "postgres" && !(await postgresAvailable())) {
      console.log("soak on postgres: SKIPPED, PostgreSQL is not reachable");
      continue;
    }
    const result = await runSoak({
      guests,
      durationMs: minutes * 60_000,
      warmupMs: 10_000,
      thinkMs: [100, 400],
      leaveChance: 0.01,
      database,
      instances: database === "postgres" ? 2 : 1,
      ...(balanced > 0
        ? {
            payChance: 0.02,
            balanced: {
              instances: balanced,
              env: {
                REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
                MAYA_REDIS_PREFIX: `maya-soak:${randomBytes(4).toString("hex")}:`,
                MAYA_STATE_KEY: randomBytes(32).toString("hex"),
              },
            },
          }
        : {}),
      log: console.log,
    });
    console.log(formatSoak(result));
    failed ||= result.missing + result.duplicates + result.outOfOrder + result.subscriptionErrors + result.misrouted + (result.moneyViolations ?? 0) > 0;
  }
  process.exit(failed ? 1 : 0);
}
