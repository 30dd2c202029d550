// The parts of a page object that only read what a Firefox tab shows.
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { axeSource } from '../../shared/a11y.ts';
import { runAxe } from '../../shared/in-page.ts';
import type { AxeFinding, View } from '../../shared/types.ts';
import { insertText, typeIntoField } from '../../shared/typing.ts';
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

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  async axeViolations(): Promise<AxeFinding[]> {
    if (!(await this.frame.evaluate(() => 'axe' in window))) {
      // WebDriver BiDi evaluation is not bound by the extension pages' CSP (no inline scripts).
      await this.frame.evaluate(axeSource());
    }
    return (await this.frame.evaluate(runAxe)) as AxeFinding[];
  }

  /**
   * Waits for the element with this accessible name (and role, if given). Firefox gives a
   * password field no "textbox" role, so fields are looked up by name and then by what they are.
   */
  protected element(
    name: string,
    accept: { role: string } | { isField: true },
    what = `"${name}" on the ${this.description}`,
  ): Promise<ElementHandle<Element>> {
    const selector =
      'role' in accept ? `::-p-aria([name="${name}"][role="${accept.role}"])` : `::-p-aria([name="${name}"])`;
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
          // An ARIA query can only match elements, whatever its declared type says.
          if (fits && (await handle.isVisible())) return handle as ElementHandle<Element>;
          await handle.dispose();
        }
        return undefined;
      },
      { what, timeout: STEP_TIMEOUT_MS },
    );
  }

  /** The form field with this label (an input, text area or select). */
  protected field(label: string): Promise<ElementHandle<Element>> {
    return this.element(label, { isField: true }, `a field labelled "${label}" on the ${this.description}`);
  }

  /** Clicks the field with this label, clears it and types `value` with real key presses. */
  protected async typeInto(label: string, value: string): Promise<void> {
    const { keyboard } = this.page;
    const { frame } = this;
    const field = await this.field(label);
    await typeIntoField(label, value, {
      async replaceText(text) {
        await field.click();
        await keyboard.down('Control');
        await keyboard.press('a');
        await keyboard.up('Control');
        await keyboard.press('Delete');
        if (text) await frame.evaluate(insertText, text);
      },
      readValue: () => field.evaluate((node) => (node as HTMLInputElement).value),
    });
  }

  /** What the field with this label holds now. */
  protected async valueOf(label: string): Promise<string> {
    const field = await this.field(label);
    return field.evaluate((node) => (node as HTMLInputElement).value);
  }
}
