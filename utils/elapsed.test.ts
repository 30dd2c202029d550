import { describe, expect, it } from 'vitest';
import { elapsedBetween } from './elapsed';

const at = (iso: string) => Date.parse(iso);

describe('elapsedBetween', () => {
  it.each([
    // from, to, whole months, whole days
    ['2026-03-12T10:00:00Z', '2026-04-12T10:00:00Z', 1, 31],
    ['2026-03-12T10:00:00Z', '2026-04-12T09:59:59Z', 0, 30],
    ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z', 1, 28],
    ['2024-01-31T00:00:00Z', '2024-02-28T00:00:00Z', 0, 28],
    ['2024-01-31T00:00:00Z', '2024-02-29T00:00:00Z', 1, 29],
    ['2024-06-15T12:00:00Z', '2026-01-15T12:00:00Z', 19, 579],
    ['2025-01-01T00:00:00Z', '2025-12-31T23:59:59Z', 11, 364],
    ['2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 12, 365],
  ])('from %s to %s is %i whole months and %i whole days', (from, to, months, days) => {
    const elapsed = elapsedBetween(at(from), at(to));
    expect(elapsed.months).toBe(months);
    expect(elapsed.days).toBe(days);
    expect(elapsed.years).toBe(Math.floor(months / 12));
  });

  it('counts the same span in either order', () => {
    expect(elapsedBetween(at('2026-05-01T00:00:00Z'), at('2024-06-15T00:00:00Z'))).toEqual(
      elapsedBetween(at('2024-06-15T00:00:00Z'), at('2026-05-01T00:00:00Z')),
    );
  });

  it.each([
    [59_999, { minutes: 0, seconds: 59 }],
    [60_000, { minutes: 1, seconds: 60 }],
    [6 * 86_400_000 + 86_399_999, { weeks: 0, days: 6, hours: 167 }],
    [7 * 86_400_000, { weeks: 1, days: 7, hours: 168 }],
  ])('floors %i ms to %o', (span, expected) => {
    expect(elapsedBetween(0, span)).toMatchObject(expected);
  });
});
