/**
 * The cost of a whole `say` turn over HTTP, next to the engine's own parse
 * time and a plain `addToTab`, measured in one run against one Maya.
 *
 *   npm run build && node dist/bench/conversation/say-http.js [turnsPerSession]
 *
 * - Maya runs the real composition root in a worker thread (its own event
 *   loop) on a fresh PostgreSQL database that the bench creates and drops
 *   (MAYA_TEST_POSTGRES_URL, default the local server); when PostgreSQL is
 *   unreachable it says so and falls back to the embedded PGlite.
 * - Parse: runParseBench() over the conversation corpus (median and p99 of
 *   one understand() call).
 * - say: every session does N turns of a realistic mix (orders, tab and
 *   balance questions, menu and price questions, a recommendation, removals),
 *   a cycle that puts back what it orders so the balance never runs out;
 *   latency is client-side wall time per HTTP request (fetch to parsed JSON),
 *   p50/p99, at 1 session and at 32 concurrent sessions.
 * - addToTab: the same number of sessions and requests per session, each a
 *   plain mutation adding one soft drink (rotated so no line reaches its cap).
 * - Throughput: requests/second over each phase's wall time, and say/addToTab.
 * Every request is checked: a GraphQL error or an unexpected intent is counted
 * and reported, never silently timed.
 */
import { availableParallelism, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { MayaClient, type TestDatabaseChoice } from "../../test/support/maya.js";
import { createTestDatabase, postgresAvailable, POSTGRES_ADMIN_URL, type TestDatabase } from "../../test/support/postgres.js";
import type { MayaWorkerData, MayaWorkerMessage } from "./maya-worker.js";
import { runParseBench, type Timing } from "./parse.js";

const TAB_FIELDS = "id status items { id } subtotalCents tipPercent tipCents totalCents version";
/** The browser client's own `say` selection. */
const SAY = `mutation Say($text: String!) {
  say(text: $text) {
    text speech intent audioUrl
    session { balanceCents tab { ${TAB_FIELDS} } }
    payment { id status amountCents tipCents checkoutUrl failureReason }
  }
}`;
const ADD_TO_TAB = `mutation Add($id: ID!) { addToTab(menuItemId: $id, quantity: 1) { ${TAB_FIELDS} } }`;

/** One cycle of a guest's evening; what it orders it takes off again, so it can repeat forever. */
export const SAY_MIX: readonly { text: string; intent: string }[] = [
  { text: "two martinis and an IPA", intent: "ORDER" },
  { text: "what's my tab?", intent: "SHOW_TAB" },
  { text: "what beers do you have?", intent: "MENU" },
  { text: "cancel the IPA", intent: "REMOVE" },
  { text: "how much is a negroni?", intent: "PRICE" },
  { text: "a whiskey neat", intent: "ORDER" },
  { text: "what's my balance?", intent: "SHOW_BALANCE" },
  { text: "something fruity?", intent: "RECOMMEND" },
  { text: "cancel the martinis", intent: "REMOVE" },
  { text: "cancel the whiskey", intent: "REMOVE" },
];
const CHEAP_ITEMS = ["water", "iced-tea", "lemonade", "soda"];

export interface LatencyFigures {
  sessions: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** Process CPU (server worker + load generator, not PostgreSQL) per request. */
  cpuMsPerRequest: number;
  failures: number;
}

export interface SayHttpBenchResult {
  database: "postgresql" | "pglite";
  parse: Timing;
  parseUtterances: number;
  say: { single: LatencyFigures; concurrent: LatencyFigures };
  addToTab: { single: LatencyFigures; concurrent: LatencyFigures };
  unexpectedIntents: string[];
}

export interface SayHttpBenchOptions {
  /** Turns per session at 32 sessions (default 30); the single session does four times as many. */
  turnsPerSession?: number;
  concurrency?: number;
  parseRounds?: number;
  log?: (line: string) => void;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

interface StartedMaya {
  url: string;
  database: "postgresql" | "pglite";
  close(): Promise<void>;
}

async function startMayaWorker(log: (line: string) => void): Promise<StartedMaya> {
  let testDatabase: TestDatabase | null = null;
  let database: TestDatabaseChoice = { kind: "pglite" };
  if (await postgresAvailable()) {
    testDatabase = await createTestDatabase();
    database = { kind: "postgres", url: testDatabase.url };
  } else {
    log(`NOTE: PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}; running against the embedded PGlite instead (one connection, slower).`);
  }
  const workerData: MayaWorkerData = {
    database,
    env: {
      MAYA_LOG: "silent",
      MAYA_RATE_LIMIT_SESSION_BURST: "1000000",
      MAYA_RATE_LIMIT_ADDRESS_BURST: "1000000",
      MAYA_RATE_LIMIT_SESSION_PER_SECOND: "100000",
      MAYA_RATE_LIMIT_ADDRESS_PER_SECOND: "100000",
    },
  };
  const worker = new Worker(new URL("./maya-worker.js", import.meta.url), { workerData });
  const dropDatabase = async () => {
    await testDatabase?.drop().catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
  };
  const next = () =>
    new Promise<MayaWorkerMessage>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  const started = await next().catch(async (error: unknown) => {
    await worker.terminate();
    await dropDatabase();
    throw error;
  });
  if (!("url" in started)) {
    await worker.terminate();
    await dropDatabase();
    throw new Error(`Maya did not start: ${"error" in started ? started.error : "no url"}`);
  }
  return {
    url: started.url,
    database: database.kind === "postgres" ? "postgresql" : "pglite",
    close: async () => {
      const closed = next();
      worker.postMessage("close");
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await worker.terminate();
      await dropDatabase();
    },
  };
}

/**
 * `sessions` clients, each running `requestsEach` requests one after another, all clients at once.
 * A request returns false when its answer was wrong (counted, still timed).
 */
async function measure(
  clients: readonly MayaClient[],
  requestsEach: number,
  request: (client: MayaClient, position: number) => Promise<boolean>,
): Promise<LatencyFigures> {
  const latencies: number[] = [];
  let failures = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let position = 0; position < requestsEach; position += 1) {
        const begun = performance.now();
        const ok = await request(client, position).catch(() => false);
        latencies.push(performance.now() - begun);
        if (!ok) failures += 1;
      }
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    sessions: clients.length,
    requests: latencies.length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    requestsPerSecond: latencies.length / wallSeconds,
    cpuMsPerRequest: (used.user + used.system) / 1000 / latencies.length,
    failures,
  };
}

export async function runSayHttpBench(options: SayHttpBenchOptions = {}): Promise<SayHttpBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const turnsEach = options.turnsPerSession ?? 30;
  const concurrency = options.concurrency ?? 32;
  const singleTurns = turnsEach * 4;

  const parse = await runParseBench({ rounds: options.parseRounds ?? 60, parseOnly: true });
  log(
    `engine parse, understand() over the corpus (${parse.utterances} utterances x ${parse.rounds} rounds, in process): ` +
      `median ${parse.parse.medianMicros.toFixed(1)} us, p99 ${parse.parse.p99Micros.toFixed(1)} us`,
  );

  const maya = await startMayaWorker(log);
  try {
    const unexpectedIntents = new Set<string>();
    const sessions = (count: number) => Promise.all(Array.from({ length: count }, () => MayaClient.startSession(maya.url)));
    const sayTurn = async (client: MayaClient, position: number) => {
      const expected = SAY_MIX[position % SAY_MIX.length]!;
      const result = await client.request<{ say: { intent: string } }>(SAY, { text: expected.text });
      const intent = result.data?.say.intent;
      if (intent !== expected.intent) unexpectedIntents.add(`"${expected.text}" -> ${intent ?? JSON.stringify(result.errors)}`);
      return intent === expected.intent;
    };
    const addTurn = async (client: MayaClient, position: number) => {
      const result = await client.request<{ addToTab: { version: number } }>(ADD_TO_TAB, { id: CHEAP_ITEMS[position % CHEAP_ITEMS.length] });
      return !result.errors && typeof result.data?.addToTab.version === "number";
    };

    // Warm-up: JIT, connection pools and prepared plans, on sessions not measured.
    await measure(await sessions(4), SAY_MIX.length * 2, sayTurn);
    await measure(await sessions(4), 20, addTurn);

    const saySingle = await measure(await sessions(1), singleTurns, sayTurn);
    const addSingle = await measure(await sessions(1), singleTurns, addTurn);
    const sayConcurrent = await measure(await sessions(concurrency), turnsEach, sayTurn);
    const addConcurrent = await measure(await sessions(concurrency), turnsEach, addTurn);

    const line = (name: string, figures: LatencyFigures) =>
      `${name} over HTTP, ${String(figures.sessions).padStart(2)} session(s) x ${figures.requests / figures.sessions} requests: ` +
      `p50 ${figures.p50Ms.toFixed(2)} ms, p99 ${figures.p99Ms.toFixed(2)} ms, ${figures.requestsPerSecond.toFixed(0)} req/s, ` +
      `${figures.cpuMsPerRequest.toFixed(2)} ms Node CPU/req` +
      (figures.failures ? `, ${figures.failures} FAILED` : "");
    log(
      `database: ${maya.database}; Maya in a worker thread, load from the main thread, ${process.env.MAYA_DB_POOL_SIZE ?? 10} pooled connections; ` +
        `${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)} at the end`,
    );
    log(line("say      ", saySingle));
    log(line("say      ", sayConcurrent));
    log(line("addToTab ", addSingle));
    log(line("addToTab ", addConcurrent));
    log(
      `throughput say/addToTab: ${(saySingle.requestsPerSecond / addSingle.requestsPerSecond).toFixed(2)} at 1 session, ` +
        `${(sayConcurrent.requestsPerSecond / addConcurrent.requestsPerSecond).toFixed(2)} at ${concurrency} sessions`,
    );
    if (unexpectedIntents.size > 0) log(`UNEXPECTED say answers: ${[...unexpectedIntents].join("; ")}`);
    return {
      database: maya.database,
      parse: parse.parse,
      parseUtterances: parse.utterances,
      say: { single: saySingle, concurrent: sayConcurrent },
      addToTab: { single: addSingle, concurrent: addConcurrent },
      unexpectedIntents: [...unexpectedIntents],
    };
  } finally {
    await maya.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const turns = Number.parseInt(process.argv[2] ?? "", 10);
  const result = await runSayHttpBench(Number.isFinite(turns) && turns > 0 ? { turnsPerSession: turns } : {});
  const failed = result.unexpectedIntents.length > 0 || [result.say, result.addToTab].some((f) => f.single.failures + f.concurrent.failures > 0);
  process.exit(failed ? 1 : 0);
}
