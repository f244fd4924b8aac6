/**
 * A startup failure an operator can fix: one line naming the setting and what
 * to do (main.ts prints it and exits with code 2). Failures of the outside
 * world at startup (the database unreachable, the port taken, the data folder
 * read-only or held by another instance) are turned into one here, so no
 * stack trace or minified library code reaches the terminal.
 */
import { unavailableCause } from "../db/availability.js";
import { describeError } from "../logger.js";

export class StartupError extends Error {
  constructor(
    /** The environment variable to look at, e.g. DATABASE_URL. */
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = "StartupError";
  }
}

/** A Node/libuv error code (ECONNREFUSED, EACCES...) on the error or along its cause chain. */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = errorCode(errors[0]);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  // Some drivers only say it in words.
  return /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ECONNRESET|EACCES|EROFS|EPERM)\b/.exec(describeError(error))?.[1];
}

const NOT_WRITABLE = new Set(["EACCES", "EROFS", "EPERM"]);

/** Why the database could not be opened or migrated, as one line naming the setting. */
export function databaseStartupError(error: unknown, database: { databaseUrl?: string | undefined; dataDir: string }): StartupError {
  if (error instanceof StartupError) return error;
  const code = errorCode(error);
  if (database.databaseUrl) {
    const where = describeTarget(database.databaseUrl);
    // Prisma says P1001 ("Can't reach database server") where pg would say ECONNREFUSED.
    const unreachable =
      (code && ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "EHOSTUNREACH", "ECONNRESET"].includes(code)) ||
      (error as { code?: unknown } | null)?.code === "P1001" ||
      /Can't reach database server/.test(describeError(error));
    if (unreachable) {
      return new StartupError(
        "DATABASE_URL",
        `DATABASE_URL: cannot reach PostgreSQL at ${where}${code ? ` (${code})` : ""}. Start PostgreSQL, or set DATABASE_URL to a server that is running (unset it to use the embedded database).`,
      );
    }
    return new StartupError(
      "DATABASE_URL",
      `DATABASE_URL: PostgreSQL at ${where} refused to open the database (${describeError(error).slice(0, 200)}). Check the user, password and database name in DATABASE_URL.`,
    );
  }
  if (code && NOT_WRITABLE.has(code)) return dataDirNotWritable(database.dataDir, code);
  // The embedded database's own file system says ENOSPC as a bare errno object: name the cause, not "[object Object]".
  const cause = unavailableCause(error);
  if (cause !== null && /ENOSPC|EDQUOT|disk full/.test(cause)) {
    return new StartupError(
      "MAYA_DATA_DIR",
      `MAYA_DATA_DIR (${database.dataDir}): the embedded database cannot be written there: ${cause}. ` +
        "Free space on that disk (a new database needs about 40 MB), or set MAYA_DATA_DIR to a folder on a disk with room.",
    );
  }
  if (cause !== null && /EROFS|read-only/.test(cause)) return dataDirNotWritable(database.dataDir, "EROFS");
  return new StartupError(
    "MAYA_DATA_DIR",
    `MAYA_DATA_DIR (${database.dataDir}): the embedded database could not be opened there (${describeError(error).slice(0, 200)}). ` +
      "Make sure the folder is writable by this user and holds only a Maya database, or set MAYA_DATA_DIR to another folder.",
  );
}

export function dataDirNotWritable(dataDir: string, code: string): StartupError {
  return new StartupError(
    "MAYA_DATA_DIR",
    `MAYA_DATA_DIR (${dataDir}) is not writable (${code}): make the folder writable by this user, or set MAYA_DATA_DIR to a writable folder.`,
  );
}

/** Why the port could not be opened. */
export function listenStartupError(error: unknown, port: number, host: string): StartupError | unknown {
  switch (errorCode(error)) {
    case "EADDRINUSE":
      return new StartupError("PORT", `PORT ${port} is already in use on ${host}: stop the other process, or set PORT to a free port.`);
    case "EACCES":
      return new StartupError("PORT", `PORT ${port} needs privileges this user does not have: set PORT to 1024 or above.`);
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return new StartupError("HOST", `HOST ${host} is not an address of this machine: set HOST to one (or 0.0.0.0 for all).`);
    default:
      return error;
  }
}

/** host:port/database of a connection string, without user or password. */
function describeTarget(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "the configured address";
  }
}
