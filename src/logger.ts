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

/** An error as a log field: its name and message, without a stack full of paths, secrets masked. */
export function describeError(error: unknown): string {
  return redactSecrets(error instanceof Error ? `${error.name}: ${error.message}` : describeThrown(error));
}

/** Something thrown that is not an Error (an Emscripten ErrnoError is a bare { name, errno }): its telling fields. */
function describeThrown(value: unknown): string {
  if (typeof value !== "object" || value === null) return String(value);
  const { name, message, code, errno } = value as Record<string, unknown>;
  const parts = [name, message, code, errno === undefined ? undefined : `errno ${String(errno)}`].filter((part) => typeof part === "string" || typeof part === "number");
  return parts.length > 0 ? parts.map(String).join(" ") : Object.prototype.toString.call(value);
}

/**
 * Masks what must never reach a log even inside someone else's error message:
 * passwords in URLs, bearer tokens, Stripe keys and signing secrets, private keys.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, "$1***@")
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, "$1***")
    .replace(/\b((?:sk|rk|pk)_(?:test|live)_|whsec_)[A-Za-z0-9]+/g, "$1***")
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, "[private key]");
}
