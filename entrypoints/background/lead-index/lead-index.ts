/**
 * The background's on-device copy of one account's MEGA leads: it keeps the copy in step with
 * MEGA and answers lookups and searches from it, so most selections need no request at all.
 *
 * Syncing (opt-in: the caller opens an index only for an account whose user turned it on):
 * - a full sync lists every lead, oldest change first (`sort_by=updated_at&sort_dir=asc`, 100 a
 *   page, by cursor, with custom fields). A lead changed during the sync moves to the end of that
 *   order, so it arrives again later in the same sync; the newer `updated_at` wins;
 * - then an incremental run every few minutes asks for what changed since the newest
 *   `updated_at` seen, less a small overlap for clocks and commits that lag;
 * - once a day a full sync again: it marks every lead it sees with its generation and then
 *   removes the rest, which is how leads deleted in MEGA leave the copy (the API lists no
 *   deletions);
 * - every page is saved with the cursor that follows it, in one transaction, so after a service
 *   worker restart the run continues where it stopped without asking for a page twice.
 *
 * The sync shares MEGA's rate limit with the user: it asks the budget before each request, holds
 * off while the user is looking things up, and waits out a 429 as long as MEGA asks.
 *
 * An index belongs to one account: its own database (named from an opaque account id) and its
 * own client. `close()` stops it before the next account's index opens; a page that arrives after
 * that is dropped, so nothing can reach the wrong copy.
 *
 * If the browser runs out of storage space, the index empties itself and turns off (status
 * `off`, reason `quota`); lookups and searches then answer null, which means "ask MEGA".
 */
import type { MegaClient } from '../api/client';
import { MegaApiError, toApiFailure, type ApiErrorKind, type ApiFailure } from '@/utils/api/errors';
import type { Lead, LeadPage, LeadQuery } from '@/utils/api/schemas';
import type { Contact, CountryCode } from '@/utils/contact';
import { readBudgetAnswer, type SyncBudget } from './budget';
import { initialMeta, isQuotaError, LeadDb, type StoredLead, type SyncMeta, type SyncPhase } from './db';
import { contactKeys, databaseNameFor, leadKeys } from './keys';
import { SearchRows, type LocalSearchQuery } from './search-rows';
import type { IndexStatus, WaitReason } from '@/utils/device-copy-status';

export { accountIdFor } from './keys';
export { syncBudgetOf, unlimitedBudget, type BudgetAnswer, type SyncBudget } from './budget';
export type { LocalSearchQuery } from './search-rows';
export type { IndexStatus } from '@/utils/device-copy-status';

export interface SyncTiming {
  /** How often an incremental run is due. Default 5 minutes. */
  incrementalEveryMs: number;
  /** How often a full sync (which also finds deletions) is due. Default 24 hours. */
  fullEveryMs: number;
  /** How far before the newest `updated_at` seen an incremental run starts. Default 2 minutes. */
  overlapMs: number;
  /** How often to check whether the user is still busy. Default 1 second. */
  busyPollMs: number;
  /** How long to wait when the budget says no without saying how long. Default 5 seconds. */
  budgetPollMs: number;
  /** First wait after a network or server failure, doubling. Default 5 seconds. */
  retryBaseMs: number;
  /** Wait after a 429 that names no time. Default 60 seconds. */
  rateLimitWaitMs: number;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = {
  incrementalEveryMs: 5 * 60_000,
  fullEveryMs: 24 * 3_600_000,
  overlapMs: 2 * 60_000,
  busyPollMs: 1_000,
  budgetPollMs: 5_000,
  retryBaseMs: 5_000,
  rateLimitWaitMs: 60_000,
};

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

/** A lead from the copy, and when that version came from MEGA. */
export interface IndexedLead {
  lead: Lead;
  syncedAt: number;
}

export interface LocalSearchPage {
  leads: IndexedLead[];
  /** Every match, as the API's `total`. */
  total: number;
  offset: number;
  limit: number;
}

export interface LeadIndex {
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
  /** Leads with this phone number or email, most recent interaction first; null: ask MEGA. */
  lookup(contact: Contact): Promise<IndexedLead[] | null>;
  /** `lookup` for many contacts at once, in one read of the database; null: ask MEGA. */
  lookupMany(contacts: readonly Contact[]): Promise<IndexedLead[][] | null>;
  /** The popup's search; null: ask MEGA. */
  search(query: LocalSearchQuery): Promise<LocalSearchPage | null>;
  /** Stops syncing and lets the database go (an account switch, the worker shutting down). */
  close(): Promise<void>;
  /** Stops syncing and deletes this account's copy from the device. */
  deleteCopy(): Promise<void>;
}

const PAGE_SIZE = 100;
const CHUNK = 1_000;
const TRANSIENT: readonly ApiErrorKind[] = ['network', 'timeout', 'server'];
const MAX_TRANSIENT_RETRIES = 3;
const MAX_RATE_LIMITED_IN_A_ROW = 5;
/** Failures that asking again cannot fix: only a new token, customer id or `syncNow` can. */
const NEEDS_USER: readonly ApiErrorKind[] = ['unauthenticated', 'forbidden'];

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The answer, unless the signal aborts first. The client already stops on abort; this also covers
 * a client that does not, so an answer for a closed index is never waited for, nor written.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Most recent interaction first, leads without one last; then the most recently updated. */
function byRecentInteraction(a: StoredLead, b: StoredLead): number {
  const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) || 0 : -Infinity);
  return time(b.lead.last_interaction_at) - time(a.lead.last_interaction_at) || b.updatedMs - a.updatedMs;
}

export async function openLeadIndex(options: LeadIndexOptions): Promise<LeadIndex> {
  const timing: SyncTiming = { ...DEFAULT_SYNC_TIMING, ...options.timing };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const region = options.defaultRegion;
  const factory = options.indexedDB ?? globalThis.indexedDB;
  const name = databaseNameFor(options.accountId);
  const keysOf = (lead: Lead) => leadKeys(lead, region);

  let closedBy: 'closed' | 'deleted' | null = null;
  let current: AbortController | null = null;
  let running: Promise<IndexStatus> | null = null;
  let waiting: IndexStatus['waiting'] = null;
  let failure: ApiFailure | null = null;
  /** Set by a failure only the user can fix; cleared by `syncNow`. */
  let stoppedForUser = false;
  let paused = false;
  const wakers = new Set<() => void>();
  /** The search rows, in step with the leads whenever not null. */
  let rows: SearchRows | null = null;
  let snapshotRev = -1;
  let snapshotSaving: Promise<void> = Promise.resolve();
  /** Writes and the building of the search rows take turns, so the rows never miss a write. */
  let turn: Promise<unknown> = Promise.resolve();

  const db = await LeadDb.open(factory, name, () => {
    if (closedBy) return;
    closedBy = 'closed';
    rows = null;
    current?.abort();
    emit();
  });
  // A new copy's state is saved with its first run.
  let meta: SyncMeta = (await db.readMeta()) ?? initialMeta(region);
  if (meta.region !== region) {
    meta = { ...meta, region };
    await db.rekey(CHUNK, keysOf, meta);
  }

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = turn.then(task);
    turn = result.catch(() => undefined);
    return result;
  }

  function usable(): boolean {
    return closedBy === null && meta.off === null && meta.lastFullSyncAt !== null;
  }

  function status(): IndexStatus {
    const off = closedBy !== null || meta.off !== null;
    return {
      state: off ? 'off' : running ? 'syncing' : meta.lastFullSyncAt === null && meta.phase === null ? 'empty' : 'idle',
      phase: meta.phase,
      usable: usable(),
      done: meta.position,
      total: meta.total,
      count: meta.count,
      lastSyncedAt: meta.lastSyncedAt,
      lastFullSyncAt: meta.lastFullSyncAt,
      waiting,
      failure,
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

  function setWaiting(reason: WaitReason | null, until: number | null = null): void {
    const next = reason === null ? null : { reason, until };
    if (next?.reason === waiting?.reason && next?.until === waiting?.until) return;
    waiting = next;
    emit();
  }

  /** Sleeps, but wakes early on `resume()`; rejects only when the run is aborted. */
  async function nap(ms: number, signal: AbortSignal): Promise<void> {
    const local = new AbortController();
    const wake = () => local.abort();
    signal.addEventListener('abort', wake, { once: true });
    wakers.add(wake);
    try {
      await sleep(ms, local.signal);
    } catch (error) {
      if (signal.aborted) throw error;
    } finally {
      wakers.delete(wake);
      signal.removeEventListener('abort', wake);
    }
    signal.throwIfAborted();
  }

  function userBusy(): boolean {
    if (paused) return true;
    try {
      return options.isUserBusy?.() ?? false;
    } catch {
      return false;
    }
  }

  /** Waits until the user is not busy and the budget lets one request go. */
  async function gate(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      if (userBusy()) {
        setWaiting('busy');
        await nap(timing.busyPollMs, signal);
        continue;
      }
      const answer = readBudgetAnswer(await options.budget.mayFetch());
      signal.throwIfAborted();
      if (answer.ok) {
        setWaiting(null);
        return;
      }
      const waitMs = answer.waitMs ?? timing.budgetPollMs;
      setWaiting('budget', now() + waitMs);
      await nap(waitMs, signal);
    }
  }

  async function fetchPage(query: LeadQuery, signal: AbortSignal): Promise<LeadPage> {
    let transient = 0;
    let limited = 0;
    for (;;) {
      await gate(signal);
      try {
        return await untilAborted(options.client.listLeads(query, { signal }), signal);
      } catch (error) {
        signal.throwIfAborted();
        if (error instanceof MegaApiError && error.kind === 'rate_limited' && ++limited <= MAX_RATE_LIMITED_IN_A_ROW) {
          options.budget.noteRateLimited?.(error.retryAfterSeconds);
          const waitMs = error.retryAfterSeconds === undefined ? timing.rateLimitWaitMs : error.retryAfterSeconds * 1000;
          setWaiting('rate_limited', now() + waitMs);
          await nap(waitMs, signal);
          continue;
        }
        if (error instanceof MegaApiError && TRANSIENT.includes(error.kind) && ++transient <= MAX_TRANSIENT_RETRIES) {
          const waitMs = timing.retryBaseMs * 2 ** (transient - 1);
          setWaiting('retry', now() + waitMs);
          await nap(waitMs, signal);
          continue;
        }
        throw error;
      }
    }
  }

  /** The search rows, built from the saved snapshot when it is current, else from the leads. */
  function ensureRows(): Promise<SearchRows> {
    if (rows) return Promise.resolve(rows);
    return exclusive(async () => {
      if (rows) return rows;
      const snapshot = await db.readSnapshot();
      const restored = snapshot?.rev === meta.rev ? SearchRows.unpack(snapshot.rows) : null;
      if (restored) {
        rows = restored;
        snapshotRev = meta.rev;
        return restored;
      }
      const built = new SearchRows();
      await db.forEachChunk(CHUNK, (chunk) => {
        for (const row of chunk) built.upsert(row.lead);
      });
      rows = built;
      saveSnapshot();
      return built;
    });
  }

  /** Saves the search rows for the next worker, unless they are saved already. */
  function saveSnapshot(): void {
    if (!rows || snapshotRev === meta.rev || closedBy) return;
    const rev = meta.rev;
    // Only an optimisation: a failure leaves the next worker to build the rows from the leads.
    snapshotSaving = db.saveSnapshot({ rev, rows: rows.pack() }).then(
      () => {
        snapshotRev = rev;
      },
      () => undefined,
    );
  }

  function queryFor(state: SyncMeta): LeadQuery {
    const query: LeadQuery = { sort_by: 'updated_at', sort_dir: 'asc', limit: PAGE_SIZE, include_custom_fields: true };
    if (state.cursor) query.cursor = state.cursor;
    if (state.phase === 'incremental' && state.since) query.updated_since = state.since;
    return query;
  }

  async function startRun(kind: SyncPhase): Promise<void> {
    const next: SyncMeta = {
      ...meta,
      phase: kind,
      cursor: null,
      listed: false,
      position: 0,
      total: null,
      runStartedAt: now(),
      generation: kind === 'full' ? meta.generation + 1 : meta.generation,
      since: kind === 'incremental' ? new Date((meta.lastUpdatedMs ?? 0) - timing.overlapMs).toISOString() : null,
    };
    await exclusive(() => db.saveMeta(next));
    meta = next;
  }

  async function savePage(page: LeadPage, signal: AbortSignal): Promise<void> {
    await exclusive(async () => {
      if (signal.aborted || closedBy) return;
      const context = { generation: meta.generation, syncedAt: now(), keysOf };
      // A page with no leads, or one that sends the same cursor back, would never end: take it
      // as the last.
      const listed = page.next_cursor === null || page.leads.length === 0 || page.next_cursor === meta.cursor;
      const result = await db.writePage(page.leads, context, ({ added, newestMs }) => ({
        ...meta,
        cursor: listed ? null : page.next_cursor,
        listed,
        position: meta.position + page.leads.length,
        total: page.total,
        count: meta.count + added,
        rev: meta.rev + 1,
        lastUpdatedMs: newestMs === null ? meta.lastUpdatedMs : Math.max(meta.lastUpdatedMs ?? 0, newestMs),
      }));
      meta = result.meta;
      if (rows) for (const row of result.written) rows.upsert(row.lead);
    });
  }

  async function finishRun(kind: SyncPhase, signal: AbortSignal): Promise<void> {
    await exclusive(async () => {
      if (signal.aborted || closedBy) return;
      const finished = (state: SyncMeta): SyncMeta => ({
        ...state,
        phase: null,
        cursor: null,
        listed: false,
        since: null,
        lastSyncedAt: now(),
        lastFullSyncAt: kind === 'full' ? state.runStartedAt : state.lastFullSyncAt,
      });
      if (kind === 'full') {
        const { removed, meta: next } = await db.sweep(meta.generation, (count) => ({
          ...finished(meta),
          count: meta.count - count,
          rev: count > 0 ? meta.rev + 1 : meta.rev,
        }));
        meta = next;
        if (rows) for (const id of removed) rows.remove(id);
      } else {
        const next = finished(meta);
        await db.saveMeta(next);
        meta = next;
      }
    });
    saveSnapshot();
  }

  async function run(kind: SyncPhase, signal: AbortSignal): Promise<void> {
    // Built before the first write, so that the writes keep them in step.
    await ensureRows();
    if (meta.phase !== kind) await startRun(kind);
    emit();
    let restarted = false;
    while (!meta.listed) {
      let page: LeadPage;
      try {
        page = await fetchPage(queryFor(meta), signal);
      } catch (error) {
        // A cursor MEGA no longer takes (expired, or from an older sync): start this run over.
        if (!restarted && meta.cursor !== null && error instanceof MegaApiError && error.kind === 'bad_request') {
          restarted = true;
          const next = { ...meta, cursor: null, position: 0 };
          await exclusive(() => db.saveMeta(next));
          meta = next;
          continue;
        }
        throw error;
      }
      if (signal.aborted || closedBy) return;
      await savePage(page, signal);
      if (signal.aborted || closedBy) return;
      emit();
    }
    await finishRun(kind, signal);
  }

  async function turnOff(): Promise<void> {
    rows = null;
    const off: SyncMeta = { ...initialMeta(region), off: 'quota', generation: meta.generation, rev: meta.rev + 1 };
    meta = off;
    // Emptying the copy frees the space it took; if even that fails, the next start retries.
    await exclusive(() => db.clear(off)).catch(() => undefined);
  }

  function start(kind: SyncPhase): Promise<IndexStatus> {
    const controller = new AbortController();
    current = controller;
    failure = null;
    const task = (async () => {
      try {
        await run(kind, controller.signal);
      } catch (error) {
        if (controller.signal.aborted || closedBy) {
          // Stopped on purpose; a worker restart resumes from the saved cursor.
        } else if (isQuotaError(error)) {
          await turnOff();
        } else {
          failure = toApiFailure(error);
          if (NEEDS_USER.includes(failure.kind)) stoppedForUser = true;
        }
      } finally {
        waiting = null;
        running = null;
        if (current === controller) current = null;
      }
      emit();
      return status();
    })();
    running = task;
    return task;
  }

  function dueKind(): SyncPhase | null {
    if (closedBy || meta.off || stoppedForUser) return null;
    if (meta.phase) return meta.phase;
    if (meta.lastFullSyncAt === null || now() - meta.lastFullSyncAt >= timing.fullEveryMs) return 'full';
    if (meta.lastSyncedAt === null || now() - meta.lastSyncedAt >= timing.incrementalEveryMs) return 'incremental';
    return null;
  }

  async function shutDown(reason: 'closed' | 'deleted'): Promise<void> {
    if (!closedBy) closedBy = reason;
    current?.abort();
    for (const wake of wakers) wake();
    await running;
    await turn;
    await snapshotSaving;
    db.close();
    rows = null;
  }

  return {
    accountId: options.accountId,
    status,
    count: () => meta.count,
    lastSyncedAt: () => meta.lastSyncedAt,

    nextSyncAt() {
      if (closedBy || meta.off || stoppedForUser) return null;
      if (running || meta.phase) return now();
      if (meta.lastFullSyncAt === null || meta.lastSyncedAt === null) return now();
      return Math.min(meta.lastFullSyncAt + timing.fullEveryMs, meta.lastSyncedAt + timing.incrementalEveryMs);
    },

    syncIfDue() {
      if (running) return running;
      const kind = dueKind();
      return kind ? start(kind) : Promise.resolve(status());
    },

    syncNow(request = {}) {
      if (running) return running;
      if (closedBy) return Promise.resolve(status());
      stoppedForUser = false;
      // Saved with the run's first state.
      if (meta.off) meta = { ...meta, off: null };
      return start(request.full || meta.lastFullSyncAt === null ? 'full' : (meta.phase ?? 'incremental'));
    },

    pause() {
      paused = true;
    },

    resume() {
      paused = false;
      for (const wake of wakers) wake();
    },

    async lookup(contact) {
      if (!usable()) return null;
      try {
        const found = await db.find(contactKeys(contact));
        return found.sort(byRecentInteraction).map(({ lead, syncedAt }) => ({ lead, syncedAt }));
      } catch {
        return null;
      }
    },

    async lookupMany(contacts) {
      if (!usable()) return null;
      try {
        const found = await db.findMany(contacts.map(contactKeys));
        return found.map((rows) => rows.sort(byRecentInteraction).map(({ lead, syncedAt }) => ({ lead, syncedAt })));
      } catch {
        return null;
      }
    },

    async search(query) {
      if (!usable()) return null;
      try {
        const hits = (await ensureRows()).query(query);
        const stored = await db.get(hits.ids);
        const leads = stored.flatMap((row) => (row ? [{ lead: row.lead, syncedAt: row.syncedAt }] : []));
        return {
          leads,
          total: hits.total,
          offset: Math.max(0, Math.trunc(query.offset ?? 0)),
          limit: Math.min(PAGE_SIZE, Math.max(1, Math.trunc(query.limit ?? 20))),
        };
      } catch {
        return null;
      }
    },

    async close() {
      await shutDown('closed');
      emit();
    },

    async deleteCopy() {
      await shutDown('deleted');
      closedBy = 'deleted';
      await LeadDb.delete(factory, name);
      emit();
    },
  };
}
