/**
 * The sync that keeps the on-device copy in step with MEGA:
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
 * The sync shares MEGA's rate limit with the user: each page is fetched at its pace
 * (page-fetcher.ts).
 *
 * If the browser runs out of storage space, the copy empties itself and turns off (`off: 'quota'`).
 */
import { MegaApiError, toApiFailure, type ApiErrorKind, type ApiFailure } from '@/utils/api/errors';
import type { LeadPage, LeadQuery } from '@/utils/api/schemas';
import type { IndexStatus, SyncPhase } from '@/utils/device-copy-status';
import type { CopyState } from './copy-state';
import { initialMeta, isQuotaError, type SyncMeta } from './db';
import { createPageFetcher, type FetchTiming, type PageFetcherDeps } from './page-fetcher';
import type { RowSnapshot } from './row-snapshot';
import { nextSync } from './sync-due';

/** The waits between requests are page-fetcher.ts's (`FetchTiming`); the defaults of all are below. */
export interface SyncTiming extends FetchTiming {
  /** How often an incremental run is due. Default 5 minutes. */
  incrementalEveryMs: number;
  /** How often a full sync (which also finds deletions) is due. Default 24 hours. */
  fullEveryMs: number;
  /** How far before the newest `updated_at` seen an incremental run starts. Default 2 minutes. */
  overlapMs: number;
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

export interface SyncDeps extends PageFetcherDeps {
  copy: CopyState;
  rows: RowSnapshot;
  timing: SyncTiming;
  /** The index's status, which a run answers with when it ends. */
  status(): IndexStatus;
}

export interface Sync {
  /** The run going now, or null. */
  running(): Promise<IndexStatus> | null;
  /** Why the run going now is holding off, and until when if known. */
  waiting(): IndexStatus['waiting'];
  /** Why the last run stopped before the end. */
  failure(): ApiFailure | null;
  nextSyncAt(): number | null;
  syncIfDue(): Promise<IndexStatus>;
  syncNow(full?: boolean): Promise<IndexStatus>;
  pause(): void;
  resume(): void;
  /** Stops the run going now, waits included; the index is closing. */
  stop(): void;
}

const PAGE_SIZE = 100;
/** Failures that asking again cannot fix: only a new token, customer id or `syncNow` can. */
const NEEDS_USER: readonly ApiErrorKind[] = ['unauthenticated', 'forbidden'];

export function createSync(deps: SyncDeps): Sync {
  const { copy, rows, timing, now, emit } = deps;
  const { db } = copy;
  const pages = createPageFetcher(deps);

  let current: AbortController | null = null;
  let running: Promise<IndexStatus> | null = null;
  let failure: ApiFailure | null = null;
  /** Set by a failure only the user can fix; cleared by `syncNow`. */
  let stoppedForUser = false;

  /** The one answer to "is a sync due, and which": for the runner and for the alarm alike. */
  function next(at: number) {
    const { meta } = copy;
    const stopped = copy.closedBy !== null || meta.off !== null || stoppedForUser;
    const { phase, lastFullSyncAt, lastSyncedAt } = meta;
    return nextSync({ stopped, running: running !== null, phase, lastFullSyncAt, lastSyncedAt }, at, timing);
  }

  function queryFor(state: SyncMeta): LeadQuery {
    const query: LeadQuery = { sort_by: 'updated_at', sort_dir: 'asc', limit: PAGE_SIZE, include_custom_fields: true };
    if (state.cursor) query.cursor = state.cursor;
    if (state.phase === 'incremental' && state.since) query.updated_since = state.since;
    return query;
  }

  async function saveMeta(next: SyncMeta): Promise<void> {
    await copy.exclusive(() => db.saveMeta(next));
    copy.meta = next;
  }

  async function startRun(kind: SyncPhase): Promise<void> {
    const { meta } = copy;
    await saveMeta({
      ...meta,
      phase: kind,
      cursor: null,
      listed: false,
      position: 0,
      total: null,
      runStartedAt: now(),
      generation: kind === 'full' ? meta.generation + 1 : meta.generation,
      since: kind === 'incremental' ? new Date((meta.lastUpdatedMs ?? 0) - timing.overlapMs).toISOString() : null,
    });
  }

  async function savePage(page: LeadPage, signal: AbortSignal): Promise<void> {
    await copy.exclusive(async () => {
      if (signal.aborted || copy.closedBy) return;
      const { meta } = copy;
      const context = { generation: meta.generation, syncedAt: now(), keysOf: copy.keysOf };
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
      copy.meta = result.meta;
      const built = rows.built();
      if (built) for (const row of result.written) built.upsert(row.lead);
    });
  }

  async function finishRun(kind: SyncPhase, signal: AbortSignal): Promise<void> {
    await copy.exclusive(async () => {
      if (signal.aborted || copy.closedBy) return;
      const { meta } = copy;
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
        copy.meta = next;
        const built = rows.built();
        if (built) for (const id of removed) built.remove(id);
      } else {
        const next = finished(meta);
        await db.saveMeta(next);
        copy.meta = next;
      }
    });
    rows.save();
  }

  async function run(kind: SyncPhase, signal: AbortSignal): Promise<void> {
    // Built before the first write, so that the writes keep them in step.
    await rows.load();
    if (copy.meta.phase !== kind) await startRun(kind);
    emit();
    let restarted = false;
    while (!copy.meta.listed) {
      let page: LeadPage;
      try {
        page = await pages.fetchPage(queryFor(copy.meta), signal);
      } catch (error) {
        // A cursor MEGA no longer takes (expired, or from an older sync): start this run over.
        if (!restarted && copy.meta.cursor !== null && error instanceof MegaApiError && error.kind === 'bad_request') {
          restarted = true;
          await saveMeta({ ...copy.meta, cursor: null, position: 0 });
          continue;
        }
        throw error;
      }
      if (signal.aborted || copy.closedBy) return;
      await savePage(page, signal);
      if (signal.aborted || copy.closedBy) return;
      emit();
    }
    await finishRun(kind, signal);
  }

  /** Out of storage space: the copy empties itself and turns off. */
  async function turnOff(): Promise<void> {
    rows.drop();
    const { meta } = copy;
    const off: SyncMeta = { ...initialMeta(copy.region), off: 'quota', generation: meta.generation, rev: meta.rev + 1 };
    copy.meta = off;
    // Emptying the copy frees the space it took; if even that fails, the next start retries.
    await copy.exclusive(() => db.clear(off)).catch(() => undefined);
  }

  function start(kind: SyncPhase): Promise<IndexStatus> {
    const controller = new AbortController();
    current = controller;
    failure = null;
    const task = (async () => {
      try {
        await run(kind, controller.signal);
      } catch (error) {
        if (controller.signal.aborted || copy.closedBy) {
          // Stopped on purpose; a worker restart resumes from the saved cursor.
        } else if (isQuotaError(error)) {
          await turnOff();
        } else {
          failure = toApiFailure(error);
          if (NEEDS_USER.includes(failure.kind)) stoppedForUser = true;
        }
      } finally {
        pages.doneWaiting();
        running = null;
        if (current === controller) current = null;
      }
      emit();
      return deps.status();
    })();
    running = task;
    return task;
  }

  return {
    running: () => running,
    waiting: () => pages.waiting(),
    failure: () => failure,

    nextSyncAt() {
      return next(now())?.at ?? null;
    },

    syncIfDue() {
      if (running) return running;
      const at = now();
      const due = next(at);
      return due && due.at <= at ? start(due.kind) : Promise.resolve(deps.status());
    },

    syncNow(full = false) {
      if (running) return running;
      if (copy.closedBy) return Promise.resolve(deps.status());
      stoppedForUser = false;
      // Saved with the run's first state.
      if (copy.meta.off) copy.meta = { ...copy.meta, off: null };
      return start(full || copy.meta.lastFullSyncAt === null ? 'full' : (copy.meta.phase ?? 'incremental'));
    },

    pause: () => pages.pause(),
    resume: () => pages.resume(),

    stop() {
      current?.abort();
      pages.wakeAll();
    },
  };
}
