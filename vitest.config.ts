import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      // Tests run the engine from source; the CLI tests run the built dist through the bin.
      '@shaobing/engine': fileURLToPath(new URL('./packages/engine/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One PostgreSQL server for the run (embedded, or TEST_DATABASE_URL) with a migrated template database.
    globalSetup: ['packages/server/test/database-setup.ts'],
  },
});
