/**
 * Live MCP sessions over HTTP, bounded: at most `maxSessions` in total and
 * `maxPerAddress` per client address (sessions being opened count too), and
 * a session with no request for `idleMs` (and none in progress, such as an
 * open notification stream) is closed, so abandoned sessions never pile up.
 * An address at its cap is not locked out (a crashed agent host, guests
 * behind one bar's Wi-Fi): its oldest session idle for at least
 * `displaceAfterMs` gives way to the new one; only when every one of them is
 * busy or was used within that time is the new one refused.
 */

export interface McpSessionLimits {
  maxSessions: number;
  maxPerAddress: number;
  idleMs: number;
  /** An address at its cap: its oldest session idle this long gives way (default: a tenth of idleMs, at most 30 s). */
  displaceAfterMs?: number;
}

/** Why a session was closed by the registry rather than by its client. */
export type RegistryClose = "idle" | "displaced";

export interface RegisteredSession {
  readonly address: string;
  /** Closes the session's transport and server; must end in `registry.remove`. */
  close(): Promise<void>;
}

interface Entry<S extends RegisteredSession> {
  session: S;
  lastSeenMs: number;
  activeRequests: number;
}

export type Refusal = "total" | "address";

/** A place held for a session being opened: bind it to the session, or release it. */
export interface Reservation {
  readonly address: string;
  release(): void;
}

export class McpSessionRegistry<S extends RegisteredSession> {
  private readonly sessions = new Map<string, Entry<S>>();
  private readonly perAddress = new Map<string, number>();
  private reserved = 0;
  private readonly held = new WeakSet<Reservation>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: McpSessionLimits,
    private readonly now: () => number = Date.now,
    /** Told of each session the registry closes (idle, or displaced by a newer one from its address). */
    private readonly closed: (reason: RegistryClose) => void = () => undefined,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Starts the idle sweep (unref'd: it never keeps the process alive). */
  start(): void {
    const every = Math.max(250, Math.min(60_000, Math.floor(this.limits.idleMs / 2)));
    this.timer ??= setInterval(() => void this.closeIdle(), every);
    this.timer.unref();
  }

  /** Holds a place for a new session from `address`, or says which cap refuses it. */
  reserve(address: string): Reservation | Refusal {
    if (this.sessions.size + this.reserved >= this.limits.maxSessions) return "total";
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxPerAddress && !this.displaceOldestIdle(address)) return "address";
    const fromAddress = this.perAddress.get(address) ?? 0;
    this.reserved++;
    this.perAddress.set(address, fromAddress + 1);
    const reservation: Reservation = {
      address,
      release: () => {
        if (!this.held.delete(reservation)) return;
        this.reserved--;
        this.forgetAddress(address);
      },
    };
    this.held.add(reservation);
    return reservation;
  }

  /** Turns a reservation into a live session; its address keeps counting until `remove`. */
  add(id: string, session: S, reservation: Reservation): void {
    if (!this.held.delete(reservation)) throw new Error("This reservation was released or used already.");
    this.reserved--;
    this.sessions.set(id, { session, lastSeenMs: this.now(), activeRequests: 0 });
  }

  get(id: string): S | undefined {
    return this.sessions.get(id)?.session;
  }

  /** Marks a request on session `id` as started; call the result when its response has ended. */
  requestStarted(id: string): () => void {
    const entry = this.sessions.get(id);
    if (!entry) return () => undefined;
    entry.activeRequests++;
    entry.lastSeenMs = this.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      entry.activeRequests--;
      entry.lastSeenMs = this.now();
    };
  }

  remove(id: string): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.sessions.delete(id);
    this.forgetAddress(entry.session.address);
  }

  async closeIdle(): Promise<number> {
    const before = this.now() - this.limits.idleMs;
    const idle = [...this.sessions.values()].filter((entry) => entry.activeRequests === 0 && entry.lastSeenMs < before);
    idle.forEach(() => this.closed("idle"));
    await Promise.all(idle.map((entry) => entry.session.close().catch(() => undefined)));
    return idle.length;
  }

  /** Closes `address`'s least recently used session if it is idle long enough; true when one gave way. */
  private displaceOldestIdle(address: string): boolean {
    const before = this.now() - (this.limits.displaceAfterMs ?? Math.min(30_000, this.limits.idleMs / 10));
    let oldest: [string, Entry<S>] | undefined;
    for (const [id, entry] of this.sessions) {
      if (entry.session.address !== address || entry.activeRequests > 0 || entry.lastSeenMs > before) continue;
      if (!oldest || entry.lastSeenMs < oldest[1].lastSeenMs) oldest = [id, entry];
    }
    if (!oldest) return false;
    // Its place is free at once; its transport closes behind (its client gets 404 and opens a new one).
    this.remove(oldest[0]);
    this.closed("displaced");
    void oldest[1].session.close().catch(() => undefined);
    return true;
  }

  async closeAll(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all([...this.sessions.values()].map((entry) => entry.session.close().catch(() => undefined)));
  }

  private forgetAddress(address: string): void {
    const count = (this.perAddress.get(address) ?? 0) - 1;
    if (count > 0) this.perAddress.set(address, count);
    else this.perAddress.delete(address);
  }
}
