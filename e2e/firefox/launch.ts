// Firefox (the system build, driven by puppeteer-core over WebDriver BiDi) with the built MV2
// extension installed as a temporary add-on on a fresh profile; the suite uninstalls and
// reinstalls it between cases. Nothing it does leaves the loopback interface. One file of about
// 300 lines: the launch and what only this browser can observe (the BrowserDriver) share its
// process, profile and add-on, and a sixth of it is the prefs that keep it off the network.
import { readFileSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findFirefox } from '../../scripts/ensure-browsers.ts';
import { runInExtensionPage, type BrowserDriver, type TabDriver, type WebPageObservations } from '../pages/driver.ts';
import { builtExtension } from '../shared/build.ts';
import { readExtensionState, type ExtensionState } from '../shared/fresh-extension.ts';
import { extensionStorage, readStorageAreas } from '../shared/in-extension.ts';
import { firefoxPolicyFile, writePolicyFile } from '../shared/policy-files.ts';
import type { AreaRead, ContentScriptStorage, ExtensionStorage, LaunchOptions } from '../shared/types.ts';
import { STEP_TIMEOUT_MS, waitUntil } from '../shared/wait.ts';
import { contentScriptStorageAreas } from './content-script-schema.ts';
import { bidiContext, PuppeteerTab } from './driver.ts';
import {
  backgroundToTabsSoFar,
  collectProcessOutput,
  CONSOLE_TO_STDOUT_PREFS,
  recordBackgroundToTabs,
  shadowButtons,
} from './observe.ts';

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

/**
 * How long an idle event page lives with `quickBackgroundIdle` (Firefox's default is 30 s). Not
 * less: a first lookup's card frame, made and loaded on a loaded machine, once took over a second
 * to claim its lookup, by when a 1 s background had gone with the claim's key ("This lookup has
 * expired"), a race no 30 s background meets.
 */
const QUICK_IDLE_MS = 2_000;

/** Whether a policies.json holds only what these tests deploy for the add-on. */
function isTestPolicy(addonId: string) {
  return (written: unknown): boolean => {
    const policies = (written as { policies?: Record<string, unknown> } | null)?.policies;
    const extensions = (policies?.['3rdparty'] as { Extensions?: object } | undefined)?.Extensions;
    return (
      !!policies && Object.keys(policies).length === 1 && !!extensions && Object.keys(extensions).join() === addonId
    );
  };
}

/**
 * `headless: false` shows the window (the demo); the suites run headless. `managedPolicy` goes into
 * `distribution/policies.json` of the Firefox installation, which Firefox reads once, at startup,
 * for every add-on (temporary ones too); the file is removed as soon as this Firefox has started,
 * so that other Firefox windows started on this computer meanwhile do not get it.
 */
export async function launchFirefox(options: { headless?: boolean } & LaunchOptions = {}): Promise<BrowserDriver> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('No Firefox: run `tsx scripts/ensure-browsers.ts` or set FIREFOX_PATH.');
  const extension = builtExtension('firefox');
  const manifest = JSON.parse(readFileSync(`${extension}/manifest.json`, 'utf8')) as ManifestWithGeckoId;
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${extension}/manifest.json has no browser_specific_settings.gecko.id.`);

  const removePolicy = options.managedPolicy
    ? await writePolicyFile({
        path: firefoxPolicyFile(executablePath),
        contents: { policies: { '3rdparty': { Extensions: { [addonId]: options.managedPolicy } } } },
        leftOver: isTestPolicy(addonId),
      })
    : () => undefined;
  const started = puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    protocol: 'webDriverBiDi',
    // No case watches requests through the browser (the local MEGA server records them), and
    // puppeteer's subscription to every network event cost Firefox's parent process about a
    // tenth of its CPU time here.
    networkEnabled: false,
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
      // Reinstalled between cases at the same address (its storage still goes with it).
      'extensions.webextensions.keepUuidOnUninstall': true,
      ...(options.quickBackgroundIdle ? { 'extensions.background.idle.timeout': QUICK_IDLE_MS } : {}),
      // Firefox's own language, from its language pack (Debian's firefox-esr-l10n-<language>).
      ...(options.uiLanguage ? { 'intl.locale.requested': options.uiLanguage } : {}),
    },
  });
  const browser = await started.finally(removePolicy);
  try {
    const output: string[] = [];
    collectProcessOutput(browser.process(), output);
    const installed = await browser.installExtension(extension);
    if (installed !== addonId) throw new Error(`Installed add-on ${installed}, expected ${addonId}.`);
    return new FirefoxBrowser(browser, `moz-extension://${EXTENSION_UUID}`, output, {
      executablePath,
      extension,
      addonId,
      quickBackgroundIdle: options.quickBackgroundIdle ?? false,
    });
  } catch (error) {
    await browser.close();
    throw error;
  }
}

class FirefoxBrowser implements BrowserDriver {
  readonly name = 'firefox';
  private recorder: Promise<PuppeteerTab> | undefined;
  /** Where this case's lines start in `console`. */
  private consoleFrom = 0;

  constructor(
    private readonly browser: Browser,
    readonly extensionOrigin: string,
    /** Everything the Firefox process prints, which holds the console of every context. */
    private readonly console: readonly string[],
    private readonly launched: {
      executablePath: string;
      extension: string;
      addonId: string;
      quickBackgroundIdle: boolean;
    },
  ) {}

  async openTab(url: string): Promise<PuppeteerTab> {
    const tab = new PuppeteerTab(await this.browser.newPage());
    tab.page.setDefaultTimeout(STEP_TIMEOUT_MS);
    tab.page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    if (!url.startsWith('moz-extension:')) {
      await tab.page.goto(url, { waitUntil: 'load' });
      return tab;
    }
    // Firefox's BiDi sends no load events for extension pages (it does not expose extension
    // contexts yet), so page.goto would wait for ever. The BiDi navigate command itself waits
    // for the load to complete.
    await bidiContext(tab.page).navigate(url, 'complete');
    return tab;
  }

  /** Runs `script` in an extension page opened for the purpose: BiDi reaches no background page. */
  private inExtensionPage<Arg, Result>(script: (arg: Arg) => Promise<Result>, arg: Arg): Promise<Result> {
    return runInExtensionPage(this, script, arg);
  }

  webPageObservations(tab: TabDriver): WebPageObservations {
    if (!(tab instanceof PuppeteerTab)) throw new Error('A tab this browser did not open.');
    return {
      extensionButtons: (name) => shadowButtons(tab.page, name),
      recordContentScriptMessages: () => this.recordMessagesToTabs(),
      storageSeenByContentScript: () => this.storageSeenByContentScripts(),
    };
  }

  /**
   * Starts recording every message the background sends into a tab, from an extension page
   * opened for the purpose and left open (the recording lives in it); see observe.ts.
   */
  private async recordMessagesToTabs(): Promise<() => Promise<string[]>> {
    this.recorder ??= this.openTab(`${this.extensionOrigin}/options.html`).then(async (tab) => {
      await tab.mainFrame.evaluate(recordBackgroundToTabs, undefined);
      return tab;
    });
    const tab = await this.recorder;
    return () => tab.mainFrame.evaluate(backgroundToTabsSoFar, undefined);
  }

  /**
   * What a content script can read, without a way into one (see e2e/README.md): the areas this
   * Firefox's schema gives content scripts, read from an extension page, which sees the same
   * items; the others refused, with the contexts the schema limits them to.
   */
  private async storageSeenByContentScripts(): Promise<ContentScriptStorage> {
    const { offered, withheld } = contentScriptStorageAreas(this.launched.executablePath);
    const read = await this.inExtensionPage(readStorageAreas, offered);
    const area = (name: keyof ContentScriptStorage): AreaRead =>
      read[name] ??
      ({
        read: 'refused',
        reason: `Firefox puts no storage.${name} into content scripts (its schema allows it only in: ${withheld[name]?.join(', ') || 'no context'}, and extension pages)`,
      } as const);
    return { local: area('local'), sync: area('sync'), session: area('session'), managed: area('managed') };
  }

  consoleMessages(): readonly string[] {
    return this.console.slice(this.consoleFrom);
  }

  async extensionStorage(): Promise<ExtensionStorage> {
    return this.inExtensionPage(extensionStorage, undefined);
  }

  extensionState(): Promise<ExtensionState> {
    return this.inExtensionPage(readExtensionState, undefined);
  }

  async startOver(): Promise<void> {
    const blank = await this.browser.newPage();
    await Promise.all((await this.browser.pages()).filter((page) => page !== blank).map((page) => page.close()));
    await this.browser.uninstallExtension(this.launched.addonId);
    await this.browser.installExtension(this.launched.extension);
    this.consoleFrom = this.console.length;
    this.recorder = undefined;
  }

  async stopBackground(): Promise<void> {
    if (!this.launched.quickBackgroundIdle) {
      throw new Error('Firefox stops an idle event page only after 30 s: launch with quickBackgroundIdle.');
    }
    // extension.getBackgroundPage() answers without waking the page: null once it is unloaded.
    const tab = await this.openTab(`${this.extensionOrigin}/options.html`);
    try {
      await waitUntil(
        () =>
          tab.mainFrame.evaluate(() => {
            const { extension } = (
              globalThis as unknown as { browser: { extension: { getBackgroundPage(): unknown } } }
            ).browser;
            return extension.getBackgroundPage() === null;
          }, undefined),
        { what: `Firefox to unload the idle event page (after ${QUICK_IDLE_MS / 1000} s without events)` },
      );
    } finally {
      await tab.close();
    }
  }

  allowSiteAccess(): Promise<void> {
    // Firefox is started with extensions.webextOptionalPermissionPrompts off: the extension's own
    // request is granted as the user's "Allow" would.
    return Promise.resolve();
  }

  allowPermission(): Promise<void> {
    // The same pref grants optional API permissions as the user's "Allow" would.
    return Promise.resolve();
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
  }
}
