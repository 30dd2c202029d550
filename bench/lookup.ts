/**
 * Selection to lead card: real mouse drags on a page, the card's `lead-lens:shown` User Timing
 * mark in the card frame, and, from the same page at the same moment, direct fetches of the
 * same API request as the baseline.
 *
 * Clocks: the page's `performance.timeOrigin + event.timeStamp` of the mouseup and the frame's
 * `performance.timeOrigin + mark.startTime` are both high-resolution epoch milliseconds, so they
 * can be subtracted across the two processes; so can the service worker's resource timing.
 * One file over 300 lines: the page driver and the clock arithmetic of one measurement.
 */
import type { Page } from 'playwright-core';
import { leadQueryToSearchParams } from '../entrypoints/background/api/client';
import { parseContact } from '../utils/contact';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN } from '../server/credentials';
import type { MegaServer } from '../server/mega-server';
import { cardFrame, waitFor, type Session } from './browser';
import { cdpClick, cdpDrag, cdpHeap, cdpPressEscape, evaluate, openCdpPage, type CdpBrowser } from './cdp';
import type { PageValue } from './pages';

const LEADS_PATH = '/api/agents/crm/leads';

/** A value on the page, with the normalised form the extension searches for. */
export interface Target extends PageValue {
  search: string;
}

/** Values of the server's demo leads that the extension looks up (emails and valid phones, region US). */
export function lookupValues(server: MegaServer): string[] {
  const mine = server.leads.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID);
  const emails = mine.map((lead) => lead.contact_email);
  const phones = mine.map((lead) => lead.contact_phone);
  const seen = new Set<string>();
  const values: string[] = [];
  // Alternate emails and phone numbers, so both kinds are measured.
  for (let i = 0; i < Math.max(emails.length, phones.length); i += 1) {
    for (const text of [emails[i], phones[i]]) {
      if (!text) continue;
      const contact = parseContact(text, 'US');
      if (!contact || seen.has(contact.value)) continue;
      seen.add(contact.value);
      values.push(text);
    }
  }
  return values;
}

export function targetOf(value: PageValue): Target {
  const contact = parseContact(value.text, 'US');
  if (!contact) throw new Error(`Not a lookup value: ${value.text}`);
  return { ...value, search: contact.value };
}

/** The exact request the background makes for a lookup (see utils/lookup-service.ts). */
export function lookupPath(search: string): string {
  const params = leadQueryToSearchParams({
    search,
    limit: 10,
    include_custom_fields: true,
    sort_by: 'last_interaction_at',
    sort_dir: 'desc',
  });
  return `${LEADS_PATH}?${params.toString()}`;
}

export const API_HEADERS = {
  Authorization: `Bearer ${DEMO_TOKEN}`,
  'x-customer-id': DEMO_CUSTOMER_ID,
  Accept: 'application/json',
};

/**
 * Installed in the page's main world: a capturing mouseup listener that records the event's time
 * and, when a job is armed, starts the direct fetches right there, in the same event dispatch
 * that the content script sees.
 */
function instrumentPage(): void {
  interface Job {
    urls: Record<string, string>;
    headers: Record<string, string>;
  }
  interface Run {
    up: number;
    done: Record<string, number>;
    failed: Record<string, string>;
  }
  interface Bench {
    next: Job | null;
    runs: Run[];
    /**
     * When the content script put its card layer into the page or changed it (shown, hidden):
     * the layer is an element the page can see; the frame inside its closed shadow root is not.
     */
    frameChanges: number[];
  }
  const state = window as unknown as { __bench?: Bench };
  if (state.__bench) return;
  const bench: Bench = { next: null, runs: [], frameChanges: [] };
  state.__bench = bench;
  const known = new Set(['HEAD', 'BODY']);
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const record of records) {
      const target = record.target as Element;
      if (
        record.type === 'attributes' &&
        target.parentElement === document.documentElement &&
        !known.has(target.tagName)
      ) {
        bench.frameChanges.push(at);
      }
      for (const node of record.addedNodes) {
        if (node instanceof Element && !known.has(node.tagName)) bench.frameChanges.push(at);
      }
    }
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['class'],
  });
  window.addEventListener(
    'mouseup',
    (event) => {
      const run: Run = { up: performance.timeOrigin + event.timeStamp, done: {}, failed: {} };
      bench.runs.push(run);
      const job = bench.next;
      bench.next = null;
      if (!job) return;
      for (const [key, url] of Object.entries(job.urls)) {
        fetch(url, { headers: job.headers, credentials: 'omit', cache: 'no-store' })
          .then(async (response) => {
            const body: unknown = JSON.parse(await response.text());
            if (!response.ok || typeof body !== 'object') throw new Error(`HTTP ${response.status}`);
            run.done[key] = performance.timeOrigin + performance.now();
          })
          .catch((error: unknown) => {
            run.failed[key] = String(error);
          });
      }
    },
    { capture: true },
  );
}

/** Moments of one lookup, in ms after the mouseup; undefined when not observed. */
export interface Timeline {
  /** The content script's prepareLookup message reaches the background. */
  swPrepare?: number;
  /** The content script inserts or shows the card layer. */
  frameSet?: number;
  /** First lookup on a page: the frame's navigation start, DOMContentLoaded end, load end. */
  frameNavStart?: number;
  frameDomReady?: number;
  frameLoaded?: number;
  /** First lookup on a page: the card page's HTML received, parsed, its module scripts run. */
  frameHtmlReceived?: number;
  frameDomInteractive?: number;
  frameScriptsRun?: number;
  /** The background's push of this lookup reaches the card frame (its `lead-lens:pushed` mark). */
  framePushed?: number;
  /** The card's getLookup message reaches the background. */
  swGetLookup?: number;
  /** The background's API request (resource timing in the service worker). */
  swFetchStart?: number;
  swFetchEnd?: number;
  /** The card's `lead-lens:shown` mark. */
  card: number;
}

export interface LookupSample {
  value: string;
  state: string;
  /** mouseup → card mark, ms. */
  cardMs: number;
  /** mouseup → direct fetch body read, ms, per direct fetch. */
  direct: Record<string, number>;
  timeline: Timeline;
  /** chrome.storage set() calls in the background between the mouseup and the card. */
  storageWrites: number;
  /** How long those calls held the background's thread in all, ms. */
  storageWriteMs: number;
}

export interface ShownMark {
  at: number;
  state: string;
  lookupId: string;
  navStart: number;
  domReady: number;
  loaded: number;
  /** Navigation timing of the frame's page: HTML received, parsed, deferred module scripts run. */
  htmlReceived: number;
  domInteractive: number;
  scriptsRun: number;
  /** The first `lead-lens:pushed` mark of the same lookup, or 0. */
  pushed: number;
}

/**
 * In the frame: resolves with the first `lead-lens:shown` mark later than `after` (epoch ms).
 * Plain JavaScript in a string: the TypeScript loader would wrap named inner functions in a
 * helper that does not exist in the frame.
 */
export const WAIT_FOR_MARK = `({ after, timeoutMs }) => new Promise((resolve, reject) => {
  const nav = performance.getEntriesByType('navigation')[0];
  const origin = performance.timeOrigin;
  const toMark = (entry) => {
    const at = origin + entry.startTime;
    if (entry.name !== 'lead-lens:shown' || at <= after) return null;
    const detail = entry.detail || {};
    const push = performance.getEntriesByName('lead-lens:pushed').find((p) => (p.detail || {}).lookupId === detail.lookupId && origin + p.startTime > after);
    return {
      pushed: push ? origin + push.startTime : 0,
      at,
      state: String(detail.state ?? '?'),
      lookupId: String(detail.lookupId ?? '?'),
      navStart: origin,
      domReady: nav ? origin + nav.domContentLoadedEventEnd : 0,
      loaded: nav ? origin + nav.loadEventEnd : 0,
      htmlReceived: nav ? origin + nav.responseEnd : 0,
      domInteractive: nav ? origin + nav.domInteractive : 0,
      scriptsRun: nav ? origin + nav.domContentLoadedEventStart : 0,
    };
  };
  for (const entry of performance.getEntriesByName('lead-lens:shown')) {
    const mark = toMark(entry);
    if (mark) return resolve(mark);
  }
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const mark = toMark(entry);
      if (!mark) continue;
      clearTimeout(timer);
      observer.disconnect();
      resolve(mark);
      return;
    }
  });
  const timer = setTimeout(() => {
    observer.disconnect();
    reject(new Error('no lead-lens:shown mark within ' + timeoutMs + ' ms'));
  }, timeoutMs);
  observer.observe({ type: 'mark' });
})`;

interface WorkerLog {
  messages: { type: string; at: number }[];
  fetches: { start: number; end: number }[];
  storage: { area: string; at: number; ms: number }[];
}

/**
 * In the service worker: one more runtime.onMessage listener that only notes when each message
 * arrives (it never answers, so the extension's own listener still does), and a timer around
 * chrome.storage's set() that notes how long each call holds the worker's thread (the values are
 * serialised during the call). Re-installed if the worker was restarted. Keeps the last 200 of each.
 */
const INSTALL_WORKER_LOG = `(() => {
  const g = globalThis;
  if (g.__benchLog) return;
  g.__benchLog = [];
  g.__benchStorage = [];
  const now = () => performance.timeOrigin + performance.now();
  chrome.runtime.onMessage.addListener((message) => {
    g.__benchLog.push({ type: String(message && message.type), at: now() });
    if (g.__benchLog.length > 200) g.__benchLog.shift();
  });
  for (const name of ['local', 'session']) {
    const area = chrome.storage[name];
    const set = area.set;
    area.set = function (...args) {
      const start = now();
      const result = set.apply(this, args);
      g.__benchStorage.push({ area: name, at: start, ms: now() - start });
      if (g.__benchStorage.length > 200) g.__benchStorage.shift();
      return result;
    };
  }
})()`;

/** In the service worker: the message log, and the resource timing of this value's API requests. */
const READ_WORKER_LOG = (search: string): WorkerLog => {
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const fetches = entries
    .filter(
      (entry) =>
        entry.name.includes('/api/agents/crm/leads') && new URL(entry.name).searchParams.get('search') === search,
    )
    .map((entry) => ({
      start: performance.timeOrigin + entry.startTime,
      end: performance.timeOrigin + entry.responseEnd,
    }));
  if (entries.length > 100) performance.clearResourceTimings();
  const g = globalThis as unknown as { __benchLog?: WorkerLog['messages']; __benchStorage?: WorkerLog['storage'] };
  return { messages: g.__benchLog ?? [], fetches, storage: g.__benchStorage ?? [] };
};

interface Point {
  x: number;
  y: number;
}

/**
 * What measuring a lookup needs of the browser: Playwright's (the device-copy figures) or the
 * DevTools protocol alone (cdp.ts: the selection-to-card figures, with no frame held for a driver).
 * Each `in…` runs an expression and returns its value.
 */
export interface CardDriver {
  inPage<T>(expression: string): Promise<T>;
  /** In the card frame; undefined while the page has none. */
  inCardFrame<T>(expression: string): Promise<T | undefined>;
  inWorker<T>(expression: string): Promise<T>;
  drag(from: Point, to: Point): Promise<void>;
  click(at: Point): Promise<void>;
  pressEscape(): Promise<void>;
  /** JS heap in use after a garbage collection, of the page or of its card frame. */
  heap(where: 'page' | 'card'): Promise<number>;
  close(): Promise<void>;
}

/** A new tab at `url`, driven by Playwright. */
export async function playwrightDriver(session: Session, url: string): Promise<CardDriver> {
  const page: Page = await session.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const frame = () => cardFrame(page, session.extensionOrigin ?? '');
  const heapOf = async (target: Page | NonNullable<ReturnType<typeof frame>>): Promise<number> => {
    const cdp = await session.context.newCDPSession(target);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize;
  };
  return {
    inPage: (expression) => page.evaluate(expression),
    inCardFrame: async (expression) => frame()?.evaluate(expression),
    inWorker: async (expression) => {
      if (!session.worker) throw new Error('no service worker');
      return session.worker.evaluate(expression);
    },
    drag: async (from, to) => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 4 });
      await page.mouse.up();
    },
    click: (at) => page.mouse.click(at.x, at.y),
    pressEscape: () => page.keyboard.press('Escape'),
    heap: async (where) => {
      const target = where === 'page' ? page : frame();
      if (!target) throw new Error('no card frame');
      return heapOf(target);
    },
    close: () => page.close().catch(() => undefined),
  };
}

/** A new tab at `url`, driven over the DevTools protocol alone (see cdp.ts). */
export async function cdpDriver(browser: CdpBrowser, url: string): Promise<CardDriver> {
  const { connection } = browser;
  const page = await openCdpPage(browser, url);
  return {
    inPage: (expression) => evaluate(connection, page.session, expression),
    inCardFrame: async (expression) => {
      const frame = await page.cardFrame();
      return frame === undefined ? undefined : evaluate(connection, frame, expression);
    },
    inWorker: (expression) => evaluate(connection, browser.workerSession, expression),
    drag: (from, to) => cdpDrag(connection, page.session, from, to),
    click: (at) => cdpClick(connection, page.session, at),
    pressEscape: () => cdpPressEscape(connection, page.session),
    heap: async (where) => {
      const frame = where === 'page' ? page.session : await page.cardFrame();
      if (!frame) throw new Error('no card frame');
      return cdpHeap(connection, frame);
    },
    close: () => page.close(),
  };
}

/**
 * Where to drag to select the text of the element with this id: from a quarter into its first
 * character to a quarter before the end of its last one, so the caret snaps to exactly its start
 * and end. Scrolls it into view first; clears any selection (pressing on selected text would
 * start a drag-and-drop of it instead).
 */
const DRAG_PATH = (id: string): string => `(() => {
  window.getSelection()?.removeAllRanges();
  const element = document.getElementById(${JSON.stringify(id)});
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
})()`;

/**
 * Whether the content script's card layer is shown: it is an element the page can see (the frame
 * inside its closed shadow root is not), hidden with display: none.
 */
const CARD_SHOWN = `[...document.documentElement.children].some((element) =>
  !['HEAD', 'BODY'].includes(element.tagName) && getComputedStyle(element).display !== 'none')`;

export class LookupPage {
  private constructor(private readonly driver: CardDriver) {}

  /** Instruments the driver's page (see instrumentPage) and moves the focus away from any frame. */
  static async open(driver: CardDriver): Promise<LookupPage> {
    await driver.inPage(`(${instrumentPage.toString()})()`);
    await driver.click({ x: 5, y: 5 });
    return new LookupPage(driver);
  }

  heap(where: 'page' | 'card'): Promise<number> {
    return this.driver.heap(where);
  }

  /** Closes the card the way a user does, with Escape, and waits until it is hidden. */
  async closeCard(): Promise<void> {
    await this.driver.pressEscape();
    await waitFor(
      async () => ((await this.driver.inPage<boolean>(CARD_SHOWN)) ? undefined : true),
      'the card to close',
      5_000,
      10,
    );
  }

  /**
   * Selects `target` and times the card. `direct` maps a name to an API origin: each gets a
   * direct fetch of the same request from the page, started in the mouseup dispatch.
   * `lean`: only the card time and state (no logs read, no checks), for lookups that are not
   * themselves the figure (request counts, memory).
   */
  async measure(target: Target, direct: Record<string, string> = {}, lean = false): Promise<LookupSample> {
    const { driver } = this;
    const path = lookupPath(target.search);
    const urls = Object.fromEntries(Object.entries(direct).map(([key, origin]) => [key, `${origin}${path}`]));
    const job = { urls, headers: API_HEADERS };
    const runsBefore = await driver.inPage<number>(`(() => {
      const bench = window.__bench;
      const job = ${JSON.stringify(job)};
      bench.next = Object.keys(job.urls).length > 0 ? job : null;
      return bench.runs.length;
    })()`);
    if (!lean) await driver.inWorker(INSTALL_WORKER_LOG);

    const drag = await driver.inPage<{ from: Point; to: Point } | null>(DRAG_PATH(target.id));
    if (!drag) throw new Error(`No text element #${target.id} on the page`);
    await driver.drag(drag.from, drag.to);
    const up = await waitFor(
      () => driver.inPage<number | undefined>(`window.__bench.runs[${runsBefore}]?.up`),
      'the mouseup',
    );
    const mark = await waitFor(
      () => driver.inCardFrame<ShownMark>(`(${WAIT_FOR_MARK})(${JSON.stringify({ after: up, timeoutMs: 15_000 })})`),
      'the card frame',
    );
    if (lean)
      return {
        value: target.text,
        state: mark.state,
        cardMs: mark.at - up,
        direct: {},
        timeline: { card: mark.at - up },
        storageWrites: 0,
        storageWriteMs: 0,
      };
    const keys = Object.keys(urls);
    const run = await waitFor(
      () =>
        driver.inPage<{ done: Record<string, number>; failed: Record<string, string> } | undefined>(`(() => {
          const r = window.__bench.runs[${runsBefore}];
          return r && ${JSON.stringify(keys)}.every((key) => key in r.done || key in r.failed) ? r : undefined;
        })()`),
      'the direct fetches',
    );
    const failed = Object.entries(run.failed);
    if (failed.length > 0) throw new Error(`Direct fetch failed: ${failed.map(([k, v]) => `${k}: ${v}`).join(', ')}`);
    const selected = await driver.inPage<string>(`window.getSelection()?.toString() ?? ''`);
    if (selected.trim() !== target.text) throw new Error(`Selected "${selected}" instead of "${target.text}"`);

    const after = (times: readonly number[] | undefined): number | undefined => {
      const later = (times ?? []).filter((t) => t > up);
      return later.length ? Math.min(...later) - up : undefined;
    };
    const frameChanges = await driver.inPage<number[]>('window.__bench.frameChanges');
    const log = await driver.inWorker<WorkerLog>(`(${READ_WORKER_LOG.toString()})(${JSON.stringify(target.search)})`);
    const navigated = mark.navStart > up;
    const writes = log.storage.filter((w) => w.at > up && w.at < mark.at);
    return {
      value: target.text,
      state: mark.state,
      cardMs: mark.at - up,
      direct: Object.fromEntries(keys.map((key) => [key, (run.done[key] ?? Number.NaN) - up])),
      storageWrites: writes.length,
      storageWriteMs: writes.reduce((total, w) => total + w.ms, 0),
      timeline: {
        swPrepare: after(log.messages.filter((m) => m.type === 'prepareLookup').map((m) => m.at)),
        frameSet: after(frameChanges),
        frameNavStart: navigated ? mark.navStart - up : undefined,
        frameDomReady: navigated && mark.domReady > 0 ? mark.domReady - up : undefined,
        frameLoaded: navigated && mark.loaded > 0 ? mark.loaded - up : undefined,
        frameHtmlReceived: navigated && mark.htmlReceived > 0 ? mark.htmlReceived - up : undefined,
        frameDomInteractive: navigated && mark.domInteractive > 0 ? mark.domInteractive - up : undefined,
        frameScriptsRun: navigated && mark.scriptsRun > 0 ? mark.scriptsRun - up : undefined,
        framePushed: mark.pushed > up ? mark.pushed - up : undefined,
        swGetLookup: after(log.messages.filter((m) => m.type === 'getLookup').map((m) => m.at)),
        swFetchStart: after(log.fetches.map((f) => f.start)),
        swFetchEnd: after(log.fetches.map((f) => f.end)),
        card: mark.at - up,
      },
    };
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
