import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AddLeadForm } from '@/components/AddLeadForm';
import { LeadCard, leadName } from '@/components/LeadCard';
import { LeadRows } from '@/components/LeadRows';
import { draftForQuery } from '@/utils/add-lead';
import type { ApiFailure } from '@/utils/api/errors';
import type { Lead } from '@/utils/api/schemas';
import { FailureNotice } from '@/components/FailureNotice';
import { formatNumber } from '@/utils/format';
import { plural, t } from '@/utils/i18n';
import { DEFAULT_FILTERS, type SearchState } from './search/state';
import { readEffectiveSettings } from '@/utils/settings';

/** The row buttons of the results list, in order. */
export function resultRows(container: HTMLElement | null): HTMLButtonElement[] {
  return [...(container?.querySelectorAll<HTMLButtonElement>('.lead-row__summary') ?? [])];
}

function leadsCount(count: number): string {
  return plural(count, 'leadsOne', 'leadsOther', formatNumber(count));
}

function filtersInUse(state: SearchState): boolean {
  return state.filters.status !== DEFAULT_FILTERS.status || state.filters.leadLine !== DEFAULT_FILTERS.leadLine;
}

/** Everything below the search controls: the count, the rows, "Load more", or why there are none. */
export function SearchResults({
  state,
  listRef,
  onLoadMore,
  onRetry,
  onOpenSettings,
  onLeaveUp,
}: {
  state: SearchState;
  listRef: RefObject<HTMLDivElement>;
  onLoadMore: () => void;
  onRetry: () => void;
  onOpenSettings: () => void;
  /** ArrowUp on the first row: back to the search box. */
  onLeaveUp: () => void;
}) {
  /** What was shown when "Load more" was pressed, so focus can move to the first new row. */
  const morePressed = useRef<{ shown: number; cursor: string | null } | null>(null);

  useEffect(() => {
    const pressed = morePressed.current;
    if (!pressed || state.loadingMore) return;
    if (state.phase !== 'ready' && state.failedDuring !== 'more') {
      // A new search replaced the list: the keyboard stays where the user is (the search box).
      morePressed.current = null;
      return;
    }
    const failed = state.phase === 'failed';
    // Effects run a little after rendering: wait for the render that has the answer.
    if (!failed && state.leads.length === pressed.shown && state.nextCursor === pressed.cursor) return;
    morePressed.current = null;
    if (!failed) resultRows(listRef.current)[pressed.shown]?.focus();
    // The next page failed: the button is gone, so keep the keyboard at "Try again".
    else listRef.current?.parentElement?.querySelector<HTMLElement>('.results__more-failure button')?.focus();
  }, [state.loadingMore, state.phase, state.failedDuring, state.leads.length, state.nextCursor]);

  function loadMore() {
    if (state.loadingMore) return;
    morePressed.current = { shown: state.leads.length, cursor: state.nextCursor };
    onLoadMore();
  }

  function onKeyDownCapture(event: KeyboardEvent) {
    if (event.key !== 'ArrowUp') return;
    const [first] = resultRows(listRef.current);
    if (first && document.activeElement === first) {
      event.preventDefault();
      event.stopPropagation();
      onLeaveUp();
    }
  }

  switch (state.phase) {
    case 'checking':
      return <Skeleton />;
    case 'unconfigured':
      return (
        <div class="notice popup__notice" role="status">
          <p class="notice__title">{t('connectTitle')}</p>
          <p class="notice__text">{t('popupConnectText')}</p>
          <div class="notice__actions">
            <button type="button" class="button button--primary" data-autofocus onClick={onOpenSettings}>
              {t('openSettings')}
            </button>
          </div>
        </div>
      );
  }

  if (state.failedDuring === 'search' && state.failure) {
    return (
      <div class="popup__notice">
        <FailureNotice failure={state.failure} onRetry={onRetry} onOpenSettings={onOpenSettings} />
      </div>
    );
  }

  if (state.leads.length === 0) {
    if (state.phase === 'loading') return <Skeleton />;
    return <EmptyResults query={state.resultsQuery} filtered={filtersInUse(state)} />;
  }

  const shown = state.leads.length;
  const total = Math.max(state.total ?? shown, shown);
  const recent = state.showing === 'recent';
  return (
    <div class="results">
      {recent ? (
        <h2 class="results__count results__heading">{t('recent')}</h2>
      ) : (
        <p class="results__count" aria-live="polite">
          {leadsCount(total)}
          {total > shown && <span class="muted"> · {t('showing', formatNumber(shown))}</span>}
          {state.fromDevice && <span class="muted"> · {t('fromThisDevice')}</span>}
        </p>
      )}
      {state.megaFailure && (
        <QuietFailure failure={state.megaFailure} onRetry={onRetry} onOpenSettings={onOpenSettings} />
      )}
      <div ref={listRef} class="results__list" onKeyDownCapture={onKeyDownCapture}>
        <LeadRows leads={state.leads} label={recent ? t('recent') : t('results')} />
      </div>
      {state.failedDuring === 'more' && state.failure ? (
        <div class="results__more-failure">
          <FailureNotice failure={state.failure} onRetry={onRetry} onOpenSettings={onOpenSettings} />
        </div>
      ) : (
        state.nextCursor !== null && (
          <div class="results__more">
            <button
              type="button"
              class="button results__more-button"
              // Not `disabled`: a disabled button would drop the keyboard focus while it loads.
              aria-disabled={state.loadingMore || undefined}
              aria-describedby={state.loadingMore ? 'results-loading-more' : undefined}
              onClick={loadMore}
            >
              {state.loadingMore && <span class="spinner" aria-hidden="true" />}
              {t('loadMore')}
            </button>
            {state.loadingMore && (
              <span id="results-loading-more" class="visually-hidden" role="status">
                {t('loadingMore')}
              </span>
            )}
          </div>
        )
      )}
    </div>
  );
}

/** MEGA's answer failed while the copy's rows stay: said in one line, with Try again. */
function QuietFailure({
  failure,
  onRetry,
  onOpenSettings,
}: {
  failure: ApiFailure;
  onRetry: () => void;
  onOpenSettings: () => void;
}) {
  const needsSettings =
    failure.kind === 'unauthenticated' || failure.kind === 'forbidden' || failure.kind === 'not_found';
  const text = needsSettings
    ? t('quietSettings')
    : failure.kind === 'network' || failure.kind === 'timeout'
      ? t('quietOffline')
      : failure.kind === 'rate_limited'
        ? t('quietRateLimited')
        : t('quietOther');
  return (
    <p class="results__quiet" role="status">
      <span>{text}</span>
      <button type="button" class="results__quiet-action" onClick={needsSettings ? onOpenSettings : onRetry}>
        {needsSettings ? t('openSettings') : t('tryAgain')}
      </button>
    </p>
  );
}

/** Offers "Add to MEGA" for a search that found nobody, unless the user (or the administrator) turned it off. */
function AddFromSearch({ query }: { query: string }) {
  const [allowed, setAllowed] = useState(false);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ lead: Lead; merged: boolean }>();
  useEffect(() => {
    let alive = true;
    void readEffectiveSettings().then(({ settings }) => alive && setAllowed(settings.allowCreate));
    return () => {
      alive = false;
    };
  }, []);
  if (created) {
    return (
      <div class="popup__created">
        <p class="card__count" role="status">
          {created.merged ? t('mergedInto', leadName(created.lead)) : t('savedInMega')}
        </p>
        <LeadCard lead={created.lead} />
      </div>
    );
  }
  if (!allowed) return null;
  if (!adding) {
    return (
      <div class="notice__actions">
        <button type="button" class="button button--primary" onClick={() => setAdding(true)}>
          {t('addToMega')}
        </button>
      </div>
    );
  }
  return (
    <AddLeadForm
      initial={draftForQuery(query)}
      stages={[]}
      onCreated={(lead, merged) => setCreated({ lead, merged })}
      onCancel={() => setAdding(false)}
    />
  );
}

function EmptyResults({ query, filtered }: { query: string; filtered: boolean }) {
  const title = query ? t('noLeadsMatchQuery', query) : filtered ? t('noLeadsMatchFilters') : t('noLeadsYet');
  const hint = query
    ? filtered
      ? t('hintQueryFiltered')
      : t('hintQuery')
    : filtered
      ? t('hintFiltered')
      : t('hintNoLeads');
  return (
    <div class="notice popup__notice">
      <div role="status">
        <p class="notice__title">{title}</p>
        <p class="notice__text">{hint}</p>
      </div>
      {query && <AddFromSearch key={query} query={query} />}
    </div>
  );
}

function Skeleton() {
  return (
    <div class="results__skeleton" role="status" aria-label={t('searching')}>
      {[72, 55, 64, 48, 60].map((width, index) => (
        <div key={index} class="skeleton results__skeleton-row">
          <span style={{ width: `${width}%` }} />
          <span style={{ width: `${width - 18}%`, height: '10px' }} />
        </div>
      ))}
    </div>
  );
}
