/**
 * Reproducible variety: Maya's phrasing is picked by a generator seeded from
 * the session id and the turn number, so the same utterance in the same
 * state always gets the same words (and tests are stable) while a
 * conversation still varies from turn to turn.
 */
export interface Rng {
  /** A number in [0, 1). */
  next(): number;
  pick<T>(options: readonly [T, ...T[]]): T;
  /** Up to `count` distinct entries, in a seeded order. */
  sample<T>(options: readonly T[], count: number): T[];
}

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

export function seededRng(sessionId: string, turn: number): Rng {
  let state = hash(`${sessionId}#${turn}`);
  // mulberry32
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: (options) => options[Math.floor(next() * options.length)] ?? options[0],
    sample: (options, count) => {
      const pool = [...options];
      const chosen = [];
      while (chosen.length < count && pool.length > 0) {
        const [entry] = pool.splice(Math.floor(next() * pool.length), 1);
        if (entry !== undefined) chosen.push(entry);
      }
      return chosen;
    },
  };
}
