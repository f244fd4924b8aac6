/**
 * The "Copy overlay link" button on Maya's page: a link to /overlay carrying a read-only overlay token
 * in its fragment, for a second screen or a streaming tool. One token per session is made and kept
 * (with the session token), so copying again gives the same link, as long as the server still takes
 * it (revoked elsewhere, a new one is made); "Revoke overlay links" ends every overlay of the session.
 */
import { GraphQLHttpClient, GraphQLRequestError } from "./graphql-client.js";
import { CREATE_OVERLAY_TOKEN, REVOKE_OVERLAY_TOKENS, type CreateOverlayTokenResult } from "./operations.js";
import type { SessionStore } from "./session-store.js";

/** The standalone overlay page with the token in the fragment, which browsers never send to a server. */
export function overlayLink(origin: string, token: string): string {
  return `${origin}/overlay#token=${encodeURIComponent(token)}`;
}

export interface OverlayShareElements {
  readonly copy: HTMLButtonElement;
  readonly revoke: HTMLButtonElement;
  readonly link: HTMLInputElement;
  readonly note: HTMLElement;
}

export class OverlayShare {
  private busy = false;

  constructor(
    private readonly elements: OverlayShareElements,
    private readonly api: GraphQLHttpClient,
    private readonly store: SessionStore,
    /** Runs a request as the page runs its own (a session the server forgot is renewed once). */
    private readonly authed: <T>(run: () => Promise<T>) => Promise<T>,
    private readonly reportError: (error: unknown) => void,
  ) {
    elements.copy.addEventListener("click", () => void this.exclusive(() => this.copy()));
    elements.revoke.addEventListener("click", () => void this.exclusive(() => this.revoke()));
    elements.link.addEventListener("focus", () => elements.link.select());
  }

  /** A new session (renewed, or started over): the old session's link is gone with it. */
  forget(): void {
    this.elements.link.value = "";
    this.elements.link.hidden = true;
    this.elements.revoke.hidden = true;
    this.elements.note.hidden = true;
  }

  private async exclusive(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await work();
    } catch (error) {
      this.reportError(error);
    } finally {
      this.busy = false;
    }
  }

  private async copy(): Promise<void> {
    let token = this.store.overlayToken;
    if (token !== null && !(await stillValid(token))) token = null;
    if (token === null) {
      const { createOverlayToken } = await this.authed(() => this.api.request<CreateOverlayTokenResult>(CREATE_OVERLAY_TOKEN));
      token = createOverlayToken;
      this.store.saveOverlayToken(token);
    }
    const link = overlayLink(location.origin, token);
    const { link: field, revoke } = this.elements;
    field.value = link;
    field.hidden = false;
    revoke.hidden = false;
    const copied = await copyText(link);
    this.say(
      copied
        ? "Overlay link copied. It shows your tab on another screen or in a streaming tool, and can't order or pay."
        : "Copy the overlay link above. It shows your tab on another screen or in a streaming tool, and can't order or pay.",
    );
    if (!copied) field.select();
  }

  private async revoke(): Promise<void> {
    await this.authed(() => this.api.request(REVOKE_OVERLAY_TOKENS));
    this.store.clearOverlayToken();
    this.forget();
    this.say("Overlay links revoked: every screen showing your tab with one has stopped.");
  }

  private say(text: string): void {
    this.elements.note.textContent = text;
    this.elements.note.hidden = false;
  }
}

/** Whether the server still takes the overlay token (a network failure gives it the benefit of the doubt). */
async function stillValid(token: string): Promise<boolean> {
  try {
    await new GraphQLHttpClient(() => token).request(`query OverlayTokenCheck { me { id } }`);
    return true;
  } catch (error) {
    return !(error instanceof GraphQLRequestError && error.code === "UNAUTHENTICATED");
  }
}

/** The clipboard where the page may use it (a secure context, permission); false otherwise. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
