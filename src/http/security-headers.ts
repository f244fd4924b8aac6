/**
 * Security headers on every response (helmet): the pages Maya serves (the
 * guest client, the mock checkout, the GraphQL IDE) may be framed only by
 * Maya itself, load scripts only from Maya, and are not sniffed or leaked
 * through referrers. Inline <style> blocks stay allowed (the checkout page
 * and the IDE's shell use them; React and CodeMirror set styles too);
 * scripts are files only, never inline. Maya is served over plain HTTP on a
 * LAN as well, so requests are not upgraded to https.
 */
import helmet from "helmet";

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        // Same-origin fetch and the graphql-ws socket ('self' covers ws: and wss: on the same host).
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "upgrade-insecure-requests": null,
      },
    },
    // Same-origin framing only, for browsers that predate frame-ancestors.
    xFrameOptions: { action: "sameorigin" },
    // Plain HTTP on a LAN is a supported setup: no HSTS from the app (a TLS proxy can add it).
    strictTransportSecurity: false,
  });
}
