/**
 * The process never exits on a stray error: an unhandled promise rejection or
 * an uncaught exception anywhere (a library that rethrows inside a promise
 * nobody awaits) is logged as one line, without secrets, and counted
 * (maya_process_errors_total), and the server keeps serving.
 */
import { describeError, type Logger } from "../logger.js";
import type { StrayErrorKind, StrayErrorStats } from "../observability/metrics.js";

export function guardProcess(target: NodeJS.EventEmitter, log: Logger): StrayErrorStats {
  const counts: Record<StrayErrorKind, number> = { unhandled_rejection: 0, uncaught_exception: 0 };
  const record = (kind: StrayErrorKind) => (error: unknown) => {
    counts[kind] += 1;
    log.error("stray error: nothing handled it; logged, counted, and the process keeps running", {
      kind,
      error: describeError(error).slice(0, 500),
    });
  };
  target.on("unhandledRejection", record("unhandled_rejection"));
  target.on("uncaughtException", record("uncaught_exception"));
  return { count: (kind) => counts[kind] };
}
