/**
 * How much of MEGA's rate budget a request may spend, per account.
 *
 * MEGA counts requests per token (60 a minute and 1,000 an hour by default), and everyone who
 * uses the token shares the count. Every response says where the count stands (`RateLimit-Limit`,
 * `RateLimit-Remaining`, `RateLimit-Reset` in seconds), so this governor keeps the latest figures
 * and decides, before a request is sent, whether it may spend one more:
 *
 * - `explicit`: the user asked for this very request: a click on Retry, a search in the popup, the
 *   context menu or the shortcut, the "look up" button of the button trigger, Add to MEGA. It may
 *   use the whole budget, and is refused only when MEGA is known to refuse it anyway (nothing
 *   left in the window, or a wait MEGA named after a 429 is still running).
 * - `automatic`: the user did something, but not "ask MEGA": a selection looked up because it was
 *   made. It never spends the reserve, the last 20% of the window's limit (and at least
 *   MIN_RESERVE requests, so that a small limit still keeps some for the user's own clicks).
 * - `background`: nobody is waiting for it (a sync). It runs only while more than half of the
 *   part of the window above the reserve is left, so it takes at most that half and the
 *   automatic lookups keep the other.
 *
 * A 429 that names no wait (no Retry-After, no RateLimit-Reset) holds back automatic and background
 * requests for at least 5 s, with jitter, so clients sharing a token do not come back in step.
 *
 * Each request allowed is counted at once, before its response says so, so that a burst of
 * lookups cannot all pass on the same stale figure. Pure: the clock and the randomness are passed
 * in; nothing here sends anything.
 */

export type RequestPriority = 'explicit' | 'automatic' | 'background';

/** The RateLimit-* headers of one response. */
export interface RateLimitHeaders {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/** Where the budget stands, for a UI: "MEGA budget: 12 of 60 this minute". */
export interface RateBudgetStatus {
  remaining: number;
  limit: number;
  /** When the window refills, in ms since the epoch. */
  resetAt: number;
  /** At or under the reserve: only explicit requests go out until the window refills. */
  low: boolean;
}

export type RateBudgetDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The share of the window's limit kept for explicit requests. */
export const RESERVE_SHARE = 0.2;
/** The smallest reserve, in requests, whatever the limit. */
export const MIN_RESERVE = 3;
/** The shortest hold after a 429 that names no wait. */
export const MIN_UNSPECIFIED_WAIT_MS = 5_000;
/** Two figures whose resets are this close describe the same window (Reset is whole seconds). */
const SAME_WINDOW_MS = 2_000;

/** The hold after a 429 that names no wait: 5 s plus up to half again, at random. */
export function unspecifiedRateLimitWaitMs(random: () => number = Math.random): number {
  return MIN_UNSPECIFIED_WAIT_MS * (1 + 0.5 * Math.min(1, Math.max(0, random())));
}

/** The requests kept for explicit use in a window of `limit`. */
export function reserveOf(limit: number): number {
  return Math.min(limit, Math.max(MIN_RESERVE, Math.ceil(limit * RESERVE_SHARE)));
}

export interface RateBudgetOptions {
  now: () => number;
  random?: () => number;
}

interface Window {
  limit: number;
  remaining: number;
  resetAt: number;
}

/** The budget of one account (one token). */
export class RateBudget {
  private window: Window | undefined;
  /** Until then nothing goes out: MEGA named this wait in a 429. */
  private blockedUntil = 0;
  /** Until then only explicit requests go out: a 429 that named no wait. */
  private pausedUntil = 0;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(options: RateBudgetOptions) {
    this.now = options.now;
    this.random = options.random ?? Math.random;
  }

  /** The RateLimit-* headers of a response. */
  observe(headers: RateLimitHeaders): void {
    const { limit, remaining, resetSeconds } = headers;
    if (![limit, remaining, resetSeconds].every(Number.isFinite) || limit <= 0) return;
    const now = this.now();
    const next: Window = { limit, remaining: Math.max(0, remaining), resetAt: now + Math.max(0, resetSeconds) * 1000 };
    const current = this.activeWindow(now);
    if (!current || next.resetAt > current.resetAt + SAME_WINDOW_MS) {
      this.window = next;
      return;
    }
    // Same window: answers may arrive out of order, and requests counted here may not have
    // reached MEGA yet, so the lower figure is the truer one.
    this.window = { limit, remaining: Math.min(current.remaining, next.remaining), resetAt: current.resetAt };
  }

  /** A 429, with the wait it named (Retry-After, else RateLimit-Reset), if any. */
  rateLimited(retryAfterSeconds: number | undefined): void {
    const now = this.now();
    if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds)) {
      this.blockedUntil = Math.max(this.blockedUntil, now + Math.max(0, retryAfterSeconds) * 1000);
    } else {
      this.pausedUntil = Math.max(this.pausedUntil, now + unspecifiedRateLimitWaitMs(this.random));
    }
  }

  /** Whether a request of this priority may go out now; when it may, it is counted. */
  request(priority: RequestPriority): RateBudgetDecision {
    const now = this.now();
    if (now < this.blockedUntil) return refused(this.blockedUntil - now);
    if (priority !== 'explicit' && now < this.pausedUntil) return refused(this.pausedUntil - now);
    const window = this.activeWindow(now);
    // Nothing known, or the window refilled: the answer to this request will tell.
    if (!window) return { ok: true };
    if (window.remaining <= floorFor(priority, window.limit)) return refused(window.resetAt - now);
    window.remaining -= 1;
    return { ok: true };
  }

  /** Where the budget stands as of the latest answer; null when unknown or the window is over. */
  status(): RateBudgetStatus | null {
    const window = this.activeWindow(this.now());
    if (!window) return null;
    return { ...window, low: window.remaining <= reserveOf(window.limit) };
  }

  private activeWindow(now: number): Window | undefined {
    return this.window && now < this.window.resetAt ? this.window : undefined;
  }
}

/** The fewest requests that must be left in the window after one of this priority goes out. */
function floorFor(priority: RequestPriority, limit: number): number {
  const reserve = reserveOf(limit);
  switch (priority) {
    case 'explicit':
      return 0;
    case 'automatic':
      return reserve;
    case 'background':
      return reserve + Math.ceil((limit - reserve) / 2);
  }
}

function refused(waitMs: number): RateBudgetDecision {
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** One budget per account, kept while the extension runs, so switching back finds its figures. */
export class RateBudgets {
  private readonly budgets = new Map<string, RateBudget>();

  constructor(
    private readonly options: RateBudgetOptions,
    private readonly maxAccounts = 20,
  ) {}

  /** The budget of the account `key` names (its base URL, customer and token). */
  for(key: string): RateBudget {
    let budget = this.budgets.get(key);
    if (budget) {
      // Most recently used last, so the oldest is the first to go.
      this.budgets.delete(key);
    } else {
      budget = new RateBudget(this.options);
    }
    this.budgets.set(key, budget);
    for (const old of this.budgets.keys()) {
      if (this.budgets.size <= this.maxAccounts) break;
      this.budgets.delete(old);
    }
    return budget;
  }
}
