/**
 * How much of MEGA's rate limit the sync may use. The limit is per token, so it is shared with
 * the user's own lookups and with everyone else who uses the same token: the sync asks before
 * every request and takes what it is given.
 *
 * The sync needs only this small interface. `syncBudgetOf` makes one of the extension's rate
 * governor (`utils/api/rate-budget.ts`), whose `background` priority is exactly the sync's share:
 * at most half of what is left above the reserve kept for the user. `unlimitedBudget` is for tests.
 */
import type { RateBudget } from '@/utils/api/rate-budget';
import type { RateLimitInfo } from '../api/client';

/** true or `{ ok: true }`: send now. false or `{ waitMs }`: ask again later (after `waitMs`). */
export type BudgetAnswer = boolean | { ok: true } | { ok?: false; waitMs: number };

export interface SyncBudget {
  /** Asked before each request the sync sends; a yes counts the request. */
  mayFetch(): BudgetAnswer | Promise<BudgetAnswer>;
  /**
   * The RateLimit-* headers of a MEGA response. The sync never sees headers: whoever creates the
   * client passes this as its `onRateLimit` (unless the client already reports to the governor).
   */
  note?(info: RateLimitInfo): void;
  /** The sync met a 429 all the same; MEGA asked for this wait (seconds), when it said. */
  noteRateLimited?(retryAfterSeconds: number | undefined): void;
}

/** Whether an answer lets the request go, and if not how long it suggests waiting. */
export function readBudgetAnswer(answer: BudgetAnswer): { ok: true } | { ok: false; waitMs: number | undefined } {
  if (answer === true) return { ok: true };
  if (answer === false) return { ok: false, waitMs: undefined };
  if ('waitMs' in answer) return { ok: false, waitMs: Math.max(0, answer.waitMs) };
  return { ok: true };
}

/** The account's rate governor, with the sync's requests as `background` ones. */
export function syncBudgetOf(budget: Pick<RateBudget, 'request' | 'observe' | 'rateLimited'>): SyncBudget {
  return {
    mayFetch() {
      const decision = budget.request('background');
      return decision.ok ? true : { waitMs: decision.retryAfterSeconds * 1000 };
    },
    note: (info) => budget.observe(info),
    // The governor keeps the longest wait it was told, so hearing of a 429 twice does no harm.
    noteRateLimited: (retryAfterSeconds) => budget.rateLimited(retryAfterSeconds),
  };
}

/** No limit at all: for tests, and for a server without rate limits. */
export function unlimitedBudget(): SyncBudget {
  return { mayFetch: () => true };
}
