/**
 * Every HTML page Maya serves (the guest client, the mock checkout page, the
 * GraphQL IDE) says it may be framed only by Maya itself, and carries the
 * usual protective headers. (test/browser and test/payments-e2e drive the
 * same pages in Chromium and fail on any console error, CSP violations
 * included.)
 */
import { describe, expect, it } from "vitest";
import { useMaya } from "../support/backends.js";
import { MayaClient } from "../support/maya.js";
import { CHECKOUT } from "../support/operations.js";

describe("security headers on HTML responses", () => {
  const maya = useMaya("pglite");

  async function pages(): Promise<[string, Response][]> {
    const guest = await MayaClient.startSession(maya.app.url);
    await guest.data(`mutation { addToTab(menuItemId: "ipa") { id } }`);
    const { checkout } = await guest.data<{ checkout: { id: string } }>(CHECKOUT);
    const html = { accept: "text/html" };
    return Promise.all(
      [
        ["the guest client", `${maya.app.url}/`],
        ["the checkout page", `${maya.app.url}/checkout/${checkout.id}`],
        ["an unknown checkout page", `${maya.app.url}/checkout/00000000-0000-4000-8000-000000000000`],
        ["the GraphQL IDE", `${maya.app.url}/graphql`],
      ].map(async ([name, url]) => [name!, await fetch(url!, { headers: html })] as [string, Response]),
    );
  }

  it("frame-ancestors 'self', scripts from Maya only, and the usual set", async () => {
    for (const [name, response] of await pages()) {
      expect(response.headers.get("content-type"), name).toMatch(/text\/html/);
      const csp = response.headers.get("content-security-policy") ?? "";
      const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([key, ...values]) => [key, values.join(" ")]));
      expect(directives.get("frame-ancestors"), name).toBe("'self'");
      expect(directives.get("script-src"), name).toBe("'self'");
      expect(directives.get("object-src"), name).toBe("'none'");
      expect(directives.get("base-uri"), name).toBe("'self'");
      expect(directives.get("form-action"), name).toBe("'self'");
      expect(directives.has("upgrade-insecure-requests"), name).toBe(false);
      expect(response.headers.get("x-frame-options"), name).toBe("SAMEORIGIN");
      expect(response.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), name).toBe("no-referrer");
      expect(response.headers.get("cross-origin-opener-policy"), name).toBe("same-origin");
      expect(response.headers.get("x-powered-by"), name).toBeNull();
    }
  });
});
