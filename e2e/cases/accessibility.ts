// axe-core on the options page, the popup and the card, also zoomed to 200%; the keyboard path
// through the options.
import { expect } from 'vitest';
import { blocking, describeFindings } from '../shared/a11y.ts';
import { JANE } from '../shared/fixtures.ts';
import type { ExtensionCase } from '../shared/suite.ts';
import type { AxeFinding } from '../shared/types.ts';
import { configure, dismiss, lookUp, webPageUrl } from './steps.ts';

export const accessibilityCases: readonly ExtensionCase[] = [
  {
    name: 'accessibility: axe finds nothing serious on the options page, the popup and the card, also at 200% zoom; Tab reaches each field with visible focus',
    async run({ browser, server }) {
      const findings: Array<{ where: string; all: AxeFinding[] }> = [];
      const options = await configure(browser, server);
      // The shortcuts section lists the lookup shortcut with the key the browser gave it.
      await options.waitForText('Alt+Shift+L');
      findings.push({ where: 'options page', all: await options.axeViolations() });

      const stops = await options.tabUntil('Save', 40);
      const names = stops.map((stop) => stop.name);
      const fields = ['API token', 'Customer ID', 'API base URL', 'Save'];
      expect(
        names.filter((name) => fields.includes(name)),
        `Tab order: ${names.join(' → ')}`,
      ).toEqual(fields);
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

      const page = await browser.openWebPage(webPageUrl(server, 'a11y.html', `Call ${JANE.contact_phone} today.`));
      const card = await lookUp(page, JANE.contact_phone, JANE.contact_name);
      findings.push({ where: 'card', all: await card.axeViolations() });

      // As a user who reads at 200%: each page laid out again in half the CSS pixels.
      await options.zoom(2);
      findings.push({ where: 'options page at 200%', all: await options.axeViolations() });
      await popup.zoom(2);
      findings.push({ where: 'popup at 200%', all: await popup.axeViolations() });
      await dismiss(page);
      await page.zoom(2);
      const zoomedCard = await lookUp(page, JANE.contact_phone, JANE.contact_name);
      findings.push({ where: 'card at 200%', all: await zoomedCard.axeViolations() });

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
