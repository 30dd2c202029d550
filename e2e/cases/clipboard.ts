// Copy, then look up: where a page draws its text on a canvas (as Google Sheets and Docs do) there
// is nothing to select, so the user copies a cell and asks Lead Lens to look up what they copied.
// A test driver cannot press a browser's own shortcut, so the case uses the popup's button, which
// runs the shortcut's code (the shortcut's wiring: entrypoints/background/triggers.test.ts).
import { expect } from 'vitest';
import { COMMAND_KEY } from '../pages/driver.ts';
import { JANE } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import { isLeadList, searchesFor } from './observe.ts';
import { connect, openTestPage, watchForNothing } from './steps.ts';

/** server/pages/canvas-sheet.html: row 1 is Jane Cooper's, column 1 her phone, column 2 a note. */
const JANES_PHONE_CELL = ['1', '1'] as const;
const JANES_NOTE_CELL = ['1', '2'] as const;
const JANES_NOTE = 'Call back Tuesday';

export const clipboardCases: readonly ExtensionCase[] = [
  {
    name: 'copy, then look up: a number copied from a sheet drawn on a canvas is looked up with one request; a copied note sends nothing and says so',
    async run({ browser, server }) {
      // As the user's "Allow" the first time they press the button.
      await browser.allowPermission('clipboardRead');
      await connect(browser, server);
      const sheet = await openTestPage(browser, server, 'canvas-sheet.html');
      await sheet.callPageFunction('selectCell', ...JANES_PHONE_CELL);
      await sheet.pressTogether(COMMAND_KEY, 'c');

      const popup = await browser.openPopup();
      expect(await popup.lookUpCopied()).toContain(JANE.contact_name);
      expect(searchesFor(server, JANE.contact_phone), 'lookups of the copied number').toHaveLength(1);

      await sheet.callPageFunction('selectCell', ...JANES_NOTE_CELL);
      await sheet.pressTogether(COMMAND_KEY, 'c');
      const before = server.requests.length;
      expect(await popup.lookUpCopied()).toBe('What you copied is not a phone number or email');
      await watchForNothing();
      expect(server.requests.slice(before).filter(isLeadList), 'requests for the copied note').toEqual([]);
      expect(await popup.text(), 'the popup repeats what was copied').not.toContain(JANES_NOTE);
    },
  },
];
