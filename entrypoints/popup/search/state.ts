/** What the popup's search shows: the one state the controller keeps and the popup draws. */
import type { ApiFailure } from '@/utils/api/errors';
import type { Lead, LeadLine, SortDirection, SortField } from '@/utils/api/schemas';

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

/** No results and nothing going wrong: a list emptied for a new start. */
export const NO_RESULTS = {
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
