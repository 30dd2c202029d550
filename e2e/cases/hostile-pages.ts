// What a page cannot do to the card: hide it, look a lead up by swapping the selection, frame its
// own copy of the card, tell a lead from "no lead" by the card's size, hear the extension arrive,
// or get a card on a site where lookups are off. Each page is a file in server/pages/.
import { expect } from 'vitest';
import type { MegaServer } from '../../server/mega-server.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';
import type { OptionsPage } from '../pages/options.ts';
import type { WebPage } from '../pages/web-page.ts';
import { JANE, LUKAS, UNKNOWN_PHONE } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import type { AddedElement } from '../shared/types.ts';
import { waitUntil } from '../shared/wait.ts';
import { leadSearches, posts, searchesFor } from './observe.ts';
import { CARD_SIZE, cardShowing, configure, connect, dismiss, lookUp, openTestPage, watchForNothing } from './steps.ts';

const JANE_PHONE = JANE.contact_phone;
/** The Firefox add-on id (wxt.config.ts), which is also `runtime.id` there. */
const GECKO_ID = 'lead-lens@leadlens.app';

/** The ids a page could know the extension by: Chrome's is its origin's host; Firefox's is the add-on id. */
function extensionIds(browser: ExtensionBrowser): string[] {
  return [browser.extensionOrigin.split('/')[2] ?? '', GECKO_ID];
}

/** Turns lookups off on these sites (one a line) in the options page, as a user does. */
async function lookupsOffOn(options: OptionsPage, sites: string): Promise<void> {
  await options.bringToFront();
  await options.fill('Sites where lookups are off', sites);
  await options.click('Save settings');
  await options.waitForStatus('Settings saved');
}

/** Selects the number in the frame of site-frame.html; no lookup is sent and no card is shown. */
async function nothingLookedUpInFrame(page: WebPage, server: MegaServer, where: string): Promise<void> {
  expect(await page.dragSelectInFrame('contact-frame', JANE_PHONE), `selected ${where}`).toBe(JANE_PHONE);
  await watchForNothing();
  expect(leadSearches(server), `lookups sent to the API for a selection ${where}`).toEqual([]);
  expect(await page.cardVisible(), `a card for a selection ${where}`).toBe(false);
}

/** What the page sees of the card: one element it cannot look into, and no iframe. */
function cardAsThePageSeesIt(added: AddedElement[]) {
  return added.map(({ tag, width, height, readableInside }) => ({
    iframe: tag === 'iframe',
    width,
    height,
    readableInside,
  }));
}

export const hostilePageCases: readonly ExtensionCase[] = [
  {
    name: 'a page whose style sheets hide iframes, divs and anything added to the page still shows the card at full size',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await openTestPage(browser, server, 'hidden-frames.html');
      const card = await lookUp(page, JANE_PHONE, JANE.contact_name);
      expect(await page.cardVisible(), 'the card is visible').toBe(true);
      expect(await card.size(), 'the card frame on screen').toEqual(CARD_SIZE);
      expect(cardAsThePageSeesIt(await page.addedToPage()), 'what the page can find of the card').toEqual([
        { iframe: false, ...CARD_SIZE, readableInside: false },
      ]);
    },
  },
  {
    name: 'a page that swaps in a hidden selection during real clicks, double clicks and drags gets no lookup',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await openTestPage(browser, server, 'selection-swap.html');
      for (let click = 0; click < 4; click += 1) await page.clickOn('revenue');
      await page.dragSelect('Quarterly revenue grew');
      await page.tripleClick('doubled');
      await watchForNothing();
      expect(server.requests, 'API requests').toEqual([]);
      expect(await page.cardVisible(), 'a card').toBe(false);
      expect(await page.addedToPage(), 'elements added to the page').toEqual([]);
    },
  },
  {
    name: 'a drag whose selection the page moved looks nothing up; a drag the page leaves alone does',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await openTestPage(browser, server, 'drag-swap.html');
      // During the drag the page moved the selection to near-invisible text just past its end.
      expect(await page.dragSelect('Quarterly revenue grew'), 'what the page left selected').toBe(JANE_PHONE);
      await watchForNothing();
      expect(leadSearches(server), 'lookups sent to the API').toEqual([]);
      expect(await page.cardVisible(), 'a card').toBe(false);

      await lookUp(page, LUKAS.contact_phone, LUKAS.contact_name);
      expect(leadSearches(server), 'lookups sent to the API').toHaveLength(1);
      expect(searchesFor(server, LUKAS.contact_phone), `lookups of ${LUKAS.contact_phone}`).toHaveLength(1);
    },
  },
  {
    name: "a page that frames its own copy of the card with the card's real address gets no lead",
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await openTestPage(browser, server, 'card-copy.html');
      const card = await lookUp(page, JANE_PHONE, JANE.contact_name);
      // The test reads the address through the browser; the page could guess or learn it.
      await page.callPageFunction('frameCardCopy', await card.frameSrc());
      const copy = await page.pageFrame('card-copy');
      await copy.waitForText('This lookup has expired');

      // Another lookup: the extension's card shows it, the copy still shows no lead.
      await dismiss(page);
      await lookUp(page, JANE_PHONE, JANE.contact_name);
      const shown = await copy.text();
      for (const lead of [JANE.contact_name, JANE.contact_email, '555-0134']) {
        expect(shown, `the page's copy of the card`).not.toContain(lead);
      }
    },
  },
  {
    name: 'a page cannot reach the card frame to navigate it (window.frames leaves out frames in shadow roots); the card keeps its lead',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await openTestPage(browser, server, 'frame-navigate.html');
      const card = await lookUp(page, JANE_PHONE, JANE.contact_name);
      await page.callPageFunction('navigateFrames', `${server.url}/pages/card-copy.html`);
      expect(await page.pageValue('framesNavigated'), 'frames the page reached').toBe(0);
      await watchForNothing();
      expect(await page.cardVisible(), 'the card after the attempt').toBe(true);
      expect(await card.text(), 'the card after the attempt').toContain(JANE.contact_name);
      expect((await card.src()).startsWith(browser.cardUrl), "the card frame's page").toBe(true);
    },
  },
  {
    name: 'a page that covers the card with its own top-layer element once: the card rises above it, and its buttons stay open (in Firefox a copy still takes a second press)',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await openTestPage(browser, server, 'cover-card.html');
      const card = await lookUp(page, JANE_PHONE, JANE.contact_name);
      await card.waitForButton('Copy phone');
      await waitUntil(async () => !(await card.buttonDisabled('Copy phone')), { what: 'the copy button to open' });
      await page.callPageFunction('coverCard');
      // In Chromium IntersectionObserver v2 would close the buttons of a covered card: they open
      // again (or stay open) once the card is above the cover.
      await watchForNothing();
      await waitUntil(async () => !(await card.buttonDisabled('Copy phone')), {
        what: 'the card above the cover to keep its buttons open',
      });
      expect(await page.cardVisible(), 'the card after one cover').toBe(true);
      await card.click('Copy phone');
      await card.waitForButton(browser.name === 'firefox' ? 'Press again: Copy phone' : 'Phone copied');
    },
  },
  {
    name: 'in Firefox, Add to MEGA through an opaque cover creates nothing (nor in Chromium): a page that keeps covering the card closes it',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await openTestPage(browser, server, 'cover-opaque.html');
      const card = await lookUp(page, UNKNOWN_PHONE, 'No lead found');
      const addToMega = await card.buttonCentre('Add to MEGA');
      await waitUntil(async () => !(await card.buttonDisabled('Add to MEGA')), { what: 'Add to MEGA to open' });

      // The user sees the page's slider, which the page keeps putting back above the card: the
      // card closes, so the two clicks the page asks for, which go through the slider to where
      // "Add to MEGA" was, reach nothing. (Clicked once the card has closed: a click that Chromium
      // routes to a card frame as it goes away is never acknowledged over CDP, which hangs the driver.)
      await page.callPageFunction('coverCard');
      await waitUntil(async () => !(await page.cardVisible()), { what: 'the card the page keeps covering to close' });
      await page.clickAt(addToMega);
      await page.clickAt(addToMega);
      await watchForNothing();
      expect(posts(server.requests), 'leads added').toEqual([]);

      // The next card, once the page stops covering, says why the last one closed.
      await page.callPageFunction('uncoverCard');
      await lookUp(page, UNKNOWN_PHONE, 'kept drawing over it');
    },
  },
  {
    name: 'the card is the same size for a lead and for no lead, and the page hears nothing from the extension, at load or after',
    async run({ browser, server }) {
      await connect(browser, server);
      const ids = extensionIds(browser)
        .map((id) => `id=${encodeURIComponent(id)}`)
        .join('&');
      const page = await browser.openWebPage(`${server.url}/pages/quiet-load.html?${ids}`);
      await watchForNothing();
      expect(await page.pageValue('heard'), 'messages and start-up events the page heard at load').toEqual([]);
      expect(await page.addedToPage(), 'elements added to the page at load').toEqual([]);

      const found = await lookUp(page, JANE_PHONE, JANE.contact_name);
      const foundSize = await found.size();
      const foundSeen = cardAsThePageSeesIt(await page.addedToPage());
      await dismiss(page);
      const none = await lookUp(page, UNKNOWN_PHONE, 'No lead found');
      expect(await none.size(), 'the card for no lead, against the card for a lead').toEqual(foundSize);
      expect(
        cardAsThePageSeesIt(await page.addedToPage()),
        'what the page finds for no lead, against for a lead',
      ).toEqual(foundSeen);
      expect(foundSize, 'the card').toEqual(CARD_SIZE);
      expect(
        await page.pageValue('heard'),
        'messages, events, resources from elsewhere and names on its window the page found after two lookups',
      ).toEqual([]);
    },
  },
  {
    name: 'no frame on a site where lookups are off, nor with the trigger "Only from the context menu or keyboard shortcut"',
    async run({ browser, server }) {
      const options = await configure(browser, server);
      await lookupsOffOn(options, '127.0.0.1');
      const page = await openTestPage(browser, server, 'line.html');
      expect(await page.dragSelect(JANE_PHONE)).toBe(JANE_PHONE);
      await watchForNothing();
      expect(await page.addedToPage(), 'elements added to a page where lookups are off').toEqual([]);
      expect(leadSearches(server), 'lookups sent to the API').toEqual([]);

      await lookupsOffOn(options, '');
      await options.lookupTrigger('Only from the context menu or keyboard shortcut');
      await options.click('Save settings');
      await options.waitForStatus('Settings saved');
      const manual = await openTestPage(browser, server, 'line.html');
      expect(await manual.dragSelect(JANE_PHONE)).toBe(JANE_PHONE);
      await watchForNothing();
      expect(await manual.addedToPage(), 'elements added to the page with the manual trigger').toEqual([]);
      expect(leadSearches(server), 'lookups sent to the API').toEqual([]);

      // And where lookups run, the card shows: the frame is made when, and only when, it is needed.
      await options.bringToFront();
      await options.lookupTrigger('Automatically when I select a phone number or email');
      await options.click('Save settings');
      await options.waitForStatus('Settings saved');
      const auto = await openTestPage(browser, server, 'line.html');
      await lookUp(auto, JANE_PHONE, JANE.contact_name);
    },
  },
  {
    name: "lookups off covers frames: off for a site, nothing is looked up in its frame inside another site's page, nor in another site's frame inside its page",
    async run({ browser, server }) {
      const options = await configure(browser, server);
      // The local server under its two loopback names is two sites: 127.0.0.1 and localhost.
      const localhost = server.url.replace('//127.0.0.1:', '//localhost:');
      await lookupsOffOn(options, 'localhost');
      const elsewhere = await openTestPage(browser, server, 'site-frame.html');
      await nothingLookedUpInFrame(elsewhere, server, 'in a frame of localhost inside a page of 127.0.0.1');
      const own = await browser.openWebPage(`${localhost}/pages/site-frame.html`);
      await nothingLookedUpInFrame(own, server, 'in a frame of 127.0.0.1 inside a page of localhost');

      // With only another site off, the same frame looks its number up.
      await lookupsOffOn(options, 'example.com');
      const on = await openTestPage(browser, server, 'site-frame.html');
      expect(await on.dragSelectInFrame('contact-frame', JANE_PHONE)).toBe(JANE_PHONE);
      await cardShowing(on, JANE.contact_name);
      expect(leadSearches(server), 'lookups sent to the API').toEqual(['+14155550134']);
    },
  },
];
