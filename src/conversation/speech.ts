/**
 * The reply prepared for a speech synthesizer: money and symbols spelled
 * out ("$13.50" -> "13 dollars and 50 cents", "15%" -> "15 percent", "&" ->
 * "and"), names said the way a person would ("IPA" -> "I P A", the bar's
 * name), links left to the screen, and brackets turned into pauses.
 */

export interface Pronunciation {
  /** As written in replies. */
  written: string;
  /** As it should be spoken. */
  spoken: string;
}

/** How the bar's name is written and said, e.g. { written: "MayaMCP", spoken: "Maya M C P" }. */
export const DEFAULT_BAR_NAME: Pronunciation = { written: "MayaMCP", spoken: "Maya M C P" };

const ALWAYS: readonly Pronunciation[] = [
  { written: "IPA", spoken: "I P A" },
  { written: "IPAs", spoken: "I P As" },
];

const MONEY = /(-)?\$(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{2}))?/g;
const URL = /\s*\bhttps?:\/\/\S+?(?=[.,;!?]?(?:\s|$))/g;

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** "$13.50" -> "13 dollars and 50 cents"; "$1,000.00" -> "1000 dollars"; "$0.05" -> "5 cents". */
export function spokenMoney(sign: string | undefined, dollarsText: string, centsText: string | undefined): string {
  const dollars = Number.parseInt(dollarsText.replace(/,/g, ""), 10);
  const cents = centsText === undefined ? 0 : Number.parseInt(centsText, 10);
  const parts: string[] = [];
  if (dollars > 0 || cents === 0) parts.push(plural(dollars, "dollar", "dollars"));
  if (cents > 0) parts.push(plural(cents, "cent", "cents"));
  return `${sign ? "minus " : ""}${parts.join(" and ")}`;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Replaces a written form with its spoken one, as a whole word where the form begins or ends with a letter. */
function pronounce(text: string, { written, spoken }: Pronunciation): string {
  const edge = (character: string | undefined) => (character !== undefined && /\w/.test(character) ? "\\b" : "");
  const pattern = new RegExp(`${edge(written[0])}${escapeRegExp(written)}${edge(written[written.length - 1])}`, "g");
  return text.replace(pattern, spoken);
}

export function toSpeech(text: string, barName: Pronunciation = DEFAULT_BAR_NAME): string {
  // Names first: the bar's name may itself hold symbols ("Nail & Co") that it says its own way.
  let speech = [barName, ...ALWAYS].reduce(pronounce, text.replace(URL, ""));
  speech = speech
    .replace(MONEY, (_match, sign: string | undefined, dollars: string, cents: string | undefined) =>
      spokenMoney(sign, dollars, cents),
    )
    .replace(/(\d)\s?%/g, "$1 percent")
    .replace(/\s*&\s*/g, " and ")
    .replace(/\s*[()]\s*/g, ", ")
    .replace(/\s*[\u2014\u2013]\s*/g, ", ");
  return speech
    .replace(/\s*:\s*([.!?])/g, "$1")
    .replace(/\s*:\s*$/, ".")
    .replace(/,\s*([.!?,])/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
}
