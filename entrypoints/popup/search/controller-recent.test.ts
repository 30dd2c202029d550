/** The controller while the box is empty: the leads last looked up, or MEGA's newest. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lead } from '@/utils/api/schemas';
import { createSearchController, RECENT_WAIT_MS, SEARCH_DEBOUNCE_MS, type SearchController } from './controller';
import { eachSearchTest, flush, lead, page, typing, type FakeBackground } from './search.testing';

let background: FakeBackground;
let controller: SearchController;
eachSearchTest(
  (made) => ({ background, controller } = made),
  () => controller,
);
const type = typing(() => controller);

const ids = () => controller.getState().leads.map((shown) => shown.id);

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
    expect(controller.getState()).toMatchObject({
      phase: 'ready',
      showing: 'recent',
      nextCursor: null,
      resultsQuery: '',
    });
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
