/**
 * Everything Maya exports to Prometheus, on one registry per app instance so
 * two servers in one process (tests) never share or collide on metrics.
 *
 * Callers record through narrow methods rather than touching prom-client
 * instruments, so every label value passes through a bound (see
 * bounded-label.ts) and no session id or free text can become a label.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { PaymentStatus, ProviderName } from "../payments/payment-provider.js";
import type { LimitReason } from "../limits/refusals.js";
import { LOG_DROP_REASONS, LOG_STREAMS, type LogDropStats } from "../startup/log-streams.js";
import { BoundedLabel, closedLabel } from "./bounded-label.js";
import { type CgroupStats, DEFAULT_CGROUP_ROOT, readCgroupStats } from "./cgroup.js";

/** Values from configuration (MAYA_MEMORY_MB / MODAL_MEMORY_MB, MAYA_MAX_CONTAINERS / MODAL_MAX_CONTAINERS). */
export interface DeploymentFigures {
  memoryMb?: number | undefined;
  maxContainers?: number | undefined;
}

export interface CreateMetricsOptions {
  config: DeploymentFigures;
  /** Where the cgroup filesystem is mounted; tests point it at fixtures. */
  cgroupRoot?: string;
  /** Wall clock in milliseconds, for uptime. */
  now?: () => number;
  /** Intents the conversation engine knows; others are still accepted up to a bound. */
  intents?: readonly string[];
  /** prom-client's process and Node.js metrics; on unless false. */
  collectDefaultMetrics?: boolean;
}

/** What the session-lock registry tells the metrics at scrape time. */
export interface SessionLockStats {
  readonly size: number;
  /** Turns queued behind another turn of the same session. */
  readonly waiting: number;
  /** Sessions that ran a turn within the last `windowMs`. */
  activeWithin(windowMs: number): number;
}

/** Errors nothing handled (an unhandled rejection, an uncaught exception) that the process survived. */
export type StrayErrorKind = "unhandled_rejection" | "uncaught_exception";
export interface StrayErrorStats {
  count(kind: StrayErrorKind): number;
}
const STRAY_ERROR_KINDS: readonly StrayErrorKind[] = ["unhandled_rejection", "uncaught_exception"];

export type GraphqlOperationType = "query" | "mutation" | "subscription" | "unknown";
/**
 * success: no errors. client_error: the operation ran and refused (a domain
 * error such as INSUFFICIENT_FUNDS or BAD_USER_INPUT). server_error: anything
 * else that failed during execution. invalid: the document never ran (parse
 * or validation failure, unknown operation).
 */
export type GraphqlOutcome = "success" | "client_error" | "server_error" | "invalid";
export type CallOutcome = "success" | "error";
/**
 * success: the tool did it. refused: a guest's mistake answered in words
 * (unknown drink, balance short...). invalid: arguments that failed the tool's
 * schema, or no such tool. error: a failure on our side.
 */
export type McpCallOutcome = "success" | "refused" | "invalid" | "error";
export type SpeechOutcome = "success" | "failure";
export type CacheResult = "hit" | "miss";
/**
 * success: words heard. no_speech: the audio ended with nothing heard. error:
 * the recognizer failed (down, crashed, too slow). aborted: the guest or the
 * socket went away, or the socket was refused mid-utterance.
 */
export type RecognitionOutcome = "success" | "no_speech" | "error" | "aborted";

export interface MayaMetrics {
  readonly registry: Registry;
  /** The Content-Type for the /metrics response. */
  readonly contentType: string;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;

  graphqlOperation(field: string, type: GraphqlOperationType, outcome: GraphqlOutcome, seconds: number): void;
  /** One conversation turn (`say`), by the intent Maya understood. */
  turn(intent: string, seconds: number): void;
  /** One tabChanged event published, by its reason (ITEM_ADDED, PAID...). */
  tabEvent(reason: string): void;
  /** A payment attempt reached `status` (record each transition once). */
  paymentAttempt(provider: string, status: string): void;
  /** One call to a payment provider (each try counts, retries included). */
  providerCall(provider: string, operation: string, outcome: CallOutcome, seconds: number): void;
  /** A provider call is about to be retried. */
  providerRetry(provider: string, operation: string): void;
  /** One phrase synthesized (one or more API requests, under its 5,000-byte limit each). */
  speechSynthesis(outcome: SpeechOutcome, seconds: number): void;
  /** One lookup in the speech cache. */
  speechCache(result: CacheResult): void;
  /**
   * One utterance heard by a server-side recognizer ("sphinx", "google"): its outcome, the audio it
   * received, and the seconds from the end of the guest's speech to the final transcript (when there was one).
   */
  speechRecognition(recognizer: string, outcome: RecognitionOutcome, audioSeconds: number, latencySeconds: number | null): void;
  /** A recognition socket refused or cut off, by reason (bounded). */
  speechRecognitionRefused(reason: string): void;
  /** Counts a live recognition stream; call the returned function (any number of times) when it ends. */
  speechRecognitionOpened(): () => void;
  sessionStarted(): void;
  /** Idle sessions expired by the sweep: deleted (never paid) or closed (paid records kept). */
  sessionsExpired(outcome: "deleted" | "closed", count: number): void;
  /** A change planned on a session that had moved on (another instance, a payment): planned again on the current state. */
  writeConflict(): void;
  /** The outbox relay's reading: whether its last read succeeded, and each read that failed. */
  relayRead(ok: boolean): void;
  /** One catch-up read of the outbox, by why (src/events/outbox-relay.ts): never while nothing changes. */
  outboxCatchUp(cause: "catch_up" | "gap" | "broker_down" | "retry"): void;
  /** Whether this instance's subscription to the event broker (Redis, or PostgreSQL LISTEN) is up. */
  eventBrokerUp(up: boolean): void;
  /** Whether the database answers and takes writes (src/db/availability.ts): false from an outage's start to its end. */
  databaseAvailable(up: boolean): void;
  /** A request refused as UNAVAILABLE because the database was away. */
  databaseRefusal(): void;
  /** Counts an open subscription; call the returned function (any number of times) when it ends. */
  subscriptionOpened(): () => void;
  /** One MCP tool call, by tool ("unknown" for a name Maya does not offer) and outcome. */
  mcpToolCall(tool: string, outcome: McpCallOutcome): void;
  /** Counts a live MCP session; call the returned function (any number of times) when it ends. */
  mcpSessionOpened(): () => void;
  /** An MCP session Maya closed: idle too long, or displaced by a newer one from its address at the cap. */
  mcpSessionClosed(reason: "idle" | "displaced"): void;
  /** A request refused by a rate limiter (`scope`: "session", "address", ...). */
  rateLimited(scope: string): void;
  /** A request refused by another request limit (`reason`: QUERY_TOO_DEEP, TOO_MANY_ALIASES, ...). */
  limitRefused(reason: string): void;
  /** How long a turn waited for its session's lock. */
  lockWait(seconds: number): void;
  /** One run of the idle-lock cleanup. */
  lockCleanup(evicted: number): void;
  /** The lock registry whose size and activity are read at scrape time. */
  observeSessionLocks(source: SessionLockStats): void;
  /** The process's stray-error counts (src/process-guards.ts), read at scrape time. */
  observeStrayErrors(source: StrayErrorStats): void;
  /** Log lines dropped because stdout or stderr failed or fell behind (src/startup/log-streams.ts), read at scrape time. */
  observeLogDrops(source: LogDropStats): void;
}

const PAYMENT_STATUSES = ["PENDING", "SUCCEEDED", "FAILED", "EXPIRED", "CANCELED"] as const satisfies readonly PaymentStatus[];
const PROVIDERS = ["mock", "stripe"] as const satisfies readonly ProviderName[];
const TAB_EVENT_REASONS = ["ITEM_ADDED", "ITEM_REMOVED", "TIP_CHANGED", "PAYMENT_PENDING", "PAYMENT_FAILED", "PAID"];
const LIMIT_REASONS = [
  "QUERY_TOO_LARGE",
  "MESSAGE_TOO_LARGE",
  "TOO_MANY_TOKENS",
  "QUERY_TOO_DEEP",
  "TOO_MANY_ALIASES",
  "QUERY_TOO_COSTLY",
  "TOO_MANY_DIRECTIVES",
  "TOO_MANY_SUBSCRIPTIONS",
  "TOO_MANY_CONNECTIONS",
] as const satisfies readonly Exclude<LimitReason, "RATE_LIMITED">[];
const GRAPHQL_TYPES: readonly GraphqlOperationType[] = ["query", "mutation", "subscription", "unknown"];
const GRAPHQL_OUTCOMES: readonly GraphqlOutcome[] = ["success", "client_error", "server_error", "invalid"];
const CALL_OUTCOMES: readonly CallOutcome[] = ["success", "error"];
const SPEECH_OUTCOMES: readonly SpeechOutcome[] = ["success", "failure"];
const CACHE_RESULTS: readonly CacheResult[] = ["hit", "miss"];
const MCP_CALL_OUTCOMES: readonly McpCallOutcome[] = ["success", "refused", "invalid", "error"];
const RECOGNIZERS = ["sphinx", "google"];
const RECOGNITION_OUTCOMES: readonly RecognitionOutcome[] = ["success", "no_speech", "error", "aborted"];
const RECOGNITION_REFUSALS = [
  "bad_message", "unauthenticated", "auth_timeout", "rate_limited", "busy", "overloaded", "too_many_frames", "unavailable",
  "recognizer_failed", "too_many_sockets",
];

/** "Active" sessions: a turn within this window, in this instance. */
export const ACTIVE_SESSION_WINDOW_MS = 5 * 60_000;

const LATENCY_BUCKETS = {
  graphql: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  // A turn is sub-millisecond CPU plus a database transaction.
  turn: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  // Remote APIs: tens of milliseconds to many seconds.
  remote: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  lockWait: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  // End of speech to transcript: a local decoder's second pass or a cloud round trip.
  recognition: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10],
};

export function createMetrics(options: CreateMetricsOptions): MayaMetrics {
  const registry = new Registry();
  const registers = [registry];
  const now = options.now ?? Date.now;
  const processStartMs = now() - process.uptime() * 1000;
  const cgroupRoot = options.cgroupRoot ?? DEFAULT_CGROUP_ROOT;
  let lockStats: SessionLockStats | undefined;
  let strayErrors: StrayErrorStats | undefined;
  let logDrops: LogDropStats | undefined;

  if (options.collectDefaultMetrics !== false) collectDefaultMetrics({ register: registry });

  // --- The six deployment figures, with the names the dashboard and alerts expect.
  const configMemory = new Gauge({
    name: "maya_config_memory_mb",
    help: "Memory configured for a container, in MB (MAYA_MEMORY_MB or MODAL_MEMORY_MB).",
    registers,
  });
  const configContainers = new Gauge({
    name: "maya_config_max_containers",
    help: "Maximum number of containers configured (MAYA_MAX_CONTAINERS or MODAL_MAX_CONTAINERS).",
    registers,
  });
  setOrClear(configMemory, options.config.memoryMb);
  setOrClear(configContainers, options.config.maxContainers);

  // The three container metrics are collected concurrently by one scrape:
  // share one read of the cgroup files between them.
  let pendingRead: Promise<CgroupStats> | undefined;
  const cgroupStats = () => {
    pendingRead ??= readCgroupStats(cgroupRoot).finally(() => {
      pendingRead = undefined;
    });
    return pendingRead;
  };
  new Gauge({
    name: "maya_container_memory_usage_bytes",
    help: "Memory used by the container's cgroup (memory.current, or memory.usage_in_bytes on cgroup v1).",
    registers,
    async collect() {
      setOrClear(this, (await cgroupStats()).memoryUsageBytes);
    },
  });
  new Gauge({
    name: "maya_container_memory_limit_bytes",
    help: "Memory limit of the container's cgroup (memory.max or memory.limit_in_bytes); absent when unlimited.",
    registers,
    async collect() {
      setOrClear(this, (await cgroupStats()).memoryLimitBytes);
    },
  });
  new Counter({
    name: "maya_container_cpu_usage_seconds_total",
    help: "CPU time used by the container's cgroup (cpu.stat usage_usec, or cpuacct.usage on cgroup v1).",
    registers,
    async collect() {
      const seconds = (await cgroupStats()).cpuUsageSeconds;
      // The kernel keeps the running total: mirror it rather than add to it.
      this.reset();
      if (seconds === undefined) this.remove();
      else this.inc(seconds);
    },
  });
  new Gauge({
    name: "maya_process_uptime_seconds",
    help: "Seconds since this process started.",
    registers,
    collect() {
      this.set((now() - processStartMs) / 1000);
    },
  });

  // --- GraphQL
  const graphqlField = new BoundedLabel([], 64);
  const graphqlLabels = ["operation", "type", "outcome"] as const;
  const graphqlOperations = new Counter({
    name: "maya_graphql_operations_total",
    help: "GraphQL operations by root field (\"multiple\", \"introspection\" or \"other\" otherwise), type and outcome.",
    labelNames: graphqlLabels,
    registers,
  });
  const graphqlDuration = new Histogram({
    name: "maya_graphql_operation_duration_seconds",
    help: "GraphQL operation latency, from request start to response (to subscribed, for a subscription).",
    labelNames: graphqlLabels,
    buckets: LATENCY_BUCKETS.graphql,
    registers,
  });
  const graphqlType = closedLabel(GRAPHQL_TYPES);
  const graphqlOutcome = closedLabel(GRAPHQL_OUTCOMES);

  // --- Conversation and tab
  const intent = new BoundedLabel(options.intents ?? [], 64);
  const turns = new Counter({
    name: "maya_conversation_turns_total",
    help: "Conversation turns by the intent Maya understood.",
    labelNames: ["intent"] as const,
    registers,
  });
  const turnDuration = new Histogram({
    name: "maya_conversation_turn_duration_seconds",
    help: "Conversation turn latency, lock wait excluded.",
    labelNames: ["intent"] as const,
    buckets: LATENCY_BUCKETS.turn,
    registers,
  });
  const tabReason = new BoundedLabel(TAB_EVENT_REASONS, TAB_EVENT_REASONS.length + 8);
  const tabEvents = new Counter({
    name: "maya_tab_events_total",
    help: "Tab change events published, by reason.",
    labelNames: ["reason"] as const,
    registers,
  });

  // --- Payments
  const provider = new BoundedLabel(PROVIDERS, 8);
  const paymentStatus = closedLabel(PAYMENT_STATUSES);
  const providerOperation = new BoundedLabel([], 16);
  const paymentAttempts = new Counter({
    name: "maya_payment_attempts_total",
    help: "Payment attempts reaching a status, by provider and status.",
    labelNames: ["provider", "status"] as const,
    registers,
  });
  const providerCallDuration = new Histogram({
    name: "maya_payment_provider_call_duration_seconds",
    help: "Calls to a payment provider (each try), by provider, operation and outcome.",
    labelNames: ["provider", "operation", "outcome"] as const,
    buckets: LATENCY_BUCKETS.remote,
    registers,
  });
  const providerRetries = new Counter({
    name: "maya_payment_provider_retries_total",
    help: "Retries of payment provider calls, by provider and operation.",
    labelNames: ["provider", "operation"] as const,
    registers,
  });
  const callOutcome = closedLabel(CALL_OUTCOMES);

  // --- Speech
  const speechRequests = new Counter({
    name: "maya_speech_synthesis_requests_total",
    help: "Phrases sent to the speech synthesis API (each one request or more), by outcome.",
    labelNames: ["outcome"] as const,
    registers,
  });
  const speechDuration = new Histogram({
    name: "maya_speech_synthesis_duration_seconds",
    help: "Speech synthesis latency per phrase.",
    labelNames: ["outcome"] as const,
    buckets: LATENCY_BUCKETS.remote,
    registers,
  });
  const speechCacheLookups = new Counter({
    name: "maya_speech_cache_lookups_total",
    help: "Speech cache lookups, by result (hit or miss).",
    labelNames: ["result"] as const,
    registers,
  });
  const speechOutcome = closedLabel(SPEECH_OUTCOMES);
  const cacheResult = closedLabel(CACHE_RESULTS);

  // --- Speech recognition (server-side listening)
  const recognizerLabel = new BoundedLabel(RECOGNIZERS, RECOGNIZERS.length + 2);
  const recognitionOutcome = closedLabel(RECOGNITION_OUTCOMES);
  const recognitionRefusal = new BoundedLabel(RECOGNITION_REFUSALS, RECOGNITION_REFUSALS.length + 4);
  const recognitions = new Counter({
    name: "maya_speech_recognitions_total",
    help: "Utterances heard by a server-side recognizer, by recognizer and outcome (success, no_speech, error, aborted).",
    labelNames: ["recognizer", "outcome"] as const,
    registers,
  });
  const recognitionLatency = new Histogram({
    name: "maya_speech_recognition_latency_seconds",
    help: "From the end of the guest's speech to the final transcript, by recognizer.",
    labelNames: ["recognizer"] as const,
    buckets: LATENCY_BUCKETS.recognition,
    registers,
  });
  const recognitionAudio = new Counter({
    name: "maya_speech_recognition_audio_seconds_total",
    help: "Seconds of guest audio sent to a server-side recognizer, by recognizer.",
    labelNames: ["recognizer"] as const,
    registers,
  });
  const recognitionRefusals = new Counter({
    name: "maya_speech_recognition_refusals_total",
    help: "Recognition sockets refused or cut off, by reason (bad token, limits, recognizer down...).",
    labelNames: ["reason"] as const,
    registers,
  });
  const recognitionStreams = new Gauge({
    name: "maya_speech_recognition_streams_active",
    help: "Utterances being streamed to a server-side recognizer on this instance.",
    registers,
  });

  // --- Sessions, subscriptions, rate limits
  const sessionsStarted = new Counter({
    name: "maya_sessions_started_total",
    help: "Sessions started.",
    registers,
  });
  new Gauge({
    name: "maya_sessions_active",
    help: "Sessions that ran a turn in this instance within the last 5 minutes.",
    registers,
    collect() {
      this.set(lockStats?.activeWithin(ACTIVE_SESSION_WINDOW_MS) ?? 0);
    },
  });
  const sessionExpiryOutcome = closedLabel(["deleted", "closed"] as const);
  const sessionsExpired = new Counter({
    name: "maya_sessions_expired_total",
    help: "Idle sessions expired: deleted (never paid) or closed (token revoked, paid records kept).",
    labelNames: ["outcome"] as const,
    registers,
  });

  // --- The write path and the events
  const writeConflicts = new Counter({
    name: "maya_write_conflicts_total",
    help: "Changes planned on a session that had moved on meanwhile (another instance, a payment) and planned again.",
    registers,
  });
  const relayReadFailures = new Counter({
    name: "maya_outbox_relay_read_failures_total",
    help: "Reads of the outbox (other instances' tab changes) that failed and were retried.",
    registers,
  });
  const relayHealthy = new Gauge({
    name: "maya_outbox_relay_healthy",
    help: "1 while this instance reads other instances' tab changes, 0 while reading fails (PostgreSQL only).",
    registers,
  });
  const outboxCatchUps = new Counter({
    name: "maya_outbox_catch_up_reads_total",
    help: "Reads of the outbox to catch up on tab changes the broker did not bring, by cause (catch_up: the broker came back or woke this instance; gap: an id skipped over; broker_down: read on a timer while the broker is away; retry: after a failed read).",
    labelNames: ["cause"],
    registers,
  });
  const brokerUp = new Gauge({
    name: "maya_event_broker_up",
    help: "1 while this instance is subscribed to the event broker (Redis pub/sub, or PostgreSQL LISTEN), 0 while it is away (the outbox is then read every 250 ms).",
    registers,
  });
  const databaseUp = new Gauge({
    name: "maya_database_available",
    help: "1 while the database answers and takes writes, 0 during an outage (unreachable, refusing connections, disk full, read-only).",
    registers,
  });
  const databaseRefusals = new Counter({
    name: "maya_database_unavailable_refusals_total",
    help: "Requests refused as UNAVAILABLE (HTTP 503 with Retry-After) because the database was away.",
    registers,
  });
  const subscriptionsActive = new Gauge({
    name: "maya_subscriptions_active",
    help: "GraphQL subscriptions open on this instance.",
    registers,
  });
  const rateScope = new BoundedLabel(["session", "address"], 8);
  const rateLimitRejections = new Counter({
    name: "maya_rate_limit_rejections_total",
    help: "Requests refused by a rate limiter, by scope.",
    labelNames: ["scope"] as const,
    registers,
  });

  // --- MCP
  const mcpTool = new BoundedLabel([], 16);
  const mcpOutcome = closedLabel(MCP_CALL_OUTCOMES);
  const mcpToolCalls = new Counter({
    name: "maya_mcp_tool_calls_total",
    help: "MCP tool calls, by tool and outcome (success, refused: a guest's mistake, invalid: bad arguments or no such tool, error).",
    labelNames: ["tool", "outcome"] as const,
    registers,
  });
  const mcpSessionsClosed = new Counter({
    name: "maya_mcp_sessions_closed_total",
    help: "MCP sessions Maya closed, by reason (idle: no request for MAYA_MCP_IDLE_SECONDS; displaced: the oldest idle one of an address at its cap, for a new one).",
    labelNames: ["reason"] as const,
    registers,
  });
  for (const reason of ["idle", "displaced"]) mcpSessionsClosed.inc({ reason }, 0);
  const mcpSessionsActive = new Gauge({
    name: "maya_mcp_sessions_active",
    help: "MCP sessions open over HTTP on this instance.",
    registers,
  });

  const limitReason = new BoundedLabel(LIMIT_REASONS, LIMIT_REASONS.length + 8);
  const limitRefusals = new Counter({
    name: "maya_limit_refusals_total",
    help: "Requests refused by a request limit other than the rate limits (query size, tokens, depth, aliases, cost, directives, subscriptions per socket, sockets per address), by reason.",
    labelNames: ["reason"] as const,
    registers,
  });

  new Counter({
    name: "maya_process_errors_total",
    help: "Errors nothing handled (unhandled promise rejections, uncaught exceptions), logged and survived, by kind.",
    labelNames: ["kind"] as const,
    registers,
    collect() {
      // The process guard keeps the running total: mirror it.
      this.reset();
      for (const kind of STRAY_ERROR_KINDS) this.inc({ kind }, strayErrors?.count(kind) ?? 0);
    },
  });

  new Counter({
    name: "maya_log_lines_dropped_total",
    help: "Log lines dropped instead of written, by stream and reason (closed: the stream failed, e.g. EPIPE; full: its reader fell behind).",
    labelNames: ["stream", "reason"] as const,
    registers,
    collect() {
      this.reset();
      for (const stream of LOG_STREAMS) for (const reason of LOG_DROP_REASONS) this.inc({ stream, reason }, logDrops?.dropped(stream, reason) ?? 0);
    },
  });

  // --- Session locks
  new Gauge({
    name: "maya_session_locks",
    help: "Session locks held in memory by this instance (held, waited on or idle).",
    registers,
    collect() {
      this.set(lockStats?.size ?? 0);
    },
  });
  new Gauge({
    name: "maya_session_lock_waiters",
    help: "Turns waiting for their session's lock.",
    registers,
    collect() {
      this.set(lockStats?.waiting ?? 0);
    },
  });
  const lockWaitDuration = new Histogram({
    name: "maya_session_lock_wait_seconds",
    help: "Time a turn waited for its session's lock.",
    buckets: LATENCY_BUCKETS.lockWait,
    registers,
  });
  const lockCleanupRuns = new Counter({
    name: "maya_session_lock_cleanup_runs_total",
    help: "Runs of the idle session-lock cleanup.",
    registers,
  });
  const lockEvictions = new Counter({
    name: "maya_session_lock_evictions_total",
    help: "Idle session locks evicted by the cleanup.",
    registers,
  });

  // Series that alerts and ratios divide by must exist before their first event.
  for (const p of PROVIDERS) for (const status of PAYMENT_STATUSES) paymentAttempts.inc({ provider: p, status }, 0);
  for (const reason of TAB_EVENT_REASONS) tabEvents.inc({ reason }, 0);
  for (const outcome of SPEECH_OUTCOMES) speechRequests.inc({ outcome }, 0);
  for (const result of CACHE_RESULTS) speechCacheLookups.inc({ result }, 0);
  for (const recognizer of RECOGNIZERS) for (const outcome of RECOGNITION_OUTCOMES) recognitions.inc({ recognizer, outcome }, 0);
  for (const reason of RECOGNITION_REFUSALS) recognitionRefusals.inc({ reason }, 0);
  for (const scope of rateScope.known) rateLimitRejections.inc({ scope }, 0);
  for (const name of intent.known) turns.inc({ intent: name }, 0);
  for (const reason of limitReason.known) limitRefusals.inc({ reason }, 0);

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),

    graphqlOperation(field, type, outcome, seconds) {
      const labels = {
        operation: graphqlField.value(field),
        type: graphqlType.value(type),
        outcome: graphqlOutcome.value(outcome),
      };
      graphqlOperations.inc(labels);
      graphqlDuration.observe(labels, seconds);
    },
    turn(name, seconds) {
      const labels = { intent: intent.value(name) };
      turns.inc(labels);
      turnDuration.observe(labels, seconds);
    },
    tabEvent(reason) {
      tabEvents.inc({ reason: tabReason.value(reason) });
    },
    paymentAttempt(name, status) {
      paymentAttempts.inc({ provider: provider.value(name), status: paymentStatus.value(status) });
    },
    providerCall(name, operation, outcome, seconds) {
      providerCallDuration.observe(
        { provider: provider.value(name), operation: providerOperation.value(operation), outcome: callOutcome.value(outcome) },
        seconds,
      );
    },
    providerRetry(name, operation) {
      providerRetries.inc({ provider: provider.value(name), operation: providerOperation.value(operation) });
    },
    speechSynthesis(outcome, seconds) {
      const labels = { outcome: speechOutcome.value(outcome) };
      speechRequests.inc(labels);
      speechDuration.observe(labels, seconds);
    },
    speechCache(result) {
      speechCacheLookups.inc({ result: cacheResult.value(result) });
    },
    speechRecognition(recognizer, outcome, audioSeconds, latencySeconds) {
      const name = recognizerLabel.value(recognizer);
      recognitions.inc({ recognizer: name, outcome: recognitionOutcome.value(outcome) });
      if (audioSeconds > 0) recognitionAudio.inc({ recognizer: name }, audioSeconds);
      if (latencySeconds !== null) recognitionLatency.observe({ recognizer: name }, latencySeconds);
    },
    speechRecognitionRefused(reason) {
      recognitionRefusals.inc({ reason: recognitionRefusal.value(reason) });
    },
    speechRecognitionOpened: () => countOpen(recognitionStreams),
    sessionStarted() {
      sessionsStarted.inc();
    },
    sessionsExpired(outcome, count) {
      sessionsExpired.inc({ outcome: sessionExpiryOutcome.value(outcome) }, count);
    },
    writeConflict() {
      writeConflicts.inc();
    },
    relayRead(ok) {
      relayHealthy.set(ok ? 1 : 0);
      if (!ok) relayReadFailures.inc();
    },
    outboxCatchUp(cause) {
      outboxCatchUps.inc({ cause });
    },
    eventBrokerUp(up) {
      brokerUp.set(up ? 1 : 0);
    },
    databaseAvailable(up) {
      databaseUp.set(up ? 1 : 0);
    },
    databaseRefusal() {
      databaseRefusals.inc();
    },
    subscriptionOpened: () => countOpen(subscriptionsActive),
    mcpToolCall(tool, outcome) {
      mcpToolCalls.inc({ tool: mcpTool.value(tool), outcome: mcpOutcome.value(outcome) });
    },
    mcpSessionOpened: () => countOpen(mcpSessionsActive),
    mcpSessionClosed(reason) {
      mcpSessionsClosed.inc({ reason: reason === "displaced" ? "displaced" : "idle" });
    },
    rateLimited(scope) {
      rateLimitRejections.inc({ scope: rateScope.value(scope) });
    },
    limitRefused(reason) {
      limitRefusals.inc({ reason: limitReason.value(reason) });
    },
    lockWait(seconds) {
      lockWaitDuration.observe(seconds);
    },
    lockCleanup(evicted) {
      lockCleanupRuns.inc();
      lockEvictions.inc(evicted);
    },
    observeSessionLocks(source) {
      lockStats = source;
    },
    observeStrayErrors(source) {
      strayErrors = source;
    },
    observeLogDrops(source) {
      logDrops = source;
    },
  };
}

/** Counts one more open thing on `gauge`; the returned function counts it closed, once however often it is called. */
function countOpen(gauge: Gauge): () => void {
  gauge.inc();
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    gauge.dec();
  };
}

/** An unlabelled gauge or counter shows `value`, or no sample at all when there is none. */
function setOrClear(metric: Gauge, value: number | undefined): void {
  if (value === undefined) metric.remove();
  else metric.set(value);
}
