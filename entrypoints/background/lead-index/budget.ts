/**
 * How much of MEGA's rate limit the sync may use. The limit is per token, so it is shared with
 * the user's own lookups and with everyone else who uses the same token: the sync asks before
 * every request and takes what it is given.
 *
 * The sync only needs this small interface; the extension's real governor implements it.
 * `halfOfRemaining` is a simple stand-in: it never lets the sync spend more than half of what
 * remained when a rate window began.
 */
import type { RateLimitInfo } from '@/utils/api/client';

/** true or `{ ok: true }`: send now. false or `{ waitMs }`: ask again later (after `waitMs`). */
export type BudgetAnswer = boolean | { ok: true } | { ok?: false; waitMs: number };

export interface SyncBudget {
  /** Asked before each request the sync sends. */
  mayFetch(): BudgetAnswer | Promise<BudgetAnswer>;
  /**
   * The RateLimit-* headers of a MEGA response. The sync does not see headers itself: pass this
   * as the client's `onRateLimit`, so the user's lookups count too.
   */
  note(info: RateLimitInfo): void;
  /** MEGA answered 429 all the same; it asked for this wait (seconds) when it said. */
  noteRateLimited?(retryAfterSeconds: number | undefined): void;
}

/** Whether an answer lets the request go, and if not how long it suggests waiting. */
export function readBudgetAnswer(answer: BudgetAnswer): { ok: true } | { ok: false; waitMs: number | undefined } {
  if (answer === true) return { ok: true };
  if (answer === false) return { ok: false, waitMs: undefined };
  if ('waitMs' in answer) return { ok: false, waitMs: Math.max(0, answer.waitMs) };
  return { ok: true };
}

/** No limit at all: for tests, and for a server without rate limits. */
export function unlimitedBudget(): SyncBudget {
  return { mayFetch: () => true, note: () => undefined };
}

/**
 * Sends while a request would leave at least half of what remained when the window began (the
 * first headers seen in it, plus the request that brought them), then waits for the window to
 * refill. Before any headers have been seen it lets one request through to learn them.
 */
export function halfOfRemaining(options: { now?: () => number } = {}): SyncBudget {
  const now = options.now ?? Date.now;
  let window: { floor: number; remaining: number; resetAt: number } | undefined;
  return {
    mayFetch() {
      if (!window || now() >= window.resetAt) return true;
      // Sent only if what it leaves is still at or above the floor.
      return window.remaining - 1 >= window.floor ? true : { waitMs: window.resetAt - now() };
    },
    note(info) {
      const resetAt = now() + info.resetSeconds * 1000;
      // More remaining than last time means the window refilled: a new window, a new floor.
      if (!window || now() >= window.resetAt || info.remaining > window.remaining) {
        window = { floor: (info.remaining + 1) / 2, remaining: info.remaining, resetAt };
      } else {
        window.remaining = info.remaining;
        window.resetAt = resetAt;
      }
    },
    noteRateLimited(retryAfterSeconds) {
      // MEGA says none are left: hold off until it says, whatever the headers suggested.
      const resetAt = now() + (retryAfterSeconds ?? 60) * 1000;
      window = { floor: 0, remaining: 0, resetAt };
    },
  };
}
