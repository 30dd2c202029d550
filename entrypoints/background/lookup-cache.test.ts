import { describe, expect, it } from 'vitest';
import { LookupCache, type CacheEntry } from './lookup-cache';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LookupCache', () => {
  it('answers a repeated value from the cache without loading again', async () => {
    const cache = new LookupCache<string>({ ttlMs: 300_000 });
    let loads = 0;
    const load = async () => `answer ${++loads}`;
    expect(await cache.getOrLoad('+14155550134', load)).toBe('answer 1');
    expect(await cache.getOrLoad('+14155550134', load)).toBe('answer 1');
    expect(loads).toBe(1);
  });

  it('folds concurrent lookups of one value into one load', async () => {
    const cache = new LookupCache<string>({ ttlMs: 300_000 });
    const pending = deferred<string>();
    let loads = 0;
    const load = () => {
      loads += 1;
      return pending.promise;
    };
    const answers = Array.from({ length: 20 }, () => cache.getOrLoad('jane@acme.com', load));
    pending.resolve('Jane');
    expect(await Promise.all(answers)).toEqual(Array(20).fill('Jane'));
    expect(loads).toBe(1);
  });

  it('loads again once the TTL has passed', async () => {
    const time = clock();
    const cache = new LookupCache<number>({ ttlMs: 300_000, now: time.now });
    let loads = 0;
    await cache.getOrLoad('k', async () => ++loads);
    time.advance(299_999);
    expect(await cache.getOrLoad('k', async () => ++loads)).toBe(1);
    time.advance(1);
    expect(await cache.getOrLoad('k', async () => ++loads)).toBe(2);
  });

  it('does not remember a failure: the next lookup asks again', async () => {
    const cache = new LookupCache<string>({ ttlMs: 300_000 });
    await expect(cache.getOrLoad('k', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(await cache.getOrLoad('k', async () => 'back online')).toBe('back online');
  });

  it('does not cache an answer that arrives after clear()', async () => {
    const cache = new LookupCache<string>({ ttlMs: 300_000 });
    const pending = deferred<string>();
    const first = cache.getOrLoad('k', () => pending.promise);
    cache.clear();
    pending.resolve('old account');
    expect(await first).toBe('old account');
    expect(cache.get('k')).toBeUndefined();
  });

  it('drops the oldest entries beyond maxEntries', () => {
    const cache = new LookupCache<number>({ ttlMs: 300_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('survives a restart through its store, keeping the original age', async () => {
    const time = clock();
    let saved: Record<string, CacheEntry<string>> | null = null;
    const store = {
      load: async () => saved,
      save: async (entries: Record<string, CacheEntry<string>>) => {
        saved = structuredClone(entries);
      },
    };
    const before = new LookupCache<string>({ ttlMs: 300_000, now: time.now, store });
    before.set('+14155550134', 'Jane');
    await before.flush();

    time.advance(200_000);
    const after = new LookupCache<string>({ ttlMs: 300_000, now: time.now, store });
    await after.restore();
    expect(after.get('+14155550134')).toBe('Jane');
    time.advance(100_000);
    expect(after.get('+14155550134')).toBeUndefined();
  });

  it('writes to its store only what changed since the last write', async () => {
    const writes: string[][] = [];
    const store = {
      load: async () => null,
      save: async (entries: Record<string, CacheEntry<string>>) => {
        writes.push(Object.keys(entries));
      },
    };
    const cache = new LookupCache<string>({ ttlMs: 300_000, store });
    await cache.flush();
    cache.set('+14155550134', 'Jane');
    await cache.flush();
    await cache.flush();
    cache.deleteWhere(() => true);
    await cache.flush();
    expect(writes).toEqual([['+14155550134'], []]);
  });

  it('starts empty when the store cannot be read', async () => {
    const cache = new LookupCache<string>({
      ttlMs: 1000,
      store: { load: () => Promise.reject(new Error('quota')), save: async () => undefined },
    });
    await cache.restore();
    expect(cache.get('k')).toBeUndefined();
  });
});
