// Several MEGA accounts: added and removed in the options page, switched in the popup's
// "Account" picker (also after the browser stopped the background), their tokens out of every
// storage area a content script can read, accounts deployed by an administrator's policy (with the
// policy's suggested settings kept across a switch in the popup; one deployed without a token,
// which takes the user's own), and a lead whose custom fields hold a list and an object.
import { expect } from 'vitest';
import { addAccountThroughOptions } from '../shared/connect.ts';
import {
  DEMO_CUSTOMER_ID,
  DEMO_TOKEN,
  demoAccounts,
  JANE,
  JORDAN,
  OLIVER,
  OTHER_CUSTOMER_ID,
  VALERIA,
  WRONG_TOKEN,
  type NamedConnection,
} from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';
import type { OptionsPage } from '../pages/options.ts';
import type { WebPage } from '../pages/web-page.ts';
import type { AreaRead, ContentScriptStorage } from '../shared/types.ts';
import { waitUntil } from '../shared/wait.ts';
import { areasHolding, consoleLinesWith, searchesFor } from './observe.ts';
import { cardOutcome, connect, dismiss, lookUp, watchForNothing, webPageUrl } from './steps.ts';

const last4 = (token: string): string => token.slice(-4);

/** An account an administrator deploys without a token. */
const DEPLOYED = 'Acme (deployed)';

/** The last four characters of the token each lookup of `value` was sent with, in order. */
function tokensSentFor(server: Parameters<typeof searchesFor>[0], value: string): (string | null)[] {
  return searchesFor(server, value).map((request) => request.tokenLast4);
}

/** Both demo accounts, added through the options page; the first stays the active one. */
async function addBothAccounts(
  browser: ExtensionBrowser,
  baseUrl: string,
  secondRemembered: 'On this device' | 'Until the browser closes' = 'On this device',
): Promise<{ options: OptionsPage; first: NamedConnection; second: NamedConnection }> {
  const [first, second] = demoAccounts(baseUrl);
  const options = await browser.openOptions();
  await addAccountThroughOptions(options, first);
  await addAccountThroughOptions(options, second, secondRemembered);
  const rows = await waitUntil(
    async () => {
      const listed = await options.accounts();
      return listed.length === 2 && listed;
    },
    { what: 'two accounts in the list on the options page' },
  );
  expect(rows[0], 'the first account in the list').toContain(first.name);
  expect(rows[0], 'the first account in the list').toContain('Active');
  expect(rows[1], 'the second account in the list').toContain(second.name);
  expect(rows[1], 'the second account in the list').not.toContain('Active');
  return { options, first, second };
}

/** A page with Jane's number, which is Jordan Reyes's in the second account. */
function sharedNumberPage(browser: ExtensionBrowser, server: Parameters<typeof webPageUrl>[0]): Promise<WebPage> {
  return browser.openWebPage(webPageUrl(server, 'accounts.html', `Call ${JANE.contact_phone} about the listing.`));
}

/** Selects Jane's number and returns the text the card settles on, whichever account answers. */
async function cardForSharedNumber(page: WebPage): Promise<string> {
  expect(await page.dragSelect(JANE.contact_phone), 'the selected text').toBe(JANE.contact_phone);
  return cardOutcome(await page.waitForCard(), [JANE.contact_name, JORDAN.contact_name]);
}

const isEmptyRead = (read: AreaRead): boolean => read.read === 'items' && Object.keys(read.items).length === 0;

/** The areas whose read gave something that contains `secret`. */
function areasShowing(storage: ContentScriptStorage, secret: string): string[] {
  return Object.entries(storage)
    .filter(([, read]) => JSON.stringify(read).includes(secret))
    .map(([area]) => area);
}

export const accountCases: readonly ExtensionCase[] = [
  {
    name: 'accounts: two accounts from the options page; the popup picker switches the lead a number shows and the token sent; Remove account',
    async run({ browser, server }) {
      const { options, first, second } = await addBothAccounts(browser, server.url);

      const page = await sharedNumberPage(browser, server);
      await lookUp(page, JANE.contact_phone, JANE.contact_name);
      expect(tokensSentFor(server, JANE.contact_phone), 'tokens of the lookups so far').toEqual([last4(first.token)]);
      await dismiss(page);

      const popup = await browser.openPopup();
      expect(await waitUntil(() => popup.accountPicker(), { what: 'the "Account" picker on the popup' })).toEqual({
        choices: [first.name, second.name],
        chosen: first.name,
      });
      await popup.chooseAccount(second.name);
      let card = await cardForSharedNumber(page);
      expect(card, `the card after switching to "${second.name}"`).toContain(JORDAN.contact_name);
      expect(card, `the card after switching to "${second.name}"`).not.toContain(JANE.contact_name);
      expect(tokensSentFor(server, JANE.contact_phone), 'tokens of the lookups so far').toEqual([
        last4(first.token),
        last4(second.token),
      ]);
      expect(searchesFor(server, JANE.contact_phone).at(-1)?.customerId, 'customer of the last lookup').toBe(
        OTHER_CUSTOMER_ID,
      );
      await dismiss(page);

      await popup.chooseAccount(first.name);
      card = await cardForSharedNumber(page);
      expect(card, `the card after switching back to "${first.name}"`).toContain(JANE.contact_name);
      expect(card, `the card after switching back to "${first.name}"`).not.toContain(JORDAN.contact_name);
      // Answered from the first account's own cached answer, or asked again with its own token.
      expect(
        tokensSentFor(server, JANE.contact_phone)
          .slice(2)
          .filter((token) => token !== last4(first.token)),
        "tokens other than the first account's after switching back",
      ).toEqual([]);
      await dismiss(page);

      await options.editAccount(second.name);
      await options.click('Remove account');
      await options.click('Remove');
      await options.waitForStatus(`“${second.name}” was removed, with its token.`);
      expect(await options.accounts(), 'accounts left').toEqual([expect.stringContaining(first.name)]);
      expect(
        areasHolding(await browser.extensionStorage(), second.token),
        'storage areas holding the removed token',
      ).toEqual([]);

      const after = await browser.openPopup();
      await after.waitForResults((rows) => rows.length > 0, 'the most recently updated leads of the account left');
      expect(await after.accountPicker(), 'the "Account" picker with one account left').toBeNull();
      expect(consoleLinesWith(browser, [first.token, second.token]), 'console lines with a token').toEqual([]);
    },
  },
  {
    name: "accounts: after the browser stops the background, switching accounts never shows the first account's answer",
    launch: () => ({ quickBackgroundIdle: true }),
    async run({ browser, server }) {
      const { options, first, second } = await addBothAccounts(browser, server.url);
      await options.close();

      const page = await sharedNumberPage(browser, server);
      await lookUp(page, JANE.contact_phone, JANE.contact_name); // the first account's answer, cached
      await dismiss(page);
      const popup = await browser.openPopup();
      expect((await waitUntil(() => popup.accountPicker(), { what: 'the "Account" picker' })).chosen).toBe(first.name);

      await browser.stopBackground();
      await popup.chooseAccount(second.name);
      const rows = await popup.waitForResults(
        (shown) => shown.some((row) => row.includes(JORDAN.contact_name)),
        `the leads of "${second.name}" in the popup`,
      );
      expect(
        rows.filter((row) => row.includes(JANE.contact_name)),
        `rows of "${first.name}" in the popup`,
      ).toEqual([]);

      const card = await cardForSharedNumber(page);
      expect(card, `the card after the restart and the switch to "${second.name}"`).toContain(JORDAN.contact_name);
      expect(card, `the card after the restart and the switch to "${second.name}"`).not.toContain(JANE.contact_name);
      expect(tokensSentFor(server, JANE.contact_phone), 'tokens of the lookups').toEqual([
        last4(first.token),
        last4(second.token),
      ]);
    },
  },
  {
    name: "accounts: a content script can read neither account's token from storage.local, sync, session or managed",
    async run({ browser, server }) {
      // One token on this device (the extension's IndexedDB), one for the session (storage.session).
      const { first, second } = await addBothAccounts(browser, server.url, 'Until the browser closes');
      // The check can find a token where one is: the extension's own session area has the second.
      expect(areasHolding(await browser.extensionStorage(), second.token), 'areas holding the session token').toEqual([
        'session',
      ]);
      expect(areasHolding(await browser.extensionStorage(), first.token), 'areas holding the device token').toEqual([]);

      const page = await sharedNumberPage(browser, server);
      await lookUp(page, JANE.contact_phone, JANE.contact_name); // the content script is at work here
      const seen = await page.storageSeenByContentScript();
      expect(seen.local.read, 'storage.local as the content script reads it').toBe('items');
      // A real read: the settings are there, with both accounts' names (and no token).
      expect(JSON.stringify(seen.local), 'storage.local as the content script reads it').toContain(second.name);
      expect(
        seen.session.read === 'refused' || isEmptyRead(seen.session),
        `storage.session refused or empty for content scripts: ${JSON.stringify(seen.session)}`,
      ).toBe(true);
      expect(areasShowing(seen, first.token), 'areas showing the device token to a content script').toEqual([]);
      expect(areasShowing(seen, second.token), 'areas showing the session token to a content script').toEqual([]);
    },
  },
  {
    name: "accounts: an administrator's policy deploys an account, locks the trigger, the accounts and the language, and names the entry it skipped",
    launch: (server) => ({
      managedPolicy: {
        accounts: [
          { name: 'Acme (managed)', customerId: DEMO_CUSTOMER_ID, baseUrl: server.url, apiToken: DEMO_TOKEN },
          // Malformed: no name. Skipped, and the options page says so; the rest applies.
          { customerId: OTHER_CUSTOMER_ID, baseUrl: server.url },
        ],
        trigger: 'button',
        language: 'en',
        lockedSettings: ['trigger', 'accounts', 'language'],
      },
    }),
    async run({ browser, server }) {
      const options = await browser.openOptions();
      await options.waitForText('An account your administrator deployed (“2”) could not be read and was skipped.');
      const rows = await waitUntil(
        async () => {
          const listed = await options.accounts();
          return listed.length > 0 && listed;
        },
        { what: 'the deployed account in the list' },
      );
      expect(rows, 'the accounts listed').toHaveLength(1);
      expect(rows[0]).toContain('Acme (managed)');
      expect(rows[0]).toContain('Set by your administrator');
      await options.waitForText('Your administrator manages the accounts');
      expect(await options.text(), 'the options page').not.toContain('Add account');
      expect(await options.control('Show a small button first'), 'the trigger the policy set').toEqual({
        enabled: false,
        checked: true,
      });
      expect(await options.control('Automatically when I select a phone number or email'), 'another trigger').toEqual({
        enabled: false,
        checked: false,
      });
      expect((await options.control('Language of Lead Lens')).enabled, 'the language list').toBe(false);
      expect(await options.chooseLanguage('de'), 'another language chosen').toBe(false);
      expect(await options.language(), 'the options page').toEqual({ lang: 'en', dir: 'ltr' });

      const page = await browser.openWebPage(webPageUrl(server, 'managed.html', `Call ${JANE.contact_phone} today.`));
      expect(await page.dragSelect(JANE.contact_phone)).toBe(JANE.contact_phone);
      // The button trigger: nothing is looked up until the user clicks the button it shows.
      await watchForNothing();
      expect(searchesFor(server, JANE.contact_phone), 'lookups before the button is clicked').toEqual([]);
      expect(await page.cardVisible(), 'a card before the button is clicked').toBe(false);
      await page.clickExtensionButton('Look up in MEGA');
      const card = await page.waitForCard();
      await card.waitForText(JANE.contact_name);
      const sent = searchesFor(server, JANE.contact_phone);
      expect(
        sent.map(({ tokenLast4, customerId }) => ({ tokenLast4, customerId })),
        'the lookups sent',
      ).toEqual([{ tokenLast4: last4(DEMO_TOKEN), customerId: DEMO_CUSTOMER_ID }]);
    },
  },
  {
    name: "accounts: a deployed account takes the user's own token and works",
    launch: (server) => ({
      managedPolicy: {
        // No apiToken: each user enters their own.
        accounts: [{ name: DEPLOYED, customerId: DEMO_CUSTOMER_ID, baseUrl: server.url }],
        lockedSettings: ['accounts'],
      },
    }),
    async run({ browser, server }) {
      const options = await browser.openOptions();
      const deployedRow = async () =>
        waitUntil(async () => (await options.accounts()).find((row) => row.includes(DEPLOYED)), {
          what: `the row of "${DEPLOYED}" on the options page`,
        });
      expect(await deployedRow(), 'the deployed account before a token').toContain(
        'No token: your administrator deployed none.',
      );
      await options.openOwnToken(DEPLOYED, 'Enter token');
      for (const [label, shown] of [
        ['Account name', DEPLOYED],
        ['Customer ID', DEMO_CUSTOMER_ID],
        ['API base URL', server.url],
      ] as const) {
        expect(await options.fieldValue(label), `the ${label} shown`).toBe(shown);
        expect((await options.control(label)).enabled, `whether the ${label} can be changed`).toBe(false);
      }

      // A wrong token first: MEGA's 401 is said plainly, on the page and in the card.
      await options.fill('API token', WRONG_TOKEN);
      await options.click('Save');
      await options.waitForStatus('Settings saved');
      await options.click('Test connection');
      await options.waitForStatus(/Not connected: the token was rejected/);
      const page = await browser.openWebPage(webPageUrl(server, 'own-token.html', `Call ${JANE.contact_phone} today.`));
      await lookUp(page, JANE.contact_phone, 'MEGA did not accept the API token');
      await dismiss(page);

      // Replaced by the right one: the lookup shows the lead, sent with the user's token.
      await options.fill('API token', DEMO_TOKEN);
      await options.click('Save');
      await options.waitForStatus('Settings saved');
      expect(await deployedRow(), 'the deployed account with the token').toContain(
        `Saved token ending in •••• ${last4(DEMO_TOKEN)}`,
      );
      await lookUp(page, JANE.contact_phone, JANE.contact_name);
      expect(
        searchesFor(server, JANE.contact_phone).map(({ tokenLast4, customerId }) => ({ tokenLast4, customerId })),
        'the lookups sent',
      ).toEqual([
        { tokenLast4: last4(WRONG_TOKEN), customerId: DEMO_CUSTOMER_ID },
        { tokenLast4: last4(DEMO_TOKEN), customerId: DEMO_CUSTOMER_ID },
      ]);

      // The token is in the vault, and nowhere a content script (or the policy) can read.
      const id = `managed-${encodeURIComponent(DEPLOYED.toLowerCase())}`;
      expect(await options.tokenVaultAccounts(), 'accounts with a token in the vault').toEqual([id]);
      expect(areasHolding(await browser.extensionStorage(), DEMO_TOKEN), 'storage areas holding the token').toEqual([]);
      const seen = await page.storageSeenByContentScript();
      expect(JSON.stringify(seen.managed), 'storage.managed as the content script reads it').toContain(DEPLOYED);
      expect(areasShowing(seen, DEMO_TOKEN), 'areas showing the token to a content script').toEqual([]);

      await options.click('Remove token');
      await options.waitForStatus(`Your token for “${DEPLOYED}” was removed.`);
      expect(await options.tokenVaultAccounts(), 'accounts with a token in the vault after removing it').toEqual([]);
      expect(await deployedRow(), 'the deployed account after removing the token').toContain(
        'No token: your administrator deployed none.',
      );
      expect(consoleLinesWith(browser, [DEMO_TOKEN, WRONG_TOKEN]), 'console lines with a token').toEqual([]);
    },
  },
  {
    name: 'accounts: the region and trigger an administrator suggests (unlocked) survive switching accounts in the popup',
    launch: (server) => ({
      managedPolicy: {
        // The second customer first, so it starts active and the popup switches to the demo one.
        accounts: demoAccounts(server.url)
          .reverse()
          .map(({ name, customerId, baseUrl, token }) => ({ name, customerId, baseUrl, apiToken: token })),
        trigger: 'button',
        defaultRegion: 'GB',
      },
    }),
    async run({ browser, server }) {
      const [demo, second] = demoAccounts(server.url);
      const popup = await browser.openPopup();
      expect(await waitUntil(() => popup.accountPicker(), { what: 'the "Account" picker on the popup' })).toEqual({
        choices: [second.name, demo.name],
        chosen: second.name,
      });
      // The user's first change: it must keep what they were shown, not the built-in defaults.
      await popup.chooseAccount(demo.name);

      const options = await browser.openOptions();
      await options.waitForText('Set by your administrator; you can change it.');
      expect(await options.control('Show a small button first'), 'the trigger the policy suggests').toEqual({
        enabled: true,
        checked: true,
      });

      // Oliver's number as a British page writes it: read with the GB region, it is his.
      const written = OLIVER.contact_phone;
      const page = await browser.openWebPage(
        webPageUrl(server, 'suggested.html', `Ring Oliver on ${written} tomorrow.`),
      );
      expect(await page.dragSelect(written)).toBe(written);
      // The button trigger: nothing is looked up until the user clicks the button it shows.
      await watchForNothing();
      const international = '+44 20 7946 0958';
      expect(searchesFor(server, international), 'lookups before the button is clicked').toEqual([]);
      await page.clickExtensionButton('Look up in MEGA');
      const card = await page.waitForCard();
      await card.waitForText(OLIVER.contact_name);
      const sent = searchesFor(server, international);
      expect(
        sent.map(({ tokenLast4, customerId }) => ({ tokenLast4, customerId })),
        `the lookups of ${international}`,
      ).toEqual([{ tokenLast4: last4(demo.token), customerId: DEMO_CUSTOMER_ID }]);
    },
  },
  {
    name: 'accounts: custom fields holding a list and an object read as text on the card',
    async run({ browser, server }) {
      // Shapes outside MEGA's published schema, as real data drifts.
      server.setDrift(true);
      await connect(browser, server);
      const page = await browser.openWebPage(webPageUrl(server, 'custom.html', `Valeria: ${VALERIA.contact_phone}`));
      const card = await lookUp(page, VALERIA.contact_phone, VALERIA.contact_name);
      await card.openDisclosure(/Custom fields/);
      const text = await card.text();
      expect(text, 'the card with its custom fields open').toContain('vip, spanish');
      expect(text, 'the card with its custom fields open').toMatch(/Austin.*78701/);
      expect(text, 'the card with its custom fields open').not.toContain('[object Object]');
    },
  },
];
