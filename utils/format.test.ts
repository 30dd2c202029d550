import { describe, expect, it } from 'vitest';
import { relativeTime } from './format';

const NOW = Date.parse('2026-01-15T12:00:00Z');

describe('relativeTime', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 'now'],
    ['2026-01-15T11:59:30Z', '30 seconds ago'],
    ['2026-01-15T11:00:30Z', '59 minutes ago'],
    ['2026-01-15T10:31:00Z', '1 hour ago'],
    ['2026-01-14T12:30:00Z', '23 hours ago'],
    ['2026-01-13T20:00:00Z', '1 day ago'],
    ['2026-01-12T12:00:00Z', '3 days ago'],
    ['2026-01-08T12:00:01Z', '6 days ago'],
    ['2026-01-02T12:00:00Z', '1 week ago'],
    ['2025-12-16T12:00:00Z', '4 weeks ago'],
    ['2025-12-15T12:00:00Z', '1 month ago'],
    ['2025-07-16T12:00:00Z', '5 months ago'],
    ['2025-01-16T12:00:00Z', '11 months ago'],
    ['2025-01-15T12:00:00Z', '1 year ago'],
    // 19 months: a year and a half is still "1 year", never "2 years".
    ['2024-06-15T12:00:00Z', '1 year ago'],
    ['2024-01-16T12:00:00Z', '1 year ago'],
    ['2024-01-15T12:00:00Z', '2 years ago'],
    ['2026-01-15T14:30:00Z', 'in 2 hours'],
    ['2026-02-20T12:00:00Z', 'in 1 month'],
  ])('%s reads "%s"', (iso, expected) => {
    expect(relativeTime(iso, NOW, 'en')).toBe(expected);
  });

  it('shows text it cannot read as it is', () => {
    expect(relativeTime('last Tuesday', NOW, 'en')).toBe('last Tuesday');
  });

  it('speaks the language it is given', () => {
    expect(relativeTime('2026-01-12T12:00:00Z', NOW, 'de')).toBe('vor 3 Tagen');
  });
});
