/**
 * This instance's copy of recently used sessions' state, so a write plans on
 * memory and costs one round trip. A copy may be stale (another instance or
 * a payment changed the session): every write is applied against the version
 * it was planned on, and a refusal planned on a copy is checked against the
 * database before the guest hears it (tab.service.ts). Bounded, least
 * recently used out first.
 */
import { LruMap } from "../lru-map.js";
import type { SessionState } from "./session-state.js";

export const DEFAULT_CACHED_SESSIONS = 20_000;

export class SessionStateCache {
  private readonly entries: LruMap<string, SessionState>;

  constructor(capacity = DEFAULT_CACHED_SESSIONS) {
    this.entries = new LruMap(capacity);
  }

  find(sessionId: string): SessionState | null {
    return this.entries.get(sessionId) ?? null;
  }

  remember(state: SessionState): void {
    this.entries.set(state.id, state);
  }

  forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  /** A change seen elsewhere (another instance, a payment): a copy older than it is dropped. */
  observe(sessionId: string, version: number): void {
    const state = this.entries.peek(sessionId);
    if (state && state.tab.version < version) this.entries.delete(sessionId);
  }
}
