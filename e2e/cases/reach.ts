// Where a selection starts a lookup: form fields, editors, shadow roots, split text, a whole line.
// Each page is a file in server/pages/ that the local server serves.
import { expect } from 'vitest';
import { JANE, JANE_EMAIL_AS_WRITTEN } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import { leadSearches, searchesFor } from './observe.ts';
import { cardShowing, connect, dismiss, lookUp, openTestPage } from './steps.ts';

const JANE_PHONE = JANE.contact_phone; // "+1 (415) 555-0134"

export const reachCases: readonly ExtensionCase[] = [
  {
    name: 'form fields: a number in a textarea selected with Shift+Arrow, an email in an input selected with select-all',
    async run({ browser, server }) {
      await connect(browser, server);
      const notes = await openTestPage(browser, server, 'field-textarea.html');
      expect(await notes.keyboardSelectInField('#notes', JANE_PHONE), 'selected in the textarea').toBe(JANE_PHONE);
      await cardShowing(notes, JANE.contact_name);
      // Only once the selection was complete (Shift released): no request for a part of the number.
      expect(leadSearches(server), 'lookups sent to the API').toHaveLength(1);

      const form = await openTestPage(browser, server, 'field-input.html');
      expect(await form.selectAllInField('#email'), 'selected in the email field').toBe(JANE_EMAIL_AS_WRITTEN);
      await cardShowing(form, JANE.contact_name);
      expect(searchesFor(server, JANE.contact_email), `lookups of ${JANE.contact_email}`).toHaveLength(1);
    },
  },
  {
    name: 'an editor, an open shadow root and a triple-clicked line: each shows the lead, and only the number leaves the page',
    async run({ browser, server }) {
      await connect(browser, server);
      // The number is split across <span> and <em> in a contenteditable editor; a drag selects it.
      const editor = await openTestPage(browser, server, 'editor.html');
      await lookUp(editor, JANE_PHONE, JANE.contact_name);
      await dismiss(editor);

      const record = await openTestPage(browser, server, 'shadow-root.html');
      await lookUp(record, JANE_PHONE, JANE.contact_name);
      await dismiss(record);

      const signature = await openTestPage(browser, server, 'line.html');
      const line = await signature.tripleClick('Harbor');
      expect(line, 'the triple click selects the whole line').toContain(`mobile ${JANE_PHONE}, weekdays only.`);
      await cardShowing(signature, JANE.contact_name);
      // Three selections of one number: one request (the cache), for the number and nothing else.
      expect(leadSearches(server), 'lookups sent to the API').toEqual(['+14155550134']);
    },
  },
];
