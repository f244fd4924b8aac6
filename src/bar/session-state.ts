/**
 * A session as the write path works on it: the account, the current tab with
 * its lines, and the conversation's stored memory, read in one round trip.
 * Changes are planned on it in memory and applied in one round trip too
 * (session-state.repository.ts), guarded by the tab version they were planned on.
 */
import type { TabRecord } from "./bar.repository.js";
import { toTabView } from "./bar.repository.js";
import type { SessionView } from "./views.js";

export interface SessionState {
  id: string;
  customerName: string | null;
  balanceCents: number;
  startingBalanceCents: number;
  createdAt: Date;
  /** The conversation's memory as stored (JSON), validated by the conversation when read. */
  dialogueState: unknown;
  tab: TabRecord;
}

export function toSessionView(state: SessionState): SessionView {
  return { id: state.id, customerName: state.customerName, balanceCents: state.balanceCents, tab: toTabView(state.tab) };
}

/** The `turn` counter of a stored dialogue state, as the database compares it (text, or null when absent). */
export function storedTurn(dialogueState: unknown): string | null {
  if (typeof dialogueState !== "object" || dialogueState === null || !("turn" in dialogueState)) return null;
  const turn = (dialogueState as { turn: unknown }).turn;
  return turn === null || turn === undefined ? null : typeof turn === "string" ? turn : JSON.stringify(turn);
}
