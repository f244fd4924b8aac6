/**
 * graphql-ws from a test's side: one operation over a real graphql-ws client
 * and what came back (data, errors, or the close that ended it), and raw
 * sockets for the protocol-level attacks a library client would never send.
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { GraphQLResponse } from "./maya.js";

export const wsUrl = (baseUrl: string) => `${baseUrl.replace(/^http/, "ws")}/graphql`;

export function wsClient(baseUrl: string, token: string | null): Client {
  return createClient({
    url: wsUrl(baseUrl),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export interface WsOutcome extends GraphQLResponse {
  /** The close event when the server closed the socket instead of answering. */
  closed?: { code: number; reason: string };
}

/** Runs one operation and waits for its first result, its errors, or the socket's close. */
export function wsRequest(client: Client, query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<WsOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: WsOutcome) => {
      if (settled) return;
      settled = true;
      stop();
      resolve(outcome);
    };
    const stop = client.subscribe(
      { query, variables, ...(operationName === undefined ? {} : { operationName }) },
      {
        next: (result) => done(result as WsOutcome),
        error: (error) => {
          if (Array.isArray(error)) return done({ errors: error as WsOutcome["errors"] });
          const close = error as { code?: number; reason?: string };
          done({ closed: { code: close.code ?? -1, reason: close.reason ?? String(error) } });
        },
        complete: () => done({}),
      },
    );
  });
}

/** A raw graphql-transport-ws socket: open it, send frames, read frames and the close. */
export class RawSocket {
  readonly messages: Record<string, unknown>[] = [];
  closed: { code: number; reason: string } | undefined;
  readonly opened: Promise<void>;
  readonly closing: Promise<{ code: number; reason: string }>;
  /** Set when the server refused the upgrade with an HTTP status. */
  upgradeStatus: number | undefined;

  constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => this.messages.push(JSON.parse(String(data)) as Record<string, unknown>));
    socket.on("unexpected-response", (_req, res) => {
      this.upgradeStatus = res.statusCode;
      socket.terminate();
    });
    socket.on("error", () => undefined);
    this.opened = new Promise((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("close", () => reject(new Error(`closed before opening (HTTP ${this.upgradeStatus ?? "?"})`)));
    });
    this.opened.catch(() => undefined);
    this.closing = new Promise((resolve) =>
      socket.once("close", (code, reason) => {
        this.closed = { code, reason: String(reason) };
        resolve(this.closed);
      }),
    );
  }

  static open(baseUrl: string): RawSocket {
    return new RawSocket(new WebSocket(wsUrl(baseUrl), "graphql-transport-ws"));
  }

  send(message: unknown): void {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Opens, sends connection_init with this payload and waits for the ack (or the close). */
  async init(payload: unknown): Promise<boolean> {
    await this.opened;
    this.send({ type: "connection_init", payload });
    for (;;) {
      if (this.messages.some((m) => m.type === "connection_ack")) return true;
      if (this.closed) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async waitFor(predicate: (message: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (this.closed) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before the message arrived`);
      if (Date.now() > deadline) throw new Error(`no such message within ${timeoutMs} ms: ${JSON.stringify(this.messages.slice(-3))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.terminate();
  }
}

/** The status a WebSocket handshake on /graphql gets (101 when it opens), sent with `origin` and extra headers. */
export function handshakeStatus(url: string, options: { origin?: string; headers?: Record<string, string> } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(url), "graphql-transport-ws", {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("error", reject);
  });
}
