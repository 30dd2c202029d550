// popup.html in Firefox, opened in a tab: the "Search leads" box and the "Results" listbox.
import type { ElementHandle } from 'puppeteer-core';
import type { PopupPage } from '../../shared/types.ts';
import { waitUntil } from '../../shared/wait.ts';
import { FirefoxView } from './view.ts';

const LOAD_MORE = '::-p-aria([name="Load more"][role="button"])';
const SITE_SWITCH = '::-p-aria([name="Lookups on this site"][role="switch"])';
const MARKS_SWITCH = '::-p-aria([name="Mark known leads on this site"][role="switch"])';

export class FirefoxPopupPage extends FirefoxView implements PopupPage {
  /**
   * The rows of the container named "Results" (or "Recent": the leads last looked up, while the
   * search box is empty): options of a listbox, or items of a list.
   */
  private async rows(): Promise<ElementHandle<Node>[]> {
    for (const name of ['Results', 'Recent']) {
      const listbox = await this.page.$(`::-p-aria([name="${name}"][role="listbox"])`);
      if (listbox) return listbox.$$('::-p-aria([role="option"])');
      const list = await this.page.$(`::-p-aria([name="${name}"][role="list"])`);
      if (list) return list.$$('::-p-aria([role="listitem"])');
    }
    return [];
  }

  private async loadMoreButton(): Promise<ElementHandle<Element> | null> {
    // An ARIA query can only match elements, whatever its declared type says.
    const button = (await this.page.$(LOAD_MORE)) as ElementHandle<Element> | null;
    return button && (await button.isVisible()) ? button : null;
  }

  /** The switch once it can be used: shown and no longer disabled while the site is read. */
  private siteSwitch(): Promise<ElementHandle<Element>> {
    return waitUntil(
      async () => {
        const found = (await this.page.$(SITE_SWITCH)) as ElementHandle<Element> | null;
        const usable = found && (await found.evaluate((node) => !(node as HTMLInputElement).disabled));
        return usable ? found : undefined;
      },
      { what: 'a usable "Lookups on this site" switch on the popup' },
    );
  }

  private picker(): Promise<ElementHandle<Element> | null> {
    // An ARIA query can only match elements, whatever its declared type says.
    return this.page.$('::-p-aria([name="Account"][role="combobox"])') as Promise<ElementHandle<Element> | null>;
  }

  async accountPicker(): Promise<{ choices: string[]; chosen: string } | null> {
    const picker = await this.picker();
    if (!picker || !(await picker.isVisible())) return null;
    return picker.evaluate((node) => {
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
    await (await this.picker())?.focus();
    for (let step = 0; step < Math.abs(to - from); step++) {
      await this.page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
    }
    await waitUntil(
      async () =>
        (await this.accountPicker())?.chosen === name &&
        (await (await this.picker())?.evaluate((node) => node.getAttribute('aria-busy'))) !== 'true',
      { what: `"${name}" chosen in the "Account" picker and the switch done` },
    );
  }

  async search(query: string, keyGapsMs: readonly number[] = []): Promise<void> {
    const box = await waitUntil(
      async () =>
        (await this.page.$('::-p-aria([name="Search leads"][role="searchbox"])')) ??
        (await this.page.$('::-p-aria([name="Search leads"][role="textbox"])')),
      { what: 'the "Search leads" box on the popup' },
    );
    await box.click();
    const characters = [...query];
    for (const [index, character] of characters.entries()) {
      await this.page.keyboard.type(character);
      const gap = keyGapsMs[index];
      // A user's rhythm between two key presses, not a wait for anything.
      if (gap !== undefined && index < characters.length - 1) await new Promise((resolve) => setTimeout(resolve, gap));
    }
  }

  async results(): Promise<string[]> {
    const rows = await this.rows();
    return Promise.all(rows.map((row) => row.evaluate((node) => (node as HTMLElement).innerText.trim())));
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

  async hasLoadMore(): Promise<boolean> {
    return (await this.loadMoreButton()) !== null;
  }

  async loadMore(): Promise<void> {
    const before = (await this.rows()).length;
    const button = await waitUntil(() => this.loadMoreButton(), { what: 'the "Load more" button' });
    await button.click();
    await waitUntil(async () => (await this.rows()).length > before, {
      what: `more than ${before} results after "Load more"`,
    });
  }

  async siteLookupsOn(): Promise<boolean> {
    const toggle = await this.siteSwitch();
    return toggle.evaluate((node) => (node as HTMLInputElement).checked);
  }

  async toggleSiteMarks(): Promise<boolean> {
    const toggle = await waitUntil(
      async () => ((await this.page.$(MARKS_SWITCH)) as ElementHandle<Element> | null) ?? undefined,
      { what: 'the "Mark known leads on this site" switch on the popup' },
    );
    const checked = () => toggle.evaluate((node) => (node as HTMLInputElement).checked);
    const before = await checked();
    await toggle.click();
    await waitUntil(async () => (await checked()) !== before, {
      what: `the "Mark known leads on this site" switch to turn ${before ? 'off' : 'on'}`,
    });
    return !before;
  }

  async toggleSiteLookups(): Promise<boolean> {
    const toggle = await this.siteSwitch();
    const before = await toggle.evaluate((node) => (node as HTMLInputElement).checked);
    await toggle.click();
    await waitUntil(async () => (await toggle.evaluate((node) => (node as HTMLInputElement).checked)) !== before, {
      what: `the "Lookups on this site" switch to turn ${before ? 'off' : 'on'}`,
    });
    return !before;
  }
}
