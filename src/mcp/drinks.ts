/**
 * A drink as an agent names it: a menu id ("long-island") as it is, or the
 * words a guest would say ("two dry martinis" minus the two: "dry martini",
 * "bourbon", "negorni"), read by the conversation engine's own menu matcher so
 * MCP and the spoken bar agree on what a name means. Read-only use of the
 * matcher; nothing here touches the tab.
 */
import type { MenuItem, Modifier } from "../bar/menu-catalog.js";
import type { Menu } from "../bar/menu.service.js";
import { badInput, notFound } from "../errors.js";
import { closestItems } from "../conversation/grounding.js";
import { matchMenuAt, menuIndex } from "../conversation/menu-matcher.js";
import { tokenize } from "../conversation/normalise.js";
import { listJoin } from "../conversation/replies.js";

export interface ResolvedDrink {
  item: MenuItem;
  /** Modifiers the name itself carries ("dry martini"), only those the drink accepts. */
  impliedModifiers: Modifier[];
}

/** Words a guest puts before a drink that do not name it. */
const LEADING_FILLERS = new Set(["a", "an", "the", "one", "some"]);

/**
 * The one menu item `said` names, or a guest-readable refusal: NOT_FOUND with
 * the closest suggestions, or BAD_USER_INPUT when the words fit several drinks.
 */
export function resolveDrink(menu: Menu, said: string): ResolvedDrink {
  const byId = menu.find(said.trim());
  if (byId) return { item: byId, impliedModifiers: [] };
  const index = menuIndex(menu.items);
  const tokens = tokenize(said);
  while (tokens.length > 1 && LEADING_FILLERS.has(tokens[0] as string)) tokens.shift();
  const match = tokens.length > 0 ? matchMenuAt(tokens, 0, index) : null;
  // The whole phrase must be the drink: "martini with olives" is not a martini we can pour as asked.
  if (match && match.length === tokens.length) {
    const items = match.itemIds.flatMap((id) => menu.find(id) ?? []);
    const [only] = items;
    if (items.length === 1 && only && match.category === null) return { item: only, impliedModifiers: match.modifiers };
    if (items.length > 1) {
      throw badInput(`"${quoted(said)}" could be ${listJoin(items.map((item) => item.name), "or")}. Which one?`, {
        reason: "AMBIGUOUS_DRINK",
        candidates: items.map((item) => item.id),
      });
    }
  }
  const suggestions = closestItems(tokens.join(" "), index, 2);
  throw notFound(
    `We don't have "${quoted(said)}" on the menu.${suggestions.length ? ` How about ${listJoin(suggestions.map((item) => item.name), "or")} instead?` : ""}`,
    { reason: "UNKNOWN_DRINK", suggestions: suggestions.map((item) => item.id) },
  );
}

/** What the guest said, fit to repeat back: one line, no control characters, not too long. */
function quoted(said: string): string {
  const clean = said.replace(/\p{Cc}+/gu, " ").replace(/\s+/g, " ").trim();
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}
