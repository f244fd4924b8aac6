/**
 * The rate-limit buckets per client address and per session, from
 * rate-limiter-flexible: in Redis with REDIS_URL, so every instance behind a
 * balancer takes from the same bucket (N instances do not give a client N
 * times the limit), in memory otherwise. A bucket holds `capacity` requests
 * and refills at `refillPerSecond`, as a token bucket would, from the
 * library's two fixed windows (its BurstyRateLimiter): `refillPerSecond` each
 * second, and the rest of `capacity` once per `capacity / refillPerSecond`
 * seconds for bursts. While Redis is away each instance
 * limits on its own (the library's insurance limiter) instead of refusing
 * everyone or letting everyone through.
 */
import type { Redis } from "ioredis";
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

export interface SharedRateLimiter {
  /** Takes `points` (default 1) from `key`'s bucket; false when it has not that many left (refused points still count). */
  take(key: string, points?: number): Promise<boolean>;
}

export interface SharedLimiterStore {
  redis: Redis;
  /** The app's key prefix (MAYA_REDIS_PREFIX). */
  keyPrefix: string;
}

/** `name` tells the buckets apart in Redis (`<prefix>rate:<name>:<key>`). */
export function createSharedRateLimiter(limit: RateLimit, name: string, store?: SharedLimiterStore): SharedRateLimiter {
  const steadyPoints = Math.min(limit.capacity, limit.refillPerSecond);
  const steady = window(`${name}:steady`, steadyPoints, 1, store);
  const burstPoints = limit.capacity - steadyPoints;
  // Whole seconds (Redis expiries are): at least the time the bucket takes to refill.
  const burstSeconds = Math.max(1, Math.ceil(limit.capacity / limit.refillPerSecond));
  const limiter = burstPoints > 0 ? new BurstyRateLimiter(steady, window(`${name}:burst`, burstPoints, burstSeconds, store)) : steady;
  return {
    take: (key, points = 1) =>
      limiter.consume(key, points).then(
        () => true,
        (rejection: unknown) => {
          if (rejection instanceof RateLimiterRes) return false;
          throw rejection;
        },
      ),
  };
}

function window(name: string, points: number, duration: number, store: SharedLimiterStore | undefined): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration, keyPrefix: name });
  if (!store) return memory;
  return new RateLimiterRedis({
    points,
    duration,
    storeClient: store.redis,
    keyPrefix: `${store.keyPrefix}rate:${name}`,
    // Not queued behind a reconnect: the instance's own memory decides meanwhile.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}
