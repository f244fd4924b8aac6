/**
 * `npm start`: runs Maya until SIGINT/SIGTERM, then shuts down cleanly within
 * MAYA_SHUTDOWN_SECONDS (8 by default): a hard deadline ends the process
 * whatever is still open, and a second signal ends it at once.
 */
import type { MayaApp } from "./app.js";
import { ConfigError, DEFAULT_SHUTDOWN_SECONDS, loadConfig } from "./config.js";
import { createLogger, describeError } from "./logger.js";
import { StripeConfigError } from "./payments/stripe/stripe-config.js";
import { guardStdio } from "./startup/log-streams.js";
import { guardProcess } from "./startup/process-guards.js";
import { StartupError } from "./startup/startup-error.js";

// Before anything writes: a log reader that goes away never takes the server down (lines are dropped and counted).
const stdio = guardStdio(process);
const log = createLogger(process.env.MAYA_LOG === "silent" ? "silent" : "info", (line) => void stdio.stdout.write(line));
// Then: a stray error anywhere, from now on, is logged and counted, never fatal.
const strayErrors = guardProcess(process, log);

let app: MayaApp | undefined;
let shutdownSeconds = DEFAULT_SHUTDOWN_SECONDS;
const starting = (async () => {
  try {
    const config = loadConfig(process.env);
    shutdownSeconds = config.shutdownSeconds;
    // Loaded after the signal handlers below are in place: loading the app takes a while.
    const { startMaya } = await import("./app.js");
    app = await startMaya(config, { strayErrors, logDrops: stdio, logger: log });
  } catch (error) {
    // One line, naming the setting and what to do; exit code 2 for what the operator can fix.
    const fixable = error instanceof ConfigError || error instanceof StripeConfigError || error instanceof StartupError;
    stdio.stderr.write(`Maya cannot start: ${fixable ? (error as Error).message : describeError(error).slice(0, 300)}\n`);
    process.exit(fixable ? 2 : 1);
  }
})();

// Installed before the start: a signal while starting stops Maya once it has started (the data
// folder's lock and the database are let go cleanly), rather than killing it halfway; the deadline
// holds either way.
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) {
    log.warn("a second signal: exiting now", { signal });
    process.exit(1);
  }
  stopping = true;
  log.info("shutting down", { signal, deadlineSeconds: shutdownSeconds });
  setTimeout(() => {
    log.error("shutdown did not finish in time: exiting with what is still open", { deadlineSeconds: shutdownSeconds });
    process.exit(1);
  }, shutdownSeconds * 1000);
  await starting;
  await app?.close();
  process.exit(0);
};
// `on`, not `once`: a listener left in place tells signal-exit (the data folder's lock uses it) that
// the signal is handled, so it does not raise the signal again and kill the stop halfway.
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
