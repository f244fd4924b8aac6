/**
 * Shared pieces of the conversation API tests: one Maya on a fresh PostgreSQL
 * database per test file, a `say` helper that returns the whole reply, a real
 * graphql-ws subscriber that records tabChanged events, and the money and
 * transcript facts every turn is checked against.
 */
import pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya, TAB_FIELDS } from "../support/maya.js";
import { PAYMENT_FIELDS, type PaymentShape, type TabShape } from "../support/operations.js";
import { createTestDatabase, postgresOrSkip, type TestDatabase } from "../support/postgres.js";

export interface Reply {
  text: string;
  speech: string;
  intent: string;
  audioUrl: string | null;
  payment: PaymentShape | null;
  session: { id: string; balanceCents: number; tab: TabShape };
}

export interface TabEvent {
  reason: string;
  balanceCents: number;
  message: string | null;
  payment: { id: string; status: string } | null;
  tab: TabShape;
}

export const SAY = `mutation Say($text: String!) {
  say(text: $text) { text speech intent audioUrl payment { ${PAYMENT_FIELDS} } session { id balanceCents tab { ${TAB_FIELDS} } } }
}`;

export const TAB_CHANGED = `subscription { tabChanged { reason balanceCents message payment { id status } tab { ${TAB_FIELDS} } } }`;

export async function say(guest: MayaClient, text: string): Promise<Reply> {
  return (await guest.data<{ say: Reply }>(SAY, { text })).say;
}

export interface ConversationApp {
  app: MayaApp;
  database: TestDatabase;
  close(): Promise<void>;
}

/** Maya on a fresh PostgreSQL database, or null (skipped with a message) when PostgreSQL is unreachable. */
export async function startOnPostgres(env: Record<string, string> = {}): Promise<ConversationApp | null> {
  if (!(await postgresOrSkip())) return null;
  const database = await createTestDatabase();
  try {
    const app = await startTestMaya({ kind: "postgres", url: database.url }, env);
    return {
      app,
      database,
      close: async () => {
        await app.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/**
 * Maya on a fresh PostgreSQL database for the test file (started before its tests, closed after):
 * the getter returns null when PostgreSQL is unreachable, and each test then skips itself.
 */
export function usePostgresMaya(env: Record<string, string> = {}): () => ConversationApp | null {
  let maya: ConversationApp | null = null;
  beforeAll(async () => {
    maya = await startOnPostgres(env);
  });
  afterAll(async () => {
    await maya?.close();
  });
  return () => maya;
}

/** One line per tab line, "quantity id (modifiers)", sorted: easy to compare. */
export function lines(tab: TabShape): string[] {
  return tab.items
    .map((line) => `${line.quantity} ${line.menuItem.id}${line.modifiers.length ? ` (${[...line.modifiers].sort().join(", ")})` : ""}`)
    .sort();
}

/** The tab adds up: each line is quantity x unit price, subtotal is their sum, total is subtotal + tip. */
export function expectTabAddsUp(tab: TabShape): void {
  for (const line of tab.items) expect(line.lineTotalCents).toBe(line.quantity * line.unitPriceCents);
  expect(tab.subtotalCents).toBe(tab.items.reduce((sum, line) => sum + line.lineTotalCents, 0));
  expect(tab.totalCents).toBe(tab.subtotalCents + tab.tipCents);
  if (tab.tipPercent !== null) {
    // Half-up to the cent, in integers.
    expect(tab.tipCents).toBe(Math.floor((tab.subtotalCents * tab.tipPercent + 50) / 100));
  }
}

/** starting balance = balance + open tab total + sum of paid totals, read straight from the database. */
export async function expectConservation(databaseUrl: string, sessionId: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ starting: number; balance: number; tabs: string }>(
      `SELECT s.starting_balance_cents AS starting, s.balance_cents AS balance,
              COALESCE(SUM(t.total_cents) FILTER (WHERE t.status IN ('OPEN', 'PAYMENT_PENDING', 'PAID')), 0) AS tabs
         FROM sessions s LEFT JOIN tabs t ON t.session_id = s.id
        WHERE s.id = $1 GROUP BY s.id`,
      [sessionId],
    );
    const [row] = rows;
    expect(row, `session ${sessionId} in the database`).toBeDefined();
    expect(Number(row!.balance) + Number(row!.tabs)).toBe(Number(row!.starting));
  } finally {
    await client.end();
  }
}

interface Message {
  speaker: "CUSTOMER" | "MAYA";
  text: string;
}

export async function transcript(guest: MayaClient, last = 200): Promise<Message[]> {
  const data = await guest.data<{ me: { transcript: Message[] } }>(`query T($last: Int) { me { transcript(last: $last) { speaker text } } }`, {
    last,
  });
  return data.me.transcript;
}

/** A turn (what the guest said, then Maya's reply), or something Maya said outside a turn (a payment result). */
export type Exchange = { said: string; reply: string } | { announced: string };

/** The transcript is exactly these exchanges, in order. */
export async function expectTranscript(guest: MayaClient, exchanges: readonly Exchange[]): Promise<void> {
  const expected = exchanges.flatMap((exchange) =>
    "announced" in exchange
      ? [{ speaker: "MAYA", text: exchange.announced }]
      : [
          { speaker: "CUSTOMER", text: exchange.said },
          { speaker: "MAYA", text: exchange.reply },
        ],
  );
  expect(await transcript(guest)).toEqual(expected);
}

/** A real graphql-ws subscriber of tabChanged for one session. */
export class TabEventRecorder {
  readonly events: TabEvent[] = [];
  readonly errors: unknown[] = [];
  private dispose: (() => void) | undefined;
  private readonly client;

  constructor(
    private readonly guest: MayaClient,
    private readonly app: MayaApp,
  ) {
    this.client = guest.subscriptions();
  }

  /** Subscribes and waits until the server's feed has the subscriber, so no change is missed. */
  async start(): Promise<this> {
    const before = this.app.services.feed.activeSubscriptions;
    this.dispose = this.client.subscribe<{ tabChanged: TabEvent }>(
      { query: TAB_CHANGED },
      {
        next: (result) => {
          if (result.errors) this.errors.push(result.errors);
          if (result.data) this.events.push(result.data.tabChanged);
        },
        error: (error) => this.errors.push(error),
        complete: () => undefined,
      },
    );
    await waitFor(() => this.app.services.feed.activeSubscriptions > before, "the subscription to reach the server");
    return this;
  }

  /** Waits until `count` events arrived, then a little longer to catch any extra one. */
  async expectCount(count: number, settleMs = 150): Promise<TabEvent[]> {
    await waitFor(() => this.events.length >= count, `${count} tabChanged events (have ${this.events.length})`);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    expect(this.errors).toEqual([]);
    expect(this.events).toHaveLength(count);
    return this.events;
  }

  async stop(): Promise<void> {
    this.dispose?.();
    await this.client.dispose();
  }
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export { MayaClient };
