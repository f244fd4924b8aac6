/**
 * The container deployment, checked without a container runtime (none on CI):
 * the Dockerfile builds in one stage and runs in another as a non-root user
 * with a health check on the port Maya listens on; compose.yaml wires three
 * instances to PostgreSQL and Redis behind HAProxy, whose configuration names
 * exactly those instances and passes HAProxy's own check; Prometheus scrapes
 * every instance with the alert rules loaded; every file mounted exists.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { haproxyMissing } from "../../bench/support/balancer.js";
import { projectPath } from "../../src/db/paths.js";
import { loadConfig } from "../../src/config.js";
import { skipReason } from "../support/requirements.js";

interface Service {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: string[] | Record<string, unknown>;
  healthcheck?: unknown;
  profiles?: string[];
}

const compose = parse(readFileSync(projectPath("compose.yaml"), "utf8"), { merge: true }) as { services: Record<string, Service> };
const dockerfile = readFileSync(projectPath("Dockerfile"), "utf8");
const haproxyCfg = readFileSync(projectPath("deploy/haproxy.cfg"), "utf8");
const mayaServices = Object.entries(compose.services).filter(([, service]) => service.build === ".");

/** The Dockerfile's stages: each FROM and the instructions under it. */
function stages(text: string): { name: string; lines: string[] }[] {
  const result: { name: string; lines: string[] }[] = [];
  const logical = text.replace(/\\\n/g, " ").split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
  for (const line of logical) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) result.push({ name: from[1] ?? String(result.length), lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

describe("Dockerfile", () => {
  const [build, runtime] = stages(dockerfile);

  it("builds in one stage and runs in another, with production dependencies only", () => {
    expect(stages(dockerfile)).toHaveLength(2);
    expect(build!.lines).toEqual(expect.arrayContaining([expect.stringMatching(/^RUN npm ci\b/), expect.stringMatching(/^RUN npm run build/)]));
    expect(runtime!.lines.some((line) => /^RUN npm ci --omit=dev/.test(line))).toBe(true);
    expect(runtime!.lines.filter((line) => line.startsWith("COPY --from=build"))).not.toHaveLength(0);
    // What the runtime stage copies exists after a build, and is what Maya reads at run time.
    for (const line of runtime!.lines.filter((entry) => entry.startsWith("COPY --from=build"))) {
      const source = line.split(/\s+/)[2]!.replace(/^\/app\//, "");
      expect(existsSync(projectPath(source)), source).toBe(true);
    }
    expect(existsSync(projectPath("dist/src/main.js"))).toBe(true);
  });

  it("runs as a non-root user, on Maya's port, with a health check", () => {
    const user = runtime!.lines.find((line) => line.startsWith("USER "));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER\s+(root|0)\b/);
    const port = /PORT=(\d+)/.exec(runtime!.lines.find((line) => line.startsWith("ENV ")) ?? "")?.[1];
    expect(runtime!.lines).toContain(`EXPOSE ${port}`);
    expect(runtime!.lines.find((line) => line.startsWith("HEALTHCHECK"))).toMatch(/\/healthz/);
    expect(runtime!.lines.find((line) => line.startsWith("CMD"))).toContain("dist/src/main.js");
  });
});

describe("compose.yaml", () => {
  it("runs three Maya instances on PostgreSQL and Redis, with a configuration Maya accepts", () => {
    expect(mayaServices.map(([name]) => name).sort()).toEqual(["maya1", "maya2", "maya3"]);
    for (const [, service] of mayaServices) {
      const env = service.environment!;
      expect(new URL(env.DATABASE_URL!).hostname).toBe("postgres");
      expect(new URL(env.REDIS_URL!).hostname).toBe("redis");
      expect(env.MAYA_STATE_KEY).toMatch(/MAYA_STATE_KEY/);
      // The same settings, with a key, load (a bad value would stop every instance at start).
      const config = loadConfig({ ...env, MAYA_STATE_KEY: "00".repeat(32) });
      expect(config.shared.redis?.url).toBe(env.REDIS_URL);
      expect(Object.keys(service.depends_on as Record<string, unknown>).sort()).toEqual(["postgres", "redis"]);
    }
    expect(compose.services.postgres?.healthcheck).toBeDefined();
    expect(compose.services.redis?.healthcheck).toBeDefined();
  });

  it("puts HAProxy in front of exactly those instances, on the port they listen on", () => {
    const balancer = compose.services.balancer!;
    expect(balancer.image).toMatch(/^haproxy:/);
    expect(balancer.ports).toEqual(["8080:8080"]);
    expect(balancer.volumes).toEqual(["./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro"]);
    expect(haproxyCfg).toMatch(/bind :8080/);
    const servers = [...haproxyCfg.matchAll(/^\s*server (\S+) (\S+):(\d+)/gm)].map((match) => `${match[1]}=${match[2]}:${match[3]}`);
    const expected = mayaServices.map(([name]) => `${name}=${name}:4000`).sort();
    // Once for ordinary requests and once for MCP (kept on one instance per session while it is up).
    expect(servers.sort()).toEqual([...expected, ...expected].sort());
    expect(haproxyCfg).toMatch(/option httpchk GET \/readyz/);
    expect(haproxyCfg).toMatch(/timeout tunnel/);
  });

  it("has Prometheus scrape every instance with Maya's alert rules, and Grafana provisioned from monitoring/", () => {
    const prometheus = compose.services.prometheus!;
    const config = parse(readFileSync(projectPath("deploy/prometheus.yml"), "utf8")) as {
      rule_files: string[];
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    expect(config.scrape_configs[0]!.static_configs[0]!.targets.sort()).toEqual(mayaServices.map(([name]) => `${name}:4000`).sort());
    expect(prometheus.volumes).toContain(`./monitoring/prometheus/alerts.yml:${config.rule_files[0]}:ro`);
    const grafana = compose.services.grafana!;
    expect(grafana.profiles).toEqual(["grafana"]);
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(":")[0]!;
        if (source.startsWith(".")) expect(existsSync(projectPath(source)), source).toBe(true);
      }
    }
  });

  it("has a HAProxy configuration HAProxy itself accepts", (context) => {
    const missing = skipReason({ kind: "balancer", requiredBy: "MAYA_REQUIRE_BALANCER" }, haproxyMissing());
    if (missing) return context.skip(missing);
    const check = spawnSync("haproxy", ["-c", "-f", projectPath("deploy/haproxy.cfg")], { encoding: "utf8" });
    expect(check.status, check.stderr + check.stdout).toBe(0);
  });
});
