// What the card says about the next step: how long since the last contact, why a lead matched,
// "Not this person" with Undo, "Open in MEGA", custom fields as the account names them, and the
// lead that Add to MEGA would update.
import { expect } from 'vitest';
import type { MegaServer } from '../../server/mega-server.ts';
import { setCardSettings } from '../shared/card-settings.ts';
import { JANE, JANE_EMAIL_AS_WRITTEN, LUKAS, UNKNOWN_PHONE } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import type { Card } from '../pages/card.ts';
import { waitUntil } from '../shared/wait.ts';
import { posts, searchesFor } from './observe.ts';
import { connect, dismiss, lookUp, openAddForm, watchForNothing, webPageUrl } from './steps.ts';

const DAY_MS = 86_400_000;

/** Jane's number as another page writes it: the same digits, another format. */
const JANE_PHONE_DOTTED = '415.555.0134';

/** The seeded lead with this id, as the server holds it now. */
function seededLead(server: MegaServer, id: string) {
  const lead = server.leads.find((candidate) => candidate.id === id);
  if (!lead) throw new Error(`The local server has no lead ${id}: the seed's anchors changed.`);
  return lead;
}

/** Waits until the card's text satisfies `accept`; returns the text. */
function waitForCardText(card: Card, accept: (text: string) => boolean, what: string): Promise<string> {
  return waitUntil(
    async () => {
      const text = await card.text();
      return accept(text) && text;
    },
    { what: `the ${card.description} to ${what}` },
  );
}

export const nextStepCases: readonly ExtensionCase[] = [
  {
    name: 'a lead untouched for more than a week says how long since the last contact; a recent one does not',
    async run({ browser, server }) {
      const lastContact = seededLead(server, LUKAS.id).last_interaction_at;
      const days = lastContact ? Math.floor((Date.now() - Date.parse(lastContact)) / DAY_MS) : 0;
      expect(days, `days since ${LUKAS.contact_name} was last contacted (seed)`).toBeGreaterThanOrEqual(7);
      expect(days, 'days, below two weeks (counted in days there)').toBeLessThan(14);
      await connect(browser, server);
      const page = await browser.openWebPage(
        webPageUrl(server, 'stale.html', [`Lukas: ${LUKAS.contact_phone}`, `Jane: ${JANE.contact_phone}`]),
      );

      let card = await lookUp(page, LUKAS.contact_phone, LUKAS.contact_name);
      await card.waitForText(`No contact for ${days} days`);

      await dismiss(page);
      card = await lookUp(page, JANE.contact_phone, JANE.contact_name);
      expect(await card.text(), `the card of ${JANE.contact_name}, contacted 3 days ago`).not.toContain(
        'No contact for',
      );
    },
  },
  {
    name: 'a number written another way and an email in other capitals say what they matched',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await browser.openWebPage(
        webPageUrl(server, 'match-kind.html', [`Call ${JANE_PHONE_DOTTED} today`, `Write to ${JANE_EMAIL_AS_WRITTEN}`]),
      );

      let card = await lookUp(page, JANE_PHONE_DOTTED, JANE.contact_name);
      await card.waitForText('Matched by phone');
      const byPhone = await card.text();
      expect(byPhone, 'the number as MEGA holds it').toContain(JANE.contact_phone);
      expect(byPhone).not.toContain('Matched by name');
      // Read with the default region (US): one lookup, of the number in full.
      expect(searchesFor(server, JANE.contact_phone), `lookups of ${JANE.contact_phone}`).toHaveLength(1);

      await dismiss(page);
      card = await lookUp(page, JANE_EMAIL_AS_WRITTEN, JANE.contact_name);
      await card.waitForText('Matched by email');
      expect(await card.text()).not.toContain('Matched by phone');
    },
  },
  {
    name: '"Not this person" hides the lead for that number, Undo brings it back, and a new lookup leaves it out',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await browser.openWebPage(webPageUrl(server, 'not-this-person.html', `Call ${JANE.contact_phone}`));
      const hiddenNote = new RegExp(`${JANE.contact_name} is hidden for .+ on this device\\.`);

      let card = await lookUp(page, JANE.contact_phone, JANE.contact_name);
      await card.click('Not this person');
      await card.waitForText(hiddenNote);
      await card.waitForText('No lead found');
      expect(await card.text(), 'the card once Jane is hidden').not.toContain(JANE.contact_email);

      await card.click('Undo');
      const restored = await waitForCardText(
        card,
        (text) => text.includes(JANE.contact_email) && !hiddenNote.test(text),
        `show ${JANE.contact_name} again without the note`,
      );
      expect(restored).not.toContain('No lead found');
      expect(await card.hasButton('Not this person'), '"Not this person" after Undo').toBe(true);

      await card.click('Not this person');
      await card.waitForText(hiddenNote);
      await dismiss(page);
      card = await lookUp(page, JANE.contact_phone, 'No lead found');
      await card.waitForText('1 hidden with “Not this person”');
      const later = await card.text();
      expect(later, 'a later lookup of the same number').not.toContain(JANE.contact_email);
      expect(later).not.toMatch(hiddenNote);
    },
  },
  {
    name: '"Open in MEGA" opens the lead link template with the lead\'s id, and only once one is set',
    async run({ browser, server }) {
      const leadPage = `mega-lead-${JANE.id}.html`;
      server.addPage(
        leadPage,
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Jane Cooper · MEGA</title></head>' +
          '<body><h1>Jane Cooper</h1></body></html>',
      );
      await connect(browser, server);
      const page = await browser.openWebPage(webPageUrl(server, 'open-in-mega.html', `Call ${JANE.contact_phone}`));

      let card = await lookUp(page, JANE.contact_phone, JANE.contact_name);
      expect(await card.text(), 'the card without a lead link template').not.toContain('Open in MEGA');

      await setCardSettings(browser, { leadUrlTemplate: `${server.url}/pages/mega-lead-{id}.html` });
      await dismiss(page);
      card = await lookUp(page, JANE.contact_phone, 'Open in MEGA');
      const tab = await card.followLinkToNewTab('Open in MEGA');
      expect(await tab.url(), 'the address the new tab opened').toBe(`${server.url}/pages/${leadPage}`);
      expect(await tab.title(), 'the page the new tab shows').toBe('Jane Cooper · MEGA');
    },
  },
  {
    name: 'a custom field labelled as a currency shows its label and the amount in that currency',
    async run({ browser, server }) {
      const budget = seededLead(server, JANE.id).custom_fields?.budget;
      expect(budget, `${JANE.contact_name}'s budget (seed)`).toBe(450000);
      await connect(browser, server);
      const page = await browser.openWebPage(webPageUrl(server, 'custom-fields.html', `Call ${JANE.contact_phone}`));

      let card = await lookUp(page, JANE.contact_phone, JANE.contact_name);
      await card.openDisclosure('Custom fields');
      const unlabelled = await card.text();
      expect(unlabelled, 'the field without a label').toMatch(/Budget\s+450,000/);
      expect(unlabelled).not.toContain('$');

      await setCardSettings(browser, {
        customFieldLabels: { budget: { label: 'Budget ceiling', type: 'currency', currency: 'USD' } },
      });
      await dismiss(page);
      card = await lookUp(page, JANE.contact_phone, JANE.contact_name);
      await card.openDisclosure('Custom fields');
      await card.waitForText(/Budget ceiling\s+\$450,000(?!\.)/);
    },
  },
  {
    name: 'Add to MEGA says which lead an email already belongs to, then that it merged into it',
    async run({ browser, server }) {
      await connect(browser, server);
      const page = await browser.openWebPage(webPageUrl(server, 'merge-preview.html', `New caller: ${UNKNOWN_PHONE}`));
      const leadsBefore = server.leads.length;

      const card = await lookUp(page, UNKNOWN_PHONE, 'No lead found');
      const form = await openAddForm(browser, card);
      await watchForNothing(); // room for a preview of the prefilled number, which nobody has
      expect(await form.text(), 'the form holding a number nobody has').not.toContain('Will update');

      await form.fill('Email', JANE_EMAIL_AS_WRITTEN);
      await form.waitForText(`Will update ${JANE.contact_name} (same email)`);

      const beforeAdd = server.requests.length;
      await form.click('Add to MEGA');
      await card.waitForText(`Merged into ${JANE.contact_name}`);
      expect(
        posts(server.requests.slice(beforeAdd)).map((request) => request.status),
        'POSTs',
      ).toEqual([201]);
      expect(server.leads.length, 'leads on the server').toBe(leadsBefore);
      expect(seededLead(server, JANE.id).contact_email, `${JANE.contact_name}'s email`).toBe(JANE.contact_email);
    },
  },
];
