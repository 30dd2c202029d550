/** Headless Chromium with or without the built extension, on a fresh profile; loopback only. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN } from '../server/credentials';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
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
  const args = [...ARGS];
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
      ? await waitFor(() => {
          const file = join(profile, 'DevToolsActivePort');
          return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) || undefined : undefined;
        }, 'the DevTools port', 10_000, 50)
      : undefined;
    return { context, worker, extensionOrigin: `chrome-extension://${new URL(worker.url()).host}`, debuggingPort, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The schema version of the stored settings item (utils/storage.ts). It is written with the
 * settings, so the extension does not take them for an older layout and migrate them away.
 */
function settingsVersion(): number {
  const source = readFileSync(fileURLToPath(new URL('../utils/storage.ts', import.meta.url)), 'utf8');
  const match = /defineItem<Settings>\(\s*'local:settings'[\s\S]*?version:\s*(\d+)/.exec(source);
  return match ? Number(match[1]) : 1;
}

interface ChromeStorage {
  chrome: { storage: { local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> } } };
}

/**
 * Points the extension at the local server, lookups on selection, for every site; `keepCopy`
 * also turns on the copy of the account's leads on this device.
 */
export async function configure(worker: Worker, baseUrl: string, options: { keepCopy?: boolean } = {}): Promise<void> {
  await worker.evaluate((items) => (globalThis as unknown as ChromeStorage).chrome.storage.local.set(items), {
    'settings$': { v: settingsVersion() },
    settings: {
      accounts: [{ id: 'account-1', name: 'Demo', customerId: DEMO_CUSTOMER_ID, baseUrl, tokenMemory: 'local', revision: 1 }],
      activeAccountId: 'account-1',
      defaultRegion: 'US',
      trigger: 'auto',
      disabledSites: [],
      allowCreate: true,
      me: null,
      leadUrlTemplate: '',
      customFieldLabels: {},
      keepCopyFor: options.keepCopy ? ['account-1'] : [],
    },
    // Where an earlier version kept the token: the background moves it into its vault first.
    apiToken: DEMO_TOKEN,
  });
}

/** The base URL the extension's stored settings hold now. */
export async function configuredBaseUrl(worker: Worker): Promise<string | undefined> {
  const stored = await worker.evaluate(
    () => (globalThis as unknown as ChromeStorage).chrome.storage.local.get('settings'),
  );
  return (stored.settings as { accounts?: { baseUrl?: string }[] } | undefined)?.accounts?.[0]?.baseUrl;
}

/**
 * Selects the text of the element with this id by dragging the real (CDP input) mouse across it:
 * from a quarter into its first character to a quarter before the end of its last one, so the
 * caret snaps to exactly its start and end. The page sees trusted mousedown/mousemove/mouseup.
 */
export async function dragSelect(page: Page, id: string): Promise<void> {
  const path = await page.evaluate((elementId) => {
    // Pressing on text that is already selected would start a drag-and-drop of it instead.
    window.getSelection()?.removeAllRanges();
    const element = document.getElementById(elementId);
    const node = element?.firstChild;
    if (!element || !node || node.nodeType !== Node.TEXT_NODE) return null;
    const length = node.nodeValue?.length ?? 0;
    const rect = element.getBoundingClientRect();
    if (rect.top < 80 || rect.bottom > window.innerHeight - 240) element.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, 1);
    const first = range.getBoundingClientRect();
    range.setStart(node, length - 1);
    range.setEnd(node, length);
    const last = range.getBoundingClientRect();
    return {
      from: { x: first.left + first.width / 4, y: first.top + first.height / 2 },
      to: { x: last.right - last.width / 4, y: last.top + last.height / 2 },
    };
  }, id);
  if (!path) throw new Error(`No text element #${id} on the page`);
  await page.mouse.move(path.from.x, path.from.y);
  await page.mouse.down();
  await page.mouse.move(path.to.x, path.to.y, { steps: 4 });
  await page.mouse.up();
}

/** The popover frame in the page, once the content script has mounted it. */
export function popoverFrame(page: Page, extensionOrigin: string): Frame | undefined {
  return page.frames().find((frame) => frame.url().startsWith(`${extensionOrigin}/popover.html`));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000, everyMs = 5): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
