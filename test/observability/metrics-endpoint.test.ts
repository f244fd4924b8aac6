/**
 * GET /metrics of a real app after a scripted session: every named metric of
 * PRODUCT.md with its type, and the operational counters moved by exactly
 * what the session did.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { parseExposition, valueOf, type Exposition } from "./prometheus-text.js";

const cgroupV2 = fileURLToPath(new URL("./fixtures/cgroup/v2", import.meta.url));

describe("GET /metrics", () => {
  let app: MayaApp;

  beforeAll(async () => {
    app = await startTestMaya({ kind: "pglite" }, { MAYA_MEMORY_MB: "2048", MODAL_MAX_CONTAINERS: "3" }, { cgroupRoot: cgroupV2 });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function scrape(): Promise<Exposition> {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return parseExposition(await response.text());
  }

  it("exposes the six named metrics with their types", async () => {
    const metrics = await scrape();
    expect(metrics.types.get("maya_config_memory_mb")).toBe("gauge");
    expect(metrics.types.get("maya_config_max_containers")).toBe("gauge");
    expect(metrics.types.get("maya_container_memory_usage_bytes")).toBe("gauge");
    expect(metrics.types.get("maya_container_memory_limit_bytes")).toBe("gauge");
    expect(metrics.types.get("maya_container_cpu_usage_seconds_total")).toBe("counter");
    expect(metrics.types.get("maya_process_uptime_seconds")).toBe("gauge");
    expect(valueOf(metrics, "maya_config_memory_mb")).toBe(2048);
    expect(valueOf(metrics, "maya_config_max_containers")).toBe(3);
    expect(valueOf(metrics, "maya_container_memory_usage_bytes")).toBeGreaterThan(0);
    expect(valueOf(metrics, "maya_process_uptime_seconds")).toBeGreaterThanOrEqual(0);
    // prom-client's own process metrics come along.
    expect(metrics.types.has("process_cpu_user_seconds_total")).toBe(true);
  });

  it("counts what a scripted session did: order, tip, pay", async () => {
    const before = await scrape();
    const count = (metrics: Exposition, name: string, labels: Record<string, string> = {}) =>
      valueOf(metrics, name, labels) ?? 0;

    const guest = await MayaClient.startSession(app.url, "Metrics");
    await guest.data(`mutation { say(text: "two martinis please") { intent } }`);
    await guest.data(`mutation { setTip(percent: 15) { tipCents } }`);
    const checkout = await guest.data<{ checkout: { id: string } }>(`mutation { checkout { id } }`);
    await guest.data(`mutation Pay($id: ID!) { simulatePayment(paymentId: $id, card: "4242424242424242") { status } }`, {
      id: checkout.checkout.id,
    });

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => count(after, name, labels) - count(before, name, labels);
    expect(delta("maya_sessions_started_total")).toBe(1);
    expect(delta("maya_conversation_turns_total", { intent: "ORDER" })).toBe(1);
    expect(delta("maya_tab_events_total", { reason: "ITEM_ADDED" })).toBe(1);
    expect(delta("maya_tab_events_total", { reason: "TIP_CHANGED" })).toBe(1);
    expect(delta("maya_tab_events_total", { reason: "PAYMENT_PENDING" })).toBe(1);
    expect(delta("maya_tab_events_total", { reason: "PAID" })).toBe(1);
    expect(delta("maya_payment_attempts_total", { provider: "mock", status: "PENDING" })).toBe(1);
    expect(delta("maya_payment_attempts_total", { provider: "mock", status: "SUCCEEDED" })).toBe(1);
    expect(delta("maya_graphql_operations_total", { operation: "say", type: "mutation", outcome: "success" })).toBe(1);
    expect(delta("maya_graphql_operations_total", { operation: "checkout", type: "mutation", outcome: "success" })).toBe(1);
    expect(count(after, "maya_session_locks")).toBeGreaterThanOrEqual(1);
  });

  it("counts open subscriptions for as long as they last", async () => {
    const guest = await MayaClient.startSession(app.url);
    const client = guest.subscriptions();
    const received: unknown[] = [];
    const unsubscribe = client.subscribe(
      { query: "subscription { tabChanged { reason } }" },
      { next: (event) => void received.push(event), error: () => undefined, complete: () => undefined },
    );
    const active = async () => valueOf(await scrape(), "maya_subscriptions_active") ?? 0;
    await expect.poll(active).toBe(1);
    await guest.data(`mutation { addToTab(menuItemId: "water") { id } }`);
    await expect.poll(() => received.length).toBe(1);
    unsubscribe();
    await expect.poll(active).toBe(0);
    await client.dispose();
  });

  it("counts refused operations as client errors", async () => {
    const before = await scrape();
    const guest = await MayaClient.startSession(app.url);
    expect(await guest.errorCode(`mutation { addToTab(menuItemId: "martini", quantity: 1000) { id } }`)).toBe("BAD_USER_INPUT");
    const after = await scrape();
    const labels = { operation: "addToTab", type: "mutation", outcome: "client_error" };
    expect((valueOf(after, "maya_graphql_operations_total", labels) ?? 0) - (valueOf(before, "maya_graphql_operations_total", labels) ?? 0)).toBe(1);
  });

  it("counts operations over graphql-ws as over HTTP: by root field, type and outcome, with their latency", async () => {
    const before = await scrape();
    const guest = await MayaClient.startSession(app.url);
    const client = guest.subscriptions();
    const once = (query: string) =>
      new Promise<{ data?: unknown; errors?: readonly { extensions?: { code?: string } }[] }>((resolve) => {
        let result: { data?: unknown; errors?: readonly { extensions?: { code?: string } }[] } = {};
        client.subscribe({ query }, {
          next: (value) => void (result = value as typeof result),
          error: (errors) => resolve({ errors: errors as typeof result.errors }),
          complete: () => resolve(result),
        });
      });
    const live: unknown[] = [];
    const unsubscribe = client.subscribe(
      { query: "subscription { tabChanged { reason } }" },
      { next: (event) => void live.push(event), error: () => undefined, complete: () => undefined },
    );
    expect((await once(`{ menu { id } }`)).errors).toBeUndefined();
    expect((await once(`mutation { addToTab(menuItemId: "water") { id } }`)).errors).toBeUndefined();
    expect((await once(`mutation { addToTab(menuItemId: "martini", quantity: 1000) { id } }`)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await once(`{ noSuchField }`)).errors).toHaveLength(1);
    await expect.poll(() => live.length).toBe(1);
    unsubscribe();
    await client.dispose();

    const after = await scrape();
    const delta = (labels: Record<string, string>) =>
      (valueOf(after, "maya_graphql_operations_total", labels) ?? 0) - (valueOf(before, "maya_graphql_operations_total", labels) ?? 0);
    expect(delta({ operation: "menu", type: "query", outcome: "success" })).toBe(1);
    expect(delta({ operation: "addToTab", type: "mutation", outcome: "success" })).toBe(1);
    expect(delta({ operation: "addToTab", type: "mutation", outcome: "client_error" })).toBe(1);
    expect(delta({ operation: "tabChanged", type: "subscription", outcome: "success" })).toBe(1);
    expect(delta({ operation: "other", type: "unknown", outcome: "invalid" })).toBe(1);
    const seconds = (metrics: Exposition) => valueOf(metrics, "maya_graphql_operation_duration_seconds_count", { operation: "menu", type: "query", outcome: "success" }) ?? 0;
    expect(seconds(after) - seconds(before)).toBe(1);
  });
});
