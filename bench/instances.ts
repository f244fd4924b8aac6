/**
 * Maya on many instances (issue 20), as figures:
 *
 *   npm run build && node dist/bench/instances.js [--seconds N]
 *
 * On one fresh PostgreSQL database (and the local Redis):
 * - the database's transactions per second while 6 instances sit idle, each
 *   with one live subscriber (pg_stat_database's commits and rollbacks), with
 *   Redis as the broker and with PostgreSQL NOTIFY (no Redis);
 * - tab writes per second (addToTab then removeFromTab at 32 sessions) on one
 *   instance, then through HAProxy in front of 3 instances, in the same run.
 * The event across instances (p50/p99) is in the write-path bench.
 */
import { randomBytes } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { createClient, type Client } from "graphql-ws";
import pg from "pg";
import WebSocket from "ws";
import { createTestDatabase, postgresAvailable } from "../test/support/postgres.js";
import { haproxyMissing, startBalancedCluster } from "./support/balancer.js";
import { GraphQLHttp, runPhase, type PhaseResult } from "./support/load.js";
import { spawnMaya, UNLIMITED_RATES } from "./support/processes.js";

const TAB = "version items { id menuItem { id } }";
const ADD = `mutation Add($id: ID!) { addToTab(menuItemId: $id) { ${TAB} } }`;
const REMOVE = `mutation Remove($line: ID!) { removeFromTab(tabItemId: $line) { ${TAB} } }`;
const START = `mutation { startSession { token } }`;
const GUESTS = 32;

export interface InstancesResult {
  idle: { broker: string; instances: number; seconds: number; transactionsPerSecond: number }[];
  writes: { oneInstance: PhaseResult; threeBalanced: PhaseResult } | null;
}

/** Redis for the benches: REDIS_URL, else the local one; a prefix and a key of its own. */
export function benchRedisEnv(): Record<string, string> {
  return {
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    MAYA_REDIS_PREFIX: `maya-bench:${randomBytes(4).toString("hex")}:`,
    MAYA_STATE_KEY: randomBytes(32).toString("hex"),
  };
}

async function committedTransactions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      "SELECT xact_commit + xact_rollback AS count FROM pg_stat_database WHERE datname = current_database()",
    );
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

/** `instances` idle instances with one subscriber each: the database's transactions per second. */
async function measureIdle(env: Record<string, string>, databaseUrl: string, instances: number, seconds: number): Promise<number> {
  const servers = await Promise.all(Array.from({ length: instances }, () => spawnMaya(env)));
  const clients: Client[] = [];
  try {
    for (const server of servers) {
      const http = new GraphQLHttp(server.url, 1);
      const token = (await http.request(START))?.startSession.token as string;
      await http.close();
      const client = createClient({ url: `${server.url.replace(/^http/, "ws")}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      clients.push(client);
      await new Promise<void>((resolve, reject) => {
        client.subscribe({ query: `subscription { tabChanged(snapshot: true) { tab { version } } }` }, { next: () => resolve(), error: reject, complete: () => undefined });
      });
    }
    // Settled: start-up work (the reconciler's first pass, the stats flush) is over.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const before = await committedTransactions(databaseUrl);
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    // PostgreSQL flushes its statistics at most once a second: wait for the last of the window.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await committedTransactions(databaseUrl);
    // The two reads of the statistics are transactions too.
    return (after - before - 1) / ((performance.now() - started - 1100) / 1000);
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all(servers.map((server) => server.stop()));
  }
}

async function tabWrites(url: string, seconds: number): Promise<PhaseResult> {
  const http = new GraphQLHttp(url, 4);
  const tokens: string[] = [];
  for (let index = 0; index < GUESTS; index += 1) tokens.push((await http.request(START))?.startSession.token as string);
  await http.close();
  return runPhase({
    baseUrl: url,
    guests: GUESTS,
    warmupMs: 3000,
    durationMs: seconds * 1000,
    step: async (guest, client) => {
      const token = tokens[guest];
      const added = await client.request(ADD, { id: "water" }, token);
      const line = (added?.addToTab as { items: { id: string; menuItem: { id: string } }[] } | undefined)?.items.find((item) => item.menuItem.id === "water")?.id;
      if (!line) return 0;
      return (await client.request(REMOVE, { line }, token)) ? 2 : 1;
    },
  });
}

export async function runInstancesBench(options: { seconds: number; log: (line: string) => void }): Promise<InstancesResult | null> {
  const { log, seconds } = options;
  if (!(await postgresAvailable())) {
    log("SKIPPED: the instances bench needs PostgreSQL.");
    return null;
  }
  log(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((value) => value.toFixed(1)).join(" ")}`);
  const result: InstancesResult = { idle: [], writes: null };
  for (const broker of ["redis", "postgres"] as const) {
    const database = await createTestDatabase();
    try {
      const env = { DATABASE_URL: database.url, ...UNLIMITED_RATES, ...(broker === "redis" ? benchRedisEnv() : {}) };
      const idleSeconds = Math.max(10, seconds * 2);
      const perSecond = await measureIdle(env, database.url, 6, idleSeconds);
      result.idle.push({ broker, instances: 6, seconds: idleSeconds, transactionsPerSecond: perSecond });
      log(`idle: 6 instances (${broker === "redis" ? "Redis pub/sub" : "PostgreSQL NOTIFY, no Redis"}), one subscriber each, for ${idleSeconds} s: ${perSecond.toFixed(2)} database transactions/s (goal <= 6; the polling relay made 852/s with 4)`);
    } finally {
      await database.drop();
    }
  }
  const missing = haproxyMissing();
  if (missing) {
    log(`writes through the balancer: SKIPPED, ${missing}`);
    return result;
  }
  const database = await createTestDatabase();
  try {
    const env = { DATABASE_URL: database.url, ...UNLIMITED_RATES, ...benchRedisEnv() };
    const single = await spawnMaya(env);
    let oneInstance: PhaseResult;
    try {
      oneInstance = await tabWrites(single.url, seconds);
    } finally {
      await single.stop();
    }
    const cluster = await startBalancedCluster(3, env);
    let threeBalanced: PhaseResult;
    try {
      threeBalanced = await tabWrites(cluster.url, seconds);
    } finally {
      await cluster.stop();
    }
    result.writes = { oneInstance, threeBalanced };
    const fmt = (phase: PhaseResult) =>
      `${phase.stepsPerSecond.toFixed(0)} writes/s (p50 ${phase.p50Ms.toFixed(2)} ms, p99 ${phase.p99Ms.toFixed(2)} ms${phase.failures ? `, ${phase.failures} FAILED: ${phase.lastError}` : ""})`;
    log(`tab writes, ${GUESTS} sessions, one instance directly: ${fmt(oneInstance)}`);
    log(`tab writes, ${GUESTS} sessions, through HAProxy to 3 instances: ${fmt(threeBalanced)}; ratio to one instance ${(threeBalanced.stepsPerSecond / oneInstance.stepsPerSecond).toFixed(2)}`);
  } finally {
    await database.drop();
  }
  log(`load average at the end: ${loadavg().map((value) => value.toFixed(1)).join(" ")}`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf("--seconds");
  const result = await runInstancesBench({ seconds: at > 0 ? Number(process.argv[at + 1]) : 10, log: console.log });
  const failed = (result?.writes?.oneInstance.failures ?? 0) + (result?.writes?.threeBalanced.failures ?? 0) > 0;
  process.exit(failed ? 1 : 0);
}
