// An ordinary web page in Firefox: selecting text with the mouse and finding the lead card.
import type { Frame, Page } from 'puppeteer-core';
import { fakeSelectionGesture, pageExposure, postToFrames } from '../../shared/in-page.ts';
import { dragPathTo, dragSelectText, selectedText } from '../../shared/drag.ts';
import type { PageExposure, Popover, WebPage } from '../../shared/types.ts';
import { waitUntil } from '../../shared/wait.ts';
import { FirefoxPopover } from './popover.ts';
import { FirefoxView } from './view.ts';

export class FirefoxWebPage extends FirefoxView implements WebPage {
  constructor(
    page: Page,
    description: string,
    private readonly popoverUrlPrefix: string,
    private readonly onPopover: (popover: Popover) => void,
    /** The browser's recorder: Firefox reaches content scripts' messages only from the background. */
    private readonly recordMessagesToContentScripts: () => Promise<() => Promise<string[]>>,
  ) {
    super(page, description);
  }

  recordContentScriptMessages(): Promise<() => Promise<string[]>> {
    return this.recordMessagesToContentScripts();
  }

  dragSelect(text: string): Promise<string> {
    const { page } = this;
    return dragSelectText(
      {
        bringToFront: () => page.bringToFront(),
        mouse: page.mouse,
        pathTo: (needle) => page.evaluate(dragPathTo, needle),
        selection: () => page.evaluate(selectedText),
      },
      text,
      this.description,
    );
  }

  fakeSelectionFromPageScript(text: string): Promise<string> {
    return this.page.evaluate(fakeSelectionGesture, text);
  }

  async postMessageFromPageScript(messages: readonly unknown[]): Promise<void> {
    await this.page.evaluate(postToFrames, messages);
  }

  exposure(needles: readonly string[]): Promise<PageExposure> {
    return this.page.evaluate(pageExposure, needles);
  }

  async press(key: string): Promise<void> {
    await this.page.bringToFront();
    await this.page.keyboard.press(key as Parameters<typeof this.page.keyboard.press>[0]);
  }

  async waitForPopover(): Promise<Popover> {
    const found = await waitUntil(async () => {
      const frame = await this.findPopoverFrame();
      return frame && (await this.isShown(frame)) ? frame : undefined;
    }, { what: `a visible iframe at ${this.popoverUrlPrefix}… in the ${this.description}` });
    const popover = new FirefoxPopover(this.page, `popover on the ${this.description}`, found);
    this.onPopover(popover);
    return popover;
  }

  async popoverVisible(): Promise<boolean> {
    const frame = await this.findPopoverFrame();
    return frame ? this.isShown(frame) : false;
  }

  private async isShown(frame: Frame): Promise<boolean> {
    const element = await frame.frameElement();
    return element ? element.isVisible() : false;
  }

  /**
   * Firefox's WebDriver BiDi does not report navigations inside extension frames, so puppeteer
   * lists the popover frame with its initial URL; ask each child frame where it really is. (This
   * also finds frames inside closed shadow roots, which a DOM query cannot reach.)
   */
  private async findPopoverFrame(): Promise<Frame | undefined> {
    for (const frame of this.page.frames()) {
      if (frame === this.page.mainFrame()) continue;
      const src = await frame.evaluate(() => location.href).catch(() => '');
      if (src.startsWith(this.popoverUrlPrefix)) return frame;
    }
    return undefined;
  }
}
