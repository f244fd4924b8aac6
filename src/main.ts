/** `npm start`: runs Maya until SIGINT/SIGTERM, then shuts down cleanly. */
import type { MayaApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger, describeError } from "./logger.js";
import { StripeConfigError } from "./payments/stripe/stripe-config.js";
import { guardProcess } from "./startup/process-guards.js";
import { StartupError } from "./startup/startup-error.js";

const log = createLogger(process.env.MAYA_LOG === "silent" ? "silent" : "info");
// First of all: a stray error anywhere, from now on, is logged and counted, never fatal.
const strayErrors = guardProcess(process, log);

let app: MayaApp | undefined;
const starting = (async () => {
  try {
    const config = loadConfig(process.env);
    // Loaded after the signal handlers below are in place: loading the app takes a while.
    const { startMaya } = await import("./app.js");
    app = await startMaya(config, { strayErrors });
  } catch (error) {
    // One line, naming the setting and what to do; exit code 2 for what the operator can fix.
    const fixable = error instanceof ConfigError || error instanceof StripeConfigError || error instanceof StartupError;
    console.error(`Maya cannot start: ${fixable ? (error as Error).message : describeError(error).slice(0, 300)}`);
    process.exit(fixable ? 2 : 1);
  }
})();

// Installed before the start: a signal while starting stops Maya once it has started (the data
// folder's lock and the database are let go cleanly), rather than killing it halfway.
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info("shutting down", { signal });
  await starting;
  await app?.close();
  process.exit(0);
};
// `on`, not `once`: a listener left in place tells signal-exit (the data folder's lock uses it) that
// the signal is handled, so it does not raise the signal again and kill the stop halfway.
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
