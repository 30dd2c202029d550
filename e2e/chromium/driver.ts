// playwright-core's pages, frames and element handles as the page objects' driver (../pages/driver.ts).
import type { ElementHandle, Frame, Locator, Page } from 'playwright-core';
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

class PlaywrightElement implements ElementDriver {
  constructor(private readonly handle: ElementHandle) {}

  async click(count = 1): Promise<void> {
    await this.handle.click({ clickCount: count, timeout: STEP_TIMEOUT_MS });
  }

  async focus(): Promise<void> {
    await this.handle.focus();
  }

  isVisible(): Promise<boolean> {
    return this.handle.isVisible();
  }

  evaluate<A, R>(fn: (node: Element, arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // The driver's types unwrap handles in the argument; the page objects pass plain JSON values.
    return this.handle.evaluate(fn as (node: Node, arg: unknown) => R | Promise<R>, arg) as Promise<R>;
  }

  box(): Promise<Box | null> {
    return this.handle.boundingBox();
  }

  async findByRole(role: string): Promise<ElementDriver[]> {
    return (await this.handle.$$(`role=${role}`)).map((handle) => new PlaywrightElement(handle));
  }
}

const elements = async (locator: Locator): Promise<ElementDriver[]> =>
  (await locator.elementHandles()).map((handle) => new PlaywrightElement(handle));

class PlaywrightFrame implements FrameDriver {
  constructor(private readonly frame: Frame) {}

  async url(): Promise<string> {
    return this.frame.url();
  }

  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // The driver's types unwrap handles in the argument; the page objects pass plain JSON values.
    return this.frame.evaluate(fn as (arg: unknown) => R | Promise<R>, arg) as Promise<R>;
  }

  async evaluateSource(source: string): Promise<void> {
    await this.frame.evaluate(source);
  }

  findAll(query: Query): Promise<ElementDriver[]> {
    if ('role' in query) {
      const role = query.role as Parameters<Frame['getByRole']>[0];
      return elements(this.frame.getByRole(role, query.name === undefined ? {} : { name: query.name, exact: true }));
    }
    if ('label' in query) return elements(this.frame.getByLabel(query.label, { exact: true }));
    return elements(this.frame.locator(query.css));
  }

  async frameElement(): Promise<ElementDriver | null> {
    if (!this.frame.parentFrame()) return null;
    return new PlaywrightElement(await this.frame.frameElement());
  }
}

export class PlaywrightTab extends LibraryTab<Frame, Page> implements TabDriver {
  constructor(page: Page) {
    super(page, (frame) => new PlaywrightFrame(frame));
  }

  readonly mouse = {
    move: (x: number, y: number, steps?: number) => this.page.mouse.move(x, y, steps === undefined ? {} : { steps }),
    down: () => this.page.mouse.down(),
    up: () => this.page.mouse.up(),
    click: (x: number, y: number, count = 1) => this.page.mouse.click(x, y, { clickCount: count }),
  };

  readonly keyboard = {
    press: (key: string) => this.page.keyboard.press(key),
    down: (key: string) => this.page.keyboard.down(key),
    up: (key: string) => this.page.keyboard.up(key),
    type: (text: string) => this.page.keyboard.type(text),
  };

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, timeout: STEP_TIMEOUT_MS });
  }

  async zoom(factor: number): Promise<void> {
    const { width, height } = await this.page.evaluate(viewportSize);
    // Kept attached while the tab lives: an override ends with the session that set it.
    const cdp = await this.page.context().newCDPSession(this.page);
    // What Chromium's own zoom does to the page's layout: fewer CSS pixels, each bigger.
    await cdp.send('Emulation.setDeviceMetricsOverride', {
      width: Math.round(width / factor),
      height: Math.round(height / factor),
      deviceScaleFactor: factor,
      mobile: false,
    });
  }

  async tabOpenedBy(action: () => Promise<void>): Promise<TabDriver> {
    const opened = this.page.context().waitForEvent('page', { timeout: STEP_TIMEOUT_MS });
    opened.catch(() => undefined); // awaited below, unless the action itself fails
    await action();
    const tab = await opened;
    await tab.waitForLoadState('load');
    return new PlaywrightTab(tab);
  }
}
