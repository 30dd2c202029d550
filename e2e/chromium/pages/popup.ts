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

  /** The rows of the container named "Results": options of a listbox, or items of a list. */
  private get rows(): Locator {
    const name = { name: 'Results', exact: true };
    const listbox = this.page.getByRole('listbox', name);
    const list = this.page.getByRole('list', name);
    return listbox.getByRole('option').or(list.getByRole('listitem'));
  }

  private get loadMoreButton(): Locator {
    return this.page.getByRole('button', { name: 'Load more', exact: true });
  }

  async search(query: string): Promise<void> {
    await this.searchBox.click();
    await this.page.keyboard.type(query);
  }

  async results(): Promise<string[]> {
    return (await this.rows.allInnerTexts()).map((row) => row.trim());
  }

  waitForResults(accept: (rows: string[]) => boolean, what: string): Promise<string[]> {
    return waitUntil(async () => {
      const rows = await this.results();
      return accept(rows) && rows;
    }, { what });
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
}
