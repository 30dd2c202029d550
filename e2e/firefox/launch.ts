// Firefox (the system build, driven by puppeteer-core over WebDriver BiDi) with the built MV2
// extension installed as a temporary add-on on a fresh profile. Nothing it does leaves the
// loopback interface.
import { readFileSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findFirefox } from '../../scripts/ensure-browsers.ts';
import { builtExtension } from '../shared/build.ts';
import type { ExtensionBrowser, ExtensionStorage, View } from '../shared/types.ts';
import { STEP_TIMEOUT_MS } from '../shared/wait.ts';
import { FirefoxOptionsPage } from './pages/options.ts';
import { FirefoxPopupPage } from './pages/popup.ts';
import { FirefoxView } from './pages/view.ts';
import { FirefoxWebPage } from './pages/web-page.ts';
import { backgroundToTabsSoFar, collectProcessOutput, CONSOLE_TO_STDOUT_PREFS, recordBackgroundToTabs } from './observe.ts';

/**
 * Firefox gives each installed add-on a random internal UUID, which is the host of its
 * moz-extension:// pages. The pref extensions.webextensions.uuids, read when the add-on is
 * installed, fixes it, so the extension's pages are at moz-extension://<this>/options.html.
 */
export const EXTENSION_UUID = '6f1d2c3b-4a5e-4f60-9b7c-8d9e0a1b2c3d';

// A proxy that is never there, on loopback, for everything Firefox does not send to loopback
// itself (it never proxies localhost or 127.0.0.1), and every background service that would
// call home switched off.
const NO_NETWORK: Record<string, unknown> = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.share_proxy_settings': false,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.search.update': false,
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.ping-centre.telemetry': false,
  'browser.topsites.contile.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'dom.push.connection.enabled': false,
  'dom.push.serverURL': '',
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.blocklist.enabled': false,
  'geo.provider.network.url': '',
  'media.gmp-manager.url': '',
  'messaging-system.rsexperimentloader.enabled': false,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
};

interface ManifestWithGeckoId {
  browser_specific_settings?: { gecko?: { id?: string } };
}

/** `headless: false` shows the window (the demo); the suites run headless. */
export async function launchFirefox(options: { headless?: boolean } = {}): Promise<ExtensionBrowser> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('No Firefox: run `tsx scripts/ensure-browsers.ts` or set FIREFOX_PATH.');
  const extension = builtExtension('firefox-mv2', 'npm run build:firefox');
  const manifest = JSON.parse(readFileSync(`${extension}/manifest.json`, 'utf8')) as ManifestWithGeckoId;
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${extension}/manifest.json has no browser_specific_settings.gecko.id.`);

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    protocol: 'webDriverBiDi',
    // Without it, WebDriver BiDi refuses to navigate a tab to a moz-extension:// page.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    // Generous: on two busy cores a cold start alone has taken over 15 s.
    timeout: 60_000,
    extraPrefsFirefox: {
      ...NO_NETWORK,
      ...CONSOLE_TO_STDOUT_PREFS,
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }),
      // An optional permission is granted without the prompt that no test could answer.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  try {
    const output: string[] = [];
    collectProcessOutput(browser.process(), output);
    const installed = await browser.installExtension(extension);
    if (installed !== addonId) throw new Error(`Installed add-on ${installed}, expected ${addonId}.`);
    return new FirefoxExtensionBrowser(browser, `moz-extension://${EXTENSION_UUID}`, output);
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The one piece of puppeteer's BiDi frame that is not public API; see openTab. */
interface BidiFrameInternals {
  browsingContext?: { navigate(url: string, wait?: 'none' | 'interactive' | 'complete'): Promise<void> };
}

class FirefoxExtensionBrowser implements ExtensionBrowser {
  readonly name = 'firefox';
  private current: View | undefined;
  private recorder: Promise<Page> | undefined;

  constructor(
    private readonly browser: Browser,
    readonly extensionOrigin: string,
    /** Everything the Firefox process prints, which holds the console of every context. */
    private readonly console: readonly string[],
  ) {}

  private async openTab(url: string): Promise<Page> {
    const page = await this.browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    if (!url.startsWith('moz-extension:')) {
      await page.goto(url, { waitUntil: 'load' });
      return page;
    }
    // Firefox's BiDi sends no load events for extension pages (it does not expose extension
    // contexts yet), so page.goto would wait for ever. The BiDi navigate command itself waits
    // for the load to complete.
    const context = (page.mainFrame() as unknown as BidiFrameInternals).browsingContext;
    if (!context) throw new Error('puppeteer-core no longer exposes the BiDi browsing context of a frame.');
    await context.navigate(url, 'complete');
    return page;
  }

  private show<T extends View>(view: T): T {
    this.current = view;
    return view;
  }

  async openExtensionPage(path: string): Promise<View> {
    const page = await this.openTab(`${this.extensionOrigin}/${path}`);
    return this.show(new FirefoxView(page, path));
  }

  async openOptions(): Promise<FirefoxOptionsPage> {
    const page = await this.openTab(`${this.extensionOrigin}/options.html`);
    return this.show(new FirefoxOptionsPage(page, 'options page'));
  }

  async openPopup(): Promise<FirefoxPopupPage> {
    const page = await this.openTab(`${this.extensionOrigin}/popup.html`);
    return this.show(new FirefoxPopupPage(page, 'popup'));
  }

  async openWebPage(url: string): Promise<FirefoxWebPage> {
    const page = await this.openTab(url);
    const name = new URL(url).pathname.split('/').pop() || url;
    return this.show(
      new FirefoxWebPage(
        page,
        `web page ${name}`,
        `${this.extensionOrigin}/popover.html`,
        (popover) => this.show(popover),
        () => this.recordMessagesToTabs(),
      ),
    );
  }

  /**
   * Starts recording every message the background sends into a tab, from an extension page
   * opened for the purpose and left open (the recording lives in it); see observe.ts.
   */
  private async recordMessagesToTabs(): Promise<() => Promise<string[]>> {
    this.recorder ??= this.openTab(`${this.extensionOrigin}/options.html`).then(async (page) => {
      await page.evaluate(recordBackgroundToTabs);
      return page;
    });
    const page = await this.recorder;
    return () => page.evaluate(backgroundToTabsSoFar);
  }

  consoleMessages(): readonly string[] {
    return [...this.console];
  }

  async extensionStorage(): Promise<ExtensionStorage> {
    // BiDi cannot reach the background page, so ask from an extension page of its own.
    const page = await this.openTab(`${this.extensionOrigin}/options.html`);
    try {
      return await page.evaluate(async () => {
        type Area = { get(keys: null): Promise<Record<string, unknown>> };
        const { storage } = (globalThis as unknown as { browser: { storage: { local: Area; session: Area } } }).browser;
        return { local: await storage.local.get(null), session: await storage.session.get(null) };
      });
    } finally {
      await page.close();
    }
  }

  async inExtensionPage<Arg, Result>(script: (arg: Arg) => Promise<Result>, arg: Arg): Promise<Result> {
    const page = await this.openTab(`${this.extensionOrigin}/options.html`);
    try {
      // The driver's types unwrap handles in the argument; a plain JSON value passes as it is.
      return (await page.evaluate(script as (value: unknown) => Promise<Result>, arg)) as Result;
    } finally {
      await page.close();
    }
  }

  currentView(): View | undefined {
    return this.current;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
  }
}
