import { describe, expect, it } from "vitest";
import {
  EMPTY_GATE,
  admit,
  balanceTone,
  describeChange,
  snapshotOf,
  viewOf,
  type OverlaySnapshot,
  type VersionGate,
} from "../../client/src/overlay-model.js";

function snap(overrides: Partial<OverlaySnapshot> = {}): OverlaySnapshot {
  return {
    tabId: "tab-1",
    version: 1,
    status: "OPEN",
    itemCount: 0,
    subtotalCents: 0,
    tipPercent: null,
    tipCents: 0,
    totalCents: 0,
    balanceCents: 100000,
    ...overrides,
  };
}

function feed(snapshots: OverlaySnapshot[]): { gate: VersionGate; accepted: number[] } {
  let gate = EMPTY_GATE;
  const accepted: number[] = [];
  snapshots.forEach((snapshot, index) => {
    const result = admit(gate, snapshot);
    gate = result.gate;
    if (result.accepted) accepted.push(index);
  });
  return { gate, accepted };
}

describe("version ordering", () => {
  it("accepts increasing versions and drops stale or repeated ones", () => {
    const { gate, accepted } = feed([snap({ version: 1 }), snap({ version: 3 }), snap({ version: 2 }), snap({ version: 3 }), snap({ version: 4 })]);
    expect(accepted).toEqual([0, 1, 4]);
    expect(gate.version).toBe(4);
  });

  it("moves to a new tab after payment and drops late news about the paid one", () => {
    const { gate, accepted } = feed([
      snap({ tabId: "tab-1", version: 7 }),
      snap({ tabId: "tab-2", version: 0 }), // the PAID event carries the new, empty tab
      snap({ tabId: "tab-1", version: 8 }), // a late event about the tab already paid
      snap({ tabId: "tab-2", version: 1 }),
    ]);
    expect(accepted).toEqual([0, 1, 3]);
    expect(gate).toMatchObject({ tabId: "tab-2", version: 1, retired: ["tab-1"] });
  });

  it("remembers a bounded number of retired tabs", () => {
    const snapshots = Array.from({ length: 40 }, (_, index) => snap({ tabId: `tab-${index}`, version: 0 }));
    const { gate } = feed(snapshots);
    expect(gate.retired.length).toBeLessThanOrEqual(16);
    expect(gate.retired.at(-1)).toBe("tab-38");
  });

  it("builds snapshots from the GraphQL tab", () => {
    const tab = { id: "t", status: "OPEN" as const, items: [{ id: "a" }, { id: "b" }], subtotalCents: 2500, tipPercent: 15, tipCents: 375, totalCents: 2875, version: 4 };
    expect(snapshotOf(tab, 97125)).toEqual({
      tabId: "t", version: 4, status: "OPEN", itemCount: 2, subtotalCents: 2500, tipPercent: 15, tipCents: 375, totalCents: 2875, balanceCents: 97125,
    });
  });
});

describe("what the overlay shows", () => {
  it("shows only Tab and Balance for an empty tab", () => {
    const view = viewOf(snap());
    expect(view.figures).toEqual({ tab: 0, balance: 100000, tip: 0, total: 0 });
    expect(view.layout).toMatchObject({ showTipButtons: false, showTipRow: false, selectedTipPercent: null });
  });

  it("offers tip buttons once the tab has items, and the Tip/Total row only with a tip", () => {
    const noTip = viewOf(snap({ itemCount: 1, subtotalCents: 1300, totalCents: 1300, balanceCents: 98700 }));
    expect(noTip.layout).toMatchObject({ showTipButtons: true, showTipRow: false, selectedTipPercent: null });
    const tipped = viewOf(snap({ itemCount: 1, subtotalCents: 2600, tipPercent: 15, tipCents: 390, totalCents: 2990, balanceCents: 97010 }));
    expect(tipped.layout).toMatchObject({ showTipButtons: true, showTipRow: true, selectedTipPercent: 15, tipPercent: 15 });
    expect(tipped.figures).toEqual({ tab: 2600, balance: 97010, tip: 390, total: 2990 });
  });

  it("highlights no button for a fixed-amount or off-menu percentage tip", () => {
    expect(viewOf(snap({ itemCount: 1, subtotalCents: 1000, tipCents: 500, totalCents: 1500 })).layout).toMatchObject({
      showTipRow: true,
      selectedTipPercent: null,
    });
    expect(viewOf(snap({ itemCount: 1, subtotalCents: 1000, tipPercent: 18, tipCents: 180, totalCents: 1180 })).layout.selectedTipPercent).toBeNull();
  });

  it("treats a 0% tip as no tip", () => {
    expect(viewOf(snap({ itemCount: 1, subtotalCents: 1000, tipPercent: 0, totalCents: 1000 })).layout).toMatchObject({ showTipRow: false, selectedTipPercent: null });
  });

  it("locks the tip buttons while a payment is pending", () => {
    expect(viewOf(snap({ status: "PAYMENT_PENDING", itemCount: 1 })).layout.locked).toBe(true);
  });
});

describe("balance colour", () => {
  it.each([
    [100000, "normal"],
    [5000, "normal"],
    [4999, "low"],
    [1, "low"],
    [0, "empty"],
    [-1, "empty"],
  ] as const)("%i cents is %s", (cents, tone) => {
    expect(balanceTone(cents)).toBe(tone);
  });
});

describe("screen reader announcements", () => {
  const empty = viewOf(snap());
  const martini = viewOf(snap({ version: 2, itemCount: 1, subtotalCents: 1300, totalCents: 1300, balanceCents: 98700 }));
  const tipped = viewOf(snap({ version: 3, itemCount: 1, subtotalCents: 1300, tipPercent: 15, tipCents: 195, totalCents: 1495, balanceCents: 98505 }));

  it("names what changed", () => {
    expect(describeChange(empty, martini)).toBe("Tab $13.00, Balance $987.00.");
    expect(describeChange(martini, tipped)).toBe("Balance $985.05, Tip $1.95 (15%), Total $14.95.");
    expect(describeChange(tipped, martini)).toBe("Balance $987.00, Tip removed.");
  });

  it("warns when the balance runs low or out, and says nothing when nothing changed", () => {
    const low = viewOf(snap({ balanceCents: 4000 }));
    expect(describeChange(empty, low)).toBe("Balance $40.00 (running low).");
    expect(describeChange(low, viewOf(snap({ balanceCents: 0 })))).toBe("Balance $0.00 (nothing left).");
    expect(describeChange(martini, martini)).toBe("");
  });
});
