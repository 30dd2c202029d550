// The extension loads at all: its pages open and a mouse drag selects text on a web page.
import { expect } from 'vitest';
import { JANE } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import { webPageUrl } from './steps.ts';

export const smokeCases: readonly ExtensionCase[] = [
  {
    name: 'smoke: the extension loads, its pages open, a mouse drag selects text',
    async run({ browser, server }) {
      for (const path of ['options.html', 'popup.html']) {
        const page = await browser.openExtensionPage(path);
        expect(await page.title(), `title of ${path}`).toMatch(/^Lead Lens\b/);
      }
      const sentence = `Call ${JANE.contact_phone} today`;
      const webPage = await browser.openWebPage(webPageUrl(server, 'smoke.html', sentence));
      expect(await webPage.dragSelect(JANE.contact_phone)).toBe(JANE.contact_phone);
    },
  },
];
