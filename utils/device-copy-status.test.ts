import { describe, expect, it } from 'vitest';
import { describeIndexStatus, type IndexStatus } from './device-copy-status';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const base: IndexStatus = {
  state: 'empty',
  phase: null,
  usable: false,
  done: 0,
  total: null,
  count: 0,
  lastSyncedAt: null,
  lastFullSyncAt: null,
  waiting: null,
  failure: null,
  offReason: null,
};

describe('describeIndexStatus', () => {
  it.each<[string, Partial<IndexStatus>, string]>([
    ['before the first sync', {}, 'No leads on this device yet.'],
    ['at the start of the first sync', { state: 'syncing', phase: 'full' }, 'Syncing leads to this device…'],
    [
      'during the first sync',
      { state: 'syncing', phase: 'full', done: 1_200, total: 4_800 },
      'Syncing… 1,200 of 4,800',
    ],
    [
      'while the first sync waits for the rate limit',
      {
        state: 'syncing',
        phase: 'full',
        done: 1_200,
        total: 4_800,
        waiting: { reason: 'rate_limited', until: NOW + 5_000 },
      },
      "Syncing… 1,200 of 4,800, paused to leave MEGA's request limit to your lookups",
    ],
    [
      'while the first sync waits for the user',
      { state: 'syncing', phase: 'full', done: 1_200, total: 4_800, waiting: { reason: 'busy', until: null } },
      'Syncing… 1,200 of 4,800',
    ],
    [
      'when the first sync stopped part-way',
      { state: 'idle', phase: 'full', done: 100, total: 4_800, failure: { kind: 'network' } },
      'Syncing stopped: Could not reach MEGA. Check your connection and the API base URL in the extension settings.',
    ],
    [
      'with a copy',
      { state: 'idle', usable: true, count: 4_800, lastSyncedAt: NOW - 2 * 60_000, lastFullSyncAt: NOW - 3_600_000 },
      '4,800 leads on this device · updated 2 minutes ago',
    ],
    [
      'with one lead, while it updates',
      { state: 'syncing', phase: 'incremental', usable: true, count: 1, lastSyncedAt: NOW - 3 * 3_600_000 },
      '1 lead on this device · updated 3 hours ago',
    ],
    [
      'when the disk is full',
      { state: 'off', offReason: 'quota' },
      'There is not enough storage space on this device for a copy of your leads, so lookups ask MEGA directly.',
    ],
    [
      'when deleted',
      { state: 'off', offReason: 'deleted', count: 10 },
      'Leads are not kept on this device; lookups ask MEGA directly.',
    ],
  ])('%s', (_name, status, text) => {
    expect(describeIndexStatus({ ...base, ...status }, NOW, 'en')).toBe(text);
  });
});
