// "Leads on this page": the side panel lists every phone number and email on the tab with who each
// is in MEGA, follows the tab the user switches to, and adds the unknown ones with one bulk import.
import { expect } from 'vitest';
import { BULK_PATH } from '../../server/mega-server.ts';
import { READ_ONLY_TOKEN } from '../../server/credentials.ts';
import { blocking, describeFindings } from '../shared/a11y.ts';
import { demoAccounts, LUKAS } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';
import type { SidePanelPage } from '../pages/side-panel.ts';
import type { WebPage } from '../pages/web-page.ts';
import type { PanelGroups } from '../pages/side-panel.ts';
import type { MegaServer } from '../../server/mega-server.ts';
import { keepCopy } from './device-copy.ts';
import { dismiss, lookUp, openTestPage, webPageUrl } from './steps.ts';

/** The demo page's open-house attendees MEGA knows, by a value the page shows of each. */
const KNOWN_ATTENDEES = ['+14155550134', '+17375550172', 'ingrid.solberg@fjordline.example', '+33142685300'];
/** The attendees' values MEGA does not know, as the panel shows them; Amélie's new email sits beside her known phone. */
const UNKNOWN_ATTENDEES = ['amelie@dubois-avocats.example', 'mei.tanaka@northwind-design.example', '+1 971 555 0163'];

/** The seeded lead with this phone (E.164) or email, its name and stage. */
function leadWith(server: MegaServer, value: string): { name: string; stage: string } {
  const digits = (text: string | null | undefined) => (text ?? '').replace(/\D/g, '');
  const lead = server.leads.find((candidate) =>
    value.startsWith('+')
      ? digits(candidate.contact_phone) === digits(value)
      : candidate.contact_email?.toLowerCase() === value,
  );
  if (!lead?.contact_name) throw new Error(`No seeded lead with ${value}`);
  return { name: lead.contact_name, stage: lead.current_stage?.name ?? '' };
}

/**
 * Opens the panel on the demo page, as a user who has not let Lead Lens read the site yet: the
 * panel says so, with the button that asks the browser. (A panel open in a tab learns the page's
 * site from its content script, which answers once a selection has set up its messaging: a
 * lookup first. Chromium's prompt is answered by the suite, Firefox's is off.)
 */
async function openPanelOn(browser: ExtensionBrowser, page: WebPage): Promise<SidePanelPage> {
  await lookUp(page, '(415) 555-0134', 'Jane Cooper');
  await dismiss(page);
  await browser.allowSiteAccess(['http://127.0.0.1/*']);
  const panel = await browser.openSidePanel();
  await panel.waitForText('Lead Lens may not read this page.');
  await panel.click('Allow Lead Lens to read http://127.0.0.1');
  return panel;
}

const rowsOf = (groups: PanelGroups, group: string): string[] => groups[group] ?? [];
const holds = (rows: readonly string[], ...parts: string[]) =>
  rows.some((row) => parts.every((part) => row.includes(part)));

export const sidePanelCases: readonly ExtensionCase[] = [
  {
    name: 'leads on this page: with the copy, the side panel names the demo attendees MEGA knows (name, stage) and lists the others, with no request; Enter opens a card; it follows a switch to another tab; the page never holds a name',
    async run({ browser, server }) {
      await keepCopy(browser, server.url);
      const page = await openTestPage(browser, server, 'demo.html');
      const known = KNOWN_ATTENDEES.map((value) => leadWith(server, value));
      // The attendees' names are the page's own text; the panel adds none (nor their stages).
      const shownByPage = (await page.exposure([...known.map(({ name }) => name), ...known.map(({ stage }) => stage)]))
        .domHits;
      const before = server.requests.length;
      const panel = await openPanelOn(browser, page);
      const groups = await panel.waitForGroups(
        (shown) =>
          known.every(({ name }) => holds(rowsOf(shown, 'In MEGA'), name)) &&
          UNKNOWN_ATTENDEES.every((value) => holds(rowsOf(shown, 'Not in MEGA'), value)),
        'the attendees in "In MEGA" and "Not in MEGA"',
      );
      for (const { name, stage } of known) {
        expect.soft(holds(rowsOf(groups, 'In MEGA'), name, stage), `the row of ${name}, in ${stage}`).toBe(true);
      }
      expect(groups['Not checked yet'], 'rows left for MEGA with the copy').toBeUndefined();
      await panel.waitForText(/\d+ in MEGA, \d+ not in MEGA/);
      expect(server.requests.slice(before), 'API requests since the panel opened').toEqual([]);
      expect.soft(await panel.axeViolations(), 'axe on the side panel').toEqual([]);

      const jane = known[0]!;
      await panel.openWithEnter(jane.name);
      await panel.waitForText("Back to the page's leads");
      expect(await panel.text(), 'the card opened in the panel').toContain(jane.name);

      const exposure = await page.exposure([...known.map(({ name }) => name), ...known.map(({ stage }) => stage)]);
      expect(exposure.domHits, 'lead names and stages the page can find, with the panel open').toEqual(shownByPage);

      // Another tab: the panel follows it (it was opened in a tab of its own, so it stays behind).
      const lukasPage = webPageUrl(server, 'panel-follow.html', `Call Lukas: ${LUKAS.contact_phone}`);
      await browser.openWebPage(lukasPage);
      const followed = await panel.waitForGroups(
        (shown) => holds(rowsOf(shown, 'In MEGA'), LUKAS.contact_name ?? 'Lukas'),
        'the rows of the tab switched to',
      );
      expect(rowsOf(followed, 'In MEGA'), 'rows of the new tab').toHaveLength(1);
      expect(server.requests.slice(before), 'API requests since the panel opened').toEqual([]);

      // As a user who reads at 200%: the panel laid out again in half the CSS pixels.
      await panel.zoom(2);
      expect(
        describeFindings(blocking(await panel.axeViolations())),
        'serious or critical axe violations on the side panel at 200%',
      ).toBe(describeFindings([]));
    },
  },
  {
    name: 'leads on this page: "Add 3 to MEGA" previews one merge, adds two and merges one with one dry run and one import, sends the same key when the import is tried again, and a token without the write scope says so',
    async run({ browser, server }) {
      await keepCopy(browser, server.url);
      const page = await openTestPage(browser, server, 'demo.html');
      const panel = await openPanelOn(browser, page);
      await panel.waitForGroups(
        (shown) => UNKNOWN_ATTENDEES.every((value) => holds(rowsOf(shown, 'Not in MEGA'), value)),
        'the unknown attendees',
      );
      const leadsBefore = server.leads.length;
      for (const value of UNKNOWN_ATTENDEES) await panel.tick(value);
      // The key that adds the ticked rows.
      await panel.press('a');
      const amelie = leadWith(server, '+33142685300').name;
      await panel.waitForText(`Merges into ${amelie} (same phone)`);
      expect((await panel.text()).match(/New lead/g), 'rows previewed as new leads').toHaveLength(2);
      const bulk = () => server.requests.filter((request) => request.path === BULK_PATH);
      expect(
        bulk().map((request) => request.idempotencyKey),
        'bulk requests after the preview',
      ).toEqual([null]);

      // The import's first attempt loses its connection: it is tried again, with the same key.
      server.injectFault({ type: 'disconnect' });
      await panel.click('Add 3');
      await panel.waitForText('2 added, 1 merged into leads MEGA had.');
      const imports = bulk().slice(1);
      expect(
        imports.map((request) => request.status),
        'attempts of the import',
      ).toEqual([0, 200]);
      const keys = new Set(imports.map((request) => request.idempotencyKey));
      expect(keys.size, `one key for every attempt of the import: ${[...keys].join(', ')}`).toBe(1);
      expect(keys.has(null), 'an import without a key').toBe(false);
      const answered = bulk().filter((request) => request.status === 200);
      expect(answered, 'bulk requests MEGA answered: one dry run, one import').toHaveLength(2);
      expect(server.leads.length, 'leads on the server').toBe(leadsBefore + 2);

      // The same panel with a token that may only read: the dry run is refused, and the panel says why.
      const account = demoAccounts(server.url)[0]!;
      const options = await browser.openOptions();
      await options.editAccount(account.name);
      await options.fill('API token', READ_ONLY_TOKEN);
      await options.click('Save');
      await options.waitForStatus('Settings saved');
      await options.close();
      // Back on the demo page, which the panel follows again.
      await page.bringToFront();
      await panel.bringToFront();
      await panel.click('Done');
      await panel.tick('hello@harborandpine.example');
      await panel.click('Add 1 to MEGA');
      await panel.waitForText('public_api:leads:write');
      expect(server.leads.length, 'leads on the server').toBe(leadsBefore + 2);
    },
  },
];
