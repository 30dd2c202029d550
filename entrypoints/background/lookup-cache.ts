/**
 * The lookup cache: answers repeated selections of the same value without a request, and folds
 * concurrent lookups of one value into a single request.
 *
 * Entries expire after `ttlMs`. They can be saved to and restored from a store (the background
 * uses session storage) so a restarted service worker still remembers recent answers.
 */
import type { CacheEntry } from '@/utils/storage';

export type { CacheEntry };

export interface CacheStore<T> {
  load(): Promise<Record<string, CacheEntry<T>> | null>;
  save(entries: Record<string, CacheEntry<T>>): Promise<void>;
}

export interface LookupCacheOptions<T> {
  ttlMs: number;
  /** Oldest entries are dropped beyond this many. */
  maxEntries?: number;
  now?: () => number;
  store?: CacheStore<T>;
}

/**
 * How long after a change the entries are saved. Saving serialises every entry (up to a few
 * hundred answers), which holds the background's thread for milliseconds; a page's first card
 * frame loads and claims its lookup within about 100 ms of the answer, so saving waits past that.
 * A worker stopped meanwhile loses at most this much; Firefox's event page saves on suspend.
 */
const PERSIST_DELAY_MS = 1_000;

export class LookupCache<T> {
  private entries = new Map<string, CacheEntry<T>>();
  private inFlight = new Map<string, Promise<T>>();
  /** Bumped by clear(), so a load that started before a settings change is not cached after it. */
  private generation = 0;
  private readonly now: () => number;
  private restored: Promise<void> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: LookupCacheOptions<T>) {
    this.now = options.now ?? Date.now;
  }

  /** Loads saved entries once; later calls wait for the same load. */
  restore(): Promise<void> {
    this.restored ??= (async () => {
      const saved = (await this.options.store?.load().catch(() => null)) ?? {};
      for (const [key, entry] of Object.entries(saved)) {
        if (!this.entries.has(key)) this.entries.set(key, entry);
      }
      this.prune();
    })();
    return this.restored;
  }

  /** A fresh cached value, or undefined. */
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: this.now() });
    this.prune();
    this.schedulePersist();
  }

  /**
   * The cached value, else the value of a load already running for this key, else a new load.
   * Only successful loads are cached: a failure is not remembered, so the next try asks again.
   */
  getOrLoad(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const running = this.inFlight.get(key);
    if (running) return running;
    const generation = this.generation;
    const promise = load()
      .then((value) => {
        if (generation === this.generation) this.set(key, value);
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Forgets everything, including loads under way (they still answer their callers). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.inFlight.clear();
    this.schedulePersist();
  }

  /** Forgets the entries this says to, e.g. those of an account that was removed. */
  deleteWhere(drop: (key: string, value: T) => boolean): void {
    let dropped = false;
    for (const [key, entry] of this.entries) {
      if (drop(key, entry.value)) {
        this.entries.delete(key);
        this.inFlight.delete(key);
        dropped = true;
      }
    }
    if (dropped) this.schedulePersist();
  }

  /**
   * Writes the entries to the store now if anything changed since the last write (the scheduled
   * write is folded into this one). With nothing to save it writes nothing: a write is a storage
   * change, which Firefox counts as activity of its event page, so saving on every suspend would
   * cancel each suspend and the page would never unload.
   */
  async flush(): Promise<void> {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.options.store?.save(Object.fromEntries(this.entries)).catch(() => undefined);
  }

  private prune(): void {
    const max = this.options.maxEntries ?? 200;
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.storedAt >= this.options.ttlMs || this.entries.size > max) {
        this.entries.delete(key);
      }
    }
  }

  /** Saves once for a burst of changes, after the card they are for has been shown (PERSIST_DELAY_MS). */
  private schedulePersist(): void {
    if (!this.options.store || this.saveTimer !== undefined) return;
    this.saveTimer = setTimeout(() => void this.flush(), PERSIST_DELAY_MS);
  }
}
