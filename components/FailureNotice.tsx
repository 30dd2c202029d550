import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '@/utils/api/errors';

/** What the user can do about a failure: the message, and the one action that helps. */
export function FailureNotice({
  failure,
  onRetry,
  onOpenSettings,
}: {
  failure: ApiFailure;
  onRetry?: () => void;
  onOpenSettings?: () => void;
}) {
  const needsSettings = failure.kind === 'unauthenticated' || failure.kind === 'forbidden' || failure.kind === 'not_found';
  const title =
    failure.kind === 'unauthenticated' ? 'Check your API token'
    : failure.kind === 'forbidden' ? 'Access denied'
    : failure.kind === 'rate_limited' ? 'Too many lookups'
    : failure.kind === 'network' ? 'MEGA is unreachable'
    : failure.kind === 'timeout' ? 'MEGA is slow to answer'
    : failure.kind === 'server' ? 'MEGA had a problem'
    : failure.kind === 'contract' ? 'Unexpected answer from MEGA'
    : 'Lookup failed';
  return (
    <div class="notice notice--error" role="alert">
      <p class="notice__title">{title}</p>
      <p class="notice__text">{failure.serverMessage ? `${failure.message} (${failure.serverMessage})` : failure.message}</p>
      {failure.kind === 'rate_limited' && failure.retryAfterSeconds !== undefined && onRetry ? (
        <RetryCountdown seconds={failure.retryAfterSeconds} onRetry={onRetry} />
      ) : (
        <div class="notice__actions">
          {needsSettings && onOpenSettings && (
            <button type="button" class="button button--primary" onClick={onOpenSettings}>
              Open settings
            </button>
          )}
          {!needsSettings && onRetry && (
            <button type="button" class="button" onClick={onRetry}>
              Try again
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
      Retrying in {left} s…{' '}
      <button type="button" class="button" onClick={onRetry}>
        Retry now
      </button>
    </p>
  );
}
