// The options page: connecting, what is kept after reopening, Test connection, and where the token
// is stored.
import { expect } from 'vitest';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN, WRONG_TOKEN } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import { areasHolding, consoleLinesWith } from './observe.ts';
import { configure } from './steps.ts';

export const optionsCases: readonly ExtensionCase[] = [
  {
    name: 'configure through the options page',
    async run({ browser, server }) {
      const options = await configure(browser, server);
      await options.click('Test connection');
      await options.waitForStatus(/Connected/);
    },
  },
  {
    name: 'options: settings last, Test connection tells a good token from a rejected one, the token stays where it was put',
    async run({ browser, server }) {
      const last4 = DEMO_TOKEN.slice(-4);
      let options = await browser.openOptions();
      await options.fill('API token', DEMO_TOKEN);
      await options.fill('Customer ID', DEMO_CUSTOMER_ID);
      await options.fill('API base URL', server.url);
      await options.rememberToken('Until the browser closes');
      await options.click('Save');
      await options.waitForStatus('Settings saved');
      expect(areasHolding(await browser.extensionStorage(), DEMO_TOKEN), 'storage areas holding the token').toEqual([
        'session',
      ]);

      await options.close();
      options = await browser.openOptions();
      await options.waitForText(`Saved token ending in •••• ${last4}`);
      expect(await options.fieldValue('Customer ID'), 'Customer ID after reopening').toBe(DEMO_CUSTOMER_ID);
      expect(await options.fieldValue('API base URL'), 'API base URL after reopening').toBe(server.url);
      expect(await options.fieldValue('API token'), 'API token field after reopening').toBe('');

      await options.click('Test connection');
      expect(await options.waitForStatus(/Connected to MEGA/)).toMatch(/^Connected to MEGA: [\d,.\s]+ leads?\.$/);
      const test = server.requests.at(-1);
      expect(test && { query: test.query, status: test.status, tokenLast4: test.tokenLast4 }).toEqual({
        query: { limit: '1' },
        status: 200,
        tokenLast4: last4,
      });

      await options.fill('API token', WRONG_TOKEN);
      await options.click('Test connection');
      await options.waitForStatus(/token was rejected/);
      const rejected = server.requests.at(-1);
      expect(rejected && { status: rejected.status, tokenLast4: rejected.tokenLast4 }).toEqual({
        status: 401,
        tokenLast4: WRONG_TOKEN.slice(-4),
      });
      expect(await options.text(), 'the options page text').not.toContain(WRONG_TOKEN);

      // Keep the saved token (empty field), now on this device: it moves out of session storage.
      await options.fill('API token', '');
      await options.rememberToken('On this device');
      await options.click('Save');
      await options.waitForStatus('Settings saved');
      await options.waitForText(`Saved token ending in •••• ${last4}`);
      const storage = await browser.extensionStorage();
      // "On this device" keeps it encrypted in the extension's own IndexedDB, in no storage area
      // a content script can read; the hint above shows it is saved.
      expect(areasHolding(storage, DEMO_TOKEN), 'storage areas holding the token').toEqual([]);
      expect(areasHolding(storage, WRONG_TOKEN), 'storage areas holding the rejected token').toEqual([]);
      expect(consoleLinesWith(browser, [DEMO_TOKEN, WRONG_TOKEN]), 'console lines with a token').toEqual([]);
    },
  },
];
