import { describe, expect, it } from "vitest";
import { Downsampler, level, toInt16 } from "../../client/src/audio/downsample.js";

const sine = (rate: number, hertz: number, seconds: number, amplitude = 0.5) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hertz * i) / rate));

/** Dominant frequency from zero crossings. */
function frequency(pcm: Int16Array, rate: number): number {
  let crossings = 0;
  for (let i = 1; i < pcm.length; i++) if ((pcm[i - 1]! < 0) !== (pcm[i]! < 0)) crossings++;
  return (crossings / 2) * (rate / pcm.length);
}

describe("Downsampler (microphone to 16 kHz 16-bit PCM)", () => {
  it.each([48_000, 44_100, 16_000])("keeps speech-band sound from %i Hz: length, pitch and loudness", (rate) => {
    const out = new Downsampler(rate).process(sine(rate, 440, 1));
    expect(Math.abs(out.length - 16_000)).toBeLessThanOrEqual(20);
    expect(frequency(out.subarray(200), 16_000)).toBeCloseTo(440, -1);
    expect(level(out.subarray(200))).toBeCloseTo(0.5 / Math.SQRT2, 1);
  });

  it("removes what 16 kHz cannot carry instead of folding it into the speech band", () => {
    // 11 kHz would alias to 5 kHz with plain decimation.
    const out = new Downsampler(48_000).process(sine(48_000, 11_000, 0.5));
    expect(level(out.subarray(100))).toBeLessThan(0.02);
  });

  it("gives the same samples whatever the block sizes (the worklet gets 128 at a time)", () => {
    const input = sine(48_000, 300, 0.3);
    const whole = new Downsampler(48_000).process(input);
    const streaming = new Downsampler(48_000);
    const pieces: number[] = [];
    for (let at = 0; at < input.length; at += 128) pieces.push(...streaming.process(input.subarray(at, at + 128)));
    expect(pieces).toEqual([...whole]);
  });

  it("clamps to 16-bit and rejects nonsense rates", () => {
    expect([toInt16(2), toInt16(-2), toInt16(0)]).toEqual([32767, -32768, 0]);
    expect(() => new Downsampler(0)).toThrow(RangeError);
  });
});
