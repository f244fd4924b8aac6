/** Words only: greetings, small talk, help, goodbyes, a declined question, and "I didn't catch that". */
import type { Act } from "./act.js";

export const greet: Act<"GREET"> = (_understanding, _state, _bar, { replies }) => ({ text: replies.greet() });

export const smallTalk: Act<"SMALL_TALK"> = ({ topic }, _state, _bar, { replies }) => ({ text: replies.smallTalk(topic) });

export const help: Act<"HELP"> = (_understanding, _state, _bar, { replies }) => ({ text: replies.help() });

export const goodbye: Act<"GOODBYE"> = async (_understanding, _state, bar, tools) => {
  const session = await bar.snapshot(tools.sessionId);
  return { text: tools.replies.goodbye(session), session };
};

/** A question declined, or a drink ("I'm not having the manhattan"): nothing changes; one on the tab stays, and Maya says so. */
export const cancel: Act<"CANCEL"> = async ({ itemIds }, _state, bar, tools) => {
  const items = itemIds.flatMap((id) => tools.index.byId.get(id) ?? []);
  if (items.length === 0) return { text: tools.replies.cancelled() };
  const session = await bar.snapshot(tools.sessionId);
  const onTab = items.filter((item) => session.tab.items.some((line) => line.menuItemId === item.id));
  return { text: tools.replies.declined(items, onTab), session, focusItemId: null };
};

export const unknown: Act<"UNKNOWN"> = (_understanding, _state, _bar, { replies }) => ({ text: replies.unknown() });
