/**
 * Adds test-only menu rows with odd cent prices before an app starts (the
 * app loads the menu from the database once, at startup), so percentage tips
 * land on half cents and the half-up rounding is really exercised. The
 * product's menu is whole dollars, where every whole percent is exact.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/db/database.js";
import { migrateAndSeed } from "../../src/db/migrate.js";
import type { Prepared } from "./backends.js";
import type { TestDatabaseChoice } from "./maya.js";

export const ODD_CENT_ITEMS = [
  { id: "test-bitters", name: "Test Bitters", priceCents: 137 },
  { id: "test-shot", name: "Test Shot", priceCents: 1249 },
  { id: "test-splash", name: "Test Splash", priceCents: 5 },
] as const;

export async function withOddCentItems(choice: TestDatabaseChoice): Promise<Prepared> {
  let dataDir: string | undefined;
  if (choice.kind === "pglite") dataDir = await mkdtemp(join(tmpdir(), "maya-odd-menu-"));
  const db = await openDatabase(choice.kind === "postgres" ? { databaseUrl: choice.url, dataDir: "unused" } : { dataDir: dataDir! });
  try {
    await migrateAndSeed(db);
    for (const [index, item] of ODD_CENT_ITEMS.entries()) {
      await db.prisma.menuItem.create({
        data: {
          ...item,
          category: "NON_ALCOHOLIC",
          description: "A test-only item with an odd price in cents.",
          aliases: [],
          modifiers: [],
          servingChoices: [],
          tags: [],
          sortOrder: 1000 + index,
        },
      });
    }
  } finally {
    await db.close();
  }
  if (!dataDir) return {};
  const dir = dataDir;
  return { env: { MAYA_DATA_DIR: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
