// Numbers and addresses as pages write them: a contact block with several numbers on a line and a
// ZIP code before one, full-width digits on a Japanese page, a tel: link that says its country,
// a punycode domain. Each is found where it is written and looked up as that contact.
import { expect } from 'vitest';
import { JANE, LUKAS, OLIVER, VALERIA } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import { keepCopy } from './device-copy.ts';
import { markBeside, turnMarksOn, waitForMarks } from './marks.ts';
import { leadSearches, searchesFor } from './observe.ts';
import { cardShowing, connect, dismiss, lookUp, openTestPage } from './steps.ts';

/** The numbers of server/pages/contact-block.html as it writes them, and whose each is. */
const BLOCK = [
  ['+1 (415) 555-0134', JANE.contact_name],
  ['(737) 555-0172', VALERIA.contact_name],
  ['+44 20 7946 0958', OLIVER.contact_name],
  ['+49 30 12345678', LUKAS.contact_name],
] as const;

export const finderCases: readonly ExtensionCase[] = [
  {
    name: 'finder: a contact block with phone, mobile and fax on one line and a ZIP code before a number: each number is marked, and a triple click on each looks that one up',
    async run({ browser, server }) {
      await keepCopy(browser, server.url);
      const page = await openTestPage(browser, server, 'contact-block.html');
      await turnMarksOn(browser, page);
      const marks = await waitForMarks(page, BLOCK.length);
      for (const [number] of BLOCK)
        expect(await markBeside(page, marks, number), `a mark beside ${number}`).toBeDefined();

      for (const [number, name] of BLOCK) {
        const line = await page.tripleClick(number);
        expect(line, 'the triple click selects the whole line').toContain(number);
        await cardShowing(page, name!);
        await dismiss(page);
      }
    },
  },
  {
    name: 'finder: a full-width number on a Japanese page, a tel: link with a phone-context and a punycode address are each looked up whole',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await openTestPage(browser, server, 'finder-intl.html');
      await lookUp(page, '＋１ ４１５ ５５５ ０１３４', JANE.contact_name);
      await dismiss(page);

      // Read in the US, "020 7946 0958" is no number; its link says it is in the UK.
      await lookUp(page, 'office: 020 7946 0958', OLIVER.contact_name);
      await dismiss(page);

      await lookUp(page, 'sales@xn--bcher-kva.example', 'No lead found');
      expect(searchesFor(server, 'sales@xn--bcher-kva.example'), 'lookups of the whole address').toHaveLength(1);
      expect(leadSearches(server), 'lookups sent to the API').toEqual([
        '+14155550134',
        '+442079460958',
        'sales@xn--bcher-kva.example',
      ]);
    },
  },
];
