import { describe, expect, it } from 'vitest';
import { RateBudget } from '@/utils/api/rate-budget';
import { readBudgetAnswer, syncBudgetOf, unlimitedBudget, type BudgetAnswer } from './budget';

describe('readBudgetAnswer', () => {
  it.each<[BudgetAnswer, ReturnType<typeof readBudgetAnswer>]>([
    [true, { ok: true }],
    [{ ok: true }, { ok: true }],
    [false, { ok: false, waitMs: undefined }],
    [{ waitMs: 2_500 }, { ok: false, waitMs: 2_500 }],
    [
      { ok: false, waitMs: -10 },
      { ok: false, waitMs: 0 },
    ],
  ])('reads %j', (answer, read) => {
    expect(readBudgetAnswer(answer)).toEqual(read);
  });
});

describe('syncBudgetOf the rate governor', () => {
  function budgetAt(start = 1_000_000) {
    const clock = { now: start };
    const governor = new RateBudget({ now: () => clock.now, random: () => 0.5 });
    return { clock, governor, budget: syncBudgetOf(governor) };
  }

  it('lets the first request through, to learn the limits', () => {
    expect(budgetAt().budget.mayFetch()).toBe(true);
  });

  it('takes the background share of the window, then waits for it to refill', () => {
    const { clock, budget } = budgetAt();
    budget.note?.({ limit: 60, remaining: 59, resetSeconds: 60 });
    let sent = 0;
    while (budget.mayFetch() === true) sent++;
    // 60 a minute: 12 kept for the user's clicks, and half of the other 48 left for lookups.
    expect(59 - sent).toBe(12 + 24);
    expect(budget.mayFetch()).toEqual({ waitMs: 60_000 });
    clock.now += 60_000;
    expect(budget.mayFetch()).toBe(true);
  });

  it('holds off after a 429 for as long as MEGA asked', () => {
    const { clock, budget } = budgetAt();
    budget.note?.({ limit: 60, remaining: 50, resetSeconds: 60 });
    budget.noteRateLimited?.(20);
    expect(budget.mayFetch()).toEqual({ waitMs: 20_000 });
    clock.now += 20_000;
    expect(budget.mayFetch()).toBe(true);
  });
});

it('unlimitedBudget always says yes', () => {
  expect(unlimitedBudget().mayFetch()).toBe(true);
});
