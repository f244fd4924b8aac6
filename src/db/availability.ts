/**
 * Outages are said as outages. When the database cannot be reached, refuses
 * connections (too many clients, shutting down), or cannot write (disk full,
 * read-only), a request that hits it is not a bug on our side: it gets a
 * retryable refusal (UNAVAILABLE; HTTP 503 with Retry-After), and the log
 * gets one line when the outage starts and one when it ends, however many
 * requests were refused in between (each is counted instead). While an
 * outage lasts, a probe checks every second whether the database answers and
 * can write again; /readyz says not ready meanwhile.
 */
import { describeError, type Logger } from "../logger.js";

/** A refused client is asked to wait UNAVAILABLE.retryAfterSeconds (src/errors.ts): about two probes. */
const PROBE_EVERY_MS = 1000;

/** What an error says about the database being away, found anywhere along its causes; null for anything else. */
export function unavailableCause(error: unknown): string | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 12) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const found = causeOf(current as Record<string, unknown>);
    if (found) return found;
    const { cause, originalError, errors, meta } = current as { cause?: unknown; originalError?: unknown; errors?: unknown; meta?: { driverAdapterError?: unknown } };
    queue.push(cause, originalError, meta?.driverAdapterError);
    if (Array.isArray(errors)) queue.push(...errors.slice(0, 3));
  }
  return null;
}

/** PostgreSQL's SQLSTATEs for a server that is away, full or will not write. */
const SQLSTATES: Record<string, string> = {
  "53100": "disk full",
  "53200": "out of memory",
  "53300": "too many clients",
  "53400": "configuration limit exceeded",
  "57P01": "connection terminated by an administrator",
  "57P02": "server crashed",
  "57P03": "server not accepting connections now",
  "25006": "database is read-only",
  "58030": "I/O error",
};
/** Node's and the operating system's codes for the same. */
const SYSTEM_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "connection timed out",
  EPIPE: "connection closed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EAI_AGAIN: "name lookup failed",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EIO: "I/O error",
};
/** The embedded database's file system reports WASI errno numbers (an ErrnoError with no message). */
const WASI_ERRNOS: Record<number, string> = { 19: "EDQUOT", 29: "EIO", 51: "ENOSPC", 69: "EROFS" };
/** Prisma's codes, and its driver adapters' error kinds. */
const PRISMA_CODES: Record<string, string> = {
  P1001: "cannot reach the database",
  P1002: "database timed out",
  P1008: "database timed out",
  P1017: "database closed the connection",
  P2024: "timed out waiting for a database connection",
};
const ADAPTER_KINDS: Record<string, string> = {
  DatabaseNotReachable: "cannot reach the database",
  TooManyConnections: "too many clients",
  ConnectionClosed: "database closed the connection",
  SocketTimeout: "database timed out",
};
/** Drivers that only say it in words. */
const MESSAGES: [RegExp, string][] = [
  [/no space left on device/i, "no space left on device"],
  [/read-only file system/i, "read-only file system"],
  [/Connection terminated/i, "connection terminated"],
  [/timeout exceeded when trying to connect/i, "timed out connecting to the database"],
  [/Client has encountered a connection error/i, "connection failed"],
];

function causeOf(error: Record<string, unknown>): string | null {
  const { code, kind, errno, name, message } = error;
  if (typeof code === "string") {
    const sqlstate = SQLSTATES[code] ?? (code.startsWith("08") ? "connection failure" : undefined);
    if (sqlstate) return `${sqlstate} (${code})`;
    if (SYSTEM_CODES[code]) return `${SYSTEM_CODES[code]} (${code})`;
    if (PRISMA_CODES[code]) return `${PRISMA_CODES[code]} (${code})`;
  }
  if (typeof kind === "string" && ADAPTER_KINDS[kind]) return ADAPTER_KINDS[kind]!;
  if (name === "ErrnoError" && typeof errno === "number" && WASI_ERRNOS[errno]) {
    const systemCode = WASI_ERRNOS[errno]!;
    return `${SYSTEM_CODES[systemCode]} (${systemCode})`;
  }
  if (typeof message === "string") for (const [pattern, cause] of MESSAGES) if (pattern.test(message)) return cause;
  return null;
}

/** Anything that sees errors and can tell an outage: true when it was one (and is now known). */
export interface OutageReporter {
  report(error: unknown): boolean;
}

export interface AvailabilityOptions {
  /** Throws while the database cannot answer or cannot write (Database.checkWritable). */
  check: () => Promise<void>;
  log: Pick<Logger, "error" | "info" | "warn">;
  /** Told when an outage starts and ends, and of every request refused meanwhile. */
  metrics?: { databaseAvailable(up: boolean): void; databaseRefusal(): void };
  probeEveryMs?: number;
}

export interface Outage {
  readonly cause: string;
  readonly sinceMs: number;
}

export class DatabaseAvailability implements OutageReporter {
  private current: (Outage & { refused: number }) | null = null;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private stopped = false;

  constructor(private readonly options: AvailabilityOptions) {
    options.metrics?.databaseAvailable(true);
  }

  /** The outage under way, or null. */
  get outage(): Outage | null {
    return this.current;
  }

  /** If `error` says the database is away: counts the refusal, starts an outage if none is under way, and returns true. */
  report(error: unknown): boolean {
    const cause = unavailableCause(error);
    if (cause === null) return false;
    this.options.metrics?.databaseRefusal();
    if (this.current) {
      this.current.refused += 1;
      return true;
    }
    this.begin(cause);
    this.current!.refused = 1;
    return true;
  }

  /**
   * Checks the database now (for /readyz): null when it answers and can write, else why not. A failing
   * check that is an outage starts one; a passing one ends the outage under way.
   */
  async check(): Promise<string | null> {
    try {
      await this.options.check();
    } catch (error) {
      const cause = unavailableCause(error);
      if (cause !== null && !this.current) this.begin(cause);
      return cause ?? `database check failed (${describeError(error).slice(0, 120)})`;
    }
    this.end();
    return null;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private begin(cause: string): void {
    this.current = { cause, sinceMs: Date.now(), refused: 0 };
    this.options.metrics?.databaseAvailable(false);
    this.options.log.error("database unavailable: requests are refused as UNAVAILABLE (503, Retry-After) until it is back", { cause });
    if (this.stopped) return;
    this.timer ??= setInterval(() => void this.probe(), this.options.probeEveryMs ?? PROBE_EVERY_MS);
    this.timer.unref();
  }

  private end(): void {
    const ended = this.current;
    if (!ended) return;
    this.current = null;
    clearInterval(this.timer);
    this.timer = undefined;
    this.options.metrics?.databaseAvailable(true);
    this.options.log.info("database available again", {
      cause: ended.cause,
      outageSeconds: Math.round((Date.now() - ended.sinceMs) / 100) / 10,
      refusedRequests: ended.refused,
    });
  }

  private async probe(): Promise<void> {
    if (this.probing || !this.current) return;
    this.probing = true;
    try {
      await this.check();
    } finally {
      this.probing = false;
    }
  }
}
