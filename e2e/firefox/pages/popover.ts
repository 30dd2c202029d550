// The lead card in Firefox: the extension's frame inside the web page's tab.
import type { ElementHandle, Page, Target } from 'puppeteer-core';
import type { OpenedTab, Popover } from '../../shared/types.ts';
import { armClickAsShown, clickedAsShown } from '../../shared/in-page.ts';
import { STEP_TIMEOUT_MS, waitUntil } from '../../shared/wait.ts';
import { FirefoxView } from './view.ts';

/** A tab opened from a link in the card. */
class FirefoxOpenedTab extends FirefoxView implements OpenedTab {
  constructor(page: Page, description: string) {
    super(page, description);
  }

  async url(): Promise<string> {
    return this.page.url();
  }
}

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
    await waitUntil(
      () =>
        button.evaluate(
          (node) => node.getAttribute('aria-disabled') !== 'true' && !(node as HTMLButtonElement).disabled,
        ),
      {
        what: `"${name}" on the ${this.description} to be enabled`,
      },
    );
    return button;
  }

  async click(button: string): Promise<void> {
    await (await this.enabledButton(button)).click();
  }

  async doubleClick(button: string): Promise<void> {
    await (await this.enabledButton(button)).click({ count: 2 });
  }

  async waitForButton(button: string): Promise<void> {
    await (await this.button(button)).dispose();
  }

  async buttonDisabled(button: string): Promise<boolean> {
    const handle = await this.button(button);
    const disabled = await handle.evaluate((node) => node.getAttribute('aria-disabled') === 'true');
    await handle.dispose();
    return disabled;
  }

  async armClickAsShown(button: string): Promise<void> {
    await this.frame.evaluate(armClickAsShown, button);
  }

  clickedAsShown(): Promise<{ disabled: boolean }> {
    return waitUntil(async () => (await this.frame.evaluate(clickedAsShown)) ?? undefined, {
      what: `the armed click on the ${this.description}`,
    });
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

  async openDisclosure(summary: string | RegExp): Promise<void> {
    const matches = (text: string) => (typeof summary === 'string' ? text.includes(summary) : summary.test(text));
    const what = `a disclosure "${String(summary)}" on the ${this.description}`;
    const toggle = await waitUntil(
      async () => {
        for (const handle of await this.frame.$$('summary')) {
          if (matches(await handle.evaluate((node) => node.textContent ?? '')) && (await handle.isVisible()))
            return handle;
          await handle.dispose();
        }
        return undefined;
      },
      { what },
    );
    await toggle.click();
    await waitUntil(() => toggle.evaluate((node) => (node.parentElement as HTMLDetailsElement | null)?.open === true), {
      what: `${what} to open`,
    });
  }

  async followLinkToNewTab(link: string): Promise<OpenedTab> {
    const browser = this.page.browser();
    const before = new Set<Target>(browser.targets());
    const anchor = await this.element(link, { role: 'link' });
    await anchor.click();
    // The new tab starts at about:blank and then navigates to the link's address.
    const target = await browser.waitForTarget(
      (candidate) => !before.has(candidate) && candidate.url() !== 'about:blank',
      {
        timeout: STEP_TIMEOUT_MS,
      },
    );
    const tab = await target.page();
    if (!tab) throw new Error(`"${link}" opened a ${target.type()}, not a tab.`);
    await tab.waitForFunction(() => document.readyState === 'complete', { timeout: STEP_TIMEOUT_MS });
    return new FirefoxOpenedTab(tab, `tab opened by "${link}"`);
  }

  async press(key: string): Promise<void> {
    // Focus into the card the way a keyboard user would reach it: its first control.
    const first = await this.frame.$('::-p-aria([role="button"])');
    await first?.focus();
    await this.page.keyboard.press(key as Parameters<typeof this.page.keyboard.press>[0]);
  }
}
