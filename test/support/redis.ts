/**
 * Real Redis for tests, at MAYA_TEST_REDIS_URL (default the local server).
 * Every test uses its own key prefix (and so its own channels), so suites
 * running in parallel on one Redis never see each other's keys or messages.
 * When Redis is not reachable the suites skip with a message, unless
 * MAYA_REQUIRE_REDIS=1 (CI) makes that a failure.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { skipReason, type Requirement } from "./requirements.js";

export const REDIS_TEST_URL = process.env.MAYA_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export const REDIS_REQUIREMENT: Requirement = { kind: "redis", requiredBy: "MAYA_REQUIRE_REDIS" };
/** A fixed key for tests: state in Redis is encrypted with it. */
export const TEST_STATE_KEY = "a3f1".repeat(16);

/** Whether a Redis at `url` answers PING within two seconds (the benches ask it too). */
export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

let reachable: Promise<boolean> | undefined;

export function redisReachable(): Promise<boolean> {
  reachable ??= redisAnswers(REDIS_TEST_URL);
  return reachable;
}

/** Null when Redis answers; why not otherwise (throws under MAYA_REQUIRE_REDIS=1). */
export async function redisSkipReason(): Promise<string | null> {
  return skipReason(REDIS_REQUIREMENT, (await redisReachable()) ? null : `Redis is not reachable at ${REDIS_TEST_URL} (start redis-server or set MAYA_TEST_REDIS_URL)`);
}

/** A key prefix no other test uses. */
export function uniqueRedisPrefix(label: string): string {
  return `maya-test:${label}:${randomBytes(5).toString("hex")}:`;
}

/** The environment that puts an app on the test Redis, under its own prefix. */
export function redisEnv(prefix: string): Record<string, string> {
  return { REDIS_URL: REDIS_TEST_URL, MAYA_REDIS_PREFIX: prefix, MAYA_STATE_KEY: TEST_STATE_KEY };
}
