// Chromium (the system build, driven by playwright-core) with the built MV3 extension on a fresh
// profile, installed over CDP (Extensions.loadUnpacked) so that the suite can uninstall and
// reinstall it between cases. Nothing it does leaves the loopback interface. One file of about
// 300 lines: the launch, the installation and what only this browser can observe (the
// BrowserDriver) share one browser context and its CDP session.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Worker } from 'playwright-core';
import { findChromium } from '../../scripts/ensure-browsers.ts';
import { allowSiteAccess, browserArgs } from '../../scripts/lib/chromium.ts';
import type { BrowserDriver, TabDriver, WebPageObservations } from '../pages/driver.ts';
import { builtExtension } from '../shared/build.ts';
import { readExtensionState, type ExtensionState } from '../shared/fresh-extension.ts';
import { extensionStorage } from '../shared/in-extension.ts';
import { CHROMIUM_POLICY_FILE, unpackedExtensionId, writePolicyFile } from '../shared/policy-files.ts';
import type { ExtensionStorage, LaunchOptions } from '../shared/types.ts';
import { STEP_TIMEOUT_MS, waitUntil } from '../shared/wait.ts';
import { PlaywrightTab } from './driver.ts';
import { ChromiumWebPageObservations } from './observe.ts';

/**
 * On Linux, Chromium runs xdg-utils' `xdg-desktop-menu` and `xdg-icon-resource` each time it
 * uninstalls an extension, to take the extension's app entry out of the desktop's menus and icon
 * themes in the user's home. The suite uninstalls the extension before every case: the suite's
 * Chromium finds commands of these names that do nothing first on its PATH, so that a run leaves
 * the desktop of whoever runs it alone (and spares the shell scripts' few percent of the suite's CPU).
 */
function pathWithoutDesktopIntegration(): string {
  const dir = join(tmpdir(), 'lead-lens-no-xdg');
  mkdirSync(dir, { recursive: true });
  for (const command of ['xdg-desktop-menu', 'xdg-icon-resource']) {
    const script = join(dir, command);
    writeFileSync(script, '#!/bin/sh\nexit 0\n');
    chmodSync(script, 0o755);
  }
  return `${dir}:${process.env.PATH ?? ''}`;
}

/** Whether a policy file holds only what these tests deploy for one unpacked extension. */
function isTestPolicy(written: unknown): boolean {
  const extensions = (written as { '3rdparty'?: { extensions?: object } } | null)?.['3rdparty']?.extensions;
  return !!extensions && Object.keys(written as object).length === 1;
}

/**
 * `managedPolicy`: written to Chromium's machine-wide policy folder for this extension's id (its
 * private copy's path decides the id, so no other suite's extension gets it), kept until close:
 * Chromium watches the folder and would drop the policy again once the file went.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserDriver> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run `tsx scripts/ensure-browsers.ts` or set CHROMIUM_PATH.');
  const extension = builtExtension('chrome');
  const extensionId = unpackedExtensionId(extension);
  const removePolicy = options.managedPolicy
    ? await writePolicyFile({
        path: CHROMIUM_POLICY_FILE,
        contents: { '3rdparty': { extensions: { [extensionId]: options.managedPolicy } } },
        leftOver: isTestPolicy,
      })
    : () => undefined;
  try {
    return await launchWithProfile(
      executablePath,
      extension,
      extensionId,
      removePolicy,
      options.managedPolicy !== undefined,
      options.uiLanguage,
    );
  } catch (error) {
    removePolicy();
    throw error;
  }
}

async function launchWithProfile(
  executablePath: string,
  extension: string,
  extensionId: string,
  removePolicy: () => void,
  withPolicy: boolean,
  uiLanguage: string | undefined,
): Promise<BrowserDriver> {
  const profile = mkdtempSync(join(tmpdir(), 'lead-lens-chromium-'));
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath,
      // The extension needs the full browser: "new" headless mode when there is no display.
      headless: false,
      viewport: { width: 1280, height: 800 },
      // Generous: on two busy cores a cold start alone has taken over 15 s.
      timeout: 60_000,
      // Playwright starts Chromium with extensions off; CDP installs this one (below).
      ignoreDefaultArgs: ['--disable-extensions'],
      // CDP's Extensions domain needs this flag and the pipe Playwright drives Chromium over.
      args: [
        ...browserArgs({ headless: !process.env.DISPLAY }),
        '--enable-unsafe-extension-debugging',
        ...(uiLanguage ? [`--lang=${uiLanguage}`] : []),
      ],
      // On Linux, Chromium takes its own language from the environment (with its locale files,
      // Debian's chromium-l10n).
      env: {
        ...process.env,
        PATH: pathWithoutDesktopIntegration(),
        ...(uiLanguage ? { LANGUAGE: uiLanguage, LC_ALL: '', LANG: '' } : {}),
      },
    })
    .catch((error: unknown) => {
      rmSync(profile, { recursive: true, force: true });
      throw error;
    });
  try {
    const browser = context.browser();
    if (!browser) throw new Error('playwright-core gave the persistent context no browser to open a CDP session on.');
    const cdp = await browser.newBrowserCDPSession();
    const installed = new Installation(context, cdp, extension, extensionId);
    const worker = await installed.install();
    // An extension installed once the browser runs gets its policy a moment later; a user's
    // browser reads it before it starts the extension, so the case starts once it is there.
    if (withPolicy)
      await waitUntil(() => worker.evaluate(managedStorageFilled), { what: 'the managed policy in storage.managed' });
    return new ChromiumBrowser(context, installed, worker, profile, removePolicy);
  } catch (error) {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Runs in the service worker: whether managed storage holds anything yet. */
async function managedStorageFilled(): Promise<boolean> {
  const { storage } = (
    globalThis as unknown as { chrome: { storage: { managed: { get(keys: null): Promise<object> } } } }
  ).chrome;
  return Object.keys(await storage.managed.get(null)).length > 0;
}

/** The extension installed from the build's copy over CDP, as an unpacked extension. */
class Installation {
  constructor(
    private readonly context: BrowserContext,
    private readonly cdp: CDPSession,
    private readonly path: string,
    readonly id: string,
  ) {}

  /** Installs the build; resolves with its service worker, started by the install. */
  async install(): Promise<Worker> {
    const isOurs = (worker: Worker): boolean => worker.url().startsWith(`chrome-extension://${this.id}/`);
    const started = this.context.waitForEvent('serviceworker', { predicate: isOurs, timeout: STEP_TIMEOUT_MS });
    started.catch(() => undefined); // awaited below, unless the install itself fails
    const { id } = await this.cdp.send('Extensions.loadUnpacked', { path: this.path });
    // The id the managed policy file was written for.
    if (id !== this.id)
      throw new Error(`Chromium gave the extension the id ${id}, not the one its path implies (${this.id}).`);
    return started;
  }

  async uninstall(): Promise<void> {
    await this.cdp.send('Extensions.uninstall', { id: this.id });
  }

  /**
   * Gives the installed extension one of its optional API permissions, as the user's "Allow" in
   * Chromium's prompt would (which nothing can press in a test, and CDP has no call for): loaded
   * once with the permission required, which grants it, then again as built, where it stays
   * granted as the optional permission it is. Resolves with the service worker the last load started.
   */
  async grant(permission: string): Promise<Worker> {
    const path = join(this.path, 'manifest.json');
    const built = readFileSync(path, 'utf8');
    const manifest = JSON.parse(built) as { permissions?: string[] };
    try {
      writeFileSync(path, JSON.stringify({ ...manifest, permissions: [...(manifest.permissions ?? []), permission] }));
      await this.install();
    } finally {
      writeFileSync(path, built);
    }
    return this.install();
  }
}

class ChromiumBrowser implements BrowserDriver {
  readonly name = 'chromium';
  readonly extensionOrigin: string;
  private console: string[] = [];

  constructor(
    private readonly context: BrowserContext,
    private readonly installation: Installation,
    /** The extension's service worker as the last install (or event) started it. */
    private worker: Worker,
    private readonly profile: string,
    private readonly removePolicy: () => void,
  ) {
    this.extensionOrigin = `chrome-extension://${installation.id}`;
    // The context hears every page, every frame in them and the extension's service worker.
    context.on('console', (message) => {
      const where = message.worker()?.url() ?? message.page()?.url() ?? message.location().url;
      this.console.push(`${where}: ${message.text()}`);
    });
    context.on('weberror', (error) => {
      this.console.push(`${error.page()?.url() ?? 'a page'}: uncaught ${error.error().message}`);
    });
  }

  async openTab(url: string): Promise<PlaywrightTab> {
    const tab = new PlaywrightTab(await this.context.newPage());
    tab.page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await tab.page.goto(url, { waitUntil: 'load' });
    return tab;
  }

  webPageObservations(tab: TabDriver): WebPageObservations {
    if (!(tab instanceof PlaywrightTab)) throw new Error('A tab this browser did not open.');
    return new ChromiumWebPageObservations(tab.page, this.extensionOrigin);
  }

  consoleMessages(): readonly string[] {
    return [...this.console];
  }

  /** The extension's running service worker; waits for the next one while none runs. */
  private async runningWorker(): Promise<Worker> {
    const isOurs = (url: string): boolean => url.startsWith(this.extensionOrigin);
    if (this.context.serviceWorkers().includes(this.worker)) return this.worker;
    this.worker =
      this.context.serviceWorkers().findLast((candidate) => isOurs(candidate.url())) ??
      (await this.context.waitForEvent('serviceworker', {
        predicate: (candidate) => isOurs(candidate.url()),
        timeout: STEP_TIMEOUT_MS,
      }));
    return this.worker;
  }

  async extensionState(): Promise<ExtensionState> {
    return (await this.runningWorker()).evaluate(readExtensionState);
  }

  async startOver(): Promise<void> {
    const blank = await this.context.newPage();
    await Promise.all(
      this.context
        .pages()
        .filter((page) => page !== blank)
        .map((page) => page.close()),
    );
    await this.installation.uninstall();
    this.worker = await this.installation.install();
    this.console = [];
  }

  async extensionStorage(): Promise<ExtensionStorage> {
    return (await this.runningWorker()).evaluate(extensionStorage);
  }

  allowSiteAccess(origins: readonly string[]): Promise<void> {
    return allowSiteAccess(this.context, this.extensionOrigin, origins);
  }

  async allowPermission(permission: string): Promise<void> {
    this.worker = await this.installation.grant(permission);
  }

  async stopBackground(): Promise<void> {
    // From one of the extension's own pages, as DevTools does; open one if none is.
    const open = this.context.pages().find((page) => page.url().startsWith(`${this.extensionOrigin}/`));
    const page = open ?? (await this.openTab(`${this.extensionOrigin}/options.html`)).page;
    const cdp = await this.context.newCDPSession(page);
    const script = `${this.extensionOrigin}/background.js`;
    // Seen once is enough: the next event may start it again before the next look.
    let stopped = false;
    cdp.on(
      'ServiceWorker.workerVersionUpdated',
      (event: { versions: { scriptURL: string; runningStatus: string }[] }) => {
        for (const version of event.versions)
          if (version.scriptURL === script && version.runningStatus === 'stopped') stopped = true;
      },
    );
    try {
      await cdp.send('ServiceWorker.enable');
      // What Chromium does to an extension's worker after 30 s without events.
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitUntil(() => stopped, { what: `the service worker ${script} to stop` });
      await cdp.send('ServiceWorker.disable');
    } finally {
      await cdp.detach().catch(() => undefined);
      if (!open) await page.close();
    }
  }

  async close(): Promise<void> {
    try {
      await this.context.close().catch(() => {});
      rmSync(this.profile, { recursive: true, force: true });
    } finally {
      this.removePolicy();
    }
  }
}
