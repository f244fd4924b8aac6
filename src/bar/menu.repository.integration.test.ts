/** readMenu against a seeded database (PGlite, and PostgreSQL when reachable): the shipped catalog, in menu order. */
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../test/support/backends.js";
import { useMigratedDatabase } from "../../test/support/database.js";
import { MENU_CATALOG } from "./menu-catalog.js";
import { readMenu } from "./menu.repository.js";

describe.each(await availableBackends())("readMenu on %s", (backend) => {
  const fixture = useMigratedDatabase(backend);

  it("reads every item as shipped, in menu order", async () => {
    const menu = await readMenu(fixture.db.sql);
    expect(menu).toEqual([...MENU_CATALOG].sort((a, b) => a.sortOrder - b.sortOrder));
  });

  it("sees a change made in the database", async () => {
    await fixture.db.prisma.menuItem.update({ where: { id: "water" }, data: { priceCents: 150 } });
    expect((await readMenu(fixture.db.sql)).find((item) => item.id === "water")?.priceCents).toBe(150);
  });
});
