// An ordinary web page in Firefox: selecting text with the mouse and finding the lead card.
import type { Frame, Page } from 'puppeteer-core';
import { DRAG_STEPS, dragPathTo, selectedText } from '../../shared/selection.ts';
import type { Popover, WebPage } from '../../shared/types.ts';
import { waitUntil } from '../../shared/wait.ts';
import { FirefoxPopover } from './popover.ts';
import { FirefoxView } from './view.ts';

export class FirefoxWebPage extends FirefoxView implements WebPage {
  constructor(
    page: Page,
    description: string,
    private readonly popoverUrlPrefix: string,
    private readonly onPopover: (popover: Popover) => void,
  ) {
    super(page, description);
  }

  async dragSelect(text: string): Promise<string> {
    const path = await this.page.evaluate(dragPathTo, text);
    if (!path) throw new Error(`The ${this.description} has no text "${text}" to select.`);
    const { mouse } = this.page;
    await mouse.move(path.from.x, path.from.y);
    await mouse.down();
    await mouse.move(path.to.x, path.to.y, { steps: DRAG_STEPS });
    await mouse.up();
    return this.page.evaluate(selectedText);
  }

  async waitForPopover(): Promise<Popover> {
    const found = await waitUntil(() => this.findPopoverFrame(), {
      what: `an iframe at ${this.popoverUrlPrefix}… in the ${this.description}`,
    });
    const popover = new FirefoxPopover(this.page, `popover on the ${this.description}`, found.frame, found.src);
    this.onPopover(popover);
    return popover;
  }

  /**
   * Firefox's WebDriver BiDi does not report navigations inside extension frames, so puppeteer
   * lists the popover frame with its initial URL; ask each child frame where it really is. (This
   * also finds frames inside closed shadow roots, which a DOM query cannot reach.)
   */
  private async findPopoverFrame(): Promise<{ frame: Frame; src: string } | undefined> {
    for (const frame of this.page.frames()) {
      if (frame === this.page.mainFrame()) continue;
      const src = await frame.evaluate(() => location.href).catch(() => '');
      if (src.startsWith(this.popoverUrlPrefix)) return { frame, src };
    }
    return undefined;
  }
}
