import { describe, expect, it } from 'vitest';
import { reserveOf } from '../utils/api/rate-budget';
import { syncPaceAtLimits } from './sync-pace';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** MEGA's default limits per token. */
const MEGA = { perMinute: 60, perHour: 1_000 };

/** The requests a minute a sync may take: half of what is above the reserve kept for the user's own. */
const backgroundShare = (perMinute: number) => (perMinute - reserveOf(perMinute)) / 2;

describe('how long a sync takes at MEGA’s limits', () => {
  it('takes no time when there is nothing to fetch, and one request’s time for one page', () => {
    expect(syncPaceAtLimits(0, MEGA, 200)).toEqual({ ms: 0, refused: 0, perMinute: 0 });
    expect(syncPaceAtLimits(1, MEGA, 200)).toEqual({ ms: 200, refused: 0, perMinute: 1 });
  });

  it.each([
    [100, MEGA, 200],
    [500, MEGA, 200],
    [100, { perMinute: 10, perHour: 1_000 }, 50],
    [300, { perMinute: 120, perHour: 5_000 }, 100],
  ])(
    'fetches %i pages at %o without a 429, within the background share of each minute',
    (requests, limits, requestMs) => {
      const pace = syncPaceAtLimits(requests, limits, requestMs);
      const share = backgroundShare(limits.perMinute);
      expect(pace.refused).toBe(0);
      expect(pace.perMinute).toBeGreaterThan(0);
      expect(pace.perMinute).toBeLessThanOrEqual(share);
      // It cannot go faster than the share allows, nor than one request after another.
      expect(pace.ms).toBeGreaterThanOrEqual((Math.ceil(requests / share) - 1) * MINUTE);
      expect(pace.ms).toBeGreaterThanOrEqual(requests * requestMs);
    },
  );

  it('waits for the hour window when the hour’s limit is what binds', () => {
    const pace = syncPaceAtLimits(60, { perMinute: 60, perHour: 30 }, 200);
    expect(pace.refused).toBe(0);
    expect(pace.ms).toBeGreaterThan(HOUR);
  });

  it('takes longer for more pages, and for slower answers', () => {
    const pages = [10, 50, 100, 200].map((requests) => syncPaceAtLimits(requests, MEGA, 200).ms);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(new Set(pages).size).toBe(pages.length);
    expect(syncPaceAtLimits(100, MEGA, 5_000).ms).toBeGreaterThan(syncPaceAtLimits(100, MEGA, 200).ms);
  });

  it('gives the same figures every run (a simulated clock, no randomness)', () => {
    expect(syncPaceAtLimits(250, MEGA, 300)).toEqual(syncPaceAtLimits(250, MEGA, 300));
  });
});
