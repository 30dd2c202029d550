// Adding an unknown number to MEGA from the card: once, even on a double click, and not at all
// with a token that may only read.
import { expect } from 'vitest';
import { OTHER_UNKNOWN_PHONE, READ_ONLY_TOKEN, newLead } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import { digitsOf, posts } from './observe.ts';
import { connect, dismiss, lookUp, openAddForm, watchForNothing, webPageUrl } from './steps.ts';

export const addToMegaCases: readonly ExtensionCase[] = [
  {
    name: 'Add to MEGA: an unknown number becomes a lead that shows again without a request; a double click adds one lead',
    async run({ browser, server }) {
      const dana = newLead();
      const ravi = newLead({ name: 'Ravi Menon', phone: OTHER_UNKNOWN_PHONE });
      await connect(browser, server);
      const page = await browser.openWebPage(
        webPageUrl(server, 'new-lead.html', [`New caller: ${dana.phone}`, `Another: ${ravi.phone}`]),
      );
      const leadsBefore = server.leads.length;

      let card = await lookUp(page, dana.phone, 'No lead found');
      let form = await openAddForm(browser, card);
      const prefilled = digitsOf(await form.fieldValue('Phone'));
      expect(prefilled, 'the prefilled phone').toContain(digitsOf(dana.phone));
      await form.fill('Name', dana.name);
      const beforeAdd = server.requests.length;
      await form.click('Add to MEGA');
      await card.waitForText('Saved in MEGA');
      await card.waitForText(dana.name);
      expect(
        posts(server.requests.slice(beforeAdd)).map((request) => request.status),
        'POSTs',
      ).toEqual([201]);
      expect(server.leads.length, 'leads on the server').toBe(leadsBefore + 1);

      await dismiss(page);
      const beforeAgain = server.requests.length;
      card = await lookUp(page, dana.phone, dana.name);
      expect(await card.text()).not.toContain('No lead found');
      expect(server.requests.slice(beforeAgain), 'API requests for the lead just added').toEqual([]);

      await dismiss(page);
      card = await lookUp(page, ravi.phone, 'No lead found');
      form = await openAddForm(browser, card);
      await form.fill('Name', ravi.name);
      const beforeDouble = server.requests.length;
      await form.doubleClick('Add to MEGA');
      await card.waitForText('Saved in MEGA');
      await watchForNothing(); // room for a second POST from the second click
      const sent = posts(server.requests.slice(beforeDouble));
      const keys = new Set(sent.map((request) => request.idempotencyKey));
      const oneAction = sent.length === 1 || (sent.length === 2 && keys.size === 1 && !keys.has(null));
      const got = `got ${sent.length}, keys ${[...keys].join(', ')}`;
      expect(oneAction, `one POST, or two with one Idempotency-Key; ${got}`).toBe(true);
      const named = server.leads.filter((lead) => lead.contact_name === ravi.name);
      expect(named, `leads named ${ravi.name}`).toHaveLength(1);
      expect(server.leads.length, 'leads on the server').toBe(leadsBefore + 2);
    },
  },
  {
    name: 'Add to MEGA with a read-only token: the scope it needs is named and the typed name stays',
    async run({ browser, server }) {
      const dana = newLead();
      await connect(browser, server, READ_ONLY_TOKEN);
      const page = await browser.openWebPage(webPageUrl(server, 'read-only.html', `New caller: ${dana.phone}`));
      const leadsBefore = server.leads.length;
      const card = await lookUp(page, dana.phone, 'No lead found');
      const form = await openAddForm(browser, card);
      await form.fill('Name', dana.name);
      await form.click('Add to MEGA');
      await form.waitForText('public_api:leads:write');
      expect(await form.fieldValue('Name'), 'the name field after the refusal').toBe(dana.name);
      expect(
        posts(server.requests).map((request) => request.status),
        'POSTs',
      ).toEqual([403]);
      expect(server.leads.length, 'leads on the server').toBe(leadsBefore);
    },
  },
];
