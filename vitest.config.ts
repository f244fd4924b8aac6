import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql module for everyone, or graphql-js throws "Duplicate graphql modules".
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share the machine's two cores and one PostgreSQL.
    maxWorkers: 2,
    reporters: ["default"],
  },
});
