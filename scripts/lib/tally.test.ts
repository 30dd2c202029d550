import { describe, expect, it } from 'vitest';
import { caseCountLine, caseParity, countCases, type CaseCount } from './tally.ts';

describe('countCases', () => {
  it('counts only the tests described in the browser, by how they ended', () => {
    const count = countCases('firefox', [
      { describedIn: 'firefox', state: 'passed' },
      { describedIn: 'firefox', state: 'failed' },
      { describedIn: 'firefox', state: 'skipped' },
      { describedIn: 'firefox', state: 'pending' },
      // the browserless size check beside the cases, and another browser's case
      { describedIn: undefined, state: 'passed' },
      { describedIn: 'chromium', state: 'passed' },
    ]);
    expect(count).toEqual({ browser: 'firefox', passed: 1, failed: 1, notRun: 2 });
  });
});

describe('caseCountLine', () => {
  it.each([
    [{ browser: 'chromium', passed: 13, failed: 0, notRun: 0 }, 'chromium: 13 browser cases, 13 passed, 0 failed'],
    [
      { browser: 'firefox', passed: 2, failed: 1, notRun: 10 },
      'firefox: 13 browser cases, 2 passed, 1 failed, 10 not run',
    ],
  ])('%o reads "%s"', (count, line) => {
    expect(caseCountLine(count)).toBe(line);
  });
});

describe('caseParity', () => {
  const suite = (browser: string, passed: number, failed = 0, notRun = 0): CaseCount => ({
    browser,
    passed,
    failed,
    notRun,
  });

  it.each([
    ['all passed in both', [suite('chromium', 13), suite('firefox', 13)]],
    ['the same cases, ended differently', [suite('chromium', 13), suite('firefox', 11, 1, 1)]],
  ])('is satisfied when both hold as many cases: %s', (_, counts) => {
    expect(caseParity(counts)).toBeUndefined();
  });

  it('fails once, naming both numbers, when one suite holds fewer cases', () => {
    expect(caseParity([suite('chromium', 13), suite('firefox', 9)])).toEqual({
      suite: 'browser cases',
      passed: 0,
      failed: 1,
      notes: ['the suites hold different numbers of cases: chromium 13, firefox 9'],
    });
  });
});
