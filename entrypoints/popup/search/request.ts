/** One search as the background takes it: its key (query, filters, sort) and the request built from it. */
import type { ProtocolMap, SearchRequest } from '@/utils/protocol';
import { DEFAULT_FILTERS, type SearchFilters, type SearchState } from './state';

/** A search of the on-device copy, as the background takes it. */
export type DeviceSearchRequest = Parameters<ProtocolMap['searchDevice']>[0];
/** The copy's answer; null when the active account keeps no usable copy. */
export type DeviceSearchReply = Awaited<ReturnType<ProtocolMap['searchDevice']>>;

/** The query, filters and sort of one search: every page of it is asked for with these. */
export interface SearchKey {
  search: string;
  filters: SearchFilters;
}

export function sameKey(a: SearchKey, b: SearchKey): boolean {
  return (
    a.search === b.search &&
    a.filters.status === b.filters.status &&
    a.filters.leadLine === b.filters.leadLine &&
    a.filters.sortBy === b.filters.sortBy &&
    a.filters.sortDir === b.filters.sortDir
  );
}

/** The search the box and the filters ask for now (a space around the query changes nothing). */
export function wantedKey(state: Pick<SearchState, 'query' | 'filters'>): SearchKey {
  return { search: state.query.trim(), filters: state.filters };
}

/**
 * An empty box with the filters and sort as they start: the popup lists the leads last looked up,
 * when there are some. A filter or sort the user picks asks for MEGA's listing instead.
 */
export function asksForRecent(key: SearchKey): boolean {
  return key.search === '' && sameKey(key, { search: '', filters: DEFAULT_FILTERS });
}

/**
 * One page of a search, the same for MEGA and for the copy: absent filters are left out rather
 * than sent empty. MEGA's request adds the popup's channel, and the cursor of a next page.
 */
export function searchRequest(key: SearchKey, limit: number): DeviceSearchRequest {
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

/** MEGA's request for one page: the search, on the popup's channel, from `cursor` when given. */
export function megaRequest(channel: string, key: SearchKey, limit: number, cursor?: string): SearchRequest {
  const request: SearchRequest = { channel, ...searchRequest(key, limit) };
  if (cursor !== undefined) request.cursor = cursor;
  return request;
}
