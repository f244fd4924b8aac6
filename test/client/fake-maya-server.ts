/**
 * A stand-in for Maya's server, for the client's browser tests until (and besides) the real one:
 * serves dist/client like the app does and answers the contract's operations the page uses,
 * over HTTP POST /graphql and graphql-ws on the same path. Deliberately tiny bar logic.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GraphQLError, buildSchema, graphql } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";

export const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/client");

const SDL = /* GraphQL */ `
  enum TabStatus { OPEN PAYMENT_PENDING PAID }
  enum PaymentStatus { PENDING SUCCEEDED FAILED EXPIRED CANCELED }
  enum Speaker { CUSTOMER MAYA }
  enum TabEventReason { ITEM_ADDED ITEM_REMOVED TIP_CHANGED PAYMENT_PENDING PAYMENT_FAILED PAID SNAPSHOT }
  type MenuItem { id: ID! name: String! }
  type TabItem { id: ID! menuItem: MenuItem! quantity: Int! lineTotalCents: Int! }
  type Tab { id: ID! status: TabStatus! items: [TabItem!]! subtotalCents: Int! tipPercent: Int tipCents: Int! totalCents: Int! version: Int! }
  type Message { id: ID! speaker: Speaker! text: String! }
  type Session { id: ID! balanceCents: Int! tab: Tab! transcript(last: Int = 50): [Message!]! }
  type SessionGrant { token: String! session: Session! }
  type PaymentAttempt { id: ID! status: PaymentStatus! amountCents: Int! tipCents: Int! checkoutUrl: String failureReason: String }
  type Reply { text: String! speech: String! intent: String! audioUrl: String session: Session! payment: PaymentAttempt }
  type TabEvent { reason: TabEventReason! balanceCents: Int! tab: Tab! payment: PaymentAttempt message: String }
  type Query { me: Session! payment(id: ID!): PaymentAttempt }
  input HeardSpeech { alternatives: [String!] confidence: Float }
  type Mutation { startSession(customerName: String): SessionGrant! say(text: String!, heard: HeardSpeech): Reply! setTip(percent: Int, amountCents: Int): Tab! }
  type Subscription { tabChanged(snapshot: Boolean = false): TabEvent! }
`;

interface FakeTab {
  id: string;
  status: "OPEN" | "PAYMENT_PENDING" | "PAID";
  items: { id: string; menuItem: { id: string; name: string }; quantity: number; lineTotalCents: number }[];
  tipPercent: number | null;
  version: number;
}

interface FakePayment {
  id: string;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  amountCents: number;
  tipCents: number;
  checkoutUrl: string;
  failureReason: string | null;
}

interface FakeSession {
  id: string;
  paidCents: number;
  tab: FakeTab;
  transcript: { id: string; speaker: "CUSTOMER" | "MAYA"; text: string }[];
  payments: Map<string, FakePayment>;
  listeners: Set<(event: unknown) => void>;
}

const START_CENTS = 100_000;
const MARTINI = { id: "martini", name: "Martini", priceCents: 1300 };

const subtotal = (tab: FakeTab) => tab.items.reduce((sum, item) => sum + item.lineTotalCents, 0);
const tipOf = (tab: FakeTab) => Math.floor((subtotal(tab) * (tab.tipPercent ?? 0) + 50) / 100);
const tabView = (tab: FakeTab) => ({ ...tab, subtotalCents: subtotal(tab), tipCents: tipOf(tab), totalCents: subtotal(tab) + tipOf(tab) });
const balanceOf = (session: FakeSession) => START_CENTS - session.paidCents - tabView(session.tab).totalCents;
const newTab = (): FakeTab => ({ id: randomUUID(), status: "OPEN", items: [], tipPercent: null, version: 0 });
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
/** The real server's words (src/bar/tab.service.ts tipMessage). */
export const serverTipMessage = (percent: number | null, tipCents: number): string =>
  tipCents === 0
    ? "No problem at all, I've taken the tip off."
    : percent === null
      ? `Thank you! A tip of ${dollars(tipCents)} is on the tab.`
      : `Thank you! A ${percent}% tip of ${dollars(tipCents)} is on the tab.`;

export interface FakeMayaServer {
  readonly url: string;
  readonly server: Server;
  /** Server-side changes a test can trigger, as another device or the real checkout would. */
  addMartini(token: string): void;
  /** Cuts every live connection and refuses new ones until `restoreConnections`, like a network outage. */
  dropConnections(): void;
  restoreConnections(): void;
  /**
   * Settles the session's pending payment as a webhook would, while the page stays open: Maya's words
   * about it go into the transcript and the PAID / PAYMENT_FAILED event, as on the real server.
   */
  settlePayment(token: string, outcome: "SUCCEEDED" | "FAILED"): void;
  /** How Maya thanks for a tip set with the buttons (stored and sent with TIP_CHANGED); the real server's words by default. */
  tipMessage: (percent: number | null, tipCents: number) => string;
  close(): Promise<void>;
}

export async function startFakeMayaServer(): Promise<FakeMayaServer> {
  const sessions = new Map<string, FakeSession>();
  const schema = buildSchema(SDL);
  // Message ids are one sequence, as the real store's are: they order the conversation.
  let nextMessageId = 1;
  const remember = (session: FakeSession, speaker: "CUSTOMER" | "MAYA", text: string) =>
    session.transcript.push({ id: String(nextMessageId++), speaker, text });

  const sessionOf = (token: string | null | undefined): FakeSession => {
    const session = token ? sessions.get(token) : undefined;
    if (!session) throw new GraphQLError("Session token missing or invalid.", { extensions: { code: "UNAUTHENTICATED" } });
    return session;
  };
  const sessionView = (session: FakeSession) => ({
    id: session.id,
    balanceCents: balanceOf(session),
    tab: tabView(session.tab),
    transcript: ({ last }: { last: number }) => session.transcript.slice(-last),
  });
  const publish = (session: FakeSession, reason: string, extra: { payment?: FakePayment; message?: string | null } = {}) => {
    const event = { reason, balanceCents: balanceOf(session), tab: tabView(session.tab), payment: extra.payment ?? null, message: extra.message ?? null };
    for (const listener of session.listeners) listener({ tabChanged: event });
  };
  const change = (session: FakeSession, reason: string, mutate: () => void, extra?: { payment?: FakePayment; message?: string | null }) => {
    mutate();
    session.tab.version++;
    publish(session, reason, extra);
  };
  const addMartini = (session: FakeSession) =>
    change(session, "ITEM_ADDED", () => {
      session.tab.items.push({ id: randomUUID(), menuItem: MARTINI, quantity: 1, lineTotalCents: MARTINI.priceCents });
    });

  const fake: FakeMayaServer = {
    url: "",
    server: undefined as unknown as Server,
    addMartini: (token) => addMartini(sessionOf(token)),
    dropConnections: () => {},
    restoreConnections: () => {},
    settlePayment: (token, outcome) => {
      const session = sessionOf(token);
      const pending = [...session.payments.values()].find((payment) => payment.status === "PENDING");
      if (pending) settle(session, pending, outcome);
    },
    tipMessage: serverTipMessage,
    close: async () => {},
  };

  const root = {
    me: (_args: unknown, context: { token: string | null }) => sessionView(sessionOf(context.token)),
    payment: ({ id }: { id: string }, context: { token: string | null }) => sessionOf(context.token).payments.get(id) ?? null,
    startSession: () => {
      const token = randomUUID();
      const session: FakeSession = { id: randomUUID(), paidCents: 0, tab: newTab(), transcript: [], payments: new Map(), listeners: new Set() };
      sessions.set(token, session);
      return { token, session: sessionView(session) };
    },
    say: ({ text }: { text: string }, context: { token: string | null }) => {
      const session = sessionOf(context.token);
      remember(session, "CUSTOMER", text);
      let reply = "I didn't catch that. Try asking for a martini.";
      let payment: FakePayment | null = null;
      const splurge = /splurge (\d+)/i.exec(text);
      if (splurge) {
        const cents = Number(splurge[1]);
        change(session, "ITEM_ADDED", () => {
          session.tab.items.push({ id: randomUUID(), menuItem: { id: "splurge", name: "Splurge" }, quantity: 1, lineTotalCents: cents });
        });
        reply = "Big night!";
      } else if (/martini/i.test(text)) {
        addMartini(session);
        reply = `One martini, coming up. That's $13.00.`;
      } else if (/pay/i.test(text)) {
        const view = tabView(session.tab);
        const id = randomUUID();
        const checkoutUrl = `${fake.url}/checkout/${id}`;
        payment = { id, status: "PENDING", amountCents: view.totalCents, tipCents: view.tipCents, checkoutUrl, failureReason: null };
        session.payments.set(id, payment);
        change(session, "PAYMENT_PENDING", () => (session.tab.status = "PAYMENT_PENDING"), { payment });
        // As the real server words it: the address is in the words too (the page shows a Pay button instead).
        reply = `Your total is ${dollars(view.totalCents)}. You can pay here: ${checkoutUrl}`;
      }
      remember(session, "MAYA", reply);
      return { text: reply, speech: reply, intent: "TEST", audioUrl: null, session: sessionView(session), payment };
    },
    setTip: ({ percent }: { percent?: number | null }, context: { token: string | null }) => {
      const session = sessionOf(context.token);
      const tipPercent = percent ? percent : null;
      session.tab.tipPercent = tipPercent;
      session.tab.version++;
      const message = fake.tipMessage(tipPercent, tipOf(session.tab));
      // Said outside a turn, so kept in the transcript (a tip set by voice would be covered by the reply).
      remember(session, "MAYA", message);
      publish(session, "TIP_CHANGED", { message });
      return tabView(session.tab);
    },
  };

  const settle = (session: FakeSession, payment: FakePayment, outcome: "SUCCEEDED" | "FAILED") => {
    if (outcome === "SUCCEEDED") {
      payment.status = "SUCCEEDED";
      session.paidCents += payment.amountCents;
      session.tab = newTab();
      const message = `Payment of ${dollars(payment.amountCents)} received. Thank you, and cheers!`;
      remember(session, "MAYA", message);
      publish(session, "PAID", { payment, message });
      return;
    }
    payment.status = "FAILED";
    payment.failureReason = "Your card was declined.";
    const message = `The payment didn't go through: ${payment.failureReason} Your tab is still open.`;
    session.tab.status = "OPEN";
    session.tab.version++;
    remember(session, "MAYA", message);
    publish(session, "PAYMENT_FAILED", { payment, message });
  };
  const payFromCheckout = (id: string) => {
    for (const session of sessions.values()) {
      const payment = session.payments.get(id);
      if (payment?.status === "PENDING") settle(session, payment, "SUCCEEDED");
    }
  };

  const bearer = (value: unknown) => (typeof value === "string" && value.startsWith("Bearer ") ? value.slice(7) : null);

  const server = createServer((request, response) => void handle(request, response));
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/graphql" && request.method === "POST") {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query: string; variables?: Record<string, unknown> };
      const result = await graphql({ schema, source: body.query, variableValues: body.variables, rootValue: root, contextValue: { token: bearer(request.headers.authorization) } });
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
      return;
    }
    const checkout = /^\/checkout\/([\w-]+)$/.exec(url.pathname);
    if (checkout) {
      if (request.method === "POST") {
        payFromCheckout(checkout[1]!);
        response.writeHead(303, { location: `/?payment=${checkout[1]}` }).end();
        return;
      }
      response.writeHead(200, { "content-type": "text/html" }).end(`<form method="post"><button>Pay with 4242</button></form>`);
      return;
    }
    const wantsIde = url.pathname === "/graphql" && (request.headers.accept ?? "").includes("text/html");
    const file = wantsIde ? "graphiql/index.html" : url.pathname === "/" ? "index.html" : url.pathname.slice(1);
    const resolved = path.resolve(DIST, file);
    if (!resolved.startsWith(DIST)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const content = await readFile(resolved);
      const type = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".map": "application/json" }[path.extname(resolved)];
      response.writeHead(200, { "content-type": type ?? "application/octet-stream" }).end(content);
    } catch {
      response.writeHead(404).end("not found");
    }
  }

  const wss = new WebSocketServer({ server, path: "/graphql" });
  let refuseSockets = false;
  wss.on("connection", (socket) => {
    if (refuseSockets) socket.terminate();
  });
  useServer<{ authorization?: unknown }, { token?: string }>(
    {
      schema,
      onConnect: (ctx) => {
        const token = bearer(ctx.connectionParams?.authorization);
        if (!token || !sessions.has(token)) return false;
        ctx.extra.token = token;
        return true;
      },
      context: (ctx) => ({ token: ctx.extra.token ?? null }),
      roots: {
        subscription: {
          tabChanged: (args: { snapshot?: boolean }, context: { token: string | null }) => {
            const session = sessionOf(context.token);
            const snapshot = () => ({
              tabChanged: { reason: "SNAPSHOT", balanceCents: balanceOf(session), tab: tabView(session.tab), payment: null, message: null },
            });
            return eventStream(session, args.snapshot ? snapshot : undefined);
          },
        },
      },
    },
    wss,
  );

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    server,
    dropConnections: () => {
      refuseSockets = true;
      for (const client of wss.clients) client.terminate();
    },
    restoreConnections: () => {
      refuseSockets = false;
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** A session's events; with `snapshot`, its state first, read once the listener is in place (as Maya does). */
async function* eventStream(session: FakeSession, snapshot?: () => unknown): AsyncGenerator<unknown> {
  const queue: unknown[] = [];
  let wake: (() => void) | null = null;
  const listener = (event: unknown) => {
    queue.push(event);
    wake?.();
  };
  session.listeners.add(listener);
  if (snapshot) queue.unshift(snapshot());
  try {
    for (;;) {
      while (queue.length > 0) yield queue.shift();
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    session.listeners.delete(listener);
  }
}
