// What the cases do as a user: set the extension up, open a page, select text and wait for the
// card, close it. Also the one fixed wait, for proving that something did not happen.
import { expect } from 'vitest';
import type { MegaServer } from '../../server/mega-server.ts';
import type { Card, FormView } from '../pages/card.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';
import type { OptionsPage } from '../pages/options.ts';
import type { WebPage } from '../pages/web-page.ts';
import { connectDirectly, connectThroughOptions } from '../shared/connect.ts';
import { DEMO_TOKEN, demoConnection } from '../shared/fixtures.ts';
import { textMatches, waitUntil } from '../shared/wait.ts';

/** The card's size, the same whatever it shows (CARD_WIDTH and CARD_HEIGHT in entrypoints/content/card-host.ts). */
export const CARD_SIZE = { width: 360, height: 340 };

/**
 * How long to watch for something that must NOT happen (a request, a card). A lookup against the
 * local server starts within a few milliseconds of the selection and shows its card well within
 * half a second, so a second and a half without either is a clear "no".
 */
const NOTHING_HAPPENS_MS = 1_500;

/** Waits out NOTHING_HAPPENS_MS: the only fixed wait, for proving that something did not happen. */
export function watchForNothing(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, NOTHING_HAPPENS_MS));
}

/** A plain web page with these paragraphs, served by the local server at /pages/<name>. */
export function webPageUrl(server: MegaServer, name: string, paragraphs: string | readonly string[]): string {
  const body = (typeof paragraphs === 'string' ? [paragraphs] : paragraphs).map((text) => `<p>${text}</p>`).join('');
  server.addPage(
    name,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>` +
      '<style>body{font:18px/1.6 system-ui,sans-serif;margin:120px 80px}p{margin:0 0 48px}</style></head>' +
      `<body><h1>Contact</h1>${body}<p>Thanks for reading.</p></body></html>`,
  );
  return `${server.url}/pages/${name}`;
}

/** A test page from server/pages/ in a tab. */
export function openTestPage(browser: ExtensionBrowser, server: MegaServer, page: string): Promise<WebPage> {
  return browser.openWebPage(`${server.url}/pages/${page}`);
}

/**
 * Connects the extension to the local server, for a case that tests something other than how:
 * straight into its storage, as the options page saves an account (connect.ts).
 */
export function connect(browser: ExtensionBrowser, server: MegaServer, token = DEMO_TOKEN): Promise<void> {
  return connectDirectly(browser, demoConnection(server.url, token));
}

/** Sets up the extension for the local server through the options page, as a user would. */
export function configure(browser: ExtensionBrowser, server: MegaServer, token = DEMO_TOKEN): Promise<OptionsPage> {
  return connectThroughOptions(browser, demoConnection(server.url, token));
}

/** Waits for the extension's card and for it to show `expected`. */
export async function cardShowing(page: WebPage, expected: string | RegExp): Promise<Card> {
  const card = await page.waitForCard();
  await card.waitForText(expected);
  return card;
}

/** Selects `text` with the mouse and waits until the card shows `expected`. */
export async function lookUp(page: WebPage, text: string, expected: string | RegExp): Promise<Card> {
  expect(await page.dragSelect(text), 'the selected text').toBe(text);
  return cardShowing(page, expected);
}

/** Waits until the card shows one of `outcomes` (whatever it settles on); returns its text. */
export function cardOutcome(card: Card, outcomes: readonly (string | RegExp)[]): Promise<string> {
  return waitUntil(
    async () => {
      const text = await card.text();
      return outcomes.some((outcome) => textMatches(text, outcome)) && text;
    },
    { what: `the ${card.description} to show one of: ${outcomes.map(String).join(', ')}` },
  );
}

/** Closes the card with Escape, as a user moving on, and waits until it is gone. */
export async function dismiss(page: WebPage): Promise<void> {
  await page.press('Escape');
  await waitUntil(async () => !(await page.cardVisible()), { what: `the card on the ${page.description} to close` });
}

/**
 * Clicks "Add to MEGA" on the card and returns its form: in the card, or in Firefox, where the card
 * cannot tell whether the page covers it, in a window of its own.
 */
export function openAddForm(browser: ExtensionBrowser, card: Card): Promise<FormView> {
  return card.openAddForm({ inWindow: browser.name === 'firefox' });
}
