/**
 * A drink talked about but not asked for ("my sister swears by negronis",
 * "I might get a martini later"): a word about it and, unless the guest
 * spoke against it, an offer kept as the pending question. Never a pour.
 */
import type { Act } from "./act.js";
import { itemsOf, unknownSubject } from "./ask.js";
import { offer } from "./offer.js";

export const mention: Act<"MENTION"> = ({ subject, quantity, stance, kind }, _state, _bar, tools) => {
  const [first] = itemsOf(subject.itemIds, tools);
  if (first) {
    const text = tools.replies.mentioned(first, stance, kind, quantity);
    return stance === "AGAINST" ? { text, focusItemId: first.id } : { text, pending: offer([first.id], quantity), focusItemId: first.id };
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
