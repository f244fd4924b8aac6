/** `npm start`: runs Maya until SIGINT/SIGTERM, then shuts down cleanly. */
import { ConfigError, loadConfig } from "./config.js";
import { startMaya } from "./app.js";
import { createLogger, describeError } from "./logger.js";
import { StripeConfigError } from "./payments/stripe/stripe-config.js";
import { guardProcess } from "./startup/process-guards.js";
import { StartupError } from "./startup/startup-error.js";

// First of all: a stray error anywhere, from now on, is logged and counted, never fatal.
const strayErrors = guardProcess(process, createLogger(process.env.MAYA_LOG === "silent" ? "silent" : "info"));

try {
  const config = loadConfig(process.env);
  const app = await startMaya(config, { strayErrors });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${JSON.stringify({ level: "info", message: "shutting down", signal })}\n`);
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
} catch (error) {
  // One line, naming the setting and what to do; exit code 2 for what the operator can fix.
  const fixable = error instanceof ConfigError || error instanceof StripeConfigError || error instanceof StartupError;
  console.error(`Maya cannot start: ${fixable ? (error as Error).message : describeError(error).slice(0, 300)}`);
  process.exit(fixable ? 2 : 1);
}
