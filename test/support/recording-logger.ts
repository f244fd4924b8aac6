/** A Logger that keeps what it is told, for tests that check what was (and was not) logged. */
import type { Logger } from "../../src/logger.js";

export interface LoggedLine {
  level: "info" | "warn" | "error";
  message: string;
  fields: Record<string, unknown>;
}

export function recordingLogger(): { logger: Logger; logged: LoggedLine[] } {
  const logged: LoggedLine[] = [];
  const logger: Logger = {
    info: (message, fields = {}) => logged.push({ level: "info", message, fields }),
    warn: (message, fields = {}) => logged.push({ level: "warn", message, fields }),
    error: (message, fields = {}) => logged.push({ level: "error", message, fields }),
  };
  return { logger, logged };
}
