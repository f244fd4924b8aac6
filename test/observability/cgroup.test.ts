import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CGROUP_ROOT,
  readCgroupStats,
  readCpuUsageSeconds,
  readMemoryLimitBytes,
  readMemoryUsageBytes,
} from "../../src/observability/cgroup.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/cgroup/${name}`, import.meta.url));

describe("cgroup readers", () => {
  it("read cgroup v2: memory.current, memory.max and cpu.stat usage_usec", async () => {
    expect(await readCgroupStats(fixture("v2"))).toEqual({
      memoryUsageBytes: 536_870_912,
      memoryLimitBytes: 2_147_483_648,
      cpuUsageSeconds: 12.345678,
    });
  });

  it('treat v2 "max" as no limit, without falling back to v1', async () => {
    expect(await readCgroupStats(fixture("v2-unlimited"))).toEqual({
      memoryUsageBytes: 104_857_600,
      memoryLimitBytes: undefined,
      cpuUsageSeconds: 1.5,
    });
  });

  it("fall back to cgroup v1: usage_in_bytes, limit_in_bytes and cpuacct.usage in nanoseconds", async () => {
    expect(await readCgroupStats(fixture("v1"))).toEqual({
      memoryUsageBytes: 314_572_800,
      memoryLimitBytes: 1_073_741_824,
      cpuUsageSeconds: 98.7654321,
    });
  });

  it("treat v1's huge page-aligned limit as no limit", async () => {
    expect(await readMemoryUsageBytes(fixture("v1-unlimited"))).toBe(209_715_200);
    expect(await readMemoryLimitBytes(fixture("v1-unlimited"))).toBeUndefined();
  });

  it("read cpuacct from the combined cpu,cpuacct mount of older hosts", async () => {
    expect(await readCpuUsageSeconds(fixture("v1-combined-cpu"))).toBe(2.5);
  });

  it("report nothing, rather than a made-up value, for missing or unparsable files", async () => {
    const none = { memoryUsageBytes: undefined, memoryLimitBytes: undefined, cpuUsageSeconds: undefined };
    expect(await readCgroupStats(fixture("empty"))).toEqual(none);
    expect(await readCgroupStats(fixture("garbage"))).toEqual(none);
    expect(await readCgroupStats(fixture("no-such-folder"))).toEqual(none);
  });

  it("read this machine's real cgroup where there is one", async () => {
    const stats = await readCgroupStats();
    for (const value of Object.values(stats)) {
      if (value !== undefined) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
      }
    }
    const hasMemoryFile =
      existsSync(`${DEFAULT_CGROUP_ROOT}/memory.current`) || existsSync(`${DEFAULT_CGROUP_ROOT}/memory/memory.usage_in_bytes`);
    if (hasMemoryFile) expect(stats.memoryUsageBytes).toBeGreaterThan(0);
    const hasCpuFile =
      existsSync(`${DEFAULT_CGROUP_ROOT}/cpu.stat`) || existsSync(`${DEFAULT_CGROUP_ROOT}/cpuacct/cpuacct.usage`);
    if (hasCpuFile) expect(stats.cpuUsageSeconds).toBeGreaterThan(0);
  });
});
