// The copy of an account's leads kept on this device: turned on in the options page, it answers
// lookups and the popup's search with no request, and still does when MEGA cannot be reached.
import { expect } from 'vitest';
import { addAccountThroughOptions } from '../shared/connect.ts';
import { DEMO_CUSTOMER_ID } from '../../server/credentials.ts';
import { demoAccounts, JANE, LUKAS } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';
import type { WebPage } from '../pages/web-page.ts';
import { waitUntil } from '../shared/wait.ts';
import { isLeadList, searchesFor } from './observe.ts';
import { dismiss, lookUp, watchForNothing, webPageUrl } from './steps.ts';

const KEEP_COPY = 'Keep a copy of my leads on this device';
/** The card's line for a lead shown from the copy ("From the copy on this device · synced …"). */
const FROM_THE_COPY = /From the copy on this device/;
/** The copy's status once its first sync is done, e.g. "203 leads on this device · updated just now". */
const COPY_READY = /[\d,]+ leads? on this device/;

/** What the page's own scripts can find of these leads' names (DOM, attributes, frames it can read). */
async function namesExposed(page: WebPage, names: readonly string[]): Promise<string[]> {
  const exposure = await page.exposure(names);
  return [...exposure.domHits, ...exposure.frameReads.filter((read) => names.some((name) => read.includes(name)))];
}

/**
 * Turns the copy on for the connected account in the options page and waits for its first sync;
 * returns the account's row as it then reads ("… 203 leads on this device · updated just now …").
 */
export async function keepCopy(browser: ExtensionBrowser, baseUrl: string): Promise<string> {
  const account = demoAccounts(baseUrl)[0];
  const options = await browser.openOptions();
  await addAccountThroughOptions(options, account);
  expect(await options.toggleAccountSwitch(account.name, KEEP_COPY), `"${KEEP_COPY}" after the click`).toBe(true);
  await options.waitForStatus(/Copying the leads of/);
  // The account's row, whose copy status says how far the sync is: quoted if it never gets there.
  const row = await waitUntil(
    async () => {
      const text = (await options.accounts()).find((shown) => shown.includes(account.name)) ?? '(no such row)';
      if (COPY_READY.test(text)) return text;
      throw new Error(`the row says "${text}"`);
    },
    { what: `the first sync of the copy of "${account.name}" on the options page` },
  );
  await options.close();
  return row;
}

export const deviceCopyCases: readonly ExtensionCase[] = [
  {
    name: 'device copy: turned on in the options page, it shows a card with no request, and with MEGA unreachable still shows cards and finds leads in the popup; the page never sees a name',
    async run({ browser, server }) {
      const status = await keepCopy(browser, server.url);
      const theirs = server.leads.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID).length;
      expect(status, 'the copy after its first sync').toMatch(
        new RegExp(`\\b${theirs.toLocaleString('en-US')} leads on this device`),
      );
      const syncRequests = server.requests.filter(isLeadList).length;
      expect(syncRequests, `requests of the first sync of ${theirs} leads`).toBeGreaterThan(0);

      const page = await browser.openWebPage(
        webPageUrl(server, 'device-copy.html', [`Jane: ${JANE.contact_phone}`, `Lukas: ${LUKAS.contact_phone}`]),
      );
      const names = [JANE.contact_name, LUKAS.contact_name];

      // (a) Known to the copy: the card, and no request for the value.
      const card = await lookUp(page, JANE.contact_phone, JANE.contact_name);
      await card.waitForText(FROM_THE_COPY);
      await watchForNothing(); // a request sent after the card would show up here
      expect(searchesFor(server, JANE.contact_phone), `API requests for ${JANE.contact_phone}`).toEqual([]);
      expect.soft(await namesExposed(page, names), 'lead names the page can read with the card open').toEqual([]);
      await dismiss(page);

      // (b) MEGA unreachable: every API request from now on has its connection dropped.
      server.injectFault({ type: 'disconnect' }, 10_000);
      const offline = await lookUp(page, LUKAS.contact_phone, LUKAS.contact_name);
      await offline.waitForText(FROM_THE_COPY);
      expect(searchesFor(server, LUKAS.contact_phone), `API requests for ${LUKAS.contact_phone}`).toEqual([]);
      expect.soft(await namesExposed(page, names), 'lead names the page can read with the card open').toEqual([]);
      await dismiss(page);

      const popup = await browser.openPopup();
      await popup.search('Jane Coop');
      const rows = await popup.waitForResults(
        (shown) => shown.some((row) => row.includes(JANE.contact_name)),
        `results for "Jane Coop" with ${JANE.contact_name}`,
      );
      expect(
        rows.filter((row) => !row.includes('Jane')),
        'rows without "Jane"',
      ).toEqual([]);
      await popup.waitForText(/from this device/);
      const dropped = server.requests.filter((request) => isLeadList(request) && request.query.search === 'Jane Coop');
      expect
        .soft(
          dropped.every((request) => request.status === 0),
          'MEGA answered a search meant to fail',
        )
        .toBe(true);

      // (c) Nothing of the leads reached the page meanwhile.
      expect(await namesExposed(page, names), 'lead names the page can read').toEqual([]);
    },
  },
];
