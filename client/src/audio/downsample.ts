/**
 * Microphone audio to what the server's recognizer takes: 16 kHz mono 16-bit PCM. The browser
 * captures at its own rate (48 kHz, 44.1 kHz...), and not every browser can open an AudioContext at
 * 16 kHz on a microphone (Firefox refuses to connect streams of different rates), so the page
 * resamples itself: a windowed-sinc low-pass evaluated at each output instant, which removes what
 * 16 kHz cannot carry instead of folding it back into the speech band as plain decimation would.
 * Streaming: any block sizes in, samples out as soon as their window is complete.
 */
export const TARGET_RATE = 16_000;

export class Downsampler {
  private buffer: Float32Array = new Float32Array(0);
  /** Where the next output sample falls, in input samples from the start of `buffer`. */
  private position: number;
  private readonly step: number;
  private readonly cutoff: number;

  /** @param halfWidth input samples on each side of an output instant (more: a sharper filter) */
  constructor(
    readonly inputRate: number,
    readonly outputRate: number = TARGET_RATE,
    private readonly halfWidth = 16,
  ) {
    if (!(inputRate > 0) || !(outputRate > 0)) throw new RangeError(`sample rates must be positive, got ${inputRate} and ${outputRate}`);
    this.step = inputRate / outputRate;
    // In cycles per input sample: just under the output's Nyquist frequency (or the input's, when upsampling).
    this.cutoff = 0.5 * Math.min(1, outputRate / inputRate) * 0.9;
    // The first output instant needs a full window behind it: start as if silence came before.
    this.buffer = new Float32Array(halfWidth);
    this.position = halfWidth;
  }

  /** Resamples one block of input (-1..1 floats); returns the output samples it completes, as 16-bit PCM. */
  process(input: Float32Array): Int16Array {
    const joined = new Float32Array(this.buffer.length + input.length);
    joined.set(this.buffer);
    joined.set(input, this.buffer.length);
    const out: number[] = [];
    while (Math.floor(this.position) + this.halfWidth < joined.length) {
      out.push(this.sampleAt(joined, this.position));
      this.position += this.step;
    }
    // Keep what the next windows still need.
    const keepFrom = Math.max(0, Math.floor(this.position) - this.halfWidth + 1);
    this.buffer = joined.slice(keepFrom);
    this.position -= keepFrom;
    const pcm = new Int16Array(out.length);
    for (let i = 0; i < out.length; i++) pcm[i] = toInt16(out[i]!);
    return pcm;
  }

  private sampleAt(samples: Float32Array, at: number): number {
    const centre = Math.floor(at);
    let sum = 0;
    let weights = 0;
    for (let index = centre - this.halfWidth + 1; index <= centre + this.halfWidth; index++) {
      const offset = index - at;
      const weight = lowPass(offset, this.cutoff) * hann(offset / this.halfWidth);
      sum += (samples[index] ?? 0) * weight;
      weights += weight;
    }
    // Unit gain at DC whatever the fractional offset.
    return weights === 0 ? 0 : sum / weights;
  }
}

function lowPass(offset: number, cutoff: number): number {
  if (offset === 0) return 2 * cutoff;
  return Math.sin(2 * Math.PI * cutoff * offset) / (Math.PI * offset);
}

function hann(x: number): number {
  return Math.abs(x) >= 1 ? 0 : 0.5 * (1 + Math.cos(Math.PI * x));
}

export function toInt16(sample: number): number {
  const clamped = Math.max(-1, Math.min(1, sample));
  return Math.round(clamped < 0 ? clamped * 32768 : clamped * 32767);
}

/** Root mean square of 16-bit samples, 0..1: how loud a block is (for telling speech from silence). */
export function level(pcm: Int16Array): number {
  if (pcm.length === 0) return 0;
  let sum = 0;
  for (const sample of pcm) sum += (sample / 32768) ** 2;
  return Math.sqrt(sum / pcm.length);
}
