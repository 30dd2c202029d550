// The parts of a page object that only read what a Firefox tab shows.
import type { Frame, Page } from 'puppeteer-core';
import type { View } from '../../shared/types.ts';
import { STEP_TIMEOUT_MS, waitForText, waitUntil } from '../../shared/wait.ts';

export class FirefoxView implements View {
  constructor(
    readonly page: Page,
    readonly description: string,
    /** The frame the view lives in; the tab's main frame unless it is the popover. */
    readonly frame: Frame = page.mainFrame(),
  ) {}

  title(): Promise<string> {
    return this.frame.evaluate(() => document.title);
  }

  text(): Promise<string> {
    return this.frame.evaluate(() => document.body?.innerText ?? '');
  }

  async screenshot(path: string): Promise<void> {
    // Headless Firefox paints only the selected tab.
    await this.page.bringToFront();
    await this.page.screenshot({ path });
  }

  waitForText(expected: string | RegExp): Promise<string> {
    return waitForText(() => this.text(), expected, `on the ${this.description}`);
  }

  /**
   * Waits for the element with this accessible name (and role, if given). Firefox gives a
   * password field no "textbox" role, so fields are looked up by name and then by what they are.
   */
  protected element(
    name: string,
    accept: { role: string } | { isField: true },
    what = `"${name}" on the ${this.description}`,
  ) {
    const selector = 'role' in accept ? `::-p-aria([name="${name}"][role="${accept.role}"])` : `::-p-aria([name="${name}"])`;
    return waitUntil(
      async () => {
        for (const handle of await this.frame.$$(selector)) {
          const fits =
            'role' in accept ||
            (await handle.evaluate(
              (node) =>
                node instanceof Element &&
                (['INPUT', 'TEXTAREA', 'SELECT'].includes(node.tagName) || (node as HTMLElement).isContentEditable),
            ));
          if (fits && (await handle.isVisible())) return handle;
          await handle.dispose();
        }
        return undefined;
      },
      { what, timeout: STEP_TIMEOUT_MS },
    );
  }
}
