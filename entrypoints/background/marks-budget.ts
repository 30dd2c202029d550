/**
 * How many values the pages of a site may ask the known-lead marks about: per page load, and per
 * site per day (the numbers, and why, are in utils/marks.ts). Past either, the page's marks stop
 * and the popup says so. A value counts once per load and once per site a day, however often it
 * is asked about, so reading the same inbox again costs nothing.
 *
 * The counts live in session storage, which content scripts cannot read, and hold each value as
 * the start of its SHA-256 digest, never as written on the page.
 */
import { VALUES_PER_PAGE_LOAD, VALUES_PER_SITE_A_DAY, type MarksStop } from '@/utils/marks';
import type { MarksBudgetState } from '@/utils/storage';

export type { MarksBudgetState };

export interface MarksBudgetStore {
  load(): Promise<MarksBudgetState | null>;
  save(state: MarksBudgetState): Promise<void>;
}

export interface MarksBudgetOptions {
  perLoad?: number;
  perDay?: number;
  now?: () => number;
}

/** Tabs remembered; the oldest go first (a closed tab's count is of no use). */
const MAX_TABS = 200;
/** Hex digits kept of each value's digest: no two values of a day's 2,000 share them in practice. */
const DIGEST_HEX = 16;

async function digest(value: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  return Array.from(bytes.subarray(0, DIGEST_HEX / 2), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function createMarksBudget(store: MarksBudgetStore, options: MarksBudgetOptions = {}) {
  const perLoad = options.perLoad ?? VALUES_PER_PAGE_LOAD;
  const perDay = options.perDay ?? VALUES_PER_SITE_A_DAY;
  const now = options.now ?? Date.now;
  /** One change at a time: two pages asking at once must not both count from the same total. */
  let queue: Promise<unknown> = Promise.resolve();

  function serially<T>(work: (state: MarksBudgetState) => Promise<T>): Promise<T> {
    const run = queue.then(async () => {
      const today = new Date(now()).toDateString();
      const saved = await store.load().catch(() => null);
      const state: MarksBudgetState = saved?.day === today ? saved : { day: today, sites: {}, tabs: saved?.tabs ?? {} };
      return work(state);
    });
    queue = run.catch(() => undefined);
    return run;
  }

  /** The tab's entry for this load: a new load starts from nothing. */
  function tabEntry(state: MarksBudgetState, tabId: number, load: string) {
    const key = String(tabId);
    let entry = state.tabs[key];
    if (!entry || entry.load !== load) {
      entry = { load, values: [], stopped: null };
      delete state.tabs[key];
      state.tabs[key] = entry;
      const keys = Object.keys(state.tabs);
      for (const old of keys.slice(0, Math.max(0, keys.length - MAX_TABS))) delete state.tabs[old];
    }
    return entry;
  }

  async function save(state: MarksBudgetState): Promise<void> {
    await store.save(state).catch(() => undefined);
  }

  return {
    /**
     * Counts these values for the page load `load` in `tabId` on `site`; null when they may be
     * answered, or why marks stop on the page (then nothing of them is counted).
     */
    take(tabId: number, load: string, site: string, values: readonly string[]): Promise<MarksStop | null> {
      return serially(async (state) => {
        const entry = tabEntry(state, tabId, load);
        if (entry.stopped) return entry.stopped;
        const digests = await Promise.all([...new Set(values)].map(digest));
        const forLoad = digests.filter((value) => !entry.values.includes(value));
        const siteValues = state.sites[site] ?? [];
        const forSite = digests.filter((value) => !siteValues.includes(value));
        if (entry.values.length + forLoad.length > perLoad) entry.stopped = 'page';
        else if (siteValues.length + forSite.length > perDay) entry.stopped = 'day';
        else {
          entry.values.push(...forLoad);
          state.sites[site] = [...siteValues, ...forSite];
        }
        await save(state);
        return entry.stopped;
      });
    },
    /** The marks script stopped itself on this page load (the page added values in bulk). */
    stop(tabId: number, load: string, reason: MarksStop): Promise<void> {
      return serially(async (state) => {
        tabEntry(state, tabId, load).stopped ??= reason;
        await save(state);
      });
    },
    /** Why marks stopped on the page open in this tab, or null. */
    stoppedIn(tabId: number): Promise<MarksStop | null> {
      return serially(async (state) => state.tabs[String(tabId)]?.stopped ?? null);
    },
  };
}

export type MarksBudget = ReturnType<typeof createMarksBudget>;
