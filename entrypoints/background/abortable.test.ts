import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep, untilAborted } from './abortable';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** What the promise did by now: 'resolved', the rejection's reason, or 'pending'. */
function outcome(promise: Promise<unknown>): () => unknown {
  let seen: unknown = 'pending';
  promise.then(
    () => (seen = 'resolved'),
    (reason: unknown) => (seen = reason),
  );
  return () => seen;
}

describe('abortable sleep', () => {
  it('resolves after the time, not before', async () => {
    const slept = outcome(abortableSleep(1_000, new AbortController().signal));
    await vi.advanceTimersByTimeAsync(999);
    expect(slept()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(slept()).toBe('resolved');
  });

  it('rejects with the reason as soon as the signal aborts, and leaves no timer behind', async () => {
    const controller = new AbortController();
    const slept = outcome(abortableSleep(60_000, controller.signal));
    controller.abort(new DOMException('stopped', 'AbortError'));
    await vi.advanceTimersByTimeAsync(0);
    expect(slept()).toMatchObject({ name: 'AbortError', message: 'stopped' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once when the signal has already aborted', async () => {
    const slept = outcome(abortableSleep(1_000, AbortSignal.abort('gone')));
    await vi.advanceTimersByTimeAsync(0);
    expect(slept()).toBe('gone');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('until aborted', () => {
  it('answers what the promise answers while the signal holds', async () => {
    await expect(untilAborted(Promise.resolve('page'), new AbortController().signal)).resolves.toBe('page');
    await expect(untilAborted(Promise.reject(new Error('failed')), new AbortController().signal)).rejects.toThrow(
      'failed',
    );
  });

  it('stops waiting for an answer that never comes once the signal aborts', async () => {
    const controller = new AbortController();
    const answer = outcome(untilAborted(new Promise(() => undefined), controller.signal));
    controller.abort('closed');
    await vi.advanceTimersByTimeAsync(0);
    expect(answer()).toBe('closed');
  });
});
