// The lead card in Firefox: the extension's frame inside the web page's tab.
import type { ElementHandle } from 'puppeteer-core';
import type { Popover } from '../../shared/types.ts';
import { waitUntil } from '../../shared/wait.ts';
import { FirefoxView } from './view.ts';

export class FirefoxPopover extends FirefoxView implements Popover {
  src(): Promise<string> {
    // BiDi does not report navigations inside extension frames; the frame knows where it is.
    return this.frame.evaluate(() => location.href);
  }

  async frameSrc(): Promise<string> {
    const element = await this.frame.frameElement();
    if (!element) throw new Error(`The ${this.description} has no frame element.`);
    return element.evaluate((node) => (node as HTMLIFrameElement).src);
  }

  async size(): Promise<{ width: number; height: number }> {
    const box = await (await this.frame.frameElement())?.boundingBox();
    if (!box) throw new Error(`The ${this.description} is not on screen.`);
    return { width: Math.round(box.width), height: Math.round(box.height) };
  }

  private button(name: string): Promise<ElementHandle<Element>> {
    return this.element(name, { role: 'button' });
  }

  /**
   * The button, once it can be used: the card's buttons that act for the user are disabled for
   * a moment after the card appears (as a user sees, and as Chromium's driver waits for itself).
   */
  private async enabledButton(name: string): Promise<ElementHandle<Element>> {
    const button = await this.button(name);
    await waitUntil(() => button.evaluate((node) => node.getAttribute('aria-disabled') !== 'true' && !(node as HTMLButtonElement).disabled), {
      what: `"${name}" on the ${this.description} to be enabled`,
    });
    return button;
  }

  async click(button: string): Promise<void> {
    await (await this.enabledButton(button)).click();
  }

  async doubleClick(button: string): Promise<void> {
    await (await this.enabledButton(button)).click({ count: 2 });
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
