/**
 * When the copy's next sync is due, and which kind it is: the one answer that both the alarm that
 * schedules the sync (`nextSyncAt`) and the runner (`syncIfDue`) read.
 */
import type { SyncPhase } from '@/utils/device-copy-status';

/** What the answer depends on. */
export interface SyncClock {
  /** Closed, turned off, or stopped by a failure only the user can fix: nothing runs until they act. */
  stopped: boolean;
  /** A run is going now. */
  running: boolean;
  /** The run in progress, or one a stopped worker left part-way; null between runs. */
  phase: SyncPhase | null;
  /** When the last completed full sync started. */
  lastFullSyncAt: number | null;
  /** When the last run of either kind completed. */
  lastSyncedAt: number | null;
}

export interface SyncEvery {
  /** How often an incremental run is due. */
  incrementalEveryMs: number;
  /** How often a full sync (which also finds deletions) is due. */
  fullEveryMs: number;
}

/**
 * The next run and when it is due (at or before `now`: due now); null when none will run until
 * the user asks. A run left part-way resumes at once; a copy never fully synced needs a full sync;
 * then a full sync once a day and an incremental run every few minutes, the full one first when
 * both are due.
 */
export function nextSync(clock: SyncClock, now: number, every: SyncEvery): { kind: SyncPhase; at: number } | null {
  if (clock.stopped) return null;
  if (clock.phase) return { kind: clock.phase, at: now };
  const { lastFullSyncAt: full, lastSyncedAt: synced } = clock;
  const kind = full === null || now - full >= every.fullEveryMs ? 'full' : 'incremental';
  if (clock.running || full === null || synced === null) return { kind, at: now };
  return { kind, at: Math.min(full + every.fullEveryMs, synced + every.incrementalEveryMs) };
}
