// Known-lead marks: switched on in the popup for one site, they appear beside the phone numbers and
// emails of that site's pages that are leads in the copy on this device (also on its next pages,
// and as the page changes), open the card when clicked, and appear on no other site. The page's
// DOM never holds who a lead is, and a page probing for marks learns nothing.
import { expect } from 'vitest';
import { addAccountThroughOptions } from '../shared/connect.ts';
import {
  AMELIE,
  demoAccounts,
  JANE,
  JANE_EMAIL_AS_WRITTEN,
  LUKAS,
  OLIVER,
  UNKNOWN_PHONE,
  VALERIA,
} from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';
import type { PopupPage } from '../pages/popup.ts';
import type { WebPage } from '../pages/web-page.ts';
import type { ShownButton } from '../shared/types.ts';
import { STEP_TIMEOUT_MS, waitUntil } from '../shared/wait.ts';
import { keepCopy } from './device-copy.ts';
import { searchesFor } from './observe.ts';
import { dismiss, lookUp, watchForNothing } from './steps.ts';

const MARK = /^Known lead in MEGA\b/;

/** A contact page with a script of its own that adds lines, as a web app does. */
function marksPage(lines: readonly string[]): string {
  const body = lines.map((line) => `<p>${line}</p>`).join('');
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contacts</title>' +
    '<style>body{font:18px/1.6 system-ui,sans-serif;margin:80px}p{margin:0 0 32px}</style></head>' +
    `<body><h1>Contacts</h1>${body}<script>window.addLine = (text) => { const p = document.createElement('p'); p.textContent = text; document.body.append(p); };</script></body></html>`
  );
}

async function marksOn(page: WebPage): Promise<ShownButton[]> {
  return (await page.extensionButtons()).filter((button) => MARK.test(button.name));
}

/** Waits until the page shows `count` marks; returns them. */
export function waitForMarks(page: WebPage, count: number): Promise<ShownButton[]> {
  let seen = 0;
  return waitUntil(
    async () => {
      const marks = await marksOn(page);
      seen = marks.length;
      return marks.length === count ? marks : undefined;
    },
    { what: `${count} known-lead marks on the ${page.description}` },
  ).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; ${seen} shown`);
  });
}

/** The mark drawn at the end of this text on the page, if any (it sits on the text's top right corner). */
export async function markBeside(
  page: WebPage,
  marks: readonly ShownButton[],
  text: string,
): Promise<ShownButton | undefined> {
  const [box] = await page.textBoxes(text);
  if (!box) throw new Error(`"${text}" is not on the ${page.description}`);
  return marks.find((mark) => Math.abs(mark.x - box.right) <= 12 && mark.y >= box.top - 12 && mark.y <= box.bottom);
}

/** Turns marks on from the popup for the site of `page` (http://127.0.0.1, turned on from its http page), as a user does. */
export async function turnMarksOn(browser: ExtensionBrowser, page: WebPage): Promise<PopupPage> {
  // A popup opened in a tab asks the page before it for its site, which the content script
  // answers once a selection has set up its messaging (see the popup's site switch case).
  await lookUp(page, JANE.contact_phone, JANE.contact_name);
  await dismiss(page);
  await browser.allowSiteAccess(['http://127.0.0.1/*']);
  const popup = await browser.openPopup();
  expect(await popup.toggleSiteMarks(), '"Mark known leads on this site" after the click').toBe(true);
  await page.bringToFront();
  return popup;
}

/** What the probing page (server/pages/marks-probe.html) found out about the marks. */
interface Learned {
  foreignHits: Array<{ value: string; element: string }>;
  layoutChanges: string[];
  addedOutsideBody: string[];
  requests: number;
  rounds: number;
  done: boolean;
}

export const marksCases: readonly ExtensionCase[] = [
  {
    name: 'known-lead marks: on for one site from the popup, they mark its known numbers and emails (also on its next pages, as it changes, and far down a page or a pane once scrolled there), open the card, show on no other site, and go when turned off; the page never holds a name',
    async run({ browser, server }) {
      await keepCopy(browser, server.url);
      const lines = [
        `Jane: ${JANE.contact_phone}`,
        `Jane by email: ${JANE_EMAIL_AS_WRITTEN}`,
        `Lukas: ${LUKAS.contact_phone}`,
        `Nobody: ${UNKNOWN_PHONE}`,
      ];
      server.addPage('marks.html', marksPage(lines));
      const url = `${server.url}/pages/marks.html`;
      const page = await browser.openWebPage(url);
      const names = [JANE.contact_name, LUKAS.contact_name, VALERIA.contact_name];

      // Turned on from the popup, for this page's site (http://127.0.0.1), as a user does.
      const popup = await turnMarksOn(browser, page);
      await popup.waitForText(/Scripts on this site can see which values are marked/);
      await page.bringToFront();
      const marks = await waitForMarks(page, 3);
      for (const known of [JANE.contact_phone, JANE_EMAIL_AS_WRITTEN, LUKAS.contact_phone]) {
        expect(await markBeside(page, marks, known), `a mark beside ${known}`).toBeDefined();
      }
      expect(await markBeside(page, marks, UNKNOWN_PHONE), `a mark beside ${UNKNOWN_PHONE}, no lead`).toBeUndefined();
      expect((await page.exposure(names)).domHits, 'lead names in the page DOM').toEqual([]);

      // The page adds a line: it is read and marked too.
      await page.callPageFunction('addLine', `Valeria: ${VALERIA.contact_phone}`);
      const more = await waitForMarks(page, 4);
      expect(
        await markBeside(page, more, VALERIA.contact_phone),
        `a mark beside ${VALERIA.contact_phone}`,
      ).toBeDefined();

      // A click on a mark opens the card, from the copy: no request for the value.
      const lukas = await markBeside(page, more, LUKAS.contact_phone);
      await page.clickAt(lukas!);
      const card = await page.waitForCard();
      await card.waitForText(LUKAS.contact_name);
      expect(searchesFor(server, LUKAS.contact_phone), `API requests for ${LUKAS.contact_phone}`).toEqual([]);
      expect((await page.exposure(names)).domHits, 'lead names in the page DOM with the card open').toEqual([]);

      // The site's next page is marked on its own; another site (localhost) never is.
      const next = await browser.openWebPage(url);
      await waitForMarks(next, 3);
      const elsewhere = await browser.openWebPage(url.replace('//127.0.0.1:', '//localhost:'));
      await watchForNothing();
      await watchForNothing();
      expect(await marksOn(elsewhere), 'marks on another site').toEqual([]);
      expect((await elsewhere.exposure(names)).domHits, 'lead names on the other site').toEqual([]);

      // A long page, its list in a pane of its own as in a mail app: numbers far from the screen
      // are read once the pane, or the page, is scrolled near them.
      const rows = Array.from({ length: 300 }, (_, i) => {
        const phone = i === 150 ? LUKAS.contact_phone : i === 299 ? VALERIA.contact_phone : 'none';
        return `<tr><td>Row ${i + 1}</td><td>${phone}</td></tr>`;
      }).join('');
      server.addPage(
        'marks-long.html',
        marksPage([`Jane: ${JANE.contact_phone}`]).replace(
          '<script>',
          `<div id="pane" style="height:300px;overflow:auto"><table>${rows}</table></div>` +
            `<div style="height:4000px"></div><p>Amélie: ${AMELIE.contact_phone}</p><script>` +
            "window.paneTo = (at) => { const pane = document.getElementById('pane'); pane.scrollTop = at * pane.scrollHeight - 100; };" +
            'window.pageToEnd = () => window.scrollTo(0, document.body.scrollHeight);',
        ),
      );
      const long = await browser.openWebPage(`${server.url}/pages/marks-long.html`);
      await waitForMarks(long, 1);
      const markedOnceNear = async (phone: string) =>
        expect(
          await waitUntil(async () => markBeside(long, await marksOn(long), phone), {
            what: `a mark beside ${phone}, once scrolled near it`,
          }),
        ).toBeDefined();
      await long.callPageFunction('paneTo', '0.5');
      await markedOnceNear(LUKAS.contact_phone);
      await long.callPageFunction('paneTo', '1');
      await markedOnceNear(VALERIA.contact_phone);
      await long.callPageFunction('pageToEnd');
      await markedOnceNear(AMELIE.contact_phone);

      // Turned off again: the marks go from the site's open pages.
      await popup.bringToFront();
      expect(await popup.toggleSiteMarks(), '"Mark known leads on this site" after the second click').toBe(false);
      await waitForMarks(page, 0);
      await waitForMarks(next, 0);
    },
  },
  {
    name: "known-lead marks: switching to another account with the background stopped takes the first account's marks off open pages",
    launch: () => ({ quickBackgroundIdle: true }),
    async run({ browser, server }) {
      await keepCopy(browser, server.url);
      const other = demoAccounts(server.url)[1];
      await addAccountThroughOptions(await browser.openOptions(), other);
      server.addPage('marks-switch.html', marksPage([`Jane: ${JANE.contact_phone}`, `Lukas: ${LUKAS.contact_phone}`]));
      const page = await browser.openWebPage(`${server.url}/pages/marks-switch.html`);
      const popup = await turnMarksOn(browser, page);
      await waitForMarks(page, 2);

      // The browser stops the idle background; the switch is what wakes it again.
      await browser.stopBackground();
      await popup.bringToFront();
      await popup.chooseAccount(other.name);
      await page.bringToFront();
      // The second account keeps no copy on this device: no value of the page is its known lead.
      await waitForMarks(page, 0);
    },
  },
  {
    name: 'known-lead marks: a page that writes 1,000 transparent values, leads among them, finds no mark by hit testing, no change of its layout and no request, and marking stops there, which the popup says',
    async run({ browser, server }) {
      await keepCopy(browser, server.url);
      const page = await browser.openWebPage(`${server.url}/pages/marks-probe.html`);
      await turnMarksOn(browser, page);
      // The line a person reads is marked, and the page looks for that mark too.
      await waitForMarks(page, 1);

      await page.callPageFunction('startProbe');
      const learned = await waitUntil(
        async () => {
          const found = (await page.pageValue('learned')) as Learned | null;
          return found?.done ? found : undefined;
        },
        // 16 rounds 250 ms apart (4 s), each hit testing every value on screen at four points: the
        // page's own work, which a busy machine stretches.
        { what: 'the probing page to finish looking', timeout: 3 * STEP_TIMEOUT_MS },
      );
      expect(learned.foreignHits, 'elements not its own that the page found by hit testing').toEqual([]);
      expect(learned.layoutChanges, "changes in the page's own layout").toEqual([]);
      expect(learned.addedOutsideBody, 'elements added outside its body once it wrote the values').toEqual([]);
      expect(learned.requests, 'network requests the page saw').toBe(0);
      for (const lead of [JANE, LUKAS, OLIVER, AMELIE, VALERIA]) {
        expect(searchesFor(server, lead.contact_phone), `API requests for ${lead.contact_phone}`).toEqual([]);
        expect(searchesFor(server, lead.contact_email), `API requests for ${lead.contact_email}`).toEqual([]);
      }

      // It added values in bulk: no marks on it any more, and the popup says so in plain words.
      await waitForMarks(page, 0);
      const popup = await browser.openPopup();
      await popup.waitForText(
        /Marking stopped on this page: it added more numbers and emails at once than a person reads\./,
      );
    },
  },
];
