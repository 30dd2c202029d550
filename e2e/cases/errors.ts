// What the card shows when a lookup fails, and that the next lookup works again.
import { expect } from 'vitest';
import { AMELIE, DEMO_TOKEN, JANE, LUKAS, OLIVER } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import { answersTo, statusesOf } from './observe.ts';
import { cardOutcome, configure, dismiss, lookUp, webPageUrl } from './steps.ts';

export const errorCases: readonly ExtensionCase[] = [
  {
    name: 'lookup errors: 401 asks to check the token, 429 then success shows the lead, a non-JSON answer shows an error and the next lookup works',
    async run({ browser, server }) {
      await configure(browser, server);
      const page = await browser.openWebPage(
        webPageUrl(server, 'errors.html', [
          `Lukas: ${LUKAS.contact_phone}`,
          `Jane: ${JANE.contact_phone}`,
          `Oliver: ${OLIVER.contact_email}`,
          `Amélie: ${AMELIE.contact_email}`,
        ]),
      );

      // Each failure is checked softly, so that one failing does not hide what the others do.
      server.injectFault({ type: 'status', status: 401 });
      expect(await page.dragSelect(LUKAS.contact_phone)).toBe(LUKAS.contact_phone);
      let card = await page.waitForCard();
      let shown = await cardOutcome(card, ['Check your API token', LUKAS.contact_name, 'Try again']);
      expect.soft(shown, 'the card after a 401').toContain('Check your API token');
      expect.soft(await card.hasButton('Open settings'), 'an "Open settings" button after a 401').toBe(true);
      expect(shown).not.toContain(DEMO_TOKEN);
      expect.soft(statusesOf(server, LUKAS.contact_phone), answersTo(LUKAS.contact_phone)).toEqual([401]);
      await dismiss(page);

      server.injectFault({ type: 'status', status: 429, retryAfter: 1 });
      await lookUp(page, JANE.contact_phone, JANE.contact_name);
      expect.soft(statusesOf(server, JANE.contact_phone), answersTo(JANE.contact_phone)).toEqual([429, 200]);
      await dismiss(page);

      server.injectFault({ type: 'non-json' });
      expect(await page.dragSelect(OLIVER.contact_email)).toBe(OLIVER.contact_email);
      card = await page.waitForCard();
      shown = await cardOutcome(card, ['Try again', OLIVER.contact_name]);
      expect.soft(shown, 'the card after an answer that is not JSON').toContain('Try again');
      expect.soft(shown, 'the card after an answer that is not JSON').not.toContain(OLIVER.contact_name);
      expect.soft(statusesOf(server, OLIVER.contact_email), answersTo(OLIVER.contact_email)).toEqual([200]);
      await dismiss(page);

      await lookUp(page, AMELIE.contact_email, AMELIE.contact_name);
      expect(statusesOf(server, AMELIE.contact_email), answersTo(AMELIE.contact_email)).toEqual([200]);
    },
  },
];
