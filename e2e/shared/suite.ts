// Runs the cases (e2e/cases/) in one browser: one local MEGA server for the suite, reset before
// each case; a fresh browser profile with the built extension for each case, closed after it.
// Both browsers run every case.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createMegaServer, type MegaServer } from '../../server/mega-server.ts';
import { removeBuildCopies } from './build.ts';
import { reportFailure, reportServerLog } from './report.ts';
import type { BrowserName, ExtensionBrowser, LaunchExtensionBrowser, LaunchOptions } from './types.ts';

export interface CaseContext {
  browser: ExtensionBrowser;
  server: MegaServer;
}

export interface ExtensionCase {
  name: string;
  /** What the browser needs before it starts (a managed policy, a quick idle background). */
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

    beforeAll(async () => {
      server = await createMegaServer({ quiet: true });
    });

    afterAll(async () => {
      await server?.close();
      removeBuildCopies();
    });

    for (const extensionCase of cases) {
      test(extensionCase.name, async ({ task }) => {
        if (!server) throw new Error('The local MEGA server did not start.');
        server.reset();
        const browser = await launch(extensionCase.launch?.(server));
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
          await browser.close();
        }
      });
    }
  });
}
