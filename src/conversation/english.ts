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

export function isEnglishWord(word: string): boolean {
  return !lexicon.isOOV(word);
}
