/**
 * The `GET /metrics` handler. Typed against Node's own request/response shapes
 * so it mounts on express (`app.get("/metrics", handler)`) or a bare http server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MayaMetrics } from "./metrics.js";

export function metricsHandler(metrics: Pick<MayaMetrics, "render" | "contentType">) {
  return async (_request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const body = await metrics.render();
      response.statusCode = 200;
      response.setHeader("Content-Type", metrics.contentType);
      response.setHeader("Cache-Control", "no-store");
      response.end(body);
    } catch (error) {
      // A failed scrape must say so: Prometheus then marks the target down
      // instead of storing a partial picture.
      response.statusCode = 500;
      response.setHeader("Content-Type", "text/plain; charset=utf-8");
      response.end(`metrics collection failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
}
