/**
 * One conversational turn, always in this order: validate and clean the
 * utterance, load the dialogue state, understand (pure and synchronous), act
 * through the turn's BarPort (the same services as the GraphQL mutations, so
 * the same money rules; every tab change goes through the port passed to the
 * act), then store the turn (utterance, reply, new state) and answer.
 * Domain failures become words; only bad input throws.
 * The service does not lock: the backend serialises turns per session.
 */
import type { BarPort, ConversationStore, SessionView } from "./bar-port.js";
import { act, type Outcome } from "./acts/index.js";
import { parseState, serialiseState, type DialogueState } from "./dialogue-state.js";
import { understand } from "./interpret.js";
import { menuIndex } from "./menu-matcher.js";
import { seededRng } from "./random.js";
import { Replies } from "./replies.js";
import { DEFAULT_BAR_NAME, toSpeech, type Pronunciation } from "./speech.js";
import type { Intent } from "./understanding.js";
import { cleanUtterance } from "./utterance.js";

export { MAX_UTTERANCE_LENGTH } from "./utterance.js";

export interface TurnResult {
  /** What Maya says, for display. */
  text: string;
  /** The same words prepared for a speech synthesizer. */
  speech: string;
  intent: Intent;
  /** The payment this turn started or reported, if any. */
  paymentId: string | null;
  /** The session after the turn. */
  session: SessionView;
}

export interface ConversationOptions {
  /** The bar's name as written in replies and as spoken. */
  barName?: Pronunciation;
}

/**
 * What Maya remembers after a turn: what the act said to remember, the rest as it was. Only this
 * turn's change to the tab can be undone next turn, so a turn that changed nothing forgets it.
 */
function nextState(state: DialogueState, turn: number, outcome: Outcome): DialogueState {
  const change = outcome.change;
  const changed = change !== undefined && outcome.undoable !== false && (change.added.length > 0 || change.removed.length > 0);
  return {
    turn,
    pending: outcome.pending ?? null,
    lastOrder: outcome.lastOrder ?? state.lastOrder,
    focusItemId: outcome.focusItemId === undefined ? state.focusItemId : outcome.focusItemId,
    lastEdit: changed ? { turn, added: change.added, removed: change.removed, lastOrderBefore: state.lastOrder } : null,
  };
}

export class ConversationService {
  private readonly barName: Pronunciation;

  constructor(
    private readonly bar: BarPort,
    private readonly store: ConversationStore,
    options: ConversationOptions = {},
  ) {
    this.barName = options.barName ?? DEFAULT_BAR_NAME;
  }

  async say(sessionId: string, text: string): Promise<TurnResult> {
    const utterance = cleanUtterance(text);
    // The turn's BarPort: every change the act makes goes through it (and, once the data layer
    // hands each turn its own port, commits with the saved turn below).
    const bar = this.bar;
    const state = parseState(await this.store.loadState(sessionId));
    const index = menuIndex(bar.menu());
    const understanding = understand(utterance, state, index);

    const turn = state.turn + 1;
    const rng = seededRng(sessionId, turn);
    const replies = new Replies(rng, index, this.barName);
    const outcome = await act(understanding, state, bar, { sessionId, index, replies, rng });
    const session = outcome.session ?? (await bar.snapshot(sessionId));

    await this.store.saveTurn(sessionId, { utterance, reply: outcome.text, state: serialiseState(nextState(state, turn, outcome)) });
    return {
      text: outcome.text,
      speech: toSpeech(outcome.text, this.barName),
      intent: understanding.intent,
      paymentId: outcome.paymentId ?? null,
      session,
    };
  }
}
