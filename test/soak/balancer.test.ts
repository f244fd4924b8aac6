/**
 * The deployment's topology under load, with processes instead of containers
 * (about a minute): three instances behind HAProxy on one PostgreSQL and one
 * Redis. Every guest talks through the balancer, its writes on one instance
 * and its page's subscription on another (pinned by a header, checked by the
 * balancer's X-Served-By); guests order, talk, tip, pay and come and go.
 * Every committed change must reach its page exactly once and in order, and
 * every session's money must add up. Lag figures are printed, not asserted.
 */
import { expect, it } from "vitest";
import { haproxyMissing } from "../../bench/support/balancer.js";
import { formatSoak, runSoak } from "../../bench/soak.js";
import { postgresOrSkip } from "../support/postgres.js";
import { redisEnv, redisSkipReason, uniqueRedisPrefix } from "../support/redis.js";
import { describeWhen, skipReason } from "../support/requirements.js";

const BALANCER = { kind: "balancer", requiredBy: "MAYA_REQUIRE_BALANCER" };
const onPostgres = await postgresOrSkip();
const missing = !onPostgres ? "PostgreSQL is not reachable" : ((await redisSkipReason()) ?? skipReason(BALANCER, haproxyMissing()));

describeWhen(BALANCER, missing, "three instances behind HAProxy, on PostgreSQL and Redis", () => {
  it(
    "delivers every change exactly once and in order across instances, and conserves money",
    async () => {
      const result = await runSoak({
        guests: 24,
        durationMs: 40_000,
        warmupMs: 5_000,
        thinkMs: [100, 400],
        leaveChance: 0.02,
        payChance: 0.04,
        database: "postgres",
        balanced: { instances: 3, env: redisEnv(uniqueRedisPrefix("balancer")) },
      });
      console.log(formatSoak(result));
      expect(result.operations).toBeGreaterThan(500);
      expect(result.guestsServed).toBeGreaterThan(24);
      expect(result.payments).toBeGreaterThan(0);
      expect({ missing: result.missing, duplicates: result.duplicates, outOfOrder: result.outOfOrder }).toEqual({ missing: 0, duplicates: 0, outOfOrder: 0 });
      expect(result.subscriptionErrors).toBe(0);
      expect(result.requestFailures).toBe(0);
      // Every guest's page was on another instance than its writes, and all three served.
      expect(result.misrouted).toBe(0);
      expect(Object.keys(result.servedBy).sort()).toEqual(["maya1", "maya2", "maya3"]);
      expect(result.moneyViolations).toBe(0);
    },
    180_000,
  );
});
