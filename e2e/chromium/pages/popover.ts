// The lead card in Chromium: the extension's frame inside the web page's tab.
import type { Page } from 'playwright-core';
import type { OpenedTab, Popover } from '../../shared/types.ts';
import { armClickAsShown, clickedAsShown } from '../../shared/in-page.ts';
import { insertText, typeIntoField } from '../../shared/typing.ts';
import { waitUntil } from '../../shared/wait.ts';
import { ChromiumView } from './view.ts';

/** A tab opened from a link in the card. */
class ChromiumOpenedTab extends ChromiumView implements OpenedTab {
  constructor(page: Page, description: string) {
    super(page, description);
  }

  async url(): Promise<string> {
    return this.page.url();
  }
}

export class ChromiumPopover extends ChromiumView implements Popover {
  async src(): Promise<string> {
    return this.frame.url();
  }

  async frameSrc(): Promise<string> {
    return (await this.frame.frameElement()).evaluate((node) => (node as HTMLIFrameElement).src);
  }

  async size(): Promise<{ width: number; height: number }> {
    const box = await (await this.frame.frameElement()).boundingBox();
    if (!box) throw new Error(`The ${this.description} is not on screen.`);
    return { width: Math.round(box.width), height: Math.round(box.height) };
  }

  private button(name: string) {
    return this.frame.getByRole('button', { name, exact: true });
  }

  async click(button: string): Promise<void> {
    await this.button(button).click();
  }

  async doubleClick(button: string): Promise<void> {
    await this.button(button).dblclick();
  }

  hasButton(button: string): Promise<boolean> {
    return this.button(button).isVisible();
  }

  async waitForButton(button: string): Promise<void> {
    await this.button(button).waitFor({ state: 'visible' });
  }

  async buttonDisabled(button: string): Promise<boolean> {
    return (await this.button(button).getAttribute('aria-disabled')) === 'true';
  }

  async armClickAsShown(button: string): Promise<void> {
    await this.frame.evaluate(armClickAsShown, button);
  }

  clickedAsShown(): Promise<{ disabled: boolean }> {
    return waitUntil(async () => (await this.frame.evaluate(clickedAsShown)) ?? undefined, {
      what: `the armed click on the ${this.description}`,
    });
  }

  async fill(label: string, value: string): Promise<void> {
    const field = this.frame.getByLabel(label, { exact: true });
    const { keyboard } = this.page;
    const { frame } = this;
    await typeIntoField(label, value, {
      async replaceText(text) {
        await field.click();
        await keyboard.press('ControlOrMeta+A');
        await keyboard.press('Delete');
        if (text) await frame.evaluate(insertText, text);
      },
      readValue: () => field.inputValue(),
    });
  }

  fieldValue(label: string): Promise<string> {
    return this.frame.getByLabel(label, { exact: true }).inputValue();
  }

  async openDisclosure(summary: string | RegExp): Promise<void> {
    // Playwright gives <summary> no role, so it is found by its text, which is its accessible name.
    const toggle = this.frame.locator('summary', { hasText: summary });
    await toggle.click();
    await this.frame.locator('details[open]', { has: toggle }).waitFor();
  }

  async followLinkToNewTab(link: string): Promise<OpenedTab> {
    const opened = this.page.context().waitForEvent('page');
    await this.frame.getByRole('link', { name: link, exact: true }).click();
    const tab = await opened;
    await tab.waitForLoadState('load');
    return new ChromiumOpenedTab(tab, `tab opened by "${link}"`);
  }

  async press(key: string): Promise<void> {
    // Focus into the card the way a keyboard user would reach it: its first control.
    await this.frame.getByRole('button').first().focus();
    await this.page.keyboard.press(key);
  }
}
