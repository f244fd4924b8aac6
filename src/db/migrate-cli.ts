/** `npm run db:migrate`: applies migrations and seeds the menu on the configured database. */
import { loadConfig } from "../config.js";
import { openDatabase } from "./database.js";
import { migrateAndSeed } from "./migrate.js";

const config = loadConfig(process.env);
const db = await openDatabase(config.database);
try {
  const report = await migrateAndSeed(db);
  const where = config.database.databaseUrl ? "PostgreSQL" : `embedded PostgreSQL in ${config.database.dataDir}`;
  console.log(
    `migrations: ${report.applied.length ? report.applied.join(", ") : "none pending"}; menu: ${report.menuItems} items (${where})`,
  );
} finally {
  await db.close();
}
// The schema engine leaves a timer running for about ten seconds.
process.exit(0);
