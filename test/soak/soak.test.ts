/**
 * The soak, one minute per database (`npm run soak` runs it longer and
 * reports figures): guests with live snapshot subscriptions talk to Maya
 * while guests come and go; every committed change must reach its guest's
 * overlay exactly once and in version order. Lag and connection figures are
 * printed, not asserted (timing on a shared CI machine is not a verdict).
 */
import { describe, expect, it } from "vitest";
import { formatSoak, runSoak } from "../../bench/soak.js";
import { availableBackends } from "../support/backends.js";

describe.each(await availableBackends())("soak on %s", (database) => {
  it(
    "every committed change reaches its subscriber exactly once, in version order",
    async () => {
      const result = await runSoak({
        guests: 48,
        durationMs: 60_000,
        warmupMs: 5_000,
        thinkMs: [100, 400],
        leaveChance: 0.02,
        database,
        // On PostgreSQL the pages listen on a second instance: every change crosses the outbox relay.
        instances: database === "postgres" ? 2 : 1,
      });
      console.log(formatSoak(result));
      expect(result.operations).toBeGreaterThan(1000);
      expect(result.guestsServed).toBeGreaterThan(48);
      expect({ missing: result.missing, duplicates: result.duplicates, outOfOrder: result.outOfOrder }).toEqual({
        missing: 0,
        duplicates: 0,
        outOfOrder: 0,
      });
      expect(result.subscriptionErrors).toBe(0);
      expect(result.requestFailures).toBe(0);
    },
    180_000,
  );
});
