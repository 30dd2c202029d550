import { describe, expect, it } from 'vitest';
import { asksForRecent, megaRequest, searchRequest, wantedKey, type SearchKey } from './request';
import { DEFAULT_FILTERS, type SearchFilters } from './state';

const key = (search: string, filters: Partial<SearchFilters> = {}): SearchKey => ({
  search,
  filters: { ...DEFAULT_FILTERS, ...filters },
});

describe('the request for one page of a search', () => {
  it.each<[string, SearchKey, object]>([
    [
      'no filter: none is sent, not even empty',
      key('smith'),
      { search: 'smith', sort_by: 'updated_at', sort_dir: 'desc', limit: 20 },
    ],
    [
      'a status and a lead line',
      key('', { status: 'won', leadLine: 'buyer' }),
      { search: '', sort_by: 'updated_at', sort_dir: 'desc', status: 'won', lead_line: 'buyer', limit: 20 },
    ],
    [
      'another sort',
      key('lee', { sortBy: 'created_at', sortDir: 'asc' }),
      { search: 'lee', sort_by: 'created_at', sort_dir: 'asc', limit: 20 },
    ],
  ])('%s', (_, searched, sent) => {
    expect(searchRequest(searched, 20)).toStrictEqual(sent);
    expect(megaRequest('popup-1', searched, 20)).toStrictEqual({ channel: 'popup-1', ...sent });
    expect(megaRequest('popup-1', searched, 20, 'c2')).toStrictEqual({ channel: 'popup-1', ...sent, cursor: 'c2' });
  });
});

describe('what the box and the filters ask for', () => {
  it.each<[string, string, Partial<SearchFilters>, boolean]>([
    ['an empty box as the popup opens: the leads last looked up', '', {}, true],
    ['spaces only: the same', '  ', {}, true],
    ['a query', 'smith', {}, false],
    ['an empty box with a status', '', { status: 'won' }, false],
    ['an empty box with a lead line', '', { leadLine: 'seller' }, false],
    ['an empty box with another sort', '', { sortBy: 'created_at' }, false],
    ['an empty box sorted the other way', '', { sortDir: 'asc' }, false],
  ])('%s', (_, query, filters, recent) => {
    expect(asksForRecent(wantedKey({ query, filters: { ...DEFAULT_FILTERS, ...filters } }))).toBe(recent);
  });
});
