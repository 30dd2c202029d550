// An ordinary web page in Chromium: selecting text with the mouse and finding the lead card.
import type { CDPSession } from 'playwright-core';
import { fakeSelectionGesture, pageExposure, postToFrames } from '../../shared/in-page.ts';
import { dragPathTo, dragSelectText, selectedText } from '../../shared/drag.ts';
import type { PageExposure, Popover, WebPage } from '../../shared/types.ts';
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

  private popoverFrame() {
    // page.frames() also sees frames inside closed shadow roots, where a DOM query cannot reach.
    return this.page.frames().find((candidate) => candidate.url().startsWith(this.popoverUrlPrefix));
  }

  async waitForPopover(): Promise<Popover> {
    const frame = await waitUntil(async () => {
      const found = this.popoverFrame();
      return found && (await (await found.frameElement()).isVisible()) ? found : undefined;
    }, { what: `a visible iframe at ${this.popoverUrlPrefix}… in the ${this.description}` });
    const popover = new ChromiumPopover(this.page, `popover on the ${this.description}`, frame);
    this.onPopover(popover);
    return popover;
  }

  async popoverVisible(): Promise<boolean> {
    const frame = this.popoverFrame();
    if (!frame) return false;
    return (await frame.frameElement()).isVisible();
  }

  async recordContentScriptMessages(): Promise<() => Promise<string[]>> {
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
    const evaluate = async (expression: string): Promise<unknown> => {
      const reply = (await cdp.send('Runtime.evaluate', { contextId: world.id, expression, returnByValue: true })) as {
        result: { value?: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (reply.exceptionDetails) {
        const { exception, text } = reply.exceptionDetails;
        throw new Error(`In the content script's world: ${exception?.description ?? text}`);
      }
      return reply.result.value;
    };
    await evaluate(CONTENT_SCRIPT_PROBE);
    return async () => (await evaluate('globalThis.__e2eReceived.slice()')) as string[];
  }
}
