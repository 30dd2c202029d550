// Selecting a phone number or an email on a web page shows its lead; plain text does nothing.
import { expect } from 'vitest';
import type { MegaServer } from '../../server/mega-server.ts';
import { JANE, JANE_EMAIL_AS_WRITTEN, LUKAS } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';
import { leadSearches, searchesFor } from './observe.ts';
import { connect, lookUp, watchForNothing, webPageUrl } from './steps.ts';

const PLAIN_TEXT = 'Quarterly revenue grew';

async function lookUpSelection(
  browser: ExtensionBrowser,
  server: MegaServer,
  page: { name: string; sentence: string; selection: string },
): Promise<void> {
  await connect(browser, server);
  const webPage = await browser.openWebPage(webPageUrl(server, page.name, page.sentence));
  const card = await lookUp(webPage, page.selection, JANE.contact_name);
  expect(leadSearches(server), 'lookups sent to the API').toHaveLength(1);
  // The card's text is words, never markup that reached the screen as text.
  expect(await card.text(), 'the card as read').not.toMatch(/<\/?[a-z]/i);
}

export const lookupCases: readonly ExtensionCase[] = [
  {
    name: 'look up a selected phone number',
    run: ({ browser, server }) =>
      lookUpSelection(browser, server, {
        name: 'phone.html',
        sentence: `Call ${JANE.contact_phone} today`,
        selection: JANE.contact_phone,
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
    name: 'plain text starts no request; an international number shows its lead',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await browser.openWebPage(
        webPageUrl(server, 'international.html', [
          `${PLAIN_TEXT} by a third this year.`,
          `Call Lukas on ${LUKAS.contact_phone} for details.`,
        ]),
      );
      const before = server.requests.length;
      expect(await page.dragSelect(PLAIN_TEXT)).toBe(PLAIN_TEXT);
      await watchForNothing();
      expect(server.requests.slice(before), 'API requests after selecting plain text').toEqual([]);
      expect(await page.cardVisible(), 'a card after selecting plain text').toBe(false);

      await lookUp(page, LUKAS.contact_phone, LUKAS.contact_name);
      expect(leadSearches(server), 'lookups sent to the API').toHaveLength(1);
      expect(searchesFor(server, LUKAS.contact_phone), `lookups of ${LUKAS.contact_phone}`).toHaveLength(1);
    },
  },
];
