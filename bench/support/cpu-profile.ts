/**
 * Summarises a V8 .cpuprofile (node --cpu-prof) by where the self time went:
 * each sample is charged to the package (or part of Node) of the function
 * that was running, so "Prisma's client runtime" or "socket writes" can be
 * compared before and after a change.
 */
import { readFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/node_modules\/@prisma\/|node_modules\/\.prisma|src\/generated\/prisma/, "prisma client"],
  [/node_modules\/(pg|pg-protocol|pg-pool|pg-types|pgpass|postgres-)/, "pg driver"],
  [/node_modules\/@electric-sql\/pglite/, "pglite"],
  [/node_modules\/@apollo\//, "apollo server"],
  [/node_modules\/graphql\//, "graphql-js"],
  [/node_modules\/type-graphql\//, "type-graphql"],
  [/node_modules\/(express|router|body-parser|raw-body|iconv-lite|qs|on-finished|finalhandler|send|serve-static|content-type|type-is|mime|accepts|negotiator|cookie|depd|debug|@as-integrations)/, "express"],
  [/node_modules\/(graphql-ws|ws)\//, "graphql-ws + ws"],
  [/node_modules\/prom-client/, "prom-client"],
  [/node_modules\//, "other packages"],
  [/dist\/src\/conversation/, "maya: conversation"],
  [/dist\/src\//, "maya: other"],
  [/^node:(net|_http|http|stream|internal\/stream)|internal\/(streams|http|net)|_http_/, "node: http + sockets"],
  [/^node:|^internal\//, "node: other"],
];

function categorise(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(idle)" || functionName === "(program)") return functionName;
  if (url === "" && /^(write|writev|read|writeUtf8String|writeBuffer)/.test(functionName)) return "node: http + sockets";
  for (const [pattern, category] of CATEGORIES) if (pattern.test(url)) return category;
  return url === "" ? "native / builtins" : "other";
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  /** Share of busy (non-idle) time by category, largest first. */
  shares: { category: string; ms: number; share: number }[];
}

export async function summariseCpuProfile(path: string): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const category = categorise(node);
    totals.set(category, (totals.get(category) ?? 0) + ms);
  });
  const totalMs = [...totals.values()].reduce((sum, ms) => sum + ms, 0);
  const busyMs = totalMs - (totals.get("(idle)") ?? 0);
  const shares = [...totals]
    .filter(([category]) => category !== "(idle)")
    .map(([category, ms]) => ({ category, ms, share: busyMs > 0 ? ms / busyMs : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return { totalMs, busyMs, shares };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  return summary.shares
    .filter((entry) => entry.share >= 0.01)
    .map((entry) => `  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.category}`)
    .join("\n");
}
