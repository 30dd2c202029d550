// `npm test`: every check the project has, in the order a failure is cheapest to find.
//   1. the browsers (installed from the distribution's packages when missing and allowed)
//   2. lint (ESLint: language rules, import boundaries between contexts, no import cycles), the types and
//      the formatting (Prettier)
//   3. unit tests (vitest.config.ts)
//   4. both builds (a failed build is a failure, and its browser suite is not run on stale output)
//   5. checks on the built packages (checks/: permissions vs README, content script size, web-ext lint)
//   6. at the same time: the Chromium suite and the Firefox suite (e2e/vitest.<browser>.config.ts),
//      which run the same cases (a difference in how many each holds counts as a failure), on
//      copies of the builds; once the Chromium suite is done, beside the rest of the Firefox suite,
//      the README's commands that nothing above runs, run as a reader types them
//      (scripts/readme-commands.smoke.ts; some build the extension again)
// Each part prints "<suite>: N passed, M failed", each browser "<browser>: N browser cases, …";
// the last line is the total over all of them, and the exit code is non-zero when anything failed.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowsers } from './ensure-browsers.ts';
import { BUILD_COPY_ENV, outputDir, TARGETS } from './lib/build-output.ts';
import { runStep } from './lib/run.ts';
import {
  caseCountLine,
  caseParity,
  casesInReport,
  tallyLine,
  tallyVitestRun,
  totalsLine,
  type CaseCount,
  type Tally,
} from './lib/tally.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'test-results');
const VITEST = join(ROOT, 'node_modules', '.bin', 'vitest');

// The whole run stays within this, whatever hangs; each step also has a cap of its own.
// Each cap is at least twice what its step takes on an idle 2-core machine, so that a busy machine
// (CI may share it) does not cut a correct run short; the run as a whole stays well inside CI's time.
// Idle, on a fresh clone (53 browser cases each): the lint 59 s (ESLint, tsc and Prettier at
// once), unit 59 s, the builds 5 s, the package checks 7 s; side by side, Chromium 332 s then the
// README commands 45 s, and Firefox 407 s; the whole run 9 min 31 s with `npm ci` (30 s). With the
// machine busy (load 10 to 13) the browser suites took about 1.3 times as long, which the browser
// caps also leave room for. The machine is CPU-bound while the browsers run (88-97% busy): running
// the lint and the unit tests beside them instead of before saved 50 s in one run and lost 44 s in
// another, and the load made a unit test that starts a server time out.
const RUN_BUDGET_MS = 35 * 60_000;
const CHROMIUM_CAP_MS = 21 * 60_000;
const FIREFOX_CAP_MS = 23 * 60_000;
const COMMANDS_CAP_MS = 5 * 60_000;
const deadline = Date.now() + RUN_BUDGET_MS;
const budget = (capMs: number): number => Math.max(1_000, Math.min(capMs, deadline - Date.now()));

const tallies: Tally[] = [];

// Plain text in a log file: without this, vitest colours its output whenever CI is set.
if (!process.stdout.isTTY && process.env.FORCE_COLOR === undefined) process.env.NO_COLOR = '1';

function report(tally: Tally): void {
  for (const note of tally.notes) console.log(`${tally.suite}: ${note}`);
  console.log(tallyLine(tally));
  tallies.push(tally);
}

function heading(text: string): void {
  console.log(`\n=== ${text}`);
}

/** Vitest's arguments for a config whose JSON report the tally reads (test-results/<suite>/results.json). */
function withJsonReport(suite: string, config: string): string[] {
  return [
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(RESULTS, suite, 'results.json')}`,
  ];
}

/**
 * Runs one vitest suite and reports its tally. `together`: other steps run at the same time, so
 * its output is kept and printed in one block when it ends, under its own heading.
 */
async function runVitest(
  suite: string,
  configArgs: string[],
  capMs: number,
  mustRunTests: boolean,
  together?: { heading: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const reportPath = join(RESULTS, suite, 'results.json');
  rmSync(reportPath, { force: true });
  const result = await runStep(VITEST, ['run', ...configArgs], {
    timeoutMs: budget(capMs),
    capture: !!together,
    env: { ...process.env, ...together?.env },
  });
  if (together) {
    heading(`${together.heading} (${(result.ms / 1000).toFixed(0)} s)`);
    process.stdout.write(result.output);
  }
  report(tallyVitestRun({ suite, exitCode: result.code, timedOut: result.timedOut, reportPath, mustRunTests }));
}

async function build(target: string, script: string): Promise<boolean> {
  const result = await runStep('npm', ['run', '--silent', script], { timeoutMs: budget(4 * 60_000), capture: true });
  const ok = result.code === 0 && !result.timedOut;
  if (ok) {
    console.log(`${target}: built in ${(result.ms / 1000).toFixed(1)} s`);
  } else {
    const why = result.timedOut ? 'ran past its time budget' : `exited with code ${result.code}`;
    console.log(result.output.trimEnd().split('\n').slice(-40).join('\n'));
    console.log(`${target}: \`npm run ${script}\` ${why}`);
  }
  return ok;
}

/** One of the project's own checks (`npm run <script>`): passes when it exits 0. */
async function check(name: string, script: string): Promise<boolean> {
  const result = await runStep('npm', ['run', '--silent', script], { timeoutMs: budget(3 * 60_000), capture: true });
  const ok = result.code === 0 && !result.timedOut;
  const output = result.output.trimEnd();
  if (!ok) console.log(output.split('\n').slice(-40).join('\n'));
  console.log(`${name}: ${ok ? 'clean' : 'problems found'} (${(result.ms / 1000).toFixed(1)} s)`);
  return ok;
}

/** Copies of both builds for the browser suites, in a folder of their own, and the environment that names them. */
function copyBuilds(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'lead-lens-builds-'));
  const env: NodeJS.ProcessEnv = {};
  for (const target of ['chrome', 'firefox'] as const) {
    const copy = join(dir, TARGETS[target]);
    cpSync(outputDir(target), copy, { recursive: true });
    env[BUILD_COPY_ENV[target]] = copy;
  }
  return { dir, env };
}

function notRun(suite: string, why: string): void {
  report({ suite, passed: 0, failed: 1, notes: [`not run: ${why}`] });
}

async function main(): Promise<void> {
  // A suite that does not run this time must not lend its last run's cases to the comparison.
  for (const browser of ['chromium', 'firefox']) rmSync(join(RESULTS, browser, 'results.json'), { force: true });

  heading('browsers');
  const browsers = ensureBrowsers();
  console.log(`chromium: ${browsers.chromium ?? 'missing'}`);
  console.log(`firefox: ${browsers.firefox ?? 'missing'}`);
  if (browsers.problem) console.log(browsers.problem);

  // Vitest, ESLint and tsc resolve tsconfig.json, which extends the one `wxt prepare` writes
  // (npm install runs it).
  if (!existsSync(join(ROOT, '.wxt', 'tsconfig.json'))) {
    await runStep('npx', ['wxt', 'prepare'], { timeoutMs: budget(2 * 60_000), capture: true });
  }

  // ESLint, tsc and Prettier at once: each leaves a core idle part of its time.
  heading('lint');
  const checks = await Promise.all([
    check('lint', 'lint'),
    check('types', 'typecheck'),
    check('format', 'format:check'),
  ]);
  report({
    suite: 'lint',
    passed: checks.filter(Boolean).length,
    failed: checks.filter((ok) => !ok).length,
    notes: [],
  });

  heading('unit tests');
  await runVitest('unit', [...withJsonReport('unit', 'vitest.config.ts'), '--passWithNoTests'], 5 * 60_000, false);

  heading('builds');
  // Each build writes only its own folder of .output/.
  const [chromeBuilt, firefoxBuilt] = await Promise.all([
    build('chrome-mv3', 'build'),
    build('firefox-mv2', 'build:firefox'),
  ]);
  report({
    suite: 'build',
    passed: [chromeBuilt, firefoxBuilt].filter(Boolean).length,
    failed: [chromeBuilt, firefoxBuilt].filter((ok) => !ok).length,
    notes: [],
  });

  heading('package');
  if (!chromeBuilt || !firefoxBuilt) notRun('package', 'a build failed');
  else {
    await runVitest('package', withJsonReport('package', 'checks/vitest.config.ts'), 3 * 60_000, true);
  }

  // The two browser suites run at the same time: a browser case spends much of its time waiting on
  // its browser, which leaves the other suite a core. The README's commands run once the Chromium
  // suite is done, beside the rest of the Firefox suite (the longer of the two): run beside both,
  // they took CPU from each, and the Firefox suite ended later. The commands build the extension
  // again, so the suites test copies of the builds taken before they start. Each prints its output
  // in one block when it ends.
  heading('chromium and firefox at the same time, then the README commands beside firefox');
  const copies = chromeBuilt && firefoxBuilt ? copyBuilds() : null;
  try {
    /** One browser's suite on the copies of the builds, or why it is not run. */
    const browserSuite = async (browser: 'chromium' | 'firefox', name: string, capMs: number): Promise<void> => {
      if (!browsers[browser]) return notRun(browser, `no ${name}`);
      if (!copies) return notRun(browser, 'a build failed');
      await runVitest(browser, ['--config', `e2e/vitest.${browser}.config.ts`], capMs, true, {
        heading: browser,
        env: copies.env,
      });
    };
    await Promise.all([
      browserSuite('chromium', 'Chromium', CHROMIUM_CAP_MS).then(() =>
        runVitest('commands', withJsonReport('commands', 'scripts/vitest.commands.config.ts'), COMMANDS_CAP_MS, true, {
          heading: 'README commands',
        }),
      ),
      browserSuite('firefox', 'Firefox', FIREFOX_CAP_MS),
    ]);
  } finally {
    if (copies) rmSync(copies.dir, { recursive: true, force: true });
  }

  // Both suites run every case: as many cases each, or something kept one from running them.
  const caseCounts = ['chromium', 'firefox']
    .map((browser) => casesInReport(browser, join(RESULTS, browser, 'results.json')))
    .filter((count): count is CaseCount => count !== undefined);
  const parity = caseCounts.length === 2 ? caseParity(caseCounts) : undefined;
  if (parity) report(parity);

  console.log('');
  for (const tally of tallies) console.log(tallyLine(tally));
  for (const count of caseCounts) console.log(caseCountLine(count));
  console.log(totalsLine(tallies));
  process.exitCode = tallies.some((tally) => tally.failed > 0) ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  console.log(totalsLine([...tallies, { suite: 'runner', passed: 0, failed: 1, notes: [] }]));
  process.exitCode = 1;
});
