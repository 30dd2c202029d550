// The extension in one browser, as every case sees it: its pages, web pages to use it on, and
// what a case reads besides them. Written once over BrowserDriver (./driver.ts); each browser's
// launch.ts supplies the driver, and a case reads the same in both browsers.
import { CARD_PAGE } from '../shared/build.ts';
import type { BrowserName, ExtensionStorage } from '../shared/types.ts';
import { runInExtensionPage, type BrowserDriver, type TabDriver } from './driver.ts';
import { OptionsPage } from './options.ts';
import { PopupPage } from './popup.ts';
import { SidePanelPage } from './side-panel.ts';
import { View } from './view.ts';
import { WebPage } from './web-page.ts';

export class ExtensionBrowser {
  private current: View | undefined;

  constructor(private readonly driver: BrowserDriver) {}

  get name(): BrowserName {
    return this.driver.name;
  }

  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  get extensionOrigin(): string {
    return this.driver.extensionOrigin;
  }

  /** Where the card frame's document is: `<extension origin>/<the card's page>`. */
  get cardUrl(): string {
    return `${this.extensionOrigin}/${CARD_PAGE}`;
  }

  private show<T extends View>(view: T): T {
    this.current = view;
    return view;
  }

  private openExtensionTab(path: string): Promise<TabDriver> {
    return this.driver.openTab(`${this.extensionOrigin}/${path}`);
  }

  /** Opens an extension page (e.g. "options.html") in a new tab; resolves once it has loaded. */
  async openExtensionPage(path: string): Promise<View> {
    return this.show(new View(await this.openExtensionTab(path), path));
  }

  async openOptions(): Promise<OptionsPage> {
    return this.show(new OptionsPage(await this.openExtensionTab('options.html'), 'options page'));
  }

  /** popup.html, opened in a tab. */
  async openPopup(): Promise<PopupPage> {
    return this.show(new PopupPage(await this.openExtensionTab('popup.html'), 'popup'));
  }

  /** sidepanel.html ("Leads on this page"), opened in a tab: it follows the tab used before it. */
  async openSidePanel(): Promise<SidePanelPage> {
    return this.show(new SidePanelPage(await this.openExtensionTab('sidepanel.html'), 'side panel'));
  }

  async openWebPage(url: string): Promise<WebPage> {
    const tab = await this.driver.openTab(url);
    const name = new URL(url).pathname.split('/').pop() || url;
    const observations = this.driver.webPageObservations(tab);
    return this.show(new WebPage(tab, `web page ${name}`, this.cardUrl, (card) => this.show(card), observations));
  }

  /**
   * Every console message and uncaught error text seen during this case, from every tab and frame,
   * the extension's pages and its background (Chromium's service worker, Firefox's background
   * page), one a line.
   */
  consoleMessages(): readonly string[] {
    return this.driver.consoleMessages();
  }

  /** Everything in the extension's local and session storage areas. */
  extensionStorage(): Promise<ExtensionStorage> {
    return this.driver.extensionStorage();
  }

  /**
   * Stops the extension's background the way the browser does when it has been idle, and
   * resolves once it has really stopped (its in-memory state is gone; the next event starts it
   * again). Chromium: stops the service worker over CDP. Firefox: waits for the event page to be
   * unloaded, which needs `quickBackgroundIdle` at launch (see e2e/README.md).
   */
  stopBackground(): Promise<void> {
    return this.driver.stopBackground();
  }

  /**
   * Runs `script` (self-contained: it is sent to the browser as source) in an extension page
   * opened for the purpose, closed again after; returns what it returns. For test set-up that no
   * page offers a control for yet (see e2e/shared/card-settings.ts), never for what a case checks.
   */
  inExtensionPage<Arg, Result>(script: (arg: Arg) => Promise<Result>, arg: Arg): Promise<Result> {
    return runInExtensionPage(this.driver, script, arg);
  }

  /**
   * Gives the extension access to these sites, as a user does in the browser's own extension
   * menu (Chromium: "Site access"); Firefox grants the extension's request itself in tests (see
   * e2e/README.md).
   */
  allowSiteAccess(origins: readonly string[]): Promise<void> {
    return this.driver.allowSiteAccess(origins);
  }

  /**
   * Gives the extension an optional API permission (`clipboardRead`), as the user's "Allow" in the
   * browser's prompt does, so the extension's own request for it is answered at once (see
   * e2e/README.md).
   */
  allowPermission(permission: string): Promise<void> {
    return this.driver.allowPermission(permission);
  }

  /** The view a user would be looking at now: the last one opened or found. */
  currentView(): View | undefined {
    return this.current;
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
