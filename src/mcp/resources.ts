/**
 * The bar's MCP resources for one guest: the menu, the tab, and the guest's
 * own session (the token to join it from the guest's page, when Maya started
 * the session for this MCP session). `resources/subscribe` on the tab follows
 * the tab event feed, so a change made anywhere (GraphQL, a spoken turn, MCP,
 * another instance) sends `notifications/resources/updated`.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  ErrorCode,
  McpError,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type ReadResourceResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { Menu } from "../bar/menu.service.js";
import type { TabService } from "../bar/tab.service.js";
import type { TabChange } from "../bar/views.js";
import { describeError, type Logger } from "../logger.js";
import { guestMoneyOf, menuOutputOf } from "./schemas.js";

export const MENU_URI = "maya://menu";
export const TAB_URI = "maya://tab";
export const SESSION_URI = "maya://session";

export interface TabFeed {
  subscribe(sessionId: string): AsyncIterableIterator<TabChange>;
}

export interface GuestResources {
  /** Ends every subscription (the MCP session closed). */
  close(): void;
}

export interface SessionFacts {
  /** The guest's session token: the bearer the agent sent, or the one of the session Maya started for it. */
  token: string;
  /** Whether Maya started the guest's session for this MCP session (no bearer token came with it). */
  startedHere: boolean;
  /** The guest's page, where the token joins the same tab. */
  pageUrl: string;
  /** The token is an overlay token: it reads the tab and changes nothing. */
  readOnly: boolean;
  /** The session followed the tab where it ran before (restored on another instance): it follows it here too. */
  tabSubscribed?: boolean;
  /** Told when the session starts or stops following the tab (kept where every instance reads it). */
  tabSubscriptionChanged?(subscribed: boolean): Promise<void>;
}

export function registerBarResources(
  server: McpServer,
  sessionId: string,
  deps: { menu: Menu; tabs: TabService; feed: TabFeed; log: Logger },
  facts: SessionFacts,
): GuestResources {
  const json = (uri: string, value: unknown): ReadResourceResult => ({
    contents: [{ uri, mimeType: "application/json", text: JSON.stringify(value) }],
  });

  server.registerResource(
    "menu",
    MENU_URI,
    { title: "Menu", description: "Every drink, its price in cents and the modifiers it accepts.", mimeType: "application/json" },
    async (uri) => json(uri.href, menuOutputOf(deps.menu)),
  );
  server.registerResource(
    "tab",
    TAB_URI,
    {
      title: "Tab",
      description: "The guest's open tab and balance; subscribe to hear of every change, wherever it was made.",
      mimeType: "application/json",
    },
    async (uri) => json(uri.href, guestMoneyOf(await deps.tabs.snapshot(sessionId), deps.menu)),
  );
  server.registerResource(
    "session",
    SESSION_URI,
    {
      title: "Guest session",
      description:
        "The guest's Maya session and its token: send it as `Authorization: Bearer` (or set MAYA_SESSION_TOKEN) to act for the same guest again, or open the guest's page with it.",
      mimeType: "application/json",
    },
    async (uri) =>
      // Only ever read by a caller that holds the token already, or for whom Maya started the session.
      json(uri.href, {
        sessionToken: facts.token,
        startedForThisMcpSession: facts.startedHere,
        ...(facts.readOnly
          ? { readOnly: true, page: `${facts.pageUrl}/overlay#token=${facts.token}`, howToJoin: "An overlay token: open the page to watch the tab." }
          : {
              page: facts.pageUrl,
              howToJoin: "On the guest's page, store the token under localStorage key \"maya.token\", then reload.",
            }),
      }),
  );

  // Subscriptions: one feed iterator per subscribed URI that can change; the menu is fixed while the app runs.
  const feeds = new Map<string, AsyncIterableIterator<TabChange>>();
  let closed = false;
  const known = new Set([MENU_URI, TAB_URI, SESSION_URI]);
  const requireKnown = (uri: string) => {
    if (!known.has(uri)) throw new McpError(ErrorCode.InvalidParams, `There is no resource ${uri.slice(0, 100)}.`);
  };

  server.server.registerCapabilities({ resources: { subscribe: true, listChanged: true } });
  const followTab = () => {
    const uri = TAB_URI;
    const changes = deps.feed.subscribe(sessionId);
    feeds.set(uri, changes);
    void (async () => {
      for await (const _change of changes) {
        await server.server.sendResourceUpdated({ uri }).catch((error: unknown) => {
          deps.log.warn("MCP resource update not sent", { error: describeError(error) });
        });
      }
      // The feed ended it (unsubscribed, closed, or cut off for not keeping up): a new subscribe starts afresh.
      if (feeds.get(uri) === changes) feeds.delete(uri);
    })();
  };
  if (facts.tabSubscribed) followTab();
  server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    const { uri } = request.params;
    requireKnown(uri);
    if (uri !== TAB_URI || feeds.has(uri) || closed) return {};
    followTab();
    await facts.tabSubscriptionChanged?.(true);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    requireKnown(request.params.uri);
    const changes = feeds.get(request.params.uri);
    feeds.delete(request.params.uri);
    await changes?.return?.();
    if (request.params.uri === TAB_URI) await facts.tabSubscriptionChanged?.(false);
    return {};
  });

  return {
    close: () => {
      closed = true;
      for (const changes of feeds.values()) void changes.return?.();
      feeds.clear();
    },
  };
}
