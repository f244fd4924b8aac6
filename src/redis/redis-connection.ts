/**
 * Connections to Redis (REDIS_URL), shared by what several instances must
 * share: the event broker, the rate-limit buckets and MCP sessions. A
 * connection retries for as long as Redis is away (each user decides what to
 * do meanwhile) and logs an outage once each way, never the URL (it may hold
 * a password).
 */
import { Redis, type RedisOptions } from "ioredis";
import { describeError, type Logger } from "../logger.js";

export interface RedisSettings {
  url: string;
  /** Every key and channel this app uses starts with it, so apps (and tests) can share one Redis. */
  keyPrefix: string;
}

export interface RedisConnectionOptions {
  /** Commands while disconnected fail at once instead of queueing (a publish, a rate-limit check). */
  failFast?: boolean;
}

const MAX_RECONNECT_DELAY_MS = 2000;

export function connectRedis(settings: RedisSettings, role: string, log: Logger, options: RedisConnectionOptions = {}): Redis {
  const redisOptions: RedisOptions = {
    lazyConnect: true,
    connectionName: `maya-${role}`,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), MAX_RECONNECT_DELAY_MS),
    // A command waits for a reconnect at most this many tries, then fails (the caller has a fallback).
    maxRetriesPerRequest: options.failFast ? 0 : 2,
    enableOfflineQueue: !options.failFast,
    connectTimeout: 5000,
  };
  const redis = new Redis(settings.url, redisOptions);
  let down = false;
  redis.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    log.warn("redis unreachable; retrying", { role, error: describeError(error) });
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    log.info("redis reachable again", { role });
  });
  return redis;
}

/** Connects, or throws a message that names the setting (never its value). */
export async function openRedis(settings: RedisSettings, role: string, log: Logger, options: RedisConnectionOptions = {}): Promise<Redis> {
  const redis = connectRedis(settings, role, log, options);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis (REDIS_URL) is unreachable: ${describeError(error)}`);
  }
  return redis;
}
