/**
 * A drink talked about but not asked for ("my sister swears by negronis",
 * "I might get a martini later"): a word about it and, unless the guest
 * spoke against it, an offer kept as the pending question. Never a pour.
 */
import type { Act } from "./act.js";
import { itemsOf, unknownSubject } from "./ask.js";
import { offer } from "./offer.js";
import { modifierProblem } from "../modifiers.js";

export const mention: Act<"MENTION"> = ({ subject, quantity, stance, kind, modifiers = [] }, _state, _bar, tools) => {
  const items = itemsOf(subject.itemIds, tools);
  const [first] = items;
  // Weighing two or more ("torn between a daiquiri and a cosmo"): offered as a choice, which a plain yes cannot settle.
  if (items.length > 1 && stance !== "AGAINST" && (kind === null || kind === "TENTATIVE" || kind === "HYPOTHETICAL")) {
    return { text: tools.replies.mentionedChoice(items), pending: offer(items.map((item) => item.id), quantity), focusItemId: first?.id ?? null };
  }
  if (first) {
    // Made as said, when the drink can be ("a dirty martini"); otherwise offered plain.
    const madeAs = modifierProblem(first, modifiers) === null ? modifiers : [];
    const text = tools.replies.mentioned(first, stance, kind, quantity, madeAs);
    return stance === "AGAINST" ? { text, focusItemId: first.id } : { text, pending: offer([first.id], quantity, madeAs), focusItemId: first.id };
  }
  if (subject.category !== null) {
    const ids = (tools.index.byCategory.get(subject.category) ?? []).map((item) => item.id);
    const text = tools.replies.mentionedCategory(subject.category, stance);
    if (stance === "AGAINST") return { text };
    return {
      text,
      pending: { kind: "ORDER", drafts: [{ candidates: ids, category: subject.category, quantity, modifiers: [], softModifiers: [] }], confirm: false },
    };
  }
  return unknownSubject(subject, tools, false) ?? { text: tools.replies.smallTalk("ACKNOWLEDGE") };
};
