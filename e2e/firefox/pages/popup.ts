// popup.html in Firefox, opened in a tab: the "Search leads" box and the "Results" listbox.
import type { ElementHandle } from 'puppeteer-core';
import type { PopupPage } from '../../shared/types.ts';
import { waitUntil } from '../../shared/wait.ts';
import { FirefoxView } from './view.ts';

const LOAD_MORE = '::-p-aria([name="Load more"][role="button"])';

export class FirefoxPopupPage extends FirefoxView implements PopupPage {
  /** The rows of the container named "Results": options of a listbox, or items of a list. */
  private async rows(): Promise<ElementHandle<Node>[]> {
    const listbox = await this.page.$('::-p-aria([name="Results"][role="listbox"])');
    if (listbox) return listbox.$$('::-p-aria([role="option"])');
    const list = await this.page.$('::-p-aria([name="Results"][role="list"])');
    return list ? list.$$('::-p-aria([role="listitem"])') : [];
  }

  private async loadMoreButton(): Promise<ElementHandle<Element> | null> {
    // An ARIA query can only match elements, whatever its declared type says.
    const button = (await this.page.$(LOAD_MORE)) as ElementHandle<Element> | null;
    return button && (await button.isVisible()) ? button : null;
  }

  async search(query: string): Promise<void> {
    const box = await waitUntil(
      async () =>
        (await this.page.$('::-p-aria([name="Search leads"][role="searchbox"])')) ??
        (await this.page.$('::-p-aria([name="Search leads"][role="textbox"])')),
      { what: 'the "Search leads" box on the popup' },
    );
    await box.click();
    await this.page.keyboard.type(query);
  }

  async results(): Promise<string[]> {
    const rows = await this.rows();
    return Promise.all(rows.map((row) => row.evaluate((node) => (node as HTMLElement).innerText.trim())));
  }

  waitForResults(accept: (rows: string[]) => boolean, what: string): Promise<string[]> {
    return waitUntil(async () => {
      const rows = await this.results();
      return accept(rows) && rows;
    }, { what });
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
}
