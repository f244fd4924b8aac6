/**
 * How long Maya takes to understand an utterance, and to run a whole turn
 * with in-memory stand-ins for the database, over the test corpus.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/conversation/parse.js [rounds] [--parse-only]
 *
 * Each corpus utterance is understood in the dialogue state its case sets
 * up (follow-up answers with their question pending), `rounds` times after
 * a warm-up; every call is timed on its own, and the median and 99th
 * percentile are reported in microseconds, with the process CPU time per
 * call as a cross-check. The HTTP `say` bench can import runParseBench().
 */
import { pathToFileURL } from "node:url";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { initialState, parseState, type DialogueState } from "../../src/conversation/dialogue-state.js";
import { understand } from "../../src/conversation/interpret.js";
import { menuIndex } from "../../src/conversation/menu-matcher.js";
import { forgetTags } from "../../src/conversation/tagging.js";
import { CORPUS } from "../../test/conversation/corpus.js";
import { FakeBackend, FakeBar, MemoryStore } from "../../test/conversation/fake-bar.js";

export interface Timing {
  calls: number;
  medianMicros: number;
  p99Micros: number;
  /** Process CPU time (user + system) divided by calls. */
  cpuMicrosPerCall: number;
}

export interface ParseBenchResult {
  utterances: number;
  rounds: number;
  /** understand(): normalise, tag, match, classify, read a pending answer. */
  parse: Timing;
  /** The same with the tagger remembering nothing: every utterance new to it. */
  untagged: Timing;
  /** ConversationService.say() against in-memory BarPort and store: parse, act, reply, speech, state (null with parseOnly). */
  turn: Timing | null;
}

interface Sample {
  text: string;
  state: DialogueState;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

function summarise(durationsNanos: number[], cpuMicros: number): Timing {
  const sorted = durationsNanos.sort((a, b) => a - b);
  return {
    calls: sorted.length,
    medianMicros: percentile(sorted, 0.5) / 1000,
    p99Micros: percentile(sorted, 0.99) / 1000,
    cpuMicrosPerCall: cpuMicros / sorted.length,
  };
}

const cpuMicros = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

/** The state each corpus case is understood in, made by saying its `given` utterances first. */
async function samples(): Promise<Sample[]> {
  const result: Sample[] = [];
  for (const [position, entry] of CORPUS.entries()) {
    if (!entry.given?.length) {
      result.push({ text: entry.say, state: initialState() });
      continue;
    }
    const store = new MemoryStore();
    const service = new ConversationService(new FakeBackend(new FakeBar(), store));
    const sessionId = `bench-${position}`;
    for (const said of entry.given) await service.say(sessionId, said);
    result.push({ text: entry.say, state: parseState(await store.loadState(sessionId)) });
  }
  return result;
}

/** `untagged`: the tagger remembers nothing between calls, as for an utterance it has never seen. */
function timeParse(corpus: readonly Sample[], rounds: number, untagged = false): Timing {
  const index = menuIndex(MENU_CATALOG);
  for (let round = 0; round < 20; round += 1) for (const { text, state } of corpus) understand(text, state, index);
  const durations: number[] = [];
  const cpu = process.cpuUsage();
  for (let round = 0; round < rounds; round += 1) {
    for (const { text, state } of corpus) {
      if (untagged) forgetTags();
      const start = process.hrtime.bigint();
      understand(text, state, index);
      durations.push(Number(process.hrtime.bigint() - start));
    }
  }
  return summarise(durations, cpuMicros(cpu));
}

async function timeTurns(corpus: readonly Sample[], rounds: number): Promise<Timing> {
  const bar = new FakeBar(Number.MAX_SAFE_INTEGER);
  const service = new ConversationService(new FakeBackend(bar, new MemoryStore()));
  const durations: number[] = [];
  let cpuTotal = 0;
  for (let round = 0; round < rounds + 5; round += 1) {
    const cpu = process.cpuUsage();
    for (const [position, { text }] of corpus.entries()) {
      const start = process.hrtime.bigint();
      await service.say(`turns-${round}-${position % 7}`, text);
      if (round >= 5) durations.push(Number(process.hrtime.bigint() - start));
    }
    if (round >= 5) cpuTotal += cpuMicros(cpu);
  }
  return summarise(durations, cpuTotal);
}

export async function runParseBench(options: { rounds?: number; parseOnly?: boolean } = {}): Promise<ParseBenchResult> {
  const rounds = options.rounds ?? 200;
  const corpus = await samples();
  const parse = timeParse(corpus, rounds);
  const untagged = timeParse(corpus, Math.max(1, Math.floor(rounds / 4)), true);
  const turn = options.parseOnly ? null : await timeTurns(corpus, Math.max(1, Math.floor(rounds / 10)));
  return { utterances: corpus.length, rounds, parse, untagged, turn };
}

const format = (timing: Timing): string =>
  `median ${timing.medianMicros.toFixed(1)} us, p99 ${timing.p99Micros.toFixed(1)} us, cpu ${timing.cpuMicrosPerCall.toFixed(1)} us/call over ${timing.calls} calls`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rounds = Number.parseInt(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? "", 10);
  const parseOnly = process.argv.includes("--parse-only");
  const result = await runParseBench({ ...(Number.isFinite(rounds) && rounds > 0 ? { rounds } : {}), parseOnly });
  console.log(`conversation parse (${result.utterances} utterances x ${result.rounds} rounds): ${format(result.parse)}`);
  console.log(`conversation parse, every utterance new to the tagger: ${format(result.untagged)}`);
  if (result.turn) console.log(`conversation turn, in-memory bar and store: ${format(result.turn)}`);
}
