#!/usr/bin/env node
/**
 * Source of the monitoring files: the Grafana dashboard, the Prometheus alert
 * rules and the Grafana alert rules are all generated from the definitions
 * below, so the two alerting systems can never disagree and panel ids and
 * positions are never edited by hand.
 *
 *   node monitoring/generate.mjs          writes the files
 *   node monitoring/generate.mjs --check  exits 1 when a file is out of date
 *
 * A test (test/observability/monitoring-files.test.ts) runs the check.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";

/** Bump with every change to the dashboard and say why in monitoring/CHANGELOG.md. */
export const DASHBOARD_VERSION = 4;
export const DASHBOARD_UID = "maya-mcp";
/** The job name in prometheus/prometheus.yml; the alerts select it. */
export const JOB = "maya";
/** The uid given to Prometheus by grafana/provisioning/datasources/maya-prometheus.yaml. */
export const GRAFANA_DATASOURCE_UID = "maya-prometheus";

const here = dirname(fileURLToPath(import.meta.url));
export const OUTPUTS = {
  dashboard: join(here, "grafana", "maya-mcp-dashboard.json"),
  prometheusAlerts: join(here, "prometheus", "alerts.yml"),
  grafanaAlerts: join(here, "grafana", "provisioning", "alerting", "maya-alerts.yaml"),
};

// ---------------------------------------------------------------- alerts

const job = `job="${JOB}"`;
const MIB = 1024 * 1024;
/** The cgroup limit when there is one, else the configured container memory. */
const memoryLimit = `(maya_container_memory_limit_bytes{${job}} or on(job, instance) maya_config_memory_mb{${job}} * ${MIB})`;
const memoryUsage = `maya_container_memory_usage_bytes{${job}}`;
const failedPayments = `sum by (job, provider) (increase(maya_payment_attempts_total{${job}, status="FAILED"}[15m]))`;
const speechFailures = `sum by (job) (increase(maya_speech_synthesis_requests_total{${job}, outcome="failure"}[10m]))`;

/**
 * Each alert fires while every condition holds (`and`): Prometheus gets
 * `query op threshold and ...`, Grafana one query per condition and a math
 * expression over them.
 */
export const ALERTS = [
  {
    name: "MayaHighMemoryUse",
    conditions: [{ query: `${memoryUsage} / on(job, instance) ${memoryLimit}`, op: ">", threshold: 0.85 }],
    for: "5m",
    severity: "warning",
    summary: "Maya is using more than 85% of its memory limit",
    description: "{{ $labels.instance }} has used {{ $value | humanizePercentage }} of its memory limit for 5 minutes.",
  },
  {
    name: "MayaLowMemoryHeadroom",
    conditions: [{ query: `${memoryLimit} - on(job, instance) ${memoryUsage}`, op: "<", threshold: 256 * MIB }],
    for: "5m",
    severity: "critical",
    summary: "Maya has less than 256 MB of memory headroom",
    description: "{{ $labels.instance }} has {{ $value | humanize1024 }}B left before its memory limit.",
  },
  {
    name: "MayaSustainedHighCpu",
    conditions: [{ query: `rate(maya_container_cpu_usage_seconds_total{${job}}[5m])`, op: ">", threshold: 0.9 }],
    for: "10m",
    severity: "warning",
    summary: "Maya has used more than 90% of a CPU core for 10 minutes",
    description: "{{ $labels.instance }} is using {{ $value | humanize }} CPU cores.",
  },
  {
    name: "MayaPaymentFailures",
    conditions: [
      {
        query: `${failedPayments} / sum by (job, provider) (increase(maya_payment_attempts_total{${job}, status=~"SUCCEEDED|FAILED"}[15m]))`,
        op: ">",
        threshold: 0.5,
      },
      // A guest trying a declined test card once is not an incident.
      { query: failedPayments, op: ">=", threshold: 3 },
    ],
    for: "5m",
    severity: "warning",
    summary: "Most payments are failing",
    description: "More than half of the {{ $labels.provider }} payments finished in the last 15 minutes failed.",
  },
  {
    name: "MayaPaymentProviderErrors",
    conditions: [
      {
        query: `sum by (job, provider) (increase(maya_payment_provider_call_duration_seconds_count{${job}, outcome="error"}[10m]))`,
        op: ">=",
        threshold: 3,
      },
    ],
    for: "5m",
    severity: "critical",
    summary: "Calls to the payment provider are failing",
    description: "{{ $value | humanize }} calls to {{ $labels.provider }} failed in the last 10 minutes.",
  },
  {
    name: "MayaSpeechFailures",
    conditions: [
      {
        query: `${speechFailures} / sum by (job) (increase(maya_speech_synthesis_requests_total{${job}}[10m]))`,
        op: ">",
        threshold: 0.2,
      },
      { query: speechFailures, op: ">=", threshold: 3 },
    ],
    for: "5m",
    severity: "warning",
    summary: "Speech synthesis is failing",
    description: "More than 20% of speech synthesis requests failed in the last 10 minutes; guests fall back to the browser's voice.",
  },
  {
    name: "MayaEventsNotRelayed",
    conditions: [{ query: `maya_outbox_relay_healthy{${job}}`, op: "==", threshold: 0 }],
    for: "2m",
    severity: "critical",
    summary: "An instance cannot read other instances' tab changes",
    description:
      "{{ $labels.instance }} has failed to read the outbox for 2 minutes: its guests' overlays miss changes made on other instances (they catch up once it reads again). Check its database connection.",
  },
  {
    name: "MayaDown",
    conditions: [{ query: `up{${job}}`, op: "==", threshold: 0 }],
    for: "2m",
    severity: "critical",
    summary: "Maya is down",
    description: "Prometheus has not been able to scrape {{ $labels.instance }} for 2 minutes.",
    // No `up` series at all means Prometheus lost the target: treat as down.
    grafanaNoData: "Alerting",
  },
];

const prometheusExpr = (alert) => alert.conditions.map((c) => `${c.query} ${c.op} ${c.threshold}`).join(" and ");

export function buildPrometheusAlerts() {
  return {
    groups: [
      {
        name: "maya",
        rules: ALERTS.map((alert) => ({
          alert: alert.name,
          expr: prometheusExpr(alert),
          for: alert.for,
          labels: { severity: alert.severity },
          annotations: { summary: alert.summary, description: alert.description },
        })),
      },
    ],
  };
}

const kebab = (name) => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

export function buildGrafanaAlerts() {
  const rule = (alert) => {
    const queries = alert.conditions.flatMap((condition, i) => [
      {
        refId: `Q${i}`,
        relativeTimeRange: { from: 900, to: 0 },
        datasourceUid: GRAFANA_DATASOURCE_UID,
        model: { refId: `Q${i}`, expr: condition.query, instant: true, range: false, intervalMs: 60000, maxDataPoints: 43200 },
      },
      {
        refId: `R${i}`,
        datasourceUid: "__expr__",
        model: { refId: `R${i}`, type: "reduce", expression: `Q${i}`, reducer: "last", settings: { mode: "dropNN" } },
      },
    ]);
    const math = alert.conditions.map((c, i) => `($R${i} ${c.op} ${c.threshold})`).join(" && ");
    return {
      uid: kebab(alert.name),
      title: alert.name,
      condition: "C",
      data: [...queries, { refId: "C", datasourceUid: "__expr__", model: { refId: "C", type: "math", expression: math } }],
      noDataState: alert.grafanaNoData ?? "OK",
      execErrState: "Error",
      for: alert.for,
      annotations: {
        summary: alert.summary,
        // Grafana has the first condition's reduced value at $values.R0 where Prometheus has $value.
        description: alert.description.replaceAll("{{ $value", "{{ $values.R0.Value"),
        __dashboardUid__: DASHBOARD_UID,
      },
      labels: { severity: alert.severity },
      isPaused: false,
    };
  };
  return {
    apiVersion: 1,
    groups: [{ orgId: 1, name: "maya", folder: "Maya", interval: "1m", rules: ALERTS.map(rule) }],
  };
}

// ---------------------------------------------------------------- dashboard

const DS = { type: "prometheus", uid: "${DS_PROMETHEUS}" };
const S = `job=~"$job", instance=~"$instance"`;
/** A metric selected by the dashboard's job and instance variables, plus extra matchers. */
const m = (name, extra) => `${name}{${S}${extra ? `, ${extra}` : ""}}`;
const rate = (name, extra) => `rate(${m(name, extra)}[$__rate_interval])`;
const quantile = (q, histogram, by = "") =>
  `histogram_quantile(${q}, sum by (le${by ? `, ${by}` : ""}) (rate(${m(`${histogram}_bucket`)}[$__rate_interval])))`;
const percentiles = (histogram, by) =>
  [0.5, 0.9, 0.99].map((q) => target(quantile(q, histogram, by), `p${q * 100}${by ? ` {{${by}}}` : ""}`));
const configuredMemoryBytes = `${m("maya_config_memory_mb")} * ${MIB}`;
const limitBytes = `(${m("maya_container_memory_limit_bytes")} or on(job, instance) ${configuredMemoryBytes})`;

function target(expr, legendFormat) {
  return { expr, legendFormat };
}

const timeseries = (title, unit, targets, extra = {}) => ({ type: "timeseries", title, unit, targets, ...extra });
const stat = (title, unit, targets, extra = {}) => ({ type: "stat", title, unit, targets, w: 4, ...extra });
const thresholds = (steps) => ({ mode: "absolute", steps: steps.map(([value, color]) => ({ value, color })) });

/** Sections of the dashboard, top to bottom; each panel is a short spec turned into Grafana JSON below. */
const SECTIONS = [
  {
    title: "Container",
    panels: [
      timeseries("Memory used vs limit", "bytes", [
        target(m("maya_container_memory_usage_bytes"), "used {{instance}}"),
        target(m("maya_container_memory_limit_bytes"), "cgroup limit {{instance}}"),
        target(configuredMemoryBytes, "configured {{instance}}"),
      ]),
      timeseries(
        "Memory headroom",
        "bytes",
        [target(`${limitBytes} - on(job, instance) ${m("maya_container_memory_usage_bytes")}`, "headroom {{instance}}")],
        { thresholds: thresholds([[null, "red"], [256 * MIB, "green"]]), description: "Limit (cgroup, else configured) minus usage. Alert under 256 MB." },
      ),
      {
        type: "gauge",
        title: "Memory use",
        unit: "percentunit",
        targets: [target(`${m("maya_container_memory_usage_bytes")} / on(job, instance) ${limitBytes}`, "{{instance}}")],
        thresholds: thresholds([[null, "green"], [0.7, "orange"], [0.85, "red"]]),
        min: 0,
        max: 1,
      },
      timeseries("CPU (cores)", "short", [target(rate("maya_container_cpu_usage_seconds_total"), "{{instance}}")], {
        thresholds: thresholds([[null, "green"], [0.9, "red"]]),
        description: "rate of maya_container_cpu_usage_seconds_total: 1 = one full core. Alert above 0.9 for 10 minutes.",
      }),
      stat("Uptime", "s", [target(m("maya_process_uptime_seconds"), "{{instance}}")]),
      stat("Configured memory", "decmbytes", [target(m("maya_config_memory_mb"), "{{instance}}")]),
      stat("Configured max containers", "none", [target(`max(${m("maya_config_max_containers")})`, "max containers")]),
      stat("Instances up", "none", [target(`sum(up{${S}})`, "up")]),
    ],
  },
  {
    title: "Conversation",
    panels: [
      timeseries("Turns by intent", "reqps", [
        target(`sum by (intent) (${rate("maya_conversation_turns_total")})`, "{{intent}}"),
      ]),
      timeseries("Turn latency percentiles", "s", percentiles("maya_conversation_turn_duration_seconds")),
      {
        type: "piechart",
        title: "Intents (selected range)",
        unit: "none",
        targets: [target(`sum by (intent) (increase(${m("maya_conversation_turns_total")}[$__range]))`, "{{intent}}")],
      },
      timeseries("Tab events by reason", "ops", [target(`sum by (reason) (${rate("maya_tab_events_total")})`, "{{reason}}")]),
    ],
  },
  {
    title: "GraphQL",
    panels: [
      timeseries("Operations by root field and outcome", "reqps", [
        target(`sum by (operation, outcome) (${rate("maya_graphql_operations_total")})`, "{{operation}} {{outcome}}"),
      ]),
      timeseries("Operation latency p95", "s", [
        target(quantile(0.95, "maya_graphql_operation_duration_seconds", "operation"), "{{operation}}"),
      ]),
      timeseries("Server error ratio", "percentunit", [
        target(
          `sum(${rate("maya_graphql_operations_total", 'outcome="server_error"')}) / sum(${rate("maya_graphql_operations_total")})`,
          "server errors",
        ),
      ]),
    ],
  },
  {
    title: "MCP",
    panels: [
      timeseries("MCP tool calls by tool and outcome", "reqps", [
        target(`sum by (tool, outcome) (${rate("maya_mcp_tool_calls_total")})`, "{{tool}} {{outcome}}"),
      ], { description: "refused: a guest's mistake answered in words; invalid: arguments that failed the schema or no such tool; error: ours." }),
      timeseries("MCP sessions open", "none", [target(`sum(${m("maya_mcp_sessions_active")})`, "open MCP sessions")]),
      timeseries("MCP sessions closed by Maya", "short", [
        target(`sum by (reason) (increase(${m("maya_mcp_sessions_closed_total")}[$__rate_interval]))`, "{{reason}}"),
      ], {
        description:
          "idle: no request for MAYA_MCP_IDLE_SECONDS; displaced: the oldest idle session of an address at its cap, closed for a new one (a crashed agent host, guests behind one Wi-Fi).",
      }),
    ],
  },
  {
    title: "Payments",
    panels: [
      timeseries("Payment attempts by status", "short", [
        target(`sum by (status) (increase(${m("maya_payment_attempts_total")}[$__rate_interval]))`, "{{status}}"),
      ]),
      timeseries("Provider call latency p95", "s", [
        target(quantile(0.95, "maya_payment_provider_call_duration_seconds", "provider"), "{{provider}}"),
      ]),
      timeseries("Provider calls and retries", "ops", [
        target(`sum by (provider, outcome) (${rate("maya_payment_provider_call_duration_seconds_count")})`, "{{provider}} {{outcome}}"),
        target(`sum by (provider) (${rate("maya_payment_provider_retries_total")})`, "{{provider}} retries"),
      ]),
    ],
  },
  {
    title: "Speech",
    panels: [
      timeseries("Speech cache hit rate", "percentunit", [
        target(`sum(${rate("maya_speech_cache_lookups_total", 'result="hit"')}) / sum(${rate("maya_speech_cache_lookups_total")})`, "hit rate"),
      ]),
      timeseries("Speech synthesis requests", "reqps", [
        target(`sum by (outcome) (${rate("maya_speech_synthesis_requests_total")})`, "{{outcome}}"),
      ]),
      timeseries("Speech synthesis latency", "s", percentiles("maya_speech_synthesis_duration_seconds")),
    ],
  },
  {
    title: "Listening (server-side recognition)",
    panels: [
      timeseries("Recognitions by recognizer and outcome", "ops", [
        target(`sum by (recognizer, outcome) (${rate("maya_speech_recognitions_total")})`, "{{recognizer}} {{outcome}}"),
      ]),
      timeseries("End of speech to transcript", "s", percentiles("maya_speech_recognition_latency_seconds", "recognizer")),
      timeseries("Audio heard and live streams", "none", [
        target(`sum by (recognizer) (${rate("maya_speech_recognition_audio_seconds_total")})`, "{{recognizer}} audio s/s"),
        target(`sum(${m("maya_speech_recognition_streams_active")})`, "live streams"),
      ]),
      timeseries("Recognition sockets refused", "ops", [
        target(`sum by (reason) (${rate("maya_speech_recognition_refusals_total")})`, "{{reason}}"),
      ]),
    ],
  },
  {
    title: "Write path and live events",
    panels: [
      timeseries("Writes planned again (session moved on)", "ops", [target(`sum(${rate("maya_write_conflicts_total")})`, "planned again")], {
        description:
          "A change met a session another instance (or a payment) had changed meanwhile and was planned again on the current state. A few are normal with several instances; a steady high rate means one guest's changes race across instances.",
      }),
      timeseries("Outbox relay", "none", [
        target(`min(${m("maya_outbox_relay_healthy")})`, "healthy (min over instances)"),
        target(`sum(${rate("maya_outbox_relay_read_failures_total")})`, "failed reads/s"),
      ], {
        description:
          "Each instance reads the outbox when the broker may have missed a change (see below). While reading fails the instance says not ready (/readyz) and retries; its subscribers get what they missed once it reads again.",
      }),
      timeseries("Event broker and catch-up reads", "none", [
        target(`min(${m("maya_event_broker_up")})`, "broker up (min over instances)"),
        target(`sum by (cause) (${rate("maya_outbox_catch_up_reads_total")})`, "catch-up reads/s: {{cause}}"),
      ], {
        description:
          "Tab changes cross instances through the broker (Redis pub/sub with REDIS_URL, else PostgreSQL NOTIFY). The outbox is read only to catch up: the broker came back or woke an instance (catch_up), an id was skipped (gap), the broker is away (broker_down, every 250 ms), after a failed read (retry). None while nothing changes.",
      }),
      timeseries("Database outages", "none", [
        target(`min(${m("maya_database_available")})`, "available (min over instances)"),
        target(`sum(${rate("maya_database_unavailable_refusals_total")})`, "requests refused as UNAVAILABLE/s"),
      ], {
        description:
          "0 while the database cannot be reached, refuses connections or cannot write (disk full, read-only): requests get UNAVAILABLE (HTTP 503, Retry-After) and /readyz says not ready. The log has one line when an outage starts and one when it ends.",
      }),
      timeseries("Sessions expired", "short", [
        target(`sum by (outcome) (increase(${m("maya_sessions_expired_total")}[$__rate_interval]))`, "{{outcome}}"),
      ], {
        description: "Idle sessions with nothing owed: deleted when they never paid, closed (token revoked, paid records kept) when they did.",
      }),
    ],
  },
  {
    title: "Sessions",
    panels: [
      timeseries("Active sessions and subscriptions", "none", [
        target(`sum(${m("maya_sessions_active")})`, "active sessions (turn in last 5 min)"),
        target(`sum(${m("maya_subscriptions_active")})`, "open subscriptions"),
      ]),
      timeseries("Sessions started and rate-limit rejections", "ops", [
        target(`sum(${rate("maya_sessions_started_total")})`, "sessions started"),
        target(`sum by (scope) (${rate("maya_rate_limit_rejections_total")})`, "rejected ({{scope}})"),
      ]),
      timeseries("Session locks", "none", [
        target(`sum(${m("maya_session_locks")})`, "locks"),
        target(`sum(${m("maya_session_lock_waiters")})`, "waiting turns"),
      ]),
      timeseries("Lock cleanup", "short", [
        target(`sum(increase(${m("maya_session_lock_cleanup_runs_total")}[$__rate_interval]))`, "runs"),
        target(`sum(increase(${m("maya_session_lock_evictions_total")}[$__rate_interval]))`, "evictions"),
      ]),
      timeseries("Lock wait p99", "s", [target(quantile(0.99, "maya_session_lock_wait_seconds"), "p99")]),
      timeseries("Request limit refusals", "ops", [
        target(`sum by (reason) (${rate("maya_limit_refusals_total")})`, "{{reason}}"),
      ], {
        description:
          "Requests refused by a request limit other than the rate limits (query size, tokens, depth, aliases, cost, directives, subscriptions per socket, sockets per address), over HTTP and graphql-ws alike.",
      }),
      timeseries("Stray errors survived", "short", [
        target(`sum by (kind) (increase(${m("maya_process_errors_total")}[$__rate_interval]))`, "{{kind}}"),
      ], {
        description: "Unhandled rejections and uncaught exceptions: logged and counted, the process kept running. Any is a bug to look at in the log.",
      }),
      timeseries("Log lines dropped", "short", [
        target(`sum by (stream, reason) (increase(${m("maya_log_lines_dropped_total")}[$__rate_interval]))`, "{{stream}} {{reason}}"),
      ], {
        description:
          "Lines not written because stdout or stderr failed (closed: the log reader went away, EPIPE) or fell a megabyte behind (full). Maya keeps serving; look at the log collector.",
      }),
    ],
  },
  {
    title: "Node.js process",
    panels: [
      timeseries("Process memory", "bytes", [
        target(m("process_resident_memory_bytes"), "resident {{instance}}"),
        target(m("nodejs_heap_size_used_bytes"), "heap used {{instance}}"),
      ]),
      timeseries("Event loop lag p99", "s", [target(m("nodejs_eventloop_lag_p99_seconds"), "{{instance}}")]),
      {
        type: "alertlist",
        title: "Maya alerts",
        targets: [],
        options: {
          alertName: "Maya",
          dashboardAlerts: false,
          groupMode: "default",
          maxItems: 20,
          sortOrder: 1,
          stateFilter: { firing: true, pending: true, noData: false, normal: false, error: true },
          viewMode: "list",
        },
      },
    ],
  },
];

const GRID_WIDTH = 24;
const PANEL_HEIGHT = 8;

function panelJson(spec, id, gridPos) {
  const { type, title, unit, targets, thresholds: steps, min, max, description, options, w: _w } = spec;
  const panel = { id, type, title, gridPos };
  if (description) panel.description = description;
  if (type === "alertlist") return { ...panel, options };
  panel.datasource = DS;
  panel.targets = targets.map((t, i) => ({
    datasource: DS,
    refId: String.fromCharCode(65 + i),
    expr: t.expr,
    legendFormat: t.legendFormat,
    range: true,
  }));
  panel.fieldConfig = {
    defaults: {
      unit,
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
      ...(steps ? { thresholds: steps } : {}),
      ...(type === "timeseries" && steps ? { custom: { thresholdsStyle: { mode: "line" } } } : {}),
    },
    overrides: [],
  };
  panel.options =
    type === "stat" || type === "gauge"
      ? { reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false } }
      : type === "piechart"
        ? { reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false }, legend: { displayMode: "table", placement: "right", values: ["value", "percent"] } }
        : { legend: { displayMode: "list", placement: "bottom" }, tooltip: { mode: "multi", sort: "desc" } };
  return panel;
}

function layout() {
  const panels = [];
  let id = 0;
  let y = 0;
  for (const section of SECTIONS) {
    panels.push({ id: ++id, type: "row", title: section.title, collapsed: false, gridPos: { h: 1, w: GRID_WIDTH, x: 0, y }, panels: [] });
    y += 1;
    let x = 0;
    for (const spec of section.panels) {
      const w = spec.w ?? 8;
      if (x + w > GRID_WIDTH) {
        x = 0;
        y += PANEL_HEIGHT;
      }
      panels.push(panelJson(spec, ++id, { h: PANEL_HEIGHT, w, x, y }));
      x += w;
    }
    y += PANEL_HEIGHT;
  }
  return panels;
}

const templateVariable = (name, query) => ({
  name,
  label: name,
  type: "query",
  datasource: DS,
  definition: query,
  query: { query, refId: `${name}-variable` },
  refresh: 2,
  includeAll: true,
  multi: true,
  allValue: ".*",
  current: { selected: true, text: ["All"], value: ["$__all"] },
  sort: 1,
  hide: 0,
});

export function buildDashboard() {
  return {
    __inputs: [
      {
        name: "DS_PROMETHEUS",
        label: "Prometheus",
        description: "The Prometheus that scrapes Maya's /metrics",
        type: "datasource",
        pluginId: "prometheus",
        pluginName: "Prometheus",
      },
    ],
    __elements: {},
    __requires: [
      { type: "grafana", id: "grafana", name: "Grafana", version: "10.0.0" },
      { type: "datasource", id: "prometheus", name: "Prometheus", version: "1.0.0" },
      ...["timeseries", "stat", "gauge", "piechart", "alertlist"].map((id) => ({ type: "panel", id, name: id, version: "" })),
    ],
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: "grafana", uid: "-- Grafana --" },
          enable: true,
          hide: true,
          iconColor: "rgba(0, 211, 255, 1)",
          name: "Annotations & Alerts",
          type: "dashboard",
        },
      ],
    },
    description: `Maya (MayaMCP): container resources, conversation, payments, speech and sessions. Dashboard version ${DASHBOARD_VERSION}; see monitoring/CHANGELOG.md.`,
    editable: true,
    fiscalYearStartMonth: 0,
    graphTooltip: 1,
    id: null,
    links: [],
    panels: layout(),
    refresh: "30s",
    schemaVersion: 38,
    tags: ["maya", "maya-mcp"],
    templating: {
      list: [
        templateVariable("job", "label_values(maya_process_uptime_seconds, job)"),
        templateVariable("instance", 'label_values(maya_process_uptime_seconds{job=~"$job"}, instance)'),
      ],
    },
    time: { from: "now-6h", to: "now" },
    timepicker: {},
    timezone: "",
    title: "Maya MCP",
    uid: DASHBOARD_UID,
    version: DASHBOARD_VERSION,
    weekStart: "",
  };
}

// ---------------------------------------------------------------- files

const GENERATED = "Generated by monitoring/generate.mjs: edit the definitions there and rerun it.";

export function renderFiles() {
  return {
    [OUTPUTS.dashboard]: `${JSON.stringify(buildDashboard(), null, 2)}\n`,
    [OUTPUTS.prometheusAlerts]: `# ${GENERATED}\n${stringify(buildPrometheusAlerts(), { lineWidth: 0 })}`,
    [OUTPUTS.grafanaAlerts]: `# ${GENERATED}\n# Grafana alert rules matching monitoring/prometheus/alerts.yml, for file provisioning.\n${stringify(buildGrafanaAlerts(), { lineWidth: 0 })}`,
  };
}

function main() {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [path, content] of Object.entries(renderFiles())) {
    let current;
    try {
      current = readFileSync(path, "utf8");
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    if (check) {
      console.error(`out of date: ${path}`);
      stale++;
    } else {
      writeFileSync(path, content);
      console.log(`wrote ${path}`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
