/**
 * CORS by configuration, as HTTP and WebSocket handshakes see it (a real browser on a second
 * origin is in test/browser/cross-origin.test.ts). Unset, Maya is same-origin only: no CORS header
 * for anyone. With MAYA_CORS_ORIGINS, a listed origin gets its preflight and
 * Access-Control-Allow-Origin on /graphql and /overlay.js, never credentials; any other origin
 * gets no CORS header at all; the socket refuses a browser page of an unlisted origin (403).
 */
import { describe, expect, it } from "vitest";
import { useMaya } from "../support/backends.js";
import { MayaClient } from "../support/maya.js";
import { handshakeStatus } from "../support/ws.js";

const LISTED = "http://screen.example:8080";
const OTHER = "http://evil.example";

function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("access-control-")));
}

const preflight = (url: string, origin: string) =>
  fetch(`${url}/graphql`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
  });

const post = (url: string, origin: string, query = "{ menu { id } }") =>
  fetch(`${url}/graphql`, { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ query }) });

/** The status a WebSocket handshake on /graphql gets, sent with `origin` (none: no Origin header). */
const handshake = (url: string, origin?: string, host?: string): Promise<number> =>
  handshakeStatus(url, { ...(origin ? { origin } : {}), ...(host ? { headers: { host } } : {}) });

describe("CORS when MAYA_CORS_ORIGINS is unset", () => {
  const maya = useMaya("pglite");

  it("sends no CORS header to any origin, and the socket takes only Maya's own pages", async () => {
    for (const origin of [LISTED, OTHER]) {
      expect(corsHeaders(await preflight(maya.app.url, origin))).toEqual({});
      const response = await post(maya.app.url, origin);
      expect(response.status).toBe(200);
      expect(corsHeaders(response)).toEqual({});
      expect(await handshake(maya.app.url, origin)).toBe(403);
    }
    const own = new URL(maya.app.url);
    expect(await handshake(maya.app.url, own.origin)).toBe(101);
    expect(await handshake(maya.app.url)).toBe(101);
  });
});

describe("CORS with MAYA_CORS_ORIGINS", () => {
  const maya = useMaya("pglite", { env: { MAYA_CORS_ORIGINS: `${LISTED}, http://localhost:5173` } });

  it("answers a listed origin's preflight for a bearer token and JSON, without credentials", async () => {
    const response = await preflight(maya.app.url, LISTED);
    expect(response.status).toBe(204);
    const headers = corsHeaders(response);
    expect(headers["access-control-allow-origin"]).toBe(LISTED);
    expect(headers["access-control-allow-headers"]?.split(",")).toEqual(expect.arrayContaining(["content-type", "authorization"]));
    expect(headers["access-control-allow-methods"]?.split(",")).toEqual(expect.arrayContaining(["GET", "POST"]));
    expect(headers["access-control-allow-credentials"]).toBeUndefined();
    expect(Number(headers["access-control-max-age"])).toBeGreaterThan(0);
    expect(response.headers.get("vary")).toMatch(/origin/i);
  });

  it("lets a listed origin call /graphql with a bearer token and load /overlay.js", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const response = await fetch(`${maya.app.url}/graphql`, {
      method: "POST",
      headers: { origin: LISTED, "content-type": "application/json", authorization: `Bearer ${guest.token}` },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect(response.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(((await response.json()) as { data: { me: { id: string } } }).data.me.id).toEqual(expect.any(String));
    const script = await fetch(`${maya.app.url}/overlay.js`, { headers: { origin: LISTED } });
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(script.headers.get("access-control-allow-origin")).toBe(LISTED);
  });

  it("gives an origin not listed no CORS header at all, on the preflight, the request and the script", async () => {
    expect(corsHeaders(await preflight(maya.app.url, OTHER))).toEqual({});
    expect(corsHeaders(await post(maya.app.url, OTHER))).toEqual({});
    expect(corsHeaders(await fetch(`${maya.app.url}/overlay.js`, { headers: { origin: OTHER } }))).toEqual({});
    // Neither does anything else Maya serves to a listed origin: only what a frontend needs.
    expect(corsHeaders(await fetch(`${maya.app.url}/readyz`, { headers: { origin: LISTED } }))).toEqual({});
  });

  it("opens the socket for listed origins, Maya's own and programs (no Origin); refuses the rest with 403", async () => {
    expect(await handshake(maya.app.url, LISTED)).toBe(101);
    expect(await handshake(maya.app.url, "http://localhost:5173")).toBe(101);
    expect(await handshake(maya.app.url, new URL(maya.app.url).origin)).toBe(101);
    expect(await handshake(maya.app.url)).toBe(101);
    expect(await handshake(maya.app.url, OTHER)).toBe(403);
    expect(await handshake(maya.app.url, "null")).toBe(403);
    // The listed origin with another port or scheme is another origin.
    expect(await handshake(maya.app.url, "http://screen.example:8081")).toBe(403);
    expect(await handshake(maya.app.url, "https://screen.example:8080")).toBe(403);
  });
});
