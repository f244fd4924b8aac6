/** The bearer token survives a reload in localStorage; a browser that refuses storage still gets a working page. */

export const TOKEN_KEY = "maya.token";

export class SessionStore {
  private memory: string | null = null;

  constructor(private readonly storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null) {}

  get token(): string | null {
    if (this.memory !== null) return this.memory;
    try {
      this.memory = this.storage?.getItem(TOKEN_KEY) ?? null;
    } catch {
      this.memory = null;
    }
    return this.memory;
  }

  save(token: string): void {
    this.memory = token;
    try {
      this.storage?.setItem(TOKEN_KEY, token);
    } catch {
      // Private modes may refuse storage: the session then lasts as long as the page.
    }
  }

  clear(): void {
    this.memory = null;
    try {
      this.storage?.removeItem(TOKEN_KEY);
    } catch {
      // Nothing was stored, so nothing is left behind.
    }
  }
}
