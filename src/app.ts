/**
 * The composition root: opens the database, builds every service once, and
 * serves HTTP, GraphQL and graphql-ws subscriptions on one port. Nothing else
 * in the code constructs services or reads configuration.
 */
import "reflect-metadata";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type NextFunction, type Request, type Response } from "express";
import type { GraphQLFormattedError } from "graphql";
import { PrismaBarRepository } from "./bar/bar.repository.js";
import { TurnBackend } from "./bar/bar-port.adapter.js";
import { SessionChanges } from "./bar/session-changes.js";
import { SessionStateCache } from "./bar/session-state-cache.js";
import { SqlSessionStateRepository } from "./bar/session-state.repository.js";
import type { TabChange } from "./bar/views.js";
import { ConversationService } from "./conversation/conversation.service.js";
import { Menu } from "./bar/menu.service.js";
import { TabService } from "./bar/tab.service.js";
import type { AppConfig } from "./config.js";
import { DatabaseAvailability } from "./db/availability.js";
import { openDatabase, type Database } from "./db/database.js";
import { UNAVAILABLE } from "./errors.js";
import { migrateAndSeed } from "./db/migrate.js";
import { projectPath } from "./db/paths.js";
import { createEventBus } from "./events/event-bus-factory.js";
import { SqlOutboxRepository } from "./events/outbox.repository.js";
import { TabEventFeed } from "./events/tab-event-feed.js";
import { contextFromAuthorization, type GraphQLContext } from "./graphql/context.js";
import { formatGraphQLError } from "./graphql/errors.js";
import { menuResponseCache } from "./graphql/menu-response-cache.js";
import { ConversationResolver } from "./graphql/resolvers/conversation.resolver.js";
import { MenuResolver, TabItemResolver } from "./graphql/resolvers/menu.resolver.js";
import { PaymentResolver } from "./graphql/resolvers/payment.resolver.js";
import { SessionResolver } from "./graphql/resolvers/session.resolver.js";
import { SpeechRecognitionResolver } from "./graphql/resolvers/speech-recognition.resolver.js";
import { TabResolver } from "./graphql/resolvers/tab.resolver.js";
import { overlaysReadOnly } from "./graphql/overlay-access.js";
import { buildMayaSchema, type ResolverClass, type ResolverInstances } from "./graphql/schema.js";
import { startSubscriptionServer } from "./graphql/subscription-server.js";
import { checkoutRouter } from "./http/checkout-page.js";
import { bodyTooLarge, graphqlErrorBody, operationGuards, outageStatus, querySourceGuard, rateLimitGuard, refusalStatus, sendUnavailable } from "./http/graphql-guards.js";
import { createOriginPolicy } from "./http/cors.js";
import { securityHeaders } from "./http/security-headers.js";
import { trackRequests } from "./http/request-drain.js";
import { gateWhileStarting, type StartupGate } from "./http/startup-gate.js";
import { routeUpgrades } from "./http/upgrade-router.js";
import { clientAddress, createRequestLimits, trustProxies } from "./limits/request-limits.js";
import { openRedis } from "./redis/redis-connection.js";
import { refusalMessage } from "./limits/refusals.js";
import { createLogger, describeError, type Logger } from "./logger.js";
import { mountMcp } from "./mcp/http.js";
import { RedisMcpSessionStore } from "./mcp/session-store.js";
import { createApolloMetricsPlugin, createMetrics, createOperationRecorder, metricsHandler, SessionLocks, type MayaMetrics } from "./observability/index.js";
import type { StrayErrorStats } from "./observability/metrics.js";
import { createPaymentProvider } from "./payments/provider-factory.js";
import { PaymentService } from "./payments/payment.service.js";
import { PaymentReconciler } from "./payments/payment-reconciler.js";
import { assertTestModeKey } from "./payments/stripe/stripe-config.js";
import { createStripeWebhookHandler, createStripeWebhookVerifier } from "./payments/stripe/webhook.js";
import { PrismaOverlayTokenRepository } from "./sessions/overlay-token.repository.js";
import { PrismaSessionRepository } from "./sessions/session.repository.js";
import { SessionService } from "./sessions/session.service.js";
import { SqlSessionExpiryRepository, expireIdleSessions } from "./sessions/session-expiry.js";
import { Housekeeping } from "./housekeeping.js";
import type { LogDropStats } from "./startup/log-streams.js";
import { databaseStartupError, listenStartupError } from "./startup/startup-error.js";
import { createSpeechRecognition } from "./voice/recognition/recognition-factory.js";
import type { Heard } from "./conversation/heard.js";
import { assertSpeechCredentials, createSpeech } from "./voice/speech-factory.js";

export interface MayaApp {
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly metrics: MayaMetrics;
  readonly services: {
    menu: Menu;
    sessions: SessionService;
    tabs: TabService;
    payments: PaymentService;
    feed: TabEventFeed;
    locks: SessionLocks;
    conversation: ConversationService;
    reconciler: PaymentReconciler;
    housekeeping: Housekeeping;
  };
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Where cgroup files are read for container metrics (tests use fixtures). */
  cgroupRoot?: string;
  /** The process's stray-error counts (main.ts guards the process), exported as a metric. */
  strayErrors?: StrayErrorStats;
  /** Log lines dropped by the guarded stdout and stderr (main.ts), exported as a metric. */
  logDrops?: LogDropStats;
}

const OUTBOX_RETENTION_SECONDS = 3600;
/** On shutdown, a request whose body has not arrived by then is cut: a slow client must not hold the process. */
const UPLOAD_GRACE_MS = 2000;

export async function startMaya(config: AppConfig, options: StartOptions = {}): Promise<MayaApp> {
  const log = options.logger ?? createLogger(config.logLevel);
  // Settings that can be checked without the network stop the app before it touches anything.
  if (config.payments.stripeSecretKey !== undefined) {
    assertTestModeKey(config.payments.stripeSecretKey);
    if (!config.publicUrl) {
      log.warn(
        "MAYA_PUBLIC_URL is not set: Stripe return URLs use this instance's own address, so another instance " +
          "or a restart on another port cannot recover a checkout interrupted by a crash. Set MAYA_PUBLIC_URL.",
      );
    }
  }
  await assertSpeechCredentials(config.speech);
  const httpServer = createServer();
  // From the first connection until the app is wired, every request gets an answer (503 while starting).
  const gate = gateWhileStarting(httpServer);
  // Listen first: the checkout links need the real port (PORT=0 in tests).
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (error) => reject(listenStartupError(error, config.port, config.host)));
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  // Links must point where the guest's page is, or the browser loses the session
  // token (another origin); behind a proxy or on a LAN, set MAYA_PUBLIC_URL.
  const publicUrl = config.publicUrl ?? `http://${isWildcard(config.host) ? "localhost" : config.host}:${port}`;
  const closeServer = () => {
    httpServer.closeAllConnections();
    return new Promise((resolve) => httpServer.close(resolve));
  };

  let db: Database;
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    await closeServer();
    throw databaseStartupError(error, config.database);
  }
  try {
    const migration = await migrateAndSeed(db).catch((error: unknown) => {
      throw databaseStartupError(error, config.database);
    });
    log.info("database ready", {
      database: db.kind === "postgres" ? "postgresql" : `embedded (${config.database.dataDir})`,
      migrationsApplied: migration.applied,
    });
    return await wire({ config, log, httpServer, gate, port, publicUrl, db, options });
  } catch (error) {
    await db.close().catch(() => undefined);
    await closeServer();
    throw error;
  }
}

interface WireInput {
  config: AppConfig;
  log: Logger;
  httpServer: Server;
  gate: StartupGate;
  port: number;
  publicUrl: string;
  db: Database;
  options: StartOptions;
}

async function wire({ config, log, httpServer, gate, port, publicUrl, db, options }: WireInput): Promise<MayaApp> {
  const requests = trackRequests(httpServer);
  const metrics = createMetrics({ config: config.deployment, ...(options.cgroupRoot ? { cgroupRoot: options.cgroupRoot } : {}) });
  if (options.strayErrors) metrics.observeStrayErrors(options.strayErrors);
  if (options.logDrops) metrics.observeLogDrops(options.logDrops);
  // The database away (refusing, full, read-only) is an outage: retryable refusals, one log line each way.
  const availability = new DatabaseAvailability({ check: () => db.checkWritable(), log, metrics });
  // State every instance shares (rate-limit buckets, MCP sessions): commands fail at once while Redis is away.
  const sharedState = config.shared.redis ? await openRedis(config.shared.redis, "shared-state", log, { failFast: true }) : null;
  const menu = await Menu.load(db.sql);
  const outbox = new SqlOutboxRepository(db.sql);
  const feed = new TabEventFeed(outbox, {
    subscriptionOpened: () => metrics.subscriptionOpened(),
    deliveryFailed: (error) => log.error("tab event delivery failed", { error: describeError(error) }),
  });
  const locks = new SessionLocks({
    idleMs: config.locks.idleSeconds * 1000,
    cleanupIntervalMs: config.locks.cleanupSeconds * 1000,
    metrics,
  });
  locks.start();
  const sessionStates = new SessionStateCache();
  const events = createEventBus({ config, db, outbox, log, metrics, availability, deliver: (row) => {
    sessionStates.observe(row.sessionId, row.version);
    feed.publish(row.change);
  } });
  /** A change this instance committed: counted, delivered to its own subscribers at once, and told to the others. */
  const committed = (change: TabChange, outboxId: number) => {
    metrics.tabEvent(change.reason);
    events.committed(change, outboxId);
  };
  const changes = new SessionChanges(
    new SqlSessionStateRepository(db.sql),
    sessionStates,
    committed,
    (sessionId, work) => locks.runExclusive(sessionId, work),
    () => metrics.writeConflict(),
  );
  // Payments change sessions through their own transactions: this instance's copy of the session is stale after one.
  const bar = new PrismaBarRepository(db.prisma, (change, outboxId) => {
    changes.forget(change.sessionId);
    committed(change, outboxId);
  });
  await events.start();
  log.info("tab events", { broker: events.brokerName });
  const sessionRepository = new PrismaSessionRepository(db.prisma);
  const sessions = new SessionService(sessionRepository, new PrismaOverlayTokenRepository(db.prisma), config.startingBalanceCents, () =>
    metrics.sessionStarted(),
  );
  const tabs = new TabService(changes, menu);
  const sessionExpiry = new SqlSessionExpiryRepository(db.sql);
  const housekeeping = new Housekeeping(
    [
      {
        name: "expiring idle sessions",
        run: () =>
          expireIdleSessions(sessionExpiry, config.sessions.ttlSeconds, ({ deleted, closed }) => {
            const gone = new Set([...deleted, ...closed]);
            sessions.forgetSessions(gone);
            for (const id of gone) changes.forget(id);
            metrics.sessionsExpired("deleted", deleted.length);
            metrics.sessionsExpired("closed", closed.length);
            log.info("idle sessions expired", { deleted: deleted.length, closed: closed.length });
          }),
      },
      // Rows are only ever needed for moments (the relay, a subscriber's gap); an hour is plenty.
      { name: "pruning the outbox", run: async () => void (await outbox.prune(OUTBOX_RETENTION_SECONDS, 10_000)) },
    ],
    config.sessions.sweepSeconds * 1000,
    log,
    availability,
  );
  housekeeping.start();
  const provider = await createPaymentProvider(config.payments, publicUrl, metrics, log);
  const payments = new PaymentService(bar, provider, menu, {
    attemptCreated: (name) => metrics.paymentAttempt(name, "PENDING"),
    attemptSettled: (name, status) => metrics.paymentAttempt(name, status),
  });
  const reconciler = new PaymentReconciler(
    payments,
    bar,
    {
      pollAfterMs: config.payments.pollAfterMs,
      intervalMs: config.payments.pollIntervalMs,
      mockExpiryMs: config.payments.mockExpiryMs,
    },
    log,
    availability,
  );
  const speech = await createSpeech(config.speech, log, metrics);
  const hearing = await createSpeechRecognition(config.speechRecognition, menu.items, log, metrics);
  const conversation = new ConversationService(new TurnBackend(changes, menu, payments));
  const turns = {
    run: (sessionId: string, text: string, heard?: Heard) =>
      locks.runExclusive(sessionId, async () => {
        // Timed inside the lock: waiting for the guest's previous turn is not this turn's latency.
        const started = performance.now();
        const turn = await conversation.say(sessionId, text, heard);
        metrics.turn(turn.intent, (performance.now() - started) / 1000);
        return turn;
      }),
  };

  const resolvers: ResolverInstances = new Map<ResolverClass, object>([
    [MenuResolver, new MenuResolver(menu)],
    [TabItemResolver, new TabItemResolver(menu)],
    [SessionResolver, new SessionResolver(sessions, tabs)],
    [TabResolver, new TabResolver(tabs)],
    [PaymentResolver, new PaymentResolver(payments)],
    [ConversationResolver, new ConversationResolver(turns, payments, speech.service)],
    [SpeechRecognitionResolver, new SpeechRecognitionResolver(hearing.info)],
  ]);
  const schema = await buildMayaSchema(resolvers);
  const formatError = (formatted: GraphQLFormattedError, error: unknown) =>
    formatGraphQLError(formatted, error, {
      internal: (internal) => log.error("internal error", { error: describeError(internal) }),
      outage: (cause) => availability.report(cause),
    });

  // One set of limits (and rate-limit buckets) for every transport; with Redis, for every instance.
  trustProxies(httpServer, config.shared.trustedProxies);
  const limits = createRequestLimits(
    config.limits,
    { refused: (refusal) => (refusal.reason === "RATE_LIMITED" ? metrics.rateLimited(refusal.scope) : metrics.limitRefused(refusal.reason)) },
    sharedState ? { redis: sharedState, keyPrefix: config.shared.redis!.keyPrefix } : undefined,
  );
  const origins = createOriginPolicy({ origins: config.corsOrigins, publicUrl });
  const upgrades = routeUpgrades(origins.allowsUpgrade);
  const subscriptionServer = startSubscriptionServer({
    upgrades,
    path: "/graphql",
    schema,
    sessions,
    feed,
    tabs,
    limits,
    formatError,
    recordOperation: createOperationRecorder(metrics),
    outages: availability,
    log,
  });
  hearing.mount({
    upgrades,
    sessions,
    limiters: { perAddress: limits.rateLimiters.byAddress, perSession: limits.rateLimiters.bySession },
    outages: availability,
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    validationRules: [...limits.validationRules],
    parseOptions: { maxTokens: config.limits.maxQueryTokens },
    introspection: true,
    // Apollo's own lines go where Maya's go (and are dropped with them when the log reader is gone).
    logger: { debug: () => undefined, info: (message) => log.info(String(message)), warn: (message) => log.warn(String(message)), error: (message) => log.error(String(message)) },
    // main.ts owns the signals: Apollo's own handler would stop it alongside app.close() and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      operationGuards<GraphQLContext>(),
      outageStatus<GraphQLContext>(),
      overlaysReadOnly<GraphQLContext>(),
      createApolloMetricsPlugin<GraphQLContext>(metrics),
      menuResponseCache<GraphQLContext>(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  // GraphQL answers are POSTed and never revalidated: hashing each one for an ETag is work for nothing
  // (the client's static files keep theirs, from express.static).
  app.set("etag", false);
  app.use(securityHeaders());
  app.set("trust proxy", config.shared.trustedProxies);
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const payments = { provider: provider.name, description: provider.description, testMode: true };
    const speechRecognition = hearing.status;
    // Not ready while the database cannot answer or cannot write (read-only, a full disk), not only while it is unreachable.
    const cause = await availability.check();
    const error = cause !== null ? `database unavailable: ${cause}` : !events.healthy ? "not reading tab events" : null;
    if (error) {
      res.setHeader("Retry-After", String(UNAVAILABLE.retryAfterSeconds));
      res.status(503).json({ status: "unavailable", database: db.kind, error, payments, speechRecognition });
      return;
    }
    res.json({ status: "ready", database: db.kind, payments, speechRecognition });
  });
  app.get("/metrics", metricsHandler(metrics));
  app.use(checkoutRouter(payments, limits, availability));
  app.post(
    "/webhooks/stripe",
    // Before the body is read or its signature checked. Stripe retries a 429 later.
    rateLimitGuard(limits, (res, refusal) => void refusalStatus(res, refusal).json({ error: refusalMessage(refusal) })),
    express.raw({ type: () => true, limit: "256kb" }),
    config.payments.stripeWebhookSecret && provider.name === "stripe"
      ? createStripeWebhookHandler({
          verify: await createStripeWebhookVerifier(config.payments.stripeWebhookSecret),
          log,
          onEvent: (eventId, eventType, event) => payments.applyProviderEvent(eventId, eventType, event),
        })
      : (_req: Request, res: Response) => {
          res.status(404).json({ error: "Stripe webhooks are not configured (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)." });
        },
  );
  // Other origins' pages (MAYA_CORS_ORIGINS) may call the API and load the embeddable overlay.
  app.use(["/graphql", "/overlay.js"], origins.cors());
  const ide = projectPath("dist/client/graphiql/index.html");
  app.get("/graphql", (req, res, next) => {
    if (req.accepts(["application/json", "text/html"]) === "text/html" && existsSync(ide)) return res.sendFile(ide);
    next();
  });
  app.use(
    "/graphql",
    rateLimitGuard(limits),
    express.json({ limit: config.limits.maxRequestBytes }),
    querySourceGuard(limits),
    expressMiddleware(apollo, {
      context: async ({ req }) => contextFromAuthorization(sessions, req.get("authorization"), clientAddress(req)),
    }),
  );
  const mcp = mountMcp(app, {
    services: { menu, tabs, payments, turns, feed, sessions },
    config: config.mcp,
    bodyLimit: config.limits.maxRequestBytes,
    rateLimiters: limits.rateLimiters,
    metrics,
    log,
    publicUrl,
    availability,
    ...(sharedState && config.shared.redis && config.shared.stateKey
      ? { store: new RedisMcpSessionStore(sharedState, config.shared.redis.keyPrefix, config.shared.stateKey, config.mcp.idleSeconds) }
      : {}),
  });
  app.get("/speech/:file", (req, res) => {
    const match = /^([0-9a-f]{64})\.mp3$/.exec(req.params.file);
    const clip = match?.[1] ? speech.service.get(match[1]) : undefined;
    if (!clip) return void res.status(404).end();
    // Content-addressed: the same id is always the same audio.
    res.set({ "Content-Type": clip.contentType, "Cache-Control": "private, max-age=86400, immutable" }).send(clip.audio);
  });
  const clientDir = projectPath("dist/client");
  // The overlay alone, for a second screen or a streaming tool (its token in the URL fragment).
  const overlayPage = projectPath("dist/client/overlay.html");
  app.get("/overlay", (_req, res) => res.setHeader("Cache-Control", "no-cache").sendFile(overlayPage));
  app.use(express.static(clientDir, { index: "index.html", maxAge: "1h", setHeaders: noCacheForHtml }));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : 500;
    // A request cut mid-body at shutdown was answered already.
    if (res.headersSent) return void res.end();
    if (status === 413) return bodyTooLarge(limits, res, error);
    if (status >= 400 && status < 500) {
      res.status(status).json(graphqlErrorBody("The request could not be read.", "BAD_USER_INPUT"));
      return;
    }
    if (availability.report(error)) return sendUnavailable(res);
    log.error("request failed", { error: describeError(error) });
    res.status(500).json(graphqlErrorBody("Something went wrong on our side.", "INTERNAL_SERVER_ERROR"));
  });
  // Before serving: the first guest's turn would otherwise pay for reading the patterns the first time.
  conversation.warmUp();
  gate.open({ request: app, upgrade: upgrades.handle });

  log.info("Maya is listening", {
    url: publicUrl,
    graphql: `${publicUrl}/graphql`,
    payments: provider.description,
    testMode: true,
  });

  let closing: Promise<void> | undefined;
  // Serving now: what is not needed to answer loads behind the first requests (the reconciler's
  // first pass brings up Prisma's engine for the cold paths; the MCP SDK for the first agent).
  setImmediate(() => {
    if (closing) return;
    reconciler.start();
    mcp.warmUp();
  });
  return {
    url: `http://${isWildcard(config.host) ? "127.0.0.1" : config.host}:${port}`,
    port,
    db,
    metrics,
    services: { menu, sessions, tabs, payments, feed, locks, conversation, reconciler, housekeeping },
    close: () => {
      closing ??= (async () => {
        // Within the process's deadline (MAYA_SHUTDOWN_SECONDS): uploads get 2 s, requests in flight
        // until 3 s before it, and the rest (stopping the chores, closing the database) what is left.
        const started = Date.now();
        const drainMs = Math.max(1000, (config.shutdownSeconds - 3) * 1000);
        gate.stop();
        const drained = requests.drain({ uploadGraceMs: Math.min(UPLOAD_GRACE_MS, drainMs), deadlineMs: drainMs });
        // Sockets with their close codes (1001, going away: the client reconnects elsewhere); MCP once its calls in flight are answered.
        await Promise.all([subscriptionServer.close(), hearing.close(), mcp.close(started + drainMs)]);
        const report = await drained;
        log.info("stopped serving", { ...report, seconds: (Date.now() - started) / 1000 });
        locks.stop();
        await housekeeping.stop();
        await reconciler.stop();
        await apollo.stop();
        await events.stop();
        await sharedState?.quit().catch(() => undefined);
        availability.stop();
        await db.close();
        if ("close" in provider && typeof provider.close === "function") provider.close();
        await speech.close();
      })();
      return closing;
    },
  };
}

function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "";
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
}
