/**
 * "Hidden matches": what "Not this person" hid under the active account, newest first, each with
 * the phone number or email it was hidden for, the lead's name and "Restore". The list lives in
 * the extension's IndexedDB, which this page shares with the background; it is read again when
 * the page is shown again, since a card may have hidden another one meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { relativeTime } from '@/utils/format';
import { hiddenMatches, unhideMatch, type HiddenMatch } from '@/utils/hidden-matches';
import { t } from '@/utils/i18n';
import type { Account } from '@/utils/storage';
import type { StatusMessage } from './settings-form';
import './card.css';

/** How the page reads and changes the hidden matches. */
export interface HiddenMatchesStore {
  list: (accountId: string) => Promise<HiddenMatch[]>;
  restore: (accountId: string, value: string, leadId: string) => Promise<void>;
}

export const hiddenMatchesOnDevice: HiddenMatchesStore = { list: hiddenMatches, restore: unhideMatch };

type ShownValue = (value: string) => string;

type Read = { phase: 'loading' } | { phase: 'ready'; matches: HiddenMatch[]; shown: ShownValue } | { phase: 'failed' };

const keyOf = (match: HiddenMatch) => `${match.value}\u0000${match.leadId}`;

interface HiddenMatchesSectionProps {
  account: Account;
  store: HiddenMatchesStore;
}

export function HiddenMatchesSection({ account, store }: HiddenMatchesSectionProps) {
  const [read, setRead] = useState<Read>({ phase: 'loading' });
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reads = useRef(0);
  /** Where focus goes once the restored match has left the list. */
  const [focusAfter, setFocusAfter] = useState<{ key: string | null } | null>(null);

  const load = useCallback(async () => {
    const mine = ++reads.current;
    try {
      // The number formatting (libphonenumber) loads with the list, after the settings are on screen.
      const [matches, { shownValue }] = await Promise.all([store.list(account.id), import('./shown-value')]);
      if (mine === reads.current) setRead({ phase: 'ready', matches, shown: shownValue });
    } catch {
      if (mine === reads.current) setRead((current) => (current.phase === 'ready' ? current : { phase: 'failed' }));
    }
  }, [store, account.id]);

  useEffect(() => {
    setRead({ phase: 'loading' });
    setStatus(null);
    void load();
    const onShown = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onShown);
    return () => {
      reads.current += 1;
      document.removeEventListener('visibilitychange', onShown);
    };
  }, [load]);

  useEffect(() => {
    if (!focusAfter) return;
    setFocusAfter(null);
    const target = focusAfter.key
      ? [...(listRef.current?.querySelectorAll<HTMLElement>('[data-hidden]') ?? [])].find(
          (button) => button.dataset.hidden === focusAfter.key,
        )
      : null;
    (target ?? headingRef.current)?.focus();
  }, [focusAfter]);

  const restore = async (match: HiddenMatch, index: number, matches: HiddenMatch[], shown: ShownValue) => {
    if (restoring) return;
    const key = keyOf(match);
    setRestoring(key);
    setStatus(null);
    try {
      await store.restore(account.id, match.value, match.leadId);
      const left = matches.filter((other) => keyOf(other) !== key);
      reads.current += 1;
      setRead({ phase: 'ready', matches: left, shown });
      setStatus({ tone: 'success', text: t('restored', match.leadName, shown(match.value)) });
      const next = left[index] ?? left[index - 1];
      setFocusAfter({ key: next ? keyOf(next) : null });
    } catch {
      setStatus({ tone: 'error', text: t('notRestored') });
    } finally {
      setRestoring(null);
    }
  };

  return (
    <section class="card" aria-labelledby="hidden-heading">
      <h2 id="hidden-heading" ref={headingRef} tabIndex={-1}>
        {t('sectionHidden')}
      </h2>
      <p class="section-intro">{t('sectionHiddenIntro', account.name)}</p>
      {read.phase === 'loading' ? (
        <p class="empty-note" aria-busy="true">
          {t('hiddenLoading')}
        </p>
      ) : read.phase === 'failed' ? (
        <div class="load-failed hidden-failed" role="alert">
          <p>{t('hiddenNotRead')}</p>
          <button type="button" class="button" onClick={() => void load()}>
            {t('tryAgain')}
          </button>
        </div>
      ) : read.matches.length === 0 ? (
        <p class="empty-note">{t('hiddenNone')}</p>
      ) : (
        <ul ref={listRef} class="hidden-list" aria-labelledby="hidden-heading">
          {read.matches.map((match, index) => {
            const key = keyOf(match);
            const id = `hidden-${index}`;
            return (
              <li key={key} class="hidden-match">
                <div class="hidden-match-text" id={id}>
                  <span class="hidden-match-name">{match.leadName}</span>
                  <span class="hidden-match-detail">
                    {t('hiddenFor', read.shown(match.value))}
                    {' · '}
                    <time dateTime={new Date(match.hiddenAt).toISOString()}>
                      {t('hiddenWhen', relativeTime(new Date(match.hiddenAt).toISOString(), Date.now()))}
                    </time>
                  </span>
                </div>
                <button
                  type="button"
                  class="button button-quiet"
                  data-hidden={key}
                  aria-describedby={id}
                  aria-busy={restoring === key}
                  onClick={() => void restore(match, index, read.matches, read.shown)}
                >
                  {t('restore')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" aria-live="polite" class={`status${status ? ` status-${status.tone}` : ''}`}>
        {status?.text ?? ''}
      </p>
    </section>
  );
}
