/**
 * Offers: when Maya is not sure the guest asked for a drink, she asks, and
 * the question is kept as the pending one: "yes", "sure" or "please" pours
 * it (answers.ts), "no" does not.
 */
import type { MenuCategory, Modifier } from "../../bar/menu-catalog.js";
import type { PendingQuestion } from "../dialogue-state.js";
import type { ActTools, Outcome } from "./act.js";

/** "Want one?": a plain "yes" pours the first of these drinks. */
export const offer = (itemIds: readonly string[], quantity = 1, modifiers: readonly Modifier[] = []): PendingQuestion => ({
  kind: "ORDER",
  drafts: [{ candidates: [...itemIds], category: null, quantity, modifiers: [...modifiers], softModifiers: [] }],
  confirm: true,
});

/** A category's drinks with prices, and "which one?" pending. */
export function categoryOffer(category: MenuCategory, tools: ActTools): Outcome {
  const ids = (tools.index.byCategory.get(category) ?? []).map((item) => item.id);
  return {
    text: tools.replies.categoryMenu(category),
    pending: { kind: "ORDER", drafts: [{ candidates: ids, category, quantity: 1, modifiers: [], softModifiers: [] }], confirm: false },
  };
}
