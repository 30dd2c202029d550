// The parts of a page object that only read what a Chromium tab shows.
import type { Frame, Page } from 'playwright-core';
import { axeSource } from '../../shared/a11y.ts';
import { runAxe } from '../../shared/in-page.ts';
import { STEP_TIMEOUT_MS, waitForText } from '../../shared/wait.ts';
import type { AxeFinding, View } from '../../shared/types.ts';

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

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  async axeViolations(): Promise<AxeFinding[]> {
    if (!(await this.frame.evaluate(() => 'axe' in window))) {
      // DevTools evaluation is not bound by the extension pages' CSP, which forbids inline scripts.
      await this.frame.evaluate(axeSource());
    }
    return (await this.frame.evaluate(runAxe)) as AxeFinding[];
  }
}
