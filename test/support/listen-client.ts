/**
 * A client of the /listen recognition socket, as a page (or a hostile script) would use it:
 * the server's JSON messages in order, and how the socket closed.
 */
import WebSocket from "ws";

export interface ServerMessage {
  type: "ready" | "partial" | "final" | "error";
  text?: string;
  reason?: string;
  message?: string;
  recognizer?: string;
  truncated?: boolean;
}

export interface ListenClient {
  readonly socket: WebSocket;
  readonly messages: ServerMessage[];
  /** The next message not yet taken (waits for it). */
  next(timeoutMs?: number): Promise<ServerMessage>;
  /** Waits for a message of this type, skipping others (partials). */
  until(type: ServerMessage["type"], timeoutMs?: number): Promise<ServerMessage>;
  readonly closed: Promise<{ code: number; reason: string }>;
  start(token: string): void;
  /** Sends PCM in frames of `frameBytes`, paced like a microphone unless `realTime` is false. */
  stream(pcm: Buffer, options?: { frameBytes?: number; realTime?: boolean }): Promise<void>;
  stop(): void;
}

export const listenUrl = (appUrl: string) => `${appUrl.replace(/^http/, "ws")}/listen`;

export async function openListen(appUrl: string): Promise<ListenClient> {
  const socket = new WebSocket(listenUrl(appUrl));
  const messages: ServerMessage[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  socket.on("message", (data, isBinary) => {
    if (!isBinary) messages.push(JSON.parse(data.toString()) as ServerMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const wake of waiters.splice(0)) wake();
    }),
  );
  socket.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once("error", reject);
  });
  const next = async (timeoutMs = 15_000): Promise<ServerMessage> => {
    const deadline = Date.now() + timeoutMs;
    while (taken >= messages.length) {
      if (socket.readyState === WebSocket.CLOSED) throw new Error(`socket closed; messages: ${JSON.stringify(messages)}`);
      if (Date.now() > deadline) throw new Error(`no message within ${timeoutMs} ms; messages: ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return messages[taken++]!;
  };
  return {
    socket,
    messages,
    next,
    closed,
    async until(type, timeoutMs = 15_000) {
      for (;;) {
        const message = await next(timeoutMs);
        if (message.type === type) return message;
        if (message.type === "error" && type !== "error") throw new Error(`error instead of ${type}: ${JSON.stringify(message)}`);
      }
    },
    start: (token) => socket.send(JSON.stringify({ type: "start", token })),
    async stream(pcm, { frameBytes = 3200, realTime = false } = {}) {
      for (let at = 0; at < pcm.length; at += frameBytes) {
        if (socket.readyState !== WebSocket.OPEN) return;
        socket.send(pcm.subarray(at, at + frameBytes));
        // 3200 bytes is 100 ms of audio; a paced stream is also under the frame-rate limit.
        await new Promise((resolve) => setTimeout(resolve, realTime ? (frameBytes / 32_000) * 1000 : 25));
      }
    },
    stop: () => socket.send(JSON.stringify({ type: "stop" })),
  };
}
