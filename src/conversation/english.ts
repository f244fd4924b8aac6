/**
 * Ordinary English, from the maintained model behind the tagger (wink-nlp's lite web model): one
 * instance for the engine, and its lexicon of about 88,000 English words. A word English knows is
 * never read as a misspelt drink ("pink" is not a "pint", "sales" not "ales", "cake" not "coke");
 * only words it does not know may be typos ("negorni", "marteeni", "daquiri").
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

export const nlp = winkNLP(model, ["pos"]);

/** The lexicon is the model's, not a document's: any document answers for all. */
const lexicon = nlp.readDoc("");

/**
 * Words already looked up: the menu matcher asks of nearly every word and pair of words, and a
 * look-up in wink's lexicon costs several times a Map's. Cleared when full, as the matcher's caches are.
 */
const looked = new Map<string, boolean>();
const LOOKED_LIMIT = 50_000;

export function isEnglishWord(word: string): boolean {
  const known = looked.get(word);
  if (known !== undefined) return known;
  const english = !lexicon.isOOV(word);
  if (looked.size >= LOOKED_LIMIT) looked.clear();
  looked.set(word, english);
  return english;
}
