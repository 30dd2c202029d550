// puppeteer-core's pages, frames and element handles (over WebDriver BiDi) as the page objects'
// driver (../pages/driver.ts).
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { ElementHandle, Frame, KeyInput, Page, Target } from 'puppeteer-core';
import {
  LibraryTab,
  viewportSize,
  type Box,
  type ElementDriver,
  type FrameDriver,
  type Query,
  type TabDriver,
} from '../pages/driver.ts';
import { STEP_TIMEOUT_MS } from '../shared/wait.ts';

/** A node as WebDriver BiDi serializes it. */
export interface RemoteNode {
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

/** A realm of a browsing context, puppeteer's own (its page's) or a sandbox beside it. */
interface BidiRealm {
  evaluate(expression: string, awaitPromise: boolean, options?: Record<string, unknown>): Promise<EvaluateResult>;
  callFunction(declaration: string, awaitPromise: boolean, options?: Record<string, unknown>): Promise<EvaluateResult>;
}

/** The parts of puppeteer's BiDi browsing context that are not public API. */
interface BidiContext {
  navigate(url: string, wait?: 'none' | 'interactive' | 'complete'): Promise<void>;
  defaultRealm: BidiRealm;
  createWindowRealm(sandbox: string): BidiRealm;
  locateNodes(locator: { type: 'css'; value: string }, startNodes: { sharedId: string }[]): Promise<RemoteNode[]>;
}

/**
 * puppeteer's BiDi frame and element handle beyond their public API: the frame's browsing context
 * (for BiDi's own commands) and realm (to make handles of the nodes they find), and the node a
 * handle stands for.
 */
interface FrameInternals {
  browsingContext?: BidiContext;
  mainRealm?(): { createHandle(node: RemoteNode): ElementHandle<Element> };
}
interface HandleInternals {
  remoteValue?(): RemoteNode;
}

function internals(frame: Frame): Required<FrameInternals> {
  const { browsingContext, mainRealm } = frame as unknown as FrameInternals;
  if (!browsingContext || !mainRealm)
    throw new Error('puppeteer-core no longer exposes the BiDi browsing context and realm of a frame.');
  return { browsingContext, mainRealm: mainRealm.bind(frame) };
}

/** The BiDi browsing context of a tab: for what puppeteer's public API does not offer (see its users). */
export function bidiContext(page: Page): BidiContext {
  return internals(page.mainFrame()).browsingContext;
}

/** A query by role and name, or by label, which roles-in-page.ts answers. */
export type AccessibleQuery = { role: string; name?: string } | { label: string };

/** The sandbox the finder runs in: it sees the page's document, and the page sees nothing of it. */
const SANDBOX = 'lead-lens-e2e-find';
let finder: string | undefined;
/** roles-in-page.ts and dom-accessibility-api as one script, bundled the first time it is needed. */
function finderSource(): string {
  finder ??= buildSync({
    entryPoints: [fileURLToPath(new URL('./roles-in-page.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0]!.text;
  return finder;
}

const sandboxes = new WeakMap<BidiContext, BidiRealm>();

/**
 * The elements a query finds, as BiDi nodes. A new document has a new sandbox, which gets the
 * finder the first time it is asked.
 */
export async function findNodes(context: BidiContext, query: AccessibleQuery, within?: string): Promise<RemoteNode[]> {
  let sandbox = sandboxes.get(context);
  if (!sandbox) {
    sandbox = context.createWindowRealm(SANDBOX);
    sandboxes.set(context, sandbox);
  }
  const call = () =>
    sandbox.callFunction(
      `(query, within) => typeof leadLensFind === 'function' ? leadLensFind(JSON.parse(query), within) : 'no finder'`,
      false,
      {
        arguments: [{ type: 'string', value: JSON.stringify(query) }, within ? { sharedId: within } : { type: 'null' }],
      },
    );
  let answer = await call();
  if (answer.type === 'success' && answer.result.type === 'string') {
    await sandbox.evaluate(finderSource(), false);
    answer = await call();
  }
  if (answer.type !== 'success' || answer.result.type !== 'array') {
    const { exceptionDetails } = answer as { exceptionDetails?: { text?: string } };
    throw new Error(`Finding ${JSON.stringify(query)} failed: ${exceptionDetails?.text ?? answer.result.type}.`);
  }
  return answer.result.value as RemoteNode[];
}

/**
 * Every element `query` matches, under `within` or in the whole frame. By role, name and label, the
 * finder in a sandbox (roles-in-page.ts), not BiDi's accessibility locator: that makes Firefox keep
 * an accessibility tree for every page from then on, which cost its parent process half as much
 * CPU again on every navigation and change. By CSS, BiDi's own locateNodes.
 */
async function locate(
  frame: Frame,
  query: AccessibleQuery | { css: string },
  within?: ElementHandle<Element>,
): Promise<ElementDriver[]> {
  const { browsingContext, mainRealm } = internals(frame);
  const start = within && (within as unknown as HandleInternals).remoteValue?.().sharedId;
  if (within && !start) throw new Error('puppeteer-core no longer exposes the BiDi node of an element handle.');
  const nodes =
    'css' in query
      ? await browsingContext.locateNodes({ type: 'css', value: query.css }, start ? [{ sharedId: start }] : [])
      : await findNodes(browsingContext, query, start);
  const realm = mainRealm();
  return nodes.map((node) => new PuppeteerElement(realm.createHandle(node), frame));
}

class PuppeteerElement implements ElementDriver {
  constructor(
    private readonly handle: ElementHandle<Element>,
    private readonly frame: Frame,
  ) {}

  async click(count = 1): Promise<void> {
    await this.handle.click({ count });
  }

  async focus(): Promise<void> {
    await this.handle.focus();
  }

  isVisible(): Promise<boolean> {
    return this.handle.isVisible();
  }

  evaluate<A, R>(fn: (node: Element, arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // The page objects pass plain JSON values, which puppeteer's types cannot follow through.
    return this.handle.evaluate(fn as (node: Element, arg: unknown) => R, arg) as Promise<R>;
  }

  box(): Promise<Box | null> {
    return this.handle.boundingBox();
  }

  findByRole(role: string): Promise<ElementDriver[]> {
    return locate(this.frame, { role }, this.handle);
  }
}

class PuppeteerFrame implements FrameDriver {
  constructor(private readonly frame: Frame) {}

  url(): Promise<string> {
    // Firefox's BiDi reports no navigation inside an extension frame, so puppeteer keeps such a
    // frame's first address; the document knows where it is.
    return this.frame.evaluate(() => location.href);
  }

  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // The page objects pass plain JSON values, which puppeteer's types cannot follow through.
    return this.frame.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>;
  }

  async evaluateSource(source: string): Promise<void> {
    await this.frame.evaluate(source);
  }

  findAll(query: Query): Promise<ElementDriver[]> {
    return locate(this.frame, query);
  }

  async frameElement(): Promise<ElementDriver | null> {
    const parent = this.frame.parentFrame();
    const element = parent && (await this.frame.frameElement());
    return element ? new PuppeteerElement(element, parent) : null;
  }
}

export class PuppeteerTab extends LibraryTab<Frame, Page> implements TabDriver {
  constructor(page: Page) {
    super(page, (frame) => new PuppeteerFrame(frame));
  }

  readonly mouse = {
    move: (x: number, y: number, steps?: number) => this.page.mouse.move(x, y, steps === undefined ? {} : { steps }),
    down: () => this.page.mouse.down(),
    up: () => this.page.mouse.up(),
    click: (x: number, y: number, count = 1) => this.page.mouse.click(x, y, { count }),
  };

  // Puppeteer types key names as KeyInput; the page objects name keys as both drivers do ("Escape", "a").
  readonly keyboard = {
    press: (key: string) => this.page.keyboard.press(key as KeyInput),
    down: (key: string) => this.page.keyboard.down(key as KeyInput),
    up: (key: string) => this.page.keyboard.up(key as KeyInput),
    type: (text: string) => this.page.keyboard.type(text),
  };

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }

  async zoom(factor: number): Promise<void> {
    const { width, height } = await this.page.evaluate(viewportSize);
    // BiDi's browsingContext.setViewport: fewer CSS pixels, each bigger, as Firefox's zoom lays out.
    await this.page.setViewport({
      width: Math.round(width / factor),
      height: Math.round(height / factor),
      deviceScaleFactor: factor,
    });
  }

  async tabOpenedBy(action: () => Promise<void>): Promise<TabDriver> {
    const browser = this.page.browser();
    const before = new Set<Target>(browser.targets());
    await action();
    // The new tab starts at about:blank and then navigates to the link's address; a window the
    // extension opens stays at about:blank as puppeteer reports it, so the page itself is asked.
    const target = await browser.waitForTarget((candidate) => !before.has(candidate) && candidate.type() === 'page', {
      timeout: STEP_TIMEOUT_MS,
    });
    const page = await target.page();
    if (!page) throw new Error(`The click opened a ${target.type()}, not a tab.`);
    await page.waitForFunction(() => location.href !== 'about:blank' && document.readyState === 'complete', {
      timeout: STEP_TIMEOUT_MS,
    });
    return new PuppeteerTab(page);
  }
}
