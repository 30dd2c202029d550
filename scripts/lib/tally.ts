// Counting what passed and failed in a run made of several suites, and the lines that say so.
import { existsSync, readFileSync } from 'node:fs';

export interface Tally {
  suite: string;
  passed: number;
  failed: number;
  /** Why the numbers are what they are, when that is not plain test results. */
  notes: string[];
}

/** The fields of vitest's JSON report that the tally reads. */
interface VitestJsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults?: Array<{ status?: string; assertionResults?: Array<{ status?: string; ancestorTitles?: string[] }> }>;
}

/** Test files that failed without a failing test in them: they did not load, or a hook failed. */
function brokenFiles(report: VitestJsonReport): number {
  return (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
}

function isReport(value: unknown): value is VitestJsonReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  return ['numTotalTests', 'numPassedTests', 'numFailedTests'].every((key) => typeof report[key] === 'number');
}

export function readVitestReport(path: string): VitestJsonReport | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const report: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isReport(report) ? report : undefined;
  } catch {
    return undefined;
  }
}

export interface VitestRun {
  suite: string;
  exitCode: number | null;
  timedOut: boolean;
  reportPath: string;
  /** A suite that ran no test has failed (the end-to-end suites must always run something). */
  mustRunTests: boolean;
}

/**
 * Turns one vitest run into a tally. Anything that kept vitest from reporting a failed test while
 * still failing (a timeout, a crash, an import error, an unhandled error) counts as one failure.
 */
export function tallyVitestRun(run: VitestRun): Tally {
  const report = readVitestReport(run.reportPath);
  const broken = report ? brokenFiles(report) : 0;
  const tally: Tally = {
    suite: run.suite,
    passed: report?.numPassedTests ?? 0,
    failed: (report?.numFailedTests ?? 0) + broken,
    notes: broken > 0 ? [`${broken} test file(s) failed outside any test (see above); each counts as one failure`] : [],
  };
  if (run.timedOut) {
    tally.failed += 1;
    tally.notes.push('stopped: it ran past its time budget');
  } else if (!report) {
    tally.failed += 1;
    tally.notes.push(`no results: vitest exited with code ${run.exitCode} without writing ${run.reportPath}`);
  } else if (run.exitCode !== 0 && tally.failed === 0) {
    tally.failed += 1;
    tally.notes.push(`vitest exited with code ${run.exitCode} but reported no failed test (see its output above)`);
  } else if (run.mustRunTests && report.numTotalTests === 0) {
    tally.failed += 1;
    tally.notes.push('it ran no test');
  }
  return tally;
}

export function tallyLine({ suite, passed, failed }: Tally): string {
  return `${suite}: ${passed} passed, ${failed} failed`;
}

/** The closing line of the whole run. */
export function totalsLine(tallies: readonly Tally[]): string {
  const passed = tallies.reduce((sum, tally) => sum + tally.passed, 0);
  const failed = tallies.reduce((sum, tally) => sum + tally.failed, 0);
  return `${passed} passed, ${failed} failed`;
}

/**
 * How a browser suite's cases ended: the tests inside the describe block named after the browser
 * (e2e/shared/suite.ts), which leaves out the browserless checks beside them.
 */
export interface CaseCount {
  browser: string;
  passed: number;
  failed: number;
  /** Filtered out (`-t`), skipped, or never finished. */
  notRun: number;
}

/** Counts the cases among tests given as the name of their describe block and their state. */
export function countCases(
  browser: string,
  tests: Iterable<{ describedIn: string | undefined; state: string | undefined }>,
): CaseCount {
  const count: CaseCount = { browser, passed: 0, failed: 0, notRun: 0 };
  for (const { describedIn, state } of tests) {
    if (describedIn !== browser) continue;
    if (state === 'passed') count.passed += 1;
    else if (state === 'failed') count.failed += 1;
    else count.notRun += 1;
  }
  return count;
}

/** The case count of one browser suite, read from its vitest JSON report. */
export function casesInReport(browser: string, reportPath: string): CaseCount | undefined {
  const report = readVitestReport(reportPath);
  if (!report) return undefined;
  const tests = (report.testResults ?? []).flatMap((file) => file.assertionResults ?? []);
  return countCases(
    browser,
    tests.map((test) => ({ describedIn: test.ancestorTitles?.[0], state: test.status })),
  );
}

export function caseCountLine({ browser, passed, failed, notRun }: CaseCount): string {
  const total = passed + failed + notRun;
  return `${browser}: ${total} browser cases, ${passed} passed, ${failed} failed${notRun ? `, ${notRun} not run` : ''}`;
}

/**
 * Every case runs in both browsers, so the suites must hold as many cases each; a tally with one
 * failure when they do not (undefined when they do).
 */
export function caseParity(counts: readonly CaseCount[]): Tally | undefined {
  const totals = counts.map((count) => count.passed + count.failed + count.notRun);
  if (totals.every((total) => total === totals[0])) return undefined;
  const each = counts.map((count, index) => `${count.browser} ${totals[index]}`).join(', ');
  return {
    suite: 'browser cases',
    passed: 0,
    failed: 1,
    notes: [`the suites hold different numbers of cases: ${each}`],
  };
}
