// Chromium (the system build, driven by playwright-core) with the built MV3 extension loaded on a
// fresh profile. Nothing it does leaves the loopback interface.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/ensure-browsers.ts';
import { allowSiteAccess, chromiumArgs } from '../../scripts/lib/chromium.ts';
import { builtExtension } from '../shared/build.ts';
import { CHROMIUM_POLICY_FILE, unpackedExtensionId, writePolicyFile } from '../shared/policy-files.ts';
import type { ExtensionBrowser, ExtensionStorage, LaunchOptions, View } from '../shared/types.ts';
import { STEP_TIMEOUT_MS, waitUntil } from '../shared/wait.ts';
import { ChromiumOptionsPage } from './pages/options.ts';
import { ChromiumPopupPage } from './pages/popup.ts';
import { ChromiumView } from './pages/view.ts';
import { ChromiumWebPage } from './pages/web-page.ts';

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
export async function launchChromium(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run `tsx scripts/ensure-browsers.ts` or set CHROMIUM_PATH.');
  const extension = builtExtension('chrome-mv3', 'npm run build');
  const extensionId = unpackedExtensionId(extension);
  const removePolicy = options.managedPolicy
    ? await writePolicyFile({
        path: CHROMIUM_POLICY_FILE,
        contents: { '3rdparty': { extensions: { [extensionId]: options.managedPolicy } } },
        leftOver: isTestPolicy,
      })
    : () => undefined;
  try {
    return await launchWithProfile(executablePath, extension, extensionId, removePolicy);
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
): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'lead-lens-chromium-'));
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath,
      // The extension needs the full browser: "new" headless mode when there is no display.
      headless: false,
      viewport: { width: 1280, height: 800 },
      // Generous: on two busy cores a cold start alone has taken over 15 s.
      timeout: 60_000,
      args: chromiumArgs(extension, { headless: !process.env.DISPLAY }),
    })
    .catch((error: unknown) => {
      rmSync(profile, { recursive: true, force: true });
      throw error;
    });
  try {
    const origin = await extensionOrigin(context);
    if (origin !== `chrome-extension://${extensionId}`) {
      throw new Error(`Chromium gave the extension ${origin}, not the id its path implies (${extensionId}).`);
    }
    return new ChromiumExtensionBrowser(context, origin, profile, removePolicy);
  } catch (error) {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** `chrome-extension://<id>`, read off the extension's service worker. */
async function extensionOrigin(context: BrowserContext): Promise<string> {
  const isOurs = (url: string): boolean => url.startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find((candidate) => isOurs(candidate.url())) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (candidate) => isOurs(candidate.url()),
      timeout: STEP_TIMEOUT_MS,
    }));
  // URL#origin is "null" for schemes Node does not know, so build it from the host.
  return `chrome-extension://${new URL(worker.url()).host}`;
}

class ChromiumExtensionBrowser implements ExtensionBrowser {
  readonly name = 'chromium';
  private current: View | undefined;
  private readonly console: string[] = [];

  constructor(
    private readonly context: BrowserContext,
    readonly extensionOrigin: string,
    private readonly profile: string,
    private readonly removePolicy: () => void,
  ) {
    // The context hears every page, every frame in them and the extension's service worker.
    context.on('console', (message) => {
      const where = message.worker()?.url() ?? message.page()?.url() ?? message.location().url;
      this.console.push(`${where}: ${message.text()}`);
    });
    context.on('weberror', (error) => {
      this.console.push(`${error.page()?.url() ?? 'a page'}: uncaught ${error.error().message}`);
    });
  }

  private async newTab(url: string): Promise<Page> {
    const page = await this.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }

  private show<T extends View>(view: T): T {
    this.current = view;
    return view;
  }

  async openExtensionPage(path: string): Promise<View> {
    const page = await this.newTab(`${this.extensionOrigin}/${path}`);
    return this.show(new ChromiumView(page, path));
  }

  async openOptions(): Promise<ChromiumOptionsPage> {
    const page = await this.newTab(`${this.extensionOrigin}/options.html`);
    return this.show(new ChromiumOptionsPage(page, 'options page'));
  }

  async openPopup(): Promise<ChromiumPopupPage> {
    const page = await this.newTab(`${this.extensionOrigin}/popup.html`);
    return this.show(new ChromiumPopupPage(page, 'popup'));
  }

  async openWebPage(url: string): Promise<ChromiumWebPage> {
    const page = await this.newTab(url);
    const name = new URL(url).pathname.split('/').pop() || url;
    return this.show(
      new ChromiumWebPage(page, `web page ${name}`, `${this.extensionOrigin}/card.html`, (popover) =>
        this.show(popover),
      ),
    );
  }

  consoleMessages(): readonly string[] {
    return [...this.console];
  }

  async extensionStorage(): Promise<ExtensionStorage> {
    const isOurs = (url: string): boolean => url.startsWith(this.extensionOrigin);
    const worker =
      this.context.serviceWorkers().find((candidate) => isOurs(candidate.url())) ??
      (await this.context.waitForEvent('serviceworker', {
        predicate: (candidate) => isOurs(candidate.url()),
        timeout: STEP_TIMEOUT_MS,
      }));
    return worker.evaluate(async () => {
      type Area = { get(keys: null): Promise<Record<string, unknown>> };
      const { storage } = (globalThis as unknown as { chrome: { storage: { local: Area; session: Area } } }).chrome;
      return { local: await storage.local.get(null), session: await storage.session.get(null) };
    });
  }

  async inExtensionPage<Arg, Result>(script: (arg: Arg) => Promise<Result>, arg: Arg): Promise<Result> {
    const page = await this.newTab(`${this.extensionOrigin}/options.html`);
    try {
      // The driver's types unwrap handles in the argument; a plain JSON value passes as it is.
      return (await page.evaluate(script as (value: unknown) => Promise<Result>, arg)) as Result;
    } finally {
      await page.close();
    }
  }

  allowSiteAccess(origins: readonly string[]): Promise<void> {
    return allowSiteAccess(this.context, this.extensionOrigin, origins);
  }

  currentView(): View | undefined {
    return this.current;
  }

  async stopBackground(): Promise<void> {
    // From one of the extension's own pages, as DevTools does; open one if none is.
    const open = this.context.pages().find((page) => page.url().startsWith(`${this.extensionOrigin}/`));
    const page = open ?? (await this.newTab(`${this.extensionOrigin}/options.html`));
    const cdp = await this.context.newCDPSession(page);
    const script = `${this.extensionOrigin}/background.js`;
    // Seen once is enough: the next event may start it again before the next look.
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      for (const version of event.versions) if (version.scriptURL === script && version.runningStatus === 'stopped') stopped = true;
    });
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
