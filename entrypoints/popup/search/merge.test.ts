import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '@/utils/api/errors';
import type { Lead } from '@/utils/api/schemas';
import type { SearchReply } from '@/utils/protocol';
import { backToCurrent, currentIsWanted, deviceRowsAreOld, merge, unanswered, type Answer, type Shown } from './merge';
import type { SearchKey } from './request';
import { lead } from './search.testing';
import { DEFAULT_FILTERS, NO_RESULTS, type SearchState } from './state';

const key = (search: string): SearchKey => ({ search, filters: DEFAULT_FILTERS });
const smith = key('smith');

/** Leads told apart by where they came from: "M a" is MEGA's lead a, "D a" the copy's. */
function leads(from: 'M' | 'D' | 'R', ...ids: string[]): Lead[] {
  return ids.map((id) => ({ ...lead(id), contact_name: `${from} ${id}` }));
}

/** The box says `query`; the rest of the state as given. */
function state(query: string, change: Partial<SearchState>): SearchState {
  return { ...NO_RESULTS, phase: 'ready', query, filters: DEFAULT_FILTERS, resultsQuery: query, ...change };
}

function megaPage(ids: string[], nextCursor: string | null = null): SearchReply {
  return {
    ok: true,
    page: { leads: leads('M', ...ids), total: ids.length, limit: 20, offset: 0, next_cursor: nextCursor },
  };
}

const network: ApiFailure = { kind: 'network' };
const failed: SearchReply = { ok: false, cancelled: false, failure: network };

/** "smith" typed, MEGA asked; the rows are still the empty box's. */
const loading: Shown = {
  state: state('smith', { phase: 'loading', leads: leads('M', 'r1'), resultsQuery: '' }),
  current: smith,
  rowsKey: key(''),
};
/** The copy answered "smith"; MEGA's answer is on its way. */
const copyShown: Shown = {
  state: state('smith', { phase: 'loading', fromDevice: true, leads: leads('D', 'a', 'x'), total: 2 }),
  current: smith,
  rowsKey: smith,
  device: { key: smith, leads: leads('D', 'a', 'x'), total: 2 },
};
/** MEGA answered "smith" (more to load); the copy has not. */
const megaShown: Shown = {
  state: state('smith', { leads: leads('M', 'a', 'b'), total: 3, nextCursor: 'c1' }),
  current: smith,
  rowsKey: smith,
  settled: { key: smith, showing: 'results', leads: leads('M', 'a', 'b'), total: 3, nextCursor: 'c1' },
};
/** MEGA's answer to "smith" merged with what only the copy found; the next page is on its way. */
const mergedLoadingMore: Shown = {
  state: state('smith', {
    leads: [...leads('M', 'a'), ...leads('D', 'x')],
    total: 3,
    nextCursor: 'c1',
    loadingMore: true,
  }),
  current: smith,
  rowsKey: smith,
  settled: { key: smith, showing: 'results', leads: leads('M', 'a'), total: 3, nextCursor: 'c1' },
  device: { key: smith, leads: leads('D', 'a', 'x'), total: 2 },
};
/** MEGA's answer to "smith" failed, and the copy has not answered. */
const megaFailed: Shown = {
  state: state('smith', { phase: 'failed', failedDuring: 'search', failure: network }),
  current: smith,
  rowsKey: smith,
};
/** MEGA was asked for "gar"; the box says "garcia" now, and the copy's rows answer that. */
const copyAheadOfMega: Shown = {
  state: state('garcia', { phase: 'loading', fromDevice: true, leads: leads('D', 'g') }),
  current: key('gar'),
  rowsKey: key('garcia'),
  device: { key: key('garcia'), leads: leads('D', 'g'), total: 1 },
};

const names = (shown: Shown) => shown.state.leads.map((lead) => lead.contact_name);
/** The same, with `query` in the box. */
const typed = (shown: Shown, query: string): Shown => ({ ...shown, state: { ...shown.state, query } });

describe('merge: what the list shows once an answer comes', () => {
  it.each<[string, Shown, Answer, string[], Partial<SearchState>]>([
    [
      'the copy first: its rows show while MEGA is asked',
      loading,
      { from: 'device', key: smith, leads: leads('D', 'a', 'x'), total: 7 },
      ['D a', 'D x'],
      { phase: 'loading', fromDevice: true, resultsQuery: 'smith', total: 7, nextCursor: null },
    ],
    [
      'the copy answering a search the box no longer asks for: nothing changes',
      loading,
      { from: 'device', key: key('gar'), leads: leads('D', 'g'), total: 1 },
      ['M r1'],
      { phase: 'loading', fromDevice: false, resultsQuery: '' },
    ],
    [
      'the copy finding nothing: the rows before stay',
      loading,
      { from: 'device', key: smith, leads: [], total: 0 },
      ['M r1'],
      { phase: 'loading', fromDevice: false },
    ],
    [
      'MEGA after the copy: MEGA’s order and versions, then what only the copy found',
      copyShown,
      { from: 'mega', key: smith, reply: megaPage(['b', 'a']) },
      ['M b', 'M a', 'D x'],
      { phase: 'ready', fromDevice: false, megaFailure: null, total: 2 },
    ],
    [
      'the copy after MEGA: what only the copy found is added',
      megaShown,
      { from: 'device', key: smith, leads: leads('D', 'b', 'x'), total: 2 },
      ['M a', 'M b', 'D x'],
      { phase: 'ready', fromDevice: false, nextCursor: 'c1' },
    ],
    [
      'MEGA failing under the copy’s rows: they stay, and the failure is said quietly',
      copyShown,
      { from: 'mega', key: smith, reply: failed },
      ['D a', 'D x'],
      { phase: 'ready', fromDevice: true, megaFailure: network, failure: null, failedDuring: null },
    ],
    [
      'MEGA failing with nothing from the copy: the search failed',
      loading,
      { from: 'mega', key: smith, reply: failed },
      [],
      { phase: 'failed', failedDuring: 'search', failure: network, resultsQuery: 'smith', total: null },
    ],
    [
      'MEGA answering “cancelled” to the newest search: it did not finish',
      loading,
      { from: 'mega', key: smith, reply: { ok: false, cancelled: true } },
      [],
      { phase: 'failed', failedDuring: 'search', failure: unanswered() },
    ],
    [
      'the copy after MEGA failed: its rows, and the failure said quietly',
      megaFailed,
      { from: 'device', key: smith, leads: leads('D', 'a'), total: 1 },
      ['D a'],
      { phase: 'ready', fromDevice: true, megaFailure: network, failure: null, failedDuring: null },
    ],
    [
      'the copy finding nothing after MEGA failed: the failure stays',
      megaFailed,
      { from: 'device', key: smith, leads: [], total: 0 },
      [],
      { phase: 'failed', failedDuring: 'search', failure: network, fromDevice: false },
    ],
    [
      'MEGA’s late answer to an older search: the copy’s rows for the newer one stay',
      copyAheadOfMega,
      { from: 'mega', key: key('gar'), reply: megaPage(['g1']) },
      ['D g'],
      { phase: 'loading', fromDevice: true, resultsQuery: 'garcia' },
    ],
    [
      'MEGA failing for an older search: the copy’s rows for the newer one stay, with no failure',
      copyAheadOfMega,
      { from: 'mega', key: key('gar'), reply: failed },
      ['D g'],
      { phase: 'loading', fromDevice: true, megaFailure: null, failure: null },
    ],
    [
      'the recent list: each lead once, shown as recent, with nothing more to load',
      { ...loading, state: state('', { phase: 'loading' }), current: key('') },
      { from: 'recent', key: key(''), leads: leads('R', 's1', 's1', 's2') },
      ['R s1', 'R s2'],
      { phase: 'ready', showing: 'recent', total: 2, nextCursor: null, resultsQuery: '' },
    ],
    [
      'the next page: MEGA’s version takes the copy’s place, the rest appended',
      mergedLoadingMore,
      { from: 'more', key: smith, reply: megaPage(['x', 'y']) },
      ['M a', 'M x', 'M y'],
      { phase: 'ready', loadingMore: false, nextCursor: null, total: 2 },
    ],
    [
      'the next page failing: the rows stay, the cursor too',
      mergedLoadingMore,
      { from: 'more', key: smith, reply: failed },
      ['M a', 'D x'],
      { phase: 'failed', failedDuring: 'more', failure: network, loadingMore: false, nextCursor: 'c1' },
    ],
    [
      'the next page under the copy’s rows for the same search: they stay',
      { ...copyShown, state: { ...copyShown.state, loadingMore: true } },
      { from: 'more', key: smith, reply: megaPage(['z']) },
      ['D a', 'D x'],
      { loadingMore: false, fromDevice: true },
    ],
  ])('%s', (_, before, answer, shown, expected) => {
    const after = merge(before, answer);
    expect(names(after)).toEqual(shown);
    expect(after.state).toMatchObject(expected);
  });

  it('keeps MEGA’s answer to an older search, and shows it at once when the box goes back to it', () => {
    const kept = merge(copyAheadOfMega, { from: 'mega', key: key('gar'), reply: megaPage(['g1']) });
    const back = backToCurrent(typed(kept, 'gar'));
    expect(names(back)).toEqual(['M g1']);
    expect(back.state).toMatchObject({ phase: 'ready', fromDevice: false, resultsQuery: 'gar' });
  });

  it('keeps what the copy found after MEGA for the next page, where MEGA’s versions replace it', () => {
    const withExtras = merge(megaShown, { from: 'device', key: smith, leads: leads('D', 'x'), total: 1 });
    const loadingMore = { ...withExtras, state: { ...withExtras.state, loadingMore: true } };
    const more = merge(loadingMore, { from: 'more', key: smith, reply: megaPage(['x']) });
    expect(more.settled?.leads.map((lead) => lead.contact_name)).toEqual(['M a', 'M b', 'M x']);
  });

  it('keeps the copy’s answer for a search the box no longer asks for', () => {
    const answer: Answer = { from: 'device', key: key('gar'), leads: leads('D', 'g'), total: 1 };
    expect(merge(loading, answer).device).toEqual({ key: key('gar'), leads: leads('D', 'g'), total: 1 });
  });
});

describe('the copy’s rows once the box says something else', () => {
  it.each<[string, Shown, boolean]>([
    ['the box still asks for them: they stay the copy’s', copyShown, true],
    ['the box says something else: they are old rows', typed(copyShown, 'smit'), false],
    ['MEGA’s rows: nothing to change', megaShown, false],
  ])('%s', (_, before, fromDevice) => {
    expect(deviceRowsAreOld(before).state.fromDevice).toBe(fromDevice);
  });

  it('says no quiet failure for rows that no longer answer the box', () => {
    const quiet = typed({ ...copyShown, state: { ...copyShown.state, megaFailure: network } }, 'smit');
    expect(deviceRowsAreOld(quiet).state).toMatchObject({ fromDevice: false, megaFailure: null });
  });
});

describe('whether the search shown or loading is the one the box asks for', () => {
  it.each<[string, Shown, boolean]>([
    ['the same search, loading', loading, true],
    ['a trailing space in the box', typed(megaShown, 'smith '), true],
    ['another query', typed(megaShown, 'smit'), false],
    [
      'another filter',
      { ...megaShown, state: { ...megaShown.state, filters: { ...DEFAULT_FILTERS, status: 'won' } } },
      false,
    ],
    ['the same search, failed', megaFailed, false],
    ['the same search, MEGA failed quietly under the copy’s rows', { ...copyShown, megaFailedFor: smith }, false],
    ['nothing asked yet', { state: loading.state }, false],
  ])('%s', (_, shown, wanted) => {
    expect(currentIsWanted(shown)).toBe(wanted);
  });
});
