/**
 * Helpers for the end-to-end payment tests (test/payments-e2e): a guest with
 * drinks on the tab, the database's view of a session's money (tabs, attempts,
 * conservation), the Stripe stand-in's request log in figures, polling, and
 * the built server run as a real child process; and `useStripeApp`, the
 * suites' shared setup: a fresh PostgreSQL database, the Stripe stand-in and
 * the app against it.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import type { MayaApp } from "../../src/app.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { MayaClient, startTestMaya } from "./maya.js";
import type { PaymentShape } from "./operations.js";
import { createTestDatabase, type TestDatabase } from "./postgres.js";
import { startStripeStandin, type StripeStandin } from "./stripe-standin/index.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const STRIPE_TEST_KEY = "sk_test_maya_e2e_4eC39HqLyjWDarjtT1zdp7dc";
export const STRIPE_WEBHOOK_SECRET = "whsec_maya_e2e_secret";
/**
 * Every instance (and a restarted one) must build byte-identical create
 * requests for one idempotency key, and success_url/cancel_url are built from
 * the public URL: without a shared MAYA_PUBLIC_URL two instances on different
 * ports send different parameters and Stripe refuses the second with a 400.
 */
export const PUBLIC_URL = "http://maya.test";

/**
 * Where a test reaches an in-process app: its loopback address and port, not
 * `app.url`, which may be the (here unresolvable) MAYA_PUBLIC_URL.
 */
export function local(app: MayaApp): string {
  return `http://127.0.0.1:${app.port}`;
}

/** The app's environment for the Stripe provider against the stand-in. */
export function stripeEnv(standin: StripeStandin, extra: Record<string, string> = {}): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: STRIPE_TEST_KEY,
    STRIPE_API_BASE: standin.url,
    STRIPE_WEBHOOK_SECRET,
    MAYA_PAYMENT_RETRY_BASE_MS: "5",
    MAYA_PUBLIC_URL: PUBLIC_URL,
    ...extra,
  };
}

export interface StripeApp {
  readonly database: TestDatabase;
  readonly standin: StripeStandin;
  /** The app (the first instance when there are several). */
  readonly app: MayaApp;
  /** Where a test reaches that app: `local(app)`. */
  readonly url: string;
  /** Every instance, in the order they started, all on the one database and stand-in. */
  readonly apps: readonly MayaApp[];
}

export interface StripeAppOptions {
  /** How many app instances to start (one after the other); 1 unless told. */
  instances?: number;
  /** Extra environment for the apps, on top of `stripeEnv`. */
  env?: Record<string, string>;
  /** Runs in afterAll before anything is closed (to report figures, say). */
  beforeClose?: () => Promise<void>;
}

/**
 * Registers beforeAll/afterAll for the calling suite: a fresh PostgreSQL database, the Stripe
 * stand-in, and the app (or `instances` apps) on both, with `stripeEnv`. afterAll closes the apps,
 * then the stand-in, then drops the database. Read the getters inside tests and hooks only.
 */
export function useStripeApp({ instances = 1, env = {}, beforeClose }: StripeAppOptions = {}): StripeApp {
  let database: TestDatabase | undefined;
  let standin: StripeStandin | undefined;
  const apps: MayaApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    standin = await startStripeStandin({ secretKey: STRIPE_TEST_KEY });
    const appEnv = stripeEnv(standin, env);
    for (let i = 0; i < instances; i++) apps.push(await startTestMaya({ kind: "postgres", url: database.url }, appEnv));
  });

  afterAll(async () => {
    await beforeClose?.();
    for (const app of apps) await app.close();
    await standin?.close();
    await database?.drop();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useStripeApp: ${what} is not started yet (read it inside a test or hook)`);
    return value;
  };
  return {
    get database() {
      return started(database, "the database");
    },
    get standin() {
      return started(standin, "the Stripe stand-in");
    },
    get app() {
      return started(apps[0], "the app");
    },
    get url() {
      return local(started(apps[0], "the app"));
    },
    get apps() {
      return apps;
    },
  };
}

export const PAYMENT_FIELDS = "id status provider checkoutUrl failureReason idempotencyKey amountCents tipCents";
export const CHECKOUT = `mutation { checkout { ${PAYMENT_FIELDS} } }`;

/** What PAYMENT_FIELDS selects: the shared payment shape without the timestamps. */
export type PaymentJson = PaymentShape;

export interface TabJson {
  id: string;
  status: string;
  subtotalCents: number;
  tipCents: number;
  totalCents: number;
  version: number;
  items: { id: string; quantity: number; modifiers: string[]; unitPriceCents: number; menuItem: { id: string } }[];
}

export interface MeJson {
  id: string;
  balanceCents: number;
  tab: TabJson;
}

const ME = `{ me { id balanceCents tab { id status subtotalCents tipCents totalCents version
  items { id quantity modifiers unitPriceCents menuItem { id } } } } }`;

export async function me(guest: MayaClient): Promise<MeJson> {
  return (await guest.data<{ me: MeJson }>(ME)).me;
}

/** A new guest with two martinis, a negroni and a 10% tip on the tab: $40.70. */
export async function guestWithTab(baseUrl: string, name: string): Promise<{ guest: MayaClient; me: MeJson }> {
  const guest = await MayaClient.startSession(baseUrl, name);
  await guest.data(`mutation { addToTab(menuItemId: "martini", quantity: 2) { id } }`);
  await guest.data(`mutation { addToTab(menuItemId: "negroni") { id } }`);
  await guest.data(`mutation { setTip(percent: 10) { id } }`);
  return { guest, me: await me(guest) };
}

export async function checkout(guest: MayaClient): Promise<PaymentJson> {
  return (await guest.data<{ checkout: PaymentJson }>(CHECKOUT)).checkout;
}

/** One payment attempt as the guest's API shows it. */
export async function payment(guest: MayaClient, id: string): Promise<PaymentJson> {
  return (await guest.data<{ payment: PaymentJson }>(`query($id: ID!) { payment(id: $id) { ${PAYMENT_FIELDS} } }`, { id })).payment;
}

/** What the database holds about one session's money. */
export interface Ledger {
  startingBalanceCents: number;
  balanceCents: number;
  tabs: { id: string; status: string; totalCents: number; itemCount: number; version: number }[];
  attempts: { id: string; tabId: string; status: string; providerRef: string | null; checkoutUrl: string | null; failureReason: string | null; idempotencyKey: string; amountCents: number }[];
  /** Total of the tab that is OPEN or PAYMENT_PENDING (0 if none). */
  currentTabTotalCents: number;
  paidTotalCents: number;
}

export async function ledger(prisma: PrismaClient, sessionId: string): Promise<Ledger> {
  // One snapshot: a settle committing between separate reads would show a paid attempt on an unpaid tab.
  const [session, tabs, attempts] = await prisma.$transaction(
    [
      prisma.session.findUniqueOrThrow({ where: { id: sessionId } }),
      prisma.tab.findMany({ where: { sessionId }, include: { items: true }, orderBy: { createdAt: "asc" } }),
      prisma.paymentAttempt.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } }),
    ],
    { isolationLevel: "RepeatableRead" },
  );
  const current = tabs.filter((t) => t.status === "OPEN" || t.status === "PAYMENT_PENDING");
  if (current.length !== 1) throw new Error(`session ${sessionId} has ${current.length} current tabs`);
  return {
    startingBalanceCents: session.startingBalanceCents,
    balanceCents: session.balanceCents,
    tabs: tabs.map((t) => ({ id: t.id, status: t.status, totalCents: t.totalCents, itemCount: t.items.length, version: t.version })),
    attempts: attempts.map((a) => ({
      id: a.id,
      tabId: a.tabId,
      status: a.status,
      providerRef: a.providerRef,
      checkoutUrl: a.checkoutUrl,
      failureReason: a.failureReason,
      idempotencyKey: a.idempotencyKey,
      amountCents: a.amountCents,
    })),
    currentTabTotalCents: current[0]?.totalCents ?? 0,
    paidTotalCents: tabs.filter((t) => t.status === "PAID").reduce((sum, t) => sum + t.totalCents, 0),
  };
}

/** starting balance = balance + current tab + paid tabs; returns the three sides for messages. */
export function conservation(l: Ledger): { starting: number; accounted: number } {
  return { starting: l.startingBalanceCents, accounted: l.balanceCents + l.currentTabTotalCents + l.paidTotalCents };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  { timeoutMs = 15_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The stand-in's log for one idempotency key (create requests) plus the GETs for its session. */
export function standinFigures(standin: StripeStandin, idempotencyKey: string, sessionId: string | null, fromIndex = 0) {
  const requests = standin.requests.slice(fromIndex);
  const creates = requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions" && r.idempotencyKey === idempotencyKey);
  const retrieves = sessionId === null ? [] : requests.filter((r) => r.method === "GET" && r.path === `/v1/checkout/sessions/${sessionId}`);
  return {
    requests: requests.length,
    createRequests: creates.length,
    createsExecuted: creates.filter((r) => r.executed).length,
    createsReplayed: creates.filter((r) => r.replayed).length,
    createsInProgress409: creates.filter((r) => r.status === 409 && r.fault === null).length,
    faultsHit: requests.filter((r) => r.fault !== null).map((r) => `${r.method} ${r.fault}`),
    retrieveRequests: retrieves.length,
  };
}

/** maya_payment_provider_retries_total summed over operations, for one app. */
export async function providerRetries(app: MayaApp): Promise<number> {
  const metrics = await app.metrics.registry.getMetricsAsJSON();
  const retries = metrics.find((m) => m.name === "maya_payment_provider_retries_total");
  return (retries?.values ?? []).reduce((sum, v) => sum + Number(v.value), 0);
}

// ---- the built server as a child process ----------------------------------

export const MAIN_JS = path.join(ROOT, "dist/src/main.js");

let built = false;
/** `node scripts/build.mjs` once per test file (a no-op of a few seconds when dist is current). */
export function buildServer(): void {
  if (built) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, "scripts/build.mjs")], { cwd: ROOT, stdio: "pipe" });
  } catch (error) {
    const output = error && typeof error === "object" && "stdout" in error ? String(error.stdout) + String((error as { stderr?: unknown }).stderr ?? "") : "";
    throw new Error(`node scripts/build.mjs failed; the spawned-server tests need dist/src/main.js.\n${output.slice(-2000)}`);
  }
  built = true;
}

/** A port that was free a moment ago (the spawned server cannot report PORT=0's pick when MAYA_PUBLIC_URL is set). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface SpawnedMaya {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the parsed "Maya is listening" line; rejects if the process exits first. */
  readonly listening: Promise<Record<string, unknown>>;
}

export interface SpawnOptions {
  /** Node options before the script (e.g. `--import` of a test preload). */
  nodeArgs?: string[];
  /** Run as this user and group (e.g. 65534, nobody: root ignores file permissions). */
  uid?: number;
  gid?: number;
}

/** `node dist/src/main.js` with only the given environment (plus PATH), output captured. */
export function spawnMaya(env: Record<string, string>, options: SpawnOptions = {}): SpawnedMaya {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), MAIN_JS], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", CHECKPOINT_DISABLE: "1", ...env },
    stdio: ["pipe", "pipe", "pipe"],
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  let out = "";
  let err = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      for (const line of out.split("\n")) {
        if (!line.includes('"Maya is listening"')) continue;
        try {
          resolve(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // a partial line; the next chunk completes it
        }
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`Maya exited before listening (code ${code}, signal ${signal}).\nstdout:\n${out}\nstderr:\n${err}`)),
    );
  });
  listening.catch(() => undefined);
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
  });
  return { child, stdout: () => out, stderr: () => err, exited, listening };
}
