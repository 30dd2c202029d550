import { describe, expect, it } from 'vitest';
import { formatRateBudget } from '../format';
import {
  MIN_UNSPECIFIED_WAIT_MS,
  RateBudget,
  RateBudgets,
  reserveOf,
  unspecifiedRateLimitWaitMs,
  type RequestPriority,
} from './rate-budget';

/** A budget on a clock the test moves by hand. */
function budgetAt(start = 1_000_000, random = () => 0.5) {
  const clock = { now: start };
  const budget = new RateBudget({ now: () => clock.now, random });
  return { budget, clock };
}

/** How many requests of this priority go out before the budget says no. */
function sendUntilRefused(budget: RateBudget, priority: RequestPriority, max = 1_000): number {
  let sent = 0;
  while (sent < max && budget.request(priority).ok) sent++;
  return sent;
}

describe('the reserve', () => {
  it.each([
    [60, 12],
    [1000, 200],
    [10, 3],
    [4, 3],
    [2, 2],
  ])('of a limit of %i is %i requests', (limit, reserve) => {
    expect(reserveOf(limit)).toBe(reserve);
  });
});

describe('what each kind of request may spend', () => {
  it.each([
    // remaining of 60 → how many go out before a refusal
    ['automatic', 60, 48],
    ['automatic', 13, 1],
    ['automatic', 12, 0],
    ['automatic', 5, 0],
    ['background', 60, 24],
    ['background', 40, 4],
    ['background', 36, 0],
    ['explicit', 12, 12],
    ['explicit', 1, 1],
    ['explicit', 0, 0],
  ] as const)('%s, with %i of 60 left, sends %i', (priority, remaining, sent) => {
    const { budget } = budgetAt();
    budget.observe({ limit: 60, remaining, resetSeconds: 30 });
    expect(sendUntilRefused(budget, priority)).toBe(sent);
  });

  it('anything goes before the first answer has said where the budget stands', () => {
    const { budget } = budgetAt();
    expect(budget.request('background')).toEqual({ ok: true });
    expect(budget.status()).toBeNull();
  });

  it('a refusal says when enough of the window has freed up, not when all of it has', () => {
    const { budget } = budgetAt();
    // 48 used, freeing up evenly over 48 s: the reserve's next request is free in one second.
    budget.observe({ limit: 60, remaining: 12, resetSeconds: 48 });
    expect(budget.request('automatic')).toEqual({ ok: false, retryAfterSeconds: 1 });
    const { budget: background } = budgetAt();
    background.observe({ limit: 60, remaining: 12, resetSeconds: 48 });
    // A sync counts on nothing it has not seen freed: it waits for the reset (or the next answer).
    expect(background.request('background')).toEqual({ ok: false, retryAfterSeconds: 48 });
  });

  it('what was used frees up evenly until the reset', () => {
    const { budget, clock } = budgetAt();
    budget.observe({ limit: 60, remaining: 0, resetSeconds: 60 });
    clock.now += 30_000;
    expect(budget.status()).toMatchObject({ remaining: 30 });
    expect(sendUntilRefused(budget, 'automatic')).toBe(18);
  });

  it('the user can still spend the reserve the automatic lookups left alone', () => {
    const { budget } = budgetAt();
    budget.observe({ limit: 60, remaining: 14, resetSeconds: 30 });
    expect(sendUntilRefused(budget, 'automatic')).toBe(2);
    expect(sendUntilRefused(budget, 'explicit')).toBe(12);
  });

  it('one explicit request does not open the reserve to the automatic ones', () => {
    const { budget } = budgetAt();
    budget.observe({ limit: 60, remaining: 12, resetSeconds: 30 });
    expect(budget.request('explicit').ok).toBe(true);
    expect(budget.request('automatic').ok).toBe(false);
  });

  it('the window refilling lets everything through again', () => {
    const { budget, clock } = budgetAt();
    budget.observe({ limit: 60, remaining: 0, resetSeconds: 30 });
    expect(budget.request('explicit').ok).toBe(false);
    clock.now += 30_000;
    expect(budget.request('automatic').ok).toBe(true);
  });
});

describe('figures from answers', () => {
  it('a newer answer that shows more left raises what is left: the count frees up gradually', () => {
    const { budget, clock } = budgetAt();
    budget.observe({ limit: 60, remaining: 0, resetSeconds: 42 });
    clock.now += 5_000;
    budget.request('explicit');
    budget.observe({ limit: 60, remaining: 45, resetSeconds: 20 });
    expect(budget.status()).toMatchObject({ remaining: 45 });
    expect(budget.request('automatic').ok).toBe(true);
  });

  it('an answer leaves out the requests sent after it, which MEGA may not have counted yet', () => {
    const { budget } = budgetAt();
    budget.observe({ limit: 60, remaining: 40, resetSeconds: 30 });
    for (let sent = 0; sent < 3; sent++) budget.request('automatic');
    // The answer to the first of the three: the other two are still on their way.
    budget.observe({ limit: 60, remaining: 39, resetSeconds: 30 });
    expect(budget.status()).toMatchObject({ remaining: 37 });
  });

  it('a request never answered stops counting as on its way after a minute', () => {
    const { budget, clock } = budgetAt();
    budget.request('automatic');
    budget.request('automatic');
    clock.now += 61_000;
    budget.observe({ limit: 60, remaining: 50, resetSeconds: 30 });
    expect(budget.status()).toMatchObject({ remaining: 50 });
  });

  it('requests are counted before their answers arrive', () => {
    const { budget } = budgetAt();
    budget.observe({ limit: 60, remaining: 20, resetSeconds: 30 });
    budget.request('automatic');
    budget.request('automatic');
    expect(budget.status()).toMatchObject({ remaining: 18 });
    // The answer to the first of them: MEGA counted one, this side two.
    budget.observe({ limit: 60, remaining: 19, resetSeconds: 30 });
    expect(budget.status()).toMatchObject({ remaining: 18 });
  });

  it('a new window replaces the old figures', () => {
    const { budget, clock } = budgetAt();
    budget.observe({ limit: 60, remaining: 2, resetSeconds: 5 });
    clock.now += 1_000;
    budget.observe({ limit: 60, remaining: 59, resetSeconds: 60 });
    expect(budget.status()).toMatchObject({ remaining: 59, resetAt: clock.now + 60_000 });
  });

  it.each([
    ['a limit of zero', { limit: 0, remaining: 0, resetSeconds: 10 }],
    ['a figure that is not a number', { limit: 60, remaining: Number.NaN, resetSeconds: 10 }],
  ])('ignores %s', (_name, headers) => {
    const { budget } = budgetAt();
    budget.observe(headers);
    expect(budget.status()).toBeNull();
  });
});

describe('after a 429', () => {
  it("MEGA's own example (Remaining 0, Reset 42, Retry-After 30): nothing before 30 s, everything after", () => {
    const { budget, clock } = budgetAt();
    budget.request('automatic');
    budget.observe({ limit: 60, remaining: 0, resetSeconds: 42 });
    budget.rateLimited(30);
    expect(budget.request('automatic')).toEqual({ ok: false, retryAfterSeconds: 30 });
    clock.now += 29_000;
    expect(budget.request('explicit')).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.now += 1_000;
    // 30 of the 42 s have passed: 42 of 60 have freed up, well above the reserve.
    expect(budget.request('automatic').ok).toBe(true);
    expect(budget.request('explicit').ok).toBe(true);
  });

  it('that names a wait, nothing goes out until it is over, not even explicit requests', () => {
    const { budget, clock } = budgetAt();
    budget.rateLimited(20);
    expect(budget.request('explicit')).toEqual({ ok: false, retryAfterSeconds: 20 });
    clock.now += 20_000;
    expect(budget.request('explicit').ok).toBe(true);
  });

  it('that names no wait, automatic and background requests hold off for at least 5 s', () => {
    const { budget, clock } = budgetAt(1_000_000, () => 0);
    budget.rateLimited(undefined);
    expect(budget.request('automatic')).toEqual({ ok: false, retryAfterSeconds: 5 });
    expect(budget.request('background').ok).toBe(false);
    expect(budget.request('explicit').ok).toBe(true);
    clock.now += 4_999;
    expect(budget.request('automatic').ok).toBe(false);
    clock.now += 1;
    expect(budget.request('automatic').ok).toBe(true);
  });

  it.each([
    [0, 5_000],
    [0.5, 6_250],
    [1, 7_500],
    [7, 7_500],
  ])('the hold for a random draw of %d is %i ms', (draw, ms) => {
    expect(unspecifiedRateLimitWaitMs(() => draw)).toBe(ms);
    expect(ms).toBeGreaterThanOrEqual(MIN_UNSPECIFIED_WAIT_MS);
  });
});

describe('status for the popup', () => {
  it.each([
    [13, false],
    [12, true],
    [0, true],
  ])('with %i of 60 left, low is %s', (remaining, low) => {
    const { budget, clock } = budgetAt();
    budget.observe({ limit: 60, remaining, resetSeconds: 45 });
    expect(budget.status()).toEqual({ remaining, limit: 60, resetAt: clock.now + 45_000, low });
  });

  it('is unknown once the window is over', () => {
    const { budget, clock } = budgetAt();
    budget.observe({ limit: 60, remaining: 30, resetSeconds: 10 });
    clock.now += 10_000;
    expect(budget.status()).toBeNull();
  });

  it('reads as a sentence with both numbers', () => {
    expect(formatRateBudget({ remaining: 12, limit: 60 })).toBe('MEGA budget: 12 of 60 this minute');
  });
});

describe('one budget per account', () => {
  it('accounts do not share figures, and one switched back to keeps its own', () => {
    let now = 0;
    const budgets = new RateBudgets({ now: () => now });
    budgets.for('first').observe({ limit: 60, remaining: 5, resetSeconds: 30 });
    expect(budgets.for('second').request('automatic').ok).toBe(true);
    now += 1_000;
    expect(budgets.for('first').request('automatic').ok).toBe(false);
  });

  it('forgets the least recently used account beyond its limit', () => {
    const budgets = new RateBudgets({ now: () => 0 }, 2);
    budgets.for('a').observe({ limit: 60, remaining: 0, resetSeconds: 30 });
    budgets.for('b');
    budgets.for('a');
    budgets.for('c');
    expect(budgets.for('a').status()).toMatchObject({ remaining: 0 });
    budgets.for('d');
    budgets.for('e');
    expect(budgets.for('a').status()).toBeNull();
  });
});

describe("the bulk import's own budget", () => {
  it('a 429 on bulk import holds back only the imports, never a lookup', () => {
    const now = 0;
    const budgets = new RateBudgets({ now: () => now });
    const bulk = budgets.for('account', 'bulk');
    bulk.observe({ limit: 10, remaining: 0, resetSeconds: 60 });
    bulk.rateLimited(45);
    expect(bulk.request('explicit')).toEqual({ ok: false, retryAfterSeconds: 45 });
    const lookups = budgets.for('account');
    expect(lookups.request('automatic').ok).toBe(true);
    expect(lookups.status()).toBeNull();
  });

  it("lookups that spend the window leave the imports' count alone", () => {
    const budgets = new RateBudgets({ now: () => 0 });
    budgets.for('account').observe({ limit: 60, remaining: 0, resetSeconds: 30 });
    expect(budgets.for('account').request('explicit').ok).toBe(false);
    expect(budgets.for('account', 'bulk').request('explicit').ok).toBe(true);
  });

  it('is kept with its account, and forgotten with it', () => {
    const budgets = new RateBudgets({ now: () => 0 }, 1);
    budgets.for('a', 'bulk').observe({ limit: 10, remaining: 2, resetSeconds: 60 });
    expect(budgets.for('a', 'bulk').status()).toMatchObject({ remaining: 2, limit: 10 });
    budgets.for('b');
    expect(budgets.for('a', 'bulk').status()).toBeNull();
  });
});
