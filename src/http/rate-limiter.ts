/**
 * Token buckets that refill: `capacity` requests at once, then
 * `refillPerSecond` more every second. (The earlier version's limiter never
 * refilled, so a guest was locked out for good after a burst.)
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
