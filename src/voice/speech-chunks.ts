/**
 * Splitting speech text for Google Text-to-Speech, whose SynthesizeSpeech
 * request refuses input text over 5,000 bytes. The limit is in UTF-8 bytes,
 * not characters, so "café" and "🍹" count more than they look.
 */

/** Google's documented limit on `input.text`, in UTF-8 bytes. */
export const GOOGLE_TTS_MAX_INPUT_BYTES = 5000;

/**
 * What one request carries by default: below the limit with room to spare,
 * so a change in how Google counts (or a join space) never tips a chunk over.
 */
export const DEFAULT_CHUNK_BYTES = 4800;

const encoder = new TextEncoder();
export const utf8Bytes = (text: string): number => encoder.encode(text).length;

const sentences = new Intl.Segmenter("en", { granularity: "sentence" });
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Packs pieces greedily, joined by `separator`, into chunks of at most maxBytes. Each piece must already fit. */
function pack(pieces: readonly string[], separator: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let current = "";
  let currentBytes = 0;
  const separatorBytes = utf8Bytes(separator);
  for (const piece of pieces) {
    const pieceBytes = utf8Bytes(piece);
    if (current !== "" && currentBytes + separatorBytes + pieceBytes <= maxBytes) {
      current += separator + piece;
      currentBytes += separatorBytes + pieceBytes;
    } else {
      if (current !== "") chunks.push(current);
      current = piece;
      currentBytes = pieceBytes;
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

/** A "word" longer than a request (a pasted blob): cut between graphemes so no character or emoji is broken. */
function splitWord(word: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let current = "";
  let currentBytes = 0;
  for (const { segment } of graphemes.segment(word)) {
    const bytes = utf8Bytes(segment);
    if (currentBytes + bytes > maxBytes && current !== "") {
      chunks.push(current);
      current = "";
      currentBytes = 0;
    }
    current += segment;
    currentBytes += bytes;
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

/** A sentence longer than a request: split between words, and only a giant word inside a word. */
function splitSentence(sentence: string, maxBytes: number): string[] {
  const words = sentence.split(/\s+/).filter((word) => word !== "");
  const fitting = words.flatMap((word) => (utf8Bytes(word) <= maxBytes ? [word] : splitWord(word, maxBytes)));
  return pack(fitting, " ", maxBytes);
}

/**
 * Speech text as request-sized chunks, in order: whole sentences where they
 * fit (so the voice keeps its intonation across a chunk boundary), then
 * words, then graphemes. Whitespace is collapsed; empty text gives no chunks.
 */
export function chunkSpeech(text: string, maxBytes: number = DEFAULT_CHUNK_BYTES): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) throw new RangeError(`maxBytes must be an integer of at least 4 (one UTF-8 character), got ${maxBytes}`);
  const normalised = text.replace(/\s+/g, " ").trim();
  if (normalised === "") return [];
  if (utf8Bytes(normalised) <= maxBytes) return [normalised];
  const pieces = [...sentences.segment(normalised)]
    .map(({ segment }) => segment.trim())
    .filter((sentence) => sentence !== "")
    .flatMap((sentence) => (utf8Bytes(sentence) <= maxBytes ? [sentence] : splitSentence(sentence, maxBytes)));
  return pack(pieces, " ", maxBytes);
}
