import { defineConfig } from 'vitest/config';

// The README's commands, run as a reader types them (run by `npm test` after the Chromium suite,
// beside the rest of the Firefox suite, which tests a copy of the build: `screenshots` and `zip`
// build the extension again). One at a time: two would only fight over the cores and the build
// output.
export default defineConfig({
  test: {
    include: ['scripts/**/*.smoke.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
  },
});
