/**
 * A synchronous token bucket for one connection's own frames (the listening
 * socket's audio frames, checked in its message handler, where an await would
 * let frames overtake each other). Limits shared by every request of a client
 * or a session, across instances, are in src/limits/shared-rate-limiter.ts.
 */
export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.capacity, updatedMs: now };
    const refilled = Math.min(
      this.limit.capacity,
      bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.limit.refillPerSecond,
    );
    const allowed = refilled >= 1;
    this.buckets.set(key, { tokens: allowed ? refilled - 1 : refilled, updatedMs: now });
    if (this.buckets.size > 100_000) this.sweep();
    return allowed;
  }

  /** Forgets full buckets: they are indistinguishable from new ones. */
  sweep(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      const tokens = bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.limit.refillPerSecond;
      if (tokens >= this.limit.capacity) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
