/**
 * A local stand-in for the parts of the Stripe API Maya uses: Checkout
 * Sessions, idempotency keys, Stripe's error bodies and webhook signatures,
 * plus fault injection. Faithful where our code depends on Stripe's
 * behaviour (form encoding, status codes, replay of the first response for
 * a repeated key, 400 for a key reused with other parameters, 409 while the
 * first request with a key is still running); simplified elsewhere (only
 * mode=payment with price_data lines; no customers, no taxes).
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { canonicalParams, FormKeyError, parseForm } from "./form.js";
import type { FormObject, FormValue } from "./form.js";

export type StandinSession = {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  success_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  metadata: Record<string, string>;
  mode: "payment";
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: "unpaid" | "paid" | "no_payment_required";
  status: "open" | "complete" | "expired";
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: "hosted";
  url: string | null;
};

export interface StandinLineItem {
  name: string;
  unitAmount: number;
  quantity: number;
  currency: string;
}

export type FaultPlan = {
  /**
   * status: answer with that error status and Stripe's body for it;
   * reset: destroy the connection; timeout: never answer (the client's
   * timeout fires); slow: answer normally after delayMs.
   */
  kind: "status" | "reset" | "timeout" | "slow";
  status?: 409 | 429 | 500 | 502 | 503;
  delayMs?: number;
  /**
   * "before" (default): the request is not executed. "after": it is executed
   * and its result stored under the idempotency key, then the response is
   * lost: the server did the work, the client saw a failure. Ignored for slow
   * (the delay runs while the request holds its idempotency key).
   */
  when?: "before" | "after";
  /** Only requests with this method / path / Idempotency-Key take the fault; default any. */
  method?: "GET" | "POST";
  path?: string | RegExp;
  idempotencyKey?: string;
  /** How many matching requests take it. Default 1. */
  times?: number;
};

export interface RequestLogEntry {
  method: string;
  path: string;
  idempotencyKey: string | null;
  /** Null when no response was sent (reset, timeout). */
  status: number | null;
  replayed: boolean;
  /** The injected fault that hit this request, e.g. "status 503 before", "reset after". */
  fault: string | null;
  /** True when the endpoint ran (a session was created, expired...). */
  executed: boolean;
}

export interface StripeStandin {
  url: string;
  port: number;
  sessions: ReadonlyMap<string, StandinSession>;
  lineItems: ReadonlyMap<string, readonly StandinLineItem[]>;
  /** Sessions created through the API (not through the test helpers). */
  readonly createdCount: number;
  requests: readonly RequestLogEntry[];
  injectFaults(plan: FaultPlan | FaultPlan[]): void;
  readonly pendingFaults: number;
  clearFaults(): void;
  /** The guest paid. "unpaid" models a delayed payment method still settling. */
  completeSession(id: string, opts?: { paymentStatus?: "paid" | "unpaid" }): StandinSession;
  /** A delayed payment method settled (checkout.session.async_payment_succeeded). */
  succeedAsyncPayment(id: string): StandinSession;
  /** A delayed payment method failed (checkout.session.async_payment_failed). */
  failAsyncPayment(id: string): StandinSession;
  expireSession(id: string): StandinSession;
  /** Moves the stand-in's clock forward (expiry). */
  advanceTime(seconds: number): void;
  /** Sends events for later state changes to this endpoint (null: stop). */
  setWebhook(target: WebhookTarget | null): void;
  deliveries: readonly WebhookDelivery[];
  /** Waits until every event sent so far has been answered. */
  flushWebhooks(): Promise<void>;
  /** A real-shaped event about a session, as Stripe would POST it to a webhook. */
  eventFor(type: string, sessionId: string): StandinEvent;
  /** Signs like Stripe: `t=<ts>,v1=<hex hmac-sha256 of "<ts>.<payload>">`. */
  signEvent(payload: string | object, secret: string, timestampSeconds?: number): { payload: string; header: string };
  close(): Promise<void>;
}

export interface StandinEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: StandinSession };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
}

export interface StandinOptions {
  port?: number;
  /** When set, only this key is accepted; otherwise any sk_test_ key. */
  secretKey?: string;
  /** Where to POST signed events when a session changes state (see setWebhook). */
  webhook?: WebhookTarget;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookDelivery {
  event: StandinEvent;
  /** The exact bytes and signature sent, to re-post them (a redelivery) in a test. */
  payload: string;
  header: string;
  /** Null when the endpoint could not be reached. */
  status: number | null;
}

type StripeErrorBody = { error: { type: string; message: string; code?: string; param?: string } };
type Result = { status: number; body: object };
type StoredResponse = { state: "done"; fingerprint: string; status: number; body: string; requestId: string };
type IdempotencyEntry = { state: "in_progress"; fingerprint: string } | StoredResponse;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.error.message);
  }
}

const invalid = (message: string, param?: string, code = "parameter_invalid"): ApiError =>
  new ApiError(400, { error: { type: "invalid_request_error", code, message, ...(param === undefined ? {} : { param }) } });

const FAULT_BODIES: Record<number, StripeErrorBody> = {
  409: {
    error: {
      type: "invalid_request_error",
      code: "lock_timeout",
      message:
        "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. " +
        "If you see this error intermittently, retry the request.",
    },
  },
  429: {
    error: {
      type: "invalid_request_error",
      code: "rate_limit",
      message: "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
    },
  },
  500: { error: { type: "api_error", message: "An unknown error occurred" } },
  502: { error: { type: "api_error", message: "Bad gateway" } },
  503: { error: { type: "api_error", message: "The server is temporarily unavailable. Please retry." } },
};

const CREATE_PARAMS = new Set([
  "mode",
  "currency",
  "line_items",
  "success_url",
  "cancel_url",
  "client_reference_id",
  "metadata",
  "expires_at",
  "payment_intent_data",
  "customer_email",
  "locale",
  "payment_method_types",
  "submit_type",
  "expand",
]);
const MIN_EXPIRY_S = 30 * 60;
const MAX_EXPIRY_S = 24 * 60 * 60;
const MIN_AMOUNT_USD_CENTS = 50;

const randomId = (prefix: string, length = 24): string =>
  prefix + crypto.randomBytes(length * 2).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, length);

export async function startStripeStandin(options: StandinOptions = {}): Promise<StripeStandin> {
  const sessions = new Map<string, StandinSession>();
  const lineItems = new Map<string, StandinLineItem[]>();
  const intents = new Map<string, { id: string; object: "payment_intent"; status: string; amount: number; currency: string }>();
  const idempotency = new Map<string, IdempotencyEntry>();
  const requests: RequestLogEntry[] = [];
  let faults: FaultPlan[] = [];
  let createdCount = 0;
  let clockOffsetS = 0;
  const hanging = new Set<http.ServerResponse>();
  let baseUrl = "";
  let webhook: WebhookTarget | null = options.webhook ?? null;
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();

  const nowS = () => Math.floor(Date.now() / 1000) + clockOffsetS;

  function getSession(id: string, param = "session"): StandinSession {
    const session = sessions.get(id);
    if (session === undefined) {
      throw new ApiError(404, {
        error: { type: "invalid_request_error", code: "resource_missing", param, message: `No such checkout.session: '${id}'` },
      });
    }
    if (session.status === "open" && nowS() >= session.expires_at) markExpired(session);
    return session;
  }

  function markExpired(session: StandinSession): void {
    Object.assign(session, { status: "expired", url: null });
    emit("checkout.session.expired", session);
  }

  function buildEvent(type: string, session: StandinSession): StandinEvent {
    return {
      id: randomId("evt_test_", 24),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: nowS(),
      data: { object: structuredClone(session) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
  }

  function sign(payload: string | object, secret: string, timestampSeconds = Math.floor(Date.now() / 1000)) {
    // Stripe sends pretty-printed JSON; the signature covers those exact bytes.
    const text = typeof payload === "string" ? payload : JSON.stringify(payload, null, 2);
    const signature = crypto.createHmac("sha256", secret).update(`${timestampSeconds}.${text}`, "utf8").digest("hex");
    return { payload: text, header: `t=${timestampSeconds},v1=${signature}` };
  }

  /** Like Stripe, one delivery attempt per event here; a test re-posts from `deliveries` to model a redelivery. */
  function emit(type: string, session: StandinSession): void {
    if (webhook === null) return;
    const target = webhook;
    const event = buildEvent(type, session);
    const { payload, header } = sign(event, target.secret);
    const delivery: WebhookDelivery = { event, payload, header, status: null };
    deliveries.push(delivery);
    const sent = fetch(target.url, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": header },
      body: payload,
    })
      .then(async (res) => {
        await res.arrayBuffer();
        delivery.status = res.status;
      })
      .catch(() => undefined);
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  }

  function takeFault(method: string, path: string, idempotencyKey: string | null): FaultPlan | undefined {
    const index = faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === method) &&
        (f.idempotencyKey === undefined || f.idempotencyKey === idempotencyKey) &&
        (f.path === undefined || (typeof f.path === "string" ? f.path === path : f.path.test(path))),
    );
    if (index < 0) return undefined;
    const [fault] = faults.splice(index, 1);
    return fault;
  }

  // ---- endpoints ---------------------------------------------------------

  function createSession(params: FormObject): Result {
    for (const name of Object.keys(params)) {
      if (!CREATE_PARAMS.has(name)) throw invalid(`Received unknown parameter: ${name}`, name, "parameter_unknown");
    }
    const mode = str(params, "mode");
    if (mode === undefined) throw invalid("Missing required param: mode.", "mode", "parameter_missing");
    if (mode !== "payment") throw invalid(`The stand-in supports only mode=payment, not ${mode}.`, "mode");
    const rawItems = params.line_items;
    if (rawItems === undefined) throw invalid("Missing required param: line_items.", "line_items", "parameter_missing");
    if (!Array.isArray(rawItems) || rawItems.length === 0) throw invalid("Invalid array", "line_items");

    const topCurrency = str(params, "currency");
    const items = rawItems.map((raw, i) => parseLineItem(raw, `line_items[${i}]`));
    const currency = topCurrency ?? items[0]?.currency ?? "usd";
    for (const [i, item] of items.entries()) {
      if (item.currency !== currency) {
        throw invalid("All line items must use the same currency as the Checkout Session.", `line_items[${i}][price_data][currency]`);
      }
    }
    const amount = items.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
    if (currency === "usd" && amount < MIN_AMOUNT_USD_CENTS) {
      throw invalid("The Checkout Session's total amount due must add up to at least $0.50 usd", "line_items", "amount_too_small");
    }

    const now = nowS();
    let expiresAt = now + MAX_EXPIRY_S;
    const rawExpires = str(params, "expires_at");
    if (rawExpires !== undefined) {
      expiresAt = int(rawExpires, "expires_at");
      if (expiresAt < now + MIN_EXPIRY_S) {
        throw invalid("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
      }
      if (expiresAt > now + MAX_EXPIRY_S) {
        throw invalid("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");
      }
    }
    const successUrl = url(params, "success_url");
    const cancelUrl = url(params, "cancel_url");
    const clientReferenceId = str(params, "client_reference_id") ?? null;
    if (clientReferenceId !== null && clientReferenceId.length > 200) {
      throw invalid("client_reference_id must be at most 200 characters.", "client_reference_id");
    }
    const metadata = parseMetadata(params.metadata, "metadata");
    const intentData = params.payment_intent_data;
    if (intentData !== undefined) {
      if (typeof intentData !== "object" || Array.isArray(intentData)) throw invalid("Invalid object", "payment_intent_data");
      parseMetadata(intentData.metadata, "payment_intent_data[metadata]");
    }

    const id = randomId("cs_test_", 58);
    const session: StandinSession = {
      id,
      object: "checkout.session",
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: cancelUrl,
      success_url: successUrl,
      client_reference_id: clientReferenceId,
      created: now,
      currency,
      customer: null,
      customer_email: str(params, "customer_email") ?? null,
      expires_at: expiresAt,
      livemode: false,
      metadata,
      mode: "payment",
      payment_intent: null,
      payment_method_types: ["card"],
      payment_status: "unpaid",
      status: "open",
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: "hosted",
      url: `${baseUrl}/c/pay/${id}`,
    };
    sessions.set(id, session);
    lineItems.set(id, items);
    createdCount++;
    return { status: 200, body: session };
  }

  function retrieveSession(id: string, params: FormObject): Result {
    const session = getSession(id);
    const expand = params.expand === undefined ? [] : params.expand;
    if (!Array.isArray(expand) || expand.some((e) => typeof e !== "string")) throw invalid("Invalid array", "expand");
    const unknown = expand.find((e) => e !== "payment_intent");
    if (typeof unknown === "string") throw invalid(`This property cannot be expanded (${unknown}).`, "expand");
    if (expand.length > 0 && session.payment_intent !== null) {
      return { status: 200, body: { ...session, payment_intent: intents.get(session.payment_intent) ?? null } };
    }
    return { status: 200, body: session };
  }

  function expireViaApi(id: string): Result {
    const session = getSession(id);
    if (session.status !== "open") {
      throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired.`, undefined, "checkout_session_not_open");
    }
    markExpired(session);
    return { status: 200, body: session };
  }

  /**
   * The hosted checkout page, so a browser test can pay: no API key, like
   * checkout.stripe.com. Pay completes the session and redirects to
   * success_url; cancel redirects to cancel_url and leaves it open.
   */
  function hostedPage(method: string, path: string, res: http.ServerResponse): boolean {
    const match = /^\/c\/pay\/([^/]+)(\/pay|\/cancel)?$/.exec(path);
    if (match === null) return false;
    const session = sessions.get(decodeURIComponent(match[1] as string));
    if (session === undefined) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Unknown checkout");
      return true;
    }
    if (session.status === "open" && nowS() >= session.expires_at) markExpired(session);
    if (method === "GET" && match[2] === undefined) {
      const items = (lineItems.get(session.id) ?? [])
        .map((l) => `<li>${escapeHtml(l.name)} x ${l.quantity}: ${(l.unitAmount / 100).toFixed(2)}</li>`)
        .join("");
      const total = (session.amount_total / 100).toFixed(2);
      const actions =
        session.status === "open"
          ? `<form method="post" action="/c/pay/${session.id}/pay"><button id="pay">Pay $${total}</button></form>` +
            `<form method="post" action="/c/pay/${session.id}/cancel"><button id="cancel">Back</button></form>`
          : `<p id="closed">This checkout is ${session.status}.</p>`;
      const html = `<!doctype html><title>Stripe stand-in checkout</title><ul>${items}</ul><p id="total">$${total} ${session.currency.toUpperCase()}</p>${actions}`;
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
      return true;
    }
    if (method === "POST" && match[2] !== undefined) {
      if (session.status !== "open") {
        res.writeHead(409, { "Content-Type": "text/plain" }).end(`Checkout is ${session.status}`);
        return true;
      }
      const target = match[2] === "/pay" ? session.success_url : session.cancel_url;
      if (match[2] === "/pay") completeOpenSession(session, true);
      res.writeHead(303, { Location: (target ?? baseUrl).replace("{CHECKOUT_SESSION_ID}", session.id) }).end();
      return true;
    }
    res.writeHead(405).end();
    return true;
  }

  function completeOpenSession(session: StandinSession, paid: boolean): void {
    const intent = {
      id: randomId("pi_test_", 24),
      object: "payment_intent" as const,
      status: paid ? "succeeded" : "processing",
      amount: session.amount_total,
      currency: session.currency,
    };
    intents.set(intent.id, intent);
    Object.assign(session, { status: "complete", payment_status: paid ? "paid" : "unpaid", payment_intent: intent.id, url: null });
    emit("checkout.session.completed", session);
  }

  function route(method: string, path: string, params: FormObject): Result {
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(params);
    const match = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
    if (match !== null) {
      const id = decodeURIComponent(match[1] as string);
      if (method === "GET" && match[2] === undefined) return retrieveSession(id, params);
      if (method === "POST" && match[2] === "/expire") return expireViaApi(id);
    }
    throw new ApiError(404, {
      error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` },
    });
  }

  // ---- HTTP plumbing -----------------------------------------------------

  function authenticate(header: string | undefined): string {
    const key = /^Bearer (.+)$/.exec(header ?? "")?.[1];
    if (key === undefined) {
      throw new ApiError(401, {
        error: {
          type: "invalid_request_error",
          message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.",
        },
      });
    }
    const accepted = options.secretKey === undefined ? key.startsWith("sk_test_") : key === options.secretKey;
    if (!accepted) {
      throw new ApiError(401, {
        error: { type: "invalid_request_error", message: `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}` },
      });
    }
    return key;
  }

  function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string>): void {
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  function applyFault(fault: FaultPlan, res: http.ServerResponse, entry: RequestLogEntry, headers: Record<string, string>): void {
    if (fault.kind === "status") {
      const status = fault.status ?? 500;
      entry.status = status;
      send(res, status, JSON.stringify(FAULT_BODIES[status] ?? FAULT_BODIES[500]), headers);
    } else if (fault.kind === "reset") {
      const socket = res.socket;
      if (socket !== null) socket.resetAndDestroy();
    } else if (fault.kind === "timeout") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? "GET";
    const parsedUrl = new URL(req.url ?? "/", "http://standin");
    const path = parsedUrl.pathname;
    if (hostedPage(method, path, res)) return;
    const idempotencyKey = method === "POST" ? (header(req, "idempotency-key") ?? null) : null;
    const entry: RequestLogEntry = { method, path, idempotencyKey, status: null, replayed: false, fault: null, executed: false };
    requests.push(entry);
    const requestId = randomId("req_", 14);
    const headers: Record<string, string> = { "Request-Id": requestId };
    if (idempotencyKey !== null) headers["Idempotency-Key"] = idempotencyKey;
    const version = header(req, "stripe-version");
    if (version !== undefined) headers["Stripe-Version"] = version;

    const fault = takeFault(method, path, idempotencyKey);
    const when = fault?.when ?? "before";
    if (fault !== undefined) entry.fault = fault.kind === "status" ? `status ${fault.status ?? 500} ${when}` : fault.kind === "slow" ? "slow" : `${fault.kind} ${when}`;
    if (fault !== undefined && fault.kind !== "slow" && when === "before") {
      applyFault(fault, res, entry, headers);
      return;
    }

    const respond = (status: number, body: string, extra: Record<string, string> = {}): void => {
      if (fault !== undefined && fault.kind !== "slow" && when === "after") {
        applyFault(fault, res, entry, headers);
        return;
      }
      entry.status = status;
      send(res, status, body, { ...headers, ...extra });
    };

    let idemKey: string | null = null;
    try {
      const apiKey = authenticate(header(req, "authorization"));
      const encoded = method === "GET" ? parsedUrl.search.replace(/^\?/, "") : Buffer.concat(chunks).toString("utf8");
      let params: FormObject;
      try {
        params = parseForm(encoded);
      } catch (err) {
        if (err instanceof FormKeyError) throw invalid(err.message);
        throw err;
      }

      if (idempotencyKey !== null) {
        idemKey = `${apiKey}\u0000${idempotencyKey}`;
        const fingerprint = `${method} ${path} ${canonicalParams(params)}`;
        const stored = idempotency.get(idemKey);
        if (stored?.state === "in_progress") {
          idemKey = null; // the running request owns the key
          throw new ApiError(409, {
            error: {
              type: "idempotency_error",
              message:
                "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, " +
                `and the other request is still going through): ${idempotencyKey}. Please try again later.`,
            },
          });
        }
        if (stored?.state === "done") {
          const sameRequest = stored.fingerprint === fingerprint;
          idemKey = null;
          if (!sameRequest) {
            throw new ApiError(400, {
              error: {
                type: "idempotency_error",
                message:
                  `Keys for idempotent requests can only be used with the same parameters they were first used with. ` +
                  `Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
              },
            });
          }
          entry.replayed = true;
          respond(stored.status, stored.body, { "Idempotent-Replayed": "true", "Original-Request": stored.requestId });
          return;
        }
        idempotency.set(idemKey, { state: "in_progress", fingerprint });
      }

      if (fault?.kind === "slow") await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 100));
      const result = route(method, path, params);
      entry.executed = true;
      const body = JSON.stringify(result.body);
      if (idemKey !== null) {
        const current = idempotency.get(idemKey);
        idempotency.set(idemKey, { state: "done", fingerprint: current?.fingerprint ?? "", status: result.status, body, requestId });
        idemKey = null;
      }
      respond(result.status, body);
    } catch (err) {
      // Stripe keeps no result for a request that failed validation: the key stays free.
      if (idemKey !== null) idempotency.delete(idemKey);
      if (err instanceof ApiError) {
        respond(err.status, JSON.stringify(err.body));
        return;
      }
      respond(500, JSON.stringify(FAULT_BODIES[500]));
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, JSON.stringify(FAULT_BODIES[500]), {});
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  // ---- test helpers ------------------------------------------------------

  function requireStatus(session: StandinSession, status: StandinSession["status"], what: string): void {
    if (session.status !== status) throw new Error(`Cannot ${what} session ${session.id}: it is ${session.status}`);
  }

  function settleIntent(session: StandinSession, status: string): void {
    const intent = session.payment_intent === null ? undefined : intents.get(session.payment_intent);
    if (intent !== undefined) intent.status = status;
  }

  return {
    url: baseUrl,
    port,
    sessions,
    lineItems,
    get createdCount() {
      return createdCount;
    },
    requests,
    injectFaults(plan) {
      for (const fault of Array.isArray(plan) ? plan : [plan]) {
        for (let i = 0; i < (fault.times ?? 1); i++) faults.push(fault);
      }
    },
    get pendingFaults() {
      return faults.length;
    },
    clearFaults() {
      faults = [];
    },
    completeSession(id, opts = {}) {
      const session = getSession(id);
      requireStatus(session, "open", "complete");
      completeOpenSession(session, (opts.paymentStatus ?? "paid") === "paid");
      return session;
    },
    succeedAsyncPayment(id) {
      const session = getSession(id);
      requireStatus(session, "complete", "settle");
      session.payment_status = "paid";
      settleIntent(session, "succeeded");
      emit("checkout.session.async_payment_succeeded", session);
      return session;
    },
    failAsyncPayment(id) {
      const session = getSession(id);
      requireStatus(session, "complete", "fail");
      settleIntent(session, "requires_payment_method");
      emit("checkout.session.async_payment_failed", session);
      return session;
    },
    expireSession(id) {
      const session = getSession(id);
      requireStatus(session, "open", "expire");
      markExpired(session);
      return session;
    },
    advanceTime(seconds) {
      clockOffsetS += seconds;
    },
    setWebhook(target) {
      webhook = target;
    },
    deliveries,
    async flushWebhooks() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    eventFor(type, sessionId) {
      return buildEvent(type, getSession(sessionId));
    },
    signEvent: sign,
    async close() {
      await Promise.all([...inFlight]);
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

// ---- parameter parsing ----------------------------------------------------

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function str(params: { [key: string]: FormValue }, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(`Invalid string: ${name}`, name);
  return value;
}

function int(value: string, param: string): number {
  if (!/^-?\d+$/.test(value)) throw invalid(`Invalid integer: ${value}`, param, "parameter_invalid_integer");
  return Number(value);
}

function url(params: FormObject, name: string): string | null {
  const value = str(params, name);
  if (value === undefined) return null;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("scheme");
  } catch {
    throw invalid("Not a valid URL", name, "url_invalid");
  }
  return value;
}

function parseMetadata(value: FormValue | undefined, param: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw invalid("Invalid hash", param);
  const entries = Object.entries(value);
  if (entries.length > 50) throw invalid("Metadata can have at most 50 keys.", param);
  const out: Record<string, string> = {};
  for (const [key, v] of entries) {
    if (typeof v !== "string") throw invalid("Metadata values must be strings.", `${param}[${key}]`);
    if (key.length > 40) throw invalid("Metadata keys can be at most 40 characters.", `${param}[${key}]`);
    if (v.length > 500) throw invalid("Metadata values can be at most 500 characters.", `${param}[${key}]`);
    out[key] = v;
  }
  return out;
}

function parseLineItem(raw: FormValue, param: string): StandinLineItem {
  if (typeof raw !== "object" || Array.isArray(raw)) throw invalid("Invalid hash", param);
  if (raw.price !== undefined) {
    throw new ApiError(400, {
      error: { type: "invalid_request_error", code: "resource_missing", param: `${param}[price]`, message: `No such price: '${String(raw.price)}'` },
    });
  }
  const priceData = raw.price_data;
  if (priceData === undefined) throw invalid(`Missing required param: ${param}[price_data].`, `${param}[price_data]`, "parameter_missing");
  if (typeof priceData !== "object" || Array.isArray(priceData)) throw invalid("Invalid hash", `${param}[price_data]`);
  const currency = str(priceData, "currency");
  if (currency === undefined) {
    throw invalid(`Missing required param: ${param}[price_data][currency].`, `${param}[price_data][currency]`, "parameter_missing");
  }
  if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}`, `${param}[price_data][currency]`);
  const rawAmount = str(priceData, "unit_amount");
  if (rawAmount === undefined) {
    throw invalid(`Missing required param: ${param}[price_data][unit_amount].`, `${param}[price_data][unit_amount]`, "parameter_missing");
  }
  const unitAmount = int(rawAmount, `${param}[price_data][unit_amount]`);
  if (unitAmount < 0) throw invalid("Invalid non-negative integer", `${param}[price_data][unit_amount]`);
  const product = priceData.product_data;
  const name = typeof product === "object" && !Array.isArray(product) ? product.name : undefined;
  if (typeof name !== "string" || name === "") {
    throw invalid(`Missing required param: ${param}[price_data][product_data][name].`, `${param}[price_data][product_data][name]`, "parameter_missing");
  }
  const rawQuantity = typeof raw.quantity === "string" ? raw.quantity : undefined;
  if (rawQuantity === undefined) throw invalid(`Missing required param: ${param}[quantity].`, `${param}[quantity]`, "parameter_missing");
  const quantity = int(rawQuantity, `${param}[quantity]`);
  if (quantity < 1) throw invalid("Invalid positive integer", `${param}[quantity]`);
  return { name, unitAmount, quantity, currency };
}
