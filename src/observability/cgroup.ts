/**
 * Container resource figures from the cgroup filesystem. cgroup v2 files are
 * read first; when one is absent the v1 equivalent is tried. A figure that is
 * unlimited, missing or unparsable comes back as undefined: a dashboard showing
 * no limit is honest, one showing 8 EiB is not.
 *
 * The readers look at the cgroup mounted at `root`, which inside a container
 * (Docker, Kubernetes, Modal) is the container's own group.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

export const DEFAULT_CGROUP_ROOT = "/sys/fs/cgroup";

/**
 * cgroup v1 reports "no limit" as the largest page-aligned signed 64-bit value
 * (9223372036854771712 on 4 KiB pages, other values on other page sizes).
 * Nothing real reaches 2^60 bytes (1 EiB), so anything above means unlimited.
 */
const V1_UNLIMITED_THRESHOLD = 2 ** 60;

export interface CgroupStats {
  memoryUsageBytes: number | undefined;
  memoryLimitBytes: number | undefined;
  cpuUsageSeconds: number | undefined;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    // Missing, unreadable or not a file: all mean "this source has no figure".
    return undefined;
  }
}

/** A non-negative integer count, or undefined for anything else ("max", garbage). */
function parseCount(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Reads the v2 file if it exists (its word is final, "max" included), else the
 * v1 file. Returns the parsed figure from whichever answered.
 */
async function readV2ThenV1(
  v2Path: string,
  v1Path: string,
  parseV2: (text: string) => number | undefined,
  parseV1: (text: string) => number | undefined,
): Promise<number | undefined> {
  const v2 = await readText(v2Path);
  if (v2 !== undefined) return parseV2(v2);
  const v1 = await readText(v1Path);
  return v1 === undefined ? undefined : parseV1(v1);
}

function parseV1Limit(text: string): number | undefined {
  const value = parseCount(text);
  return value === undefined || value >= V1_UNLIMITED_THRESHOLD ? undefined : value;
}

/** `usage_usec` from a v2 cpu.stat, in seconds. */
function parseCpuStatUsage(text: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith("usage_usec "));
  const usec = line === undefined ? undefined : parseCount(line.slice("usage_usec ".length));
  return usec === undefined ? undefined : usec / 1e6;
}

function parseNanosecondsAsSeconds(text: string): number | undefined {
  const ns = parseCount(text);
  return ns === undefined ? undefined : ns / 1e9;
}

export function readMemoryUsageBytes(root: string = DEFAULT_CGROUP_ROOT): Promise<number | undefined> {
  return readV2ThenV1(
    join(root, "memory.current"),
    join(root, "memory", "memory.usage_in_bytes"),
    parseCount,
    parseCount,
  );
}

export function readMemoryLimitBytes(root: string = DEFAULT_CGROUP_ROOT): Promise<number | undefined> {
  // parseCount turns v2's "max" into undefined.
  return readV2ThenV1(
    join(root, "memory.max"),
    join(root, "memory", "memory.limit_in_bytes"),
    parseCount,
    parseV1Limit,
  );
}

export async function readCpuUsageSeconds(root: string = DEFAULT_CGROUP_ROOT): Promise<number | undefined> {
  const fromV2OrCpuacct = await readV2ThenV1(
    join(root, "cpu.stat"),
    join(root, "cpuacct", "cpuacct.usage"),
    parseCpuStatUsage,
    parseNanosecondsAsSeconds,
  );
  if (fromV2OrCpuacct !== undefined) return fromV2OrCpuacct;
  // Older Docker hosts mount cpu and cpuacct together without the separate links.
  const combined = await readText(join(root, "cpu,cpuacct", "cpuacct.usage"));
  return combined === undefined ? undefined : parseNanosecondsAsSeconds(combined);
}

export async function readCgroupStats(root: string = DEFAULT_CGROUP_ROOT): Promise<CgroupStats> {
  const [memoryUsageBytes, memoryLimitBytes, cpuUsageSeconds] = await Promise.all([
    readMemoryUsageBytes(root),
    readMemoryLimitBytes(root),
    readCpuUsageSeconds(root),
  ]);
  return { memoryUsageBytes, memoryLimitBytes, cpuUsageSeconds };
}
