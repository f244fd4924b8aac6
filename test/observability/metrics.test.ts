import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { metricsHandler } from "../../src/observability/http.js";
import { createMetrics, type MayaMetrics } from "../../src/observability/metrics.js";
import { SessionLocks } from "../../src/observability/session-locks.js";
import { type Exposition, parseExposition, valueOf } from "./prometheus-text.js";

const cgroupFixture = (name: string) => fileURLToPath(new URL(`./fixtures/cgroup/${name}`, import.meta.url));

const NAMED_METRICS = {
  maya_config_memory_mb: "gauge",
  maya_config_max_containers: "gauge",
  maya_container_memory_usage_bytes: "gauge",
  maya_container_memory_limit_bytes: "gauge",
  maya_container_cpu_usage_seconds_total: "counter",
  maya_process_uptime_seconds: "gauge",
} as const;

const scrape = async (metrics: MayaMetrics): Promise<Exposition> => parseExposition(await metrics.render());

/** What the app records during one guest's evening: order, tip, pay. */
async function scriptedSession(metrics: MayaMetrics, locks: SessionLocks, sessionId: string) {
  metrics.sessionStarted();
  metrics.graphqlOperation("startSession", "mutation", "success", 0.004);
  const closeSubscription = metrics.subscriptionOpened();

  const say = (intent: string, events: string[]) =>
    locks.runExclusive(sessionId, async () => {
      metrics.turn(intent, 0.002);
      for (const reason of events) metrics.tabEvent(reason);
      metrics.graphqlOperation("say", "mutation", "success", 0.003);
    });

  await say("GREETING", []);
  await say("ORDER", ["ITEM_ADDED"]); // "two martinis and an IPA": one transaction, one event
  await say("ORDER", ["ITEM_ADDED"]);
  await say("SET_TIP", ["TIP_CHANGED"]);
  // The speech of a reply: first a miss and a synthesis, then the same phrase from the cache.
  metrics.speechCache("miss");
  metrics.speechSynthesis("success", 0.3);
  metrics.speechCache("hit");

  await say("PAY", ["PAYMENT_PENDING"]);
  metrics.paymentAttempt("mock", "PENDING");
  metrics.providerCall("mock", "create_checkout", "error", 0.05);
  metrics.providerRetry("mock", "create_checkout");
  metrics.providerCall("mock", "create_checkout", "success", 0.04);
  metrics.graphqlOperation("simulatePayment", "mutation", "success", 0.02);
  metrics.paymentAttempt("mock", "SUCCEEDED");
  metrics.tabEvent("PAID");
  metrics.rateLimited("session");
  closeSubscription();
}

describe("metrics", () => {
  it("expose the six named metrics with their types and values from configuration and cgroup", async () => {
    const metrics = createMetrics({ config: { memoryMb: 2048, maxContainers: 3 }, cgroupRoot: cgroupFixture("v2") });
    const exposition = await scrape(metrics);
    for (const [name, type] of Object.entries(NAMED_METRICS)) expect(exposition.types.get(name), name).toBe(type);
    expect(valueOf(exposition, "maya_config_memory_mb")).toBe(2048);
    expect(valueOf(exposition, "maya_config_max_containers")).toBe(3);
    expect(valueOf(exposition, "maya_container_memory_usage_bytes")).toBe(536_870_912);
    expect(valueOf(exposition, "maya_container_memory_limit_bytes")).toBe(2_147_483_648);
    expect(valueOf(exposition, "maya_container_cpu_usage_seconds_total")).toBe(12.345678);
    expect(valueOf(exposition, "maya_process_uptime_seconds")).toBeGreaterThan(0);
  });

  it("leave out a value nobody knows: no configuration, no cgroup limit, no cgroup at all", async () => {
    const unlimited = await scrape(createMetrics({ config: {}, cgroupRoot: cgroupFixture("v2-unlimited") }));
    expect(unlimited.types.get("maya_container_memory_limit_bytes")).toBe("gauge");
    expect(valueOf(unlimited, "maya_container_memory_limit_bytes")).toBeUndefined();
    expect(valueOf(unlimited, "maya_container_memory_usage_bytes")).toBe(104_857_600);
    expect(valueOf(unlimited, "maya_config_memory_mb")).toBeUndefined();
    expect(valueOf(unlimited, "maya_config_max_containers")).toBeUndefined();

    const missing = await scrape(createMetrics({ config: {}, cgroupRoot: cgroupFixture("no-such-folder") }));
    for (const name of Object.keys(NAMED_METRICS)) expect(missing.types.get(name), name).toBeDefined();
    expect(valueOf(missing, "maya_container_memory_usage_bytes")).toBeUndefined();
    expect(valueOf(missing, "maya_container_cpu_usage_seconds_total")).toBeUndefined();
  });

  it("follow the cgroup's CPU total rather than adding to it across scrapes", async () => {
    const metrics = createMetrics({ config: {}, cgroupRoot: cgroupFixture("v1") });
    await metrics.render();
    expect(valueOf(await scrape(metrics), "maya_container_cpu_usage_seconds_total")).toBe(98.7654321);
  });

  it("measure uptime with the given clock", async () => {
    let now = 1_000_000;
    const metrics = createMetrics({ config: {}, collectDefaultMetrics: false, now: () => now });
    const before = valueOf(await scrape(metrics), "maya_process_uptime_seconds")!;
    now += 90_000;
    expect(valueOf(await scrape(metrics), "maya_process_uptime_seconds")).toBeCloseTo(before + 90, 6);
  });

  it("count a scripted session (order, tip, pay) by the right amounts", async () => {
    const metrics = createMetrics({ config: { memoryMb: 1024 }, cgroupRoot: cgroupFixture("v2"), intents: ["ORDER", "PAY"] });
    const locks = new SessionLocks({ idleMs: 3_600_000, cleanupIntervalMs: 300_000, metrics });
    const before = await scrape(metrics);
    // Known series exist at zero before anything happens, so rates and alerts have a baseline.
    expect(valueOf(before, "maya_payment_attempts_total", { provider: "stripe", status: "FAILED" })).toBe(0);
    expect(valueOf(before, "maya_conversation_turns_total", { intent: "ORDER" })).toBe(0);

    await scriptedSession(metrics, locks, "session-1");
    const after = await scrape(metrics);
    const delta = (name: string, labels: Record<string, string> = {}) =>
      (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0);

    for (const [name, type] of Object.entries(NAMED_METRICS)) expect(after.types.get(name), name).toBe(type);
    expect(delta("maya_sessions_started_total")).toBe(1);
    expect(delta("maya_conversation_turns_total", { intent: "ORDER" })).toBe(2);
    expect(delta("maya_conversation_turns_total", { intent: "GREETING" })).toBe(1);
    expect(delta("maya_conversation_turns_total", { intent: "SET_TIP" })).toBe(1);
    expect(delta("maya_conversation_turns_total", { intent: "PAY" })).toBe(1);
    expect(delta("maya_conversation_turn_duration_seconds_count", { intent: "ORDER" })).toBe(2);
    expect(delta("maya_conversation_turn_duration_seconds_bucket", { intent: "ORDER", le: "0.0025" })).toBe(2);
    expect(delta("maya_tab_events_total", { reason: "ITEM_ADDED" })).toBe(2);
    expect(delta("maya_tab_events_total", { reason: "TIP_CHANGED" })).toBe(1);
    expect(delta("maya_tab_events_total", { reason: "PAYMENT_PENDING" })).toBe(1);
    expect(delta("maya_tab_events_total", { reason: "PAID" })).toBe(1);
    expect(delta("maya_tab_events_total", { reason: "PAYMENT_FAILED" })).toBe(0);
    expect(delta("maya_payment_attempts_total", { provider: "mock", status: "PENDING" })).toBe(1);
    expect(delta("maya_payment_attempts_total", { provider: "mock", status: "SUCCEEDED" })).toBe(1);
    expect(delta("maya_payment_attempts_total", { provider: "mock", status: "FAILED" })).toBe(0);
    const createCheckout = { provider: "mock", operation: "create_checkout" };
    expect(delta("maya_payment_provider_call_duration_seconds_count", { ...createCheckout, outcome: "error" })).toBe(1);
    expect(delta("maya_payment_provider_call_duration_seconds_count", { ...createCheckout, outcome: "success" })).toBe(1);
    expect(delta("maya_payment_provider_call_duration_seconds_sum", { ...createCheckout, outcome: "success" })).toBeCloseTo(0.04);
    expect(delta("maya_payment_provider_retries_total", createCheckout)).toBe(1);
    expect(delta("maya_speech_cache_lookups_total", { result: "hit" })).toBe(1);
    expect(delta("maya_speech_cache_lookups_total", { result: "miss" })).toBe(1);
    expect(delta("maya_speech_synthesis_requests_total", { outcome: "success" })).toBe(1);
    expect(delta("maya_speech_synthesis_requests_total", { outcome: "failure" })).toBe(0);
    expect(delta("maya_graphql_operations_total", { operation: "say", type: "mutation", outcome: "success" })).toBe(5);
    expect(delta("maya_graphql_operation_duration_seconds_count", { operation: "say", type: "mutation", outcome: "success" })).toBe(5);
    expect(delta("maya_rate_limit_rejections_total", { scope: "session" })).toBe(1);
    expect(delta("maya_session_lock_wait_seconds_count")).toBe(5);
    expect(valueOf(after, "maya_subscriptions_active")).toBe(0);
    expect(valueOf(after, "maya_sessions_active")).toBe(1);
    expect(valueOf(after, "maya_session_locks")).toBe(1);
    expect(valueOf(after, "maya_session_lock_waiters")).toBe(0);
  });

  it("keep label values bounded: no free text, no session ids, a cap on distinct values", async () => {
    const metrics = createMetrics({ config: {}, collectDefaultMetrics: false });
    metrics.turn("session 7f3a-91bc: I'd like a martini", 0.001);
    metrics.turn("0a1b2c3d-4e5f-6789-abcd-ef0123456789", 0.001);
    metrics.paymentAttempt("mock", "ALMOST_PAID");
    metrics.rateLimited("ip=10.0.0.1");
    for (let i = 0; i < 500; i++) metrics.turn(`INTENT_${i}`, 0.001);
    const exposition = await scrape(metrics);
    const intents = new Set(
      exposition.samples.filter((s) => s.name === "maya_conversation_turns_total").map((s) => s.labels.intent),
    );
    expect(intents.size).toBeLessThanOrEqual(65);
    expect(valueOf(exposition, "maya_conversation_turns_total", { intent: "other" })).toBe(2 + 500 - 64);
    expect(valueOf(exposition, "maya_payment_attempts_total", { provider: "mock", status: "other" })).toBe(1);
    expect(valueOf(exposition, "maya_rate_limit_rejections_total", { scope: "other" })).toBe(1);
  });

  it("close a subscription once however often its closer is called", async () => {
    const metrics = createMetrics({ config: {}, collectDefaultMetrics: false });
    const first = metrics.subscriptionOpened();
    metrics.subscriptionOpened();
    first();
    first();
    expect(valueOf(await scrape(metrics), "maya_subscriptions_active")).toBe(1);
  });

  it("give each app instance its own registry: two in one process neither throw nor share", async () => {
    const a = createMetrics({ config: { memoryMb: 512 } });
    const b = createMetrics({ config: { memoryMb: 4096 } });
    expect(a.registry).not.toBe(b.registry);
    a.sessionStarted();
    const [textA, textB] = [await scrape(a), await scrape(b)];
    expect(valueOf(textA, "maya_sessions_started_total")).toBe(1);
    expect(valueOf(textB, "maya_sessions_started_total")).toBe(0);
    expect(valueOf(textB, "maya_config_memory_mb")).toBe(4096);
    // prom-client's default process metrics are there in both.
    for (const text of [textA, textB]) {
      expect(text.types.get("process_cpu_user_seconds_total")).toBe("counter");
      expect(text.types.get("nodejs_heap_size_used_bytes")).toBe("gauge");
    }
  });

  it("serve the text over HTTP with Prometheus' content type", async () => {
    const metrics = createMetrics({ config: { maxContainers: 2 }, cgroupRoot: cgroupFixture("v1") });
    const server = createServer(metricsHandler(metrics));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      const exposition = parseExposition(await response.text());
      expect(valueOf(exposition, "maya_config_max_containers")).toBe(2);
      expect(valueOf(exposition, "maya_container_memory_limit_bytes")).toBe(1_073_741_824);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("answer 500 when collection fails, so Prometheus marks the scrape failed", async () => {
    const server = createServer(
      metricsHandler({ contentType: "text/plain", render: () => Promise.reject(new Error("disk on fire")) }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(500);
      expect(await response.text()).toContain("disk on fire");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
