/**
 * One utterance in, one Understanding out: pure and synchronous, the part of
 * a turn the parse bench measures. An answer to the pending question wins;
 * otherwise the classifier decides, and "it"/"that" in a question about a
 * drink refers to the drink last talked about.
 */
import { answerPending } from "./answers.js";
import type { DialogueState } from "./dialogue-state.js";
import { classify, has, utteranceOf } from "./intents.js";
import type { MenuIndex } from "./menu-matcher.js";
import { tokenize } from "./normalise.js";
import type { Understanding } from "./understanding.js";

export function understand(text: string, state: DialogueState, index: MenuIndex): Understanding {
  const utterance = utteranceOf(tokenize(text), index);
  const answer = state.pending && answerPending(utterance, state.pending, index);
  if (answer) return answer;
  const understanding = classify(utterance);
  if (
    (understanding.intent === "PRICE" || understanding.intent === "MENU") &&
    state.focusItemId !== null &&
    index.byId.has(state.focusItemId) &&
    understanding.subject.itemIds.length === 0 &&
    understanding.subject.category === null &&
    understanding.subject.unknown.length === 0 &&
    has(utterance, "it", "that", "this", "one", "those", "them")
  ) {
    return { ...understanding, subject: { itemIds: [state.focusItemId], category: null, unknown: [] } };
  }
  return understanding;
}
