import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { createMetrics } from "../../src/observability/metrics.js";
import { parseExposition, selectableNames } from "./prometheus-text.js";

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const read = (path: string) => readFileSync(repoFile(path), "utf8");

const SIX_NAMED_METRICS = [
  "maya_config_memory_mb",
  "maya_config_max_containers",
  "maya_container_memory_usage_bytes",
  "maya_container_memory_limit_bytes",
  "maya_container_cpu_usage_seconds_total",
  "maya_process_uptime_seconds",
];

const PROMQL_KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "inf", "nan"]);

/** Metric names a PromQL expression selects (functions, labels, keywords and literals removed). */
function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  const names: string[] = [];
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const after = stripped.slice(match.index + match[0].length);
    if (/^\s*\(/.test(after)) continue; // a function call
    if (PROMQL_KEYWORDS.has(match[0].toLowerCase())) continue;
    names.push(match[0]);
  }
  return names;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}

let exported: Set<string>;
let families: Map<string, string>;

beforeAll(async () => {
  // The registry the app really serves: the names the dashboard may use.
  const exposition = parseExposition(await createMetrics({ config: {} }).render());
  exported = selectableNames(exposition);
  exported.add("up");
  families = exposition.types;
});

const expectOnlyExportedNames = (expr: string, where: string) => {
  const names = metricNamesIn(expr);
  expect(names.length, `${where}: no metric in ${expr}`).toBeGreaterThan(0);
  for (const name of names) expect(exported.has(name), `${where}: ${name} is not exported (in ${expr})`).toBe(true);
};

describe("metricNamesIn", () => {
  it("finds metric names and nothing else", () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.9, sum by (le, intent) (rate(maya_x_bucket{job=~"$job", a="b c"}[$__rate_interval]))) / on(job) (up or max_y) > bool 0.5',
      ),
    ).toEqual(["maya_x_bucket", "up", "max_y"]);
  });
});

describe("Grafana dashboard", () => {
  const dashboard = JSON.parse(read("monitoring/grafana/maya-mcp-dashboard.json"));
  const panels: Panel[] = dashboard.panels;
  const queryPanels = panels.filter((p) => p.targets && p.targets.length > 0);
  const allExprs = queryPanels.flatMap((p) => p.targets!.map((t) => t.expr));

  it("is importable: a Prometheus datasource input, a uid, a title and a version", () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: "DS_PROMETHEUS", type: "datasource", pluginId: "prometheus" })]);
    expect(dashboard.uid).toBe("maya-mcp");
    expect(dashboard.title).toEqual(expect.any(String));
    expect(Number.isInteger(dashboard.version) && dashboard.version >= 1).toBe(true);
    expect(dashboard.id).toBeNull();
    for (const panel of queryPanels) {
      expect(panel.datasource, panel.title).toEqual({ type: "prometheus", uid: "${DS_PROMETHEUS}" });
      for (const t of panel.targets!) expect(t.datasource?.uid).toBe("${DS_PROMETHEUS}");
    }
  });

  it("has unique panel ids and panels that do not overlap", () => {
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { gridPos: g, title } of panels) {
      expect(g.x + g.w, title).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++)
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });

  it("queries only metrics the app exports (or prom-client's defaults, or up)", () => {
    for (const panel of queryPanels) for (const t of panel.targets!) expectOnlyExportedNames(t.expr, panel.title);
    for (const variable of dashboard.templating.list) {
      const metric = /label_values\(([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(variable.definition)?.[1];
      expect(metric && exported.has(metric), variable.definition).toBe(true);
    }
  });

  it("has a panel for each of the six named metrics and for every Maya metric family", () => {
    const used = new Set(allExprs.flatMap(metricNamesIn));
    for (const name of SIX_NAMED_METRICS) expect(used.has(name), name).toBe(true);
    for (const [family, type] of families) {
      if (!family.startsWith("maya_")) continue;
      const names = type === "histogram" ? [`${family}_bucket`, `${family}_count`, `${family}_sum`] : [family];
      expect(names.some((n) => used.has(n)), `no panel for ${family}`).toBe(true);
    }
  });

  it("is recorded in the changelog at its version", () => {
    expect(read("monitoring/CHANGELOG.md")).toMatch(new RegExp(`^## ${dashboard.version}\\b`, "m"));
    expect(read("monitoring/README.md")).toContain("monitoring/grafana/maya-mcp-dashboard.json");
  });
});

describe("alert rules", () => {
  const prometheus = parseYaml(read("monitoring/prometheus/alerts.yml"));
  const grafana = parseYaml(read("monitoring/grafana/provisioning/alerting/maya-alerts.yaml"));
  const promRules: { alert: string; expr: string; for: string; labels: { severity: string } }[] = prometheus.groups.flatMap(
    (g: { rules: unknown[] }) => g.rules,
  );
  const grafanaRules: {
    uid: string;
    title: string;
    for: string;
    condition: string;
    labels: { severity: string };
    data: { refId: string; datasourceUid: string; model: { expr?: string; expression?: string; type?: string } }[];
  }[] = grafana.groups.flatMap((g: { rules: unknown[] }) => g.rules);

  it("cover high memory use, low headroom, sustained CPU, payment and speech failures and the app down", () => {
    expect(promRules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        "MayaHighMemoryUse",
        "MayaLowMemoryHeadroom",
        "MayaSustainedHighCpu",
        "MayaPaymentFailures",
        "MayaSpeechFailures",
        "MayaDown",
      ]),
    );
    for (const rule of promRules) expectOnlyExportedNames(rule.expr, rule.alert);
  });

  it("match in Grafana: same names, durations, severities and queries", () => {
    expect(grafana.apiVersion).toBe(1);
    expect(grafanaRules.map((r) => r.title)).toEqual(promRules.map((r) => r.alert));
    expect(new Set(grafanaRules.map((r) => r.uid)).size).toBe(grafanaRules.length);
    for (const rule of grafanaRules) {
      const prom = promRules.find((r) => r.alert === rule.title)!;
      expect(rule.for).toBe(prom.for);
      expect(rule.labels.severity).toBe(prom.labels.severity);
      const byRef = new Map(rule.data.map((d) => [d.refId, d]));
      const condition = byRef.get(rule.condition)!;
      expect(condition.model.type).toBe("math");
      // ($R0 > 0.85) && ($R1 >= 3)  ->  <Q0> > 0.85 and <Q1> >= 3
      const rebuilt = [...condition.model.expression!.matchAll(/\(\$R(\d+) (\S+) (\S+)\)/g)]
        .map(([, i, op, threshold]) => {
          const query = byRef.get(`Q${i}`)!;
          expect(query.datasourceUid).toBe("maya-prometheus");
          expect(byRef.get(`R${i}`)!.model).toMatchObject({ type: "reduce", expression: `Q${i}` });
          return `${query.model.expr} ${op} ${threshold}`;
        })
        .join(" and ");
      expect(rebuilt).toBe(prom.expr);
    }
    const datasources = parseYaml(read("monitoring/grafana/provisioning/datasources/maya-prometheus.yaml"));
    expect(datasources.datasources[0]).toMatchObject({ uid: "maya-prometheus", type: "prometheus" });
  });
});

describe("Prometheus scrape configuration", () => {
  it("scrapes <modal-app-host>/metrics over https", () => {
    const config = parseYaml(read("monitoring/prometheus/prometheus.yml"));
    const job = config.scrape_configs.find((c: { job_name: string }) => c.job_name === "maya");
    expect(job).toMatchObject({ metrics_path: "/metrics", scheme: "https" });
    expect(job.static_configs[0].targets).toEqual(["<modal-app-host>"]);
    expect(config.rule_files).toContain("alerts.yml");
  });
});

describe("generated files", () => {
  it("are up to date with monitoring/generate.mjs", async () => {
    const { renderFiles } = (await import(repoFile("monitoring/generate.mjs"))) as {
      renderFiles: () => Record<string, string>;
    };
    for (const [path, content] of Object.entries(renderFiles())) {
      expect(readFileSync(path, "utf8"), `${path} is stale: run node monitoring/generate.mjs`).toBe(content);
    }
  });
});
