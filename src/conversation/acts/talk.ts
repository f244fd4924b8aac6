/** Words only: greetings, small talk, help, goodbyes, a declined question, and "I didn't catch that". */
import type { Act } from "./act.js";

export const greet: Act<"GREET"> = (_understanding, _state, _bar, { replies }) => ({ text: replies.greet() });

export const smallTalk: Act<"SMALL_TALK"> = ({ topic }, _state, _bar, { replies }) => ({ text: replies.smallTalk(topic) });

export const help: Act<"HELP"> = (_understanding, _state, _bar, { replies }) => ({ text: replies.help() });

export const goodbye: Act<"GOODBYE"> = async (_understanding, _state, bar, tools) => {
  const session = await bar.snapshot(tools.sessionId);
  return { text: tools.replies.goodbye(session), session };
};

export const cancel: Act<"CANCEL"> = (_understanding, _state, _bar, { replies }) => ({ text: replies.cancelled() });

export const unknown: Act<"UNKNOWN"> = (_understanding, _state, _bar, { replies }) => ({ text: replies.unknown() });
