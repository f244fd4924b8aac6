/**
 * The tab overlay's state, kept free of the DOM so the ordering and display rules run under Node tests.
 * Every figure the overlay shows is derived from a snapshot of (tab, balance) that the server versioned.
 */
import { formatCents } from "./money.js";

export type TabStatus = "OPEN" | "PAYMENT_PENDING" | "PAID";

/** The subset of the GraphQL `Tab` the overlay reads. */
export interface TabLike {
  readonly id: string;
  readonly status: TabStatus;
  readonly items: readonly unknown[];
  readonly subtotalCents: number;
  readonly tipPercent: number | null;
  readonly tipCents: number;
  readonly totalCents: number;
  readonly version: number;
}

export interface OverlaySnapshot {
  readonly tabId: string;
  readonly version: number;
  readonly status: TabStatus;
  readonly itemCount: number;
  readonly subtotalCents: number;
  readonly tipPercent: number | null;
  readonly tipCents: number;
  readonly totalCents: number;
  readonly balanceCents: number;
}

export function snapshotOf(tab: TabLike, balanceCents: number): OverlaySnapshot {
  return {
    tabId: tab.id,
    version: tab.version,
    status: tab.status,
    itemCount: tab.items.length,
    subtotalCents: tab.subtotalCents,
    tipPercent: tab.tipPercent,
    tipCents: tab.tipCents,
    totalCents: tab.totalCents,
    balanceCents,
  };
}

/**
 * Versions count per tab and a paid tab is replaced by a new one whose count starts again,
 * so ordering is by (tab, version) and any news about a tab already replaced is stale.
 */
export interface VersionGate {
  readonly tabId: string | null;
  readonly version: number;
  readonly retired: readonly string[];
}

export const EMPTY_GATE: VersionGate = { tabId: null, version: -1, retired: [] };

/** Enough to outlast any event still in flight about an old tab. */
const RETIRED_MEMORY = 16;

export function admit(gate: VersionGate, snapshot: OverlaySnapshot): { gate: VersionGate; accepted: boolean } {
  if (gate.tabId === snapshot.tabId) {
    if (snapshot.version <= gate.version) return { gate, accepted: false };
    return { gate: { ...gate, version: snapshot.version }, accepted: true };
  }
  if (gate.retired.includes(snapshot.tabId)) return { gate, accepted: false };
  const retired = gate.tabId === null ? gate.retired : [...gate.retired, gate.tabId].slice(-RETIRED_MEMORY);
  return { gate: { tabId: snapshot.tabId, version: snapshot.version, retired }, accepted: true };
}

export const TIP_CHOICES = [10, 15, 20] as const;

export type FigureKey = "tab" | "balance" | "tip" | "total";
export type Figures = Readonly<Record<FigureKey, number>>;

/** What the overlay shows besides the counting numbers. */
export interface OverlayLayout {
  readonly showTipButtons: boolean;
  readonly selectedTipPercent: number | null;
  readonly showTipRow: boolean;
  readonly tipPercent: number | null;
  readonly locked: boolean;
}

export interface OverlayView {
  readonly figures: Figures;
  readonly layout: OverlayLayout;
}

export function viewOf(snapshot: OverlaySnapshot): OverlayView {
  const tipSet = snapshot.tipCents > 0 || (snapshot.tipPercent ?? 0) > 0;
  const selected = TIP_CHOICES.find((choice) => choice === snapshot.tipPercent) ?? null;
  return {
    figures: {
      tab: snapshot.subtotalCents,
      balance: snapshot.balanceCents,
      tip: snapshot.tipCents,
      total: snapshot.totalCents,
    },
    layout: {
      showTipButtons: snapshot.itemCount > 0,
      selectedTipPercent: tipSet ? selected : null,
      showTipRow: tipSet,
      tipPercent: tipSet ? snapshot.tipPercent : null,
      locked: snapshot.status === "PAYMENT_PENDING",
    },
  };
}

export const INITIAL_VIEW: OverlayView = {
  figures: { tab: 0, balance: 0, tip: 0, total: 0 },
  layout: { showTipButtons: false, selectedTipPercent: null, showTipRow: false, tipPercent: null, locked: false },
};

export type BalanceTone = "normal" | "low" | "empty";

export const LOW_BALANCE_CENTS = 5000;

export function balanceTone(balanceCents: number): BalanceTone {
  if (balanceCents <= 0) return "empty";
  if (balanceCents < LOW_BALANCE_CENTS) return "low";
  return "normal";
}

/** One polite sentence for screen readers about what changed, or "" when nothing they hear changed. */
export function describeChange(previous: OverlayView | null, next: OverlayView): string {
  const parts: string[] = [];
  const changed = (key: FigureKey) => previous === null || previous.figures[key] !== next.figures[key];
  if (changed("tab")) parts.push(`Tab ${formatCents(next.figures.tab)}`);
  if (changed("balance")) {
    const tone = balanceTone(next.figures.balance);
    const warning = tone === "empty" ? " (nothing left)" : tone === "low" ? " (running low)" : "";
    parts.push(`Balance ${formatCents(next.figures.balance)}${warning}`);
  }
  const tipWas = previous?.layout.showTipRow ?? false;
  if (next.layout.showTipRow) {
    if (!tipWas || changed("tip") || previous?.layout.tipPercent !== next.layout.tipPercent) {
      const percent = next.layout.tipPercent === null ? "" : ` (${next.layout.tipPercent}%)`;
      parts.push(`Tip ${formatCents(next.figures.tip)}${percent}`);
    }
    if (!tipWas || changed("total")) parts.push(`Total ${formatCents(next.figures.total)}`);
  } else if (tipWas) {
    parts.push("Tip removed");
  }
  return parts.length === 0 ? "" : `${parts.join(", ")}.`;
}
