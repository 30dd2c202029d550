/**
 * The toolbar popup's search, as a small controller that knows nothing of the DOM or the browser.
 *
 * It turns what the user does (typing, picking a filter or a sort, asking for more) into requests
 * for the background, and the replies into one state the popup draws. The rules it keeps:
 * - typing is debounced, so a quickly typed query costs one request;
 * - only the newest search counts: an older reply that arrives late is dropped (the background
 *   also aborts the older request, because every request of one popup shares its `channel`);
 * - "Load more" asks for the next page with the cursor of the last page and the very same query,
 *   filters and sort; any change of those starts again from the first page, so a cursor is never
 *   used with another sort;
 * - an empty query lists the most recently updated leads;
 * - while the extension is not set up, nothing is requested at all.
 */
import type { ApiFailure } from '@/utils/api/errors';
import type { Lead, LeadLine, SortDirection, SortField } from '@/utils/api/schemas';
import type { SearchReply, SearchRequest } from '@/utils/protocol';

export const SEARCH_DEBOUNCE_MS = 250;
export const SEARCH_PAGE_SIZE = 20;

export interface SearchFilters {
  /** A lead status, or '' for any. */
  status: string;
  /** Buyers or sellers only, or '' for both. */
  leadLine: LeadLine | '';
  sortBy: SortField;
  sortDir: SortDirection;
}

/** Newest first by last update: what the popup shows before the user asks for anything else. */
export const DEFAULT_FILTERS: SearchFilters = {
  status: '',
  leadLine: '',
  sortBy: 'updated_at',
  sortDir: 'desc',
};

export type SearchPhase =
  /** Not yet known whether the extension is set up. */
  | 'checking'
  /** No token or customer id: the popup asks the user to open the settings. */
  | 'unconfigured'
  /** A first page is on its way; `leads` may still hold the previous search's results. */
  | 'loading'
  | 'ready'
  | 'failed';

export interface SearchState {
  phase: SearchPhase;
  /** The text in the search box. */
  query: string;
  filters: SearchFilters;
  /** The query the shown results answer (trimmed), e.g. for "No leads match …". */
  resultsQuery: string;
  leads: Lead[];
  /** How many leads match in all, or null before the first answer. */
  total: number | null;
  nextCursor: string | null;
  /** "Load more" is on its way. */
  loadingMore: boolean;
  failure: ApiFailure | null;
  /** What failed: the first page (the results are gone) or the next one (they stay). */
  failedDuring: 'search' | 'more' | null;
}

/** A timer the controller can be given, so tests can drive the debounce. */
export interface SearchTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SearchControllerOptions {
  /** Sends one request to the background, e.g. `(request) => sendMessage('searchLeads', request)`. */
  search: (request: SearchRequest) => Promise<SearchReply>;
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

/** The query, filters and sort of one search: every page of it is asked for with these. */
interface SearchKey {
  search: string;
  filters: SearchFilters;
}

function sameKey(a: SearchKey, b: SearchKey): boolean {
  return (
    a.search === b.search &&
    a.filters.status === b.filters.status &&
    a.filters.leadLine === b.filters.leadLine &&
    a.filters.sortBy === b.filters.sortBy &&
    a.filters.sortDir === b.filters.sortDir
  );
}

/** The request for one page; absent filters are left out rather than sent empty. */
export function searchRequest(
  channel: string,
  key: SearchKey,
  page: { cursor?: string; limit?: number } = {},
): SearchRequest {
  const request: SearchRequest = {
    channel,
    search: key.search,
    sort_by: key.filters.sortBy,
    sort_dir: key.filters.sortDir,
  };
  if (key.filters.status) request.status = key.filters.status;
  if (key.filters.leadLine) request.lead_line = key.filters.leadLine;
  if (page.cursor !== undefined) request.cursor = page.cursor;
  if (page.limit !== undefined) request.limit = page.limit;
  return request;
}

/** What the popup shows when the background could not be asked or gave no usable answer. */
function unanswered(): ApiFailure {
  return { kind: 'unknown', reason: 'search-unanswered' };
}

export function createSearchController(options: SearchControllerOptions): SearchController {
  const debounceMs = options.debounceMs ?? SEARCH_DEBOUNCE_MS;
  const pageSize = options.pageSize ?? SEARCH_PAGE_SIZE;
  const timers = options.timers ?? defaultTimers;
  const listeners = new Set<(state: SearchState) => void>();

  let state: SearchState = {
    phase: 'checking',
    query: '',
    filters: DEFAULT_FILTERS,
    resultsQuery: '',
    leads: [],
    total: null,
    nextCursor: null,
    loadingMore: false,
    failure: null,
    failedDuring: null,
  };
  let configured: boolean | undefined;
  let disposed = false;
  let timer: unknown;
  /** Bumped by every request and by anything that makes the replies on their way stale. */
  let generation = 0;
  /** The search the shown results (or the one loading) belong to. */
  let current: SearchKey | undefined;

  function update(change: Partial<SearchState>): void {
    state = { ...state, ...change };
    for (const listener of listeners) listener(state);
  }

  function cancelTimer(): void {
    if (timer === undefined) return;
    timers.clear(timer);
    timer = undefined;
  }

  function wantedKey(): SearchKey {
    return { search: state.query.trim(), filters: state.filters };
  }

  /** Sends a request and hands its reply on only while it is still the newest one. */
  function send(request: SearchRequest, onReply: (reply: SearchReply) => void): void {
    const mine = ++generation;
    const settle = (reply: SearchReply) => {
      if (disposed || mine !== generation) return;
      onReply(reply);
    };
    let sent: Promise<SearchReply>;
    try {
      sent = options.search(request);
    } catch {
      sent = Promise.reject(new Error('not sent'));
    }
    sent.then(
      (reply) => settle(reply ?? { ok: false, cancelled: false, failure: unanswered() }),
      () => settle({ ok: false, cancelled: false, failure: unanswered() }),
    );
  }

  /** A reply to the newest request that says "cancelled": nothing newer replaced it, so say so. */
  function failureOf(reply: Exclude<SearchReply, { ok: true }>): ApiFailure {
    return reply.cancelled ? unanswered() : reply.failure;
  }

  function startSearch(): void {
    cancelTimer();
    if (disposed || !configured) return;
    const key = wantedKey();
    current = key;
    update({ phase: 'loading', loadingMore: false, failure: null, failedDuring: null });
    send(searchRequest(options.channel, key, { limit: pageSize }), (reply) => {
      if (reply.ok) {
        update({
          phase: 'ready',
          resultsQuery: key.search,
          leads: uniqueLeads([], reply.page.leads),
          total: reply.page.total,
          nextCursor: reply.page.next_cursor,
        });
      } else {
        update({
          phase: 'failed',
          resultsQuery: key.search,
          leads: [],
          total: null,
          nextCursor: null,
          failure: failureOf(reply),
          failedDuring: 'search',
        });
      }
    });
  }

  function fetchNextPage(): void {
    const key = current;
    const cursor = state.nextCursor;
    if (!key || cursor === null) return;
    update({ loadingMore: true, failure: null, failedDuring: null, phase: 'ready' });
    send(searchRequest(options.channel, key, { cursor, limit: pageSize }), (reply) => {
      if (reply.ok) {
        update({
          loadingMore: false,
          leads: uniqueLeads(state.leads, reply.page.leads),
          total: reply.page.total,
          nextCursor: reply.page.next_cursor,
        });
      } else {
        // The rows already shown stay; only the next page failed.
        update({ loadingMore: false, phase: 'failed', failure: failureOf(reply), failedDuring: 'more' });
      }
    });
  }

  /** Searches when what the user asks for differs from what is shown or loading. */
  function searchIfChanged(): void {
    if (current && sameKey(current, wantedKey()) && state.phase !== 'failed') {
      cancelTimer();
      return;
    }
    startSearch();
  }

  return {
    getState: () => state,

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
        generation += 1;
        current = undefined;
        update({
          phase: 'unconfigured',
          leads: [],
          total: null,
          nextCursor: null,
          loadingMore: false,
          failure: null,
          failedDuring: null,
        });
      }
    },

    accountChanged(next) {
      if (disposed) return;
      cancelTimer();
      generation += 1;
      current = undefined;
      configured = next;
      update({
        phase: next ? 'loading' : 'unconfigured',
        leads: [],
        total: null,
        nextCursor: null,
        loadingMore: false,
        failure: null,
        failedDuring: null,
      });
      if (next) startSearch();
    },

    setQuery(text) {
      if (disposed || text === state.query) return;
      update({ query: text });
      if (!configured) return;
      cancelTimer();
      // Only a change that alters the request waits for the pause (not a trailing space).
      if (current && sameKey(current, wantedKey()) && state.phase !== 'failed') return;
      timer = timers.set(() => {
        timer = undefined;
        searchIfChanged();
      }, debounceMs);
    },

    setFilters(change) {
      if (disposed) return;
      update({ filters: { ...state.filters, ...change } });
      if (configured) searchIfChanged();
    },

    searchNow() {
      if (!disposed && configured) searchIfChanged();
    },

    loadMore() {
      if (disposed || !configured || state.loadingMore) return;
      if (state.phase !== 'ready' || timer !== undefined) return;
      fetchNextPage();
    },

    retry() {
      if (disposed || !configured) return;
      if (state.failedDuring === 'more') fetchNextPage();
      else startSearch();
    },

    dispose() {
      disposed = true;
      cancelTimer();
      generation += 1;
      listeners.clear();
    },
  };
}

/** The leads already shown, then those of the new page that are not among them. */
function uniqueLeads(shown: Lead[], page: Lead[]): Lead[] {
  const seen = new Set(shown.map((lead) => lead.id));
  const added: Lead[] = [];
  for (const lead of page) {
    if (seen.has(lead.id)) continue;
    seen.add(lead.id);
    added.push(lead);
  }
  return shown.length === 0 ? added : [...shown, ...added];
}
