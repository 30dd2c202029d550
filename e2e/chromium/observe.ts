// What Chromium shows a case over CDP that no page's DOM can: the content script's own world
// (its storage and the messages it receives) and the buttons it draws inside closed shadow roots,
// found through the accessibility tree.
import type { CDPSession, Page } from 'playwright-core';
import type { WebPageObservations } from '../pages/driver.ts';
import type { ContentScriptStorage, ShownButton } from '../shared/types.ts';
import { STEP_TIMEOUT_MS, waitUntil } from '../shared/wait.ts';

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

export class ChromiumWebPageObservations implements WebPageObservations {
  constructor(
    private readonly page: Page,
    private readonly extensionOrigin: string,
  ) {}

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
    const { extensionOrigin } = this;
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
      { what: `the extension's content script world in the tab at ${this.page.url()}`, timeout: STEP_TIMEOUT_MS },
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
  async extensionButtons(name?: string): Promise<ShownButton[]> {
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
}
