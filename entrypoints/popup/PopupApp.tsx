import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatRateBudget } from '@/utils/format';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { SearchState } from './search/state';
import type { CurrentSite } from './site-toggle';
import type { DeviceCopyAsk } from '@/components/use-device-copy';
import { AccountPicker } from './AccountPicker';
import { CopiedLookup, type CopiedAsk } from './CopiedLookup';
import { DeviceCopyLine } from './DeviceCopyLine';
import { SearchControls } from './SearchControls';
import { resultRows, SearchResults } from './SearchResults';
import { SiteSwitch } from './SiteSwitch';
import { PanelButton } from './PanelButton';
import { useLeadSearch, type LeadSearchDeps } from './use-lead-search';

function openOptionsPage(): void {
  // Straight from the click, so the browser sees the user's gesture; the background is the fallback.
  browser.runtime.openOptionsPage().catch(() => sendMessage('openSettings').catch(() => undefined));
}

const deviceCopyInBackground: DeviceCopyAsk = {
  status: () => sendMessage('deviceCopyStatus'),
  sync: () => sendMessage('syncDeviceCopy'),
};

/** The dot beside the API host: green once MEGA answered, red when it cannot be used as set up. */
function connectionHealth(state: SearchState): 'ok' | 'failed' | 'unknown' {
  const { phase } = state;
  // The copy's rows or the recent list are no answer from MEGA.
  const failure = (state.megaFailure ?? state.failure)?.kind;
  if (phase === 'ready' && state.showing === 'results' && !state.fromDevice) return 'ok';
  if (phase === 'unconfigured') return 'failed';
  const unusable =
    failure === 'unauthenticated' || failure === 'forbidden' || failure === 'network' || failure === 'not_found';
  if ((phase === 'failed' || state.megaFailure) && unusable) return 'failed';
  return 'unknown';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The toolbar popup: search MEGA's leads, page through them, and control lookups on this site. */
export function PopupApp({
  search,
  searchDevice,
  recentLeads,
  connectionStatus,
  switchAccount,
  findSite,
  openSettings = openOptionsPage,
  deviceCopy = deviceCopyInBackground,
  copied,
}: LeadSearchDeps & {
  findSite?: () => Promise<CurrentSite>;
  openSettings?: () => void;
  /** How the copy's status line and "Sync now" reach the background. */
  deviceCopy?: DeviceCopyAsk;
  /** How "Look up what I copied" reads the clipboard and looks it up. */
  copied?: CopiedAsk;
} = {}) {
  const { state, controller, connection, chooseAccount } = useLeadSearch({
    search,
    searchDevice,
    recentLeads,
    connectionStatus,
    switchAccount,
  });
  const searchBox = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLDivElement>(null);
  const main = useRef<HTMLElement>(null);
  const unconfigured = state.phase === 'unconfigured';

  // The search box has the focus when the popup opens; when there is nothing to search with yet,
  // the way to the settings has it instead.
  useEffect(() => {
    if (unconfigured) main.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    else searchBox.current?.focus();
  }, [unconfigured]);

  const busy = state.phase === 'checking' || state.phase === 'loading' || state.loadingMore;
  const searching = state.phase === 'loading' && state.leads.length > 0;
  // The copy's rows answer what the box says: fresh, while MEGA's answer is on its way.
  const stale = searching && !state.fromDevice;

  return (
    <div class="popup">
      <header class="popup__head">
        <div class="popup__bar">
          <h1 class="popup__brand">
            <img src="/icon/16.png" width="16" height="16" alt="" />
            {t('extName')}
          </h1>
          {connection && (
            <span class="popup__where">
              <AccountPicker
                accounts={connection.accounts}
                activeAccountId={connection.activeAccountId}
                onChoose={chooseAccount}
              />
              <span
                class={`popup__connection popup__connection--${connectionHealth(state)}`}
                title={
                  connection.configured
                    ? [t('apiAt', connection.baseUrl), connection.budget && formatRateBudget(connection.budget)]
                        .filter(Boolean)
                        .join('\n')
                    : undefined
                }
              >
                {connection.configured ? hostOf(connection.baseUrl) : t('notSetUp')}
              </span>
            </span>
          )}
        </div>
        {connection?.configured && connection.budget?.low && (
          <p class="popup__budget" role="status">
            {formatRateBudget(connection.budget)}
          </p>
        )}
        <SearchControls
          query={state.query}
          filters={state.filters}
          inputRef={searchBox}
          disabled={unconfigured}
          onQuery={controller.setQuery}
          onFilters={controller.setFilters}
          onSubmit={controller.searchNow}
          onLeaveDown={() => {
            const [first] = resultRows(results.current);
            first?.focus();
            return first !== undefined;
          }}
        />
        {connection?.configured ? (
          <DeviceCopyLine ask={deviceCopy} activeAccountId={connection.activeAccountId} />
        ) : null}
        <div class={searching ? 'progress progress--on' : 'progress'} aria-hidden="true" />
      </header>
      <main ref={main} class={stale ? 'popup__results popup__results--stale' : 'popup__results'} aria-busy={busy}>
        {!unconfigured && <CopiedLookup ask={copied} />}
        <SearchResults
          state={state}
          listRef={results}
          onLoadMore={controller.loadMore}
          onRetry={controller.retry}
          onOpenSettings={openSettings}
          onLeaveUp={() => searchBox.current?.focus()}
        />
      </main>
      <footer class="popup__foot">
        <SiteSwitch findSite={findSite} />
        <PanelButton />
        <button type="button" class="button button--quiet popup__settings" onClick={openSettings}>
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="8" cy="8" r="2.25" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path
              d="M8 1.75v1.5M8 12.75v1.5M1.75 8h1.5M12.75 8h1.5M3.6 3.6l1.05 1.05M11.35 11.35l1.05 1.05M3.6 12.4l1.05-1.05M11.35 4.65l1.05-1.05"
              stroke="currentColor"
              stroke-width="1.5"
              stroke-linecap="round"
            />
          </svg>
          {t('settings')}
        </button>
      </footer>
    </div>
  );
}
