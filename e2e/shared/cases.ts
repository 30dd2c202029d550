// Every end-to-end case, written once and run in each browser by e2e/<browser>/*.e2e.ts (or only in
// the browsers a case names). A case talks to the extension only through the page objects (see
// types.ts) and to the local MEGA server through its test interface. To add one, append it to
// `extensionCases`.
import { expect } from 'vitest';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN, READ_ONLY_TOKEN } from '../../server/credentials.ts';
import { LEADS_PATH, type MegaServer, type RecordedRequest } from '../../server/mega-server.ts';
import { ANCHORS, GARCIA_COUNT } from '../../server/seed.ts';
import { blocking, describeFindings } from './a11y.ts';
import type { ExtensionCase } from './suite.ts';
import type { AxeFinding, ExtensionBrowser, ExtensionStorage, OptionsPage, Popover, WebPage } from './types.ts';
import { textMatches, waitUntil } from './wait.ts';

const JANE = ANCHORS.jane;
const JANE_PHONE = JANE.contact_phone; // "+1 (415) 555-0134"
const JANE_EMAIL_AS_WRITTEN = 'JANE.Cooper@Acme.com'; // mixed case on purpose
const LUKAS = ANCHORS.lukas; // "+49 30 12345678"
const OLIVER = ANCHORS.oliver;
const AMELIE = ANCHORS.amelie;
/** Numbers no seeded lead has (the cases check that the card says so before relying on it). */
const UNKNOWN_PHONE = '+1 (646) 555-0177';
const OTHER_UNKNOWN_PHONE = '+1 (646) 555-0188';
/** Well-formed (mega_ and 64 hex digits) but issued to nobody: the server answers 401. */
const WRONG_TOKEN = `mega_${'0123456789abcdef'.repeat(4)}`;
const PLAIN_TEXT = 'Quarterly revenue grew';

/**
 * How long to watch for something that must NOT happen (a request, a card). A lookup against the
 * local server starts within a few milliseconds of the selection and shows its card well within
 * half a second, so a second and a half without either is a clear "no".
 */
const NOTHING_HAPPENS_MS = 1_500;

/** Waits out NOTHING_HAPPENS_MS: the only fixed wait, for proving that something did not happen. */
function watchForNothing(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, NOTHING_HAPPENS_MS));
}

/** A plain web page with these paragraphs, served by the local server at /pages/<name>. */
function webPageUrl(server: MegaServer, name: string, paragraphs: string | readonly string[]): string {
  const body = (typeof paragraphs === 'string' ? [paragraphs] : paragraphs).map((text) => `<p>${text}</p>`).join('');
  server.addPage(
    name,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>` +
      '<style>body{font:18px/1.6 system-ui,sans-serif;margin:120px 80px}p{margin:0 0 48px}</style></head>' +
      `<body><h1>Contact</h1>${body}<p>Thanks for reading.</p></body></html>`,
  );
  return `${server.url}/pages/${name}`;
}

/** Sets up the extension for the local server through the options page, as a user would. */
async function configure(browser: ExtensionBrowser, server: MegaServer, token = DEMO_TOKEN): Promise<OptionsPage> {
  const options = await browser.openOptions();
  await options.fill('API token', token);
  await options.fill('Customer ID', DEMO_CUSTOMER_ID);
  await options.fill('API base URL', server.url);
  await options.click('Save');
  await options.waitForStatus('Settings saved');
  return options;
}

function isLeadList(request: RecordedRequest): boolean {
  return request.method === 'GET' && request.path === LEADS_PATH;
}

/** The lookups the extension sent to the leads API. */
function leadSearches(server: MegaServer): string[] {
  return server.requests
    .filter((request) => isLeadList(request) && 'search' in request.query)
    .map((request) => request.query.search ?? '');
}

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** The lead searches for this phone number or email, however the extension normalised it. */
function searchesFor(server: MegaServer, value: string): RecordedRequest[] {
  const wanted = value.includes('@') ? value.toLowerCase() : digitsOf(value);
  return server.requests.filter((request) => {
    const search = isLeadList(request) ? request.query.search : undefined;
    if (search === undefined) return false;
    return value.includes('@') ? search.toLowerCase() === wanted : digitsOf(search) === wanted;
  });
}

const answersTo = (value: string): string => `answers to the lookups of ${value}`;

/** The status of each answer to a lookup of this value, in order. */
function statusesOf(server: MegaServer, value: string): number[] {
  return searchesFor(server, value).map((request) => request.status);
}

function posts(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => request.method === 'POST' && request.path === LEADS_PATH);
}

/** Selects `text` with the mouse and waits until the card shows `expected`. */
async function lookUp(page: WebPage, text: string, expected: string | RegExp) {
  expect(await page.dragSelect(text), 'the selected text').toBe(text);
  const popover = await page.waitForPopover();
  await popover.waitForText(expected);
  return popover;
}

/** Waits until the card shows one of `outcomes` (whatever it settles on); returns its text. */
function cardOutcome(popover: Popover, outcomes: readonly (string | RegExp)[]): Promise<string> {
  return waitUntil(
    async () => {
      const text = await popover.text();
      return outcomes.some((outcome) => textMatches(text, outcome)) && text;
    },
    { what: `the ${popover.description} to show one of: ${outcomes.map(String).join(', ')}` },
  );
}

/** Closes the card with Escape, as a user moving on, and waits until it is gone. */
async function dismiss(page: WebPage): Promise<void> {
  await page.press('Escape');
  await waitUntil(async () => !(await page.popoverVisible()), { what: `the card on the ${page.description} to close` });
}

/** The storage areas whose contents contain `secret` anywhere. */
function areasHolding(storage: ExtensionStorage, secret: string): string[] {
  return (Object.entries(storage) as [string, unknown][])
    .filter(([, items]) => JSON.stringify(items).includes(secret))
    .map(([area]) => area);
}

/** The console lines that contain any of the secrets (printed without the secret itself). */
function consoleLinesWith(browser: ExtensionBrowser, secrets: readonly string[]): string[] {
  return browser
    .consoleMessages()
    .filter((line) => secrets.some((secret) => line.includes(secret)))
    .map((line) => secrets.reduce((masked, secret) => masked.split(secret).join('<token>'), line));
}

async function lookUpSelection(
  browser: ExtensionBrowser,
  server: MegaServer,
  page: { name: string; sentence: string; selection: string },
): Promise<void> {
  await configure(browser, server);
  const webPage = await browser.openWebPage(webPageUrl(server, page.name, page.sentence));
  await lookUp(webPage, page.selection, JANE.contact_name);
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
      await options.waitForStatus(/Connected/);
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
  {
    name: 'plain text starts no request; an international number shows its lead',
    async run({ browser, server }) {
      await configure(browser, server);
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
      expect(await page.popoverVisible(), 'a card after selecting plain text').toBe(false);

      await lookUp(page, LUKAS.contact_phone, LUKAS.contact_name);
      expect(leadSearches(server), 'lookups sent to the API').toHaveLength(1);
      expect(searchesFor(server, LUKAS.contact_phone), `lookups of ${LUKAS.contact_phone}`).toHaveLength(1);
    },
  },
  {
    name: 'options: settings last, Test connection tells a good token from a rejected one, the token stays where it was put',
    browsers: ['chromium'],
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

      // Keep the saved token (empty field), now on this device: it moves from session to local.
      await options.fill('API token', '');
      await options.rememberToken('On this device');
      await options.click('Save');
      await options.waitForStatus('Settings saved');
      await options.waitForText(`Saved token ending in •••• ${last4}`);
      const storage = await browser.extensionStorage();
      expect(areasHolding(storage, DEMO_TOKEN), 'storage areas holding the token').toEqual(['local']);
      expect(areasHolding(storage, WRONG_TOKEN), 'storage areas holding the rejected token').toEqual([]);
      expect(consoleLinesWith(browser, [DEMO_TOKEN, WRONG_TOKEN]), 'console lines with a token').toEqual([]);
    },
  },
  {
    name: 'lookup errors: 401 asks to check the token, 429 then success shows the lead, a non-JSON answer shows an error and the next lookup works',
    async run({ browser, server }) {
      await configure(browser, server);
      const page = await browser.openWebPage(
        webPageUrl(server, 'errors.html', [
          `Lukas: ${LUKAS.contact_phone}`,
          `Jane: ${JANE_PHONE}`,
          `Oliver: ${OLIVER.contact_email}`,
          `Amélie: ${AMELIE.contact_email}`,
        ]),
      );

      // Each failure is checked softly, so that one failing does not hide what the others do.
      server.injectFault({ type: 'status', status: 401 });
      expect(await page.dragSelect(LUKAS.contact_phone)).toBe(LUKAS.contact_phone);
      let popover = await page.waitForPopover();
      let shown = await cardOutcome(popover, ['Check your API token', LUKAS.contact_name, 'Try again']);
      expect.soft(shown, 'the card after a 401').toContain('Check your API token');
      expect.soft(await popover.hasButton('Open settings'), 'an "Open settings" button after a 401').toBe(true);
      expect(shown).not.toContain(DEMO_TOKEN);
      expect.soft(statusesOf(server, LUKAS.contact_phone), answersTo(LUKAS.contact_phone)).toEqual([401]);
      await dismiss(page);

      server.injectFault({ type: 'status', status: 429, retryAfter: 1 });
      await lookUp(page, JANE_PHONE, JANE.contact_name);
      expect.soft(statusesOf(server, JANE_PHONE), answersTo(JANE_PHONE)).toEqual([429, 200]);
      await dismiss(page);

      server.injectFault({ type: 'non-json' });
      expect(await page.dragSelect(OLIVER.contact_email)).toBe(OLIVER.contact_email);
      popover = await page.waitForPopover();
      shown = await cardOutcome(popover, ['Try again', OLIVER.contact_name]);
      expect.soft(shown, 'the card after an answer that is not JSON').toContain('Try again');
      expect.soft(shown, 'the card after an answer that is not JSON').not.toContain(OLIVER.contact_name);
      expect.soft(statusesOf(server, OLIVER.contact_email), answersTo(OLIVER.contact_email)).toEqual([200]);
      await dismiss(page);

      await lookUp(page, AMELIE.contact_email, AMELIE.contact_name);
      expect(statusesOf(server, AMELIE.contact_email), answersTo(AMELIE.contact_email)).toEqual([200]);
    },
  },
  {
    name: 'security: lead data and the token stay out of the page; synthetic events and postMessage start nothing; the same number twice is one request',
    browsers: ['chromium'],
    async run({ browser, server }) {
      await configure(browser, server);
      const page = await browser.openWebPage(webPageUrl(server, 'hostile.html', `Call ${JANE_PHONE} today.`));
      if (!page.recordContentScriptMessages) {
        throw new Error(`${browser.name} cannot observe the content script.`);
      }
      const contentScriptReceived = await page.recordContentScriptMessages();

      // (3) The page selects the number itself and fakes the gesture: untrusted events do nothing.
      expect(await page.fakeSelectionFromPageScript(JANE_PHONE)).toBe(JANE_PHONE);
      await watchForNothing();
      expect(server.requests, 'API requests after synthetic events').toEqual([]);
      expect(await page.popoverVisible(), 'a card after synthetic events').toBe(false);

      // A real selection shows the card...
      const popover = await lookUp(page, JANE_PHONE, JANE.contact_name);
      const src = await popover.src();
      expect(src.startsWith(`${browser.extensionOrigin}/popover.html`), `card src ${src}`).toBe(true);
      expect(src).not.toContain(DEMO_TOKEN);
      // The card's address names no lookup: the frame claims it from the background instead.
      expect(new URL(src).hash, 'the card address fragment').toBe('');

      // ...(2) whose lead data the page cannot find in its DOM or read through the frame; the
      // frame itself is in a closed shadow root, where the page cannot even see it.
      const exposure = await page.exposure([JANE.contact_name, JANE.contact_email, DEMO_TOKEN]);
      expect(exposure.domHits, 'lead data or the token in the page').toEqual([]);
      expect(exposure.frameSources, 'iframes the page can see').toEqual([]);
      expect(exposure.frameReads.filter((read) => read.includes('readable')), 'frames the page could read').toEqual([]);

      // (3) Messages the page posts to the card's frame (and to itself) start no lookup. The
      // lookup id, which the page cannot read anywhere, is taken from the content script's world.
      const shown = (await contentScriptReceived()).map((message) => /"lookupId":"([0-9a-f-]{36})"/.exec(message)?.[1]);
      const lookupId = shown.find((id) => id !== undefined) ?? '';
      expect(lookupId, 'the lookup id the content script was given').not.toBe('');
      const before = server.requests.length;
      await page.postMessageFromPageScript([
        LUKAS.contact_phone,
        { type: 'prepareLookup', data: { text: LUKAS.contact_phone, source: 'selection' } },
        { type: 'getLookup', data: { lookupId, retry: true }, id: 1, timestamp: Date.now() },
        { type: 'startLookup', data: { lookupId } },
        { lookupId, text: LUKAS.contact_phone },
        { leadLensClaim: 'q2Xh0c5l1yV3ZJm4K8pR6tNw9sFbAeUd' },
      ]);
      await watchForNothing();
      expect(server.requests.slice(before), 'API requests after postMessage').toEqual([]);
      expect(await popover.text(), 'the card after postMessage').toContain(JANE.contact_name);

      // The same number again, after closing the card: answered from the cache.
      await dismiss(page);
      await lookUp(page, JANE_PHONE, JANE.contact_name);
      expect(leadSearches(server), 'lookups sent to the API').toHaveLength(1);

      // (1) The token never reaches the content script, nor the page's console.
      const received = await contentScriptReceived();
      expect(
        received.filter((message) => message.includes(lookupId)),
        'messages to the content script that carry the lookup id (the probe hears its traffic)',
      ).not.toEqual([]);
      expect(received.filter((message) => message.includes(DEMO_TOKEN)), 'messages with the token').toEqual([]);
      expect(
        received.filter((message) => message.includes(JANE.contact_name)),
        'messages with lead data to the content script',
      ).toEqual([]);
      expect(consoleLinesWith(browser, [DEMO_TOKEN]), 'console lines with the token').toEqual([]);
    },
  },
  {
    name: 'popup: a quick 10-character query makes at most 2 requests; the site switch turns lookups off and on',
    browsers: ['chromium'],
    async run({ browser, server }) {
      await configure(browser, server);
      // The web page first: a popup opened in a tab is about the tab used just before it. It asks
      // that page for its site, which the page's content script answers once a selection there
      // has set up its messaging (at load it sets up nothing); the toolbar popup reads the site
      // from the tab itself.
      const page = await browser.openWebPage(webPageUrl(server, 'site.html', `Call ${JANE_PHONE} today.`));
      await lookUp(page, JANE_PHONE, JANE.contact_name);
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
      expect(await page.dragSelect(JANE_PHONE)).toBe(JANE_PHONE);
      await watchForNothing();
      expect(await page.popoverVisible(), 'a card with lookups off').toBe(false);
      expect(server.requests.slice(beforeOff), 'API requests with lookups off').toEqual([]);

      await popup.bringToFront();
      expect(await popup.toggleSiteLookups(), 'lookups on this site after the switch').toBe(true);
      await lookUp(page, JANE_PHONE, JANE.contact_name);
    },
  },
  {
    name: 'Add to MEGA: an unknown number becomes a lead that shows again without a request; a double click adds one lead',
    async run({ browser, server }) {
      await configure(browser, server);
      const page = await browser.openWebPage(
        webPageUrl(server, 'new-lead.html', [`New caller: ${UNKNOWN_PHONE}`, `Another: ${OTHER_UNKNOWN_PHONE}`]),
      );
      const leadsBefore = server.leads.length;

      let popover = await lookUp(page, UNKNOWN_PHONE, 'No lead found');
      await popover.click('Add to MEGA');
      const prefilled = digitsOf(await popover.fieldValue('Phone'));
      expect(prefilled, 'the prefilled phone').toContain(digitsOf(UNKNOWN_PHONE));
      await popover.fill('Name', 'Dana Whitfield');
      const beforeAdd = server.requests.length;
      await popover.click('Add to MEGA');
      await popover.waitForText('Saved in MEGA');
      await popover.waitForText('Dana Whitfield');
      expect(posts(server.requests.slice(beforeAdd)).map((request) => request.status), 'POSTs').toEqual([201]);
      expect(server.leads.length, 'leads on the server').toBe(leadsBefore + 1);

      await dismiss(page);
      const beforeAgain = server.requests.length;
      popover = await lookUp(page, UNKNOWN_PHONE, 'Dana Whitfield');
      expect(await popover.text()).not.toContain('No lead found');
      expect(server.requests.slice(beforeAgain), 'API requests for the lead just added').toEqual([]);

      await dismiss(page);
      popover = await lookUp(page, OTHER_UNKNOWN_PHONE, 'No lead found');
      await popover.click('Add to MEGA');
      await popover.fill('Name', 'Ravi Menon');
      const beforeDouble = server.requests.length;
      await popover.doubleClick('Add to MEGA');
      await popover.waitForText('Saved in MEGA');
      await watchForNothing(); // room for a second POST from the second click
      const sent = posts(server.requests.slice(beforeDouble));
      const keys = new Set(sent.map((request) => request.idempotencyKey));
      const oneAction = sent.length === 1 || (sent.length === 2 && keys.size === 1 && !keys.has(null));
      const got = `got ${sent.length}, keys ${[...keys].join(', ')}`;
      expect(oneAction, `one POST, or two with one Idempotency-Key; ${got}`).toBe(true);
      const named = server.leads.filter((lead) => lead.contact_name === 'Ravi Menon');
      expect(named, 'leads named Ravi Menon').toHaveLength(1);
      expect(server.leads.length, 'leads on the server').toBe(leadsBefore + 2);
    },
  },
  {
    name: 'Add to MEGA with a read-only token: the scope it needs is named and the typed name stays',
    browsers: ['chromium'],
    async run({ browser, server }) {
      await configure(browser, server, READ_ONLY_TOKEN);
      const page = await browser.openWebPage(webPageUrl(server, 'read-only.html', `New caller: ${UNKNOWN_PHONE}`));
      const leadsBefore = server.leads.length;
      const popover = await lookUp(page, UNKNOWN_PHONE, 'No lead found');
      await popover.click('Add to MEGA');
      await popover.fill('Name', 'Dana Whitfield');
      await popover.click('Add to MEGA');
      await popover.waitForText('public_api:leads:write');
      expect(await popover.fieldValue('Name'), 'the name field after the refusal').toBe('Dana Whitfield');
      expect(posts(server.requests).map((request) => request.status), 'POSTs').toEqual([403]);
      expect(server.leads.length, 'leads on the server').toBe(leadsBefore);
    },
  },
  {
    name: 'accessibility: axe finds nothing serious on the options page, the popup and the card; Tab reaches each field with visible focus',
    async run({ browser, server }) {
      const findings: Array<{ where: string; all: AxeFinding[] }> = [];
      const options = await configure(browser, server);
      findings.push({ where: 'options page', all: await options.axeViolations() });

      const stops = await options.tabUntil('Save', 40);
      const names = stops.map((stop) => stop.name);
      const fields = ['API token', 'Customer ID', 'API base URL', 'Save'];
      expect(names.filter((name) => fields.includes(name)), `Tab order: ${names.join(' → ')}`).toEqual(fields);
      const unmarked = stops
        .filter((stop) => !stop.indicated)
        .map((stop) => `${stop.name} (${stop.role}): ${stop.style}`);
      expect(unmarked, 'focused controls without a visible focus indicator').toEqual([]);

      const popup = await browser.openPopup();
      await popup.search('jane');
      await popup.waitForResults(
        (rows) => rows.some((row) => row.includes(JANE.contact_name)),
        `results with ${JANE.contact_name}`,
      );
      findings.push({ where: 'popup with results', all: await popup.axeViolations() });

      const page = await browser.openWebPage(webPageUrl(server, 'a11y.html', `Call ${JANE_PHONE} today.`));
      const popover = await lookUp(page, JANE_PHONE, JANE.contact_name);
      findings.push({ where: 'card', all: await popover.axeViolations() });

      for (const { where, all } of findings) {
        console.log(`[${browser.name}] axe on the ${where}:\n${describeFindings(all)}`);
      }
      const serious = findings
        .filter(({ all }) => blocking(all).length > 0)
        .map(({ where, all }) => `${where}:\n${describeFindings(blocking(all))}`);
      expect(serious, 'serious or critical axe violations').toEqual([]);
    },
  },
];
