/**
 * The GraphQL IDE the real server serves at GET /graphql: it loads with no request leaving the app's
 * own address (no CDN, no fonts), runs a query, and its subscription transport (graphql-ws on the
 * same path) delivers tab changes made elsewhere.
 */
import { expect, it } from "vitest";
import { MayaClient } from "../support/maya.js";
import { describeWithBrowser, screenshot, useRealMayaInBrowser } from "./support.js";

describeWithBrowser("GraphQL IDE (real server)", () => {
  const maya = useRealMayaInBrowser({ recordRequests: true });

  async function run(source: string): Promise<void> {
    await maya.page.evaluate((text) => {
      const editor = document.querySelector(".graphiql-query-editor .CodeMirror") as unknown as { CodeMirror: { setValue(v: string): void } };
      editor.CodeMirror.setValue(text);
    }, source);
    // GraphiQL parses the edited document after a debounce; running before that would run the old one.
    await maya.page.waitForTimeout(800);
    await maya.page.click(".graphiql-execute-button");
  }

  const response = () => maya.page.locator(".graphiql-response").textContent();

  it("serves the IDE at GET /graphql to a browser, with JSON still answered for API clients", async () => {
    const html = await fetch(`${maya.app.url}/graphql`, { headers: { accept: "text/html" } });
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    const json = await fetch(`${maya.app.url}/graphql?query=${encodeURIComponent("{ menu { id } }")}`, {
      headers: { accept: "application/json" },
    });
    expect(json.headers.get("content-type") ?? "").not.toMatch(/text\/html/);

    await maya.page.goto(`${maya.app.url}/graphql`);
    await maya.page.waitForSelector(".graphiql-container");
    await expect.poll(() => maya.page.locator(".graphiql-query-editor .CodeMirror").count()).toBe(1);
    // The schema arrives by introspection: the docs explorer button becomes usable.
    await expect.poll(() => maya.page.locator(".graphiql-execute-button").isEnabled()).toBe(true);
    await screenshot(maya.page, "10-ide-loaded");
  });

  it("runs a query", async () => {
    await run("{ menu { id } }");
    await expect.poll(response, { timeout: 10_000 }).toContain('"martini"');
    expect(await response()).toContain('"long-island"');
    await screenshot(maya.page, "11-ide-query");
  });

  it("runs a subscription over graphql-ws with the guest page's session", async () => {
    // A guest page visit leaves a session token in this origin's storage; the IDE sends it.
    await maya.page.goto(maya.app.url);
    await expect.poll(() => maya.page.evaluate(() => localStorage.getItem("maya.token"))).not.toBeNull();
    const token = (await maya.page.evaluate(() => localStorage.getItem("maya.token")))!;
    await maya.page.goto(`${maya.app.url}/graphql`);
    await maya.page.waitForSelector(".graphiql-query-editor .CodeMirror");
    await run("subscription Live { tabChanged { reason balanceCents tab { subtotalCents version } } }");

    // Change the tab from outside until the open subscription shows it (connecting takes a moment).
    const guest = new MayaClient(maya.app.url, token);
    await expect
      .poll(
        async () => {
          await guest.data(`mutation { say(text: "a water please") { text } }`);
          return response();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toContain("ITEM_ADDED");
    expect(maya.requests.sockets().some((url) => url === `${maya.app.url.replace(/^http/, "ws")}/graphql`)).toBe(true);
    await screenshot(maya.page, "12-ide-subscription");
  });

  it("made every request to the app's own address, and logged no page errors", () => {
    const all = maya.requests.all();
    expect(all.length).toBeGreaterThan(0);
    const own = new RegExp(`^(https?|wss?)://127\\.0\\.0\\.1:${maya.app.port}/|^data:|^blob:`);
    expect(all.filter((url) => !own.test(url))).toEqual([]);
    expect(maya.errors).toEqual([]);
  });
});
