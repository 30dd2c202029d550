// puppeteer-core's pages, frames and element handles (over WebDriver BiDi) as the page objects'
// driver (../pages/driver.ts).
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

/** The parts of puppeteer's BiDi browsing context that are not public API. */
interface BidiContext {
  navigate(url: string, wait?: 'none' | 'interactive' | 'complete'): Promise<void>;
  defaultRealm: {
    evaluate(expression: string, awaitPromise: boolean, options: Record<string, unknown>): Promise<EvaluateResult>;
    callFunction(declaration: string, awaitPromise: boolean, options: Record<string, unknown>): Promise<EvaluateResult>;
  };
  locateNodes(locator: Locator, startNodes: { sharedId: string }[]): Promise<RemoteNode[]>;
}

/** A WebDriver BiDi locator: by CSS, or by role and accessible name in the browser's accessibility tree. */
type Locator = { type: 'css'; value: string } | { type: 'accessibility'; value: { role?: string; name?: string } };

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

/**
 * Every element `locator` matches, under `within` or in the whole frame. BiDi's own locateNodes, not
 * puppeteer's $$ with its ARIA selector: that finds the same nodes, but took 250-600 ms a query
 * here against 40-150 ms, and the page objects query often.
 */
async function locate(frame: Frame, locator: Locator, within?: ElementHandle<Element>): Promise<ElementDriver[]> {
  const { browsingContext, mainRealm } = internals(frame);
  const start = within && (within as unknown as HandleInternals).remoteValue?.().sharedId;
  if (within && !start) throw new Error('puppeteer-core no longer exposes the BiDi node of an element handle.');
  const nodes = await browsingContext.locateNodes(locator, start ? [{ sharedId: start }] : []);
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
    return locate(this.frame, { type: 'accessibility', value: { role } }, this.handle);
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
    if ('css' in query) return locate(this.frame, { type: 'css', value: query.css });
    // A field's label is its accessible name; Firefox gives a password field no textbox role.
    const value =
      'label' in query
        ? { name: query.label }
        : { role: query.role, ...(query.name === undefined ? {} : { name: query.name }) };
    return locate(this.frame, { type: 'accessibility', value });
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
