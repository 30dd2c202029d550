/**
 * How much of MEGA's rate budget a request may spend, per account.
 *
 * MEGA counts requests per token (60 a minute and 1,000 an hour by default), and everyone who
 * uses the token shares the count. Every response says where the count stands (`RateLimit-Limit`,
 * `RateLimit-Remaining`, and `RateLimit-Reset`: the seconds until the window has *fully* refilled,
 * the count freeing up gradually until then), so this governor keeps the newest figures, lets
 * what was used free up evenly until the reset, and decides, before a request is sent, whether it
 * may spend one more:
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
 *   automatic lookups keep the other. It counts only on what an answer said is left, never on
 *   what should have freed up since.
 *
 * A 429 that names no wait (no Retry-After, no RateLimit-Reset) holds back automatic and background
 * requests for at least 5 s, with jitter, so clients sharing a token do not come back in step.
 *
 * A 429 that names a wait (`Retry-After`) stops every request until that wait is over, and no
 * longer: MEGA's own example is `Remaining 0, Reset 42, Retry-After 30`, and by then a good part of
 * the window has freed up again.
 *
 * Each request allowed is counted at once, before its response says so, so that a burst of
 * lookups cannot all pass on the same stale figure. The newest answer's figure replaces the
 * estimate (a later answer may well show more left than an earlier one: the count frees up), less
 * the requests still on their way, which that answer cannot have counted yet. Pure: the clock and
 * the randomness are passed in; nothing here sends anything.
 *
 * MEGA counts the bulk import apart (10 a minute), and its answers' RateLimit-* headers speak of
 * that count alone. So an account has two budgets, one for each count (`RateLimitName`): the
 * bulk import's figures and 429s never touch the lookups' budget, nor theirs the import's.
 */

export type RequestPriority = 'explicit' | 'automatic' | 'background';

/** MEGA's separate counts of one token: the leads endpoint's, and the bulk import's own. */
export type RateLimitName = 'leads' | 'bulk';

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
  /** What was left at `observedAt`, as estimated then (fractional: it frees up evenly). */
  remaining: number;
  observedAt: number;
  /** When the window has fully refilled. */
  resetAt: number;
}

/** A request not answered after this long never will be (the client's timeout is shorter). */
const IN_FLIGHT_MS = 60_000;

/** The budget of one account (one token). */
export class RateBudget {
  private window: Window | undefined;
  /** When each request allowed and not yet answered was sent, oldest first. */
  private inFlight: number[] = [];
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
    // This answer is for the oldest request on its way (near enough: answers mostly come in
    // order); the others were sent after it and may not be in MEGA's count yet.
    this.inFlight = this.inFlight.filter((sentAt) => now - sentAt < IN_FLIGHT_MS).slice(1);
    this.window = {
      limit,
      remaining: Math.min(limit, Math.max(0, remaining - this.inFlight.length)),
      observedAt: now,
      resetAt: now + Math.max(0, resetSeconds) * 1000,
    };
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
    if (window) {
      const floor = floorFor(priority, window.limit);
      // A sync counts on nothing that has not been seen to free up: it takes its share of what the
      // last answer said is left, and waits for the next answer (or the reset) for more. That keeps
      // it within its share whether the server frees its count gradually or all at once.
      const available = priority === 'background' ? window.remaining : availableIn(window, now);
      if (Math.floor(available) <= floor) {
        return refused((priority === 'background' ? window.resetAt : waitUntilAvailable(window, floor + 1)) - now);
      }
      this.window = { ...window, remaining: available - 1, observedAt: now };
    }
    // Without a window (nothing known, or it refilled) the answer to this request will tell.
    this.inFlight.push(now);
    return { ok: true };
  }

  /** Where the budget stands as of the latest answer; null when unknown or the window is over. */
  status(): RateBudgetStatus | null {
    const now = this.now();
    const window = this.activeWindow(now);
    if (!window) return null;
    const remaining = Math.floor(availableIn(window, now));
    return { remaining, limit: window.limit, resetAt: window.resetAt, low: remaining <= reserveOf(window.limit) };
  }

  private activeWindow(now: number): Window | undefined {
    return this.window && now < this.window.resetAt ? this.window : undefined;
  }
}

/** What is left at `now`: what was used at the last answer frees up evenly until the reset. */
function availableIn(window: Window, now: number): number {
  const span = window.resetAt - window.observedAt;
  const progress = span <= 0 ? 1 : Math.min(1, Math.max(0, (now - window.observedAt) / span));
  return window.remaining + (window.limit - window.remaining) * progress;
}

/** When `wanted` requests will be free again, in ms since the epoch. */
function waitUntilAvailable(window: Window, wanted: number): number {
  const missing = wanted - window.remaining;
  const used = window.limit - window.remaining;
  if (missing <= 0 || used <= 0) return window.observedAt;
  return window.observedAt + Math.min(1, missing / used) * (window.resetAt - window.observedAt);
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

/** One budget per account and count, kept while the extension runs, so switching back finds its figures. */
export class RateBudgets {
  private readonly budgets = new Map<string, Record<RateLimitName, RateBudget>>();

  constructor(
    private readonly options: RateBudgetOptions,
    private readonly maxAccounts = 20,
  ) {}

  /** The budget of the account `key` names (its base URL, customer and token), for one count. */
  for(key: string, limit: RateLimitName = 'leads'): RateBudget {
    let budgets = this.budgets.get(key);
    if (budgets) {
      // Most recently used last, so the oldest is the first to go.
      this.budgets.delete(key);
    } else {
      budgets = { leads: new RateBudget(this.options), bulk: new RateBudget(this.options) };
    }
    this.budgets.set(key, budgets);
    for (const old of this.budgets.keys()) {
      if (this.budgets.size <= this.maxAccounts) break;
      this.budgets.delete(old);
    }
    return budgets[limit];
  }
}
