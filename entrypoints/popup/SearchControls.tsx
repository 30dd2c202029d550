import type { RefObject } from 'preact';
import { LEAD_LINES, LEAD_STATUSES, type LeadLine, type SortField } from '@/utils/api/constants';
import { statusLabel } from '@/utils/format';
import { t, type MessageKey } from '@/utils/i18n';
import type { SearchFilters } from './search/state';

/** Every order is newest first (the select's title says so). */
const SORT_LABELS: Record<SortField, MessageKey> = {
  updated_at: 'sortUpdated',
  created_at: 'sortCreated',
  last_interaction_at: 'sortLastContact',
};

/** The lead line filter's choices, in the plural: "Buyers", "Sellers". */
const LEAD_LINE_LABELS: Record<LeadLine, MessageKey> = {
  buyer: 'leadLineBuyers',
  seller: 'leadLineSellers',
};
const SORT_ORDER: SortField[] = ['updated_at', 'created_at', 'last_interaction_at'];

/** The search box and, under it, the status, lead line and sort pickers. */
export function SearchControls({
  query,
  filters,
  inputRef,
  disabled,
  onQuery,
  onFilters,
  onSubmit,
  onLeaveDown,
}: {
  query: string;
  filters: SearchFilters;
  inputRef: RefObject<HTMLInputElement>;
  /** Not set up yet: the controls show but do nothing. */
  disabled: boolean;
  onQuery: (text: string) => void;
  onFilters: (change: Partial<SearchFilters>) => void;
  onSubmit: () => void;
  /** ArrowDown in the search box: move into the results. */
  onLeaveDown: () => boolean;
}) {
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' && onLeaveDown()) event.preventDefault();
  }

  return (
    <form
      class="search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <label class="visually-hidden" for="lead-search">
        {t('searchLeads')}
      </label>
      <div class="search__box">
        <svg class="search__icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="7" cy="7" r="4.75" fill="none" stroke="currentColor" stroke-width="1.6" />
          <path d="M10.5 10.5L14 14" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
        </svg>
        <input
          ref={inputRef}
          id="lead-search"
          class="search__input"
          type="search"
          // A name, an email or a phone number in any format: no autocorrect, no history.
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          placeholder={t('searchPlaceholder')}
          value={query}
          disabled={disabled}
          onInput={(event) => onQuery(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <div class="search__filters">
        <label class="search__filter">
          <span class="search__filter-name">{t('status')}</span>
          <select
            value={filters.status}
            disabled={disabled}
            onChange={(event) => onFilters({ status: event.currentTarget.value })}
          >
            <option value="">{t('anyStatus')}</option>
            {LEAD_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </label>
        <label class="search__filter">
          <span class="search__filter-name">{t('leadLine')}</span>
          <select
            value={filters.leadLine}
            disabled={disabled}
            onChange={(event) => onFilters({ leadLine: event.currentTarget.value as LeadLine | '' })}
          >
            <option value="">{t('anyLeadLine')}</option>
            {LEAD_LINES.map((line) => (
              <option key={line} value={line}>
                {t(LEAD_LINE_LABELS[line])}
              </option>
            ))}
          </select>
        </label>
        <label class="search__filter">
          <span class="search__filter-name">{t('sortBy')}</span>
          <select
            value={filters.sortBy}
            disabled={disabled}
            title={t('sortNewestFirst')}
            onChange={(event) => onFilters({ sortBy: event.currentTarget.value as SortField })}
          >
            {SORT_ORDER.map((field) => (
              <option key={field} value={field}>
                {t(SORT_LABELS[field])}
              </option>
            ))}
          </select>
        </label>
      </div>
    </form>
  );
}
