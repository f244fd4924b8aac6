/**
 * The guest's microphone heard by the server's recognizer, for browsers without speech recognition
 * (Firefox) and for operators who keep audio on their own server: getUserMedia, an AudioWorklet that
 * turns the microphone into 16 kHz 16-bit PCM, and a WebSocket of its own on this origin (one per
 * utterance) that streams it and brings back the words. Same handlers as the browser's Listener, so
 * the page treats both alike: interim words while speaking, the final words sent to `say` as typed.
 */
import { MAX_ALTERNATIVES, type Heard, type ListenerHandlers } from "./voice.js";
import type { PcmFrame } from "./audio/pcm-worklet.js";

export interface ServerRecognition {
  readonly recognizer: string | null;
  readonly available: boolean;
  readonly preferServer: boolean;
  readonly path: string;
  readonly maxSeconds: number;
}

/** Loudness (RMS, 0..1) that counts as speech, at least; above a quiet room's noise floor by a margin. */
const MIN_SPEECH_LEVEL = 0.02;
const SPEECH_OVER_NOISE = 3;
/** This much quiet after speech ends the utterance, as the browser's recognizer does on a pause. */
const END_SILENCE_MS = 1100;
/** Frames captured before the server is ready are held, up to this much. */
const MAX_HELD_FRAMES = 30;

const MIC_ERRORS: Readonly<Record<string, string>> = {
  NotAllowedError: "The microphone is blocked for this page. Allow it in the browser, or type to Maya instead.",
  SecurityError: "The microphone is blocked for this page. Allow it in the browser, or type to Maya instead.",
  NotFoundError: "No microphone was found. You can type to Maya instead.",
  NotReadableError: "The microphone is busy in another program. You can type to Maya instead.",
};

export function listenSocketUrl(location: Pick<Location, "protocol" | "host">, path: string): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${path}`;
}

interface Capture {
  readonly stream: MediaStream;
  readonly context: AudioContext;
  readonly node: AudioWorkletNode;
}

export class ServerListener {
  private socket: WebSocket | null = null;
  private capture: Capture | null = null;
  private active = false;
  private ready = false;
  private held: ArrayBuffer[] = [];
  private heardSpeech = false;
  private quietSince = 0;
  private noiseFloor = Number.POSITIVE_INFINITY;
  private capturedMs = 0;
  private stopping = false;
  /** Bumped per utterance, so callbacks of an earlier one cannot touch the current one. */
  private utterance = 0;

  constructor(
    private readonly recognition: ServerRecognition,
    private readonly token: () => string | null,
    private readonly handlers: ListenerHandlers,
  ) {}

  /** The page can capture and stream: a microphone API, AudioWorklet and WebSocket. */
  static canCapture(): boolean {
    return (
      typeof navigator !== "undefined" &&
      typeof navigator.mediaDevices?.getUserMedia === "function" &&
      typeof AudioWorkletNode !== "undefined" &&
      typeof WebSocket !== "undefined"
    );
  }

  get supported(): boolean {
    return this.recognition.available && ServerListener.canCapture();
  }

  get listening(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active || !this.supported) return;
    const token = this.token();
    if (token === null) {
      this.handlers.onError("The bar isn't ready yet. Try again in a moment, or type to Maya.");
      return;
    }
    this.active = true;
    this.ready = false;
    this.stopping = false;
    this.held = [];
    this.heardSpeech = false;
    this.quietSince = 0;
    this.noiseFloor = Number.POSITIVE_INFINITY;
    this.capturedMs = 0;
    const utterance = ++this.utterance;
    this.handlers.onListeningChange(true);
    this.openSocket(utterance, token);
    void this.startCapture(utterance);
  }

  /** Ends the utterance: what was heard so far is still transcribed and delivered through onFinal. */
  stop(): void {
    if (!this.active || this.stopping) return;
    this.stopping = true;
    const utterance = this.utterance;
    void this.flushCapture().then(() => {
      if (utterance !== this.utterance) return;
      this.stopCapture();
      const socket = this.socket;
      if (socket?.readyState === WebSocket.OPEN && this.ready) socket.send(JSON.stringify({ type: "stop" }));
      // Not ready yet: "ready" sends the held audio and the stop.
      else if (socket === null || socket.readyState > WebSocket.OPEN) this.finish(utterance, null);
    });
  }

  private openSocket(utterance: number, token: string): void {
    const socket = new WebSocket(listenSocketUrl(location, this.recognition.path));
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    // The token goes in the first message, never in the address.
    socket.addEventListener("open", () => socket.send(JSON.stringify({ type: "start", token })));
    socket.addEventListener("message", (event: MessageEvent) => {
      if (utterance !== this.utterance || typeof event.data !== "string") return;
      let message: { type?: string; text?: unknown; message?: unknown; confidence?: unknown; alternatives?: unknown };
      try {
        message = JSON.parse(event.data) as typeof message;
      } catch {
        return;
      }
      const text = typeof message.text === "string" ? message.text : "";
      if (message.type === "ready") {
        this.ready = true;
        for (const frame of this.held) socket.send(frame);
        this.held = [];
        if (this.stopping && this.capture === null) socket.send(JSON.stringify({ type: "stop" }));
      } else if (message.type === "partial") {
        this.handlers.onInterim(text);
      } else if (message.type === "final") {
        const confidence = typeof message.confidence === "number" ? message.confidence : null;
        const alternatives = Array.isArray(message.alternatives) ? message.alternatives.filter((entry): entry is string => typeof entry === "string").slice(0, MAX_ALTERNATIVES) : [];
        this.finish(utterance, text, { confidence, alternatives });
      } else if (message.type === "error") {
        this.handlers.onError(typeof message.message === "string" ? message.message : "I couldn't hear that. You can type to Maya instead.");
        this.finish(utterance, null);
      }
    });
    socket.addEventListener("close", () => {
      if (utterance !== this.utterance || !this.active) return;
      this.handlers.onError("The connection for listening dropped. Please try again, or type to Maya.");
      this.finish(utterance, null);
    });
  }

  private async startCapture(utterance: number): Promise<void> {
    // The worklet is loaded before the microphone opens: audio before the graph is connected is lost,
    // and a guest starts talking as soon as they press.
    let context: AudioContext;
    try {
      context = new AudioContext();
      // Served by the app itself (no CDN), so listening works offline.
      await context.audioWorklet.addModule("/pcm-worklet.js");
    } catch {
      this.handlers.onError("Listening could not start in this browser. You can type to Maya instead.");
      this.finish(utterance, null);
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        // Echo cancellation keeps Maya's own voice out; gain control and noise suppression are off: they clip and
        // smear speech (measured: espeak-ng audio clipped at full scale), and the recognizer normalises itself.
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: false, autoGainControl: false },
      });
    } catch (error) {
      void context.close().catch(() => undefined);
      const name = error instanceof DOMException ? error.name : "";
      this.handlers.onError(MIC_ERRORS[name] ?? "The microphone could not start. You can type to Maya instead.");
      this.finish(utterance, null);
      return;
    }
    const node = new AudioWorkletNode(context, "maya-pcm", { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
    const source = context.createMediaStreamSource(stream);
    // A silent path to the speakers keeps the graph pulling in every browser; nothing is heard.
    const mute = context.createGain();
    mute.gain.value = 0;
    source.connect(node).connect(mute).connect(context.destination);
    node.port.onmessage = (event: MessageEvent<PcmFrame>) => this.onFrame(utterance, event.data);
    this.capture = { stream, context, node };
    if (utterance !== this.utterance || this.stopping) this.stopCapture();
  }

  private onFrame(utterance: number, frame: PcmFrame): void {
    if (utterance !== this.utterance || !this.active) return;
    if (frame.pcm.byteLength > 0) {
      if (this.ready && this.socket?.readyState === WebSocket.OPEN) this.socket.send(frame.pcm);
      else if (this.held.length < MAX_HELD_FRAMES) this.held.push(frame.pcm);
    }
    if (frame.flushed || this.stopping) return;
    const frameMs = (frame.pcm.byteLength / 2 / 16_000) * 1000;
    this.capturedMs += frameMs;
    if (!this.heardSpeech) this.noiseFloor = Math.min(this.noiseFloor, frame.level);
    const speech = frame.level >= Math.max(MIN_SPEECH_LEVEL, this.noiseFloor * SPEECH_OVER_NOISE);
    if (speech) {
      if (!this.heardSpeech) {
        this.heardSpeech = true;
        // Barge-in: the guest is talking, Maya stops.
        this.handlers.onSpeechStart();
      }
      this.quietSince = 0;
    } else if (this.heardSpeech) {
      this.quietSince += frameMs;
      if (this.quietSince >= END_SILENCE_MS) this.stop();
    }
    if (this.capturedMs >= this.recognition.maxSeconds * 1000) this.stop();
  }

  /** Asks the worklet for its last partial frame, briefly. */
  private flushCapture(): Promise<void> {
    const capture = this.capture;
    if (capture === null) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        capture.node.port.removeEventListener("message", onFlushed);
        resolve();
      };
      const onFlushed = (event: MessageEvent<PcmFrame>) => {
        if (event.data.flushed) done();
      };
      capture.node.port.addEventListener("message", onFlushed);
      capture.node.port.postMessage("flush");
      setTimeout(done, 300);
    });
  }

  private stopCapture(): void {
    const capture = this.capture;
    this.capture = null;
    if (capture === null) return;
    capture.node.port.onmessage = null;
    for (const track of capture.stream.getTracks()) track.stop();
    void capture.context.close().catch(() => undefined);
  }

  private finish(utterance: number, text: string | null, heard?: Heard): void {
    if (utterance !== this.utterance || !this.active) return;
    this.utterance++;
    this.active = false;
    this.stopCapture();
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000);
    this.handlers.onListeningChange(false);
    this.handlers.onInterim("");
    if (text) this.handlers.onFinal(text.trim(), heard);
  }
}
