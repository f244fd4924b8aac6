/**
 * Scores held-out sets (bench/heldout/WRITING.md) and outside corpora by the tab alone:
 *
 *   node dist/bench/conversation/heldout.js [set.json ...] [--failures]
 *
 * With no file, every set in bench/heldout and bench/outside. Prints, per set: turns, tab right,
 * unrequested pours, pours beyond what was asked, over-charges and unrequested payments, then
 * tab right by kind; `--failures` lists every turn that went wrong with Maya's reply.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describeVerdict, readHeldOutSet, scoreSet, type SetScore } from "../../test/conversation/heldout-kit.js";

const ROOT = new URL("../../../", import.meta.url).pathname;

export function defaultSetFiles(): string[] {
  return ["bench/heldout", "bench/outside"].flatMap((folder) =>
    readdirSync(join(ROOT, folder))
      .filter((name) => name.endsWith(".json"))
      .map((name) => join(ROOT, folder, name)),
  );
}

const percent = (part: number, whole: number) => `${((part / Math.max(1, whole)) * 100).toFixed(1)}%`;

export function formatScore(score: SetScore, failures: boolean): string {
  const lines = [
    `${score.name}: ${score.turns} turns, tab right ${percent(score.right, score.turns)} (${score.right}/${score.turns}), ` +
      `unrequested pours ${score.unrequestedPours.length}, poured beyond the ask ${score.overPours.length}, ` +
      `over-charges ${score.overCharges.length}, unrequested payments ${score.unrequestedPayments.length}`,
    ...[...score.byKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, { right, total }]) => `    ${kind.padEnd(17)} ${percent(right, total).padStart(6)} (${right}/${total})`),
  ];
  if (failures && score.failures.length > 0) lines.push("  wrong:", ...score.failures.map((verdict) => `    ${describeVerdict(verdict)}`));
  return lines.join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files = args.filter((arg) => !arg.startsWith("--"));
  for (const file of files.length > 0 ? files : defaultSetFiles()) {
    console.log(formatScore(await scoreSet(readHeldOutSet(file)), args.includes("--failures")));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
