/**
 * One page from MEGA at the sync's pace: it shares MEGA's rate limit with the user, so before each
 * request it holds off while the user is looking things up (or the sync is paused) and asks the
 * budget; it waits out a 429 as long as MEGA asks, and tries a network or server failure again
 * a few times, each wait longer. Every wait ends early on `resume()`, and at once when the run
 * is aborted.
 */
import type { MegaClient } from '../api/client';
import { untilAborted } from '../abortable';
import { MegaApiError, type ApiErrorKind } from '@/utils/api/errors';
import type { LeadPage, LeadQuery } from '@/utils/api/schemas';
import type { IndexStatus, WaitReason } from '@/utils/device-copy-status';
import { readBudgetAnswer, type SyncBudget } from './budget';

export interface FetchTiming {
  /** How often to check whether the user is still busy. */
  busyPollMs: number;
  /** How long to wait when the budget says no without saying how long. */
  budgetPollMs: number;
  /** First wait after a network or server failure, doubling. */
  retryBaseMs: number;
  /** Wait after a 429 that names no time. */
  rateLimitWaitMs: number;
}

export interface PageFetcherDeps {
  /** This account's client; only `listLeads` is used. */
  client: Pick<MegaClient, 'listLeads'>;
  budget: SyncBudget;
  timing: FetchTiming;
  now: () => number;
  /** Resolves after `ms`, rejects when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** While true, the sync sends nothing. */
  isUserBusy?: () => boolean;
  /** Tells the index's listener that its status changed (here: what the sync waits for). */
  emit(): void;
}

export interface PageFetcher {
  /** The page, once the user, the budget and MEGA let it come; rejects when `signal` aborts. */
  fetchPage(query: LeadQuery, signal: AbortSignal): Promise<LeadPage>;
  /** Why the sync is holding off, and until when if known. */
  waiting(): IndexStatus['waiting'];
  /** The run ended: it waits for nothing any more. */
  doneWaiting(): void;
  /** Holds the sync before its next request, until `resume()`. */
  pause(): void;
  resume(): void;
  /** Ends every wait now (the run is stopping). */
  wakeAll(): void;
}

const TRANSIENT: readonly ApiErrorKind[] = ['network', 'timeout', 'server'];
const MAX_TRANSIENT_RETRIES = 3;
const MAX_RATE_LIMITED_IN_A_ROW = 5;

export function createPageFetcher(deps: PageFetcherDeps): PageFetcher {
  const { timing, now, emit } = deps;
  let waiting: IndexStatus['waiting'] = null;
  let paused = false;
  const wakers = new Set<() => void>();

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
      await deps.sleep(ms, local.signal);
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
      return deps.isUserBusy?.() ?? false;
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
      const answer = readBudgetAnswer(await deps.budget.mayFetch());
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
        // The client already stops on abort; this also covers one that does not, so an answer
        // for a closed index is never waited for, nor written.
        return await untilAborted(deps.client.listLeads(query, { signal }), signal);
      } catch (error) {
        signal.throwIfAborted();
        if (error instanceof MegaApiError && error.kind === 'rate_limited' && ++limited <= MAX_RATE_LIMITED_IN_A_ROW) {
          deps.budget.noteRateLimited?.(error.retryAfterSeconds);
          const waitMs =
            error.retryAfterSeconds === undefined ? timing.rateLimitWaitMs : error.retryAfterSeconds * 1000;
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

  function wakeAll(): void {
    for (const wake of wakers) wake();
  }

  return {
    fetchPage,
    waiting: () => waiting,
    doneWaiting() {
      waiting = null;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      wakeAll();
    },
    wakeAll,
  };
}
