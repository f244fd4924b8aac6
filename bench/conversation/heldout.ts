/**
 * Scores held-out sets (bench/heldout/WRITING.md) and outside corpora by the tab alone:
 *
 *   node dist/bench/conversation/heldout.js [set.json ...] [--failures] [--record]
 *
 * With no file, every set in bench/heldout and bench/outside. Prints, per set: turns, tab right,
 * unrequested pours, pours beyond what was asked, over-charges and unrequested payments, then
 * tab right by kind; `--failures` lists every turn that went wrong with Maya's reply. `--record`
 * writes a sealed set's first run into the set (`firstRun`, never overwritten): from then on the
 * set is folded in, and the test suite holds Maya to it.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describeVerdict, readHeldOutSet, scoreSet, type HeldOutSet, type SetScore } from "../../test/conversation/heldout-kit.js";

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

/** The set as written, one case a line, so a diff shows which cases changed. */
export function formatSet(set: HeldOutSet): string {
  const { cases, ...header } = set;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  return `${head},\n  "cases": [\n${cases.map((entry) => `    ${JSON.stringify(entry)}`).join(",\n")}\n  ]\n}\n`;
}

function record(file: string, set: HeldOutSet, score: SetScore, commit: string): void {
  if (set.firstRun !== undefined) return console.log(`  (first run already recorded: ${JSON.stringify(set.firstRun)})`);
  const firstRun = {
    date: new Date().toISOString().slice(0, 10),
    commit,
    turns: score.turns,
    tabRight: score.right,
    unrequestedPours: score.unrequestedPours.length,
    overPours: score.overPours.length,
    overCharges: score.overCharges.length,
    unrequestedPayments: score.unrequestedPayments.length,
  };
  writeFileSync(file, formatSet({ ...set, firstRun }));
  console.log(`  first run recorded in ${file}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files = args.filter((arg) => !arg.startsWith("--"));
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  for (const file of files.length > 0 ? files : defaultSetFiles()) {
    const set = readHeldOutSet(file);
    const score = await scoreSet(set);
    console.log(formatScore(score, args.includes("--failures")));
    if (args.includes("--record")) record(file, set, score, commit);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
