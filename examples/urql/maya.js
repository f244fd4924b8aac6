// Maya from a frontend on another origin, with urql and graphql-ws (npm i @urql/core graphql-ws).
// The page's origin must be listed in Maya's MAYA_CORS_ORIGINS. Queries and mutations go over HTTP,
// tabChanged over the socket; both carry the session's bearer token (never a cookie).
import { Client, fetchExchange, subscriptionExchange } from "@urql/core";
import { createClient as createSocketClient } from "graphql-ws";

export const START_SESSION = `mutation StartSession($name: String) {
  startSession(customerName: $name) { token session { id balanceCents } }
}`;

/** The session as it is first (reason SNAPSHOT), then every change, in version order. */
export const TAB_CHANGED = `subscription TabChanged {
  tabChanged(snapshot: true) {
    reason balanceCents message
    tab { id version status subtotalCents tipCents totalCents items { quantity menuItem { name } } }
  }
}`;

export const ORDER = `mutation Order($drink: ID!, $quantity: Int!) {
  addToTab(menuItemId: $drink, quantity: $quantity) { version totalCents }
}`;

/** Or let Maya understand it: say(text: "two martinis and a 20% tip"). */
export const SAY = `mutation Say($text: String!) { say(text: $text) { text intent } }`;

export const TIP = `mutation Tip($percent: Int) { setTip(percent: $percent) { version tipCents totalCents } }`;

/** A client of the Maya at `mayaUrl` ("https://maya.example"), acting as whoever `token()` names (null: nobody yet). */
export function createMayaClient(mayaUrl, token) {
  const authorization = () => (token() ? { authorization: `Bearer ${token()}` } : {});
  const socket = createSocketClient({
    url: `${mayaUrl.replace(/^http/, "ws")}/graphql`,
    connectionParams: authorization,
  });
  return new Client({
    url: `${mayaUrl}/graphql`,
    fetchOptions: () => ({ headers: authorization() }),
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? "" }, sink) }),
        }),
      }),
    ],
  });
}
