// Steps the cases about where selections work and what a hostile page can do share: set the
// extension up, look up a selection, close the card, count the lookups that reached the API.
import { expect } from 'vitest';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN } from '../../server/credentials.ts';
import { LEADS_PATH, type MegaServer, type RecordedRequest } from '../../server/mega-server.ts';
import type { ExtensionBrowser, OptionsPage, Popover, WebPage } from './types.ts';
import { waitUntil } from './wait.ts';

/** A number no seeded lead has. */
export const UNKNOWN_PHONE = '+1 (646) 555-0177';

/** The card's size, the same whatever it shows (entrypoints/content/selection-popover.ts). */
export const CARD_SIZE = { width: 360, height: 340 };

/**
 * How long to watch for something that must NOT happen (a request, a card): a lookup against the
 * local server starts within milliseconds of the selection and shows its card well within half a
 * second, so a second and a half without either is a clear "no".
 */
const NOTHING_HAPPENS_MS = 1_500;

export function watchForNothing(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, NOTHING_HAPPENS_MS));
}

/** Sets up the extension for the local server through the options page, as a user would. */
export async function configure(browser: ExtensionBrowser, server: MegaServer): Promise<OptionsPage> {
  const options = await browser.openOptions();
  await options.fill('API token', DEMO_TOKEN);
  await options.fill('Customer ID', DEMO_CUSTOMER_ID);
  await options.fill('API base URL', server.url);
  await options.click('Save');
  await options.waitForStatus('Settings saved');
  return options;
}

/** A test page from server/pages/ in a tab. */
export function openTestPage(browser: ExtensionBrowser, server: MegaServer, page: string): Promise<WebPage> {
  return browser.openWebPage(`${server.url}/pages/${page}`);
}

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** The lead searches the extension sent to the API. */
export function leadSearches(server: MegaServer): RecordedRequest[] {
  return server.requests.filter(
    (request) => request.method === 'GET' && request.path === LEADS_PATH && 'search' in request.query,
  );
}

/** The lead searches for this phone number or email, however the extension normalised it. */
export function searchesFor(server: MegaServer, value: string): RecordedRequest[] {
  const wanted = value.includes('@') ? value.toLowerCase() : digitsOf(value);
  return leadSearches(server).filter((request) => {
    const search = request.query.search ?? '';
    return value.includes('@') ? search.toLowerCase() === wanted : digitsOf(search) === wanted;
  });
}

/** Waits for the extension's card and for it to show `expected`. */
export async function cardShowing(page: WebPage, expected: string | RegExp): Promise<Popover> {
  const popover = await page.waitForPopover();
  await popover.waitForText(expected);
  return popover;
}

/** Selects `text` with the mouse and waits until the card shows `expected`. */
export async function lookUp(page: WebPage, text: string, expected: string | RegExp): Promise<Popover> {
  expect(await page.dragSelect(text), 'the selected text').toBe(text);
  return cardShowing(page, expected);
}

/** Closes the card with Escape, as a user moving on, and waits until it is gone. */
export async function dismiss(page: WebPage): Promise<void> {
  await page.press('Escape');
  await waitUntil(async () => !(await page.popoverVisible()), { what: `the card on the ${page.description} to close` });
}
