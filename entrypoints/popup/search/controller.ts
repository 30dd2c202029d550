/**
 * The toolbar popup's search, as a small controller that knows nothing of the DOM or the browser.
 *
 * It turns what the user does (typing, picking a filter or a sort, asking for more) into requests
 * for the background; what the answers do to the list is merge.ts. The rules it keeps:
 * - typing is debounced, so a quickly typed query costs one request;
 * - only the newest search counts: an older reply that arrives late is dropped (the background
 *   also aborts the older request, because every request of one popup shares its `channel`);
 * - "Load more" asks for the next page with the cursor of the last page and the very same query,
 *   filters and sort; any change of those starts again from the first page, so a cursor is never
 *   used with another sort;
 * - an empty query lists the most recently updated leads, or, when there are some and no filter
 *   or sort is chosen, the leads last looked up ("Recent");
 * - with an on-device copy, every change of the query asks it at once and its answer shows at once;
 * - while the extension is not set up, nothing is requested at all.
 *
 * One file of about 300 lines: a third of it is the documented interface the popup drives; the
 * rest is the timers and requests, which only make sense together (merge.ts holds the decisions).
 */
import type { Lead } from '@/utils/api/schemas';
import type { SearchReply, SearchRequest } from '@/utils/protocol';
import {
  backToCurrent,
  currentIsWanted,
  deviceRowsAreOld,
  merge,
  rowsAreWanted,
  unanswered,
  type Answer,
  type Shown,
} from './merge';
import { newestRequest } from './newest';
import {
  asksForRecent,
  megaRequest,
  sameKey,
  searchRequest,
  wantedKey,
  type DeviceSearchReply,
  type DeviceSearchRequest,
  type SearchKey,
} from './request';
import { DEFAULT_FILTERS, NO_RESULTS, type SearchFilters, type SearchState } from './state';

export const SEARCH_DEBOUNCE_MS = 250;
export const SEARCH_PAGE_SIZE = 20;
/** The recent list is read from the background's memory at once; unanswered by then, MEGA's newest are listed. */
export const RECENT_WAIT_MS = 500;

/** A timer the controller can be given, so tests can drive the debounce. */
export interface SearchTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SearchControllerOptions {
  /** Sends one request to the background, e.g. `(request) => sendMessage('searchLeads', request)`. */
  search: (request: SearchRequest) => Promise<SearchReply>;
  /** Searches the on-device copy, answered at once; without it there is no copy to search. */
  searchDevice?: (request: DeviceSearchRequest) => Promise<DeviceSearchReply>;
  /** The leads last looked up, for the empty search box; without it the box lists MEGA's newest. */
  recentLeads?: () => Promise<Lead[]>;
  /** One id per popup, shared by all its requests, so the background can abort the older one. */
  channel: string;
  debounceMs?: number;
  pageSize?: number;
  timers?: SearchTimers;
}

export interface SearchController {
  getState(): SearchState;
  /** Calls back after every change of state; returns the function that stops it. */
  subscribe(listener: (state: SearchState) => void): () => void;
  /** Whether the extension is set up (token and customer id); a search starts once it is. */
  setConfigured(configured: boolean): void;
  /**
   * Another account is in use now: what is shown is the old account's, so it goes at once, and
   * the same search starts again from the first page (when the new account is set up).
   */
  accountChanged(configured: boolean): void;
  /** The search box changed: searches after a pause in typing. */
  setQuery(text: string): void;
  /** A filter or the sort changed: searches at once, from the first page. */
  setFilters(change: Partial<SearchFilters>): void;
  /** Searches now, without waiting for the pause (e.g. Enter in the search box). */
  searchNow(): void;
  /** Appends the next page, if there is one and nothing else is loading. */
  loadMore(): void;
  /** Repeats what failed: the first page or the next one. */
  retry(): void;
  /** Stops the timer and ignores every reply still on its way. */
  dispose(): void;
}

const defaultTimers: SearchTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createSearchController(options: SearchControllerOptions): SearchController {
  const debounceMs = options.debounceMs ?? SEARCH_DEBOUNCE_MS;
  const pageSize = options.pageSize ?? SEARCH_PAGE_SIZE;
  const timers = options.timers ?? defaultTimers;
  const listeners = new Set<(state: SearchState) => void>();
  /** MEGA's pages and the recent list: whichever was asked last answers the box. */
  const rowsAnswers = newestRequest();
  const deviceAnswers = newestRequest();

  let shown: Shown = {
    state: { phase: 'checking', query: '', filters: DEFAULT_FILTERS, resultsQuery: '', ...NO_RESULTS },
  };
  let configured: boolean | undefined;
  let disposed = false;
  let timer: unknown;
  /** The search last asked of the copy: asked again only once the box says something else. */
  let deviceAsked: SearchKey | undefined;

  /** Takes what the list shows now, and tells the listeners when the state changed. */
  function show(next: Shown): void {
    const changed = next.state !== shown.state;
    shown = next;
    if (changed) for (const listener of listeners) listener(shown.state);
  }

  function update(change: Partial<SearchState>): void {
    show({ ...shown, state: { ...shown.state, ...change } });
  }

  function answered(answer: Answer): void {
    show(merge(shown, answer));
  }

  function cancelTimer(): void {
    if (timer === undefined) return;
    timers.clear(timer);
    timer = undefined;
  }

  /** Forgets every answer: another account, or none. */
  function forgetAnswers(): void {
    rowsAnswers.forget();
    deviceAnswers.forget();
    shown = { state: shown.state };
    deviceAsked = undefined;
  }

  /** Shows MEGA's answer again when the box went back to it, and asks the copy for what it says. */
  function goBackToCurrent(): void {
    show(backToCurrent(shown));
    const wanted = wantedKey(shown.state);
    if (!rowsAreWanted(shown) && !asksForRecent(wanted)) askDevice(wanted);
  }

  /** Sends a request to MEGA and hands its reply on only while it is still the newest one. */
  function sendToMega(request: SearchRequest, onReply: (reply: SearchReply) => void): void {
    const failed: SearchReply = { ok: false, cancelled: false, failure: unanswered() };
    rowsAnswers.send(
      () => options.search(request),
      (reply) => onReply(reply ?? failed),
      () => onReply(failed),
    );
  }

  /** Asks the copy for this search, unless it was the last one asked. */
  function askDevice(key: SearchKey): void {
    const { searchDevice } = options;
    if (!searchDevice || (deviceAsked && sameKey(deviceAsked, key))) return;
    deviceAsked = key;
    shown = { ...shown, device: undefined };
    deviceAnswers.send(
      () => searchDevice(searchRequest(key, pageSize)),
      (reply) => {
        if (!reply || !Array.isArray(reply.leads)) return;
        answered({ from: 'device', key, leads: reply.leads, total: reply.total });
      },
      // No copy to ask (or it could not answer): MEGA's answer is all there is.
      () => undefined,
    );
  }

  function askMega(key: SearchKey): void {
    askDevice(key);
    sendToMega(megaRequest(options.channel, key, pageSize), (reply) => answered({ from: 'mega', key, reply }));
  }

  /** Lists the leads last looked up, or MEGA's newest when there are none or they do not come at once. */
  function askRecent(key: SearchKey, recentLeads: () => Promise<Lead[]>): void {
    let done = false;
    const settle = (recent: Lead[]) => {
      if (done || !isNewest()) return;
      done = true;
      timers.clear(waiting);
      if (recent.length === 0) askMega(key);
      else answered({ from: 'recent', key, leads: recent });
    };
    // `settle` only runs once the timer or the answer comes, after both are set.
    const isNewest = rowsAnswers.send(
      recentLeads,
      (recent) => settle(Array.isArray(recent) ? recent : []),
      () => settle([]),
    );
    const waiting = timers.set(() => settle([]), RECENT_WAIT_MS);
  }

  function startSearch(): void {
    cancelTimer();
    if (disposed || !configured) return;
    const key = wantedKey(shown.state);
    shown = { ...shown, current: key, megaFailedFor: undefined };
    show(deviceRowsAreOld(shown));
    update({ phase: 'loading', loadingMore: false, failure: null, failedDuring: null, megaFailure: null });
    if (asksForRecent(key) && options.recentLeads) askRecent(key, options.recentLeads);
    else askMega(key);
  }

  function fetchNextPage(): void {
    const key = shown.current;
    const cursor = shown.state.nextCursor;
    if (!key || cursor === null) return;
    update({ loadingMore: true, failure: null, failedDuring: null, phase: 'ready' });
    sendToMega(megaRequest(options.channel, key, pageSize, cursor), (reply) => answered({ from: 'more', key, reply }));
  }

  /** Searches when what the user asks for differs from what is shown or loading. */
  function searchIfChanged(): void {
    if (currentIsWanted(shown)) {
      cancelTimer();
      goBackToCurrent();
      return;
    }
    startSearch();
  }

  return {
    getState: () => shown.state,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    setConfigured(next) {
      if (disposed || next === configured) return;
      configured = next;
      if (next) {
        startSearch();
      } else {
        cancelTimer();
        forgetAnswers();
        update({ phase: 'unconfigured', ...NO_RESULTS });
      }
    },

    accountChanged(next) {
      if (disposed) return;
      cancelTimer();
      forgetAnswers();
      configured = next;
      update({ phase: next ? 'loading' : 'unconfigured', ...NO_RESULTS });
      if (next) startSearch();
    },

    setQuery(text) {
      if (disposed || text === shown.state.query) return;
      update({ query: text });
      if (!configured) return;
      cancelTimer();
      // Only a change that alters the request waits for the pause (not a trailing space).
      if (currentIsWanted(shown)) {
        goBackToCurrent();
        return;
      }
      show(deviceRowsAreOld(shown));
      // The copy answers at once: asked on every change, not after the pause.
      const wanted = wantedKey(shown.state);
      if (!asksForRecent(wanted)) askDevice(wanted);
      timer = timers.set(() => {
        timer = undefined;
        searchIfChanged();
      }, debounceMs);
    },

    setFilters(change) {
      if (disposed) return;
      update({ filters: { ...shown.state.filters, ...change } });
      if (configured) searchIfChanged();
    },

    searchNow() {
      if (!disposed && configured) searchIfChanged();
    },

    loadMore() {
      if (disposed || !configured || shown.state.loadingMore) return;
      if (shown.state.phase !== 'ready' || timer !== undefined) return;
      fetchNextPage();
    },

    retry() {
      if (disposed || !configured) return;
      if (shown.state.failedDuring === 'more') fetchNextPage();
      else startSearch();
    },

    dispose() {
      disposed = true;
      cancelTimer();
      rowsAnswers.forget();
      deviceAnswers.forget();
      listeners.clear();
    },
  };
}
