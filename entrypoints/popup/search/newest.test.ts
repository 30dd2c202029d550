import { describe, expect, it, vi } from 'vitest';
import { newestRequest } from './newest';

/** A request the test answers or fails when it likes. */
function deferred<T>() {
  let answer!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  return { ask: () => promise, answer, fail };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('newest request', () => {
  it.each<
    [string, (older: ReturnType<typeof deferred<string>>, newer: ReturnType<typeof deferred<string>>) => void, string[]]
  >([
    [
      'the newer answers first, the older after: only the newer counts',
      (older, newer) => (newer.answer('new'), older.answer('old')),
      ['new'],
    ],
    [
      'the older answers first: it is dropped all the same',
      (older, newer) => (older.answer('old'), newer.answer('new')),
      ['new'],
    ],
    [
      'the older fails after the newer answered: nothing of it',
      (older, newer) => (newer.answer('new'), older.fail(new Error('x'))),
      ['new'],
    ],
    [
      'the newer fails: the failure is heard',
      (older, newer) => (older.answer('old'), newer.fail(new Error('x'))),
      ['failed'],
    ],
  ])('%s', async (_, answer, heard) => {
    const line = newestRequest();
    const older = deferred<string>();
    const newer = deferred<string>();
    const seen: string[] = [];
    line.send(
      older.ask,
      (value) => seen.push(value),
      () => seen.push('failed'),
    );
    line.send(
      newer.ask,
      (value) => seen.push(value),
      () => seen.push('failed'),
    );
    answer(older, newer);
    await settle();
    expect(seen).toEqual(heard);
  });

  it('drops every answer on its way once told to forget', async () => {
    const line = newestRequest();
    const request = deferred<string>();
    const answered = vi.fn();
    const isNewest = line.send(request.ask, answered, answered);
    line.forget();
    request.answer('late');
    await settle();
    expect(answered).not.toHaveBeenCalled();
    expect(isNewest()).toBe(false);
  });

  it('takes an ask that throws as a failure, heard after the call returns', async () => {
    const line = newestRequest();
    const failed = vi.fn();
    line.send(
      () => {
        throw new Error('no receiver');
      },
      vi.fn(),
      failed,
    );
    expect(failed).not.toHaveBeenCalled();
    await settle();
    expect(failed).toHaveBeenCalledTimes(1);
  });

  it('tells a wait of the caller’s own whether its request is still the newest', () => {
    const line = newestRequest();
    const first = line.send(deferred<string>().ask, vi.fn(), vi.fn());
    expect(first()).toBe(true);
    const second = line.send(deferred<string>().ask, vi.fn(), vi.fn());
    expect([first(), second()]).toEqual([false, true]);
  });
});
