/**
 * What every act shares: its inputs and its outcome. An act is a function of
 * what Maya understood, the dialogue state and the turn's BarPort (passed in,
 * never kept: each turn may get its own port whose changes commit with the
 * turn's transcript), plus the turn's tools. It returns what to say and what
 * to remember; `say` stores both.
 */
import type { BarPort, OrderLine, SessionView, TipChoice } from "../bar-port.js";
import type { DialogueState, PendingQuestion } from "../dialogue-state.js";
import type { MenuIndex } from "../menu-matcher.js";
import type { Rng } from "../random.js";
import type { Replies } from "../replies.js";
import type { Intent, Understanding } from "../understanding.js";

export interface ActTools {
  sessionId: string;
  index: MenuIndex;
  replies: Replies;
  rng: Rng;
}

/** Drinks a turn put on the tab and took off it, per line as ordered, or the tip it replaced: what an undo reverses. */
export interface TabChange {
  added: OrderLine[];
  removed: OrderLine[];
  tipBefore?: TipChoice;
  /** The tip the turn set, with `tipBefore`: "make it 20" right after it changes this tip again. */
  tipAfter?: TipChoice;
}

export interface Outcome {
  text: string;
  /** What was done, when it is not what was understood ("make it two" for a drink only offered pours two: ORDER). */
  intent?: Intent;
  /** The session after the act when the act read or changed it; `say` reads it otherwise. */
  session?: SessionView;
  paymentId?: string | null;
  pending?: PendingQuestion | null;
  lastOrder?: OrderLine[];
  focusItemId?: string | null;
  /** What the act changed on the tab (set by `changeTab`, the one way acts change lines). */
  change?: TabChange;
  /** False when the change may not be undone by the next turn (it was itself an undo). */
  undoable?: boolean;
}

export type UnderstandingOf<I extends Intent> = Extract<Understanding, { intent: I }>;

export type Act<I extends Intent> = (
  understanding: UnderstandingOf<I>,
  state: DialogueState,
  bar: BarPort,
  tools: ActTools,
) => Outcome | Promise<Outcome>;
