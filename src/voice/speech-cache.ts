/**
 * Synthesized speech kept in memory, least recently used first out, within a
 * byte budget: Maya repeats herself a lot ("Coming right up!"), and each
 * repeat would otherwise be a paid request. Per process; a restart starts cold.
 */
import type { SynthesizedSpeech } from "./speech-synthesizer.js";

export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;

export class SpeechCache {
  // A Map iterates in insertion order; re-inserting on every read keeps the least recently used first.
  private readonly entries = new Map<string, SynthesizedSpeech>();
  private totalBytes = 0;

  constructor(readonly maxBytes: number = DEFAULT_CACHE_BYTES) {
    if (!(maxBytes > 0)) throw new RangeError(`maxBytes must be positive, got ${maxBytes}`);
  }

  get(id: string): SynthesizedSpeech | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  /** Stores the entry, evicting the least recently used; false when it alone exceeds the budget (it is not stored). */
  set(id: string, entry: SynthesizedSpeech): boolean {
    const size = entry.audio.length;
    if (size > this.maxBytes) return false;
    this.delete(id);
    this.entries.set(id, entry);
    this.totalBytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.totalBytes -= old.audio.length;
    }
    return true;
  }

  delete(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.totalBytes -= entry.audio.length;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }
}
