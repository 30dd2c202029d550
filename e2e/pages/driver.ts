// What the page objects need of a browser, small enough that playwright-core (Chromium) and
// puppeteer-core (Firefox) each meet it with a thin adapter (e2e/<browser>/driver.ts): tabs, their
// frames and elements, the mouse and the keyboard. The page objects in this folder are written
// once over it; what one browser can only observe its own way is in BrowserDriver and
// WebPageObservations, implemented in e2e/<browser>/ (the table in e2e/README.md).
import type { ExtensionState } from '../shared/fresh-extension.ts';
import type { BrowserName, ContentScriptStorage, ExtensionStorage, ShownButton } from '../shared/types.ts';

/** "Meta" on macOS, "Control" elsewhere: the key for select-all. */
export const COMMAND_KEY = process.platform === 'darwin' ? 'Meta' : 'Control';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Finds elements by role and accessible name, by the label of a form field, or by CSS. */
export type Query = { role: string; name?: string } | { label: string } | { css: string };

export interface ElementDriver {
  /** Clicks its centre (`count` quick clicks make a double or triple click). */
  click(count?: number): Promise<void>;
  focus(): Promise<void>;
  isVisible(): Promise<boolean>;
  /** Runs `fn` in the page with this element (self-contained: it is sent as source). */
  evaluate<A, R>(fn: (node: Element, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Its box on screen in CSS pixels; null when it is not rendered. */
  box(): Promise<Box | null>;
  /** The elements inside it with this role (no name: rows of a list, options of a listbox). */
  findByRole(role: string): Promise<ElementDriver[]>;
}

export interface FrameDriver {
  /** The address of the document the frame shows now. */
  url(): Promise<string>;
  /** Runs `fn` in the frame (self-contained: it is sent as source, with a JSON argument). */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Runs a script given as source (axe-core's), as the page's own code would. */
  evaluateSource(source: string): Promise<void>;
  /** Every element that matches now, in document order; none is waited for. */
  findAll(query: Query): Promise<ElementDriver[]>;
  /** The iframe element that holds this frame; null for a tab's main frame or a detached one. */
  frameElement(): Promise<ElementDriver | null>;
}

export interface TabDriver {
  readonly mainFrame: FrameDriver;
  readonly mouse: {
    move(x: number, y: number, steps?: number): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
    click(x: number, y: number, count?: number): Promise<void>;
  };
  readonly keyboard: {
    /** A key by its name ("Escape", "Tab", "a"), pressed and released. */
    press(key: string): Promise<void>;
    down(key: string): Promise<void>;
    up(key: string): Promise<void>;
    /** One key press per character. */
    type(text: string): Promise<void>;
  };
  /** "Meta" on macOS, "Control" elsewhere: the key for select-all. */
  readonly commandKey: string;
  /** Every frame in the tab, also those inside closed shadow roots, where no DOM query reaches. */
  frames(): FrameDriver[];
  /** The address the tab loaded. */
  url(): string;
  bringToFront(): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Runs `action` (a click on a link) and resolves with the tab it opened, once loaded. */
  tabOpenedBy(action: () => Promise<void>): Promise<TabDriver>;
  /**
   * Lays the tab out as the browser's zoom does at `factor` (2: 200%): the viewport this many
   * times fewer CSS pixels wide and high, each that many device pixels.
   */
  zoom(factor: number): Promise<void>;
  close(): Promise<void>;
}

/** Runs in a tab's page: its viewport in CSS pixels. */
export function viewportSize(): { width: number; height: number } {
  return { width: window.innerWidth, height: window.innerHeight };
}

/** What a web page's tab shows of the extension only to each browser's own means. */
export interface WebPageObservations {
  /** The buttons the content scripts drew in the page, inside closed shadow roots. */
  extensionButtons(name?: string): Promise<ShownButton[]>;
  /** Starts recording what the content script receives; the function returned reads it. */
  recordContentScriptMessages(): Promise<() => Promise<string[]>>;
  /** Every storage area as the content script can read it. */
  storageSeenByContentScript(): Promise<ContentScriptStorage>;
}

/** One browser with the built extension, as each browser's launch.ts starts it. */
export interface BrowserDriver {
  readonly name: BrowserName;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  /** Opens a new tab at `url`; resolves once it has loaded. */
  openTab(url: string): Promise<TabDriver>;
  /** The observations for a web page in this tab (the tab must be one this driver opened). */
  webPageObservations(tab: TabDriver): WebPageObservations;
  /** Console output and uncaught errors of every context since launch or `startOver`. */
  consoleMessages(): readonly string[];
  extensionStorage(): Promise<ExtensionStorage>;
  stopBackground(): Promise<void>;
  allowSiteAccess(origins: readonly string[]): Promise<void>;
  /** An optional API permission (e.g. `clipboardRead`) given, so the extension's request for it is granted at once. */
  allowPermission(permission: string): Promise<void>;
  /** What the extension holds now; marks its background (see e2e/shared/fresh-extension.ts). */
  extensionState(): Promise<ExtensionState>;
  /**
   * Closes every tab, uninstalls the extension (which drops its storage, databases, granted
   * permissions and background) and installs the same build again; the console starts anew.
   */
  startOver(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs `script` (self-contained: it is sent as source) in an extension page opened for the
 * purpose, closed again after; returns what it returns. An extension page has the extension's
 * own rights (its storage, its background).
 */
export async function runInExtensionPage<Arg, Result>(
  driver: BrowserDriver,
  script: (arg: Arg) => Promise<Result>,
  arg: Arg,
): Promise<Result> {
  const tab = await driver.openTab(`${driver.extensionOrigin}/options.html`);
  try {
    return await tab.mainFrame.evaluate(script, arg);
  } finally {
    await tab.close();
  }
}

/** What playwright-core's and puppeteer-core's pages have alike, which a tab driver passes on as it is. */
interface LibraryPage<Frame> {
  mainFrame(): Frame;
  frames(): Frame[];
  url(): string;
  bringToFront(): Promise<void>;
  close(): Promise<unknown>;
}

/** The part of a tab driver that is the same over both libraries; each adapter adds the input and the tabs it opens. */
export abstract class LibraryTab<Frame extends object, Page extends LibraryPage<Frame>> {
  readonly commandKey = COMMAND_KEY;
  /** One driver per frame, so that the page objects can tell frames apart by identity. */
  private readonly drivers = new WeakMap<Frame, FrameDriver>();

  constructor(
    readonly page: Page,
    private readonly wrap: (frame: Frame) => FrameDriver,
  ) {}

  private driverOf(frame: Frame): FrameDriver {
    let driver = this.drivers.get(frame);
    if (!driver) this.drivers.set(frame, (driver = this.wrap(frame)));
    return driver;
  }

  get mainFrame(): FrameDriver {
    return this.driverOf(this.page.mainFrame());
  }

  frames(): FrameDriver[] {
    return this.page.frames().map((frame) => this.driverOf(frame));
  }

  url(): string {
    return this.page.url();
  }

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
