/**
 * The read-only overlay token, through the real app on both databases: it reads `me` and follows
 * `tabChanged`, and every mutation sent with it (each one the schema has, found by introspection so a
 * new mutation is covered the day it is added) is FORBIDDEN and changes nothing, over HTTP and over
 * the socket. It is capped per session under concurrency, revoked at once (open sockets closed),
 * and ends with its session.
 */
import { describe, expect, it } from "vitest";
import { availableBackends, useMaya } from "../support/backends.js";
import { MayaClient, ME_QUERY, startTestMaya } from "../support/maya.js";
import { ADD, CARD_DECLINED, CHECKOUT, SAY, SIMULATE } from "../support/operations.js";
import { collectTabEvents } from "../support/subscriptions.js";

const OVERLAY_EVENTS = `subscription { tabChanged(snapshot: true) {
  reason balanceCents tab { id version totalCents status } payment { id status checkoutUrl } } }`;

interface IntrospectedType {
  kind: string;
  name: string | null;
  ofType: IntrospectedType | null;
}
interface IntrospectedMutation {
  name: string;
  args: { name: string; type: IntrospectedType; defaultValue: string | null }[];
  type: IntrospectedType;
}

const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name } } }`;

/** Every mutation of the served schema as a runnable document, with made-up arguments of the right types. */
async function everyMutation(client: MayaClient): Promise<{ name: string; document: string }[]> {
  const { __schema } = await client.data<{ __schema: { mutationType: { fields: IntrospectedMutation[] } } }>(`{ __schema { mutationType {
    fields { name type { ${TYPE_REF} } args { name defaultValue type { ${TYPE_REF} } } } } } }`);
  const literal = (type: IntrospectedType): string => {
    if (type.kind === "NON_NULL") return literal(type.ofType!);
    if (type.kind === "LIST") return "[]";
    return type.name === "Int" ? "1" : type.name === "Boolean" ? "false" : `"00000000-0000-4000-8000-000000000000"`;
  };
  const named = (type: IntrospectedType): IntrospectedType => (type.ofType ? named(type.ofType) : type);
  return __schema.mutationType.fields.map((field) => {
    const args = field.args.filter((arg) => arg.type.kind === "NON_NULL" && arg.defaultValue === null);
    const argText = args.length ? `(${args.map((arg) => `${arg.name}: ${literal(arg.type)}`).join(", ")})` : "";
    const selection = ["OBJECT"].includes(named(field.type).kind) ? " { __typename }" : "";
    return { name: field.name, document: `mutation { ${field.name}${argText}${selection} }` };
  });
}

describe.each(await availableBackends())("overlay tokens on %s", (backend) => {
  const maya = useMaya(backend);

  async function guestWithOverlay() {
    const guest = await MayaClient.startSession(maya.app.url);
    const { createOverlayToken } = await guest.data<{ createOverlayToken: string }>(`mutation { createOverlayToken }`);
    return { guest, overlay: new MayaClient(maya.app.url, createOverlayToken) };
  }

  it("reads `me` as the guest sees it, but not the transcript or a payment", async () => {
    const { guest, overlay } = await guestWithOverlay();
    expect(overlay.token).toMatch(/^maya_ovl_[A-Za-z0-9_-]{43}$/);
    await guest.data(ADD, { item: "martini" });
    expect(await overlay.data(ME_QUERY)).toEqual(await guest.data(ME_QUERY));
    expect(await overlay.errorCode(`{ me { id transcript { text } } }`)).toBe("FORBIDDEN");
    const { checkout } = await guest.data<{ checkout: { id: string } }>(CHECKOUT);
    expect(await overlay.errorCode(`query($id: ID!) { payment(id: $id) { id } }`, { id: checkout.id })).toBe("FORBIDDEN");
  });

  it("is refused FORBIDDEN for every mutation over HTTP and the socket, and nothing changes", async () => {
    const { guest, overlay } = await guestWithOverlay();
    await guest.data(ADD, { item: "ipa" });
    const before = await guest.data(ME_QUERY);
    const sessionsBefore = await maya.app.db.prisma.session.count();
    const overlaysBefore = await maya.app.db.prisma.overlayToken.count();
    const mutations = await everyMutation(guest);
    expect(mutations.map((m) => m.name)).toEqual(expect.arrayContaining(["startSession", "addToTab", "say", "setTip", "checkout", "createOverlayToken", "revokeOverlayTokens"]));

    const socket = overlay.subscriptions();
    try {
      for (const { name, document } of mutations) {
        const overHttp = await fetch(`${maya.app.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${overlay.token}` },
          body: JSON.stringify({ query: document }),
        });
        const body = (await overHttp.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
        expect({ name, status: overHttp.status, codes: body.errors?.map((e) => e.extensions.code), data: body.data ?? null }).toEqual({
          name,
          status: 403,
          codes: ["FORBIDDEN"],
          data: null,
        });
        const overSocket = await new Promise<unknown[]>((resolve) => {
          const errors: unknown[] = [];
          socket.subscribe({ query: document }, { next: () => undefined, error: (e) => resolve(Array.isArray(e) ? e : [e]), complete: () => resolve(errors) });
        });
        expect({ name, overSocket: overSocket.map((e) => (e as { extensions?: { code?: string } }).extensions?.code) }).toEqual({ name, overSocket: ["FORBIDDEN"] });
      }
    } finally {
      await socket.dispose();
    }
    expect(await guest.data(ME_QUERY)).toEqual(before);
    expect(await maya.app.db.prisma.session.count()).toBe(sessionsBefore);
    expect(await maya.app.db.prisma.overlayToken.count()).toBe(overlaysBefore);
    // The overlay still works afterwards: nothing it tried revoked it.
    expect(await overlay.data(ME_QUERY)).toEqual(before);
  });

  it("follows tabChanged in version order, with no checkout link, while the guest's events have one", async () => {
    const { guest, overlay } = await guestWithOverlay();
    const overlaySocket = overlay.subscriptions();
    const guestSocket = guest.subscriptions();
    const seen = collectTabEvents(overlaySocket, OVERLAY_EVENTS);
    const guestSeen = collectTabEvents(guestSocket, OVERLAY_EVENTS);
    try {
      await expect.poll(() => seen.events.length + guestSeen.events.length).toBe(2);
      await guest.data(SAY, { text: "two martinis please" });
      await guest.data(ADD, { item: "ipa" });
      const { checkout } = await guest.data<{ checkout: { id: string } }>(CHECKOUT);
      await guest.data(SIMULATE, { id: checkout.id, card: CARD_DECLINED });
      await expect.poll(() => seen.events.map((e) => e.reason)).toEqual(["SNAPSHOT", "ITEM_ADDED", "ITEM_ADDED", "PAYMENT_PENDING", "PAYMENT_FAILED"]);
      const versions = seen.events.map((e) => e.tab.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(new Set(versions).size).toBe(versions.length);
      await expect.poll(() => guestSeen.events.length).toBe(5);
      // The settled attempt carries its checkout link: the guest's event shows it, the overlay's never.
      const failed = (events: typeof seen.events) => events.at(-1)?.payment as { checkoutUrl: string | null } | null;
      expect(failed(guestSeen.events)?.checkoutUrl).toMatch(/\/checkout\//);
      expect(failed(seen.events)).toMatchObject({ status: "FAILED", checkoutUrl: null });
      expect(seen.errors).toEqual([]);
    } finally {
      seen.stop();
      guestSeen.stop();
      await overlaySocket.dispose();
      await guestSocket.dispose();
    }
  });

  it("is revoked at once: its socket closes (4403), HTTP and new sockets refuse it, the guest's token works on", async () => {
    const { guest, overlay } = await guestWithOverlay();
    const { createOverlayToken: second } = await guest.data<{ createOverlayToken: string }>(`mutation { createOverlayToken }`);
    const socket = overlay.subscriptions();
    const seen = collectTabEvents(socket, OVERLAY_EVENTS);
    try {
      await expect.poll(() => seen.events.length).toBe(1);
      expect(await guest.data(`mutation { revokeOverlayTokens }`)).toEqual({ revokeOverlayTokens: true });
      await expect.poll(() => (seen.failure as { code?: number } | undefined)?.code).toBe(4403);
      expect(await overlay.errorCode(ME_QUERY)).toBe("UNAUTHENTICATED");
      expect(await new MayaClient(maya.app.url, second).errorCode(ME_QUERY)).toBe("UNAUTHENTICATED");
      const again = collectTabEvents(overlay.subscriptions(), OVERLAY_EVENTS);
      await expect.poll(() => (again.failure as { code?: number } | undefined)?.code).toBe(4403);
      const { me } = await guest.data<{ me: { id: string } }>(`{ me { id } }`);
      expect(await maya.app.db.prisma.overlayToken.count({ where: { sessionId: me.id } })).toBe(0);
    } finally {
      seen.stop();
      await socket.dispose();
    }
  });

  it.runIf(backend === "postgres")("is revoked on another instance too: its socket there closes within a keep-alive period", async () => {
    const { guest, overlay } = await guestWithOverlay();
    const other = await startTestMaya({ kind: "postgres", url: maya.databaseUrl! });
    const socket = new MayaClient(other.url, overlay.token).subscriptions();
    const seen = collectTabEvents(socket, OVERLAY_EVENTS);
    try {
      await expect.poll(() => seen.events.length).toBe(1);
      const revokedAt = Date.now();
      await guest.data(`mutation { revokeOverlayTokens }`);
      await expect.poll(() => (seen.failure as { code?: number } | undefined)?.code, { timeout: 20_000, interval: 100 }).toBe(4403);
      const closedAfterMs = Date.now() - revokedAt;
      console.log(`[overlay tokens on ${backend}] revoked on one instance, the other closed its socket after ${closedAfterMs} ms`);
      expect(closedAfterMs).toBeLessThan(15_000);
      expect(await new MayaClient(other.url, overlay.token).errorCode(ME_QUERY)).toBe("UNAUTHENTICATED");
    } finally {
      seen.stop();
      await socket.dispose();
      await other.close();
    }
  });

  it("holds at most 20 per session, even when 30 are asked for at once", async () => {
    const guest = await MayaClient.startSession(maya.app.url);
    const results = await Promise.all(Array.from({ length: 30 }, () => guest.request<{ createOverlayToken: string }>(`mutation { createOverlayToken }`)));
    const made = results.filter((r) => r.data?.createOverlayToken);
    const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === "BAD_USER_INPUT");
    expect(made).toHaveLength(20);
    expect(refused).toHaveLength(10);
    expect(refused[0]?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 20 .*revokeOverlayTokens/), extensions: { reason: "TOO_MANY_OVERLAY_TOKENS" } });
    const { me } = await guest.data<{ me: { id: string } }>(`{ me { id } }`);
    expect(await maya.app.db.prisma.overlayToken.count({ where: { sessionId: me.id } })).toBe(20);
    await guest.data(`mutation { revokeOverlayTokens }`);
    expect(await maya.app.db.prisma.overlayToken.count({ where: { sessionId: me.id } })).toBe(0);
    expect(await guest.data(`mutation { createOverlayToken }`)).toMatchObject({ createOverlayToken: expect.stringMatching(/^maya_ovl_/) });
  });

  it("is refused when malformed or unknown, and cannot stand in for a guest token anywhere", async () => {
    const { guest } = await guestWithOverlay();
    for (const token of ["maya_ovl_short", `maya_ovl_${"A".repeat(43)}`]) {
      expect(await new MayaClient(maya.app.url, token).errorCode(ME_QUERY)).toBe("UNAUTHENTICATED");
    }
    // A guest's token with the overlay prefix stuck on is not an overlay token of that guest.
    expect(await new MayaClient(maya.app.url, `maya_ovl_${guest.token}`).errorCode(ME_QUERY)).toBe("UNAUTHENTICATED");
  });
});
