import { describe, expect, it } from 'vitest';
import { nextSync, type SyncClock } from './sync-due';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const EVERY = { incrementalEveryMs: 5 * MINUTE, fullEveryMs: 24 * HOUR };

/** A copy fully synced an hour ago, last brought up to date `syncedAgo` ago. */
function synced(syncedAgo: number, change: Partial<SyncClock> = {}): SyncClock {
  return {
    stopped: false,
    running: false,
    phase: null,
    lastFullSyncAt: NOW - HOUR,
    lastSyncedAt: NOW - syncedAgo,
    ...change,
  };
}

describe('when the next sync is due, and which', () => {
  it.each<[string, SyncClock, ReturnType<typeof nextSync>]>([
    [
      'never synced: a full sync, now',
      synced(0, { lastFullSyncAt: null, lastSyncedAt: null }),
      { kind: 'full', at: NOW },
    ],
    [
      'synced 2 minutes ago: an incremental run in 3',
      synced(2 * MINUTE),
      { kind: 'incremental', at: NOW + 3 * MINUTE },
    ],
    ['synced 5 minutes ago: an incremental run, now', synced(5 * MINUTE), { kind: 'incremental', at: NOW }],
    [
      'synced 7 minutes ago: an incremental run, overdue',
      synced(7 * MINUTE),
      { kind: 'incremental', at: NOW - 2 * MINUTE },
    ],
    [
      'the full sync a day old and an incremental run overdue too: the full one, due since the earlier',
      synced(10 * MINUTE, { lastFullSyncAt: NOW - 24 * HOUR }),
      { kind: 'full', at: NOW - 5 * MINUTE },
    ],
    [
      'the full sync due before the next incremental run: when it is due',
      synced(1 * MINUTE, { lastFullSyncAt: NOW - 24 * HOUR + 2 * MINUTE }),
      { kind: 'incremental', at: NOW + 2 * MINUTE },
    ],
    [
      'a full sync left part-way by a stopped worker: it resumes now',
      synced(MINUTE, { phase: 'full' }),
      { kind: 'full', at: NOW },
    ],
    [
      'an incremental run left part-way: it resumes now',
      synced(MINUTE, { phase: 'incremental' }),
      { kind: 'incremental', at: NOW },
    ],
    [
      'a run going now: due now (it answers for itself)',
      synced(MINUTE, { running: true }),
      { kind: 'incremental', at: NOW },
    ],
    ['stopped (closed, off, or waiting for the user): never', synced(HOUR, { stopped: true }), null],
    ['stopped part-way through a run: never', synced(HOUR, { stopped: true, phase: 'full' }), null],
  ])('%s', (_, clock, expected) => {
    expect(nextSync(clock, NOW, EVERY)).toEqual(expected);
  });

  it.each([0, 1, 2, 4, 5, 6, 60, 60 * 24, 60 * 25])(
    'is due when the runner would run it, and not before (synced %i minutes ago)',
    (minutes) => {
      const clock = synced(minutes * MINUTE, { lastFullSyncAt: NOW - minutes * MINUTE });
      const next = nextSync(clock, NOW, EVERY)!;
      expect(next.at <= NOW).toBe(minutes >= 5);
      expect(next.kind).toBe(minutes >= 24 * 60 ? 'full' : 'incremental');
    },
  );
});
