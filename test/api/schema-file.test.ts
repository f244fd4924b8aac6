/**
 * schema.graphql is what the code builds, and it keeps the public contract
 * (shared/api/contract.graphql): nothing in the contract is removed or
 * changed incompatibly.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { buildSchema, findBreakingChanges } from "graphql";
import { describe, expect, it } from "vitest";
import { projectPath } from "../../src/db/paths.js";
import { buildMayaSchema, printMayaSchema } from "../../src/graphql/schema.js";

const repoRoot = projectPath();
const SCHEMA_FILE = projectPath("schema.graphql");
/** CI clones the repository beside the shared folder. */
const CONTRACT_FILE = resolve(repoRoot, "../shared/api/contract.graphql");

if (!existsSync(CONTRACT_FILE)) {
  console.warn(`SKIPPED: the contract check needs ${CONTRACT_FILE} (the shared folder beside the repository).`);
}

describe("schema.graphql", () => {
  it("is current with the code (else run npm run schema:emit)", async () => {
    const built = printMayaSchema(await buildMayaSchema(new Map()));
    const committed = await readFile(SCHEMA_FILE, "utf8");
    if (built !== committed) {
      throw new Error("schema.graphql is stale: it differs from the schema the code builds. Run npm run schema:emit and commit it.");
    }
    expect(built).toBe(committed);
  });

  it.skipIf(!existsSync(CONTRACT_FILE))("keeps every part of the public contract (no breaking changes)", async () => {
    const contract = buildSchema(await readFile(CONTRACT_FILE, "utf8"));
    const served = buildSchema(await readFile(SCHEMA_FILE, "utf8"));
    const breaking = findBreakingChanges(contract, served);
    expect(breaking.map((change) => `${change.type}: ${change.description}`)).toEqual([]);
  });

  it("would notice a breaking change (the check can fail)", async () => {
    const served = buildSchema(await readFile(SCHEMA_FILE, "utf8"));
    const narrowed = buildSchema(
      (await readFile(SCHEMA_FILE, "utf8"))// The field and its description, if it has one.
      .replace(/(\n  """(?:(?!""")[^])*""")?\n  checkout: PaymentAttempt!\n/, "\n"),
    );
    expect(findBreakingChanges(served, narrowed).map((change) => change.description)).toContain("Mutation.checkout was removed.");
  });
});
