/**
 * Configuration from the environment, read once at startup and validated, so a
 * bad value stops the app with a clear message instead of misbehaving later.
 */
import proxyAddr from "proxy-addr";
import type { RequestLimitsConfig } from "./limits/request-limits.js";
import { parseApiBase } from "./payments/stripe/stripe-config.js";

export interface PaymentConfig {
  stripeSecretKey?: string;
  stripeWebhookSecret?: string;
  /** Another server speaking Stripe's API (a local stand-in), e.g. http://127.0.0.1:12111. */
  stripeApiBase?: string;
  retries: number;
  retryBaseDelayMs: number;
  /** Per try of a provider call. */
  timeoutMs: number;
  /** How long to wait for a webhook before asking the provider. */
  pollAfterMs: number;
  pollIntervalMs: number;
  /** An abandoned mock checkout expires after this long, unlocking the tab. */
  mockExpiryMs: number;
}

export interface SpeechConfig {
  /** "google" turns on server-side speech; absent means the browser speaks. */
  provider?: "google";
  voice: { languageCode: string; name: string };
  /** A local stand-in as "host:port" (plaintext gRPC, no Google credentials). */
  apiEndpoint?: string;
  cacheBytes: number;
}

export interface SpeechRecognitionConfig {
  /**
   * Server-side listening: "sphinx" (offline), "google", or "auto" (the default: sphinx where pocketsphinx
   * and its model are installed, else none); absent (MAYA_STT=off) means only the browser's own recognizer.
   */
  recognizer?: "sphinx" | "google" | "auto";
  /** The page uses the server's recognizer even where the browser has one (so audio goes only where the operator chose). */
  preferServer: boolean;
  /** BCP-47 language for Google (pocketsphinx's model is US English). */
  languageCode: string;
  /** A local Google stand-in as "host:port" (plaintext gRPC, no Google credentials). */
  apiEndpoint?: string;
  maxUtteranceSeconds: number;
  maxSocketsPerAddress: number;
  maxStreams: number;
  sphinx: { binary: string; modelDir: string };
}

export interface AppConfig {
  port: number;
  host: string;
  /** The app's own address as guests reach it (checkout links point here). */
  publicUrl?: string;
  /** Other origins whose pages may call /graphql, load /overlay.js and open the socket; empty: same origin only. */
  corsOrigins: string[];
  database: { databaseUrl?: string; dataDir: string; poolSize: number };
  startingBalanceCents: number;
  payments: PaymentConfig;
  speech: SpeechConfig;
  speechRecognition: SpeechRecognitionConfig;
  /** The request limits every transport shares (src/limits), and the utterance limit. */
  limits: RequestLimitsConfig;
  locks: { idleSeconds: number; cleanupSeconds: number };
  /** Idle sessions with nothing owed expire after `ttlSeconds`; the sweep (and outbox pruning) runs every `sweepSeconds`. */
  sessions: { ttlSeconds: number; sweepSeconds: number };
  /** MCP over HTTP at /mcp: live sessions in total and per client address, closed after this long idle. */
  mcp: { maxSessions: number; maxSessionsPerAddress: number; idleSeconds: number };
  deployment: { memoryMb?: number; maxContainers?: number };
  /** Several instances: what they share (see sharedStateConfig). */
  shared: SharedStateConfig;
  logLevel: "silent" | "info";
  /** SIGTERM to exit: the hard deadline; the drain of requests and sockets fits inside it. */
  shutdownSeconds: number;
}

/**
 * What several instances behind a balancer share. With REDIS_URL: tab events
 * cross instances through Redis, rate-limit buckets and MCP sessions live
 * there (MCP sessions encrypted with `stateKey`). Without it: events through
 * PostgreSQL NOTIFY (or in-process on the embedded database), limits and MCP
 * sessions per instance.
 */
export interface SharedStateConfig {
  redis?: { url: string; keyPrefix: string };
  /** AES-256 key for state kept in Redis (MAYA_STATE_KEY, 32 bytes as 64 hex digits or base64). */
  stateKey?: Buffer;
  /** Proxies whose X-Forwarded-For is believed for the client's address (proxy-addr's trust list). */
  trustedProxies: string[];
}

export const DEFAULT_SHUTDOWN_SECONDS = 8;

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function integer(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function optionalInteger(env: Env, names: string[]): number | undefined {
  for (const name of names) {
    if (env[name] !== undefined && env[name] !== "") return integer(env, name, 0, 0);
  }
  return undefined;
}

/** A PostgreSQL connection string; the message never repeats it (it may hold a password). */
function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      "DATABASE_URL is not a URL: set it like postgres://user:password@host:5432/maya, or unset it to use the embedded database",
    );
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(`DATABASE_URL must be a postgres:// or postgresql:// URL, not ${url.protocol}//...`);
  }
  if (url.hostname === "" && !url.searchParams.has("host")) {
    throw new ConfigError("DATABASE_URL names no host: set it like postgres://user:password@host:5432/maya");
  }
  return raw;
}

/** "host:port" of a speech API stand-in (MAYA_TTS_API_ENDPOINT, MAYA_STT_API_ENDPOINT). */
export function parseHostPort(endpoint: string, name: string): { host: string; port: number } {
  const separator = endpoint.lastIndexOf(":");
  const portText = endpoint.slice(separator + 1);
  const port = Number(portText);
  if (separator <= 0 || !/^\d+$/.test(portText) || port <= 0 || port > 65_535) {
    throw new ConfigError(`${name} must be host:port (e.g. 127.0.0.1:50051), got "${endpoint}"`);
  }
  return { host: endpoint.slice(0, separator), port };
}

function optionalSetting(env: Env, name: string, check: (value: string) => unknown): string | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  check(value);
  return value;
}

/** "$1000.00", "1000" or "1000.5" dollars into cents, without floating point. */
export function parseDollarsToCents(raw: string, name: string): number {
  const match = /^\$?(\d{1,9})(?:\.(\d{1,2}))?$/.exec(raw.trim());
  if (!match) throw new ConfigError(`${name} must be an amount in dollars like 1000 or 1000.00, got "${raw}"`);
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[]): T | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${values.join(", ")}, got "${raw}"`);
  return raw as T;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true or false), got "${env[name]}"`);
}

/**
 * MAYA_CORS_ORIGINS: comma-separated origins (scheme, host and port, as a browser sends `Origin`).
 * No wildcard: the same list decides which pages may open the socket, so it must name them.
 */
export function parseCorsOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") return [];
  const origins = raw.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  return [
    ...new Set(
      origins.map((entry) => {
        if (entry === "*" || entry === "null") {
          throw new ConfigError(`MAYA_CORS_ORIGINS must list origins like https://screen.example.com, not "${entry}"`);
        }
        let url: URL;
        try {
          url = new URL(entry);
        } catch {
          throw new ConfigError(`MAYA_CORS_ORIGINS: "${entry}" is not an origin like https://screen.example.com or http://localhost:5173`);
        }
        const bare = url.pathname === "/" && url.search === "" && url.hash === "" && url.username === "" && url.password === "";
        if ((url.protocol !== "http:" && url.protocol !== "https:") || !bare) {
          throw new ConfigError(`MAYA_CORS_ORIGINS: "${entry}" must be only a scheme, host and port (http or https, no path), like https://screen.example.com`);
        }
        return url.origin;
      }),
    ),
  ];
}

/** A Redis URL; the message never repeats it (it may hold a password). */
function redisUrl(env: Env): string | undefined {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("REDIS_URL is not a URL: set it like redis://redis:6379/0, or unset it to run without Redis");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, not ${url.protocol}//...`);
  }
  return raw;
}

function stateKey(env: Env): Buffer | undefined {
  const raw = env.MAYA_STATE_KEY?.trim();
  if (raw === undefined || raw === "") return undefined;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32 || (!/^[0-9a-f]{64}$/i.test(raw) && key.toString("base64").replace(/=+$/, "") !== raw.replace(/=+$/, ""))) {
    throw new ConfigError("MAYA_STATE_KEY must be 32 random bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)");
  }
  return key;
}

export function sharedStateConfig(env: Env): SharedStateConfig {
  const url = redisUrl(env);
  const keyPrefix = env.MAYA_REDIS_PREFIX || "maya:";
  if (!/^[\w:.-]{1,64}$/.test(keyPrefix)) {
    throw new ConfigError(`MAYA_REDIS_PREFIX must be 1-64 letters, digits, or _ : . -, got "${keyPrefix}"`);
  }
  const key = stateKey(env);
  if (url && !key) {
    throw new ConfigError("REDIS_URL is set but MAYA_STATE_KEY is not: MCP sessions are kept in Redis encrypted with it; set the same key on every instance (e.g. `openssl rand -hex 32`)");
  }
  const trustedProxies = (env.MAYA_TRUSTED_PROXIES || "loopback").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  try {
    proxyAddr.compile(trustedProxies);
  } catch {
    throw new ConfigError(`MAYA_TRUSTED_PROXIES must list addresses, CIDR ranges or loopback/linklocal/uniquelocal, got "${env.MAYA_TRUSTED_PROXIES}"`);
  }
  return { ...(url ? { redis: { url, keyPrefix } } : {}), ...(key ? { stateKey: key } : {}), trustedProxies };
}

function speechRecognitionConfig(env: Env): SpeechRecognitionConfig {
  const recognizer = oneOf(env, "MAYA_STT", ["auto", "sphinx", "google", "off"] as const) ?? "auto";
  return {
    ...(recognizer !== "off" ? { recognizer } : {}),
    preferServer: flag(env, "MAYA_STT_PREFER_SERVER", false),
    languageCode: env.MAYA_STT_LANGUAGE || "en-US",
    apiEndpoint: optionalSetting(env, "MAYA_STT_API_ENDPOINT", (value) => parseHostPort(value, "MAYA_STT_API_ENDPOINT")),
    maxUtteranceSeconds: integer(env, "MAYA_STT_MAX_SECONDS", 15, 1, 60),
    maxSocketsPerAddress: integer(env, "MAYA_STT_MAX_SOCKETS_PER_ADDRESS", 8, 1, 1000),
    maxStreams: integer(env, "MAYA_STT_MAX_STREAMS", 16, 1, 1000),
    sphinx: {
      binary: env.MAYA_STT_SPHINX_BINARY || "pocketsphinx_continuous",
      modelDir: env.MAYA_STT_SPHINX_MODEL_DIR || "/usr/share/pocketsphinx/model/en-us",
    },
  };
}

export function loadConfig(env: Env): AppConfig {
  const startingBalanceCents =
    env.MAYA_STARTING_BALANCE_CENTS !== undefined
      ? integer(env, "MAYA_STARTING_BALANCE_CENTS", 100_000, 0, 100_000_000)
      : env.MAYA_STARTING_BALANCE
        ? parseDollarsToCents(env.MAYA_STARTING_BALANCE, "MAYA_STARTING_BALANCE")
        : 100_000;
  return {
    port: integer(env, "PORT", 4000, 0, 65_535),
    host: env.HOST || "0.0.0.0",
    publicUrl: env.MAYA_PUBLIC_URL?.replace(/\/+$/, "") || undefined,
    corsOrigins: parseCorsOrigins(env.MAYA_CORS_ORIGINS),
    database: {
      databaseUrl: databaseUrl(env),
      dataDir: env.MAYA_DATA_DIR || ".maya/pgdata",
      poolSize: integer(env, "MAYA_DB_POOL_SIZE", 10, 1, 200),
    },
    startingBalanceCents,
    payments: {
      stripeSecretKey: env.STRIPE_SECRET_KEY || undefined,
      stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
      stripeApiBase: optionalSetting(env, "STRIPE_API_BASE", parseApiBase),
      retries: integer(env, "MAYA_PAYMENT_RETRIES", 3, 0, 10),
      retryBaseDelayMs: integer(env, "MAYA_PAYMENT_RETRY_BASE_MS", 1000, 0, 60_000),
      timeoutMs: integer(env, "MAYA_PAYMENT_TIMEOUT_MS", 10_000, 100, 120_000),
      pollAfterMs: integer(env, "MAYA_PAYMENT_POLL_AFTER_MS", 60_000, 0),
      pollIntervalMs: integer(env, "MAYA_PAYMENT_POLL_INTERVAL_MS", 15_000, 10),
      mockExpiryMs: integer(env, "MAYA_MOCK_CHECKOUT_EXPIRY_MS", 30 * 60_000, 1_000),
    },
    speech: {
      ...(env.MAYA_TTS === "google" ? { provider: "google" as const } : {}),
      voice: { languageCode: env.MAYA_TTS_LANGUAGE || "en-US", name: env.MAYA_TTS_VOICE || "en-US-Neural2-F" },
      apiEndpoint: optionalSetting(env, "MAYA_TTS_API_ENDPOINT", (value) => parseHostPort(value, "MAYA_TTS_API_ENDPOINT")),
      cacheBytes: integer(env, "MAYA_TTS_CACHE_BYTES", 32 * 1024 * 1024, 1),
    },
    speechRecognition: speechRecognitionConfig(env),
    limits: {
      maxRequestBytes: 64 * 1024,
      maxQueryDepth: integer(env, "MAYA_MAX_QUERY_DEPTH", 8, 2, 50),
      maxQueryBytes: integer(env, "MAYA_MAX_QUERY_BYTES", 20_000, 1_000, 60_000),
      maxQueryTokens: integer(env, "MAYA_MAX_QUERY_TOKENS", 2_000, 100, 100_000),
      maxQueryAliases: integer(env, "MAYA_MAX_QUERY_ALIASES", 15, 0, 1_000),
      maxQueryCost: integer(env, "MAYA_MAX_QUERY_COST", 5_000, 10, 1_000_000),
      maxQueryDirectives: integer(env, "MAYA_MAX_QUERY_DIRECTIVES", 20, 0, 1_000),
      maxSubscriptionsPerSocket: integer(env, "MAYA_MAX_SUBSCRIPTIONS_PER_SOCKET", 10, 1, 1_000),
      maxSocketsPerAddress: integer(env, "MAYA_MAX_SOCKETS_PER_ADDRESS", 100, 1, 100_000),
      rateLimitPerSession: {
        capacity: integer(env, "MAYA_RATE_LIMIT_SESSION_BURST", 60, 1),
        refillPerSecond: integer(env, "MAYA_RATE_LIMIT_SESSION_PER_SECOND", 10, 1),
      },
      rateLimitPerAddress: {
        capacity: integer(env, "MAYA_RATE_LIMIT_ADDRESS_BURST", 600, 1),
        refillPerSecond: integer(env, "MAYA_RATE_LIMIT_ADDRESS_PER_SECOND", 100, 1),
      },
    },
    locks: {
      idleSeconds: integer(env, "MAYA_LOCK_IDLE_SECONDS", 3600, 1),
      cleanupSeconds: integer(env, "MAYA_LOCK_CLEANUP_SECONDS", 300, 1),
    },
    sessions: {
      ttlSeconds: integer(env, "MAYA_SESSION_TTL_SECONDS", 7 * 24 * 3600, 60),
      sweepSeconds: integer(env, "MAYA_SESSION_SWEEP_SECONDS", 600, 1),
    },
    mcp: {
      maxSessions: integer(env, "MAYA_MCP_MAX_SESSIONS", 1000, 1, 100_000),
      maxSessionsPerAddress: integer(env, "MAYA_MCP_MAX_SESSIONS_PER_ADDRESS", 20, 1, 100_000),
      idleSeconds: integer(env, "MAYA_MCP_IDLE_SECONDS", 300, 1, 7 * 24 * 3600),
    },
    deployment: {
      memoryMb: optionalInteger(env, ["MAYA_MEMORY_MB", "MODAL_MEMORY_MB"]),
      maxContainers: optionalInteger(env, ["MAYA_MAX_CONTAINERS", "MODAL_MAX_CONTAINERS"]),
    },
    shared: sharedStateConfig(env),
    logLevel: env.MAYA_LOG === "silent" ? "silent" : "info",
    shutdownSeconds: integer(env, "MAYA_SHUTDOWN_SECONDS", DEFAULT_SHUTDOWN_SECONDS, 2, 300),
  };
}
