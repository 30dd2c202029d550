// sidepanel.html ("Leads on this page"), opened in a tab: it follows the tab used before it. Its
// rows in their groups ("In MEGA", "Not in MEGA", …), the ticks, "Add N to MEGA" and its preview.
import { waitUntil } from '../shared/wait.ts';
import { View } from './view.ts';

/** A group's heading without its count ("In MEGA 4" → "In MEGA"), and the text of each of its rows. */
export type PanelGroups = Record<string, string[]>;

export class SidePanelPage extends View {
  /** Each group shown, by its name, with its rows' texts (a row's lines joined by " / "). */
  async groups(): Promise<PanelGroups> {
    const groups: PanelGroups = {};
    for (const region of await this.frame.findAll({ role: 'region' })) {
      const group = await region.evaluate((node) => {
        const heading = node.querySelector('h2')?.textContent ?? '';
        const rows = [...node.querySelectorAll('li')].map((row) =>
          (row as HTMLElement).innerText
            .trim()
            .split(/\s*\n\s*/)
            .join(' / '),
        );
        return { name: heading.replace(/\s*[\d,]+$/, '').trim(), rows };
      }, undefined);
      groups[group.name] = group.rows;
    }
    return groups;
  }

  /** Waits until the groups satisfy `accept`; returns them. */
  waitForGroups(accept: (groups: PanelGroups) => boolean, what: string): Promise<PanelGroups> {
    return waitUntil(
      async () => {
        const groups = await this.groups();
        return accept(groups) && groups;
      },
      { what: `${what} on the ${this.description}` },
    );
  }

  /** Ticks an unknown row for adding, by its checkbox ("Add <value> to MEGA"), with Space. */
  async tick(value: string): Promise<void> {
    const box = await this.element({ role: 'checkbox', name: `Add ${value} to MEGA` });
    await box.focus();
    await this.tab.keyboard.press(' ');
  }

  async click(button: string | RegExp): Promise<void> {
    const name = typeof button === 'string' ? button : undefined;
    const found =
      name !== undefined
        ? await this.button(name)
        : await waitUntil(
            async () => {
              for (const candidate of await this.shown({ role: 'button' })) {
                const label = await candidate.evaluate((node) => (node as HTMLElement).innerText, undefined);
                if ((button as RegExp).test(label)) return candidate;
              }
              return undefined;
            },
            { what: `a button ${String(button)} on the ${this.description}` },
          );
    await found.click();
  }

  /** Focuses the known row of this lead and presses Enter, as the keyboard opens its card. */
  async openWithEnter(leadName: string): Promise<void> {
    const row = await waitUntil(
      async () => {
        for (const candidate of await this.shown({ role: 'button' })) {
          const label = await candidate.evaluate((node) => (node as HTMLElement).innerText, undefined);
          if (label.startsWith(leadName)) return candidate;
        }
        return undefined;
      },
      { what: `the row of ${leadName} on the ${this.description}` },
    );
    await row.focus();
    await this.tab.keyboard.press('Enter');
  }

  /** Presses a key in the panel, e.g. "a", which adds the ticked rows. */
  async press(key: string): Promise<void> {
    await this.tab.keyboard.press(key);
  }
}
