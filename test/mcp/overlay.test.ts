/**
 * An overlay token on /mcp: a read-only MCP session. It reads the menu and the tab (and hears the
 * tab change), and every tool that would change something (or read a payment) is refused FORBIDDEN
 * in Maya's words, changing nothing. It never opens the guest's own MCP session, nor the reverse.
 */
import { afterEach, describe, expect, it } from "vitest";
import { useMaya } from "../support/backends.js";
import { MayaClient, ME_QUERY } from "../support/maya.js";
import { ADD } from "../support/operations.js";
import { call, connectHttp, initializeRequest, ok, rawPost, readJson, waitForUpdates, type McpGuest } from "../support/mcp.js";

describe("MCP with an overlay token", () => {
  const maya = useMaya("pglite");
  const open: McpGuest[] = [];
  afterEach(async () => {
    for (const agent of open.splice(0)) await agent.close();
  });

  async function guestAndOverlayAgent() {
    const guest = await MayaClient.startSession(maya.app.url);
    const { createOverlayToken } = await guest.data<{ createOverlayToken: string }>(`mutation { createOverlayToken }`);
    const agent = await connectHttp(maya.app.url, createOverlayToken);
    open.push(agent);
    return { guest, agent, overlayToken: createOverlayToken };
  }

  it("reads the menu and the tab, and hears the tab change", async () => {
    const { guest, agent } = await guestAndOverlayAgent();
    await guest.data(ADD, { item: "martini", quantity: 2 });
    expect((await ok<{ tab: { items: unknown[] } }>(agent.client, "get_tab")).tab.items).toHaveLength(1);
    expect((await ok<{ items: unknown[] }>(agent.client, "get_menu")).items.length).toBeGreaterThan(5);
    await agent.client.subscribeResource({ uri: "maya://tab" });
    await guest.data(ADD, { item: "ipa" });
    await waitForUpdates(agent, 1);
    expect(await readJson(agent.client, "maya://tab")).toMatchObject({ tab: { items: [expect.anything(), expect.anything()] } });
    expect(await readJson(agent.client, "maya://session")).toMatchObject({ readOnly: true, page: expect.stringMatching(/\/overlay#token=maya_ovl_/) });
  });

  it("refuses every tool that changes something (or reads a payment) with FORBIDDEN, and nothing changes", async () => {
    const { guest, agent } = await guestAndOverlayAgent();
    await guest.data(ADD, { item: "ipa" });
    const before = await guest.data(ME_QUERY);
    const attempts: [string, Record<string, unknown>][] = [
      ["order_drinks", { items: [{ drink: "martini" }] }],
      ["remove_from_tab", { drink: "ipa" }],
      ["set_tip", { percent: 20 }],
      ["pay_tab", {}],
      ["payment_status", {}],
      ["say", { text: "two martinis and a 20% tip" }],
    ];
    for (const [tool, args] of attempts) {
      const answer = await call(agent.client, tool, args);
      expect({ tool, isError: answer.isError, code: answer.meta?.code }).toEqual({ tool, isError: true, code: "FORBIDDEN" });
      expect(answer.text).toMatch(/overlay token can only read/);
    }
    expect(await guest.data(ME_QUERY)).toEqual(before);
    const { me } = await guest.data<{ me: { id: string } }>(`{ me { id } }`);
    expect(await maya.app.db.prisma.paymentAttempt.count({ where: { sessionId: me.id } })).toBe(0);
    expect(await maya.app.db.prisma.message.count({ where: { sessionId: me.id } })).toBe(0);
  });

  it("never opens the guest's MCP session, nor the guest an overlay's; a revoked token is refused (401)", async () => {
    const { guest, agent, overlayToken } = await guestAndOverlayAgent();
    const guestAgent = await connectHttp(maya.app.url, guest.token);
    open.push(guestAgent);
    const list = { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} };
    const intoGuests = await rawPost(maya.app.url, list, { authorization: `Bearer ${overlayToken}`, "mcp-session-id": guestAgent.transport.sessionId! });
    expect(intoGuests.status).toBe(403);
    const intoOverlays = await rawPost(maya.app.url, list, { authorization: `Bearer ${guest.token}`, "mcp-session-id": agent.transport.sessionId! });
    expect(intoOverlays.status).toBe(403);
    await guest.data(`mutation { revokeOverlayTokens }`);
    expect((await rawPost(maya.app.url, initializeRequest(), { authorization: `Bearer ${overlayToken}` })).status).toBe(401);
  });
});
