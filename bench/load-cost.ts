/**
 * The content script's cost at page load. Each run loads the page with a trace running and CDP
 * performance metrics in thread time, and stops 100 ms after the load event (a content script at
 * document_idle has run by then). A run in a new tab gets a new renderer process, which is what
 * opening a page of another site costs; a run in a tab that already showed a page of the site
 * reuses its process, as following a link within a site does. The page has no script of its own, so any
 * script on it is an extension's: with the extension loaded, the trace's script events from
 * chrome-extension:// URLs are the content script's whole main-thread script cost; without it,
 * there are none. Thread (CPU) time is reported, not wall time, since other work on the machine
 * stretches wall time but not the work done.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { sleep } from './browser';
import { startProfile, stopProfile, type ScriptProfile } from './profile';
import { scriptCost, traced, type ScriptCost } from './trace';

export interface LoadSample {
  /** From the trace: the content script's evaluation, compiles and callbacks. */
  script: ScriptCost;
  /** CDP Performance.getMetrics in thread time: all script, all main-thread tasks. */
  metricScriptMs: number;
  metricTaskMs: number;
  loadWallMs: number;
  nodes: number;
  /** With `profile`: a CPU profile of the load, read for the content script. */
  profile?: ScriptProfile;
}

const isExtensionScript = (url: string): boolean => url.startsWith('chrome-extension://');

/** Loads `url` in a new tab, or in `tab` when given (which stays open). */
export async function loadOnce(
  context: BrowserContext,
  url: string,
  tab?: Page,
  options: { profile?: boolean } = {},
): Promise<LoadSample> {
  const page = tab ?? (await context.newPage());
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    if (options.profile) await startProfile(cdp);
    const { result, events } = await traced(cdp, async () => {
      const started = Date.now();
      await page.goto(url, { waitUntil: 'load' });
      const loadWallMs = Date.now() - started;
      await sleep(100);
      const { metrics } = await cdp.send('Performance.getMetrics');
      return { loadWallMs, metrics };
    });
    const metric = (name: string): number => result.metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    const profile = options.profile ? await stopProfile(cdp, isExtensionScript) : undefined;
    await cdp.detach().catch(() => undefined);
    return {
      script: scriptCost(events, isExtensionScript),
      metricScriptMs: metric('ScriptDuration') * 1000,
      metricTaskMs: metric('TaskDuration') * 1000,
      loadWallMs: result.loadWallMs,
      nodes: metric('Nodes'),
      ...(profile ? { profile } : {}),
    };
  } finally {
    if (!tab) await page.close().catch(() => undefined);
  }
}

/** What the first press in a page cost: the content script's own work, and the selection script's. */
export interface PressCost {
  /** Main-thread CPU of the content script's listeners and the selection script's start. */
  cpuMs: number;
  /** Of that, the selection script's compile and evaluation as a module. */
  moduleCpuMs: number;
  /** Whether the selection script was brought in at all. */
  loaded: boolean;
}

/**
 * The first press of the mouse button in a page, in a new tab: the content script imports the
 * selection script then (entrypoints/content/loader.ts), which compiles and starts it, and hands it
 * the press. A trace around the press and the release. The page has no script of its own, so every
 * module event in it is the selection script's (V8 names no address on a module's evaluation);
 * Chrome compiles a module off the main thread as it streams in.
 */
export async function firstPress(context: BrowserContext, url: string): Promise<PressCost> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await sleep(100);
    const box = await page.locator('p').first().boundingBox();
    if (!box) throw new Error(`Nothing to press on in ${url}`);
    const cdp = await context.newCDPSession(page);
    const { events } = await traced(cdp, async () => {
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.down();
      await sleep(150);
      await page.mouse.up();
      await sleep(100);
    });
    await cdp.detach().catch(() => undefined);
    const modules = events.filter(
      (event) => event.ph === 'X' && (event.name === 'v8.compileModule' || event.name === 'v8.evaluateModule'),
    );
    const moduleCpuMs = modules.reduce((sum, event) => sum + (event.tdur ?? event.dur ?? 0), 0) / 1000;
    return {
      cpuMs: scriptCost(events, isExtensionScript).cpuMs + moduleCpuMs,
      moduleCpuMs,
      loaded: modules.some((event) => event.name === 'v8.evaluateModule'),
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}
