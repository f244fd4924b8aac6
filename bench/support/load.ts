/**
 * A closed-loop HTTP load generator on undici (keep-alive, one connection per
 * virtual guest): each guest runs its script step after step for the phase's
 * duration; every request's latency is recorded, every GraphQL error counted.
 */
import { Pool } from "undici";

export interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export class GraphQLHttp {
  private readonly pool: Pool;
  readonly latenciesMs: number[] = [];
  failures = 0;
  lastError: string | null = null;

  constructor(
    baseUrl: string,
    connections: number,
    private readonly record: () => boolean = () => true,
  ) {
    this.pool = new Pool(baseUrl, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  }

  /**
   * One request; the data, or null after counting the failure. `via`: extra headers (a balancer's
   * pin), and a callback for a response header (which instance served it).
   */
  async request(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    via?: { headers?: Record<string, string>; header?: string; seen?: (value: string) => void },
  ): Promise<Record<string, any> | null> {
    const started = performance.now();
    try {
      const response = await this.pool.request({
        method: "POST",
        path: "/graphql",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...via?.headers },
        body: JSON.stringify({ query, variables }),
      });
      const served = via?.header ? response.headers[via.header] : undefined;
      if (typeof served === "string") via?.seen?.(served);
      const body = (await response.body.json()) as GraphQLBody;
      if (this.record()) this.latenciesMs.push(performance.now() - started);
      if (body.errors?.length || !body.data) {
        this.fail(JSON.stringify(body.errors ?? "no data"));
        return null;
      }
      return body.data;
    } catch (error) {
      this.fail(String(error));
      return null;
    }
  }

  fail(reason: string): void {
    this.failures += 1;
    this.lastError = reason.slice(0, 300);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export interface PhaseResult {
  /** Steps completed in the measured window, per second. */
  stepsPerSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  failures: number;
  lastError: string | null;
}

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

/**
 * Runs `guests` loops of `step(guest, http)` for warm-up + duration; only the
 * measured window counts (a step returns how many units of work it did, e.g.
 * tab writes).
 */
export async function runPhase(options: {
  baseUrl: string;
  guests: number;
  warmupMs: number;
  durationMs: number;
  step: (guest: number, http: GraphQLHttp) => Promise<number>;
}): Promise<PhaseResult> {
  let measuring = false;
  const http = new GraphQLHttp(options.baseUrl, options.guests, () => measuring);
  let units = 0;
  let stop = false;
  const loops = Array.from({ length: options.guests }, async (_, guest) => {
    while (!stop) {
      const done = await options.step(guest, http);
      if (measuring) units += done;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, options.warmupMs));
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(loops);
  await http.close();
  const latencies = http.latenciesMs;
  return {
    stepsPerSecond: units / seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: percentile(latencies, 1),
    failures: http.failures,
    lastError: http.lastError,
  };
}
