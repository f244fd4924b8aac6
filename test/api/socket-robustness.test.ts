/**
 * The graphql-ws socket under clumsy and hostile clients: a connection_init
 * whose authorization is not a string is refused like a bad token (4403, no
 * internal text), and a client that vanishes in the middle of a burst of
 * events with many subscriptions open costs nothing but its socket: no error
 * per subscription in the log, and everyone else keeps being served.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { collectTabEvents, waitForEvents, waitForSubscribers } from "../support/subscriptions.js";
import { RawSocket } from "../support/ws.js";
import { recordingLogger } from "../support/recording-logger.js";

const { logger, logged } = recordingLogger();

let app: MayaApp;
beforeAll(async () => {
  app = await startTestMaya({ kind: "pglite" }, { MAYA_MAX_SUBSCRIPTIONS_PER_SOCKET: "50" }, { logger });
});
afterAll(async () => {
  await app?.close();
});

describe("connection_init", () => {
  it.each([
    ["a number", 42],
    ["an object", { token: "x" }],
    ["an array", ["Bearer x"]],
    ["null", null],
    ["true", true],
  ])("with %s as authorization closes with 4403 and no internal text", async (_name, authorization) => {
    const socket = RawSocket.open(app.url);
    expect(await socket.init({ authorization })).toBe(false);
    const closed = await socket.closing;
    expect(closed).toEqual({ code: 4403, reason: "Forbidden" });
  });

  it("with a payload that is not an object is a protocol error (4400), with no internal text", async () => {
    const socket = RawSocket.open(app.url);
    await socket.opened;
    socket.send({ type: "connection_init", payload: "Bearer x" });
    expect(await socket.closing).toEqual({ code: 4400, reason: "Invalid message received" });
  });
});

describe("a client that vanishes mid-delivery with many subscriptions", () => {
  it("is dropped without an error per subscription, and the other subscribers get every event", async () => {
    const guest = await MayaClient.startSession(app.url);
    const watcher = guest.subscriptions();
    const watched = collectTabEvents(watcher);
    const baseline = app.services.feed.activeSubscriptions;
    const errorsBefore = logged.filter((line) => line.level === "error").length;

    for (let round = 0; round < 3; round++) {
      const socket = RawSocket.open(app.url);
      expect(await socket.init({ authorization: `Bearer ${guest.token}` })).toBe(true);
      for (let id = 0; id < 20; id++) {
        socket.send({ id: String(id), type: "subscribe", payload: { query: `subscription { tabChanged { reason tab { version items { id } } } }` } });
      }
      await waitForSubscribers(app, baseline + 1 + 20);
      // Gone without a goodbye as soon as the first event has reached every subscription,
      // while the rest of the burst is still being written to it.
      let received = 0;
      socket.socket.on("message", () => {
        if (++received === 20) socket.socket.terminate();
      });
      await Promise.all(Array.from({ length: 10 }, () => guest.data(`mutation { addToTab(menuItemId: "water") { id } }`)));
      await socket.closing;
      await expect.poll(() => app.services.feed.activeSubscriptions).toBe(baseline + 1);
    }

    expect(logged.filter((line) => line.level === "error").slice(errorsBefore)).toEqual([]);
    expect(JSON.stringify(logged)).not.toMatch(/EPIPE|ECONNRESET/);
    const events = await waitForEvents(watched, 30);
    expect(events.map((event) => event.tab.version)).toEqual(Array.from({ length: 30 }, (_, i) => events[0]!.tab.version + i));
    watched.stop();
    await watcher.dispose();
  });
});
