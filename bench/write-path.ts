/**
 * The write path against the database's own speed (issue 13), in one run:
 *
 *   npm run build && node dist/bench/write-path.js [--profile] [--seconds N]
 *
 * Baselines the bench starts itself, on this machine, in this run:
 * - a bare Apollo Server from the project's own packages answering a constant
 *   20-item menu (bench/baselines/bare-apollo.ts);
 * - pgbench running one order turn's SQL on Maya's own tables in the same
 *   PostgreSQL (bench/baselines/pgbench.ts), 32 clients.
 * Then Maya, as `npm start` runs it (a process of its own, rate limits out of
 * the way), on a fresh PostgreSQL database:
 * - `menu` requests/s at 32 connections, against the bare server;
 * - tab writes/s at 32 sessions (addToTab then removeFromTab), against pgbench;
 * - spoken tab writes/s at 32 sessions ("a water please" / "remove the water");
 * - `say` p50/p99 at one session over a guest's evening, and a read-only
 *   "what's my tab?" at 32 sessions;
 * - an event across two instances: mutation sent on one, `tabChanged` received
 *   on the other, p50/p99 at 32 sessions;
 * - ready after start on an existing embedded database (and the build check
 *   `npm start` runs first, when nothing changed).
 * `--profile` also records Maya's CPU profile during the tab writes and prints
 * where its time went. Every request is checked; failures are printed.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { projectPath } from "../src/db/paths.js";
import { createTestDatabase, postgresAvailable, POSTGRES_ADMIN_URL } from "../test/support/postgres.js";
import { redisAnswers } from "../test/support/redis.js";
import { runOrderTurnPgbench } from "./baselines/pgbench.js";
import { SAY_MIX } from "./conversation/say-mix.js";
import { formatProfileSummary, summariseCpuProfile, type ProfileSummary } from "./support/cpu-profile.js";
import { GraphQLHttp, percentile, runPhase, type PhaseResult } from "./support/load.js";
import { spawnBareApollo, spawnMaya, UNLIMITED_RATES } from "./support/processes.js";
import { benchRedisEnv } from "./instances.js";

const MENU = `{ menu { id name category priceCents description modifiers } }`;
const TAB = "id status items { id menuItem { id } quantity } subtotalCents tipCents totalCents version";
const ADD = `mutation Add($id: ID!) { addToTab(menuItemId: $id) { ${TAB} } }`;
const REMOVE = `mutation Remove($line: ID!) { removeFromTab(tabItemId: $line) { ${TAB} } }`;
const SAY = `mutation Say($text: String!) { say(text: $text) { text intent session { balanceCents tab { ${TAB} } } } }`;
const START = `mutation { startSession { token } }`;

const GUESTS = 32;

export interface WritePathResult {
  bareMenu: PhaseResult;
  /** The bare server at one connection: the floor under `say` at one session. */
  bareSingle: PhaseResult;
  menu: PhaseResult;
  pgbenchTps: number;
  tabWrites: PhaseResult;
  spokenWrites: PhaseResult;
  saySingle: PhaseResult;
  tabQuestion: PhaseResult;
  crossInstance: { p50Ms: number; p99Ms: number; maxMs: number; events: number; missing: number };
  readyMs: number;
  buildCheckMs: number;
  profile: ProfileSummary | null;
  failures: number;
}

interface Options {
  seconds: number;
  profile: boolean;
  log: (line: string) => void;
}

async function startSessions(url: string, count: number): Promise<string[]> {
  const http = new GraphQLHttp(url, 4);
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const data = await http.request(START);
    if (!data) throw new Error(`startSession failed: ${http.lastError}`);
    tokens.push(data.startSession.token as string);
  }
  await http.close();
  return tokens;
}

function lineOf(tab: { items: { id: string; menuItem: { id: string } }[] }, menuItemId: string): string | undefined {
  return tab.items.find((line) => line.menuItem.id === menuItemId)?.id;
}

const fmt = (phase: PhaseResult, unit: string, units = phase.stepsPerSecond) =>
  `${units.toFixed(0)} ${unit}/s (p50 ${phase.p50Ms.toFixed(2)} ms, p99 ${phase.p99Ms.toFixed(2)} ms per request` +
  `${phase.failures ? `, ${phase.failures} FAILED: ${phase.lastError}` : ""})`;

export async function runWritePathBench(options: Options): Promise<WritePathResult | null> {
  const { log, seconds } = options;
  if (!(await postgresAvailable())) {
    log(`SKIPPED: the write-path bench needs PostgreSQL (pgbench and two instances on one database); none at ${POSTGRES_ADMIN_URL}.`);
    return null;
  }
  const durationMs = seconds * 1000;
  const warmupMs = Math.min(3000, durationMs / 2);
  const phase = (baseUrl: string, guests: number, step: (guest: number, http: GraphQLHttp) => Promise<number>) =>
    runPhase({ baseUrl, guests, warmupMs, durationMs, step });
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  log(`machine: ${availableParallelism()} CPUs (${cpu}), Node ${process.version}, ${new Date().toISOString()}`);

  // Baseline 1: the bare Apollo Server.
  const bare = await spawnBareApollo();
  const bareMenu = await phase(bare.url, GUESTS, async (_guest, http) => ((await http.request(MENU)) ? 1 : 0));
  // The floor under `say` at one session: the same loader against a server with nothing to do.
  const bareSingle = await phase(bare.url, 1, async (_guest, http) => ((await http.request(MENU)) ? 1 : 0));
  await bare.stop();
  log(`bare Apollo Server, constant menu, ${GUESTS} connections: ${fmt(bareMenu, "req")}`);
  log(`bare Apollo Server, constant menu, 1 connection: p50 ${bareSingle.p50Ms.toFixed(2)} ms, p99 ${bareSingle.p99Ms.toFixed(2)} ms, max ${bareSingle.maxMs.toFixed(2)} ms`);

  const database = await createTestDatabase();
  const profileDir = options.profile ? await mkdtemp(join(tmpdir(), "maya-profile-")) : null;
  try {
    const env = { DATABASE_URL: database.url, ...UNLIMITED_RATES };
    const maya = await spawnMaya(env, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []);
    let menu: PhaseResult, tabWrites: PhaseResult, spokenWrites: PhaseResult, saySingle: PhaseResult, tabQuestion: PhaseResult;
    try {
      menu = await phase(maya.url, GUESTS, async (_guest, http) => ((await http.request(MENU)) ? 1 : 0));
      log(`Maya menu, ${GUESTS} connections: ${fmt(menu, "req")}; ratio to bare Apollo ${(menu.stepsPerSecond / bareMenu.stepsPerSecond).toFixed(2)} (goal >= 0.8)`);

      const tokens = await startSessions(maya.url, GUESTS);
      tabWrites = await phase(maya.url, GUESTS, async (guest, http) => {
        const token = tokens[guest];
        const added = await http.request(ADD, { id: "water" }, token);
        const line = added && lineOf(added.addToTab, "water");
        if (!line) return 0;
        return (await http.request(REMOVE, { line }, token)) ? 2 : 1;
      });
      spokenWrites = await phase(maya.url, GUESTS, async (guest, http) => {
        const token = tokens[guest];
        const ordered = await http.request(SAY, { text: "a water please" }, token);
        if (ordered?.say.intent !== "ORDER") {
          if (ordered) http.fail(`"a water please" was ${ordered.say.intent}: ${ordered.say.text}`);
          return 0;
        }
        const removed = await http.request(SAY, { text: "remove the water" }, token);
        if (removed && removed.say.intent !== "REMOVE") http.fail(`"remove the water" was ${removed.say.intent}: ${removed.say.text}`);
        return removed?.say.intent === "REMOVE" ? 2 : 1;
      });
      let turn = 0;
      const [single] = await startSessions(maya.url, 1);
      saySingle = await phase(maya.url, 1, async (_guest, http) => {
        const expected = SAY_MIX[turn++ % SAY_MIX.length]!;
        const said = await http.request(SAY, { text: expected.text }, single);
        if (said && said.say.intent !== expected.intent) http.fail(`"${expected.text}" was ${said.say.intent}`);
        return said ? 1 : 0;
      });
      tabQuestion = await phase(maya.url, GUESTS, async (guest, http) =>
        (await http.request(SAY, { text: "what's my tab?" }, tokens[guest])) ? 1 : 0,
      );
    } finally {
      await maya.stop();
    }

    // Baseline 2: pgbench, while no Maya runs.
    const pgbench = await runOrderTurnPgbench(database.url, GUESTS, seconds);
    log(`pgbench, one order turn's SQL, ${GUESTS} clients: ${pgbench.tps.toFixed(0)} tx/s`);
    log(`Maya tab writes (addToTab + removeFromTab), ${GUESTS} sessions: ${fmt(tabWrites, "writes")}; ratio to pgbench ${(tabWrites.stepsPerSecond / pgbench.tps).toFixed(2)} (goal >= 0.5)`);
    log(`Maya spoken tab writes ("a water please" / "remove the water"), ${GUESTS} sessions: ${fmt(spokenWrites, "writes")}; ratio to pgbench ${(spokenWrites.stepsPerSecond / pgbench.tps).toFixed(2)} (goal >= 0.4)`);
    log(`Maya say, 1 session, a guest's evening (${SAY_MIX.length}-turn cycle): p50 ${saySingle.p50Ms.toFixed(2)} ms, p99 ${saySingle.p99Ms.toFixed(2)} ms, max ${saySingle.maxMs.toFixed(2)} ms (goal p99 <= 3 ms; the bare server's p99 at one connection: ${bareSingle.p99Ms.toFixed(2)} ms)${saySingle.failures ? `, ${saySingle.failures} FAILED: ${saySingle.lastError}` : ""}`);
    log(`Maya say "what's my tab?", ${GUESTS} sessions: ${fmt(tabQuestion, "turns")}`);

    // Through Redis (REDIS_URL) when it answers, and through PostgreSQL NOTIFY (no Redis), in the same run.
    const redisUp = await redisAnswers(benchRedisEnv().REDIS_URL!);
    const crossNotify = await measureCrossInstance(env, durationMs, warmupMs);
    const crossInstance = redisUp ? await measureCrossInstance({ ...env, ...benchRedisEnv() }, durationMs, warmupMs) : crossNotify;
    const across = (label: string, cross: typeof crossInstance) =>
      log(`event across two instances (${label}), ${GUESTS} sessions each changing its tab every 20-80 ms (mutation sent on A to tabChanged on B): p50 ${cross.p50Ms.toFixed(2)} ms, p99 ${cross.p99Ms.toFixed(2)} ms, max ${cross.maxMs.toFixed(1)} ms over ${cross.events} events${cross.missing ? `, ${cross.missing} MISSING` : ""} (goal p99 <= 20 ms); the mutation's own answer p50 ${cross.mutationP50Ms.toFixed(2)} ms, p99 ${cross.mutationP99Ms.toFixed(2)} ms`);
    if (redisUp) across("Redis pub/sub", crossInstance);
    else log("event across two instances through Redis: SKIPPED, Redis is not reachable (set REDIS_URL)");
    across("PostgreSQL NOTIFY, no Redis", crossNotify);

    const { readyMs, buildCheckMs } = await measureReady();
    log(`ready after start on an existing embedded database: ${readyMs.toFixed(0)} ms, after the build check npm start runs first: ${buildCheckMs.toFixed(0)} ms (goal: together <= 3000 ms)`);

    let profile: ProfileSummary | null = null;
    if (profileDir) {
      const [file] = (await readdir(profileDir)).filter((name) => name.endsWith(".cpuprofile"));
      if (file) {
        profile = await summariseCpuProfile(join(profileDir, file));
        log(`Maya's CPU profile over the whole run (self time by where it ran, ${(profile.busyMs / 1000).toFixed(1)} s busy):\n${formatProfileSummary(profile)}`);
      }
    }
    log(`load average at the end: ${loadavg().map((value) => value.toFixed(1)).join(" ")}`);
    const failures = [menu, tabWrites, spokenWrites, saySingle, tabQuestion].reduce((sum, p) => sum + p.failures, crossInstance.missing + (redisUp ? crossNotify.missing : 0));
    return { bareMenu, bareSingle, menu, pgbenchTps: pgbench.tps, tabWrites, spokenWrites, saySingle, tabQuestion, crossInstance, readyMs, buildCheckMs, profile, failures };
  } finally {
    await database.drop();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  }
}

/** Two instances on one database: each guest subscribes on B and changes its tab on A. */
export async function measureCrossInstance(env: Record<string, string>, durationMs: number, warmupMs: number) {
  const [a, b] = await Promise.all([spawnMaya(env), spawnMaya(env)]);
  const clients: Client[] = [];
  try {
    const tokens = await startSessions(a.url, GUESTS);
    let measuring = false;
    const http = new GraphQLHttp(a.url, GUESTS, () => measuring);
    const latencies: number[] = [];
    let missing = 0;
    let stop = false;
    const guests = tokens.map(async (token) => {
      const waiting = new Map<number, (at: number) => void>();
      const arrived = new Map<number, number>();
      const client = createClient({
        url: `${b.url.replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      });
      clients.push(client);
      const subscribed = new Promise<void>((resolve, reject) => {
        client.subscribe<{ tabChanged: { tab: { version: number } } }>(
          { query: `subscription { tabChanged { tab { version } } }` },
          {
            next: (message) => {
              const version = message.data?.tabChanged.tab.version;
              if (typeof version !== "number") return;
              const at = performance.now();
              const resolveWaiter = waiting.get(version);
              if (resolveWaiter) resolveWaiter(at);
              else arrived.set(version, at);
            },
            error: reject,
            complete: () => undefined,
          },
        );
        // The subscription is live once a change made after it arrives; probe with one.
        setTimeout(resolve, 300);
      });
      await subscribed;
      const timed = async (query: string, variables: Record<string, unknown>, field: string) => {
        const sent = performance.now();
        const data = await http.request(query, variables, token);
        const tab = data?.[field] as { version: number; items: { id: string; menuItem: { id: string } }[] } | undefined;
        if (!tab) return undefined;
        const at =
          arrived.get(tab.version) ??
          (await new Promise<number | undefined>((resolve) => {
            const timer = setTimeout(() => {
              waiting.delete(tab.version);
              resolve(undefined);
            }, 2000);
            waiting.set(tab.version, (time) => {
              clearTimeout(timer);
              resolve(time);
            });
          }));
        arrived.delete(tab.version);
        waiting.delete(tab.version);
        if (measuring) {
          if (at === undefined) missing += 1;
          else latencies.push(at - sent);
        }
        return tab;
      };
      // Guests at a bar's pace, not a closed loop: what is measured is the way across, not a queue.
      const pause = () => new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 60));
      while (!stop) {
        const added = await timed(ADD, { id: "water" }, "addToTab");
        await pause();
        const line = added && lineOf(added, "water");
        if (line) await timed(REMOVE, { line }, "removeFromTab");
        await pause();
      }
    });
    await new Promise((resolve) => setTimeout(resolve, warmupMs + 300));
    measuring = true;
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    measuring = false;
    stop = true;
    await Promise.all(guests);
    await http.close();
    return {
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: percentile(latencies, 1),
      events: latencies.length,
      missing: missing + http.failures,
      /** The mutation's own answer on A: the part of the way that is not the relay. */
      mutationP50Ms: percentile(http.latenciesMs, 0.5),
      mutationP99Ms: percentile(http.latenciesMs, 0.99),
    };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all([a.stop(), b.stop()]);
  }
}

async function measureReady(): Promise<{ readyMs: number; buildCheckMs: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), "maya-ready-"));
  try {
    const first = await spawnMaya({ MAYA_DATA_DIR: dataDir });
    await first.stop();
    const again = await spawnMaya({ MAYA_DATA_DIR: dataDir });
    await again.stop();
    const started = performance.now();
    await promisify(execFile)(process.execPath, ["scripts/build.mjs"], { cwd: projectPath() });
    return { readyMs: again.readyMs, buildCheckMs: performance.now() - started };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secondsAt = process.argv.indexOf("--seconds");
  const seconds = secondsAt > 0 ? Number(process.argv[secondsAt + 1]) : 10;
  const result = await runWritePathBench({ seconds, profile: process.argv.includes("--profile"), log: (line) => console.log(line) });
  process.exit(result && result.failures > 0 ? 1 : 0);
}
