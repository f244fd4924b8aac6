/**
 * This instance's copy of recently used sessions' state, so a write plans on
 * memory and costs one round trip. A copy may be stale (another instance or
 * a payment changed the session): every write is applied against the version
 * it was planned on, and a refusal planned on a copy is checked against the
 * database before the guest hears it (tab.service.ts). Bounded, least
 * recently used out first.
 */
import type { SessionState } from "./session-state.js";

export const DEFAULT_CACHED_SESSIONS = 20_000;

export class SessionStateCache {
  private readonly entries = new Map<string, SessionState>();

  constructor(private readonly capacity = DEFAULT_CACHED_SESSIONS) {}

  find(sessionId: string): SessionState | null {
    const state = this.entries.get(sessionId);
    if (!state) return null;
    // Map order is insertion order: re-inserting marks it recently used.
    this.entries.delete(sessionId);
    this.entries.set(sessionId, state);
    return state;
  }

  remember(state: SessionState): void {
    this.entries.delete(state.id);
    this.entries.set(state.id, state);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  /** A change seen elsewhere (another instance, a payment): a copy older than it is dropped. */
  observe(sessionId: string, version: number): void {
    const state = this.entries.get(sessionId);
    if (state && state.tab.version < version) this.entries.delete(sessionId);
  }

  get size(): number {
    return this.entries.size;
  }
}
