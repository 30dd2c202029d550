import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['{utils,components,server,scripts,entrypoints,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 15_000,
    // Threads, one per core: vitest's default keeps a core back, which on a 2-core machine runs
    // the files one at a time (100 s there, 56 s with both cores and threads).
    pool: 'threads',
    maxWorkers: availableParallelism(),
  },
});
