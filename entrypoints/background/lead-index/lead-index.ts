/**
 * The background's on-device copy of one account's MEGA leads: it keeps the copy in step with
 * MEGA (sync.ts, opt-in: the caller opens an index only for an account whose user turned it on)
 * and answers lookups and searches from it (reads.ts), so most selections need no request at all.
 *
 * This module is the index's life: an index belongs to one account, with its own database (named
 * from an opaque account id) and its own client. `close()` stops it before the next account's
 * index opens; a page that arrives after that is dropped, so nothing can reach the wrong copy.
 *
 * If the browser runs out of storage space, the index empties itself and turns off (status
 * `off`, reason `quota`); lookups and searches then answer null, which means "ask MEGA".
 */
import type { MegaClient } from '../api/client';
import { abortableSleep } from '../abortable';
import type { CountryCode } from '@/utils/contact';
import type { IndexStatus } from '@/utils/device-copy-status';
import type { SyncBudget } from './budget';
import { copyStateOf, usable } from './copy-state';
import { LeadDb } from './db';
import { databaseNameFor } from './keys';
import { createReads, type CopyReads } from './reads';
import { createRowSnapshot } from './row-snapshot';
import { createSync, DEFAULT_SYNC_TIMING, type SyncTiming } from './sync';

export { accountIdFor } from './keys';
export { syncBudgetOf, unlimitedBudget, type BudgetAnswer, type SyncBudget } from './budget';
export type { IndexedLead, LocalSearchPage } from './reads';
export type { LocalSearchQuery } from './search-rows';
export { DEFAULT_SYNC_TIMING, type SyncTiming } from './sync';
export type { IndexStatus } from '@/utils/device-copy-status';

export interface LeadIndexOptions {
  /** Names the database; see `accountIdFor`. Never the token. */
  accountId: string;
  /** This account's client; only `listLeads` is used. */
  client: Pick<MegaClient, 'listLeads'>;
  budget: SyncBudget;
  /** The region national numbers in leads are read with (the user's setting). */
  defaultRegion: CountryCode;
  /** Default: the global `indexedDB`. */
  indexedDB?: IDBFactory;
  /** While true, the sync sends nothing. */
  isUserBusy?: () => boolean;
  /** Every change of `status()`: each page, each wait, the end of a run. */
  onProgress?: (status: IndexStatus) => void;
  now?: () => number;
  /** Resolves after `ms`, rejects when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  timing?: Partial<SyncTiming>;
}

export interface LeadIndex extends CopyReads {
  readonly accountId: string;
  status(): IndexStatus;
  /** Leads on this device. */
  count(): number;
  /** When the copy was last brought up to date (the end of the last run), or null. */
  lastSyncedAt(): number | null;
  /** When `syncIfDue` next has something to do; null when it never will (off, or stopped). */
  nextSyncAt(): number | null;
  /** Resumes a stopped run, or runs a full or an incremental sync if one is due; else nothing. */
  syncIfDue(): Promise<IndexStatus>;
  /**
   * The user asked: resumes a stopped run or runs one now (full when `full`, or when there has
   * been none). It also turns a copy that ran out of space back on, to try again.
   */
  syncNow(options?: { full?: boolean }): Promise<IndexStatus>;
  /** Holds the sync before its next request, until `resume()`. */
  pause(): void;
  resume(): void;
  /** Stops syncing and lets the database go (an account switch, the worker shutting down). */
  close(): Promise<void>;
  /** Stops syncing and deletes this account's copy from the device. */
  deleteCopy(): Promise<void>;
}

export async function openLeadIndex(options: LeadIndexOptions): Promise<LeadIndex> {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  const name = databaseNameFor(options.accountId);

  /** What happens when the database is taken away (deleted or upgraded elsewhere). */
  let lost = () => {
    lostWhileOpening = true;
  };
  let lostWhileOpening = false;
  const db = await LeadDb.open(factory, name, () => lost());
  const copy = await copyStateOf(db, options.defaultRegion);
  const rows = createRowSnapshot(copy);
  const sync = createSync({
    copy,
    rows,
    client: options.client,
    budget: options.budget,
    timing: { ...DEFAULT_SYNC_TIMING, ...options.timing },
    now: options.now ?? Date.now,
    sleep: options.sleep ?? abortableSleep,
    isUserBusy: options.isUserBusy,
    status,
    emit,
  });
  lost = () => {
    if (copy.closedBy) return;
    copy.closedBy = 'closed';
    rows.drop();
    sync.stop();
    emit();
  };
  if (lostWhileOpening) lost();

  function status(): IndexStatus {
    const { meta, closedBy } = copy;
    const off = closedBy !== null || meta.off !== null;
    return {
      state: off
        ? 'off'
        : sync.running()
          ? 'syncing'
          : meta.lastFullSyncAt === null && meta.phase === null
            ? 'empty'
            : 'idle',
      phase: meta.phase,
      usable: usable(copy),
      done: meta.position,
      total: meta.total,
      count: meta.count,
      lastSyncedAt: meta.lastSyncedAt,
      lastFullSyncAt: meta.lastFullSyncAt,
      waiting: sync.waiting(),
      failure: sync.failure(),
      offReason: closedBy ?? meta.off,
    };
  }

  function emit(): void {
    try {
      options.onProgress?.(status());
    } catch {
      // A listener's bug must not stop the sync.
    }
  }

  async function shutDown(reason: 'closed' | 'deleted'): Promise<void> {
    if (!copy.closedBy) copy.closedBy = reason;
    sync.stop();
    await sync.running();
    await copy.turnsTaken();
    await rows.saved();
    db.close();
    rows.drop();
  }

  return {
    accountId: options.accountId,
    status,
    count: () => copy.meta.count,
    lastSyncedAt: () => copy.meta.lastSyncedAt,
    nextSyncAt: () => sync.nextSyncAt(),
    syncIfDue: () => sync.syncIfDue(),
    syncNow: (request = {}) => sync.syncNow(request.full),
    pause: () => sync.pause(),
    resume: () => sync.resume(),
    ...createReads(copy, rows),

    async close() {
      await shutDown('closed');
      emit();
    },

    async deleteCopy() {
      await shutDown('deleted');
      copy.closedBy = 'deleted';
      await LeadDb.delete(factory, name);
      emit();
    },
  };
}
