/**
 * A small back-off trigram language model in ARPA format, the text format
 * pocketsphinx reads with `-lm`. Counts come from the bar's own sentences;
 * probabilities use absolute discounting with Katz-style back-off, so every
 * word of the vocabulary (the everyday words as well as the menu) keeps a
 * path: the decoder prefers the bar's phrases without being forced into them.
 */

export const SENTENCE_START = "<s>";
export const SENTENCE_END = "</s>";

export interface NgramModelOptions {
  /** Words the guest may say that the sentences never use; each gets an equal share of `openShare`. */
  openWords?: Iterable<string>;
  /** Unigram probability mass kept for the open words (0..1). */
  openShare?: number;
  /** Absolute discount for bigrams and trigrams (0..1; default DEFAULT_DISCOUNT). */
  discount?: number;
}

/**
 * What each seen bigram and trigram gives up for the words its history never saw. Most of the bar's
 * sentences count once, and a history whose followers were each seen once gives up exactly the
 * discount: at 0.5 half of what follows an order's words went to back-off; 0.3 keeps the decoder
 * closer to the bar's phrases. Measured on the spoken corpus' tuning voices (same tab, clean % +
 * noisy %, phrase weight 20): 0.15 133.5, 0.3 134.9, 0.5 133.4, 0.8 133.1 (bench/RESULTS.md, issue 21).
 */
export const DEFAULT_DISCOUNT = 0.3;

type Counts = Map<string, number>;

const KEY = "\u0001";
const key = (words: readonly string[]) => words.join(KEY);
const words = (joined: string) => joined.split(KEY);

function increment(counts: Counts, joined: string, by = 1): void {
  counts.set(joined, (counts.get(joined) ?? 0) + by);
}

/** log10, rounded as ARPA files usually are (and so the output is stable across platforms). */
const log10 = (p: number) => (p <= 0 ? -99 : Math.round(Math.log10(p) * 1e6) / 1e6);

export interface NgramModel {
  /** Every word the model can produce (no sentence markers), sorted. */
  vocabulary: string[];
  /** The model as ARPA text. */
  arpa: string;
  /** P(word | history) as the ARPA file encodes it (before rounding); history has at most two words. */
  probability(history: readonly string[], word: string): number;
}

/** A sentence of the training text and how many times it counts. */
export interface CountedSentence {
  words: readonly string[];
  count: number;
}

/** A trigram model of `sentences` (words without sentence markers). */
export function buildNgramModel(sentences: readonly CountedSentence[], options: NgramModelOptions = {}): NgramModel {
  const discount = options.discount ?? DEFAULT_DISCOUNT;
  const openShare = options.openShare ?? 0.1;
  if (!(discount > 0 && discount < 1)) throw new RangeError(`discount must be between 0 and 1, got ${discount}`);
  if (!(openShare >= 0 && openShare < 1)) throw new RangeError(`openShare must be in [0, 1), got ${openShare}`);

  const unigrams: Counts = new Map();
  const bigrams: Counts = new Map();
  const trigrams: Counts = new Map();
  for (const { words: sentence, count } of sentences) {
    if (sentence.length === 0 || !(count > 0)) continue;
    const padded = [SENTENCE_START, ...sentence, SENTENCE_END];
    for (let i = 1; i < padded.length; i++) {
      increment(unigrams, padded[i]!, count);
      increment(bigrams, key([padded[i - 1]!, padded[i]!]), count);
      if (i >= 2) increment(trigrams, key([padded[i - 2]!, padded[i - 1]!, padded[i]!]), count);
    }
    // The first word's trigram context is (<s>, w1); <s> itself is a context only.
  }
  if (unigrams.size === 0) throw new Error("the language model needs at least one non-empty sentence");

  const open = [...new Set(options.openWords ?? [])].filter((word) => !unigrams.has(word) && word !== SENTENCE_START);
  const seenTotal = [...unigrams.values()].reduce((sum, count) => sum + count, 0);
  const seenShare = open.length === 0 ? 1 : 1 - openShare;
  const unigramP = new Map<string, number>();
  for (const [word, count] of unigrams) unigramP.set(word, (seenShare * count) / seenTotal);
  for (const word of open) unigramP.set(word, openShare / open.length);

  // Context counts: how often each history was followed by anything, and by how many distinct words.
  const contextTotals = (counts: Counts) => {
    const totals = new Map<string, { count: number; distinct: number }>();
    for (const [joined, count] of counts) {
      const history = key(words(joined).slice(0, -1));
      const entry = totals.get(history) ?? { count: 0, distinct: 0 };
      entry.count += count;
      entry.distinct += 1;
      totals.set(history, entry);
    }
    return totals;
  };
  const bigramContexts = contextTotals(bigrams);
  const trigramContexts = contextTotals(trigrams);

  const bigramP = new Map<string, number>();
  for (const [joined, count] of bigrams) {
    const history = key(words(joined).slice(0, 1));
    bigramP.set(joined, (count - discount) / bigramContexts.get(history)!.count);
  }
  const trigramP = new Map<string, number>();
  for (const [joined, count] of trigrams) {
    const history = key(words(joined).slice(0, 2));
    trigramP.set(joined, (count - discount) / trigramContexts.get(history)!.count);
  }

  /** P(w | history) under the model, backing off through shorter histories. */
  const unigramBackoff = new Map<string, number>();
  const probability = (history: readonly string[], word: string): number => {
    if (history.length === 0) return unigramP.get(word) ?? 0;
    const joined = key([...history, word]);
    const direct = history.length === 1 ? bigramP.get(joined) : trigramP.get(joined);
    if (direct !== undefined) return direct;
    const weight = history.length === 1 ? (unigramBackoff.get(history[0]!) ?? 1) : (bigramBackoff.get(key(history)) ?? 1);
    return weight * probability(history.slice(1), word);
  };
  /** Katz back-off weight: the discounted mass, spread over the words this history never saw. */
  const backoffWeight = (history: readonly string[], followers: readonly string[], total: { count: number; distinct: number }) => {
    const left = (discount * total.distinct) / total.count;
    const lowerSeen = followers.reduce((sum, word) => sum + probability(history.slice(1), word), 0);
    // Every follower may already hold all the lower-order mass (a tiny vocabulary): never divide by ~0.
    return left / Math.max(1e-9, 1 - lowerSeen);
  };
  const followersOf = (counts: Counts, order: number) => {
    const followers = new Map<string, string[]>();
    for (const joined of counts.keys()) {
      const parts = words(joined);
      const history = key(parts.slice(0, order - 1));
      const list = followers.get(history) ?? [];
      list.push(parts[order - 1]!);
      followers.set(history, list);
    }
    return followers;
  };
  const bigramFollowers = followersOf(bigrams, 2);
  for (const [history, followers] of bigramFollowers) {
    unigramBackoff.set(history, backoffWeight([history], followers, bigramContexts.get(history)!));
  }
  const bigramBackoff = new Map<string, number>();
  for (const [history, followers] of followersOf(trigrams, 3)) {
    bigramBackoff.set(history, backoffWeight(words(history), followers, trigramContexts.get(history)!));
  }

  const vocabulary = [...unigramP.keys()].filter((word) => word !== SENTENCE_END).sort();
  const unigramLines = [`${log10(0)} ${SENTENCE_START} ${log10(unigramBackoff.get(SENTENCE_START) ?? 1)}`];
  for (const word of [...unigramP.keys()].sort()) {
    const backoff = unigramBackoff.get(word);
    unigramLines.push(`${log10(unigramP.get(word)!)} ${word}${backoff === undefined ? "" : ` ${log10(backoff)}`}`);
  }
  const bigramLines = [...bigramP.keys()].sort().map((joined) => {
    const backoff = bigramBackoff.get(joined);
    return `${log10(bigramP.get(joined)!)} ${words(joined).join(" ")}${backoff === undefined ? "" : ` ${log10(backoff)}`}`;
  });
  const trigramLines = [...trigramP.keys()].sort().map((joined) => `${log10(trigramP.get(joined)!)} ${words(joined).join(" ")}`);
  const arpa = [
    "\\data\\",
    `ngram 1=${unigramLines.length}`,
    `ngram 2=${bigramLines.length}`,
    `ngram 3=${trigramLines.length}`,
    "",
    "\\1-grams:",
    ...unigramLines,
    "",
    "\\2-grams:",
    ...bigramLines,
    "",
    "\\3-grams:",
    ...trigramLines,
    "",
    "\\end\\",
    "",
  ].join("\n");
  return { vocabulary, arpa, probability };
}
