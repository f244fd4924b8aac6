/**
 * Keeps a label's set of values small. Every distinct label value is a new
 * time series in Prometheus, so a value that comes from outside (an intent
 * name, a provider's operation, a GraphQL field) must never be able to grow
 * the set without bound.
 */
export const OTHER_LABEL = "other";

const SAFE_VALUE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export class BoundedLabel {
  private readonly seen = new Set<string>();

  /**
   * @param known values always accepted (and counted from the start)
   * @param maxDistinct how many values, known ones included, may ever appear;
   *   after that new values become "other"
   */
  constructor(
    readonly known: readonly string[] = [],
    private readonly maxDistinct = Math.max(known.length, 32),
  ) {
    for (const value of known) this.seen.add(value);
  }

  value(raw: string): string {
    if (this.seen.has(raw)) return raw;
    if (!SAFE_VALUE.test(raw) || this.seen.size >= this.maxDistinct) return OTHER_LABEL;
    this.seen.add(raw);
    return raw;
  }
}

/** A label that accepts only the listed values. */
export const closedLabel = (values: readonly string[]) => new BoundedLabel(values, values.length);
