/** Headless Chromium with or without the built extension, on a fresh profile; loopback only. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
import { RECORD_ACCOUNT_ID, settingsRecord } from '../scripts/lib/settings-record.ts';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN } from '../server/credentials';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** How the bench starts Chromium, with Playwright or without (cdp.ts). */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-features=OptimizationHints,Translate,MediaRouter,AutofillServerCommunication',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-pings',
  // Anything that is not on loopback fails at once instead of leaving the machine.
  '--proxy-server=http://127.0.0.1:9',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export interface Session {
  context: BrowserContext;
  /** The extension's service worker; undefined for the context without the extension. */
  worker?: Worker;
  extensionOrigin?: string;
  /** The DevTools port on loopback, when launched with `debuggingPort` (for targets Playwright cannot reach). */
  debuggingPort?: number;
  close(): Promise<void>;
}

export async function launch(
  extensionDir: string | null,
  options: { serviceWorker?: boolean; debuggingPort?: boolean } = {},
): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'lead-lens-bench-'));
  const args = [...CHROMIUM_ARGS];
  // Port 0: Chromium picks a free one and writes it to DevToolsActivePort in the profile.
  if (options.debuggingPort) args.push('--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0');
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  else args.push('--disable-extensions');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: { width: 1280, height: 800 },
    args,
  });
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  if (!extensionDir || options.serviceWorker === false) return { context, close };
  try {
    const isOurs = (w: Worker): boolean => w.url().startsWith('chrome-extension://');
    const worker =
      context.serviceWorkers().find(isOurs) ??
      (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 }));
    const debuggingPort = options.debuggingPort
      ? await waitFor(
          () => {
            const file = join(profile, 'DevToolsActivePort');
            return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) || undefined : undefined;
          },
          'the DevTools port',
          10_000,
          50,
        )
      : undefined;
    return {
      context,
      worker,
      extensionOrigin: `chrome-extension://${new URL(worker.url()).host}`,
      debuggingPort,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs an expression in the extension's service worker: Playwright's worker, or a CDP session (cdp.ts). */
export type InWorker = (expression: string) => Promise<unknown>;

export const inPlaywrightWorker =
  (worker: Worker): InWorker =>
  (expression) =>
    worker.evaluate(expression);

/**
 * Points the extension at the local server, lookups on selection, for every site; `keepCopy`
 * also turns on the copy of the account's leads on this device.
 */
export async function configure(
  inWorker: InWorker,
  baseUrl: string,
  options: { keepCopy?: boolean } = {},
): Promise<void> {
  const connection = { baseUrl, customerId: DEMO_CUSTOMER_ID, token: DEMO_TOKEN };
  const items = settingsRecord(connection, { keepCopyFor: options.keepCopy ? [RECORD_ACCOUNT_ID] : [] });
  await inWorker(`chrome.storage.local.set(${JSON.stringify(items)})`);
}

/** The base URL the extension's stored settings hold now. */
export async function configuredBaseUrl(inWorker: InWorker): Promise<string | undefined> {
  const stored = (await inWorker(`chrome.storage.local.get('settings')`)) as { settings?: unknown };
  return (stored.settings as { accounts?: { baseUrl?: string }[] } | undefined)?.accounts?.[0]?.baseUrl;
}

/** The card frame in the page, once the content script has mounted it. */
export function cardFrame(page: Page, extensionOrigin: string): Frame | undefined {
  return page.frames().find((frame) => frame.url().startsWith(`${extensionOrigin}/card.html`));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 10_000,
  everyMs = 5,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
