/**
 * Animates a set of numbers from what is shown to each new target, one target at a time:
 * a target that arrives mid-animation waits its turn, so two count-ups never overlap and
 * every intermediate state the server reported is seen. Time comes from an injected clock
 * so the sequencing is testable without a browser.
 */

export interface FrameClock {
  now(): number;
  /** Runs the callback on the next display frame (requestAnimationFrame in a browser). */
  requestFrame(callback: () => void): void;
}

export interface CountUpFrame<K extends string, E> {
  readonly values: Readonly<Record<K, number>>;
  readonly extra: E;
  /** Keys whose value moves during this step; the view pulses those. */
  readonly changed: ReadonlySet<K>;
  /** True on the first frame of a step (start the pulse there). */
  readonly stepStart: boolean;
  /** True on the last frame of a step: values equal the target. */
  readonly stepEnd: boolean;
}

export interface CountUpOptions<K extends string, E> {
  readonly clock: FrameClock;
  /** Read per step so reduced motion or a hidden page can switch to instant changes at any time. */
  readonly durationMs: () => number;
  readonly initial: { readonly values: Readonly<Record<K, number>>; readonly extra: E };
  readonly render: (frame: CountUpFrame<K, E>) => void;
  readonly easing?: (t: number) => number;
}

interface Step<K extends string, E> {
  readonly from: Readonly<Record<K, number>>;
  readonly to: Readonly<Record<K, number>>;
  readonly extra: E;
  readonly changed: ReadonlySet<K>;
  readonly startedAt: number;
  readonly duration: number;
}

export const easeOutCubic = (t: number): number => 1 - (1 - t) ** 3;

export class CountUpQueue<K extends string, E> {
  private shown: Readonly<Record<K, number>>;
  private readonly waiting: { values: Readonly<Record<K, number>>; extra: E }[] = [];
  private step: Step<K, E> | null = null;
  private frameRequested = false;
  private readonly easing: (t: number) => number;

  constructor(private readonly options: CountUpOptions<K, E>) {
    this.shown = { ...options.initial.values };
    this.easing = options.easing ?? easeOutCubic;
  }

  /** Targets not started yet. */
  get pending(): number {
    return this.waiting.length;
  }

  get animating(): boolean {
    return this.step !== null;
  }

  get values(): Readonly<Record<K, number>> {
    return this.shown;
  }

  push(values: Readonly<Record<K, number>>, extra: E): void {
    this.waiting.push({ values: { ...values }, extra });
    if (this.step === null) this.advance();
  }

  /** Drops everything queued and shows `values` at once (a new session is not a change to animate). */
  reset(values: Readonly<Record<K, number>>, extra: E): void {
    this.waiting.length = 0;
    this.step = null;
    this.shown = { ...values };
    this.options.render({ values: this.shown, extra, changed: new Set(), stepStart: true, stepEnd: true });
  }

  /** Starts queued steps until one needs frames; steps without time or movement finish on the spot. */
  private advance(): void {
    for (let next = this.waiting.shift(); next !== undefined; next = this.waiting.shift()) {
      const changed = new Set((Object.keys(next.values) as K[]).filter((key) => next.values[key] !== this.shown[key]));
      const duration = Math.max(0, this.options.durationMs());
      if (changed.size === 0 || duration === 0) {
        this.shown = next.values;
        this.options.render({ values: this.shown, extra: next.extra, changed, stepStart: true, stepEnd: true });
        continue;
      }
      this.step = { from: this.shown, to: next.values, extra: next.extra, changed, startedAt: this.options.clock.now(), duration };
      this.options.render({ values: this.shown, extra: next.extra, changed, stepStart: true, stepEnd: false });
      this.requestFrame();
      return;
    }
  }

  private requestFrame(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.options.clock.requestFrame(() => {
      this.frameRequested = false;
      this.onFrame();
    });
  }

  private onFrame(): void {
    const step = this.step;
    if (step === null) return;
    const t = Math.min(1, (this.options.clock.now() - step.startedAt) / step.duration);
    const done = t >= 1;
    this.shown = done ? step.to : interpolate(step.from, step.to, this.easing(t));
    this.options.render({ values: this.shown, extra: step.extra, changed: step.changed, stepStart: false, stepEnd: done });
    if (!done) {
      this.requestFrame();
      return;
    }
    this.step = null;
    this.advance();
  }
}

/** Whole cents at every frame: the overlay never shows a fraction of a cent. */
export function interpolate<K extends string>(
  from: Readonly<Record<K, number>>,
  to: Readonly<Record<K, number>>,
  progress: number,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(to) as K[]) {
    out[key] = Math.round(from[key] + (to[key] - from[key]) * progress);
  }
  return out;
}
