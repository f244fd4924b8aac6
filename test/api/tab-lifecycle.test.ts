/**
 * The bar through GraphQL, on PGlite and on real PostgreSQL: the menu as the
 * product defines it, and a whole tab's life (order, tip that follows the
 * subtotal, checkout locking the tab, a declined card reopening it as it was,
 * a successful payment opening a new tab) with the money right at every step.
 */
import { describe, expect, it } from "vitest";
import { availableBackends, useMaya } from "../support/backends.js";
import { assertConserved, readLedger } from "../support/ledger.js";
import { ME_QUERY, MayaClient } from "../support/maya.js";
import {
  ADD,
  CARD_DECLINED,
  CARD_OK,
  CHECKOUT,
  MENU,
  PAYMENT,
  REMOVE,
  SET_TIP,
  SIMULATE,
  type PaymentShape,
  type TabShape,
} from "../support/operations.js";

/** PRODUCT.md, "The bar": name, category, price in dollars. */
const PRODUCT_MENU: [string, string, number][] = [
  ["Daiquiri", "COCKTAIL", 10],
  ["Martini", "COCKTAIL", 13],
  ["Long Island", "COCKTAIL", 12],
  ["Old Fashioned", "COCKTAIL", 12],
  ["Negroni", "COCKTAIL", 11],
  ["Cosmopolitan", "COCKTAIL", 12],
  ["Manhattan", "COCKTAIL", 12],
  ["Tap Beer", "BEER", 5],
  ["Classic Brew", "BEER", 5],
  ["IPA", "BEER", 6],
  ["Whiskey", "SPIRIT", 8],
  ["Vodka", "SPIRIT", 7],
  ["Rum", "SPIRIT", 7],
  ["Gin", "SPIRIT", 8],
  ["Tequila", "SPIRIT", 8],
  ["Brandy", "SPIRIT", 9],
  ["Water", "NON_ALCOHOLIC", 1],
  ["Iced Tea", "NON_ALCOHOLIC", 2],
  ["Lemonade", "NON_ALCOHOLIC", 2],
  ["Soda", "NON_ALCOHOLIC", 3],
];
const KNOWN_MODIFIERS = ["shaken", "stirred", "neat", "on the rocks", "up", "dry", "dirty", "perfect", "with a twist", "with a chaser", "double"];

interface MenuRow {
  id: string;
  name: string;
  category: string;
  priceCents: number;
  description: string;
  modifiers: string[];
}

describe.each(await availableBackends())("the bar over GraphQL on %s", (backend) => {
  const maya = useMaya(backend);

  it("serves the product's 20 menu items with slugs, integer cent prices and modifiers", async () => {
    const { menu } = await new MayaClient(maya.app.url).data<{ menu: MenuRow[] }>(MENU);
    expect(menu.map((item) => [item.name, item.category, item.priceCents])).toEqual(
      PRODUCT_MENU.map(([name, category, dollars]) => [name, category, dollars * 100]),
    );
    expect(new Set(menu.map((item) => item.id)).size).toBe(20);
    for (const item of menu) {
      expect(item.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(Number.isInteger(item.priceCents)).toBe(true);
      expect(item.description.length).toBeGreaterThan(10);
      for (const modifier of item.modifiers) expect(KNOWN_MODIFIERS).toContain(modifier);
      if (item.category === "SPIRIT") expect(item.modifiers).toEqual(expect.arrayContaining(["neat", "on the rocks", "double"]));
    }
    const byId = new Map(menu.map((item) => [item.id, item]));
    expect(byId.get("martini")?.name).toBe("Martini");
    expect(byId.get("long-island")?.name).toBe("Long Island");
    expect(byId.get("martini")?.modifiers).toEqual(expect.arrayContaining(["dirty", "shaken", "stirred"]));
    expect(byId.get("ipa")?.modifiers).not.toContain("neat");
  });

  it("runs a tab from first order through a declined card to a paid tab and a new one", async () => {
    const guest = await MayaClient.startSession(maya.app.url, "Ann");
    const me = async () => (await guest.data<{ me: { id: string; balanceCents: number; tab: TabShape } }>(ME_QUERY)).me;
    const start = await me();
    expect(start.balanceCents).toBe(100_000);
    expect(start.tab).toMatchObject({ status: "OPEN", items: [], subtotalCents: 0, tipPercent: null, tipCents: 0, totalCents: 0 });
    const v0 = start.tab.version;

    const add = async (item: string, quantity = 1, modifiers: string[] = []) =>
      (await guest.data<{ addToTab: TabShape }>(ADD, { item, quantity, modifiers })).addToTab;

    let tab = await add("martini", 2);
    expect(tab).toMatchObject({ subtotalCents: 2600, totalCents: 2600, version: v0 + 1 });
    tab = await add("whiskey", 1, ["double", "on the rocks"]);
    expect(tab.items.find((line) => line.menuItem.id === "whiskey")).toMatchObject({
      quantity: 1,
      modifiers: ["double", "on the rocks"],
      unitPriceCents: 1600,
      lineTotalCents: 1600,
    });
    expect(tab).toMatchObject({ subtotalCents: 4200, version: v0 + 2 });

    tab = (await guest.data<{ setTip: TabShape }>(SET_TIP, { percent: 15 })).setTip;
    expect(tab).toMatchObject({ subtotalCents: 4200, tipPercent: 15, tipCents: 630, totalCents: 4830, version: v0 + 3 });
    expect((await me()).balanceCents).toBe(100_000 - 4830);

    // The percentage follows the subtotal both ways.
    tab = await add("ipa");
    expect(tab).toMatchObject({ subtotalCents: 4800, tipPercent: 15, tipCents: 720, totalCents: 5520, version: v0 + 4 });
    const martiniLine = tab.items.find((line) => line.menuItem.id === "martini")!;
    tab = (await guest.data<{ removeFromTab: TabShape }>(REMOVE, { line: martiniLine.id })).removeFromTab;
    expect(tab).toMatchObject({ subtotalCents: 2200, tipPercent: 15, tipCents: 330, totalCents: 2530, version: v0 + 5 });
    expect((await me()).balanceCents).toBe(100_000 - 2530);

    // Checkout locks the tab; every change is TAB_LOCKED and changes nothing.
    const first = (await guest.data<{ checkout: PaymentShape }>(CHECKOUT)).checkout;
    expect(first).toMatchObject({ status: "PENDING", amountCents: 2530, tipCents: 330, provider: "mock", failureReason: null });
    expect(first.checkoutUrl).toContain(first.id);
    expect(first.idempotencyKey).toContain(first.id);
    const pending = await me();
    expect(pending.tab).toMatchObject({ ...tab, status: "PAYMENT_PENDING", version: v0 + 6 });
    const lineId = pending.tab.items[0]!.id;
    expect(await guest.errorCode(ADD, { item: "water" })).toBe("TAB_LOCKED");
    expect(await guest.errorCode(REMOVE, { line: lineId })).toBe("TAB_LOCKED");
    expect(await guest.errorCode(SET_TIP, { percent: 20 })).toBe("TAB_LOCKED");
    expect(await guest.errorCode(SET_TIP, {})).toBe("TAB_LOCKED");
    expect(await me()).toEqual(pending);
    expect((await guest.data<{ checkout: PaymentShape }>(CHECKOUT)).checkout.id).toBe(first.id);

    // Declined: the tab reopens exactly as it was (one version on), the money untouched.
    const declined = (await guest.data<{ simulatePayment: PaymentShape }>(SIMULATE, { id: first.id, card: CARD_DECLINED })).simulatePayment;
    expect(declined).toMatchObject({ id: first.id, status: "FAILED", amountCents: 2530 });
    expect(declined.failureReason).toMatch(/declined/i);
    const reopened = await me();
    expect(reopened.tab).toEqual({ ...tab, status: "OPEN", version: v0 + 7 });
    expect(reopened.balanceCents).toBe(100_000 - 2530);
    // Paying a settled attempt again changes nothing.
    expect((await guest.data<{ simulatePayment: PaymentShape }>(SIMULATE, { id: first.id, card: CARD_OK })).simulatePayment.status).toBe("FAILED");
    expect(await me()).toEqual(reopened);

    // Second try: a new attempt, paid.
    const second = (await guest.data<{ checkout: PaymentShape }>(CHECKOUT)).checkout;
    expect(second.id).not.toBe(first.id);
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
    expect(second).toMatchObject({ status: "PENDING", amountCents: 2530, tipCents: 330 });
    const paid = (await guest.data<{ simulatePayment: PaymentShape }>(SIMULATE, { id: second.id, card: CARD_OK })).simulatePayment;
    expect(paid).toMatchObject({ id: second.id, status: "SUCCEEDED", failureReason: null });

    const after = await me();
    expect(after.tab.id).not.toBe(tab.id);
    expect(after.tab).toMatchObject({ status: "OPEN", items: [], subtotalCents: 0, tipPercent: null, tipCents: 0, totalCents: 0 });
    expect(after.tab.version).toBeGreaterThan(v0 + 8);
    expect(after.balanceCents).toBe(100_000 - 2530);

    expect((await guest.data<{ payment: PaymentShape }>(PAYMENT, { id: first.id })).payment.status).toBe("FAILED");
    expect((await guest.data<{ payment: PaymentShape }>(PAYMENT, { id: second.id })).payment.status).toBe("SUCCEEDED");
    const ledger = await readLedger(maya.app.db.prisma, after.id);
    expect(ledger).toMatchObject({ startingBalanceCents: 100_000, balanceCents: 97_470, currentTabCents: 0, paidCents: 2530 });
    assertConserved(ledger);
    expect(await maya.app.db.prisma.paymentAttempt.count({ where: { sessionId: after.id } })).toBe(2);

    // The new tab takes orders again; checkout of an empty tab is refused.
    expect((await add("water")).version).toBe(after.tab.version + 1);
    const other = await MayaClient.startSession(maya.app.url);
    expect(await other.errorCode(CHECKOUT)).toBe("BAD_USER_INPUT");
  });
});
