/** The controller with a copy on this device: its answer shows at once, then MEGA's replaces it. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiFailure } from '@/utils/api/errors';
import { createSearchController, SEARCH_DEBOUNCE_MS, SEARCH_PAGE_SIZE, type SearchController } from './controller';
import { eachSearchTest, fakeDevice, page, typing, type FakeBackground } from './search.testing';

let background: FakeBackground;
let controller: SearchController;
eachSearchTest(
  (made) => ({ background, controller } = made),
  () => controller,
);
const type = typing(() => controller);

const ids = () => controller.getState().leads.map((shown) => shown.id);
const names = () => controller.getState().leads.map((shown) => shown.contact_name);

describe('with a copy on this device', () => {
  let device: ReturnType<typeof fakeDevice>;

  beforeEach(async () => {
    controller.dispose();
    device = fakeDevice();
    controller = createSearchController({
      search: background.search,
      searchDevice: device.searchDevice,
      channel: 'popup-1',
    });
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
    expect(device.last().request).toStrictEqual({
      search: 'gar',
      sort_by: 'updated_at',
      sort_dir: 'desc',
      limit: SEARCH_PAGE_SIZE,
    });

    await device.last().reply(['d1', 'd2'], 7);
    // An older keystroke's answer that comes late is dropped.
    await device.requests[1]!.reply(['old']);
    expect(controller.getState()).toMatchObject({
      phase: 'loading',
      fromDevice: true,
      resultsQuery: 'gar',
      total: 7,
      nextCursor: null,
    });
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
  ])(
    'merges MEGA’s answer with the copy’s, once each, MEGA’s version winning: %s',
    async (_, order, fromDevice, fromMega, shown) => {
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
      expect(controller.getState()).toMatchObject({
        phase: 'ready',
        fromDevice: false,
        megaFailure: null,
        resultsQuery: 'smith',
      });
      for (const [index, id] of shown.entries()) {
        expect(names()[index]).toBe(fromMega.includes(id) ? `Lead ${id}` : `Device ${id}`);
      }
    },
  );

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
  ])(
    'keeps the copy’s rows when MEGA’s answer fails (%s), says it quietly, and tries again on retry',
    async (_, failure) => {
      type('smith');
      await device.last().reply(['d1']);
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
      await background.last().reply({ ok: false, cancelled: false, failure });
      expect(controller.getState()).toMatchObject({
        phase: 'ready',
        fromDevice: true,
        megaFailure: failure,
        failure: null,
        failedDuring: null,
      });
      expect(ids()).toEqual(['d1']);

      controller.retry();
      expect(background.search).toHaveBeenCalledTimes(2);
      expect(controller.getState()).toMatchObject({ phase: 'loading', fromDevice: true, megaFailure: null });
      expect(ids()).toEqual(['d1']);
      await background.last().reply(page(['m1'], 1, null));
      expect(ids()).toEqual(['m1', 'd1']);
      expect(controller.getState()).toMatchObject({ phase: 'ready', fromDevice: false, megaFailure: null });
    },
  );

  it('shows the copy’s rows, quietly failed, when they come after MEGA’s failure', async () => {
    type('smith');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await background.last().reply({ ok: false, cancelled: false, failure: { kind: 'network' } });
    expect(controller.getState()).toMatchObject({ phase: 'failed', failedDuring: 'search' });
    await device.last().reply(['d1']);
    expect(controller.getState()).toMatchObject({
      phase: 'ready',
      fromDevice: true,
      megaFailure: { kind: 'network' },
      failedDuring: null,
    });
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
    expect(controller.getState()).toMatchObject({
      phase: 'failed',
      failedDuring: 'search',
      fromDevice: false,
      leads: [],
    });
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
