/**
 * What the guest calls Maya ("a water please, love") and words said on someone else's behalf: "he says rocks", "Jess says she wants a martini", "Priya
 * says make her cosmo up". The guest relays what a friend asks; what is relayed is read as said
 * ("rocks", "she wants a martini"), and the relaying words go.
 */
import type { Pause, ReadText } from "./normalise.js";
import type { Tag, Tagged } from "./tagging.js";
import { readModifierAt } from "./modifiers.js";

const RELAYING = new Set(["says", "said", "goes"]);
/** What the guest is told they should do: "I should", "we ought to". */
const ADVISING = new Set(["should", "ought", "must", "need", "have"]);
const PRONOUNS = new Set(["he", "she", "they"]);
const NAMES: ReadonlySet<Tag> = new Set(["PROPN", "NOUN"]);
/** Words a relay may follow at the start of a clause: "oh, and Jess says...", "no wait, he says...". */
const BEFORE = new Set(["oh", "and", "no", "wait", "ok", "okay", "so", "actually", "hey", "um", "uh", "well", "sorry"]);

function relayAt(tokens: readonly string[], tags: readonly Tag[], pauses: readonly Pause[], position: number): number {
  const speaker = tokens[position] as string;
  if (!(PRONOUNS.has(speaker) || (NAMES.has(tags[position] as Tag) && !BEFORE.has(speaker)))) return 0;
  if (!RELAYING.has(tokens[position + 1] ?? "")) return 0;
  // The relay opens its clause: at the start, after a pause, or after words that only lead in.
  const opens = position === 0 || pauses[position] !== "NONE" || tokens.slice(0, position).every((word) => BEFORE.has(word));
  if (!opens || position + 2 >= tokens.length) return 0;
  // "coach says no shots": a rule told as the reason for what was asked, not words relayed ("he says no ice" is).
  if (tokens[position + 2] === "no" && !readModifierAt(tokens, position + 2)) return 0;
  const length = tokens[position + 2] === "that" ? 3 : 2;
  // ("he says I should have a lemonade": advice to the guest, not a friend's order relayed.)
  if ((tokens[position + length] === "i" || tokens[position + length] === "we") && ADVISING.has(tokens[position + length + 1] ?? "")) return 0;
  return length;
}

/** What a guest may call Maya: said after "please", "thanks", "for me" or a pause, before a pause or at the end ("water please love"). */
const VOCATIVES = new Set(["love", "luv", "mate", "darling", "darlin", "hun", "honey", "sweetheart", "pal", "buddy", "boss", "chief", "dear", "sir", "madam", "maam", "pet", "duck", "babe"]);
const COURTESIES = new Set(["please", "thanks", "cheers", "ta", "thank", "you", "maya"]);

/** One word at `position` the guest calls Maya: no part of what is asked ("please love", "cheers mate,"). */
function vocativeAt(tokens: readonly string[], pauses: readonly Pause[], position: number): number {
  // ("a small lemonade for me love, my tummy's not right": after whom the drink is for, too.)
  const forWhom = (tokens[position - 1] === "me" || tokens[position - 1] === "us") && tokens[position - 2] === "for";
  // ("pint of the amber, love": set off by a pause, as a name is.)
  const setOff = pauses[position] !== undefined && pauses[position] !== "NONE";
  if (!VOCATIVES.has(tokens[position] as string) || position === 0 || !(COURTESIES.has(tokens[position - 1] as string) || forWhom || setOff)) return 0;
  const ends = position + 1 === tokens.length || pauses[position + 1] !== "NONE";
  return ends ? 1 : 0;
}

/** The text with each relay's words taken out (what is relayed stays), and the tags to match. */
export function withoutRelays(read: ReadText, tagged: Tagged): { read: ReadText; tagged: Tagged } {
  const tokens: string[] = [];
  const pauses: Pause[] = [];
  const tags: Tag[] = [];
  const lemmas: string[] = [];
  let changed = false;
  for (let position = 0; position < read.tokens.length; position += 1) {
    if (vocativeAt(read.tokens, read.pauses, position) > 0) {
      // The pause after the word the guest called Maya stays with what came before.
      changed = true;
      continue;
    }
    const length = relayAt(read.tokens, tagged.tags, read.pauses, position);
    if (length > 0) {
      changed = true;
      // The relayed words keep the pause the relay stood behind.
      pauses.push(read.pauses[position] ?? "NONE");
      position += length;
      tokens.push(read.tokens[position] as string);
      tags.push(tagged.tags[position] ?? "X");
      lemmas.push(tagged.lemmas[position] ?? (read.tokens[position] as string));
      continue;
    }
    tokens.push(read.tokens[position] as string);
    pauses.push(read.pauses[position] ?? "NONE");
    tags.push(tagged.tags[position] ?? "X");
    lemmas.push(tagged.lemmas[position] ?? (read.tokens[position] as string));
  }
  if (!changed) return { read, tagged };
  pauses.push(read.pauses[read.tokens.length] ?? "NONE");
  pauses[0] = "NONE";
  return { read: { tokens, pauses }, tagged: { tags, lemmas } };
}
