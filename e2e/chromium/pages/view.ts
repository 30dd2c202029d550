// The parts of a page object that only read what a Chromium tab shows.
import type { Frame, Page } from 'playwright-core';
import { STEP_TIMEOUT_MS, waitForText } from '../../shared/wait.ts';
import type { View } from '../../shared/types.ts';

export class ChromiumView implements View {
  constructor(
    readonly page: Page,
    readonly description: string,
    /** The frame the view lives in; the tab's main frame unless it is the popover. */
    readonly frame: Frame = page.mainFrame(),
  ) {}

  title(): Promise<string> {
    return this.frame.title();
  }

  text(): Promise<string> {
    return this.frame.locator('body').innerText({ timeout: STEP_TIMEOUT_MS });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, timeout: STEP_TIMEOUT_MS });
  }

  waitForText(expected: string | RegExp): Promise<string> {
    return waitForText(() => this.text(), expected, `on the ${this.description}`);
  }
}
