import { useEffect, useState } from 'preact/hooks';
import { failureText, type ApiErrorKind, type ApiFailure } from '@/utils/api/failures';
import { t, type MessageKey } from '@/utils/i18n';

/** The notice's heading, by kind of failure. */
const TITLES: Partial<Record<ApiErrorKind, MessageKey>> = {
  unauthenticated: 'failureTitleUnauthenticated',
  forbidden: 'failureTitleForbidden',
  rate_limited: 'failureTitleRateLimited',
  network: 'failureTitleNetwork',
  timeout: 'failureTitleTimeout',
  server: 'failureTitleServer',
  contract: 'failureTitleContract',
};

/** A failure in a few words: the notice's heading, and what a screen reader hears of it in the card. */
export function failureTitle(failure: ApiFailure): string {
  return t(TITLES[failure.kind] ?? 'failureTitleOther');
}

/** What the user can do about a failure: the message, and the one action that helps. */
export function FailureNotice({
  failure,
  onRetry,
  onOpenSettings,
  announced = true,
}: {
  failure: ApiFailure;
  onRetry?: () => void;
  onOpenSettings?: () => void;
  /** Read out as an alert; false where a live region of the page's own says it (the card's). */
  announced?: boolean;
}) {
  const needsSettings =
    failure.kind === 'unauthenticated' || failure.kind === 'forbidden' || failure.kind === 'not_found';
  const title = failureTitle(failure);
  return (
    <div class="notice notice--error" role={announced ? 'alert' : undefined}>
      <p class="notice__title">{title}</p>
      <p class="notice__text">
        {failure.serverMessage ? `${failureText(failure)} (${failure.serverMessage})` : failureText(failure)}
      </p>
      {failure.kind === 'rate_limited' && failure.retryAfterSeconds !== undefined && onRetry ? (
        <RetryCountdown seconds={failure.retryAfterSeconds} onRetry={onRetry} />
      ) : (
        <div class="notice__actions">
          {needsSettings && onOpenSettings && (
            <button type="button" class="button button--primary" onClick={onOpenSettings}>
              {t('openSettings')}
            </button>
          )}
          {!needsSettings && onRetry && (
            <button type="button" class="button" onClick={onRetry}>
              {t('tryAgain')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** Rate limited: count down to the time MEGA gave, then retry by itself. */
function RetryCountdown({ seconds, onRetry }: { seconds: number; onRetry: () => void }) {
  const [left, setLeft] = useState(Math.ceil(seconds));
  useEffect(() => {
    if (left <= 0) {
      onRetry();
      return;
    }
    const timer = setTimeout(() => setLeft((value) => value - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return (
    <p class="notice__text" aria-live="polite">
      {t('retryingIn', String(left))}{' '}
      <button type="button" class="button" onClick={onRetry}>
        {t('retryNow')}
      </button>
    </p>
  );
}
