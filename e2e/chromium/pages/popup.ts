// popup.html in Chromium, opened in a tab: the "Search leads" box and the "Results" listbox.
import type { Locator } from 'playwright-core';
import type { PopupPage } from '../../shared/types.ts';
import { waitUntil } from '../../shared/wait.ts';
import { ChromiumView } from './view.ts';

export class ChromiumPopupPage extends ChromiumView implements PopupPage {
  private get searchBox(): Locator {
    const name = { name: 'Search leads', exact: true };
    return this.page.getByRole('searchbox', name).or(this.page.getByRole('textbox', name));
  }

  /**
   * The rows of the container named "Results" (or "Recent": the leads last looked up, while the
   * search box is empty): options of a listbox, or items of a list.
   */
  private get rows(): Locator {
    const named = (name: string) => ({ name, exact: true });
    const listbox = this.page
      .getByRole('listbox', named('Results'))
      .or(this.page.getByRole('listbox', named('Recent')));
    const list = this.page.getByRole('list', named('Results')).or(this.page.getByRole('list', named('Recent')));
    return listbox.getByRole('option').or(list.getByRole('listitem'));
  }

  private get loadMoreButton(): Locator {
    return this.page.getByRole('button', { name: 'Load more', exact: true });
  }

  private get siteSwitch(): Locator {
    return this.page.getByRole('switch', { name: 'Lookups on this site', exact: true });
  }

  private get marksSwitch(): Locator {
    return this.page.getByRole('switch', { name: 'Mark known leads on this site', exact: true });
  }

  async toggleSiteMarks(): Promise<boolean> {
    await this.marksSwitch.waitFor({ state: 'visible' });
    const before = await this.marksSwitch.isChecked();
    await this.marksSwitch.click();
    return waitUntil(async () => ((await this.marksSwitch.isChecked()) !== before ? { on: !before } : undefined), {
      what: `the "Mark known leads on this site" switch to turn ${before ? 'off' : 'on'}`,
    }).then(({ on }) => on);
  }

  private get picker(): Locator {
    return this.page.getByRole('combobox', { name: 'Account', exact: true });
  }

  async accountPicker(): Promise<{ choices: string[]; chosen: string } | null> {
    if (!(await this.picker.isVisible())) return null;
    return this.picker.evaluate((node) => {
      const select = node as HTMLSelectElement;
      const choices = [...select.options].map((option) => option.text.trim());
      return { choices, chosen: select.selectedOptions[0]?.text.trim() ?? '' };
    });
  }

  async chooseAccount(name: string): Promise<void> {
    const picker = await waitUntil(() => this.accountPicker(), { what: 'the "Account" picker on the popup' });
    const from = picker.choices.indexOf(picker.chosen);
    const to = picker.choices.indexOf(name);
    if (to < 0) throw new Error(`No account "${name}" in the picker: ${picker.choices.join(', ')}`);
    await this.page.bringToFront();
    // Focus is no input the popup acts on; the arrow keys are what change the account.
    await this.picker.focus();
    for (let step = 0; step < Math.abs(to - from); step++) {
      await this.page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
    }
    await waitUntil(
      async () =>
        (await this.accountPicker())?.chosen === name && (await this.picker.getAttribute('aria-busy')) !== 'true',
      { what: `"${name}" chosen in the "Account" picker and the switch done` },
    );
  }

  async search(query: string, keyGapsMs: readonly number[] = []): Promise<void> {
    await this.searchBox.click();
    const characters = [...query];
    for (const [index, character] of characters.entries()) {
      await this.page.keyboard.type(character);
      const gap = keyGapsMs[index];
      // A user's rhythm between two key presses, not a wait for anything.
      if (gap !== undefined && index < characters.length - 1) await new Promise((resolve) => setTimeout(resolve, gap));
    }
  }

  async results(): Promise<string[]> {
    return (await this.rows.allInnerTexts()).map((row) => row.trim());
  }

  waitForResults(accept: (rows: string[]) => boolean, what: string): Promise<string[]> {
    return waitUntil(
      async () => {
        const rows = await this.results();
        return accept(rows) && rows;
      },
      { what },
    );
  }

  hasLoadMore(): Promise<boolean> {
    return this.loadMoreButton.isVisible();
  }

  async loadMore(): Promise<void> {
    const before = await this.rows.count();
    await this.loadMoreButton.click();
    await waitUntil(async () => (await this.rows.count()) > before, {
      what: `more than ${before} results after "Load more"`,
    });
  }

  async siteLookupsOn(): Promise<boolean> {
    await waitUntil(() => this.siteSwitch.isEnabled().catch(() => false), {
      what: 'a usable "Lookups on this site" switch on the popup',
    });
    return this.siteSwitch.isChecked();
  }

  async toggleSiteLookups(): Promise<boolean> {
    const before = await this.siteLookupsOn();
    await this.siteSwitch.click();
    return waitUntil(async () => ((await this.siteSwitch.isChecked()) !== before ? { on: !before } : undefined), {
      what: `the "Lookups on this site" switch to turn ${before ? 'off' : 'on'}`,
    }).then(({ on }) => on);
  }
}
