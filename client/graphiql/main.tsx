/**
 * GraphiQL served by the app itself (no CDN), for developers exploring Maya's API.
 * Subscriptions go over graphql-ws on the same path; the Authorization header typed in the
 * headers editor is also sent as the graphql-ws connectionParams the server expects.
 */
import "graphiql/graphiql.css";
import { createGraphiQLFetcher, type Fetcher, type FetcherOpts } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createClient } from "graphql-ws";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { GRAPHQL_PATH } from "../src/graphql-client.js";
import { webSocketUrl } from "../src/live.js";
import { TOKEN_KEY } from "../src/session-store.js";

const DEFAULT_QUERY = `# Maya's API. Start a session, put its token in the Headers tab as
#   { "Authorization": "Bearer <token>" }
# then run the other operations. The subscription stays open and shows every tab change.

mutation StartSession {
  startSession(customerName: "Developer") {
    token
    session { id balanceCents }
  }
}

query Menu {
  menu { id name category priceCents modifiers }
}

query Me {
  me {
    balanceCents
    tab { id status subtotalCents tipPercent tipCents totalCents version items { id quantity menuItem { name } lineTotalCents } }
    transcript(last: 10) { speaker text }
  }
}

mutation Say {
  say(text: "A dirty martini, shaken") { text intent session { balanceCents tab { totalCents version } } }
}

subscription TabChanged {
  tabChanged { reason balanceCents message tab { subtotalCents tipCents totalCents version } payment { id status } }
}
`;

function authorizationOf(opts: FetcherOpts | undefined): string | null {
  for (const [name, value] of Object.entries(opts?.headers ?? {})) {
    if (name.toLowerCase() === "authorization" && typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}

/** One graphql-ws client per Authorization value: a new token needs a new connection_init. */
function sessionAwareFetcher(): Fetcher {
  const byAuthorization = new Map<string, Fetcher>();
  return (params, opts) => {
    const authorization = authorizationOf(opts);
    const key = authorization ?? "";
    let fetcher = byAuthorization.get(key);
    if (fetcher === undefined) {
      fetcher = createGraphiQLFetcher({
        url: GRAPHQL_PATH,
        enableIncrementalDelivery: false,
        wsClient: createClient({
          url: webSocketUrl(location),
          connectionParams: authorization ? { authorization } : {},
        }),
      });
      byAuthorization.set(key, fetcher);
    }
    return fetcher(params, opts);
  };
}

function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

const token = storedToken();
const container = document.getElementById("graphiql");
if (container === null) throw new Error("graphiql/index.html lacks #graphiql");
container.textContent = "";
createRoot(container).render(
  <StrictMode>
    <GraphiQL
      fetcher={sessionAwareFetcher()}
      defaultQuery={DEFAULT_QUERY}
      // The guest page's session, when this browser has one, so the IDE sees the same tab.
      defaultHeaders={token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined}
      defaultEditorToolsVisibility={token ? "headers" : false}
    />
  </StrictMode>,
);
