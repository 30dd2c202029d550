import { describe, expect, it } from 'vitest';
import { createMarksBudget, type MarksBudgetState, type MarksBudgetStore } from './marks-budget';
import { VALUES_PER_PAGE_LOAD, VALUES_PER_SITE_A_DAY } from '@/utils/marks';

/** Session storage as the background has it: what one budget saves, the next one (a restarted background) reads. */
function sessionStore() {
  let saved: MarksBudgetState | null = null;
  const store: MarksBudgetStore = {
    load: async () => (saved ? structuredClone(saved) : null),
    save: async (state) => void (saved = structuredClone(state)),
  };
  return { store, saved: () => saved };
}

const emails = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `lead${from + i}@example.com`);

function budget(options: { perLoad?: number; perDay?: number } = {}) {
  let clock = new Date(2026, 11, 6, 9, 0).getTime();
  const { store, saved } = sessionStore();
  const make = () => createMarksBudget(store, { ...options, now: () => clock });
  return { marks: make(), restart: make, saved, wait: (ms: number) => (clock += ms) };
}

describe('values a page load may ask the marks about', () => {
  it(`answers a page up to ${VALUES_PER_PAGE_LOAD} values, then stops marks on it and says why`, async () => {
    const { marks } = budget();
    expect(await marks.take(1, 'load-a', 'example.com', emails(200))).toBeNull();
    expect(await marks.take(1, 'load-a', 'example.com', emails(100, 200))).toBeNull();
    expect(await marks.take(1, 'load-a', 'example.com', ['one.more@example.com'])).toBe('page');
    // Stopped for the rest of the load, even for values it asked about before.
    expect(await marks.take(1, 'load-a', 'example.com', emails(1))).toBe('page');
    expect(await marks.stoppedIn(1)).toBe('page');
  });

  it('counts a value once, however often the page asks about it', async () => {
    const { marks } = budget({ perLoad: 3 });
    for (let round = 0; round < 5; round += 1)
      expect(await marks.take(1, 'load-a', 'example.com', emails(3))).toBeNull();
    expect(await marks.take(1, 'load-a', 'example.com', emails(1, 3))).toBe('page');
  });

  it('starts again for the next load of the page, and counts each tab on its own', async () => {
    const { marks } = budget({ perLoad: 3 });
    expect(await marks.take(1, 'load-a', 'example.com', emails(4))).toBe('page');
    expect(await marks.take(2, 'load-b', 'example.com', emails(3))).toBeNull();
    expect(await marks.stoppedIn(2)).toBeNull();
    expect(await marks.take(1, 'load-c', 'example.com', emails(3))).toBeNull();
    expect(await marks.stoppedIn(1)).toBeNull();
  });

  it('keeps a page stopped when the background restarts (the counts are in session storage)', async () => {
    const { marks, restart } = budget({ perLoad: 3 });
    expect(await marks.take(1, 'load-a', 'example.com', emails(4))).toBe('page');
    expect(await restart().stoppedIn(1)).toBe('page');
  });

  it('keeps no value as written on the page', async () => {
    const { marks, saved } = budget();
    await marks.take(1, 'load-a', 'example.com', ['jane.cooper@acme.com', '(415) 555-0134']);
    const kept = JSON.stringify(saved());
    expect(kept).not.toContain('jane');
    expect(kept).not.toContain('555');
  });
});

describe('values the pages of a site may ask the marks about in a day', () => {
  it(`answers a site's pages up to ${VALUES_PER_SITE_A_DAY} values a day, then stops marks there until the next day`, async () => {
    const { marks, wait } = budget({ perLoad: 100, perDay: 250 });
    expect(await marks.take(1, 'load-a', 'example.com', emails(100))).toBeNull();
    expect(await marks.take(1, 'load-b', 'example.com', emails(100, 100))).toBeNull();
    expect(await marks.take(1, 'load-c', 'example.com', emails(51, 200))).toBe('day');
    expect(await marks.stoppedIn(1)).toBe('day');
    // Another site has its own count; values the site already asked about today cost nothing.
    expect(await marks.take(2, 'load-d', 'other.example', emails(100))).toBeNull();
    expect(await marks.take(3, 'load-e', 'example.com', emails(50, 150))).toBeNull();

    wait(24 * 60 * 60_000);
    expect(await marks.take(1, 'load-f', 'example.com', emails(100, 300))).toBeNull();
  });

  it('counts pages asking at the same time one after the other', async () => {
    const { marks } = budget({ perLoad: 100, perDay: 150 });
    const answers = await Promise.all([
      marks.take(1, 'load-a', 'example.com', emails(100)),
      marks.take(2, 'load-b', 'example.com', emails(100, 100)),
    ]);
    expect(answers).toEqual([null, 'day']);
  });
});

describe('a page that added values in bulk', () => {
  it('stays stopped for its load, and says so', async () => {
    const { marks } = budget();
    await marks.stop(1, 'load-a', 'bulk');
    expect(await marks.stoppedIn(1)).toBe('bulk');
    expect(await marks.take(1, 'load-a', 'example.com', emails(1))).toBe('bulk');
  });
});
