// An ordinary web page in Chromium: selecting text with the mouse and finding the lead card.
import type { CDPSession } from 'playwright-core';
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
import { STEP_TIMEOUT_MS, waitUntil } from '../../shared/wait.ts';
import { ChromiumPopover } from './popover.ts';
import { ChromiumView } from './view.ts';

/**
 * Runs in the content script's own world: keeps, as JSON, every message the content script
 * receives, both messages sent to it and the answers to the messages it sends.
 */
const CONTENT_SCRIPT_PROBE = `(() => {
  if (globalThis.__e2eReceived) return true;
  const log = (globalThis.__e2eReceived = []);
  const text = (value) => { try { return JSON.stringify(value); } catch { return String(value); } };
  chrome.runtime.onMessage.addListener((message) => { log.push('sent to it: ' + text(message)); });
  const send = chrome.runtime.sendMessage;
  chrome.runtime.sendMessage = function (...args) {
    const at = args.findIndex((arg) => typeof arg === 'function');
    if (at >= 0) {
      const callback = args[at];
      args[at] = (reply) => { log.push('answer: ' + text(reply)); return callback(reply); };
      return send.apply(this, args);
    }
    const result = send.apply(this, args);
    if (result && typeof result.then === 'function') {
      result.then((reply) => log.push('answer: ' + text(reply)), () => {});
    }
    return result;
  };
  return true;
})()`;

/** Runs in the content script's world: reads every storage area it has, as a content script. */
const READ_STORAGE = `(async () => {
  const out = {};
  for (const area of ['local', 'sync', 'session', 'managed']) {
    try {
      if (!chrome.storage[area]) throw new Error('no chrome.storage.' + area + ' here');
      out[area] = { read: 'items', items: await chrome.storage[area].get(null) };
    } catch (error) {
      out[area] = { read: 'refused', reason: String(error && error.message || error) };
    }
  }
  return out;
})()`;

interface ExecutionContextCreated {
  context: { id: number; origin: string; auxData?: { frameId?: string; type?: string } };
}

export class ChromiumWebPage extends ChromiumView implements WebPage {
  constructor(
    page: ChromiumView['page'],
    description: string,
    private readonly popoverUrlPrefix: string,
    private readonly onPopover: (popover: Popover) => void,
  ) {
    super(page, description);
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
    return {
      bringToFront: () => page.bringToFront(),
      click: (x, y, count = 1) => page.mouse.click(x, y, { clickCount: count }),
      press: (key) => page.keyboard.press(key),
      down: (key) => page.keyboard.down(key),
      up: (key) => page.keyboard.up(key),
      // The in-page functions take plain JSON values, which is what the driver's typing unboxes to.
      run: <A, R>(fn: (arg: A) => R, arg: A) => page.evaluate(fn as (arg: unknown) => R, arg),
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
    return new ChromiumView(this.page, `the page's own frame #${id} on the ${this.description}`, frame);
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
    await this.page.keyboard.press(key);
  }

  /**
   * The extension's own card frame. page.frames() also sees frames inside closed shadow roots,
   * where a DOM query cannot reach; a copy of the card that the page framed itself is in the
   * page's own DOM, and is not it.
   */
  private async popoverFrame() {
    for (const candidate of this.page.frames()) {
      if (!candidate.url().startsWith(this.popoverUrlPrefix)) continue;
      const element = await candidate.frameElement().catch(() => null);
      if (element && (await element.evaluate((node) => node.getRootNode() !== document)))
        return { frame: candidate, element };
    }
    return undefined;
  }

  async waitForPopover(): Promise<Popover> {
    const { frame } = await waitUntil(
      async () => {
        const found = await this.popoverFrame();
        return found && (await found.element.isVisible()) ? found : undefined;
      },
      { what: `a visible iframe at ${this.popoverUrlPrefix}… in the ${this.description}` },
    );
    const popover = new ChromiumPopover(this.page, `popover on the ${this.description}`, frame);
    this.onPopover(popover);
    return popover;
  }

  async popoverVisible(): Promise<boolean> {
    const found = await this.popoverFrame();
    return found ? found.element.isVisible() : false;
  }

  private contentScriptWorld: Promise<(expression: string) => Promise<unknown>> | undefined;

  /** Evaluates in the content script's world, reached over CDP (one session, kept). */
  private evaluateInContentScript(expression: string): Promise<unknown> {
    this.contentScriptWorld ??= this.findContentScriptWorld().catch((error: unknown) => {
      this.contentScriptWorld = undefined;
      throw error;
    });
    return this.contentScriptWorld.then((evaluate) => evaluate(expression));
  }

  private async findContentScriptWorld(): Promise<(expression: string) => Promise<unknown>> {
    // "chrome-extension://<id>" (Node's URL gives the origin "null" for this scheme).
    const extensionOrigin = this.popoverUrlPrefix.split('/').slice(0, 3).join('/');
    const cdp: CDPSession = await this.page.context().newCDPSession(this.page);
    const contexts: ExecutionContextCreated['context'][] = [];
    cdp.on('Runtime.executionContextCreated', (event: ExecutionContextCreated) => contexts.push(event.context));
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    await cdp.send('Runtime.enable');
    // The content script's world in the top frame: an isolated world with the extension's origin.
    const world = await waitUntil(
      () =>
        contexts.find(
          (context) =>
            context.origin === extensionOrigin &&
            context.auxData?.type === 'isolated' &&
            context.auxData.frameId === frameTree.frame.id,
        ),
      { what: `the extension's content script world in the ${this.description}`, timeout: STEP_TIMEOUT_MS },
    );
    return async (expression: string): Promise<unknown> => {
      const reply = (await cdp.send('Runtime.evaluate', {
        contextId: world.id,
        expression,
        returnByValue: true,
        awaitPromise: true,
      })) as {
        result: { value?: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (reply.exceptionDetails) {
        const { exception, text } = reply.exceptionDetails;
        throw new Error(`In the content script's world: ${exception?.description ?? text}`);
      }
      return reply.result.value;
    };
  }

  async recordContentScriptMessages(): Promise<() => Promise<string[]>> {
    await this.evaluateInContentScript(CONTENT_SCRIPT_PROBE);
    return async () => (await this.evaluateInContentScript('globalThis.__e2eReceived.slice()')) as string[];
  }

  async storageSeenByContentScript(): Promise<ContentScriptStorage> {
    return (await this.evaluateInContentScript(READ_STORAGE)) as ContentScriptStorage;
  }

  /** Buttons in the page as the accessibility tree has them (Playwright's locators do not enter closed shadow roots). */
  private async axButtons(name?: string): Promise<ShownButton[]> {
    const cdp: CDPSession = await this.page.context().newCDPSession(this.page);
    try {
      const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { backendNodeId: number } };
      const { nodes } = (await cdp.send('Accessibility.queryAXTree', {
        backendNodeId: root.backendNodeId,
        ...(name === undefined ? {} : { accessibleName: name }),
        role: 'button',
      })) as { nodes: { backendDOMNodeId?: number; ignored?: boolean; name?: { value?: string } }[] };
      const shown: ShownButton[] = [];
      for (const node of nodes) {
        if (node.ignored || node.backendDOMNodeId === undefined) continue;
        const quads = await cdp.send('DOM.getContentQuads', { backendNodeId: node.backendDOMNodeId }).then(
          (answer) => (answer as { quads: number[][] }).quads,
          () => [],
        );
        const quad = quads[0];
        if (!quad) continue;
        const xs = [quad[0]!, quad[2]!, quad[4]!, quad[6]!];
        const ys = [quad[1]!, quad[3]!, quad[5]!, quad[7]!];
        shown.push({
          name: String(node.name?.value ?? ''),
          x: (Math.min(...xs) + Math.max(...xs)) / 2,
          y: (Math.min(...ys) + Math.max(...ys)) / 2,
        });
      }
      return shown;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  async clickExtensionButton(name: string): Promise<void> {
    const [box] = await waitUntil(
      async () => {
        const found = await this.axButtons(name);
        return found.length > 0 ? found : undefined;
      },
      { what: `a button "${name}" from the extension in the ${this.description}` },
    );
    await this.page.bringToFront();
    await this.page.mouse.click(box!.x, box!.y);
  }

  extensionButtons(): Promise<ShownButton[]> {
    return this.axButtons();
  }

  textBoxes(text: string): Promise<Array<{ left: number; top: number; right: number; bottom: number }>> {
    return this.page.evaluate(textBoxesIn, text);
  }

  async clickAt(point: { x: number; y: number }): Promise<void> {
    await this.page.bringToFront();
    await this.page.mouse.click(point.x, point.y);
  }
}
