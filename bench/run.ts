/**
 * `npm run bench`: every bench, one after another, each printing its own figures.
 *
 * - conversation parse + turn in memory (bench/conversation/parse.ts)
 * - conversation `say` over HTTP against a real Maya, with addToTab alongside
 *   (bench/conversation/say-http.ts; it reports the corpus parse time too)
 *
 * Exits non-zero when a bench reports failed requests or misunderstood turns.
 */
import { runParseBench, type Timing } from "./conversation/parse.js";
import { runSayHttpBench } from "./conversation/say-http.js";

const format = (timing: Timing): string =>
  `median ${timing.medianMicros.toFixed(1)} us, p99 ${timing.p99Micros.toFixed(1)} us, cpu ${timing.cpuMicrosPerCall.toFixed(1)} us/call over ${timing.calls} calls`;

const started = performance.now();
let failed = false;

console.log("== conversation: a turn in memory (no database, no HTTP)");
const parse = await runParseBench({ rounds: 20 });
if (parse.turn) console.log(`conversation turn, in-memory bar and store (${parse.utterances} utterances x ${parse.rounds / 10} rounds): ${format(parse.turn)}`);

console.log("\n== conversation: say over HTTP");
const http = await runSayHttpBench();
failed ||=
  http.unexpectedIntents.length > 0 ||
  [http.say.single, http.say.concurrent, http.addToTab.single, http.addToTab.concurrent].some((figures) => figures.failures > 0);

console.log(`\nall benches done in ${((performance.now() - started) / 1000).toFixed(1)} s${failed ? ", WITH FAILURES" : ""}`);
process.exit(failed ? 1 : 0);
