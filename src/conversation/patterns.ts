/** Regular-expression helpers shared by the readers of an utterance. */

/**
 * One pattern that matches wherever any of `patterns` does: one scan of the utterance instead of
 * one per pattern. Each is kept in its own group, so its anchors and alternatives keep their meaning.
 */
export function oneOf(patterns: readonly RegExp[]): RegExp {
  return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join("|"));
}

/**
 * The longest run of plain characters that every match of `pattern` holds as it stands (outside
 * groups, classes and repeats; "" when the pattern has alternatives at its top or no such run): a
 * text without it cannot match, and a replace over it would change nothing.
 */
export function literalOf(pattern: RegExp): string {
  const source = pattern.source;
  let longest = "";
  let run = "";
  let depth = 0;
  const endRun = () => {
    if (run.length > longest.length) longest = run;
    run = "";
  };
  for (let at = 0; at < source.length; at += 1) {
    const char = source[at] as string;
    if (char === "\\") {
      const next = source[at + 1] ?? "";
      at += 1;
      // A word boundary takes no character; anything else escaped is left to the pattern.
      if (depth === 0 && next !== "b" && next !== "B") endRun();
    } else if (char === "[") {
      while (at < source.length && source[at] !== "]") at += source[at] === "\\" ? 2 : 1;
      if (depth === 0) endRun();
    } else if (char === "(") {
      if (depth === 0) endRun();
      depth += 1;
    } else if (char === ")") depth -= 1;
    else if (char === "|" && depth === 0) return "";
    else if (depth > 0) continue;
    else if ("?*+{".includes(char)) {
      // The character repeated (or left out) is no sure part of a match.
      if (char === "{") at = source.indexOf("}", at);
      run = run.slice(0, -1);
      endRun();
      if (at < 0) return "";
    } else if ("^$.".includes(char)) endRun();
    else run += char;
  }
  endRun();
  return longest;
}
