/** Regular-expression helpers shared by the readers of an utterance. */

/**
 * One pattern that matches wherever any of `patterns` does: one scan of the utterance instead of
 * one per pattern. Each is kept in its own group, so its anchors and alternatives keep their meaning.
 */
export function oneOf(patterns: readonly RegExp[]): RegExp {
  return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join("|"));
}
