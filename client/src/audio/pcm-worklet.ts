/**
 * The AudioWorklet processor (served by the app as /pcm-worklet.js, bundled on its own): takes the
 * microphone's blocks of 128 samples at the context's rate, mixes them to mono, resamples to 16 kHz
 * 16-bit PCM and posts 100 ms frames to the page with their loudness. "flush" posts what is left.
 */
import { Downsampler, level, TARGET_RATE } from "./downsample.js";

declare const sampleRate: number;
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessorLike): void;
declare const AudioWorkletProcessor: new () => { readonly port: MessagePort };
interface AudioWorkletProcessorLike {
  readonly port: MessagePort;
  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean;
}

const FRAME_SAMPLES = TARGET_RATE / 10;

export interface PcmFrame {
  pcm: ArrayBuffer;
  level: number;
  flushed?: boolean;
}

class PcmProcessor extends AudioWorkletProcessor implements AudioWorkletProcessorLike {
  private readonly downsampler = new Downsampler(sampleRate, TARGET_RATE);
  private pending = new Int16Array(FRAME_SAMPLES);
  private filled = 0;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent) => {
      if (event.data === "flush") this.post(true);
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0] ?? [];
    const first = channels[0];
    if (first === undefined) return true;
    let mono = first;
    if (channels.length > 1) {
      mono = new Float32Array(first.length);
      for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i]! += (channel[i] ?? 0) / channels.length;
    }
    for (const sample of this.downsampler.process(mono)) {
      this.pending[this.filled++] = sample;
      if (this.filled === FRAME_SAMPLES) this.post(false);
    }
    return true;
  }

  private post(flushed: boolean): void {
    const pcm = this.pending.slice(0, this.filled);
    this.filled = 0;
    const frame: PcmFrame = { pcm: pcm.buffer, level: level(pcm), ...(flushed ? { flushed } : {}) };
    this.port.postMessage(frame, [pcm.buffer]);
  }
}

registerProcessor("maya-pcm", PcmProcessor);
