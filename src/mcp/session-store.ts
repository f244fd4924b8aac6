/**
 * Where an MCP session's state is kept so any instance can serve its next
 * request (a balancer may send it anywhere): which guest it is bound to (with
 * the guest's token, so it is stored encrypted, AES-256-GCM under
 * MAYA_STATE_KEY, bound to the session id), the client's declared
 * capabilities and identity from its initialize, and whether it follows the
 * tab. A record lives as long as the session may: it expires after the idle
 * time, renewed by each request, and goes when the client deletes the session.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

export interface StoredGuest {
  sessionId: string;
  token: string;
  rateKey: string;
  viaBearer: boolean;
  overlay: boolean;
}

export interface McpSessionRecord {
  guest: StoredGuest;
  /** From the client's initialize: what it said it supports, and who it is. */
  clientCapabilities: unknown;
  clientInfo: unknown;
  /** `resources/subscribe` on the tab is in force. */
  tabSubscribed: boolean;
}

export interface McpSessionStore {
  save(id: string, record: McpSessionRecord): Promise<void>;
  find(id: string): Promise<McpSessionRecord | null>;
  /** The session was used: its record lives another idle time. False when there is none (deleted, expired). */
  touch(id: string): Promise<boolean>;
  delete(id: string): Promise<void>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class RedisMcpSessionStore implements McpSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly key: Buffer,
    private readonly idleSeconds: number,
  ) {
    if (key.length !== 32) throw new Error("The MCP session key must be 32 bytes.");
  }

  async save(id: string, record: McpSessionRecord): Promise<void> {
    await this.redis.set(this.keyOf(id), this.seal(id, record), "EX", this.idleSeconds);
  }

  async find(id: string): Promise<McpSessionRecord | null> {
    const sealed = await this.redis.get(this.keyOf(id));
    return sealed === null ? null : this.open(id, sealed);
  }

  async touch(id: string): Promise<boolean> {
    return (await this.redis.expire(this.keyOf(id), this.idleSeconds)) === 1;
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(this.keyOf(id));
  }

  private keyOf(id: string): string {
    return `${this.keyPrefix}mcp-session:${id}`;
  }

  private seal(id: string, record: McpSessionRecord): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(id));
    const body = Buffer.concat([cipher.update(JSON.stringify(record), "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  /** Null for a record that does not decrypt under this key and id (another key, tampered, moved). */
  private open(id: string, sealed: string): McpSessionRecord | null {
    try {
      const bytes = Buffer.from(sealed, "base64");
      const decipher = createDecipheriv("aes-256-gcm", this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const json = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
      return JSON.parse(json) as McpSessionRecord;
    } catch {
      return null;
    }
  }
}
