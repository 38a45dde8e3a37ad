import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // One real PostgreSQL server per run, for the PostgreSQL store's tests.
    globalSetup: ["tests/global-postgres.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
