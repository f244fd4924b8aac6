/**
 * The `tabChanged` subscription over graphql-ws, kept alive across network loss.
 * graphql-ws retries the socket itself; this wrapper adds the parts it leaves to us:
 * telling the page when the link is down, resubscribing when the server ends a
 * subscription, and recognising a token the server no longer accepts.
 */
import { createClient, type Client } from "graphql-ws";
import { TAB_CHANGED, type TabEvent } from "./operations.js";
import { GRAPHQL_PATH } from "./graphql-client.js";

export type LinkState = "connecting" | "connected" | "lost";

export interface LiveHandlers<E = TabEvent> {
  /**
   * Every (re)subscription starts with the session as it is (reason SNAPSHOT), sent once the
   * subscription is live, then every change after it: no resync query, and no window to miss one.
   */
  readonly onEvent: (event: E) => void;
  readonly onState: (state: LinkState) => void;
  readonly onUnauthenticated: () => void;
}

/** graphql-ws close codes for a rejected connection_init (4401 Unauthorized, 4403 Forbidden). */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);
const RESUBSCRIBE_DELAY_MS = 1500;
const MAX_RETRY_DELAY_MS = 10_000;

export function webSocketUrl(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${GRAPHQL_PATH}`;
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === "object" && value !== null && "code" in value && typeof (value as { code: unknown }).code === "number";
}

function hasUnauthenticatedError(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  return value.some((error: unknown) => {
    const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    return code === "UNAUTHENTICATED";
  });
}

/** `E` is what the subscription document selects of a TabEvent (Maya's page takes all of it, an overlay what it draws). */
export class LiveTab<E = TabEvent> {
  private client: Client | null = null;
  private unsubscribe: (() => void) | null = null;
  private resubscribeTimer: ReturnType<typeof setTimeout> | null = null;
  private everConnected = false;
  private stopped = true;
  /** Sinks of a replaced subscription may still fire (complete on dispose); only the latest one counts. */
  private generation = 0;

  constructor(
    private readonly url: string,
    private readonly token: () => string | null,
    private readonly handlers: LiveHandlers<E>,
    private readonly query: string = TAB_CHANGED,
  ) {}

  /** (Re)starts with the current token; call again after the token changes. */
  start(): void {
    this.stop();
    this.stopped = false;
    this.everConnected = false;
    this.handlers.onState("connecting");
    this.client = createClient({
      url: this.url,
      connectionParams: () => {
        const token = this.token();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      retryAttempts: Number.POSITIVE_INFINITY,
      // Network loss is not fatal: keep trying, whatever the close code, except a rejected token.
      shouldRetry: (errOrClose) => !(isCloseEvent(errOrClose) && AUTH_CLOSE_CODES.has(errOrClose.code)),
      retryWait: async (retries) => {
        const delay = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** retries) + Math.random() * 500;
        await new Promise((resolve) => setTimeout(resolve, delay));
      },
      // A ping every 10 s notices a dead link (sleeping laptop, dropped Wi-Fi) that never sends a close.
      keepAlive: 10_000,
      on: {
        connected: () => {
          this.everConnected = true;
          this.handlers.onState("connected");
        },
        closed: () => {
          if (!this.stopped) this.handlers.onState(this.everConnected ? "lost" : "connecting");
        },
      },
    });
    this.subscribe();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    if (this.resubscribeTimer !== null) clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    void this.client?.dispose();
    this.client = null;
  }

  private subscribe(): void {
    const client = this.client;
    if (client === null) return;
    const generation = ++this.generation;
    const current = () => !this.stopped && generation === this.generation;
    this.unsubscribe = client.subscribe<{ tabChanged: E }>(
      { query: this.query },
      {
        next: (result) => {
          if (!current()) return;
          if (result.errors && hasUnauthenticatedError(result.errors)) {
            this.handlers.onUnauthenticated();
            return;
          }
          if (result.data) this.handlers.onEvent(result.data.tabChanged);
        },
        error: (error: unknown) => {
          if (!current()) return;
          if ((isCloseEvent(error) && AUTH_CLOSE_CODES.has(error.code)) || hasUnauthenticatedError(error)) {
            this.handlers.onUnauthenticated();
            return;
          }
          this.handlers.onState("lost");
          this.scheduleResubscribe();
        },
        complete: () => {
          // The server ended the stream (restart, deploy): the overlay must keep hearing about the tab.
          if (current()) this.scheduleResubscribe();
        },
      },
    );
  }

  private scheduleResubscribe(): void {
    if (this.resubscribeTimer !== null) return;
    this.resubscribeTimer = setTimeout(() => {
      this.resubscribeTimer = null;
      if (this.stopped) return;
      const previous = this.unsubscribe;
      this.subscribe();
      previous?.();
    }, RESUBSCRIBE_DELAY_MS);
  }
}
