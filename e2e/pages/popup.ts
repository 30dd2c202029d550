// popup.html, opened in a tab: the "Search leads" box, the rows under "Results" or "Recent", the
// site's switches and the "Account" picker.
import { busySeen, recordBusy } from '../shared/in-page.ts';
import { waitUntil } from '../shared/wait.ts';
import type { ElementDriver } from './driver.ts';
import { checkedState, View } from './view.ts';

export class PopupPage extends View {
  /** Whether `search` typed a query here (see waitForResults). */
  private searched = false;

  /**
   * The rows of the container named "Results" (or "Recent": the leads last looked up, while the
   * search box is empty): options of a listbox, or items of a list.
   */
  private async rows(): Promise<ElementDriver[]> {
    for (const name of ['Results', 'Recent']) {
      const [listbox] = await this.frame.findAll({ role: 'listbox', name });
      if (listbox) return listbox.findByRole('option');
      const [list] = await this.frame.findAll({ role: 'list', name });
      if (list) return list.findByRole('listitem');
    }
    return [];
  }

  /**
   * Clicks the "Search leads" box and types the query with real key presses, one character at a
   * time; `keyGapsMs[i]` is the pause before the character after character i (a user's rhythm).
   */
  async search(query: string, keyGapsMs: readonly number[] = []): Promise<void> {
    const box = await waitUntil(
      async () =>
        (await this.shown({ role: 'searchbox', name: 'Search leads' }))[0] ??
        (await this.shown({ role: 'textbox', name: 'Search leads' }))[0],
      { what: `the "Search leads" box on the ${this.description}` },
    );
    await box.click();
    const characters = [...query];
    for (const [index, character] of characters.entries()) {
      // The popup searches a moment after the last key: the rows shown until then are the old ones.
      if (index === characters.length - 1) {
        await this.frame.evaluate(recordBusy, undefined);
        this.searched = true;
      }
      await this.tab.keyboard.type(character);
      const gap = keyGapsMs[index];
      // A user's rhythm between two key presses, not a wait for anything.
      if (gap !== undefined && index < characters.length - 1) await new Promise((resolve) => setTimeout(resolve, gap));
    }
  }

  /** The text of each row under "Results" or "Recent" (a listbox of options or a list of items), in order. */
  async results(): Promise<string[]> {
    return (await this.shownResults()).rows;
  }

  /** The rows' texts, and whether the popup says it is still loading them (aria-busy, as a screen reader hears it). */
  private async shownResults(): Promise<{ rows: string[]; busy: boolean }> {
    const rows = await this.rows();
    const texts = await Promise.all(
      rows.map((row) => row.evaluate((node) => (node as HTMLElement).innerText.trim(), undefined)),
    );
    const busy = (await rows[0]?.evaluate((node) => node.closest('[aria-busy="true"]') !== null, undefined)) ?? false;
    return { rows: texts, busy };
  }

  /**
   * Waits until the popup has settled on rows that satisfy `accept`; returns them. After `search`,
   * only rows shown once the popup took the query up count: until it searches (a moment after the
   * last key) and while the search runs (dimmed, marked busy), it shows the rows from before.
   */
  waitForResults(accept: (rows: string[]) => boolean, what: string): Promise<string[]> {
    return waitUntil(
      async () => {
        if (this.searched && !(await this.frame.evaluate(busySeen, undefined))) return undefined;
        const { rows, busy } = await this.shownResults();
        return !busy && accept(rows) && rows;
      },
      { what },
    );
  }

  /** Whether a "Load more" button is shown. */
  hasLoadMore(): Promise<boolean> {
    return this.shows({ role: 'button', name: 'Load more' });
  }

  /** Clicks "Load more" and waits for more rows than before. */
  async loadMore(): Promise<void> {
    const before = (await this.rows()).length;
    await (await this.button('Load more')).click();
    await waitUntil(async () => (await this.rows()).length > before, {
      what: `more than ${before} results after "Load more"`,
    });
  }

  /**
   * Clicks "Look up what I copied" and waits for its answer, whose text it returns: what the
   * clipboard held looked up, or why nothing was.
   */
  async lookUpCopied(): Promise<string> {
    const section = await this.element({ role: 'region', name: 'What you copied' });
    // The answer shown before, if any: the new one must differ from it to be seen to arrive.
    const before = (await section.evaluate(copiedAnswer, undefined)).text;
    await (await this.button('Look up what I copied')).click();
    return waitUntil(
      async () => {
        const { text, busy } = await section.evaluate(copiedAnswer, undefined);
        return text && text !== before && !busy ? text : undefined;
      },
      { what: 'an answer under "Look up what I copied"' },
    );
  }

  /** The "Lookups on this site" switch, once it can be used (it is disabled while the site is read). */
  private siteSwitch(): Promise<ElementDriver> {
    return waitUntil(
      async () => {
        for (const control of await this.shown({ role: 'switch', name: 'Lookups on this site' })) {
          if (await control.evaluate((node) => !(node as HTMLInputElement).disabled, undefined)) return control;
        }
        return undefined;
      },
      { what: `a usable "Lookups on this site" switch on the ${this.description}` },
    );
  }

  /** Waits for the "Lookups on this site" switch to be usable; returns whether it is on. */
  async siteLookupsOn(): Promise<boolean> {
    return (await checkedState(await this.siteSwitch())).on;
  }

  /** Clicks the "Lookups on this site" switch and waits until it shows the other position; returns whether it is on. */
  async toggleSiteLookups(): Promise<boolean> {
    return this.toggle(await this.siteSwitch(), 'the "Lookups on this site" switch');
  }

  /**
   * Clicks the "Mark known leads on this site" switch and waits until it shows the other
   * position; returns whether it is now on.
   */
  async toggleSiteMarks(): Promise<boolean> {
    const control = await this.element({ role: 'switch', name: 'Mark known leads on this site' });
    return this.toggle(control, 'the "Mark known leads on this site" switch');
  }

  private async picker(): Promise<ElementDriver | undefined> {
    return (await this.shown({ role: 'combobox', name: 'Account' }))[0];
  }

  /**
   * The "Account" picker: its choices in order and the one chosen; null when there is none (no
   * account, or only one, whose name the popup just shows).
   */
  async accountPicker(): Promise<{ choices: string[]; chosen: string } | null> {
    const picker = await this.picker();
    if (!picker) return null;
    return picker.evaluate((node) => {
      const select = node as HTMLSelectElement;
      const choices = [...select.options].map((option) => option.text.trim());
      return { choices, chosen: select.selectedOptions[0]?.text.trim() ?? '' };
    }, undefined);
  }

  /**
   * Chooses this account in the "Account" picker with the keyboard (focus on the picker, arrow
   * keys), and waits until the popup shows it chosen and the switch is done.
   */
  async chooseAccount(name: string): Promise<void> {
    const picker = await waitUntil(() => this.accountPicker(), {
      what: `the "Account" picker on the ${this.description}`,
    });
    const from = picker.choices.indexOf(picker.chosen);
    const to = picker.choices.indexOf(name);
    if (to < 0) throw new Error(`No account "${name}" in the picker: ${picker.choices.join(', ')}`);
    await this.tab.bringToFront();
    // Focus is no input the popup acts on; the arrow keys are what change the account.
    await (await this.picker())?.focus();
    for (let step = 0; step < Math.abs(to - from); step++) {
      await this.tab.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
    }
    await waitUntil(
      async () => {
        const control = await this.picker();
        return (
          (await this.accountPicker())?.chosen === name && control !== undefined && !(await checkedState(control)).busy
        );
      },
      { what: `"${name}" chosen in the "Account" picker and the switch done` },
    );
  }
}

/** Runs in the popup, on the "What you copied" section: the answer's text, and whether it is still coming. */
function copiedAnswer(section: Element): { text: string; busy: boolean } {
  const answer = section.querySelector('[aria-live]');
  return {
    text: (answer as HTMLElement | null)?.innerText.trim() ?? '',
    busy: answer?.getAttribute('aria-busy') === 'true',
  };
}
