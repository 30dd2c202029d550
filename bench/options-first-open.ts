// The options page's first open in a new profile: from the start of its navigation to the settings
// on screen (the page's own User Timing mark, see OptionsPage.tsx). A new profile each run: the
// first read of managed storage there is what once kept the page on "Loading settings…" for seconds.
//
// The page opens once the browser has started (SETTLED_MS after the extension's worker first
// runs), as a person opens it: opened in the same instant as the browser, any extension page
// waits on the browser's own start (on 2 cores an empty one first paints after 300–430 ms, against
// 140–220 ms two seconds later), which says nothing of the page.
import { resolve } from 'node:path';
import { launchExtensionContext } from '../scripts/lib/chromium';
import { SETTINGS_SHOWN_MARK } from '../utils/timing-marks';

const SETTLED_MS = 2_000;

/** Milliseconds from navigation start to the settings shown, one figure a new profile. */
export async function measureOptionsFirstOpen(extensionDir: string, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const ext = await launchExtensionContext(resolve(extensionDir), { headless: true });
    try {
      await new Promise((settled) => setTimeout(settled, SETTLED_MS));
      const page = await ext.context.newPage();
      await page.goto(`${ext.origin}/options.html`);
      // A string, evaluated over the DevTools protocol: the page's CSP allows no eval of its own.
      const shownAt = await page.evaluate(`new Promise((done) => {
        const read = () => performance.getEntriesByName(${JSON.stringify(SETTINGS_SHOWN_MARK)})[0];
        const poll = () => (read() ? done(read().startTime) : setTimeout(poll, 10));
        poll();
      })`);
      samples.push(Number(shownAt));
    } finally {
      await ext.close();
    }
  }
  return samples;
}
