// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IndexStatus } from '@/utils/device-copy-status';
import {
  deviceCopySentence,
  IDLE_POLL_MS,
  UNREACHABLE_POLL_MS,
  pollDelay,
  SYNCING_POLL_MS,
  useDeviceCopy,
  type DeviceCopyAsk,
} from './use-device-copy';

const NOW = Date.parse('2026-03-02T12:00:00Z');

function status(patch: Partial<IndexStatus> = {}): IndexStatus {
  return {
    state: 'idle',
    phase: null,
    usable: true,
    done: 0,
    total: null,
    count: 4_800,
    lastSyncedAt: NOW - 2 * 60_000,
    lastFullSyncAt: NOW - 3_600_000,
    waiting: null,
    failure: null,
    offReason: null,
    ...patch,
  };
}

const syncing = (done: number) =>
  status({
    state: 'syncing',
    phase: 'full',
    usable: false,
    count: done,
    done,
    total: 4_800,
    lastSyncedAt: null,
    lastFullSyncAt: null,
  });

describe('pollDelay', () => {
  it.each<[string, IndexStatus | null | undefined, boolean, number | null]>([
    ['a copy the settings do not keep', status(), false, null],
    ['before the first answer', undefined, true, SYNCING_POLL_MS],
    ['a copy the background has not opened yet', null, true, SYNCING_POLL_MS],
    ['a sync in progress', syncing(1_200), true, SYNCING_POLL_MS],
    [
      'a copy about to start its first sync',
      status({ state: 'empty', usable: false, count: 0, lastSyncedAt: null }),
      true,
      SYNCING_POLL_MS,
    ],
    ['a copy between syncs', status(), true, IDLE_POLL_MS],
    ['a copy that ran out of space', status({ state: 'off', offReason: 'quota', usable: false }), true, IDLE_POLL_MS],
    [
      'a copy closed as it was read, which the background opens again',
      status({ state: 'off', offReason: 'closed', usable: false }),
      true,
      SYNCING_POLL_MS,
    ],
  ])('%s', (_, given, kept, delay) => {
    expect(pollDelay(given, kept)).toBe(delay);
  });
});

describe('deviceCopySentence', () => {
  it.each<[string, IndexStatus | null | undefined, boolean, string]>([
    ['while it is read', undefined, false, 'Checking the copy on this device…'],
    [
      'when the background does not answer',
      undefined,
      true,
      'Lead Lens could not check the copy on this device just now.',
    ],
    ['before the copy is opened', null, false, 'No leads on this device yet.'],
    ['during the first sync', syncing(1_200), false, 'Syncing… 1,200 of 4,800'],
    ['with a copy', status(), false, '4,800 leads on this device · updated 2 minutes ago'],
  ])('%s', (_, given, unreachable, text) => {
    expect(deviceCopySentence({ status: given, unreachable }, NOW, 'en')).toBe(text);
  });
});

function Probe({ ask, kept }: { ask: DeviceCopyAsk; kept: boolean }) {
  const view = useDeviceCopy(ask, kept, 'a1');
  return (
    <div>
      <p data-testid="sentence">{deviceCopySentence(view, NOW, 'en')}</p>
      <button type="button" onClick={view.syncNow}>
        {view.syncFailed ? 'failed' : 'sync'}
      </button>
    </div>
  );
}

describe('useDeviceCopy', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  const tick = (ms: number) =>
    act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
  const sentence = () => screen.getByTestId('sentence').textContent;

  it('reads the status again every couple of seconds while it syncs, then only now and then', async () => {
    const answers = [syncing(1_200), syncing(2_400), status()];
    const ask = { status: vi.fn(async () => answers.shift() ?? status()), sync: vi.fn(async () => status()) };
    render(<Probe ask={ask} kept />);
    await tick(0);
    expect(sentence()).toBe('Syncing… 1,200 of 4,800');
    await tick(SYNCING_POLL_MS);
    expect(sentence()).toBe('Syncing… 2,400 of 4,800');
    await tick(SYNCING_POLL_MS);
    expect(sentence()).toBe('4,800 leads on this device · updated 2 minutes ago');
    expect(ask.status).toHaveBeenCalledTimes(3);
    await tick(SYNCING_POLL_MS * 5);
    expect(ask.status).toHaveBeenCalledTimes(3);
    await tick(IDLE_POLL_MS);
    expect(ask.status).toHaveBeenCalledTimes(4);
  });

  it('asks again a few seconds after the background did not answer, and shows the copy once it does', async () => {
    const answers: Array<IndexStatus | Error> = [new Error('Could not establish connection.'), status()];
    const ask = {
      status: vi.fn(async () => {
        const next = answers.shift() ?? status();
        if (next instanceof Error) throw next;
        return next;
      }),
      sync: vi.fn(async () => status()),
    };
    render(<Probe ask={ask} kept />);
    await tick(0);
    expect(sentence()).toBe('Lead Lens could not check the copy on this device just now.');
    await tick(UNREACHABLE_POLL_MS);
    expect(sentence()).toBe('4,800 leads on this device · updated 2 minutes ago');
  });

  it('asks nothing for an account that keeps no copy', async () => {
    const ask = { status: vi.fn(async () => status()), sync: vi.fn(async () => status()) };
    render(<Probe ask={ask} kept={false} />);
    await tick(IDLE_POLL_MS * 2);
    expect(ask.status).not.toHaveBeenCalled();
  });

  it('starts a sync on "Sync now" and follows it, once however often it is pressed', async () => {
    let running = false;
    const ask = {
      status: vi.fn(async () => (running ? syncing(100) : status())),
      sync: vi.fn(() => {
        running = true;
        return new Promise<IndexStatus | null>(() => undefined);
      }),
    };
    render(<Probe ask={ask} kept />);
    await tick(0);
    fireEvent.click(screen.getByRole('button'));
    fireEvent.click(screen.getByRole('button'));
    await tick(0);
    expect(ask.sync).toHaveBeenCalledTimes(1);
    expect(sentence()).toBe('Syncing… 100 of 4,800');
    fireEvent.click(screen.getByRole('button'));
    expect(ask.sync).toHaveBeenCalledTimes(1);
  });

  it('says when "Sync now" did not reach the background', async () => {
    const ask = {
      status: vi.fn(async () => status()),
      sync: vi.fn(async () => Promise.reject(new Error('no receiver'))),
    };
    render(<Probe ask={ask} kept />);
    await tick(0);
    fireEvent.click(screen.getByRole('button'));
    await tick(0);
    expect(screen.getByRole('button').textContent).toBe('failed');
  });
});
