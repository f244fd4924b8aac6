/**
 * "Never mind", "scratch that": exactly what the turn before changed on the
 * tab is taken back, in one edit (one version, one event): its drinks, or the
 * tip as it was. Taking back a removal would put money back on the tab, so
 * Maya asks first.
 */
import type { Act } from "./act.js";
import { draftsOf } from "./order.js";
import { attempt, changeTab, refuseError, takeOff } from "./tab.js";

export const undo: Act<"UNDO"> = async (_understanding, state, bar, tools) => {
  const edit = state.lastEdit;
  if (!edit || edit.turn !== state.turn) return { text: tools.replies.nothingToUndo() };
  if (edit.tipBefore && edit.added.length === 0) {
    const result = await attempt(() => bar.setTip(tools.sessionId, edit.tipBefore!));
    if (!result.ok) return refuseError(result.error, bar, tools);
    return { text: tools.replies.tipRestored(result.value), session: result.value, undoable: false };
  }
  if (edit.added.length === 0) {
    return { text: tools.replies.offerPutBack(edit.removed), pending: { kind: "ORDER", drafts: draftsOf(edit.removed), confirm: true } };
  }
  const session = await bar.snapshot(tools.sessionId);
  const set = takeOff(session.tab.items, edit.added);
  if (set.length === 0) return { text: tools.replies.nothingRecent(), session };
  const result = await changeTab(bar, tools, { set, add: edit.removed });
  if (!result.ok) return result.outcome;
  // The tip asked for with those drinks goes with them, in the same edit.
  const tipBack = edit.tipBefore ? await attempt(() => bar.setTip(tools.sessionId, edit.tipBefore!)) : null;
  const after = tipBack?.ok ? tipBack.value : result.session;
  const focus = edit.lastOrderBefore[edit.lastOrderBefore.length - 1]?.menuItemId ?? null;
  return {
    text: tools.replies.undone(result.change.removed, result.change.added, after),
    session: after,
    lastOrder: edit.lastOrderBefore,
    focusItemId: focus,
    change: result.change,
    // "Never mind" again does not redo it.
    undoable: false,
  };
};
