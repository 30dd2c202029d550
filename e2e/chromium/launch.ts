// Chromium (the system build, driven by playwright-core) with the built MV3 extension loaded on a
// fresh profile. Nothing it does leaves the loopback interface.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/ensure-browsers.ts';
import { chromiumArgs } from '../../scripts/lib/chromium.ts';
import { builtExtension } from '../shared/build.ts';
import type { ExtensionBrowser, ExtensionStorage, View } from '../shared/types.ts';
import { STEP_TIMEOUT_MS } from '../shared/wait.ts';
import { ChromiumOptionsPage } from './pages/options.ts';
import { ChromiumPopupPage } from './pages/popup.ts';
import { ChromiumView } from './pages/view.ts';
import { ChromiumWebPage } from './pages/web-page.ts';

export async function launchChromium(): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run `tsx scripts/ensure-browsers.ts` or set CHROMIUM_PATH.');
  const extension = builtExtension('chrome-mv3', 'npm run build');
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
    return new ChromiumExtensionBrowser(context, origin, profile);
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
      new ChromiumWebPage(page, `web page ${name}`, `${this.extensionOrigin}/popover.html`, (popover) =>
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

  currentView(): View | undefined {
    return this.current;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
    rmSync(this.profile, { recursive: true, force: true });
  }
}
