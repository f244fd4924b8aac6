/**
 * The deployment's topology without containers, for the load test and the
 * benches: N Maya instances as processes (as `npm start` runs them) on one
 * PostgreSQL and one Redis, behind HAProxy with deploy/haproxy.cfg's settings.
 * A client may pin a request to an instance with `X-Maya-Instance: <n>`
 * (the test's way to put a guest's subscription on another instance than its
 * writes); every answer says which instance served it (`X-Served-By`).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, spawnMaya, type ServerProcess } from "./processes.js";

export const PIN_HEADER = "x-maya-instance";
export const SERVED_BY_HEADER = "x-served-by";

export interface BalancedCluster {
  /** The balancer's address: what guests talk to. */
  readonly url: string;
  readonly instances: readonly ServerProcess[];
  /** Server names as X-Served-By reports them, by instance index. */
  readonly names: readonly string[];
  stop(): Promise<void>;
}

/** Null when HAProxy is installed; why not otherwise. */
export function haproxyMissing(): string | null {
  const probe = spawnSync("haproxy", ["-v"], { encoding: "utf8" });
  return probe.error ? "haproxy is not installed (apt-get install -y haproxy)" : null;
}

/** deploy/haproxy.cfg's settings, for instances on loopback ports, with pinning by header. */
export function haproxyConfig(port: number, servers: readonly { name: string; port: number }[]): string {
  const lines = (indent: string, items: string[]) => items.map((item) => `${indent}${item}`).join("\n");
  return `global
    # Within the file-descriptor limit a test process inherits.
    maxconn 4000

defaults
    mode http
    option forwardfor
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    timeout http-request 10s
    timeout http-keep-alive 30s

frontend maya
    bind 127.0.0.1:${port}
    http-response set-header X-Served-By %s
    default_backend maya

backend maya
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    # Patient checks: on a loaded machine a slow /readyz must not mark an instance down, which would
    # send its pinned guests elsewhere (HAProxy ignores use-server for a server that is down).
    timeout check 5s
    default-server inter 2s fall 5 rise 1 check
${lines("    ", servers.map((server) => `server ${server.name} 127.0.0.1:${server.port}`))}
${lines("    ", servers.map((server, index) => `use-server ${server.name} if { req.hdr(${PIN_HEADER}) -m str ${index} }`))}
`;
}

export async function startBalancedCluster(instances: number, env: Record<string, string>): Promise<BalancedCluster> {
  const started: ServerProcess[] = [];
  let haproxy: ChildProcess | undefined;
  const dir = await mkdtemp(join(tmpdir(), "maya-haproxy-"));
  const stop = async () => {
    if (haproxy && haproxy.exitCode === null) {
      const exited = new Promise((resolve) => haproxy!.once("exit", resolve));
      haproxy.kill("SIGTERM");
      await exited;
    }
    await Promise.all(started.map((server) => server.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    started.push(...(await Promise.all(Array.from({ length: instances }, () => spawnMaya(env)))));
    const names = started.map((_, index) => `maya${index + 1}`);
    const port = await freePort();
    const config = join(dir, "haproxy.cfg");
    await writeFile(config, haproxyConfig(port, started.map((server, index) => ({ name: names[index]!, port: Number(new URL(server.url).port) }))));
    let stderr = "";
    haproxy = spawn("haproxy", ["-db", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
    haproxy.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const url = `http://127.0.0.1:${port}`;
    // Ready when every instance has answered through it.
    const seen = new Set<string>();
    const deadline = Date.now() + 20_000;
    while (seen.size < instances) {
      if (haproxy.exitCode !== null) throw new Error(`haproxy exited with ${haproxy.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`haproxy did not reach every instance: ${stderr}`);
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) }).catch(() => null);
      const served = response?.headers.get(SERVED_BY_HEADER);
      if (response?.ok && served) seen.add(served);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { url, instances: started, names, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
