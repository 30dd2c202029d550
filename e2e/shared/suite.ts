// Runs the cases (e2e/cases/) in one browser: one local MEGA server for the suite, reset before
// each case. Starting a browser is most of what a case would cost, so one browser serves every
// case that needs nothing of it before it starts, with the extension reinstalled before each and
// checked to be as a new profile has it (fresh-extension.ts); a case with `launch` options gets a
// browser of its own, closed after it. Both browsers run every case.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createMegaServer, type MegaServer } from '../../server/mega-server.ts';
import { removeBuildCopies } from './build.ts';
import { expectFresh, type ExtensionState } from './fresh-extension.ts';
import { reportFailure, reportServerLog } from './report.ts';
import type { BrowserName, ExtensionBrowser, LaunchExtensionBrowser, LaunchOptions, SuiteBrowser } from './types.ts';

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
    let shared: { browser: SuiteBrowser; fresh: ExtensionState } | undefined;

    /** The suite's browser, with the extension as a new profile has it. */
    async function sharedBrowser(): Promise<SuiteBrowser> {
      if (!shared) {
        const browser = await launch();
        shared = { browser, fresh: await browser.extensionState() };
        return browser;
      }
      const { browser, fresh } = shared;
      try {
        await browser.startOver();
        expectFresh(fresh, await browser.extensionState());
      } catch (error) {
        // The next case starts on a new browser rather than on whatever this one holds.
        shared = undefined;
        await browser.close();
        throw error;
      }
      return browser;
    }

    beforeAll(async () => {
      server = await createMegaServer({ quiet: true });
    });

    afterAll(async () => {
      await shared?.browser.close();
      await server?.close();
      removeBuildCopies();
    });

    for (const extensionCase of cases) {
      test(extensionCase.name, async ({ task }) => {
        if (!server) throw new Error('The local MEGA server did not start.');
        server.reset();
        const ownBrowser = extensionCase.launch !== undefined;
        const browser = ownBrowser ? await launch(extensionCase.launch?.(server)) : await sharedBrowser();
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
          if (ownBrowser) await browser.close();
        }
      });
    }
  });
}
