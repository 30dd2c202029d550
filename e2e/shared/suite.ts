// Runs the shared cases in one browser: one local MEGA server for the suite, reset before each
// case; a fresh browser profile with the built extension for each case, closed after it.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createMegaServer, type MegaServer } from '../../server/mega-server.ts';
import { reportFailure } from './report.ts';
import type { BrowserName, ExtensionBrowser, LaunchExtensionBrowser } from './types.ts';

export interface CaseContext {
  browser: ExtensionBrowser;
  server: MegaServer;
}

export interface ExtensionCase {
  name: string;
  run(context: CaseContext): Promise<void>;
}

/** Defines one vitest test per case for this browser. */
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
    });

    for (const extensionCase of cases) {
      test(extensionCase.name, async () => {
        if (!server) throw new Error('The local MEGA server did not start.');
        server.reset();
        const browser = await launch();
        try {
          await extensionCase.run({ browser, server });
        } catch (error) {
          await reportFailure(browser, browserName, extensionCase.name);
          throw error;
        } finally {
          await browser.close();
        }
      });
    }
  });
}
