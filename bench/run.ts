/**
 * `npm run bench`: every bench, one after another, each printing its own figures.
 *
 * - the conversation engine: parse and a whole turn in memory (bench/conversation/parse.ts)
 * - the write path against the database's own speed (bench/write-path.ts): menu against a bare
 *   Apollo Server, tab writes and spoken tab writes against pgbench, `say` at one session, an
 *   event across two instances, ready time; with `--profile`, where Maya's CPU time went
 * - many instances (bench/instances.ts): idle database cost of 6 instances, tab writes on one
 *   instance against three behind HAProxy
 * - offline speech recognition: end of speech to transcript (bench/speech/recognition.ts)
 * - the spoken corpus: three synthesizer families, two speeds, clean and noisy, heard and sent to
 *   Maya; same outcome as typed, confirmations, wrong charges (bench/speech/spoken-corpus.ts)
 *
 * Exits non-zero when a bench reports failed requests or misunderstood turns.
 */
import { runParseBench, type Timing } from "./conversation/parse.js";
import { runWritePathBench } from "./write-path.js";
import { runInstancesBench } from "./instances.js";
import { runRecognitionBench } from "./speech/recognition.js";
import { runSpokenCorpusBench } from "./speech/spoken-corpus.js";

const format = (timing: Timing): string =>
  `median ${timing.medianMicros.toFixed(1)} us, p99 ${timing.p99Micros.toFixed(1)} us, cpu ${timing.cpuMicrosPerCall.toFixed(1)} us/call over ${timing.calls} calls`;

const started = performance.now();
let failed = false;

console.log("== conversation: the engine in memory (no database, no HTTP)");
const parse = await runParseBench({ rounds: 60 });
console.log(`engine parse, understand() over the corpus (${parse.utterances} utterances x ${parse.rounds} rounds): ${format(parse.parse)} (goal p99 <= 200 us, issue 18)`);
if (parse.turn) console.log(`a whole turn, in-memory bar and store: ${format(parse.turn)}`);

console.log("\n== the write path, against a bare Apollo Server and pgbench on this machine");
const secondsAt = process.argv.indexOf("--seconds");
const writePath = await runWritePathBench({
  seconds: secondsAt > 0 ? Number(process.argv[secondsAt + 1]) : 10,
  profile: process.argv.includes("--profile"),
  log: (line) => console.log(line),
});
failed ||= (writePath?.failures ?? 0) > 0;

console.log("\n== many instances: idle cost, writes through the balancer");
const instances = await runInstancesBench({ seconds: secondsAt > 0 ? Number(process.argv[secondsAt + 1]) : 10, log: (line) => console.log(line) });
failed ||= (instances?.writes?.oneInstance.failures ?? 0) + (instances?.writes?.threeBalanced.failures ?? 0) > 0;

console.log("\n== speech: offline recognition, end of speech to transcript");
const hearing = await runRecognitionBench();
if (hearing.skipped) console.log(`skipped: ${hearing.skipped}`);
else
  console.log(
    `pocketsphinx with the bar's model, ${hearing.utterances} utterances (${hearing.audioSeconds.toFixed(1)} s of espeak-ng, flite and festival speech, half of it noisy, streamed in real time): ` +
      `latency p50 ${hearing.latencyMs.p50.toFixed(0)} ms, p95 ${hearing.latencyMs.p95.toFixed(0)} ms, max ${hearing.latencyMs.max.toFixed(0)} ms ` +
      `(noisy alone p95 ${hearing.noisyLatencyMs?.p95.toFixed(0) ?? "-"} ms; goal p95 <= 400 ms); ` +
      `${hearing.wordPerfect}/${hearing.utterances} word for word`,
  );

console.log("\n== speech: the spoken corpus (synthesized at run time), heard and sent to Maya");
const corpus = await runSpokenCorpusBench({ sweep: true });
if (corpus.skipped) console.log(`skipped: ${corpus.skipped}`);

console.log(`\nall benches done in ${((performance.now() - started) / 1000).toFixed(1)} s${failed ? ", WITH FAILURES" : ""}`);
process.exit(failed ? 1 : 0);
