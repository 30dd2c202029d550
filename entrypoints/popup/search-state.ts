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
 * - an empty query lists the most recently updated leads, or, when there are some and no filter
 *   or sort is chosen, the leads last looked up ("Recent");
 * - with an on-device copy, every change of the query asks it at once and its answer shows at
 *   once; MEGA's answer, when it comes, replaces it, merged with what only the copy found (MEGA's
 *   version of a lead wins; "Load more" goes on from MEGA's cursor). When MEGA's answer fails,
 *   the copy's rows stay and the failure is said quietly;
 * - while the extension is not set up, nothing is requested at all.
 */
import type { ApiFailure } from '@/utils/api/errors';
import type { Lead, LeadLine, SortDirection, SortField } from '@/utils/api/schemas';
import type { ProtocolMap, SearchReply, SearchRequest } from '@/utils/protocol';

/** A search of the on-device copy, as the background takes it. */
export type DeviceSearchRequest = Parameters<ProtocolMap['searchDevice']>[0];
/** The copy's answer; null when the active account keeps no usable copy. */
export type DeviceSearchReply = Awaited<ReturnType<ProtocolMap['searchDevice']>>;

export const SEARCH_DEBOUNCE_MS = 250;
export const SEARCH_PAGE_SIZE = 20;
/** The recent list is read from the background's memory at once; unanswered by then, MEGA's newest are listed. */
export const RECENT_WAIT_MS = 500;

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
  /** What the rows are: the answer to a search, or the leads last looked up. */
  showing: 'results' | 'recent';
  /**
   * The rows are the on-device copy's answer to what the box says now: MEGA's answer is on its
   * way, or it failed (`megaFailure`).
   */
  fromDevice: boolean;
  /** MEGA's answer to this search failed while the copy's rows stay: said quietly, with Try again. */
  megaFailure: ApiFailure | null;
}

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

/** What MEGA answered (every page so far), or the recent list, for one search. */
interface Settled {
  key: SearchKey;
  showing: SearchState['showing'];
  leads: Lead[];
  total: number;
  nextCursor: string | null;
}

/** The same search of the copy: filters and sort as for MEGA, one page from the start. */
export function deviceSearchRequest(key: SearchKey, limit: number): DeviceSearchRequest {
  const request: DeviceSearchRequest = {
    search: key.search,
    sort_by: key.filters.sortBy,
    sort_dir: key.filters.sortDir,
    limit,
  };
  if (key.filters.status) request.status = key.filters.status;
  if (key.filters.leadLine) request.lead_line = key.filters.leadLine;
  return request;
}

/**
 * An empty box with the filters and sort as they start: the popup lists the leads last looked up,
 * when there are some. A filter or sort the user picks asks for MEGA's listing instead.
 */
function asksForRecent(key: SearchKey): boolean {
  return key.search === '' && sameKey(key, { search: '', filters: DEFAULT_FILTERS });
}

/** What the popup shows when the background could not be asked or gave no usable answer. */
function unanswered(): ApiFailure {
  return { kind: 'unknown', reason: 'search-unanswered' };
}

/** No results and nothing going wrong: a list emptied for a new start. */
const NO_RESULTS = {
  leads: [],
  total: null,
  nextCursor: null,
  loadingMore: false,
  failure: null,
  failedDuring: null,
  showing: 'results',
  fromDevice: false,
  megaFailure: null,
} as const satisfies Partial<SearchState>;

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
    ...NO_RESULTS,
  };
  let configured: boolean | undefined;
  let disposed = false;
  let timer: unknown;
  /** Bumped by every request and by anything that makes the replies on their way stale. */
  let generation = 0;
  /** The search the shown results (or the one loading) belong to. */
  let current: SearchKey | undefined;
  /** The search the rows on screen answer. */
  let shownKey: SearchKey | undefined;
  /**
   * MEGA's answer (every page so far) or the recent list, for the search it answers: shown unless
   * the copy's rows for a newer search are, and shown again when the box goes back to it.
   */
  let settled: Settled | undefined;
  /** The same as `generation`, for the copy's answers. */
  let deviceGeneration = 0;
  /** The search last asked of the copy, and its answer once it came. */
  let deviceAsked: SearchKey | undefined;
  let deviceAnswer: { key: SearchKey; leads: Lead[]; total: number } | undefined;
  /** The search whose MEGA answer failed while the copy's rows stayed: typed again, it is asked again. */
  let megaFailedFor: SearchKey | undefined;

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

  const isWanted = (key: SearchKey | undefined) => key !== undefined && sameKey(key, wantedKey());

  /** Forgets every answer: another account, or none. */
  function forgetAnswers(): void {
    generation += 1;
    deviceGeneration += 1;
    current = undefined;
    shownKey = undefined;
    settled = undefined;
    deviceAsked = undefined;
    deviceAnswer = undefined;
    megaFailedFor = undefined;
  }

  /** Whether the search shown or loading is the one wanted, and nothing about it failed. */
  function currentIsWanted(): boolean {
    return isWanted(current) && state.phase !== 'failed' && !isWanted(megaFailedFor);
  }

  /**
   * The box (or a filter) went back to the search shown or loading, before the pause ended: what
   * MEGA answered for it shows again at once, when the copy's rows for another one replaced it.
   */
  function backToCurrent(): void {
    const wanted = wantedKey();
    if (!isWanted(shownKey) && settled && sameKey(settled.key, wanted)) showSettled(settled);
    else deviceRowsAreOld();
    if (!isWanted(shownKey) && !asksForRecent(wanted)) askDevice(wanted);
  }

  /** The copy's rows no longer answer what the box says: they are old rows now, like MEGA's. */
  function deviceRowsAreOld(): void {
    if (state.fromDevice && !isWanted(shownKey)) update({ fromDevice: false, megaFailure: null });
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

  /** Shows MEGA's answer (or the recent list), with what only the copy found for the same search. */
  function showSettled(answer: Settled): void {
    const copy = deviceAnswer;
    const extra = answer.showing === 'results' && copy && sameKey(copy.key, answer.key) ? copy.leads : [];
    shownKey = answer.key;
    update({
      phase: 'ready',
      showing: answer.showing,
      resultsQuery: answer.key.search,
      leads: uniqueLeads(answer.leads, extra),
      total: answer.total,
      nextCursor: answer.nextCursor,
      loadingMore: false,
      failure: null,
      failedDuring: null,
      fromDevice: false,
      megaFailure: null,
    });
  }

  /** Asks the copy for this search, unless it was the last one asked. */
  function askDevice(key: SearchKey): void {
    if (!options.searchDevice || (deviceAsked && sameKey(deviceAsked, key))) return;
    deviceAsked = key;
    deviceAnswer = undefined;
    const mine = ++deviceGeneration;
    let sent: Promise<DeviceSearchReply>;
    try {
      sent = options.searchDevice(deviceSearchRequest(key, pageSize));
    } catch {
      return;
    }
    sent.then(
      (reply) => {
        if (disposed || mine !== deviceGeneration || !reply || !Array.isArray(reply.leads)) return;
        deviceAnswer = { key, leads: reply.leads, total: reply.total };
        showDeviceAnswer();
      },
      // No copy to ask (or it could not answer): MEGA's answer is all there is.
      () => undefined,
    );
  }

  function showDeviceAnswer(): void {
    const answer = deviceAnswer;
    if (!answer || !isWanted(answer.key)) return;
    const failedHere = state.phase === 'failed' && state.failedDuring === 'search' && isWanted(current);
    if (!state.fromDevice && !failedHere && shownKey && sameKey(shownKey, answer.key)) {
      // MEGA answered first: its rows stay, and the copy adds what MEGA did not send.
      if (settled && sameKey(settled.key, answer.key) && settled.showing === 'results') {
        settled = { ...settled, leads: uniqueLeads(settled.leads, answer.leads) };
        update({ leads: uniqueLeads(state.leads, answer.leads) });
      }
      return;
    }
    if (answer.leads.length === 0 && !state.fromDevice) return;
    if (failedHere && answer.leads.length === 0) return;
    const quietlyFailed = state.fromDevice && state.megaFailure !== null && isWanted(shownKey);
    shownKey = answer.key;
    update({
      phase: failedHere || quietlyFailed ? 'ready' : 'loading',
      showing: 'results',
      resultsQuery: answer.key.search,
      leads: answer.leads,
      total: answer.total,
      nextCursor: null,
      loadingMore: false,
      fromDevice: true,
      megaFailure: failedHere ? state.failure : state.megaFailure,
      failure: null,
      failedDuring: null,
    });
  }

  function askMega(key: SearchKey): void {
    askDevice(key);
    send(searchRequest(options.channel, key, { limit: pageSize }), (reply) => {
      // The copy's rows for a newer search stay until MEGA answers that one.
      const supplanted = state.fromDevice && !isWanted(key);
      if (reply.ok) {
        const { leads, total, next_cursor: nextCursor } = reply.page;
        settled = { key, showing: 'results', leads: uniqueLeads([], leads), total, nextCursor };
        if (!supplanted) showSettled(settled);
        return;
      }
      if (supplanted) return;
      const failure = failureOf(reply);
      if (state.fromDevice && state.leads.length > 0) {
        megaFailedFor = key;
        update({ phase: 'ready', megaFailure: failure, failure: null, failedDuring: null });
        return;
      }
      shownKey = key;
      update({
        phase: 'failed',
        showing: 'results',
        resultsQuery: key.search,
        leads: [],
        total: null,
        nextCursor: null,
        failure,
        failedDuring: 'search',
        fromDevice: false,
        megaFailure: null,
      });
    });
  }

  function startSearch(): void {
    cancelTimer();
    if (disposed || !configured) return;
    const key = wantedKey();
    current = key;
    megaFailedFor = undefined;
    deviceRowsAreOld();
    update({ phase: 'loading', loadingMore: false, failure: null, failedDuring: null, megaFailure: null });
    if (!asksForRecent(key) || !options.recentLeads) {
      askMega(key);
      return;
    }
    const mine = ++generation;
    let asked: Promise<Lead[]>;
    try {
      asked = options.recentLeads();
    } catch {
      asked = Promise.reject(new Error('not sent'));
    }
    let answered = false;
    const settle = (recent: Lead[]) => {
      if (answered || disposed || mine !== generation) return;
      answered = true;
      timers.clear(waiting);
      if (recent.length === 0) {
        askMega(key);
        return;
      }
      const leads = uniqueLeads([], recent);
      settled = { key, showing: 'recent', leads, total: leads.length, nextCursor: null };
      showSettled(settled);
    };
    // Declared after `settle`, which only runs once the timer or the answer comes.
    const waiting = timers.set(() => settle([]), RECENT_WAIT_MS);
    asked.then(
      (recent) => settle(Array.isArray(recent) ? recent : []),
      () => settle([]),
    );
  }

  function fetchNextPage(): void {
    const key = current;
    const cursor = state.nextCursor;
    if (!key || cursor === null) return;
    update({ loadingMore: true, failure: null, failedDuring: null, phase: 'ready' });
    send(searchRequest(options.channel, key, { cursor, limit: pageSize }), (reply) => {
      if (reply.ok) {
        if (settled && sameKey(settled.key, key)) {
          const { leads, total, next_cursor: nextCursor } = reply.page;
          settled = { ...settled, leads: mergeLeads(settled.leads, leads), total, nextCursor };
        }
        if (state.fromDevice) {
          update({ loadingMore: false });
          return;
        }
        update({
          loadingMore: false,
          leads: mergeLeads(state.leads, reply.page.leads),
          total: reply.page.total,
          nextCursor: reply.page.next_cursor,
        });
      } else if (state.fromDevice) {
        update({ loadingMore: false });
      } else {
        // The rows already shown stay; only the next page failed.
        update({ loadingMore: false, phase: 'failed', failure: failureOf(reply), failedDuring: 'more' });
      }
    });
  }

  /** Searches when what the user asks for differs from what is shown or loading. */
  function searchIfChanged(): void {
    if (currentIsWanted()) {
      cancelTimer();
      backToCurrent();
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
        forgetAnswers();
        update({
          phase: 'unconfigured',
          ...NO_RESULTS,
        });
      }
    },

    accountChanged(next) {
      if (disposed) return;
      cancelTimer();
      forgetAnswers();
      configured = next;
      update({
        phase: next ? 'loading' : 'unconfigured',
        ...NO_RESULTS,
      });
      if (next) startSearch();
    },

    setQuery(text) {
      if (disposed || text === state.query) return;
      update({ query: text });
      if (!configured) return;
      cancelTimer();
      // Only a change that alters the request waits for the pause (not a trailing space).
      if (currentIsWanted()) {
        backToCurrent();
        return;
      }
      deviceRowsAreOld();
      // The copy answers at once: asked on every change, not after the pause.
      if (!asksForRecent(wantedKey())) askDevice(wantedKey());
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
      deviceGeneration += 1;
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

/**
 * The next page from MEGA added to the rows shown: a lead already shown (perhaps the copy's
 * version of it) takes MEGA's newer version in its place; the others are appended.
 */
function mergeLeads(shown: Lead[], page: Lead[]): Lead[] {
  const fresh = new Map(page.map((lead) => [lead.id, lead]));
  const kept = shown.map((lead) => fresh.get(lead.id) ?? lead);
  return uniqueLeads(kept, page);
}
