/**
 * What `say` accepts, checked and cleaned before anything else happens.
 * Control characters (NUL included) never reach the engine or the
 * transcript: ordinary whitespace (tabs, line breaks) becomes a space, the
 * rest is dropped, and unpaired UTF-16 surrogates become U+FFFD. The limit
 * is counted in characters (code points), so 300 emoji are 300 characters.
 */
import { badInput } from "../errors.js";

export const MAX_UTTERANCE_LENGTH = 500;

export type UtteranceProblem = "NOT_TEXT" | "EMPTY_UTTERANCE" | "UTTERANCE_TOO_LONG";

const PROBLEM_MESSAGES: Readonly<Record<UtteranceProblem, string>> = {
  NOT_TEXT: "Say something: text is required.",
  EMPTY_UTTERANCE: "Say something: the text is empty.",
  UTTERANCE_TOO_LONG: `An utterance can be at most ${MAX_UTTERANCE_LENGTH} characters.`,
};

const refuse = (problem: UtteranceProblem) =>
  badInput(PROBLEM_MESSAGES[problem], {
    reason: problem,
    ...(problem === "UTTERANCE_TOO_LONG" ? { maxLength: MAX_UTTERANCE_LENGTH } : {}),
  });

/** Whitespace a guest (or a transcriber) may send: kept as one space. */
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/**
 * Other control characters (C0, DEL, C1) and the invisible bidirectional overrides that could make
 * a stored transcript read differently from what was said. Joiners stay: emoji are built with them.
 */
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Half of a UTF-16 surrogate pair without its other half: not a character at all. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanUtterance(text: unknown): string {
  if (typeof text !== "string") throw refuse("NOT_TEXT");
  const cleaned = text.replace(LONE_SURROGATE, "\ufffd").replace(WHITESPACE_CONTROLS, " ").replace(INVISIBLE_CONTROLS, "").trim();
  if (cleaned.length === 0) throw refuse("EMPTY_UTTERANCE");
  let characters = 0;
  for (const _character of cleaned) {
    characters += 1;
    if (characters > MAX_UTTERANCE_LENGTH) throw refuse("UTTERANCE_TOO_LONG");
  }
  return cleaned;
}
