// Every end-to-end case, written once and run in each browser by e2e/<browser>/*.e2e.ts.
// A case talks to the extension only through the page objects (see types.ts) and to the local MEGA
// server through its test interface. To add one, append it to `extensionCases`.
import { expect } from 'vitest';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN } from '../../server/credentials.ts';
import { LEADS_PATH, type MegaServer } from '../../server/mega-server.ts';
import { ANCHORS, GARCIA_COUNT } from '../../server/seed.ts';
import type { ExtensionCase } from './suite.ts';
import type { ExtensionBrowser, OptionsPage } from './types.ts';

const JANE = ANCHORS.jane;
const JANE_PHONE = JANE.contact_phone; // "+1 (415) 555-0134"
const JANE_EMAIL_AS_WRITTEN = 'JANE.Cooper@Acme.com'; // mixed case on purpose

/** A plain web page with one sentence, served by the local server at /pages/<name>. */
function webPageUrl(server: MegaServer, name: string, sentence: string): string {
  server.addPage(
    name,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>` +
      '<style>body{font:18px/1.6 system-ui,sans-serif;margin:120px 80px}</style></head>' +
      `<body><h1>Contact</h1><p>${sentence}</p><p>Thanks for reading.</p></body></html>`,
  );
  return `${server.url}/pages/${name}`;
}

/** Sets up the extension for the local server through the options page, as a user would. */
async function configure(browser: ExtensionBrowser, server: MegaServer): Promise<OptionsPage> {
  const options = await browser.openOptions();
  await options.fill('API token', DEMO_TOKEN);
  await options.fill('Customer ID', DEMO_CUSTOMER_ID);
  await options.fill('API base URL', server.url);
  await options.click('Save');
  await options.waitForText('Settings saved');
  return options;
}

/** The lookups the extension sent to the leads API. */
function leadSearches(server: MegaServer): string[] {
  return server.requests
    .filter((request) => request.method === 'GET' && request.path === LEADS_PATH && 'search' in request.query)
    .map((request) => request.query.search ?? '');
}

async function lookUpSelection(
  browser: ExtensionBrowser,
  server: MegaServer,
  page: { name: string; sentence: string; selection: string },
): Promise<void> {
  await configure(browser, server);
  const webPage = await browser.openWebPage(webPageUrl(server, page.name, page.sentence));
  expect(await webPage.dragSelect(page.selection)).toBe(page.selection);
  const popover = await webPage.waitForPopover();
  await popover.waitForText(JANE.contact_name);
  expect(leadSearches(server), 'lookups sent to the API').toHaveLength(1);
}

export const extensionCases: readonly ExtensionCase[] = [
  {
    name: 'smoke: the extension loads, its pages open, a mouse drag selects text',
    async run({ browser, server }) {
      for (const path of ['options.html', 'popup.html']) {
        const page = await browser.openExtensionPage(path);
        expect(await page.title(), `title of ${path}`).toMatch(/^Lead Lens\b/);
      }
      const sentence = `Call ${JANE_PHONE} today`;
      const webPage = await browser.openWebPage(webPageUrl(server, 'smoke.html', sentence));
      expect(await webPage.dragSelect(JANE_PHONE)).toBe(JANE_PHONE);
    },
  },
  {
    name: 'configure through the options page',
    async run({ browser, server }) {
      const options = await configure(browser, server);
      await options.click('Test connection');
      await options.waitForText(/Connected/);
    },
  },
  {
    name: 'look up a selected phone number',
    run: ({ browser, server }) =>
      lookUpSelection(browser, server, {
        name: 'phone.html',
        sentence: `Call ${JANE_PHONE} today`,
        selection: JANE_PHONE,
      }),
  },
  {
    name: 'look up a selected email address',
    run: ({ browser, server }) =>
      lookUpSelection(browser, server, {
        name: 'email.html',
        sentence: `Write to ${JANE_EMAIL_AS_WRITTEN}`,
        selection: JANE_EMAIL_AS_WRITTEN,
      }),
  },
  {
    name: 'search leads in the popup and load every page',
    async run({ browser, server }) {
      await configure(browser, server);
      const popup = await browser.openPopup();
      await popup.search('garcia');
      await popup.waitForResults(
        (rows) => rows.length > 0 && rows.every((row) => row.includes('Garcia')),
        'results whose names contain "Garcia"',
      );
      // Two pages at the default limit; a few more rounds than that means "Load more" never goes.
      for (let round = 0; (await popup.hasLoadMore()) && round < 10; round++) {
        await popup.loadMore();
      }
      expect(await popup.hasLoadMore(), '"Load more" still shown').toBe(false);
      const rows = await popup.results();
      expect(rows.filter((row) => !row.includes('Garcia')), 'rows without "Garcia"').toEqual([]);
      expect(rows).toHaveLength(GARCIA_COUNT);
    },
  },
];
