// The toolbar popup, opened in a tab: searching leads, paging, typing speed, and the switch that
// turns lookups off and on for a site.
import { expect } from 'vitest';
import { GARCIA_COUNT } from '../../server/seed.ts';
import { JANE } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import { isLeadList } from './observe.ts';
import { connect, dismiss, lookUp, watchForNothing, webPageUrl } from './steps.ts';

export const popupCases: readonly ExtensionCase[] = [
  {
    name: 'search leads in the popup and load every page',
    async run({ browser, server }) {
      await connect(browser, server);
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
      expect(
        rows.filter((row) => !row.includes('Garcia')),
        'rows without "Garcia"',
      ).toEqual([]);
      expect(rows).toHaveLength(GARCIA_COUNT);
    },
  },
  {
    name: 'popup: a quick 10-character query makes at most 2 requests; the site switch turns lookups off and on',
    async run({ browser, server }) {
      await connect(browser, server);
      // The web page first: a popup opened in a tab is about the tab used just before it. It asks
      // that page for its site, which the page's content script answers once a selection there
      // has set up its messaging (at load it sets up nothing); the toolbar popup reads the site
      // from the tab itself.
      const page = await browser.openWebPage(webPageUrl(server, 'site.html', `Call ${JANE.contact_phone} today.`));
      await lookUp(page, JANE.contact_phone, JANE.contact_name);
      await dismiss(page);
      const popup = await browser.openPopup();
      await popup.waitForResults((rows) => rows.length > 0, 'the most recently updated leads');

      const before = server.requests.length;
      const query = 'Jane Coope';
      await popup.search(query, [30, 45, 60, 35, 50, 40, 55, 30, 45]);
      await popup.waitForResults(
        (rows) => rows.some((row) => row.includes(JANE.contact_name)),
        `results for "${query}" with ${JANE.contact_name}`,
      );
      await watchForNothing(); // a late request after the debounce would show up here
      const typed = server.requests.slice(before).filter(isLeadList);
      const searched = typed.map((request) => JSON.stringify(request.query.search ?? '')).join(', ');
      expect(typed.length, `requests while typing "${query}": ${searched}`).toBeLessThanOrEqual(2);
      expect(typed.at(-1)?.query.search).toBe(query);

      expect(await popup.siteLookupsOn(), 'lookups on this site at first').toBe(true);
      expect(await popup.toggleSiteLookups(), 'lookups on this site after the switch').toBe(false);
      const settings = (await browser.extensionStorage()).local.settings as { disabledSites?: unknown };
      expect(settings.disabledSites, 'sites where lookups are off').toEqual(['127.0.0.1']);

      const beforeOff = server.requests.length;
      expect(await page.dragSelect(JANE.contact_phone)).toBe(JANE.contact_phone);
      await watchForNothing();
      expect(await page.cardVisible(), 'a card with lookups off').toBe(false);
      expect(server.requests.slice(beforeOff), 'API requests with lookups off').toEqual([]);

      await popup.bringToFront();
      expect(await popup.toggleSiteLookups(), 'lookups on this site after the switch').toBe(true);
      await lookUp(page, JANE.contact_phone, JANE.contact_name);
    },
  },
];
