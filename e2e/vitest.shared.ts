// One vitest project per browser suite: its files run one after another, one browser at a time
// (`npm test` runs the two suites side by side, which keeps two browsers running on two cores).
// A case took at most 26 s on busy cores (load average 9), plus a browser start of up to 15 s for
// a case with launch options: the timeouts leave room for twice that and more.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SuiteResultsReporter } from './shared/results-reporter.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function e2eConfig(suite: 'chromium' | 'firefox') {
  return defineConfig({
    root: ROOT,
    test: {
      name: suite,
      include: [`e2e/${suite}/**/*.e2e.ts`],
      environment: 'node',
      fileParallelism: false,
      testTimeout: 120_000,
      hookTimeout: 60_000,
      teardownTimeout: 30_000,
      // results.json, then the suite's case count as the last line.
      reporters: ['default', new SuiteResultsReporter(suite, `test-results/${suite}/results.json`)],
    },
  });
}
