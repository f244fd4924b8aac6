/**
 * Servers for the benches, each in a process of its own (as `npm start` runs
 * Maya), so the load generator in the bench's process never shares an event
 * loop with what it measures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { projectPath } from "../../src/db/paths.js";

const ROOT = projectPath();

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** From spawn to the first 200 from its readiness URL. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Rate limits out of the way: the benches measure the write path, not the limiter. */
export const UNLIMITED_RATES: Record<string, string> = {
  MAYA_RATE_LIMIT_SESSION_BURST: "100000000",
  MAYA_RATE_LIMIT_ADDRESS_BURST: "100000000",
  MAYA_RATE_LIMIT_SESSION_PER_SECOND: "100000000",
  MAYA_RATE_LIMIT_ADDRESS_PER_SECOND: "100000000",
};

interface SpawnOptions {
  script: string;
  env: Record<string, string>;
  readyPath: string;
  nodeArgs?: string[];
  timeoutMs?: number;
}

async function spawnServer({ script, env, readyPath, nodeArgs = [], timeoutMs = 60_000 }: SpawnOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", MAYA_LOG: "silent", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = started + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}: ${stderr}`);
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${script} was not ready within ${timeoutMs} ms: ${stderr}`);
    }
    // A server that listens before it is wired may hold the request: ask again rather than wait.
    const ok = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(500) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - started;
  return { url, pid: child.pid ?? 0, readyMs, stop: () => stop(child, exited) };
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Maya exactly as `npm start` runs it once built. */
export function spawnMaya(env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> {
  return spawnServer({ script: "dist/src/main.js", env, readyPath: "/readyz", nodeArgs });
}

/** The baseline: a bare Apollo Server built from the project's own packages. */
export function spawnBareApollo(): Promise<ServerProcess> {
  return spawnServer({ script: "dist/bench/baselines/bare-apollo.js", env: {}, readyPath: "/healthz" });
}
