/**
 * Maya's page: wires the conversation, the voice, the overlay and the live tab to the GraphQL API.
 * All overlay figures pass through one version gate, whichever way they arrive (event, reply, resync).
 */
import { GraphQLHttpClient, GraphQLRequestError } from "./graphql-client.js";
import { LiveTab, webSocketUrl, type LinkState } from "./live.js";
import { linkParts, payLabel, paymentResult, safeCheckoutHref, sameWords, withoutLink } from "./messages.js";
import { moneyForSpeech } from "./money.js";
import {
  ME,
  ME_OVERLAY,
  PAYMENT,
  SAY,
  SET_TIP,
  SPEECH_RECOGNITION,
  START_SESSION,
  type MeOverlayResult,
  type MeResult,
  type Payment,
  type PaymentResult,
  type SayResult,
  type SetTipResult,
  type SpeechRecognitionResult,
  type StartSessionResult,
  type Tab,
  type TabEvent,
  type TranscriptMessage,
} from "./operations.js";
import { EMPTY_GATE, admit, snapshotOf, type VersionGate } from "./overlay-model.js";
import { OverlayShare } from "./overlay-share.js";
import { OverlayController } from "./overlay-view.js";
import { SessionStore } from "./session-store.js";
import { Transcript } from "./transcript.js";
import { ServerListener, type ServerRecognition } from "./server-listener.js";
import { Listener, Speaker, type Heard, type ListenerHandlers, type VoiceInput } from "./voice.js";

const MAX_UTTERANCE = 500;
const HOLD_TO_TALK_MS = 450;
const LIVE_RETRY_AFTER_REJECTION_MS = 10_000;
const WELCOME = "Hi, I'm Maya. What can I pour for you tonight?";

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`index.html lacks #${id}`);
  return found as T;
}

/** Message ids are the store's sequence, so they order the conversation; null for one that is not a number. */
function messageOrder(id: string): bigint | null {
  return /^\d{1,30}$/.test(id) ? BigInt(id) : null;
}

function hasWebAddress(text: string): boolean {
  return linkParts(text).some((part) => part.href !== undefined);
}

/** A checkout link that is spent (paid, failed, expired): kept in place so the line reads the same, but inert. */
function closedPayButton(): HTMLSpanElement {
  const closed = document.createElement("span");
  closed.className = "pay closed";
  closed.textContent = "Checkout closed";
  return closed;
}

function errorCode(error: unknown): string {
  return error instanceof GraphQLRequestError ? error.code : "INTERNAL_SERVER_ERROR";
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class MayaApp {
  private readonly store = new SessionStore(typeof localStorage === "undefined" ? null : localStorage);
  private readonly api = new GraphQLHttpClient(() => this.store.token);
  private readonly live = new LiveTab(webSocketUrl(location), () => this.store.token, {
    onEvent: (event) => this.onTabEvent(event),
    onState: (state) => this.onLinkState(state),
    onUnauthenticated: () => void this.onLiveRejected(),
  });
  private readonly transcript = new Transcript(element<HTMLOListElement>("transcript"));
  private readonly overlay: OverlayController;
  private readonly share: OverlayShare;
  private readonly speaker: Speaker;
  /** The browser's recognizer or the server's, whichever the page uses (chosen in start()). */
  private listener: VoiceInput;
  private readonly listenerHandlers: ListenerHandlers;
  private readonly input = element<HTMLInputElement>("say-input");
  private readonly mic = element<HTMLButtonElement>("mic");
  private readonly interim = element<HTMLElement>("interim");
  private readonly banner = element<HTMLElement>("banner");
  private readonly notice = element<HTMLElement>("notice");
  private readonly reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

  private gate: VersionGate = EMPTY_GATE;
  /**
   * Turns and transcript catch-ups, one at a time: a catch-up never runs while a turn is in flight,
   * so it cannot mistake the turn's own stored lines for something Maya said outside it.
   */
  private queue: Promise<void> = Promise.resolve();
  private catchUpWaiting: Promise<void> | null = null;
  private renewing: Promise<void> | null = null;
  private tipBusy = false;
  /** This page's turns sent and not yet answered: a tab change meanwhile is most likely theirs. */
  private turnsInFlight = 0;
  /** The newest stored message on screen (ids grow with every message). */
  private lastMessageId = 0n;
  /** Turn lines shown since the last catch-up, in the server's words: the stored copies are already on screen. */
  private shownSinceCatchUp: { speaker: TranscriptMessage["speaker"]; text: string }[] = [];
  /** Pay buttons whose checkout may still be open; closed once the tab leaves PAYMENT_PENDING. */
  private readonly openPayLinks = new Set<HTMLElement>();

  constructor() {
    this.overlay = new OverlayController(element("overlay"), (percent) => void this.onTipButton(percent), () => this.reducedMotion.matches);
    this.share = new OverlayShare(
      {
        copy: element<HTMLButtonElement>("copy-overlay-link"),
        revoke: element<HTMLButtonElement>("revoke-overlay-links"),
        link: element<HTMLInputElement>("overlay-link"),
        note: element("overlay-link-note"),
      },
      this.api,
      this.store,
      (run) => this.authed(run),
      (error) => this.reportError(error),
    );
    const avatar = element("avatar");
    this.speaker = new Speaker((speaking) => {
      avatar.dataset.speaking = String(speaking);
    });
    this.listenerHandlers = {
      onInterim: (text) => {
        this.interim.textContent = text ? `You (speaking): ${text}` : "";
        this.interim.hidden = text === "";
      },
      onFinal: (text, heard) => this.send(text, heard),
      onListeningChange: (listening) => {
        this.mic.setAttribute("aria-pressed", String(listening));
        this.mic.classList.toggle("listening", listening);
        this.mic.setAttribute("aria-label", listening ? "Stop listening" : "Talk to Maya");
      },
      onSpeechStart: () => this.speaker.stop(),
      onError: (message) => this.showNotice(message),
    };
    this.listener = new Listener(this.listenerHandlers);
  }

  async start(): Promise<void> {
    this.wireComposer();
    await this.chooseListener();
    this.wireMicrophone();
    await this.openSessionWithRetry();
    this.live.start();
    await this.handlePaymentReturn();
  }

  // ---- session ---------------------------------------------------------------------------------

  private async openSessionWithRetry(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.openSession();
        this.banner.hidden = true;
        return;
      } catch (error) {
        if (errorCode(error) !== "NETWORK") {
          this.reportError(error);
          return;
        }
        this.showBanner("Can't reach the bar. Retrying…");
        await delay(Math.min(10_000, 1000 * 2 ** attempt));
      }
    }
  }

  private async openSession(): Promise<void> {
    if (this.store.token !== null) {
      try {
        const { me } = await this.api.request<MeResult>(ME);
        this.adopt(me.tab, me.balanceCents, me.transcript);
        return;
      } catch (error) {
        if (errorCode(error) !== "UNAUTHENTICATED") throw error;
        this.store.clear();
        this.showNotice("Your earlier session had expired, so I've opened a fresh tab for you.");
      }
    }
    const { startSession } = await this.api.request<StartSessionResult>(START_SESSION);
    this.store.save(startSession.token);
    this.adopt(startSession.session.tab, startSession.session.balanceCents, []);
  }

  /** A token the server no longer accepts mid-visit: start over once, however many requests noticed it. */
  private renewSession(): Promise<void> {
    this.renewing ??= (async () => {
      this.store.clear();
      try {
        const { startSession } = await this.api.request<StartSessionResult>(START_SESSION);
        this.store.save(startSession.token);
        this.share.forget();
        this.adopt(startSession.session.tab, startSession.session.balanceCents, null);
        this.showNotice("Your session had expired, so I've started a fresh one. Your new tab is open.");
        this.live.start();
      } finally {
        this.renewing = null;
      }
    })();
    return this.renewing;
  }

  /**
   * The live socket refused our token. Ask over HTTP before discarding the session: if HTTP still accepts
   * the token, the socket's refusal is a server-side fault, and renewing would only loop through sessions.
   */
  private async onLiveRejected(): Promise<void> {
    try {
      await this.api.request<MeOverlayResult>(ME_OVERLAY);
    } catch (error) {
      if (errorCode(error) === "UNAUTHENTICATED") await this.renewSession();
      return;
    }
    this.showBanner("Live tab updates are unavailable right now. Retrying…");
    await delay(LIVE_RETRY_AFTER_REJECTION_MS);
    this.live.start();
  }

  /** `history` null keeps the transcript on screen (a renewal mid-conversation) instead of replacing it. */
  private adopt(tab: Tab, balanceCents: number, history: readonly TranscriptMessage[] | null): void {
    const snapshot = snapshotOf(tab, balanceCents);
    this.gate = admit(EMPTY_GATE, snapshot).gate;
    this.overlay.reset(snapshot);
    this.closePayLinks(tab);
    // A new session's messages are all new to the page; a renewal keeps the old lines on screen.
    this.lastMessageId = 0n;
    this.shownSinceCatchUp = [];
    if (history === null) return;
    this.transcript.clear();
    this.openPayLinks.clear();
    // The greeting is the page's, not stored: it opens every view of the conversation, so a reload shows the same lines.
    this.transcript.add("maya", WELCOME);
    // Only the newest checkout link can still be open, and only while the tab waits for its payment.
    let newestLink = -1;
    history.forEach((message, index) => {
      if (message.speaker === "MAYA" && hasWebAddress(message.text)) newestLink = index;
    });
    history.forEach((message, index) => this.showStored(message, tab, index === newestLink));
    this.noteSeen(history);
  }

  /** A stored message as a reload shows it: a checkout address becomes the Pay button (or a closed one). */
  private showStored(message: TranscriptMessage, tab: Tab, newestLink = true): void {
    if (message.speaker === "CUSTOMER") {
      this.transcript.add("guest", message.text);
      return;
    }
    const address = linkParts(message.text).find((part) => part.href !== undefined)?.href ?? null;
    if (address === null) {
      this.transcript.add("maya", message.text);
      return;
    }
    const href = safeCheckoutHref(address, location.href);
    const open = newestLink && tab.status === "PAYMENT_PENDING" && href !== null;
    this.transcript.add("maya", withoutLink(message.text, address), open ? this.payButton(href, tab.totalCents) : closedPayButton());
  }

  private noteSeen(messages: readonly TranscriptMessage[]): void {
    for (const message of messages) {
      const id = messageOrder(message.id);
      if (id !== null && id > this.lastMessageId) this.lastMessageId = id;
    }
  }

  /** Runs a request; on UNAUTHENTICATED renews the session and runs it once more. */
  private async authed<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (errorCode(error) !== "UNAUTHENTICATED") throw error;
      await this.renewSession();
      return run();
    }
  }

  // ---- overlay ---------------------------------------------------------------------------------

  private applyTab(tab: Tab, balanceCents: number): void {
    const { gate, accepted } = admit(this.gate, snapshotOf(tab, balanceCents));
    if (!accepted) return;
    this.gate = gate;
    this.overlay.show(snapshotOf(tab, balanceCents));
    this.closePayLinks(tab);
  }

  /** A checkout link is spent once its tab is paid or reopened: the button says so rather than leading nowhere. */
  private closePayLinks(tab: Tab): void {
    if (tab.status === "PAYMENT_PENDING") return;
    for (const link of this.openPayLinks) link.replaceWith(closedPayButton());
    this.openPayLinks.clear();
  }

  /**
   * Brings the page up to the stored conversation: the overlay, and whatever Maya said outside a turn
   * (tip thanks, payment results) or while the page was not listening. The transcript is the one
   * source of those words, so the live page shows exactly what a reload will show, once.
   * Requests made while one waits in the queue share it.
   */
  private catchUp(): Promise<void> {
    if (this.catchUpWaiting !== null) return this.catchUpWaiting;
    const run = this.queue.then(() => {
      this.catchUpWaiting = null;
      return this.catchUpNow();
    });
    this.catchUpWaiting = run;
    this.queue = run;
    return run;
  }

  private async catchUpNow(): Promise<void> {
    try {
      const { me } = await this.authed(() => this.api.request<MeResult>(ME));
      this.applyTab(me.tab, me.balanceCents);
      const fresh = me.transcript.filter((message) => (messageOrder(message.id) ?? 0n) > this.lastMessageId);
      let said: string | null = null;
      for (const message of fresh) {
        const shown = this.shownSinceCatchUp.findIndex((line) => line.speaker === message.speaker && sameWords(line.text, message.text));
        if (shown !== -1) {
          this.shownSinceCatchUp.splice(shown, 1);
          continue;
        }
        this.showStored(message, me.tab);
        if (message.speaker === "MAYA") said = message.text;
      }
      // Turns are queued behind us: a line not found now was never stored (its turn failed).
      this.shownSinceCatchUp = [];
      this.noteSeen(fresh);
      if (said !== null) this.speakText(said);
    } catch (error) {
      // The next (re)connection catches up again.
      if (errorCode(error) !== "NETWORK") this.reportError(error);
    }
  }

  private onTabEvent(event: TabEvent): void {
    this.applyTab(event.tab, event.balanceCents);
    // Words from the server (a tip thanks, a payment result) are kept in the transcript when Maya said
    // them outside a turn: show them from there, never twice, and never ones a reload would not show.
    // A change with no turn of ours under way came from elsewhere (another device on this session):
    // its conversation is in the transcript too, and the page should not show a tab its words do not explain.
    // A snapshot starts every (re)subscription: what was said while the page was not listening is stored too.
    if (event.reason === "SNAPSHOT" || event.message !== null || this.turnsInFlight === 0) void this.catchUp();
  }

  private onLinkState(state: LinkState): void {
    if (state === "lost") this.showBanner("Connection lost. Reconnecting…");
    if (state === "connected") this.banner.hidden = true;
  }

  // ---- tips ------------------------------------------------------------------------------------

  private async onTipButton(percent: number): Promise<void> {
    if (this.tipBusy) return;
    this.tipBusy = true;
    this.speaker.stop();
    const removing = this.overlay.selectedTipPercent === percent;
    try {
      await this.authed(() => this.api.request<SetTipResult>(SET_TIP, removing ? {} : { percent }));
      // Maya's thanks is stored with the tip; the catch-up shows and speaks it, with the balance the tip reserved.
      await this.catchUp();
    } catch (error) {
      this.reportError(error);
    } finally {
      this.tipBusy = false;
    }
  }

  // ---- conversation ----------------------------------------------------------------------------

  private wireComposer(): void {
    const form = element<HTMLFormElement>("say-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = this.input.value;
      this.input.value = "";
      this.send(text);
    });
    // Barge-in: starting to type silences Maya.
    this.input.addEventListener("input", () => this.speaker.stop());
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.speaker.stop();
    });
  }

  /** One turn: typed text, or spoken words with how they were heard (an unsure order is confirmed first). */
  private send(raw: string, heard?: Heard): void {
    const text = raw.trim();
    if (text === "") return;
    if (text.length > MAX_UTTERANCE) {
      this.showNotice(`That's a long one: please keep it under ${MAX_UTTERANCE} characters.`);
      this.input.value = text;
      return;
    }
    this.speaker.stop();
    this.transcript.add("guest", text);
    // One turn at a time, so replies land in the order they were asked.
    this.turnsInFlight++;
    this.queue = this.queue.then(() => this.sayNow(text, heard)).finally(() => this.turnsInFlight--);
  }

  private async sayNow(text: string, heard?: Heard): Promise<void> {
    const log = element("transcript-log");
    log.setAttribute("aria-busy", "true");
    try {
      const { say } = await this.authed(() => this.api.request<SayResult>(SAY, heard ? { text, heard } : { text }));
      this.applyTab(say.session.tab, say.session.balanceCents);
      const payLink = say.payment ? this.payLinkFor(say.payment) : null;
      // The Pay button carries the checkout link: the words need not spell the address out.
      const shown = payLink ? withoutLink(say.text, say.payment?.checkoutUrl ?? null) : say.text;
      this.transcript.add("maya", shown, payLink ?? undefined);
      this.shownSinceCatchUp.push({ speaker: "CUSTOMER", text }, { speaker: "MAYA", text: say.text });
      this.speaker.speak(say);
    } catch (error) {
      this.reportError(error);
    } finally {
      log.removeAttribute("aria-busy");
    }
  }

  private payLinkFor(payment: Payment): HTMLAnchorElement | null {
    if (payment.status !== "PENDING" || !payment.checkoutUrl) return null;
    const href = safeCheckoutHref(payment.checkoutUrl, location.href);
    return href === null ? null : this.payButton(href, payment.amountCents);
  }

  private payButton(href: string, amountCents: number): HTMLAnchorElement {
    const link = document.createElement("a");
    link.className = "pay";
    link.href = href;
    link.textContent = payLabel(amountCents);
    this.openPayLinks.add(link);
    return link;
  }

  // ---- payments --------------------------------------------------------------------------------

  /** The hosted checkout sends the guest back to `/?payment=<attemptId>`. */
  private async handlePaymentReturn(): Promise<void> {
    const params = new URLSearchParams(location.search);
    const id = params.get("payment");
    if (id === null) return;
    params.delete("payment");
    const query = params.toString();
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
    try {
      const { payment } = await this.authed(() => this.api.request<PaymentResult>(PAYMENT, { id }));
      if (payment === null) {
        this.transcript.add("system", "I couldn't find that payment on your tab.");
        return;
      }
      if (payment.status === "PENDING") {
        // Not settled yet: a note for now; Maya's own words arrive with the PAID (or failed) event.
        this.transcript.add("system", paymentResult(payment));
        return;
      }
      // Settled: Maya's words about it are in the transcript the page just loaded (or the catch-up brings them).
      const before = this.lastMessageId;
      await this.catchUp();
      if (this.lastMessageId === before) {
        const said = this.transcript.lastText("maya");
        if (said !== null) this.speakText(said);
      }
    } catch (error) {
      this.reportError(error);
    }
  }

  private speakText(text: string): void {
    this.speaker.speak({ text, speech: moneyForSpeech(text), audioUrl: null });
  }

  // ---- microphone ------------------------------------------------------------------------------

  /**
   * The server's recognizer when it has one and prefers it, or when the browser has none; else the
   * browser's. A server that cannot say (older, unreachable) leaves the browser's in place.
   */
  private async chooseListener(): Promise<void> {
    let recognition: ServerRecognition;
    try {
      ({ speechRecognition: recognition } = await this.api.request<SpeechRecognitionResult>(SPEECH_RECOGNITION));
    } catch {
      return;
    }
    const server = new ServerListener(recognition, () => this.store.token, this.listenerHandlers);
    if (server.supported && (recognition.preferServer || !this.listener.supported)) this.listener = server;
  }

  private wireMicrophone(): void {
    const note = element("mic-note");
    if (!this.listener.supported) {
      this.mic.disabled = true;
      this.mic.setAttribute("aria-label", "Voice input unavailable");
      note.textContent = "Voice input isn't available in this browser. Type to Maya instead; she'll still answer out loud.";
      note.hidden = false;
      return;
    }
    if (typeof speechSynthesis === "undefined") {
      note.textContent = "This browser can't speak, so Maya's replies appear as text only.";
      note.hidden = false;
    }
    // Push to talk: hold the button and release to send, or click once and Maya listens until you pause.
    let pressedAt = 0;
    let startedByPress = false;
    this.mic.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      // Releasing outside the button still ends a hold.
      this.mic.setPointerCapture(event.pointerId);
      pressedAt = performance.now();
      this.speaker.stop();
      startedByPress = !this.listener.listening;
      if (startedByPress) this.listener.start();
    });
    this.mic.addEventListener("pointerup", () => {
      const held = performance.now() - pressedAt >= HOLD_TO_TALK_MS;
      if (!startedByPress || held) this.listener.stop();
    });
    this.mic.addEventListener("click", (event) => {
      // Pointer presses were handled above; a click with no click count comes from the keyboard.
      if (event.detail !== 0) return;
      this.speaker.stop();
      if (this.listener.listening) this.listener.stop();
      else this.listener.start();
    });
  }

  // ---- notices ---------------------------------------------------------------------------------

  private showBanner(text: string): void {
    this.banner.textContent = text;
    this.banner.hidden = false;
  }

  private showNotice(text: string): void {
    this.notice.textContent = text;
    this.notice.hidden = false;
  }

  private reportError(error: unknown): void {
    const code = errorCode(error);
    const message = error instanceof Error ? error.message : String(error);
    switch (code) {
      case "NETWORK":
        this.transcript.add("system", "I can't reach the bar right now. Check your connection and try again in a moment.");
        return;
      case "RATE_LIMITED":
        this.transcript.add("system", "That's a lot at once. Give it a second and try again.");
        return;
      case "TAB_LOCKED":
        this.transcript.add("system", "Your payment is in progress, so the tab is locked until it finishes.");
        return;
      case "BAD_USER_INPUT":
      case "INSUFFICIENT_FUNDS":
      case "NOT_FOUND":
      case "PAYMENT_PROVIDER_UNAVAILABLE":
        this.transcript.add("system", message);
        return;
      default:
        this.transcript.add("system", "Something went wrong on our side. Please try again.");
    }
  }
}
