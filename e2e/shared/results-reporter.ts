// The results of a browser suite: vitest's JSON report (test-results/<browser>/results.json, which
// `npm test` reads), then, as the run's last line, how many cases the suite held and how they
// ended, to compare with the other browser's (they run the same cases, so the numbers must match).
import type { TestModule } from 'vitest/node';
import { JsonReporter } from 'vitest/reporters';
import { caseCountLine, countCases } from '../../scripts/lib/tally.ts';
import type { BrowserName } from './types.ts';

export class SuiteResultsReporter extends JsonReporter {
  constructor(
    private readonly browser: BrowserName,
    outputFile: string,
  ) {
    super({ outputFile });
  }

  override async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    await super.onTestRunEnd(testModules);
    const tests = testModules.flatMap((module) => [...module.children.allTests()]);
    const count = countCases(
      this.browser,
      tests.map((test) => ({
        describedIn: test.parent.type === 'suite' ? test.parent.name : undefined,
        state: test.result().state,
      })),
    );
    this.ctx.logger.log(caseCountLine(count));
  }
}
