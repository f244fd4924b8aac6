/**
 * One conversational turn, always in this order: clean the utterance, open
 * the turn (the stored dialogue state and a BarPort of the turn's own),
 * understand (pure and synchronous), act through that BarPort (the same
 * planning and money rules as the GraphQL mutations), then commit: the tab
 * change, the utterance, the reply and the new state are stored together or
 * not at all. When the session changed under the turn (another instance, a
 * payment), nothing was stored and the turn is understood again on the
 * session as it is now. Domain failures become words; only bad input throws.
 * The service does not lock: the backend serialises turns per session.
 */
import { TurnConflict, type ConversationBackend, type SessionView } from "./bar-port.js";
import { act, type Outcome } from "./acts/index.js";
import { initialState, isOwnOrderQuestion, parseState, serialiseState, type DialogueState, type PendingQuestion } from "./dialogue-state.js";
import { confirmation, PourWithheld, pursuesProposal, readHeard, WatchedBar, type Heard } from "./heard.js";
import { understandTurn, type Answered } from "./interpret.js";
import { menuIndex } from "./menu-matcher.js";
import { seededRng } from "./random.js";
import { Replies } from "./replies.js";
import { DEFAULT_BAR_NAME, toSpeech, type Pronunciation } from "./speech.js";
import type { Intent, Understanding } from "./understanding.js";
import { cleanUtterance } from "./utterance.js";

export { MAX_UTTERANCE_LENGTH } from "./utterance.js";

/** A turn whose session keeps changing under it is understood again, this many times at most. */
const MAX_TURN_ATTEMPTS = 10;

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
  /** Among a heard utterance's readings, take the one the bar understands best (on unless false; off to measure it). */
  chooseHeardByBar?: boolean;
  /** Confirm an order heard with less confidence than this (heard.ts's CONFIRM_BELOW unless given; for measuring). */
  confirmHeardBelow?: number;
}

/** Turns that neither change the drinks nor answer: a question about the tab, the menu or a price, small talk, a tip. */
const INTERJECTIONS: ReadonlySet<Intent> = new Set([
  "SHOW_TAB", "SHOW_BALANCE", "MENU", "PRICE", "RECOMMEND", "SMALL_TALK", "HELP", "GREET", "PAYMENT_STATUS", "UNKNOWN", "MENTION", "SET_TIP",
]);

/** The questions Maya keeps open after a turn, and the one she asks again in its reply (if any). */
interface OpenQuestions {
  pending: PendingQuestion | null;
  held: PendingQuestion | null;
  askAgain: PendingQuestion | null;
}

/**
 * A question about the guest's own order survives an interjection ("neat or on the rocks?", then
 * "what's my balance?"): Maya answers and asks it again, or, when the interjection asks a question
 * of its own (a price question's offer), holds it until that one is answered. A new order, a
 * decline or another change to the tab drops it; an answer to the other question keeps it.
 */
function openQuestions(state: DialogueState, understanding: Understanding, answered: Answered, outcome: Outcome): OpenQuestions {
  const asked = outcome.pending ?? null;
  // A tip changes the money, not the drinks Maya asked about.
  const changedTab = outcome.change !== undefined && (outcome.change.added.length > 0 || outcome.change.removed.length > 0);
  const interjection = answered === null && !changedTab && INTERJECTIONS.has(understanding.intent);
  const open = interjection ? (state.held ?? (isOwnOrderQuestion(state.pending) ? state.pending : null)) : answered === "PENDING" ? state.held : null;
  // "which beer?" held, "what's on tap?" asked again, "the IPA" answers both.
  if (!open || answersToo(open, outcome)) return { pending: asked, held: null, askAgain: null };
  return asked ? { pending: asked, held: open, askAgain: null } : { pending: open, held: null, askAgain: open };
}

/** Whether the drinks a turn poured are among those a question was about. */
function answersToo(question: PendingQuestion, outcome: Outcome): boolean {
  const poured = outcome.change?.added ?? [];
  const asked = question.kind === "REMOVE" ? question.candidates : question.kind === "TIP" || question.kind === "TIP_AMOUNT" ? [] : question.drafts.flatMap((draft) => draft.candidates);
  return poured.some((line) => asked.includes(line.menuItemId));
}

/**
 * Whether the guest's last order poured nothing and asks nothing more: a drink the bar does not pour, or
 * an order the balance cannot cover ("twenty manhattans" refused). "Ten IPAs instead" is instead of that
 * one, also after a question of money in between ("how much have I got left?"), not of the last order poured.
 */
function unpoured(state: DialogueState, understanding: Understanding, outcome: Outcome, questions: OpenQuestions): boolean {
  const pouredNothing = !outcome.change?.added.length && !outcome.change?.removed.length;
  if (understanding.intent === "ORDER") return pouredNothing && (understanding.unknown.length > 0 || (understanding.drafts.length > 0 && questions.pending === null));
  // ("and a gin", "neat or on the rocks?", then "never mind the gin": the order asked for is dropped, never poured.)
  const asked = state.pending?.kind === "ORDER" && state.pending.ordered === true;
  if (understanding.intent === "REMOVE" && asked) return pouredNothing && questions.pending === null;
  return state.unpouredTurn === state.turn && pouredNothing && MONEY_QUESTIONS.has(understanding.intent);
}

/** Questions a guest asks before choosing something smaller: what is left, what is on the tab, what a drink costs. */
const MONEY_QUESTIONS: ReadonlySet<Intent> = new Set(["SHOW_TAB", "SHOW_BALANCE", "PRICE"]);

/**
 * What Maya remembers after a turn: what the act said to remember, the rest as it was. Only this
 * turn's change to the tab can be undone next turn, so a turn that changed nothing forgets it.
 */
function nextState(state: DialogueState, turn: number, understanding: Understanding, outcome: Outcome, questions: OpenQuestions, session?: SessionView): DialogueState {
  const change = outcome.change;
  const changed =
    change !== undefined && outcome.undoable !== false && (change.added.length > 0 || change.removed.length > 0 || change.tipBefore !== undefined);
  const focusItemId = outcome.focusItemId === undefined ? state.focusItemId : outcome.focusItemId;
  // A drink, or a kind of drink ("how much are your cocktails?"): "and the martini?" next asks the same.
  const aboutDrink =
    (understanding.intent === "PRICE" || understanding.intent === "MENU") && (Boolean(outcome.focusItemId) || (understanding.subject?.category ?? null) !== null);
  return {
    turn,
    pending: questions.pending,
    lastOrder: outcome.lastOrder ?? state.lastOrder,
    focusItemId,
    lastEdit: changed
      ? {
          turn,
          added: change.added,
          removed: change.removed,
          lastOrderBefore: state.lastOrder,
          ...(change.tipBefore ? { tipBefore: change.tipBefore } : {}),
          ...(change.tipBefore && change.tipAfter ? { tipAfter: change.tipAfter } : {}),
        }
      : null,
    held: questions.held,
    topic: aboutDrink ? { turn, kind: understanding.intent as "PRICE" | "MENU" } : null,
    ...(unpoured(state, understanding, outcome, questions) ? { unpouredTurn: turn } : {}),
    ...(session ? { onTab: [...new Set(session.tab.items.map((line) => line.menuItemId))] } : state.onTab ? { onTab: state.onTab } : {}),
  };
}

/** Utterances that between them run most of the readers: orders, repairs, questions, tips, paying. */
const WARM_UP_UTTERANCES = [
  "hi, two martinis please, one dirty and one with a twist",
  "actually make that a negroni instead, I'm not driving",
  "what's in a long island and how much is it?",
  "add a 20% tip and I'll pay later, my friend is paying",
];

export class ConversationService {
  private readonly barName: Pronunciation;
  private readonly chooseHeardByBar: boolean;
  private readonly confirmHeardBelow: number | undefined;

  constructor(
    private readonly backend: ConversationBackend,
    options: ConversationOptions = {},
  ) {
    this.barName = options.barName ?? DEFAULT_BAR_NAME;
    this.chooseHeardByBar = options.chooseHeardByBar !== false;
    this.confirmHeardBelow = options.confirmHeardBelow;
  }

  /**
   * Reads a few everyday utterances once, touching nothing: the readers' patterns are analysed on first
   * use (word-gates.ts), about half a second in all, which the first guest would otherwise wait for.
   * Once per process: the analyses are kept for every service after it.
   */
  warmUp(): void {
    const index = menuIndex(this.backend.menu());
    for (const text of WARM_UP_UTTERANCES) understandTurn(cleanUtterance(text), initialState(), index);
  }

  /** One turn. `heard`: the text is a transcript, with how sure its recognizer was (see heard.ts); typed text has none. */
  async say(sessionId: string, text: string, heard?: Heard): Promise<TurnResult> {
    const utterance = cleanUtterance(text);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.turn(sessionId, utterance, heard);
        if (result) return result;
      } catch (error) {
        if (!(error instanceof TurnConflict)) throw error;
      }
      if (attempt >= MAX_TURN_ATTEMPTS) throw new Error(`The session changed under ${MAX_TURN_ATTEMPTS} attempts at one turn.`);
    }
  }

  /** One attempt at the turn; null when the session changed before it could be stored (nothing was). */
  private async turn(sessionId: string, text: string, heard?: Heard): Promise<TurnResult | null> {
    const open = await this.backend.begin(sessionId);
    const state = parseState(open.storedState);
    const index = menuIndex(this.backend.menu());
    const reading = heard
      ? readHeard(text, heard, state, index, { chooseByBar: this.chooseHeardByBar, ...(this.confirmHeardBelow === undefined ? {} : { confirmBelow: this.confirmHeardBelow }) })
      : { utterance: text, ...understandTurn(text, state, index), doubt: false };
    const { understanding, answered, utterance } = reading;

    const turn = state.turn + 1;
    const rng = seededRng(sessionId, turn);
    const replies = new Replies(rng, index, this.barName);
    // A heard order in doubt is acted out on a watched bar: what it would pour is asked about instead.
    const watched = reading.doubt ? new WatchedBar(open.bar) : null;
    const tools = { sessionId, index, replies, rng };
    let outcome: Outcome;
    try {
      outcome = await act(understanding, state, watched ?? open.bar, tools);
    } catch (error) {
      if (!(error instanceof PourWithheld)) throw error;
      // The guest's yes to Maya's own proposal pours it: that is what she asked the yes for.
      if (!pursuesProposal(state, answered, error.added)) return this.confirmHeard(sessionId, utterance, understanding, error);
      outcome = await act(understanding, state, open.bar, tools);
    }
    const session = outcome.session ?? (await open.bar.snapshot(sessionId));
    const questions = openQuestions(state, understanding, answered, outcome);
    const said = questions.askAgain ? replies.thenAskAgain(outcome.text, questions.askAgain) : outcome.text;
    // Words the guest must hear about the change besides the reply (a fixed tip brought down to the drinks).
    const reply = [said, open.notes()].filter((words): words is string => Boolean(words)).join(" ");

    const next = nextState(state, turn, understanding, outcome, questions, session);
    const stored = await open.commit({ utterance, reply, state: serialiseState(next) });
    if (!stored) return null;
    return {
      text: reply,
      speech: toSpeech(reply, this.barName),
      intent: outcome.intent ?? understanding.intent,
      paymentId: outcome.paymentId ?? null,
      session,
    };
  }

  /**
   * A heard order held for the guest's yes: the turn that would have poured it is dropped (nothing of
   * it was stored), and a fresh one stores the utterance and the question ("Five Gins, is that right?").
   */
  private async confirmHeard(sessionId: string, utterance: string, understanding: Understanding, withheld: PourWithheld): Promise<TurnResult | null> {
    const open = await this.backend.begin(sessionId);
    const state = parseState(open.storedState);
    const turn = state.turn + 1;
    const asked = confirmation(withheld, menuIndex(this.backend.menu()));
    const outcome: Outcome = { text: asked.text, pending: asked.pending };
    const next = nextState(state, turn, understanding, outcome, { pending: asked.pending, held: null, askAgain: null });
    if (!(await open.commit({ utterance, reply: asked.text, state: serialiseState(next) }))) return null;
    return {
      text: asked.text,
      speech: toSpeech(asked.text, this.barName),
      intent: understanding.intent,
      paymentId: null,
      session: await open.bar.snapshot(sessionId),
    };
  }
}
