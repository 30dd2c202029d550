import { describe, expect, it } from 'vitest';
import { halfOfRemaining, readBudgetAnswer, unlimitedBudget, type BudgetAnswer } from './budget';

describe('readBudgetAnswer', () => {
  it.each<[BudgetAnswer, ReturnType<typeof readBudgetAnswer>]>([
    [true, { ok: true }],
    [{ ok: true }, { ok: true }],
    [false, { ok: false, waitMs: undefined }],
    [{ waitMs: 2_500 }, { ok: false, waitMs: 2_500 }],
    [{ ok: false, waitMs: -10 }, { ok: false, waitMs: 0 }],
  ])('reads %j', (answer, read) => {
    expect(readBudgetAnswer(answer)).toEqual(read);
  });
});

describe('halfOfRemaining', () => {
  function budgetAt(start = 1_000_000) {
    const clock = { now: start };
    return { clock, budget: halfOfRemaining({ now: () => clock.now }) };
  }

  it('lets the first request through, to learn the limits', () => {
    expect(budgetAt().budget.mayFetch()).toBe(true);
  });

  it('stops at half of what remained when the window began, until it refills', () => {
    const { clock, budget } = budgetAt();
    // 60 a minute, nobody else using the token: the sync's first request leaves 59.
    let sent = 1;
    budget.note({ limit: 60, remaining: 59, resetSeconds: 60 });
    while (budget.mayFetch() === true) {
      sent++;
      budget.note({ limit: 60, remaining: 60 - sent, resetSeconds: 60 });
    }
    expect(sent).toBe(30);
    expect(budget.mayFetch()).toEqual({ waitMs: 60_000 });
    clock.now += 30_000;
    expect(budget.mayFetch()).toEqual({ waitMs: 30_000 });
    clock.now += 30_000;
    expect(budget.mayFetch()).toBe(true);
  });

  it('counts the user’s requests too: they bring the floor closer', () => {
    const { budget } = budgetAt();
    budget.note({ limit: 60, remaining: 59, resetSeconds: 60 });
    // The user's lookups use 25 more in the same window.
    budget.note({ limit: 60, remaining: 34, resetSeconds: 50 });
    let sent = 0;
    while (budget.mayFetch() === true) {
      sent++;
      budget.note({ limit: 60, remaining: 34 - sent, resetSeconds: 50 });
    }
    expect(sent).toBe(4);
  });

  it('starts a new window when more remain than before', () => {
    const { budget } = budgetAt();
    budget.note({ limit: 60, remaining: 10, resetSeconds: 5 });
    expect(budget.mayFetch()).toBe(true);
    budget.note({ limit: 60, remaining: 5, resetSeconds: 4 });
    expect(budget.mayFetch()).toEqual({ waitMs: 4_000 });
    budget.note({ limit: 60, remaining: 59, resetSeconds: 60 });
    expect(budget.mayFetch()).toBe(true);
  });

  it('holds off after a 429 for as long as MEGA asked', () => {
    const { clock, budget } = budgetAt();
    budget.note({ limit: 60, remaining: 50, resetSeconds: 60 });
    budget.noteRateLimited?.(20);
    expect(budget.mayFetch()).toEqual({ waitMs: 20_000 });
    clock.now += 20_000;
    expect(budget.mayFetch()).toBe(true);
  });
});

it('unlimitedBudget always says yes', () => {
  const budget = unlimitedBudget();
  budget.note({ limit: 1, remaining: 0, resetSeconds: 3600 });
  expect(budget.mayFetch()).toBe(true);
});
