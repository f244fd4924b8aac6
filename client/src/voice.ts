/**
 * Maya's voice (server audio, else the browser's synthesizer) and the guest's microphone
 * (the browser's speech recognition). Both are optional in browsers; neither may break a turn.
 */

export interface Utterance {
  readonly text: string;
  readonly speech: string;
  readonly audioUrl: string | null;
}

export class Speaker {
  private audio: HTMLAudioElement | null = null;
  /** Bumped by every speak/stop so callbacks of an interrupted utterance cannot flip the state back. */
  private turn = 0;
  private speakingNow = false;

  constructor(private readonly onSpeakingChange: (speaking: boolean) => void) {}

  get speaking(): boolean {
    return this.speakingNow;
  }

  speak(utterance: Utterance): void {
    this.stop();
    const turn = this.turn;
    if (utterance.audioUrl) {
      const audio = new Audio(utterance.audioUrl);
      this.audio = audio;
      audio.addEventListener("playing", () => this.setSpeaking(turn, true));
      audio.addEventListener("ended", () => this.setSpeaking(turn, false));
      audio.addEventListener("error", () => this.synthesize(turn, utterance.speech));
      audio.play().catch(() => this.synthesize(turn, utterance.speech));
      return;
    }
    this.synthesize(turn, utterance.speech);
  }

  /** Barge-in: silence at once, whatever is playing. */
  stop(): void {
    this.turn++;
    if (this.audio) {
      this.audio.pause();
      this.audio.removeAttribute("src");
      this.audio = null;
    }
    if (typeof speechSynthesis !== "undefined" && (speechSynthesis.speaking || speechSynthesis.pending)) speechSynthesis.cancel();
    if (this.speakingNow) {
      this.speakingNow = false;
      this.onSpeakingChange(false);
    }
  }

  private synthesize(turn: number, speech: string): void {
    if (turn !== this.turn) return;
    if (this.audio) {
      this.audio.pause();
      this.audio = null;
    }
    if (typeof speechSynthesis === "undefined" || typeof SpeechSynthesisUtterance === "undefined" || speech.trim() === "") {
      this.setSpeaking(turn, false);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(speech);
    utterance.lang = document.documentElement.lang || "en-US";
    utterance.addEventListener("start", () => this.setSpeaking(turn, true));
    utterance.addEventListener("end", () => this.setSpeaking(turn, false));
    utterance.addEventListener("error", () => this.setSpeaking(turn, false));
    speechSynthesis.speak(utterance);
  }

  private setSpeaking(turn: number, speaking: boolean): void {
    if (turn !== this.turn || speaking === this.speakingNow) return;
    this.speakingNow = speaking;
    this.onSpeakingChange(speaking);
  }
}

/* The Web Speech API's recognition half is not in TypeScript's DOM library. */
interface RecognitionAlternative {
  readonly transcript: string;
  readonly confidence: number;
}
interface RecognitionResult {
  readonly isFinal: boolean;
  readonly length: number;
  readonly [index: number]: RecognitionAlternative | undefined;
}
interface RecognitionResultEvent extends Event {
  readonly resultIndex: number;
  readonly results: { readonly length: number; readonly [index: number]: RecognitionResult | undefined };
}
interface RecognitionErrorEvent extends Event {
  readonly error: string;
}
interface Recognition extends EventTarget {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  maxAlternatives: number;
  start(): void;
  stop(): void;
  abort(): void;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onerror: ((event: RecognitionErrorEvent) => void) | null;
  onend: (() => void) | null;
  onspeechstart: (() => void) | null;
}
type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | null {
  const scope = globalThis as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return scope.SpeechRecognition ?? scope.webkitSpeechRecognition ?? null;
}

/** How an utterance was heard (the API's HeardSpeech): Maya confirms an order heard unsurely before pouring it. */
export interface Heard {
  readonly confidence: number | null;
  readonly alternatives: readonly string[];
}

/** Readings the API takes per utterance. */
export const MAX_ALTERNATIVES = 4;

export interface ListenerHandlers {
  readonly onInterim: (text: string) => void;
  /** The words heard, and how (absent when the recognizer said nothing about it). */
  readonly onFinal: (text: string, heard?: Heard) => void;
  readonly onListeningChange: (listening: boolean) => void;
  /** The guest started speaking: Maya must stop. */
  readonly onSpeechStart: () => void;
  readonly onError: (message: string) => void;
}

const RECOGNITION_ERRORS: Readonly<Record<string, string>> = {
  "not-allowed": "The microphone is blocked for this page. Allow it in the browser, or type to Maya instead.",
  "service-not-allowed": "This browser won't let the page use speech recognition. You can type to Maya instead.",
  "audio-capture": "No microphone was found. You can type to Maya instead.",
  network: "Speech recognition needs a connection this browser cannot reach. You can type to Maya instead.",
  "language-not-supported": "Speech recognition doesn't support this language here. You can type to Maya instead.",
};

/** A way of hearing the guest: the browser's recognizer (Listener) or the server's (ServerListener). */
export interface VoiceInput {
  readonly supported: boolean;
  readonly listening: boolean;
  start(): void;
  stop(): void;
}

/**
 * The browser's final results as the API takes them: the least confidence among them (browsers give 0
 * when they have none) and, for a single result, its other readings.
 */
function heardOf(finals: readonly RecognitionResult[]): Heard {
  const confidences = finals.map((result) => result[0]?.confidence ?? 0).filter((value) => value > 0);
  const only = finals.length === 1 ? finals[0] : undefined;
  const alternatives: string[] = [];
  for (let i = 1; only && i < only.length && alternatives.length < MAX_ALTERNATIVES; i++) {
    const reading = only[i]?.transcript.trim() ?? "";
    if (reading !== "") alternatives.push(reading);
  }
  return { confidence: confidences.length > 0 ? Math.min(...confidences) : null, alternatives };
}

export class Listener implements VoiceInput {
  private readonly Ctor = recognitionConstructor();
  private recognition: Recognition | null = null;
  private finalText = ""; // everything heard in this turn, final or not
  private heard: Heard | null = null; // how the final words were heard, when all of them are final

  constructor(private readonly handlers: ListenerHandlers) {}

  get supported(): boolean {
    return this.Ctor !== null;
  }

  get listening(): boolean {
    return this.recognition !== null;
  }

  start(): void {
    if (this.Ctor === null || this.recognition !== null) return;
    const recognition = new this.Ctor();
    recognition.lang = document.documentElement.lang || navigator.language || "en-US";
    recognition.interimResults = true;
    recognition.continuous = false;
    recognition.maxAlternatives = MAX_ALTERNATIVES;
    this.finalText = "";
    this.heard = null;
    recognition.onspeechstart = () => this.handlers.onSpeechStart();
    recognition.onresult = (event) => {
      let interim = "";
      let final = "";
      const finals: RecognitionResult[] = [];
      for (let i = 0; i < event.results.length; i++) {
        const result = event.results[i];
        const text = result?.[0]?.transcript ?? "";
        if (result?.isFinal) {
          final += text;
          finals.push(result);
        } else interim += text;
      }
      this.heard = interim === "" ? heardOf(finals) : null;
      // Releasing push-to-talk can end recognition before the last words are final; they still count.
      this.finalText = `${final}${interim}`;
      this.handlers.onInterim(this.finalText.trim());
    };
    recognition.onerror = (event) => {
      // "no-speech" and "aborted" are ordinary ends of a push-to-talk turn, not failures to report.
      const message = RECOGNITION_ERRORS[event.error];
      if (message) this.handlers.onError(message);
    };
    recognition.onend = () => {
      if (this.recognition !== recognition) return;
      this.recognition = null;
      this.handlers.onListeningChange(false);
      const text = this.finalText.trim();
      const heard = this.heard;
      this.finalText = "";
      this.heard = null;
      this.handlers.onInterim("");
      if (text) this.handlers.onFinal(text, heard ?? { confidence: null, alternatives: [] });
    };
    this.recognition = recognition;
    try {
      recognition.start();
    } catch {
      this.recognition = null;
      this.handlers.onError("Speech recognition could not start. You can type to Maya instead.");
      return;
    }
    this.handlers.onListeningChange(true);
  }

  /** Ends the turn: what was heard so far is still delivered through onFinal. */
  stop(): void {
    this.recognition?.stop();
  }
}
