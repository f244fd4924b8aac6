/**
 * Runs one Maya (the real composition root) in a worker thread for the HTTP
 * benches, so the server has its own event loop and the load generator on
 * the main thread does not steal its time slices. Protocol: workerData is
 * { database, env }; the worker posts { url } once listening (or { error }),
 * and closes Maya and posts { closed: true } when sent "close".
 */
import { parentPort, workerData } from "node:worker_threads";
import { startTestMaya, type TestDatabaseChoice } from "../../test/support/maya.js";

export interface MayaWorkerData {
  database: TestDatabaseChoice;
  env: Record<string, string>;
}

export type MayaWorkerMessage = { url: string } | { error: string } | { closed: true };

const port = parentPort;
if (port) {
  const { database, env } = workerData as MayaWorkerData;
  try {
    const app = await startTestMaya(database, env);
    port.on("message", (message: unknown) => {
      if (message !== "close") return;
      void app.close().then(() => port.postMessage({ closed: true } satisfies MayaWorkerMessage));
    });
    port.postMessage({ url: app.url } satisfies MayaWorkerMessage);
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies MayaWorkerMessage);
  }
}
