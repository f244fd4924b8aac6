/** `npm start`: runs Maya until SIGINT/SIGTERM, then shuts down cleanly. */
import { ConfigError, loadConfig } from "./config.js";
import { startMaya } from "./app.js";
import { StripeConfigError } from "./payments/stripe/stripe-config.js";

try {
  const config = loadConfig(process.env);
  const app = await startMaya(config);
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
  if (error instanceof ConfigError || error instanceof StripeConfigError) {
    console.error(`Maya cannot start: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
