/**
 * Prints the SQL of the next migration: from prisma/migrations to
 * prisma/schema.prisma, replayed on a throwaway in-memory PGlite.
 *   npm run db:diff > prisma/migrations/<timestamp>_<name>/migration.sql
 */
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { diffMigrationsToSchema } from "./schema-engine.js";
import { projectPath } from "./paths.js";

const shadow = await PGlite.create();
try {
  const sql = await diffMigrationsToSchema(
    new PrismaPGlite(shadow),
    projectPath("prisma/migrations"),
    projectPath("prisma/schema.prisma"),
  );
  process.stdout.write(sql);
} finally {
  await shadow.close();
}
// The engine leaves a timer running for about ten seconds.
process.exit(0);
