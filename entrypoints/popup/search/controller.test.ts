import { beforeEach, describe, expect, it, vi } from 'vitest';
import { failureText, type ApiFailure } from '@/utils/api/errors';
import { SEARCH_DEBOUNCE_MS, SEARCH_PAGE_SIZE, type SearchController } from './controller';
import { eachSearchTest, page, typing, type FakeBackground } from './search.testing';

let background: FakeBackground;
let controller: SearchController;
eachSearchTest(
  (made) => ({ background, controller } = made),
  () => controller,
);
const type = typing(() => controller);

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
    expect(controller.getState()).toMatchObject({
      phase: 'loading',
      leads: [],
      total: null,
      nextCursor: null,
      query: 'garcia',
    });
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
