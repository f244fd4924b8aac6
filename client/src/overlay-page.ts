/**
 * GET /overlay: the overlay alone on a transparent page, for a second screen or a streaming tool.
 * The token comes from the URL fragment (#token=…), which a browser never sends to a server, so no
 * proxy or access log ever sees it; changing the fragment switches tokens without a reload.
 */
const overlay = document.querySelector("maya-tab-overlay");

function applyToken(): void {
  const token = new URLSearchParams(location.hash.replace(/^#/, "")).get("token");
  if (token) overlay?.setAttribute("token", token);
  else overlay?.removeAttribute("token");
}

applyToken();
addEventListener("hashchange", applyToken);
