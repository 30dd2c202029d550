// The lead card in Firefox: the extension's frame inside the web page's tab.
import type { ElementHandle } from 'puppeteer-core';
import type { Popover } from '../../shared/types.ts';
import { FirefoxView } from './view.ts';

export class FirefoxPopover extends FirefoxView implements Popover {
  src(): Promise<string> {
    // BiDi does not report navigations inside extension frames; the frame knows where it is.
    return this.frame.evaluate(() => location.href);
  }

  private button(name: string): Promise<ElementHandle<Element>> {
    return this.element(name, { role: 'button' });
  }

  async click(button: string): Promise<void> {
    await (await this.button(button)).click();
  }

  async doubleClick(button: string): Promise<void> {
    await (await this.button(button)).click({ count: 2 });
  }

  async hasButton(button: string): Promise<boolean> {
    for (const handle of await this.frame.$$(`::-p-aria([name="${button}"][role="button"])`)) {
      if (await handle.isVisible()) return true;
    }
    return false;
  }

  fill(label: string, value: string): Promise<void> {
    return this.typeInto(label, value);
  }

  fieldValue(label: string): Promise<string> {
    return this.valueOf(label);
  }

  async press(key: string): Promise<void> {
    // Focus into the card the way a keyboard user would reach it: its first control.
    const first = await this.frame.$('::-p-aria([role="button"])');
    await first?.focus();
    await this.page.keyboard.press(key as Parameters<typeof this.page.keyboard.press>[0]);
  }
}
