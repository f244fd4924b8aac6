/**
 * The bearer token survives a reload in localStorage; a browser that refuses storage still gets a working page.
 * So does the session's overlay token (the one the page's overlay link carries), which goes with its session.
 */

export const TOKEN_KEY = "maya.token";
export const OVERLAY_TOKEN_KEY = "maya.overlayToken";

type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** One value kept in memory and, where the browser allows, in storage. */
class StoredValue {
  private memory: string | null = null;

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly key: string,
  ) {}

  get value(): string | null {
    if (this.memory !== null) return this.memory;
    try {
      this.memory = this.storage?.getItem(this.key) ?? null;
    } catch {
      this.memory = null;
    }
    return this.memory;
  }

  save(value: string): void {
    this.memory = value;
    try {
      this.storage?.setItem(this.key, value);
    } catch {
      // Private modes may refuse storage: the value then lasts as long as the page.
    }
  }

  clear(): void {
    this.memory = null;
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing was stored, so nothing is left behind.
    }
  }
}

export class SessionStore {
  private readonly session: StoredValue;
  private readonly overlay: StoredValue;

  constructor(storage: KeyValueStorage | null) {
    this.session = new StoredValue(storage, TOKEN_KEY);
    this.overlay = new StoredValue(storage, OVERLAY_TOKEN_KEY);
  }

  get token(): string | null {
    return this.session.value;
  }

  save(token: string): void {
    this.overlay.clear();
    this.session.save(token);
  }

  /** Forgets the session, and the overlay token that reads it. */
  clear(): void {
    this.session.clear();
    this.overlay.clear();
  }

  get overlayToken(): string | null {
    return this.overlay.value;
  }

  saveOverlayToken(token: string): void {
    this.overlay.save(token);
  }

  clearOverlayToken(): void {
    this.overlay.clear();
  }
}
