import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** Suites that load the whole machine for a minute each: run on their own, after the rest, one at a time. */
const LOAD_SUITES = ["test/soak/**/*.test.ts", "test/chaos/**/*.test.ts"];

export default defineConfig({
  resolve: {
    // One graphql module for everyone, or graphql-js throws "Duplicate graphql modules".
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share the machine's two cores and one PostgreSQL.
    maxWorkers: 2,
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: { name: "suite", include: ["test/**/*.test.ts", "src/**/*.test.ts"], exclude: LOAD_SUITES },
      },
      // Alone, so their load never starves a timing-sensitive suite (real-time audio in a browser).
      { extends: true, test: { name: "load", include: LOAD_SUITES } },
    ],
  },
});
