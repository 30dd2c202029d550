/**
 * Where the active account's on-device copy of its leads stands, kept current for a page that
 * shows it (the options page, the popup), and "Sync now". The background holds the copy; this
 * asks it, and again every couple of seconds while a sync runs, so "Syncing… 1,200 of 4,800"
 * counts up, and now and then otherwise, so "updated 2 minutes ago" stays true.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeIndexStatus, type IndexStatus } from '@/utils/device-copy-status';
import { t } from '@/utils/i18n';

/** How the page reaches the background: `deviceCopyStatus` and `syncDeviceCopy`. */
export interface DeviceCopyAsk {
  status: () => Promise<IndexStatus | null>;
  sync: () => Promise<IndexStatus | null>;
}

export const SYNCING_POLL_MS = 2_000;
export const IDLE_POLL_MS = 30_000;
/** After the background did not answer (an event page waking, a worker restarting): soon again. */
export const UNREACHABLE_POLL_MS = 5_000;

/**
 * How long until the status is read again, or null to stop. `kept`: the settings say this
 * account keeps a copy, so a missing one is about to be opened (the background reacts to the
 * settings a moment after they are written).
 */
export function pollDelay(status: IndexStatus | null | undefined, kept: boolean): number | null {
  if (!kept) return null;
  if (!status) return SYNCING_POLL_MS;
  if (status.state === 'syncing' || status.state === 'empty') return SYNCING_POLL_MS;
  // Closed while it was read (the settings changed under it): the background opens it again.
  if (status.state === 'off' && status.offReason === 'closed') return SYNCING_POLL_MS;
  return IDLE_POLL_MS;
}

export interface DeviceCopyView {
  /** Undefined until the background first answers; null when the active account keeps no copy. */
  status: IndexStatus | null | undefined;
  /** The background did not answer the last time it was asked. */
  unreachable: boolean;
  /** "Sync now" was pressed and the sync has not been seen starting yet. */
  syncRequested: boolean;
  /** The last "Sync now" did not reach the background. */
  syncFailed: boolean;
  syncNow: () => void;
  /** Reads the status again now (e.g. after the copy was deleted). */
  refresh: () => Promise<void>;
}

/**
 * `kept`: whether the active account keeps a copy, per the settings; nothing is asked while it
 * does not. `accountKey` changes when another account becomes active, to read its copy afresh.
 */
export function useDeviceCopy(ask: DeviceCopyAsk, kept: boolean, accountKey: string | null): DeviceCopyView {
  const [status, setStatus] = useState<IndexStatus | null | undefined>(undefined);
  const [unreachable, setUnreachable] = useState(false);
  const [syncRequested, setSyncRequested] = useState(false);
  const [syncFailed, setSyncFailed] = useState(false);
  const alive = useRef(true);
  /** Only the newest read is shown: an older answer may be from before a sync started. */
  const reads = useRef(0);
  const [pollTick, setPollTick] = useState(0);

  const refresh = useCallback(async () => {
    const mine = ++reads.current;
    try {
      const read = await ask.status();
      if (!alive.current || mine !== reads.current) return;
      setStatus(read);
      setUnreachable(false);
      if (read?.state === 'syncing') setSyncRequested(false);
    } catch {
      if (alive.current && mine === reads.current) setUnreachable(true);
    } finally {
      if (alive.current && mine === reads.current) setPollTick((tick) => tick + 1);
    }
  }, [ask]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    setStatus(undefined);
    setSyncRequested(false);
    if (kept) void refresh();
  }, [kept, accountKey, refresh]);

  // The next read, after each one; a page hidden meanwhile simply reads when its timer fires.
  useEffect(() => {
    if (!kept) return;
    const wait = syncRequested ? SYNCING_POLL_MS : unreachable ? UNREACHABLE_POLL_MS : pollDelay(status, kept);
    if (wait === null) return;
    const timer = setTimeout(() => void refresh(), wait);
    return () => clearTimeout(timer);
  }, [pollTick, kept]);

  const syncNow = useCallback(() => {
    if (syncRequested || status?.state === 'syncing') return;
    setSyncRequested(true);
    setSyncFailed(false);
    // The reply comes when the whole run ends, which may be minutes: the status reads show it run.
    ask.sync().then(
      (done) => {
        if (!alive.current) return;
        setSyncRequested(false);
        reads.current += 1;
        setStatus(done);
      },
      () => {
        if (!alive.current) return;
        setSyncRequested(false);
        setSyncFailed(true);
      },
    );
    void refresh();
  }, [ask, refresh, syncRequested, status]);

  return { status, unreachable, syncRequested, syncFailed, syncNow, refresh };
}

/** The one sentence a page shows for the copy: what it holds, how far a sync is, or why not. */
export function deviceCopySentence(
  view: Pick<DeviceCopyView, 'status' | 'unreachable'>,
  now: number,
  locale?: string,
): string {
  if (view.status === undefined) return view.unreachable ? t('deviceCopyUnreachable') : t('deviceCopyReading');
  if (view.status === null) return t('leadCopyEmpty');
  return describeIndexStatus(view.status, now, locale);
}
