/**
 * Draws the overlay: numbers count up through CountUpQueue, layout switches when each step starts.
 * The same controller runs Maya's page (with tip buttons) and <maya-tab-overlay> (read-only).
 */
import { CountUpQueue, type CountUpFrame, type FrameClock } from "./count-up-queue.js";
import { formatCents } from "./money.js";
import { fillOverlay } from "./overlay-markup.js";
import {
  balanceTone,
  describeChange,
  viewOf,
  type FigureKey,
  type OverlayLayout,
  type OverlaySnapshot,
  type OverlayView,
} from "./overlay-model.js";

export const COUNT_UP_MS = 500;

export const browserClock: FrameClock = {
  now: () => performance.now(),
  requestFrame: (callback) => requestAnimationFrame(() => callback()),
};

function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (element === null) throw new Error(`the overlay lacks ${selector}`);
  return element;
}

export class OverlayController {
  private readonly queue: CountUpQueue<FigureKey, OverlayLayout>;
  private readonly values: Record<FigureKey, HTMLElement>;
  private readonly figures: Record<FigureKey, HTMLElement>;
  private readonly balanceFigure: HTMLElement;
  /** Null on a read-only overlay: it shows the tip, it does not offer to set one. */
  private readonly tipGroup: HTMLElement | null;
  private readonly tipRow: HTMLElement;
  private readonly tipButtons: HTMLButtonElement[];
  private readonly live: HTMLElement;
  private announced: OverlayView | null = null;
  private latestLayout: OverlayLayout | null = null;

  /** Builds the overlay inside `root`; with `onTip` it offers the tip buttons, without it it only shows. */
  constructor(
    private readonly root: HTMLElement,
    onTip: ((percent: number) => void) | null,
    reducedMotion: () => boolean,
    clock: FrameClock = browserClock,
  ) {
    fillOverlay(root, { tipButtons: onTip !== null });
    const keys: FigureKey[] = ["tab", "balance", "tip", "total"];
    this.figures = Object.fromEntries(keys.map((key) => [key, required<HTMLElement>(root, `[data-figure="${key}"]`)])) as Record<FigureKey, HTMLElement>;
    this.values = Object.fromEntries(keys.map((key) => [key, required<HTMLElement>(this.figures[key], ".value")])) as Record<FigureKey, HTMLElement>;
    this.balanceFigure = this.figures.balance;
    this.tipGroup = root.querySelector<HTMLElement>("[data-row='tips']");
    this.tipRow = required(root, "[data-row='tip']");
    this.live = required(root, "[data-live]");
    this.tipButtons = [...root.querySelectorAll<HTMLButtonElement>("button[data-percent]")];
    for (const button of this.tipButtons) {
      button.addEventListener("click", () => onTip?.(Number(button.dataset.percent)));
    }
    this.queue = new CountUpQueue<FigureKey, OverlayLayout>({
      clock,
      // A hidden page gets no animation frames: queued count-ups would play back one by one on return.
      durationMs: () => (reducedMotion() || root.ownerDocument.hidden ? 0 : COUNT_UP_MS),
      initial: { values: { tab: 0, balance: 0, tip: 0, total: 0 }, extra: viewOf(emptySnapshot()).layout },
      render: (frame) => this.render(frame),
    });
  }

  /** The tip percent the guest sees highlighted now (the latest accepted state, not the animated one). */
  get selectedTipPercent(): number | null {
    return this.latestLayout?.selectedTipPercent ?? null;
  }

  /** A snapshot admitted in version order; animates from what is shown. */
  show(snapshot: OverlaySnapshot): void {
    const view = viewOf(snapshot);
    this.latestLayout = view.layout;
    this.announce(view);
    this.queue.push(view.figures, view.layout);
  }

  /** A new session or the first load: no count-up from zero, no announcement of the starting figures. */
  reset(snapshot: OverlaySnapshot): void {
    const view = viewOf(snapshot);
    this.latestLayout = view.layout;
    this.announced = view;
    this.queue.reset(view.figures, view.layout);
    this.root.dataset.ready = "true";
  }

  private announce(view: OverlayView): void {
    const sentence = describeChange(this.announced, view);
    this.announced = view;
    if (sentence) this.live.textContent = sentence;
  }

  private render(frame: CountUpFrame<FigureKey, OverlayLayout>): void {
    for (const key of Object.keys(this.values) as FigureKey[]) {
      this.values[key].textContent = formatCents(frame.values[key]);
    }
    // The colour follows the number on screen, so it turns as the count passes the threshold.
    this.balanceFigure.dataset.tone = balanceTone(frame.values.balance);
    if (!frame.stepStart) return;
    this.applyLayout(frame.extra);
    for (const key of frame.changed) this.pulse(this.figures[key]);
  }

  private applyLayout(layout: OverlayLayout): void {
    if (this.tipGroup) this.tipGroup.hidden = !layout.showTipButtons;
    this.tipRow.hidden = !layout.showTipRow;
    for (const button of this.tipButtons) {
      const selected = Number(button.dataset.percent) === layout.selectedTipPercent;
      button.setAttribute("aria-pressed", String(selected));
      button.classList.toggle("selected", selected);
      button.disabled = layout.locked;
      button.title = layout.locked
        ? "A payment is in progress"
        : selected
          ? `Remove the ${button.dataset.percent}% tip`
          : `Add a ${button.dataset.percent}% tip`;
    }
  }

  private pulse(element: HTMLElement): void {
    element.classList.remove("pulse");
    // Reading layout restarts the CSS animation when the same figure pulses twice in a row.
    void element.offsetWidth;
    element.classList.add("pulse");
  }
}

function emptySnapshot(): OverlaySnapshot {
  return { tabId: "", version: 0, status: "OPEN", itemCount: 0, subtotalCents: 0, tipPercent: null, tipCents: 0, totalCents: 0, balanceCents: 0 };
}
