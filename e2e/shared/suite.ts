// Runs the cases (e2e/cases/) in one browser: one local MEGA server for the suite, reset before
// each case. Starting a browser is most of what a case would cost, so one browser serves every
// case that needs nothing of it before it starts, with the extension reinstalled before each and
// checked to be as a new profile has it (fresh-extension.ts); the cases with the same `launch`
// options (a quickly idle background, the browser in German) share another the same way; a case
// with a policy gets a browser of its own, closed after it. Both browsers run every case.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createMegaServer, type MegaServer } from '../../server/mega-server.ts';
import type { BrowserDriver } from '../pages/driver.ts';
import { ExtensionBrowser } from '../pages/extension-browser.ts';
import { removeBuildCopies } from './build.ts';
import { expectFresh, type ExtensionState } from './fresh-extension.ts';
import { reportFailure, reportServerLog } from './report.ts';
import type { BrowserName, LaunchExtensionBrowser, LaunchOptions } from './types.ts';

export interface CaseContext {
  browser: ExtensionBrowser;
  server: MegaServer;
}

export interface ExtensionCase {
  name: string;
  /**
   * What the browser needs before it starts (a managed policy, a quick idle background): the case
   * then runs in a browser started so, of its own with a policy, else shared with the cases that
   * ask for the same.
   */
  launch?: (server: MegaServer) => LaunchOptions;
  run(context: CaseContext): Promise<void>;
}

/** Defines one vitest test per case, inside a describe block named after the browser. */
export function describeExtension(
  browserName: BrowserName,
  launch: LaunchExtensionBrowser,
  cases: readonly ExtensionCase[],
): void {
  describe(browserName, () => {
    let server: MegaServer | undefined;
    /** The browsers kept for several cases, by the launch options they were started with (as JSON). */
    const kept = new Map<string, { driver: BrowserDriver; fresh: ExtensionState }>();

    /** A kept browser started with these options, with the extension as a new profile has it. */
    async function keptBrowser(key: string, options: LaunchOptions | undefined): Promise<BrowserDriver> {
      const known = kept.get(key);
      if (!known) {
        const driver = await launch(options);
        kept.set(key, { driver, fresh: await driver.extensionState() });
        return driver;
      }
      const { driver, fresh } = known;
      try {
        await driver.startOver();
        expectFresh(fresh, await driver.extensionState());
      } catch (error) {
        // The next case starts on a new browser rather than on whatever this one holds.
        kept.delete(key);
        await driver.close();
        throw error;
      }
      return driver;
    }

    beforeAll(async () => {
      server = await createMegaServer({ quiet: true });
    });

    afterAll(async () => {
      await Promise.all([...kept.values()].map(({ driver }) => driver.close()));
      await server?.close();
      removeBuildCopies();
    });

    for (const extensionCase of cases) {
      test(extensionCase.name, async ({ task }) => {
        if (!server) throw new Error('The local MEGA server did not start.');
        server.reset();
        const options = extensionCase.launch?.(server);
        // A policy is read when the browser starts, and goes with it: a browser of the case's own.
        const ownBrowser = options?.managedPolicy !== undefined;
        const driver = ownBrowser ? await launch(options) : await keptBrowser(JSON.stringify(options ?? {}), options);
        const browser = new ExtensionBrowser(driver);
        try {
          await extensionCase.run({ browser, server });
          // expect.soft failures let a case go on to its other checks; report them all the same.
          if (task.result?.state === 'fail') {
            await reportFailure(browser, browserName, extensionCase.name);
            reportServerLog(browserName, extensionCase.name, server.requests);
          }
        } catch (error) {
          await reportFailure(browser, browserName, extensionCase.name);
          reportServerLog(browserName, extensionCase.name, server.requests);
          throw error;
        } finally {
          if (ownBrowser) await driver.close();
        }
      });
    }
  });
}
