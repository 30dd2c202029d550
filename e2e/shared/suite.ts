// Runs the cases (e2e/cases/) in one browser: one local MEGA server for the suite, reset before
// each case. Starting a browser is most of what a case would cost, so one browser serves every
// case that needs nothing of it before it starts, with the extension reinstalled before each and
// checked to be as a new profile has it (fresh-extension.ts); a case with `launch` options gets a
// browser of its own, closed after it. Both browsers run every case.
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
   * then runs in a browser of its own.
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
    let shared: { driver: BrowserDriver; fresh: ExtensionState } | undefined;

    /** The suite's browser, with the extension as a new profile has it. */
    async function sharedBrowser(): Promise<BrowserDriver> {
      if (!shared) {
        const driver = await launch();
        shared = { driver, fresh: await driver.extensionState() };
        return driver;
      }
      const { driver, fresh } = shared;
      try {
        await driver.startOver();
        expectFresh(fresh, await driver.extensionState());
      } catch (error) {
        // The next case starts on a new browser rather than on whatever this one holds.
        shared = undefined;
        await driver.close();
        throw error;
      }
      return driver;
    }

    beforeAll(async () => {
      server = await createMegaServer({ quiet: true });
    });

    afterAll(async () => {
      await shared?.driver.close();
      await server?.close();
      removeBuildCopies();
    });

    for (const extensionCase of cases) {
      test(extensionCase.name, async ({ task }) => {
        if (!server) throw new Error('The local MEGA server did not start.');
        server.reset();
        const ownBrowser = extensionCase.launch !== undefined;
        const driver = ownBrowser ? await launch(extensionCase.launch?.(server)) : await sharedBrowser();
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
