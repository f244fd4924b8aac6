/**
 * Word gates: a pattern that can only match where one of a few words is said is not run over a
 * text that says none of them. Most of the hundreds of patterns the readers try on each clause
 * need a word the clause lacks ("/ (want|need) /" cannot match "a martini please"), and looking the
 * clause's words up once is far cheaper than running every pattern over it.
 *
 * The words a pattern needs are read off its source, once, by a small analysis that only ever
 * claims what every match must contain: a word is "needed" when every match holds it between two
 * spaces (or a space and an end of the text). A text's words are its pieces between spaces, so a
 * text that holds none of the needed words cannot match. A branch with no whole word may still
 * need a long piece of text (" checkout"), looked for as it stands. Patterns the analysis cannot
 * vouch for (flags, a branch with neither) are simply always run.
 */

/** The boundary an anchor stands for in the strings the analysis builds: it delimits words as a space does, but is no character of the text. */
const EDGE = "\u0001";
/**
 * A needed "word" that starts with PIECE is a piece of text the match holds, though not as a whole word:
 * looked for in the text as it stands. Such a look costs more than a word's, so few are used, and only long ones.
 */
const PIECE = "\u0002";
const MIN_PIECE = 4;
const MAX_PIECES = 3;

/** More strings than this and a piece of a pattern is no longer followed string by string. */
const MAX_STRINGS = 1024;
/** How many repeats of a piece are followed string by string ("(very )?" and "(\w+ ){0,2}" are not). */
const MAX_REPEATS = 3;
/**
 * Words said so often that needing one of them rules out little: another needed word is preferred,
 * and a dozen rare words rule out more than one of these. The placeholders and articles stand in
 * nearly every clause's shape; the others in many.
 */
const EVERYWHERE = new Set(["DRINK", "MOD", "num", "i", "a", "an", "the", "and"]);
const COMMON = new Set([
  "PERSON", "to", "for", "of", "me", "it", "is", "you", "we", "my", "that", "this", "in", "on",
  "one", "two", "please", "can", "get", "have", "some", "with", "would", "like", "will", "just", "what",
]);
/** What needing a word costs: one for a rare word; a piece of text costs more to look for. */
const wordCost = (word: string): number => (EVERYWHERE.has(word) ? 100 : COMMON.has(word) ? 40 : word.startsWith(PIECE) ? 30 : 1);

interface Reading {
  /** Every string the piece can match, when there are few (EDGE for an anchor); null otherwise. */
  strings: readonly string[] | null;
  /** Words one of which every match of the piece holds whole; null when none is known. */
  needs: ReadonlySet<string> | null;
  /** Strings one of which every match ends with ("" when nothing is known of its end). */
  ends: readonly string[];
  /** The piece may match no characters at all. */
  empty: boolean;
}

const NOTHING: Reading = { strings: [""], needs: null, ends: [""], empty: true };
const ANYTHING: Reading = { strings: null, needs: null, ends: [""], empty: false };
const EDGE_READING: Reading = { strings: [EDGE], needs: null, ends: [EDGE], empty: true };
const literal = (char: string): Reading => ({ strings: [char], needs: null, ends: [char], empty: false });

const cost = (needs: ReadonlySet<string>): number => [...needs].reduce((sum, word) => sum + wordCost(word), 0);
const cheaper = (a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): ReadonlySet<string> | null => (a === null ? b : b === null ? a : cost(b) < cost(a) ? b : a);

/** The words a string holds whole: pieces with a space or an edge on both sides. */
function wholeWords(text: string): string[] {
  return text.split(/[ \u0001]/).slice(1, -1).filter((word) => word !== "");
}

/** One needed word for each string, or null when some string holds no whole word. */
function neededOf(strings: readonly string[]): ReadonlySet<string> | null {
  const needs = new Set<string>();
  let pieces = 0;
  for (const text of strings) {
    const words = wholeWords(text);
    if (words.length === 0) {
      // No whole word: the text itself, looked for as it stands (" checkout" in "checkout" or "checkouts"), if it is long enough to say much and few such are needed.
      const piece = text.split(EDGE).reduce((longest, part) => (part.length > longest.length ? part : longest), "");
      pieces += 1;
      if (piece.length < MIN_PIECE || pieces > MAX_PIECES) return null;
      needs.add(PIECE + piece);
      continue;
    }
    const rarest = words.reduce((best, word) => (wordCost(word) < wordCost(best) || (wordCost(word) === wordCost(best) && word.length > best.length) ? word : best));
    needs.add(rarest);
  }
  return needs;
}

function concatenated(left: readonly string[] | null, right: readonly string[] | null): string[] | null {
  if (left === null || right === null || left.length * right.length > MAX_STRINGS) return null;
  return left.flatMap((head) => right.map((tail) => head + tail));
}

/** The longest end all the strings share. */
function sharedEnd(strings: readonly string[]): string {
  let end = strings[0] ?? "";
  for (const text of strings) while (!text.endsWith(end)) end = end.slice(1);
  return end;
}

/** Either set of strings, as one when few enough (else only the end they share). */
function either(a: readonly string[], b: readonly string[]): string[] {
  const both = [...new Set([...a, ...b])];
  return both.length <= MAX_STRINGS ? both : [sharedEnd(both)];
}

/** Characters that are not themselves in a pattern. */
const SYNTAX = new Set(["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]);
const QUANTIFIERS = new Set(["?", "*", "+", "{"]);

/** A parser for the part of the pattern syntax the readers use; anything unforeseen gives up. */
class Analysis {
  private at = 0;
  constructor(private readonly source: string) {}

  read(): Reading | null {
    const reading = this.disjunction([""], "");
    return this.at === this.source.length ? reading : null;
  }

  /**
   * `before`: the strings one of which stands right before the piece; `after`: the text that
   * follows it, when it is sure to (an unrepeated group followed by a plain character). Each branch
   * is read between them, so "maybe" in " (maybe|(see|ask) \w+ if) " is seen as a whole word.
   */
  private disjunction(before: readonly string[], after: string): Reading {
    const branches = [this.alternative(before, after)];
    while (this.source[this.at] === "|") {
      this.at += 1;
      branches.push(this.alternative(before, after));
    }
    if (branches.length === 1) return branches[0] as Reading;
    const strings = branches.every((branch) => branch.strings !== null) ? branches.flatMap((branch) => branch.strings as readonly string[]) : null;
    const needs = branches.every((branch) => branch.needs !== null) ? new Set(branches.flatMap((branch) => [...(branch.needs as ReadonlySet<string>)])) : null;
    return {
      strings: strings !== null && strings.length <= MAX_STRINGS ? strings : null,
      needs,
      ends: branches.reduce<readonly string[]>((ends, branch) => either(ends, branch.ends), []),
      empty: branches.some((branch) => branch.empty),
    };
  }

  /** A sequence: the strings of neighbouring pieces joined run by run, so words across pieces are seen whole. */
  private alternative(before: readonly string[], after: string): Reading {
    let all: string[] | null = [""];
    let run: readonly string[] = before;
    let needs: ReadonlySet<string> | null = null;
    let empty = true;
    const closeRun = () => {
      needs = cheaper(needs, neededOf(run));
    };
    while (this.at < this.source.length && this.source[this.at] !== "|" && this.source[this.at] !== ")") {
      const term = this.term(run);
      needs = cheaper(needs, term.needs);
      empty &&= term.empty;
      all = concatenated(all, term.strings);
      const joined = concatenated(run, term.strings);
      if (joined !== null) run = joined;
      else {
        closeRun();
        // What stands before the next piece: how this one ends, or what stood before it when it may match nothing.
        // (Too many strings to follow: only the end they share is kept before the piece.)
        run = term.strings !== null ? (concatenated([sharedEnd(run)], term.strings) as string[]) : term.empty ? either(run, term.ends) : term.ends;
      }
    }
    const ends = all ?? run;
    run = concatenated(run, [after]) ?? run;
    closeRun();
    return { strings: all, needs, ends: all === null ? ends : all, empty };
  }

  private term(before: readonly string[]): Reading {
    const start = this.at;
    const atom = this.atom([""], "");
    const repeats = this.quantifier();
    if (repeats === null) {
      // An unrepeated group is read again between what stands before it and the plain character after it.
      if (this.source[start] !== "(" || this.source.startsWith("(?=", start) || this.source.startsWith("(?!", start) || this.source.startsWith("(?<", start)) return atom;
      const next = this.source[this.at];
      const after = next !== undefined && !SYNTAX.has(next) && !QUANTIFIERS.has(this.source[this.at + 1] ?? "") ? next : "";
      const end = this.at;
      this.at = start;
      const inContext = this.atom(before, after);
      this.at = end;
      return { ...atom, needs: cheaper(atom.needs, inContext.needs) };
    }
    const [min, max] = repeats;
    let strings: string[] | null = null;
    if (atom.strings !== null && max <= MAX_REPEATS) {
      strings = [];
      let power: string[] | null = [""];
      for (let count = 0; count <= max && power !== null; count += 1) {
        if (count >= min) strings.push(...power);
        power = concatenated(power, atom.strings);
      }
      if (power === null || strings.length > MAX_STRINGS) strings = null;
    }
    if (strings !== null) return { strings, needs: min >= 1 ? atom.needs : null, ends: strings, empty: strings.includes("") };
    return { strings: null, needs: min >= 1 ? atom.needs : null, ends: atom.ends, empty: min === 0 || atom.empty };
  }

  /** [min, max] of a quantifier here (max Infinity when open), or null when there is none. */
  private quantifier(): [number, number] | null {
    const mark = this.source[this.at];
    let repeats: [number, number] | null = null;
    if (mark === "*") repeats = [0, Infinity];
    else if (mark === "+") repeats = [1, Infinity];
    else if (mark === "?") repeats = [0, 1];
    if (repeats !== null) this.at += 1;
    else if (mark === "{") {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!braces) return null;
      const min = Number(braces[1]);
      repeats = [min, braces[2] === undefined ? min : braces[3] === "" ? Infinity : Number(braces[3])];
      this.at += braces[0].length;
    } else return null;
    if (this.source[this.at] === "?") this.at += 1;
    return repeats;
  }

  private atom(before: readonly string[], after: string): Reading {
    const char = this.source[this.at] as string;
    this.at += 1;
    switch (char) {
      case "^":
      case "$":
        return EDGE_READING;
      case ".":
        return ANYTHING;
      case "[":
        this.skipClass();
        return ANYTHING;
      case "(":
        return this.group(before, after);
      case "\\":
        return this.escape();
      default:
        return literal(char);
    }
  }

  private group(before: readonly string[], after: string): Reading {
    let lookaround = false;
    if (this.source.startsWith("?:", this.at)) this.at += 2;
    else if (this.source.startsWith("?=", this.at) || this.source.startsWith("?!", this.at)) {
      this.at += 2;
      lookaround = true;
    } else if (this.source.startsWith("?<=", this.at) || this.source.startsWith("?<!", this.at)) {
      this.at += 3;
      lookaround = true;
    } else if (this.source[this.at] === "?") throw new Unreadable();
    // (A look-around is read on its own: its text is not the match's.)
    const inner = lookaround ? this.disjunction([""], "") : this.disjunction(before, after);
    if (this.source[this.at] !== ")") throw new Unreadable();
    this.at += 1;
    // A look-around matches no characters of its own: what it asks of the text is not counted on.
    return lookaround ? NOTHING : inner;
  }

  private escape(): Reading {
    const char = this.source[this.at];
    if (char === undefined) throw new Unreadable();
    this.at += 1;
    if (char === "b" || char === "B") return NOTHING;
    // Classes, back-references and characters given by code (any of them may be a space) are not followed.
    if ((char === "p" || char === "P" || char === "u") && this.source[this.at] === "{") this.skipPast("}");
    else if (char === "k" && this.source[this.at] === "<") this.skipPast(">");
    else if (char === "u") this.at += 4;
    else if (char === "x") this.at += 2;
    else if (char === "c") this.at += 1;
    else if (char >= "0" && char <= "9") while (/[0-9]/.test(this.source[this.at] ?? "")) this.at += 1;
    else if (!"dDwWsSnrtfv".includes(char)) return literal(char);
    return ANYTHING;
  }

  private skipPast(end: string): void {
    const at = this.source.indexOf(end, this.at);
    if (at < 0) throw new Unreadable();
    this.at = at + 1;
  }

  private skipClass(): void {
    while (this.at < this.source.length && this.source[this.at] !== "]") this.at += this.source[this.at] === "\\" ? 2 : 1;
    if (this.at >= this.source.length) throw new Unreadable();
    this.at += 1;
  }
}

class Unreadable extends Error {}

/**
 * The words one of which every match of `pattern` holds between spaces (or a space and an end), or
 * null when that cannot be shown. Patterns with flags (a case-insensitive, global or multi-line one
 * behaves otherwise) are not analysed.
 */
export function neededWords(pattern: RegExp): ReadonlySet<string> | null {
  if (pattern.flags !== "") return null;
  try {
    return new Analysis(pattern.source).read()?.needs ?? null;
  } catch (error) {
    if (error instanceof Unreadable) return null;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Gates

/**
 * Each pattern seen, by its source, with its gate's number (-1: always run). By source, not by object:
 * a pattern written inside a function is a new object on every call, with the same source.
 */
const GATE_NUMBERS = new Map<string, number>();
/** Sources seen past this many are not analysed (the readers' own patterns number a few hundred). */
const MAX_SOURCES = 4096;
/** For each word, the gates it opens. */
const GATES_BY_WORD = new Map<string, number[]>();
/** The needed words of each gate, by number. */
const GATE_WORDS: ReadonlySet<string>[] = [];
/** The pieces of text each gate also opens on, by number (none for most). */
const GATE_PIECES: (readonly string[])[] = [];

/** The same, by object: the look-up by source reads the pattern's source and flags, which costs more than the pattern saves. */
const GATE_OF = new WeakMap<RegExp, number>();

function gateNumber(pattern: RegExp): number {
  const known = GATE_OF.get(pattern);
  if (known !== undefined) return known;
  const number = gateBySource(pattern);
  GATE_OF.set(pattern, number);
  return number;
}

function gateBySource(pattern: RegExp): number {
  if (pattern.flags !== "") return -1;
  const known = GATE_NUMBERS.get(pattern.source);
  if (known !== undefined) return known;
  if (GATE_NUMBERS.size >= MAX_SOURCES) return -1;
  const needs = neededWords(pattern);
  const number = needs === null ? -1 : GATE_WORDS.length;
  if (needs !== null) {
    GATE_WORDS.push(needs);
    GATE_PIECES.push([...needs].filter((word) => word.startsWith(PIECE)).map((piece) => piece.slice(PIECE.length)));
    for (const word of needs) {
      const gates = GATES_BY_WORD.get(word);
      if (gates) gates.push(number);
      else GATES_BY_WORD.set(word, [number]);
    }
  }
  GATE_NUMBERS.set(pattern.source, number);
  return number;
}

/** When on, every pattern a gate rules out is run anyway, and a match throws: the tests replay every set with it on. */
let checking = false;
export function checkWordGates(on: boolean): void {
  checking = on;
}

/** A text and which gates its words open, worked out once for all the patterns tried on it. */
export class Words {
  private readonly words: readonly string[];
  /** One bit per gate known when the text was read: set when one of its words is said. */
  private readonly open: number[];
  private readonly gatesKnown: number;

  /** `words`, when known, are the text's words already split (an utterance's tokens). */
  constructor(
    readonly text: string,
    words: readonly string[] = text.split(" "),
  ) {
    this.words = words;
    this.gatesKnown = GATE_WORDS.length;
    this.open = new Array<number>((this.gatesKnown >> 5) + 1).fill(0);
    for (const word of this.words) {
      const gates = GATES_BY_WORD.get(word);
      if (gates === undefined) continue;
      for (const gate of gates) this.open[gate >> 5] = (this.open[gate >> 5] as number) | (1 << (gate & 31));
    }
  }

  /** `pattern.test(text)`, without running the pattern where a word it needs is not said. */
  test(pattern: RegExp): boolean {
    const gate = gateNumber(pattern);
    if (gate >= 0 && !this.mayOpen(gate)) {
      if (checking && pattern.test(this.text)) throw new Error(`word gate unsound: ${pattern.source} matches "${this.text}" without any of ${[...(GATE_WORDS[gate] ?? [])].join(", ")}`);
      return false;
    }
    return pattern.test(this.text);
  }

  private mayOpen(gate: number): boolean {
    const pieces = GATE_PIECES[gate] as readonly string[];
    // (A loop, not some(): a closure made on every test is most of what testing a pattern allocates.)
    for (const piece of pieces) if (this.text.includes(piece)) return true;
    // (A gate made after the text was read is looked up word by word.)
    if (gate >= this.gatesKnown) return this.words.some((word) => (GATE_WORDS[gate] as ReadonlySet<string>).has(word));
    return (((this.open[gate >> 5] as number) >>> (gate & 31)) & 1) === 1;
  }
}
