import { defineConfig } from 'vitest/config';

// Checks on the built packages (run by `npm test` after both builds): what a store reviewer sees.
export default defineConfig({
  test: {
    include: ['checks/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
