// The system Chromium with the built MV3 extension on a fresh profile, for the demo and the
// screenshots; the Chromium suite and the bench take its flags and its site-access helper too.
// Nothing it does leaves the loopback interface.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import type { Connection } from '../../e2e/shared/fixtures.ts';
import { findChromium } from '../ensure-browsers.ts';
import type { Settings } from '../../utils/storage.ts';
import { settingsRecord } from './settings-record.ts';

/** Everything not bound for loopback goes to a proxy where nothing listens. */
export const CHROMIUM_NO_NETWORK = ['--proxy-server=http://127.0.0.1:9'];

/**
 * No host name but loopback resolves, so not even a DNS query leaves the machine. Chromium puts
 * "You are using an unsupported command-line flag" on top of every window for this one, so a
 * window someone looks at (the demo) goes without it: its pages are all on http://127.0.0.1, and
 * the proxy already keeps everything else on loopback.
 */
export const CHROMIUM_LOOPBACK_ONLY_DNS = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** No background traffic of the browser's own: updates, sync, telemetry, safe browsing. */
export const CHROMIUM_QUIET = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-features=OptimizationHints,Translate,MediaRouter,AutofillServerCommunication',
  '--metrics-recording-only',
  '--no-pings',
  '--no-first-run',
  '--no-default-browser-check',
];

export interface ChromiumWindow {
  /** "New" headless mode: no window at all. */
  headless: boolean;
  /**
   * A window a person looks at (the demo): sandboxed where Chromium can be, and without the flags
   * that put Chromium's warning bar on top of it.
   */
  shownToPeople?: boolean;
}

/** Chromium will not start as root with its sandbox on. */
const CAN_SANDBOX = process.getuid?.() !== 0;

/** The flags for Chromium with the extension; `sandboxed` says whether Playwright keeps the sandbox on. */
export function chromiumArgs(extensionDir: string, window: ChromiumWindow, sandboxed = false): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...browserArgs(window, sandboxed),
  ];
}

/** The same flags without the extension, for a launcher that installs it itself (over CDP). */
export function browserArgs({ headless, shownToPeople = false }: ChromiumWindow, sandboxed = false): string[] {
  return [
    ...(headless ? ['--headless=new'] : []),
    ...CHROMIUM_QUIET,
    ...CHROMIUM_NO_NETWORK,
    ...(shownToPeople ? [] : CHROMIUM_LOOPBACK_ONLY_DNS),
    ...(sandboxed ? [] : ['--no-sandbox']),
    // Without its sandbox Chromium warns about --no-sandbox in that bar. --test-type, its switch
    // for a browser started by a test harness, leaves out the bars it shows at startup.
    ...(shownToPeople && !sandboxed ? ['--test-type'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
  ];
}

export interface ExtensionContext {
  context: BrowserContext;
  worker: Worker;
  origin: string;
  close(): Promise<void>;
}

export async function launchExtensionContext(
  extensionDir: string,
  options: ChromiumWindow & { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } | null },
): Promise<ExtensionContext> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run `npx tsx scripts/ensure-browsers.ts` or set CHROMIUM_PATH.');
  const profile = mkdtempSync(join(tmpdir(), 'lead-lens-'));
  const start = (sandboxed: boolean): Promise<BrowserContext> =>
    chromium.launchPersistentContext(profile, {
      executablePath,
      // The extension needs the full browser: "new" headless mode when there is no display.
      headless: false,
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
      args: chromiumArgs(extensionDir, options, sandboxed),
      chromiumSandbox: sandboxed,
    });
  const sandboxed = Boolean(options.shownToPeople) && CAN_SANDBOX;
  const context = await start(sandboxed).catch((error: unknown) => {
    if (!sandboxed) throw error;
    // Some systems give Chromium no sandbox it can use (no user namespaces, no setuid helper).
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    console.warn(`Chromium did not start with its sandbox (${why}); starting it without.`);
    return start(false);
  });
  const isOurs = (url: string): boolean => url.startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find((candidate) => isOurs(candidate.url())) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => isOurs(w.url()), timeout: 30_000 }));
  return {
    context,
    worker,
    origin: `chrome-extension://${new URL(worker.url()).host}`,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Connects the extension to a MEGA server by writing its settings, as the options page would, with
 * `change` on top (the language the screenshots are taken in).
 */
export async function connectExtension(
  worker: Worker,
  connection: Connection,
  change: Partial<Settings> = {},
): Promise<void> {
  await worker.evaluate(
    async (items) => {
      const { storage } = (
        globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
      ).chrome;
      await storage.local.set(items);
    },
    settingsRecord(connection, change),
  );
}

/**
 * Gives an extension access to these sites, as a user does under "Site access" on the extensions
 * page: the page's own call, made from chrome://extensions. A `permissions.request` for them is
 * then granted with no prompt, which no automated run could answer.
 */
export async function allowSiteAccess(
  context: BrowserContext,
  extensionOrigin: string,
  origins: readonly string[],
): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto('chrome://extensions', { waitUntil: 'load' });
    await page.evaluate(
      async ({ id, origins }) => {
        const api = (
          globalThis as unknown as {
            chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
          }
        ).chrome;
        for (const origin of origins) await api.developerPrivate.addHostPermission(id, origin);
      },
      { id: new URL(extensionOrigin).host, origins: [...origins] },
    );
  } finally {
    await page.close();
  }
}
