import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failureText, type ApiFailure } from '@/utils/api/errors';
import type { Lead, LeadPage } from '@/utils/api/schemas';
import type { SearchReply, SearchRequest } from '@/utils/protocol';
import {
  createSearchController,
  RECENT_WAIT_MS,
  SEARCH_DEBOUNCE_MS,
  SEARCH_PAGE_SIZE,
  type DeviceSearchReply,
  type DeviceSearchRequest,
  type SearchController,
} from './search-state';

function lead(id: string): Lead {
  return {
    id,
    customer_id: 'customer',
    source_platform: 'direct',
    source_type: 'form',
    status: 'active',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    contact_name: `Lead ${id}`,
  };
}

function page(ids: string[], total: number, nextCursor: string | null): SearchReply {
  const body: LeadPage = { leads: ids.map(lead), total, limit: SEARCH_PAGE_SIZE, offset: 0, next_cursor: nextCursor };
  return { ok: true, page: body };
}

interface Pending {
  request: SearchRequest;
  reply(value: SearchReply): Promise<void>;
  fail(error: unknown): Promise<void>;
}

/** A stand-in for the background: every request waits until the test answers it. */
function fakeBackground() {
  const requests: Pending[] = [];
  const search = vi.fn((request: SearchRequest) => {
    return new Promise<SearchReply>((resolve, reject) => {
      requests.push({
        request,
        // Answering lets the controller's promise callbacks run before the test goes on.
        reply: async (value) => {
          resolve(value);
          await flush();
        },
        fail: async (error) => {
          reject(error);
          await flush();
        },
      });
    });
  });
  return { search, requests, last: () => requests.at(-1)! };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await Promise.resolve();
}

let background: ReturnType<typeof fakeBackground>;
let controller: SearchController;

beforeEach(() => {
  vi.useFakeTimers();
  background = fakeBackground();
  controller = createSearchController({ search: background.search, channel: 'popup-1' });
});

afterEach(() => {
  controller.dispose();
  vi.useRealTimers();
});

/** Types the text one key at a time, `gapMs` apart, as a person would. */
function type(text: string, gapMs = 40, from = ''): void {
  let value = from;
  for (const key of text) {
    value += key;
    controller.setQuery(value);
    vi.advanceTimersByTime(gapMs);
  }
}

describe('before the first search', () => {
  it('makes no request while it is not known whether the extension is set up', () => {
    type('garcia');
    vi.advanceTimersByTime(1_000);
    expect(background.search).not.toHaveBeenCalled();
    expect(controller.getState().phase).toBe('checking');
  });

  it('makes no request at all when the extension is not set up, whatever the user does', () => {
    controller.setConfigured(false);
    type('garcia');
    controller.setFilters({ status: 'won' });
    controller.searchNow();
    controller.loadMore();
    controller.retry();
    vi.advanceTimersByTime(1_000);
    expect(background.search).not.toHaveBeenCalled();
    expect(controller.getState()).toMatchObject({ phase: 'unconfigured', query: 'garcia', leads: [] });
  });

  it('asks at once for the most recently updated leads when the query is empty', () => {
    controller.setConfigured(true);
    expect(background.search).toHaveBeenCalledTimes(1);
    // Strict: filters the user did not choose are left out of the request, not sent empty.
    expect(background.last().request).toStrictEqual({
      channel: 'popup-1',
      search: '',
      sort_by: 'updated_at',
      sort_dir: 'desc',
      limit: SEARCH_PAGE_SIZE,
    });
    expect(controller.getState().phase).toBe('loading');
  });

  it('searches for what was typed while the status was being checked', () => {
    type('garcia');
    controller.setConfigured(true);
    expect(background.search).toHaveBeenCalledTimes(1);
    expect(background.last().request.search).toBe('garcia');
  });

  it('stops searching and drops a late reply when the settings lose the token', async () => {
    controller.setConfigured(true);
    const first = background.last();
    controller.setConfigured(false);
    await first.reply(page(['1'], 1, null));
    expect(controller.getState()).toMatchObject({ phase: 'unconfigured', leads: [] });
  });
});

describe('debounce', () => {
  beforeEach(async () => {
    controller.setConfigured(true);
    await background.last().reply(page(['1', '2'], 2, null));
    background.search.mockClear();
  });

  it('sends one request for ten quick keystrokes, after the pause', () => {
    type('maria garc', 40);
    expect(background.search).not.toHaveBeenCalled();
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(background.search).toHaveBeenCalledTimes(1);
    expect(background.last().request.search).toBe('maria garc');
  });

  it('sends one request per pause when the user stops and goes on', () => {
    type('mar', 40);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    type('ia', 40, 'mar');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(background.search.mock.calls.map(([request]) => request.search)).toEqual(['mar', 'maria']);
  });

  it('sends nothing for a change that does not alter the query (spaces around it)', async () => {
    type('garcia');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply(page(['1'], 1, null));
    controller.setQuery('garcia ');
    controller.setQuery(' garcia ');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    expect(background.search).toHaveBeenCalledTimes(1);
  });

  it('sends nothing when the text goes back to what is shown before the pause ends', () => {
    controller.setQuery('g');
    controller.setQuery('');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    expect(background.search).not.toHaveBeenCalled();
  });

  it('searches without waiting when asked to (Enter)', () => {
    controller.setQuery('garcia');
    controller.searchNow();
    expect(background.search).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    expect(background.search).toHaveBeenCalledTimes(1);
  });
});

describe('cancellation', () => {
  beforeEach(() => {
    controller.setConfigured(true);
  });

  it('ignores a slow reply to an older query that arrives after the newer one', async () => {
    const initial = background.last();
    type('gar');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    const older = background.last();
    type('cia', 40, 'gar');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    const newer = background.last();
    expect(newer.request.search).toBe('garcia');

    await newer.reply(page(['garcia-1'], 1, null));
    await older.reply(page(['gar-1', 'gar-2', 'gar-3'], 3, 'c2'));
    await initial.reply(page(['recent-1'], 50, 'c1'));

    expect(controller.getState()).toMatchObject({
      phase: 'ready',
      resultsQuery: 'garcia',
      total: 1,
      nextCursor: null,
    });
    expect(controller.getState().leads.map((l) => l.id)).toEqual(['garcia-1']);
  });

  it('sends every request of the popup on its one channel, so the background aborts the older', () => {
    type('gar');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    controller.setFilters({ status: 'won' });
    expect(new Set(background.requests.map((p) => p.request.channel))).toEqual(new Set(['popup-1']));
  });

  it('treats the "cancelled" reply of a superseded request as nothing', async () => {
    type('gar');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    const older = background.last();
    controller.setFilters({ leadLine: 'buyer' });
    await older.reply({ ok: false, cancelled: true });
    expect(controller.getState()).toMatchObject({ phase: 'loading', failure: null });
    await background.last().reply(page(['b1'], 1, null));
    expect(controller.getState()).toMatchObject({ phase: 'ready', failure: null });
  });

  it('keeps the old rows on screen while the new search is loading', async () => {
    await background.last().reply(page(['1', '2'], 2, null));
    type('x');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(controller.getState().phase).toBe('loading');
    expect(controller.getState().leads).toHaveLength(2);
  });

  it('ignores every reply after dispose', async () => {
    const pending = background.last();
    const listener = vi.fn();
    controller.subscribe(listener);
    controller.dispose();
    await pending.reply(page(['1'], 1, null));
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('paging with cursors', () => {
  beforeEach(() => {
    controller.setConfigured(true);
    type('smith');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
  });

  it('appends pages with the last cursor and the same query and sort until next_cursor is null', async () => {
    await background.last().reply(page(['1', '2'], 5, 'c1'));
    controller.loadMore();
    expect(background.last().request).toStrictEqual({
      channel: 'popup-1',
      search: 'smith',
      sort_by: 'updated_at',
      sort_dir: 'desc',
      cursor: 'c1',
      limit: SEARCH_PAGE_SIZE,
    });
    expect(controller.getState().loadingMore).toBe(true);
    await background.last().reply(page(['3', '4'], 5, 'c2'));
    controller.loadMore();
    expect(background.last().request.cursor).toBe('c2');
    await background.last().reply(page(['5'], 5, null));

    const state = controller.getState();
    expect(state.leads.map((l) => l.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(state).toMatchObject({ nextCursor: null, total: 5, loadingMore: false, phase: 'ready' });

    const sent = background.search.mock.calls.length;
    controller.loadMore();
    expect(background.search).toHaveBeenCalledTimes(sent);
  });

  it('never shows a lead twice, even if a page repeats one', async () => {
    await background.last().reply(page(['1', '2'], 3, 'c1'));
    controller.loadMore();
    await background.last().reply(page(['2', '3'], 3, null));
    expect(controller.getState().leads.map((l) => l.id)).toEqual(['1', '2', '3']);
  });

  it('asks for one next page at a time', async () => {
    await background.last().reply(page(['1'], 3, 'c1'));
    controller.loadMore();
    controller.loadMore();
    expect(background.search.mock.calls.filter(([r]) => r.cursor === 'c1')).toHaveLength(1);
  });

  it('does not page while a new query is waiting for its pause', async () => {
    await background.last().reply(page(['1'], 3, 'c1'));
    type('x', 40, 'smith');
    controller.loadMore();
    expect(background.search.mock.calls.some(([r]) => r.cursor !== undefined)).toBe(false);
  });

  it('drops a next page that arrives after the query changed', async () => {
    await background.last().reply(page(['1'], 3, 'c1'));
    controller.loadMore();
    const more = background.last();
    type('y', 40, 'smith');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    const fresh = background.last();
    await more.reply(page(['2'], 3, 'c2'));
    await fresh.reply(page(['9'], 1, null));
    expect(controller.getState().leads.map((l) => l.id)).toEqual(['9']);
    expect(controller.getState().nextCursor).toBeNull();
  });
});

describe('filters and sort', () => {
  beforeEach(async () => {
    controller.setConfigured(true);
    await background.last().reply(page(['1', '2'], 4, 'c1'));
    controller.loadMore();
    await background.last().reply(page(['3'], 4, 'c2'));
    background.search.mockClear();
  });

  it.each([
    ['status', { status: 'won' }, { status: 'won' }],
    ['lead line', { leadLine: 'seller' as const }, { lead_line: 'seller' }],
    ['sort field', { sortBy: 'last_interaction_at' as const }, { sort_by: 'last_interaction_at' }],
    ['sort direction', { sortDir: 'asc' as const }, { sort_dir: 'asc' }],
  ])('a change of %s searches at once from the first page, without a cursor', async (_, change, sent) => {
    controller.setFilters(change);
    expect(background.search).toHaveBeenCalledTimes(1);
    const request = background.last().request;
    expect(request).toMatchObject(sent);
    expect(request).not.toHaveProperty('cursor');

    await background.last().reply(page(['a', 'b'], 3, 'n1'));
    expect(controller.getState().leads.map((l) => l.id)).toEqual(['a', 'b']);

    // The next page uses the new search's own cursor and keeps the new filters and sort.
    controller.loadMore();
    expect(background.last().request).toMatchObject({ ...sent, cursor: 'n1' });
  });

  it('keeps the other filters when one changes, and drops a filter set back to "any"', () => {
    controller.setFilters({ status: 'lost', leadLine: 'buyer' });
    controller.setFilters({ sortBy: 'created_at' });
    expect(background.last().request).toMatchObject({ status: 'lost', lead_line: 'buyer', sort_by: 'created_at' });
    controller.setFilters({ status: '' });
    expect(background.last().request).not.toHaveProperty('status');
  });

  it('does not search again when a filter is set to the value it already has', () => {
    controller.setFilters({ sortBy: 'updated_at' });
    expect(background.search).not.toHaveBeenCalled();
  });

  it('uses a query waiting for its pause at once when a filter changes', () => {
    type('lee', 40);
    controller.setFilters({ status: 'nurture' });
    expect(background.search).toHaveBeenCalledTimes(1);
    expect(background.last().request).toMatchObject({ search: 'lee', status: 'nurture' });
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    expect(background.search).toHaveBeenCalledTimes(1);
  });
});

describe('failures', () => {
  const failure: ApiFailure = { kind: 'server', status: 503 };

  beforeEach(() => {
    controller.setConfigured(true);
  });

  it('keeps a failed search as state, and searches again on retry', async () => {
    await background.last().reply({ ok: false, cancelled: false, failure });
    expect(controller.getState()).toMatchObject({ phase: 'failed', failure, failedDuring: 'search', leads: [] });

    controller.retry();
    expect(background.search).toHaveBeenCalledTimes(2);
    expect(background.last().request).not.toHaveProperty('cursor');
    expect(controller.getState()).toMatchObject({ phase: 'loading', failure: null });
    await background.last().reply(page(['1'], 1, null));
    expect(controller.getState()).toMatchObject({ phase: 'ready', failure: null });
  });

  it('keeps the shown rows when the next page fails, and retries that page', async () => {
    await background.last().reply(page(['1'], 2, 'c1'));
    controller.loadMore();
    await background.last().reply({ ok: false, cancelled: false, failure });
    expect(controller.getState()).toMatchObject({ phase: 'failed', failedDuring: 'more', nextCursor: 'c1' });
    expect(controller.getState().leads.map((l) => l.id)).toEqual(['1']);

    controller.retry();
    expect(background.last().request.cursor).toBe('c1');
    await background.last().reply(page(['2'], 2, null));
    expect(controller.getState().leads.map((l) => l.id)).toEqual(['1', '2']);
  });

  it('turns a message that could not be delivered into a failure, not an endless spinner', async () => {
    await background.last().fail(new Error('Could not establish connection. Receiving end does not exist.'));
    const state = controller.getState();
    expect(state.phase).toBe('failed');
    expect(state.failure?.kind).toBe('unknown');
    // The text of an unknown error is never shown: it could hold anything.
    expect(state.failure && failureText(state.failure)).not.toContain('Receiving end');
  });

  it('says the search did not finish when the newest request itself comes back cancelled', async () => {
    await background.last().reply({ ok: false, cancelled: true });
    expect(controller.getState()).toMatchObject({ phase: 'failed', failedDuring: 'search' });
  });

  it('searches again after a failure when the same query is typed again', async () => {
    type('ab');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply({ ok: false, cancelled: false, failure });
    controller.setQuery('ab ');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(background.search).toHaveBeenCalledTimes(3);
  });
});

describe('another account', () => {
  it('drops the old account’s results at once and searches the same again from the first page', async () => {
    controller.setConfigured(true);
    type('garcia');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply(page(['1', '2'], 40, 'c2'));
    expect(controller.getState().leads).toHaveLength(2);

    controller.accountChanged(true);
    expect(controller.getState()).toMatchObject({ phase: 'loading', leads: [], total: null, nextCursor: null, query: 'garcia' });
    expect(background.last().request).toMatchObject({ search: 'garcia', limit: SEARCH_PAGE_SIZE });
    expect(background.last().request.cursor).toBeUndefined();
    await background.last().reply(page(['7'], 1, null));
    expect(controller.getState().leads.map((found) => found.id)).toEqual(['7']);
  });

  it('never shows a reply the old account was still waiting for', async () => {
    controller.setConfigured(true);
    const old = background.last();
    controller.accountChanged(true);
    const fresh = background.last();
    await old.reply(page(['1'], 1, null));
    expect(controller.getState()).toMatchObject({ phase: 'loading', leads: [] });
    await fresh.reply(page(['9'], 1, null));
    expect(controller.getState().leads.map((found) => found.id)).toEqual(['9']);
  });

  it('asks for nothing when the new account is not set up', async () => {
    controller.setConfigured(true);
    await background.last().reply(page(['1'], 1, null));
    controller.accountChanged(false);
    expect(background.search).toHaveBeenCalledTimes(1);
    expect(controller.getState()).toMatchObject({ phase: 'unconfigured', leads: [] });
  });
});

describe('subscribers', () => {
  it('hears every change until it unsubscribes', () => {
    const listener = vi.fn();
    const stop = controller.subscribe(listener);
    controller.setConfigured(true);
    expect(listener).toHaveBeenLastCalledWith(expect.objectContaining({ phase: 'loading' }));
    stop();
    controller.setQuery('z');
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

/** A stand-in for the copy on this device: every search waits until the test answers it. */
function fakeDevice() {
  const requests: { request: DeviceSearchRequest; reply(ids: string[] | null, total?: number): Promise<void> }[] = [];
  const searchDevice = vi.fn(
    (request: DeviceSearchRequest) =>
      new Promise<DeviceSearchReply>((resolve) => {
        requests.push({
          request,
          reply: async (ids, total) => {
            resolve(ids === null ? null : { leads: ids.map(deviceLead), total: total ?? ids.length });
            await flush();
          },
        });
      }),
  );
  return { searchDevice, requests, last: () => requests.at(-1)! };
}

/** The copy's version of a lead, told apart from MEGA's by its name. */
function deviceLead(id: string): Lead {
  return { ...lead(id), contact_name: `Device ${id}` };
}

const ids = () => controller.getState().leads.map((shown) => shown.id);
const names = () => controller.getState().leads.map((shown) => shown.contact_name);

describe('with a copy on this device', () => {
  let device: ReturnType<typeof fakeDevice>;

  beforeEach(async () => {
    controller.dispose();
    device = fakeDevice();
    controller = createSearchController({ search: background.search, searchDevice: device.searchDevice, channel: 'popup-1' });
    controller.setConfigured(true);
    await background.last().reply(page(['r1', 'r2'], 2, null));
    background.search.mockClear();
  });

  it('asks the copy on every keystroke, without waiting for the pause, and shows its answer at once', async () => {
    type('gar', 40);
    // The first listing asked it too.
    expect(device.requests.map(({ request }) => request.search)).toEqual(['', 'g', 'ga', 'gar']);
    expect(background.search).not.toHaveBeenCalled();
    // Strict: the same filters and sort as for MEGA, one page from the start.
    expect(device.last().request).toStrictEqual({ search: 'gar', sort_by: 'updated_at', sort_dir: 'desc', limit: SEARCH_PAGE_SIZE });

    await device.last().reply(['d1', 'd2'], 7);
    // An older keystroke's answer that comes late is dropped.
    await device.requests[1]!.reply(['old']);
    expect(controller.getState()).toMatchObject({ phase: 'loading', fromDevice: true, resultsQuery: 'gar', total: 7, nextCursor: null });
    expect(ids()).toEqual(['d1', 'd2']);

    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(background.search).toHaveBeenCalledTimes(1);
    expect(background.last().request.search).toBe('gar');
    // MEGA's request does not ask the copy again.
    expect(device.searchDevice).toHaveBeenCalledTimes(4);
  });

  it.each<[string, 'device first' | 'MEGA first', string[], string[], string[]]>([
    ['the same leads: MEGA’s order and versions', 'device first', ['a', 'b'], ['b', 'a'], ['b', 'a']],
    ['leads only the copy found: after MEGA’s', 'device first', ['a', 'x'], ['a', 'b'], ['a', 'b', 'x']],
    ['the copy found nothing', 'device first', [], ['a', 'b'], ['a', 'b']],
    ['MEGA found nothing the copy had', 'device first', ['x'], [], ['x']],
    ['the copy answering after MEGA: its extras are added', 'MEGA first', ['a', 'x'], ['a', 'b'], ['a', 'b', 'x']],
    ['the copy answering after MEGA with nothing new', 'MEGA first', ['b'], ['a', 'b'], ['a', 'b']],
  ])('merges MEGA’s answer with the copy’s, once each, MEGA’s version winning: %s', async (_, order, fromDevice, fromMega, shown) => {
    type('smith');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    const megaReply = page(fromMega, fromMega.length, null);
    if (order === 'device first') {
      await device.last().reply(fromDevice);
      await background.last().reply(megaReply);
    } else {
      await background.last().reply(megaReply);
      await device.last().reply(fromDevice);
    }
    expect(ids()).toEqual(shown);
    expect(controller.getState()).toMatchObject({ phase: 'ready', fromDevice: false, megaFailure: null, resultsQuery: 'smith' });
    for (const [index, id] of shown.entries()) {
      expect(names()[index]).toBe(fromMega.includes(id) ? `Lead ${id}` : `Device ${id}`);
    }
  });

  it('loads more from MEGA’s cursor; a lead first shown from the copy takes MEGA’s version in its place', async () => {
    type('smith');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await device.last().reply(['1', '2', '3']);
    await background.last().reply(page(['1', '2'], 4, 'c1'));
    expect(ids()).toEqual(['1', '2', '3']);
    expect(controller.getState().nextCursor).toBe('c1');

    controller.loadMore();
    expect(background.last().request).toMatchObject({ search: 'smith', cursor: 'c1' });
    await background.last().reply(page(['3', '4'], 4, null));
    expect(ids()).toEqual(['1', '2', '3', '4']);
    expect(names()).toEqual(['Lead 1', 'Lead 2', 'Lead 3', 'Lead 4']);
    expect(controller.getState().nextCursor).toBeNull();
  });

  it.each<[string, ApiFailure]>([
    ['offline', { kind: 'network' }],
    ['rate limited', { kind: 'rate_limited', retryAfterSeconds: 30 }],
    ['a request that did not finish', { kind: 'timeout' }],
  ])('keeps the copy’s rows when MEGA’s answer fails (%s), says it quietly, and tries again on retry', async (_, failure) => {
    type('smith');
    await device.last().reply(['d1']);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply({ ok: false, cancelled: false, failure });
    expect(controller.getState()).toMatchObject({ phase: 'ready', fromDevice: true, megaFailure: failure, failure: null, failedDuring: null });
    expect(ids()).toEqual(['d1']);

    controller.retry();
    expect(background.search).toHaveBeenCalledTimes(2);
    expect(controller.getState()).toMatchObject({ phase: 'loading', fromDevice: true, megaFailure: null });
    expect(ids()).toEqual(['d1']);
    await background.last().reply(page(['m1'], 1, null));
    expect(ids()).toEqual(['m1', 'd1']);
    expect(controller.getState()).toMatchObject({ phase: 'ready', fromDevice: false, megaFailure: null });
  });

  it('shows the copy’s rows, quietly failed, when they come after MEGA’s failure', async () => {
    type('smith');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply({ ok: false, cancelled: false, failure: { kind: 'network' } });
    expect(controller.getState()).toMatchObject({ phase: 'failed', failedDuring: 'search' });
    await device.last().reply(['d1']);
    expect(controller.getState()).toMatchObject({ phase: 'ready', fromDevice: true, megaFailure: { kind: 'network' }, failedDuring: null });
    expect(ids()).toEqual(['d1']);
  });

  it('adds a late answer of the copy to MEGA’s rows when only the next page failed', async () => {
    type('smith');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply(page(['1'], 3, 'c1'));
    controller.loadMore();
    await background.last().reply({ ok: false, cancelled: false, failure: { kind: 'network' } });
    await device.last().reply(['1', 'x']);
    expect(ids()).toEqual(['1', 'x']);
    expect(names()[0]).toBe('Lead 1');
    expect(controller.getState()).toMatchObject({ phase: 'failed', failedDuring: 'more', fromDevice: false });
  });

  it('fails as without a copy when the copy found nothing', async () => {
    type('smith');
    await device.last().reply([]);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply({ ok: false, cancelled: false, failure: { kind: 'network' } });
    expect(controller.getState()).toMatchObject({ phase: 'failed', failedDuring: 'search', fromDevice: false, leads: [] });
  });

  it('asks MEGA again when the same query is typed again after a quiet failure', async () => {
    type('ab');
    await device.last().reply(['d1']);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply({ ok: false, cancelled: false, failure: { kind: 'network' } });
    controller.setQuery('ab ');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(background.search).toHaveBeenCalledTimes(2);
    expect(ids()).toEqual(['d1']);
  });

  it('does not let MEGA’s late answer to an older query replace the copy’s rows for the newer one', async () => {
    type('gar');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    const older = background.last();
    type('cia', 40, 'gar');
    await device.last().reply(['garcia-d']);
    await older.reply(page(['gar-1', 'gar-2'], 2, 'c1'));
    expect(ids()).toEqual(['garcia-d']);
    expect(controller.getState()).toMatchObject({ fromDevice: true, resultsQuery: 'garcia' });

    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply(page(['garcia-m'], 1, null));
    expect(ids()).toEqual(['garcia-m', 'garcia-d']);
  });

  it('shows MEGA’s answer again at once when the box goes back to its query', async () => {
    type('gar');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply(page(['gar-1'], 1, null));
    type('c', 40, 'gar');
    await device.last().reply(['garc-d']);
    expect(ids()).toEqual(['garc-d']);

    controller.setQuery('gar');
    expect(ids()).toEqual(['gar-1']);
    expect(controller.getState()).toMatchObject({ phase: 'ready', fromDevice: false, resultsQuery: 'gar' });
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    expect(background.search).toHaveBeenCalledTimes(1);
  });

  it('marks the copy’s rows as old once the box says something else', async () => {
    type('ab');
    await device.last().reply(['d1']);
    controller.setQuery('');
    expect(controller.getState()).toMatchObject({ fromDevice: false });
  });

  it('behaves as without a copy when there is none to search', async () => {
    type('smith');
    await device.last().reply(null);
    expect(ids()).toEqual(['r1', 'r2']);
    expect(controller.getState().fromDevice).toBe(false);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply(page(['s1'], 1, null));
    expect(ids()).toEqual(['s1']);
  });

  it('asks the copy at once when a filter changes, with that filter', async () => {
    controller.setFilters({ status: 'won', leadLine: 'buyer' });
    expect(device.last().request).toMatchObject({ search: '', status: 'won', lead_line: 'buyer' });
    await device.last().reply(['w1']);
    expect(ids()).toEqual(['w1']);
  });

  it('never shows what the copy answered for the account used before', async () => {
    type('smith');
    const old = device.last();
    controller.accountChanged(true);
    await old.reply(['old-account']);
    expect(controller.getState().leads).toEqual([]);
  });
});

describe('recent leads, while the box is empty', () => {
  let recent: ReturnType<typeof vi.fn<() => Promise<Lead[]>>>;

  beforeEach(() => {
    controller.dispose();
    recent = vi.fn(async () => [lead('seen-1'), lead('seen-2')]);
    controller = createSearchController({ search: background.search, recentLeads: recent, channel: 'popup-1' });
  });

  it('lists the leads last looked up instead of asking MEGA', async () => {
    controller.setConfigured(true);
    await flush();
    expect(controller.getState()).toMatchObject({ phase: 'ready', showing: 'recent', nextCursor: null, resultsQuery: '' });
    expect(ids()).toEqual(['seen-1', 'seen-2']);
    expect(background.search).not.toHaveBeenCalled();
  });

  it.each<[string, () => Promise<Lead[]>]>([
    ['none were looked up', async () => []],
    ['they cannot be read', async () => Promise.reject(new Error('no receiver'))],
  ])('lists MEGA’s newest when %s', async (_, answer) => {
    recent.mockImplementation(answer);
    controller.setConfigured(true);
    await flush();
    expect(background.search).toHaveBeenCalledTimes(1);
    expect(background.last().request).toMatchObject({ search: '', sort_by: 'updated_at' });
    await background.last().reply(page(['new-1'], 1, null));
    expect(controller.getState()).toMatchObject({ showing: 'results' });
  });

  it.each<[string, Parameters<SearchController['setFilters']>[0]]>([
    ['a status', { status: 'won' }],
    ['a lead line', { leadLine: 'seller' }],
    ['another sort', { sortBy: 'created_at' }],
  ])('lists MEGA’s leads when %s is chosen', async (_, filters) => {
    controller.setConfigured(true);
    await flush();
    controller.setFilters(filters);
    expect(background.search).toHaveBeenCalledTimes(1);
    await background.last().reply(page(['f1'], 1, null));
    expect(controller.getState()).toMatchObject({ showing: 'results' });
    expect(ids()).toEqual(['f1']);
  });

  it('comes back, read again, when the box is emptied after a search', async () => {
    controller.setConfigured(true);
    await flush();
    type('smith');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply(page(['s1'], 1, null));
    expect(controller.getState().showing).toBe('results');
    controller.setQuery('');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await flush();
    expect(recent).toHaveBeenCalledTimes(2);
    expect(controller.getState()).toMatchObject({ showing: 'recent', resultsQuery: '' });
  });

  it('lists MEGA’s newest when the recent list does not come at once', async () => {
    recent.mockImplementation(() => new Promise(() => undefined));
    controller.setConfigured(true);
    expect(background.search).not.toHaveBeenCalled();
    vi.advanceTimersByTime(RECENT_WAIT_MS);
    expect(background.search).toHaveBeenCalledTimes(1);
    await background.last().reply(page(['new-1'], 1, null));
    expect(controller.getState()).toMatchObject({ phase: 'ready', showing: 'results' });
  });

  it('drops the recent list when the user started typing before it came', async () => {
    let answer!: (leads: Lead[]) => void;
    recent.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    controller.setConfigured(true);
    type('smith');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    answer([lead('seen-1')]);
    await flush();
    expect(controller.getState()).toMatchObject({ phase: 'loading', showing: 'results' });
    await background.last().reply(page(['s1'], 1, null));
    expect(ids()).toEqual(['s1']);
  });
});
