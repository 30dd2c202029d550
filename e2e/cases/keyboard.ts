// The card from the keyboard alone, and what a screen reader hears when it appears.
import { expect } from 'vitest';
import type { MegaServer } from '../../server/mega-server.ts';
import { JANE, LUKAS, UNKNOWN_PHONE } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import type { WebPage } from '../pages/web-page.ts';
import { waitUntil } from '../shared/wait.ts';
import { cardShowing, connect, dismiss, lookUp, webPageUrl } from './steps.ts';

const JANE_PHONE = JANE.contact_phone; // "+1 (415) 555-0134"

/** A page with the number in every kind of place a caret can be, and a frame with it in a field. */
function keyboardPage(server: MegaServer): string {
  const line = `Call ${JANE_PHONE} today`;
  server.addPage(
    'keys-frame.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frame</title></head>` +
      `<body><input id="inFrame" size="40" value="${line}"></body></html>`,
  );
  server.addPage(
    'keys.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes</title>` +
      '<style>body{font:18px/1.6 system-ui,sans-serif;margin:40px}input,textarea,[contenteditable]{font:inherit;display:block;margin:0 0 24px}' +
      'iframe{width:720px;height:420px;border:0}</style></head><body><h1>Notes</h1>' +
      `<input id="name" size="40" value="${line}"><textarea id="notes" cols="40">${line}</textarea>` +
      `<div id="editor" contenteditable="true">${line}</div><div id="host"></div>` +
      `<iframe id="frame" src="/pages/keys-frame.html"></iframe>` +
      `<script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<input id="inShadow" size="40" value="${line}">';</script>` +
      '</body></html>',
  );
  return `${server.url}/pages/keys.html`;
}

/**
 * Selects the number with Shift+Arrow in the place, moves into the card with the lookup shortcut's
 * key, copies the phone with C, and leaves with Escape: focus, caret and selection are back where
 * they were. In Firefox a copy takes a second press (and the key moves in through the
 * background: the card's frame takes the focus itself, which the page cannot give it there).
 */
async function copyFromTheKeyboard(page: WebPage, place: string, firefox: boolean, frame?: string): Promise<void> {
  const before = await page.keyboardSelectAt(place, JANE_PHONE, frame);
  expect(before.selected, `selected in ${place}`).toBe(JANE_PHONE);
  const card = await cardShowing(page, JANE.contact_name);
  await page.pressTogether('Alt', 'Shift', 'L');
  await card.waitForFocus();
  await card.waitForButton('Copy phone');
  await waitUntil(async () => !(await card.buttonDisabled('Copy phone')), { what: 'the copy button to open' });
  await page.press('c');
  if (firefox) {
    await card.waitForAnnouncement('Press again: Copy phone');
    await page.press('c');
  }
  await card.waitForAnnouncement('Phone copied');
  await dismiss(page);
  expect(await page.placeNow(frame), `back in ${place}${frame ? ` in the frame #${frame}` : ''}`).toEqual(before);
}

export const keyboardCases: readonly ExtensionCase[] = [
  {
    name: 'keyboard only: select, move into the card, copy the phone, Escape: back in an input, a textarea, an editor, a frame and a shadow root',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await browser.openWebPage(keyboardPage(server));
      const firefox = browser.name === 'firefox';
      for (const place of ['#name', '#notes', '#editor', '#host >>> #inShadow']) {
        await copyFromTheKeyboard(page, place, firefox);
      }
      await copyFromTheKeyboard(page, '#inFrame', firefox, 'frame');
    },
  },
  {
    name: 'the card announces a lead, no lead and a failure in one sentence from its live region',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await browser.openWebPage(
        webPageUrl(
          server,
          'announce.html',
          [JANE_PHONE, UNKNOWN_PHONE, LUKAS.contact_phone].map((n) => `Call ${n}`),
        ),
      );
      let card = await lookUp(page, JANE_PHONE, JANE.contact_name);
      // Jane's stage and owner as server/seed.ts has them.
      const lead = `${JANE.contact_name}, Qualified, owner Priya Patel, last contact `;
      expect(await card.waitForAnnouncement(lead), 'the sentence for a lead').toMatch(/ ago$/);
      await dismiss(page);

      card = await lookUp(page, UNKNOWN_PHONE, 'No lead found');
      expect(await card.waitForAnnouncement(/^No lead for /), 'the sentence for no lead').toBe(
        'No lead for +1 646 555 0177',
      );
      await dismiss(page);

      server.injectFault({ type: 'status', status: 401 });
      card = await lookUp(page, LUKAS.contact_phone, 'Check your API token');
      expect(await card.waitForAnnouncement(/\w/), 'the sentence for a failure').toBe('Check your API token');
    },
  },
];
