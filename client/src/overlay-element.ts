/**
 * <maya-tab-overlay server="https://maya.example:4000" token="maya_ovl_…">: Maya's tab overlay for any
 * page (GET /overlay.js, an ES module). It is the overlay of Maya's own page (the same model, count-up
 * queue, colours and version gate), drawn in Shadow DOM so neither page's styles touch the other, and
 * fed by `tabChanged(snapshot: true)` over graphql-ws. It reconnects by itself; a token the server
 * refuses (revoked, expired, malformed) shows a clear message and stops trying. `server` defaults to
 * the origin this script was loaded from. No framework.
 *
 * The element reflects where it stands in its `state` property and attribute (connecting, live, lost,
 * refused, or idle without a token) and fires `maya-overlay-state` on each change; each new version of
 * the tab it draws fires `maya-tab-change` (detail: the figures, the tab's id and version), so the
 * embedding page can react to it too.
 */
import overlayCss from "./overlay.css";
import { LiveTab, webSocketUrl, type LinkState } from "./live.js";
import { OVERLAY_TAB_CHANGED, type OverlayTabEvent } from "./operations.js";
import { EMPTY_GATE, admit, snapshotOf, type OverlaySnapshot, type VersionGate } from "./overlay-model.js";
import { OverlayController } from "./overlay-view.js";

export type OverlayState = "idle" | "connecting" | "live" | "lost" | "refused";

const STATUS_TEXT: Readonly<Record<OverlayState, string>> = {
  idle: "No overlay token yet.",
  connecting: "Connecting to Maya…",
  live: "",
  lost: "Connection lost. Reconnecting…",
  refused: "This overlay link was revoked or has expired. Ask for a new one on Maya's page.",
};

/** The element's own frame around the shared overlay styles. */
const ELEMENT_CSS = `
:host { display: inline-block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
:host([hidden]) { display: none; }
.overlay-status {
  margin: 0.35rem 0 0; padding: 0.35rem 0.6rem; border-radius: 0.5rem; font-size: 0.85rem;
  color: var(--ink); background: rgba(10, 8, 16, 0.86);
}
.overlay-status:empty { display: none; }
:host([state="refused"]) .overlay { display: none; }
:host([state="refused"]) .overlay-status { border: 1px solid var(--empty); }
`;

/** Where this script came from: a page that loads overlay.js from Maya talks to that Maya by default. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

let sharedSheet: CSSStyleSheet | null = null;

/** Constructable stylesheets are not subject to the host page's style-src policy; a <style> is the fallback. */
function adoptStyles(shadow: ShadowRoot, css: string): void {
  if ("adoptedStyleSheets" in shadow && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    if (sharedSheet === null) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(css);
    }
    shadow.adoptedStyleSheets = [sharedSheet];
    return;
  }
  const style = document.createElement("style");
  style.textContent = css;
  shadow.append(style);
}

export class MayaTabOverlay extends HTMLElement {
  static readonly observedAttributes = ["server", "token"];

  private readonly overlay: OverlayController;
  private readonly status: HTMLElement;
  private readonly reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
  private live: LiveTab<OverlayTabEvent> | null = null;
  private gate: VersionGate = EMPTY_GATE;
  private drawn = false;
  private current: OverlayState = "idle";

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    adoptStyles(shadow, overlayCss + ELEMENT_CSS);
    const section = document.createElement("section");
    section.className = "overlay";
    section.setAttribute("aria-label", "Tab");
    this.status = document.createElement("p");
    this.status.className = "overlay-status";
    this.status.setAttribute("role", "status");
    shadow.append(section, this.status);
    this.overlay = new OverlayController(section, null, () => this.reducedMotion.matches);
  }

  get state(): OverlayState {
    return this.current;
  }

  connectedCallback(): void {
    this.restart();
  }

  disconnectedCallback(): void {
    this.live?.stop();
    this.live = null;
  }

  attributeChangedCallback(_name: string, previous: string | null, next: string | null): void {
    if (previous !== next && this.isConnected) this.restart();
  }

  private restart(): void {
    this.live?.stop();
    this.live = null;
    this.gate = EMPTY_GATE;
    this.drawn = false;
    const token = this.getAttribute("token")?.trim() ?? "";
    if (token === "") return this.setState("idle");
    let url: string;
    try {
      url = webSocketUrl(new URL(this.getAttribute("server") || SCRIPT_ORIGIN, location.href));
    } catch {
      return this.setState("refused");
    }
    this.setState("connecting");
    this.live = new LiveTab<OverlayTabEvent>(
      url,
      () => token,
      {
        onEvent: (event) => this.draw(event),
        onState: (state) => this.onLink(state),
        onUnauthenticated: () => {
          this.live?.stop();
          this.live = null;
          this.setState("refused");
        },
      },
      OVERLAY_TAB_CHANGED,
    );
    this.live.start();
  }

  /** Every version once, in order: the first snapshot is drawn as it is, every later one counts up. */
  private draw(event: OverlayTabEvent): void {
    const snapshot = snapshotOf(event.tab, event.balanceCents);
    const { gate, accepted } = admit(this.gate, snapshot);
    if (accepted) {
      this.gate = gate;
      if (this.drawn) this.overlay.show(snapshot);
      else this.overlay.reset(snapshot);
      this.drawn = true;
      this.dispatchEvent(new CustomEvent<OverlaySnapshot>("maya-tab-change", { detail: snapshot }));
    }
    this.setState("live");
  }

  private onLink(state: LinkState): void {
    if (this.current === "refused") return;
    if (state === "lost") this.setState("lost");
    // "connected" becomes "live" with the snapshot every (re)subscription starts with.
  }

  private setState(state: OverlayState): void {
    if (state === this.current && this.hasAttribute("state")) return;
    this.current = state;
    this.setAttribute("state", state);
    this.status.textContent = STATUS_TEXT[state];
    this.dispatchEvent(new CustomEvent("maya-overlay-state", { detail: { state } }));
  }
}

if (!customElements.get("maya-tab-overlay")) customElements.define("maya-tab-overlay", MayaTabOverlay);

declare global {
  interface HTMLElementTagNameMap {
    "maya-tab-overlay": MayaTabOverlay;
  }
}
