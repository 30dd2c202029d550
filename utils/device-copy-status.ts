/**
 * What the on-device copy of an account's leads is doing (see
 * `entrypoints/background/lead-index/`), as data the background sends and as the sentence the
 * options page and the popup show.
 */
import { failureText, type ApiFailure } from './api/errors';
import { formatNumber, relativeTime } from './format';
import { messagesLocale, plural, t } from './i18n';

/** A sync run: every lead, or what changed since the last run. */
export type SyncPhase = 'full' | 'incremental';

export type IndexState =
  /** Nothing synced yet and no sync running. */
  | 'empty'
  /** A sync is running (see `phase`). */
  | 'syncing'
  /** Between syncs. `failure` says if the last one stopped part-way. */
  | 'idle'
  /** The copy answers nothing: out of storage space, deleted, or closed for an account switch. */
  | 'off';

export type WaitReason =
  /** The user is looking things up, or `pause()` was called. */
  | 'busy'
  /** The rate budget says not now. */
  | 'budget'
  /** MEGA answered 429. */
  | 'rate_limited'
  /** A network or server failure; trying again shortly. */
  | 'retry';

export interface IndexStatus {
  state: IndexState;
  /** The run in progress, or the one that stopped part-way and resumes next. */
  phase: SyncPhase | null;
  /** Lookups and searches answer from the copy: a full sync has completed, and it is not off. */
  usable: boolean;
  /** Leads received so far in the run in progress, and MEGA's total for it. */
  done: number;
  total: number | null;
  /** Leads on this device. */
  count: number;
  lastSyncedAt: number | null;
  lastFullSyncAt: number | null;
  /** Why the running sync is holding off, and until when if known. */
  waiting: { reason: WaitReason; until: number | null } | null;
  /** Why the last run stopped before the end. */
  failure: ApiFailure | null;
  /** Why the copy is off. */
  offReason: 'quota' | 'deleted' | 'closed' | null;
}

/**
 * The sentence for the status: "Syncing… 1,200 of 4,800", "4,800 leads on this device · updated
 * 2 minutes ago", or why there is no copy.
 */
export function describeIndexStatus(status: IndexStatus, now: number = Date.now(), locale = messagesLocale()): string {
  if (status.state === 'off') {
    return status.offReason === 'quota' ? t('leadCopyNoSpace') : t('leadCopyOff');
  }
  if (status.usable && status.lastSyncedAt !== null) {
    const leads = plural(status.count, 'leadsOne', 'leadsOther', formatNumber(status.count, locale));
    return t('leadCopyReady', leads, relativeTime(new Date(status.lastSyncedAt).toISOString(), now, locale));
  }
  if (status.state === 'syncing' || status.phase !== null) {
    if (status.failure && status.state !== 'syncing') return t('leadCopyStopped', failureText(status.failure));
    if (status.total === null) return t('leadCopySyncingStart');
    const done = formatNumber(status.done, locale);
    const total = formatNumber(status.total, locale);
    const limited = status.waiting?.reason === 'budget' || status.waiting?.reason === 'rate_limited';
    return limited ? t('leadCopyWaiting', done, total) : t('leadCopySyncing', done, total);
  }
  if (status.failure) return t('leadCopyStopped', failureText(status.failure));
  return t('leadCopyEmpty');
}
