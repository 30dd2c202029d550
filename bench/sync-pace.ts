/**
 * How long a sync of so many requests would take at MEGA's real limits: the extension's rate
 * governor (`utils/api/rate-budget.ts`), asked for `background` requests as the sync asks it,
 * against the local server's limiter (`server/rate-limit.ts`, the same headers MEGA sends), on a
 * simulated clock. Nothing is sent; it is arithmetic with the real code on both sides.
 */
import { RateBudget } from '../utils/api/rate-budget';
import { RateLimiter, type RateLimitConfig } from '../server/rate-limit';

export interface SyncPace {
  /** From the first request to the answer of the last, in ms. */
  ms: number;
  /** Requests MEGA refused with a 429 (the governor should keep this at 0). */
  refused: number;
  /** The most background requests that went out in any one minute window of the server. */
  perMinute: number;
}

/**
 * `requests`: how many pages the sync fetches; `requestMs`: how long one request takes to be
 * answered (the sync sends one at a time). The sync waits as long as the governor says before it
 * asks again (`lead-index.ts`, its gate).
 */
export function syncPaceAtLimits(requests: number, limits: RateLimitConfig, requestMs: number): SyncPace {
  let clock = 0;
  const budget = new RateBudget({ now: () => clock, random: () => 0.5 });
  const limiter = new RateLimiter(limits);
  let sent = 0;
  let refused = 0;
  const minuteCounts = new Map<number, number>();
  while (sent < requests) {
    const decision = budget.request('background');
    if (!decision.ok) {
      clock += decision.retryAfterSeconds * 1000;
      continue;
    }
    const answer = limiter.hit('token', clock);
    clock += requestMs;
    const headers = answer.headers;
    budget.observe({
      limit: Number(headers['ratelimit-limit']),
      remaining: Number(headers['ratelimit-remaining']),
      resetSeconds: Number(headers['ratelimit-reset']),
    });
    if (answer.limited) {
      refused += 1;
      budget.rateLimited(answer.retryAfter);
      continue;
    }
    sent += 1;
    const minute = Math.floor((clock - requestMs) / 60_000);
    minuteCounts.set(minute, (minuteCounts.get(minute) ?? 0) + 1);
  }
  return { ms: clock, refused, perMinute: Math.max(0, ...minuteCounts.values()) };
}
