// An ordinary web page in Firefox: selecting text with the mouse and finding the lead card.
import type { Frame, Page } from 'puppeteer-core';
import { fakeSelectionGesture, pageExposure, postToFrames, textBoxesIn } from '../../shared/in-page.ts';
import { dragPathTo, dragSelectText, selectedText } from '../../shared/drag.ts';
import {
  clickOn,
  keyboardSelectInField,
  selectAllInField,
  tripleClick,
  type GestureDriver,
} from '../../shared/gestures.ts';
import { addedToPage, callPageFunction, pageValue } from '../../shared/in-page-reach.ts';
import type {
  AddedElement,
  ContentScriptStorage,
  PageExposure,
  Popover,
  ShownButton,
  View,
  WebPage,
} from '../../shared/types.ts';
import { waitUntil } from '../../shared/wait.ts';
import { FirefoxPopover } from './popover.ts';
import { FirefoxView } from './view.ts';

/** A node as WebDriver BiDi serializes it. */
interface RemoteNode {
  type: string;
  sharedId?: string;
  value?: { shadowRoot?: RemoteNode | null };
}

interface RemoteValue {
  type: string;
  value?: unknown;
}

/** script.evaluate's answer; an exception has no `result`, which then reads as nothing found. */
interface EvaluateResult {
  type: 'success' | 'exception';
  result: RemoteValue;
}

/** The parts of puppeteer's BiDi frame that are not public API (see launch.ts's openTab). */
interface BidiFrameInternals {
  browsingContext?: {
    defaultRealm: {
      evaluate(expression: string, awaitPromise: boolean, options: Record<string, unknown>): Promise<EvaluateResult>;
      callFunction(
        declaration: string,
        awaitPromise: boolean,
        options: Record<string, unknown>,
      ): Promise<EvaluateResult>;
    };
    locateNodes(locator: Record<string, unknown>, startNodes: { sharedId: string }[]): Promise<RemoteNode[]>;
  };
}

export class FirefoxWebPage extends FirefoxView implements WebPage {
  constructor(
    page: Page,
    description: string,
    private readonly popoverUrlPrefix: string,
    private readonly onPopover: (popover: Popover) => void,
    /** The browser's recorder: Firefox reaches content scripts' messages only from the background. */
    private readonly recordMessagesToContentScripts: () => Promise<() => Promise<string[]>>,
    /** The browser's reading of what a content script can read (see FirefoxExtensionBrowser). */
    private readonly readContentScriptStorage: () => Promise<ContentScriptStorage>,
  ) {
    super(page, description);
  }

  recordContentScriptMessages(): Promise<() => Promise<string[]>> {
    return this.recordMessagesToContentScripts();
  }

  storageSeenByContentScript(): Promise<ContentScriptStorage> {
    return this.readContentScriptStorage();
  }

  /** Buttons inside the page's shadow roots, closed ones included, with their names and centres. */
  private async shadowButtons(name?: string): Promise<ShownButton[]> {
    const context = (this.page.mainFrame() as unknown as BidiFrameInternals).browsingContext;
    if (!context) throw new Error('puppeteer-core no longer exposes the BiDi browsing context of a frame.');
    // WebDriver BiDi hands out closed shadow roots when asked (includeShadowTree: "all"); its
    // accessibility locator then finds buttons by role (and name) inside them.
    const { result: hosts } = await context.defaultRealm.evaluate("[...document.querySelectorAll('*')]", false, {
      serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
      resultOwnership: 'none',
    });
    const roots = (hosts.type === 'array' ? (hosts.value as RemoteNode[]) : [])
      .map((node) => node.value?.shadowRoot?.sharedId)
      .filter((sharedId): sharedId is string => !!sharedId)
      .map((sharedId) => ({ sharedId }));
    if (roots.length === 0) return [];
    const buttons = await context.locateNodes(
      { type: 'accessibility', value: name === undefined ? { role: 'button' } : { role: 'button', name } },
      roots,
    );
    const shown: ShownButton[] = [];
    for (const button of buttons) {
      if (!button.sharedId) continue;
      const { result } = await context.defaultRealm.callFunction(
        "(node) => { const r = node.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? [node.getAttribute('aria-label') || node.textContent || '', r.left + r.width / 2, r.top + r.height / 2] : null; }",
        false,
        { arguments: [{ sharedId: button.sharedId }] },
      );
      const parts =
        result?.type === 'array' ? (result.value as { value: string | number }[]).map((item) => item.value) : [];
      if (parts.length === 3) shown.push({ name: String(parts[0]).trim(), x: Number(parts[1]), y: Number(parts[2]) });
    }
    return shown;
  }

  async clickExtensionButton(name: string): Promise<void> {
    const [center] = await waitUntil(
      async () => {
        const found = await this.shadowButtons(name);
        return found.length > 0 ? found : undefined;
      },
      { what: `a button "${name}" from the extension in the ${this.description}` },
    );
    await this.page.bringToFront();
    await this.page.mouse.click(center!.x, center!.y);
  }

  extensionButtons(): Promise<ShownButton[]> {
    return this.shadowButtons();
  }

  textBoxes(text: string): Promise<Array<{ left: number; top: number; right: number; bottom: number }>> {
    return this.page.evaluate(textBoxesIn, text);
  }

  async clickAt(point: { x: number; y: number }): Promise<void> {
    await this.page.bringToFront();
    await this.page.mouse.click(point.x, point.y);
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

  private gestures(): GestureDriver {
    const { page } = this;
    type Key = Parameters<typeof page.keyboard.press>[0];
    return {
      bringToFront: () => page.bringToFront(),
      click: (x, y, count = 1) => page.mouse.click(x, y, { count }),
      press: (key) => page.keyboard.press(key as Key),
      down: (key) => page.keyboard.down(key as Key),
      up: (key) => page.keyboard.up(key as Key),
      // The in-page functions take plain JSON values.
      run: <A, R>(fn: (arg: A) => R, arg: A) => page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>,
      commandKey: process.platform === 'darwin' ? 'Meta' : 'Control',
    };
  }

  keyboardSelectInField(selector: string, text: string): Promise<string> {
    return keyboardSelectInField(this.gestures(), selector, text, this.description);
  }

  selectAllInField(selector: string): Promise<string> {
    return selectAllInField(this.gestures(), selector, this.description);
  }

  tripleClick(text: string): Promise<string> {
    return tripleClick(this.gestures(), text, this.description);
  }

  clickOn(text: string): Promise<void> {
    return clickOn(this.gestures(), text, this.description);
  }

  addedToPage(): Promise<AddedElement[]> {
    return this.page.evaluate(addedToPage);
  }

  async callPageFunction(name: string, ...args: string[]): Promise<void> {
    await this.page.evaluate(callPageFunction, [name, args] as [string, string[]]);
  }

  pageValue(name: string): Promise<unknown> {
    return this.page.evaluate(pageValue, name);
  }

  async pageFrame(id: string): Promise<View> {
    const frame = await waitUntil(async () => (await this.page.$(`iframe#${id}`))?.contentFrame(), {
      what: `the page's own iframe #${id} in the ${this.description}`,
    });
    return new FirefoxView(this.page, `the page's own frame #${id} on the ${this.description}`, frame);
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
    const found = await waitUntil(
      async () => {
        const frame = await this.findPopoverFrame();
        return frame && (await this.isShown(frame)) ? frame : undefined;
      },
      { what: `a visible iframe at ${this.popoverUrlPrefix}… in the ${this.description}` },
    );
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
      if (!src.startsWith(this.popoverUrlPrefix)) continue;
      // A copy of the card that the page framed itself is in the page's own DOM; the
      // extension's frame is inside a closed shadow root.
      const element = await frame.frameElement().catch(() => null);
      if (element && (await element.evaluate((node) => node.getRootNode() !== document))) return frame;
    }
    return undefined;
  }
}
