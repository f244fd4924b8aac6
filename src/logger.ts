/**
 * One-line JSON logs. Callers pass facts, never secrets: tokens, keys and
 * card numbers are not logged anywhere, and error messages from providers are
 * shortened before they get here.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: "silent" | "info", write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  if (level === "silent") return { info: () => undefined, warn: () => undefined, error: () => undefined };
  const log = (severity: string) => (message: string, fields: Record<string, unknown> = {}) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level: severity, message, ...fields })}\n`);
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

/** An error as a log field: its name and message, without a stack full of paths. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
