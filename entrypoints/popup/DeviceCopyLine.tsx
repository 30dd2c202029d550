/**
 * One small line under the search box while the active account keeps a copy of its leads on this
 * device: "4,800 leads on this device · updated 2 minutes ago", or how far a sync is, with
 * "Sync now". Nothing is shown for an account that keeps no copy.
 */
import { useEffect, useState } from 'preact/hooks';
import { deviceCopySentence, useDeviceCopy, type DeviceCopyAsk } from '@/components/use-device-copy';
import { t } from '@/utils/i18n';
import { readEffectiveSettings, watchSettings } from '@/utils/settings';

/** Which accounts keep a copy, as the settings say, kept current. */
function useKeptCopies(): readonly string[] | null {
  const [kept, setKept] = useState<readonly string[] | null>(null);
  useEffect(() => {
    let alive = true;
    const read = () =>
      void readEffectiveSettings().then(
        ({ settings }) => alive && setKept(settings.keepCopyFor),
        () => alive && setKept([]),
      );
    read();
    const stop = watchSettings(read);
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return kept;
}

export function DeviceCopyLine({ ask, activeAccountId }: { ask: DeviceCopyAsk; activeAccountId: string | null }) {
  const keptFor = useKeptCopies();
  const kept = activeAccountId !== null && (keptFor?.includes(activeAccountId) ?? false);
  const view = useDeviceCopy(ask, kept, activeAccountId);
  // Until the background first answers, nothing: a line that appears and changes at once is noise.
  if (!kept || (view.status === undefined && !view.unreachable)) return null;
  const syncing = view.syncRequested || view.status?.state === 'syncing';
  return (
    <div class="device-copy" role="group" aria-label={t('deviceCopyLabel')}>
      <span class="device-copy__text" id="device-copy-text">
        {syncing ? <span class="spinner device-copy__spinner" aria-hidden="true" /> : null}
        {view.syncFailed ? t('syncNotStarted') : deviceCopySentence(view, Date.now())}
      </span>
      <button
        type="button"
        class="device-copy__sync"
        // Not `disabled`: a disabled button would drop the keyboard focus while it syncs.
        aria-disabled={syncing || undefined}
        aria-describedby="device-copy-text"
        onClick={view.syncNow}
      >
        {t('syncNow')}
      </button>
    </div>
  );
}
