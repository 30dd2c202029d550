/**
 * One account's copy of its MEGA leads in IndexedDB (through idb): the leads with the keys they
 * are found by, the state of the sync, and a packed form of the search rows so that a restarted
 * service worker can answer a search without reading every lead.
 *
 * Every write that moves the sync forward happens in one transaction with the sync state, so a
 * worker stopped at any moment resumes from a state that matches the leads it holds. That
 * transaction rule is why the schema and every write stay in one file of some 350 lines.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { Lead } from '@/utils/api/schemas';
import type { LookupKeys } from './keys';
import type { PackedSearchRows } from './search-rows';
import type { SyncPhase } from '@/utils/device-copy-status';

export const DB_VERSION = 1;

export interface StoredLead extends LookupKeys {
  id: string;
  /** As MEGA sent it. */
  lead: Lead;
  /** `updated_at` in ms (0 when unreadable): the newer version of a lead wins. */
  updatedMs: number;
  /** When this version last came from MEGA. */
  syncedAt: number;
  /** The full sync that last saw the lead; a full sync removes what it did not see. */
  generation: number;
}

export type { SyncPhase };

export interface SyncMeta {
  /** The run in progress (or stopped part-way, to resume), or null between runs. */
  phase: SyncPhase | null;
  /** Where the run in progress continues; null before its first page. */
  cursor: string | null;
  /** The run in progress has received its last page (a full sync then removes what it did not see). */
  listed: boolean;
  /** `updated_since` of the incremental run in progress: its cursor is only valid with it. */
  since: string | null;
  /** Leads received so far in the run in progress. */
  position: number;
  /** MEGA's `total` for the run in progress. */
  total: number | null;
  /** The full sync in progress, or the last one completed. */
  generation: number;
  runStartedAt: number | null;
  /** The newest `updated_at` seen, in ms: where the next incremental run starts (less an overlap). */
  lastUpdatedMs: number | null;
  /** When the last completed full sync started: nothing deleted before then is still here. */
  lastFullSyncAt: number | null;
  /** When the last run of either kind completed. */
  lastSyncedAt: number | null;
  /** Leads held. */
  count: number;
  /** Bumped by every change to the leads, so a saved search snapshot knows if it is current. */
  rev: number;
  /** The phone region the E.164 keys were derived with. */
  region: string;
  /** Set when the copy was turned off, and why. */
  off: 'quota' | null;
}

export interface SearchSnapshot {
  rev: number;
  rows: PackedSearchRows;
}

interface LeadIndexSchema extends DBSchema {
  leads: {
    key: string;
    value: StoredLead;
    indexes: { phoneLast10: string; phoneE164: string; email: string; generation: number };
  };
  meta: { key: 'sync'; value: SyncMeta };
  snapshot: { key: 'search'; value: SearchSnapshot };
}

type Database = IDBPDatabase<LeadIndexSchema>;

export function initialMeta(region: string): SyncMeta {
  return {
    phase: null,
    cursor: null,
    listed: false,
    since: null,
    position: 0,
    total: null,
    generation: 0,
    runStartedAt: null,
    lastUpdatedMs: null,
    lastFullSyncAt: null,
    lastSyncedAt: null,
    count: 0,
    rev: 0,
    region,
    off: null,
  };
}

/** True for the error a write fails with when the browser has no room left for this origin. */
export function isQuotaError(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null && 'name' in error ? (error as { name: unknown }).name : '';
  // Firefox used to name it differently.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

function upgrade(db: Database, oldVersion: number): void {
  if (oldVersion < 1) {
    const leads = db.createObjectStore('leads', { keyPath: 'id' });
    // A missing key leaves the lead out of that index (no number, no email).
    leads.createIndex('phoneLast10', 'phoneLast10');
    leads.createIndex('phoneE164', 'phoneE164');
    leads.createIndex('email', 'email');
    leads.createIndex('generation', 'generation');
    db.createObjectStore('meta');
    db.createObjectStore('snapshot');
  }
}

export interface WriteContext {
  generation: number;
  syncedAt: number;
  keysOf(lead: Lead): LookupKeys;
}

export interface PageWrite {
  /** The rows whose content this page set, for the search rows. */
  written: StoredLead[];
  meta: SyncMeta;
}

function updatedMsOf(lead: Lead): number {
  // An unreadable or missing updated_at counts as the oldest: any dated version replaces it.
  const ms = lead.updated_at === undefined ? Number.NaN : Date.parse(lead.updated_at);
  return Number.isNaN(ms) ? 0 : ms;
}

export class LeadDb {
  private constructor(
    private readonly db: Database,
    readonly name: string,
  ) {}

  /**
   * Opens (creating or upgrading) the database. `onLost` is called when the connection goes away
   * underneath: the browser cleared the site's data, or another context deletes the database.
   */
  static async open(factory: IDBFactory, name: string, onLost: () => void): Promise<LeadDb> {
    const request = factory.open(name, DB_VERSION);
    request.addEventListener('upgradeneeded', (event) => {
      upgrade(wrap(request.result) as unknown as Database, event.oldVersion);
    });
    const opened = await wrap(request);
    if (!opened) throw new Error('IndexedDB did not open the lead copy.');
    const db = opened as unknown as Database;
    // Let a deletion elsewhere proceed instead of blocking it; this copy stops answering.
    db.addEventListener('versionchange', () => {
      db.close();
      onLost();
    });
    db.addEventListener('close', onLost);
    return new LeadDb(db, name);
  }

  static async delete(factory: IDBFactory, name: string): Promise<void> {
    await wrap(factory.deleteDatabase(name));
  }

  close(): void {
    this.db.close();
  }

  async readMeta(): Promise<SyncMeta | undefined> {
    return this.db.get('meta', 'sync');
  }

  async saveMeta(meta: SyncMeta): Promise<void> {
    await this.db.put('meta', meta, 'sync');
  }

  /**
   * Saves one page of a run with the state that follows it, in one transaction. Per lead the
   * newer `updated_at` wins (a lead seen again with the same one is taken again); every lead in
   * the page is marked as seen by `context.generation` either way.
   */
  async writePage(
    leads: readonly Lead[],
    context: WriteContext,
    nextMeta: (change: { added: number; newestMs: number | null }) => SyncMeta,
  ): Promise<PageWrite> {
    const tx = this.db.transaction(['leads', 'meta'], 'readwrite');
    const store = tx.objectStore('leads');
    const done = tx.done;
    try {
      // The same lead twice in one page: the later copy in the page competes like any other.
      const existing = await Promise.all(leads.map((lead) => store.get(lead.id)));
      const current = new Map<string, StoredLead | undefined>();
      leads.forEach((lead, index) => {
        if (!current.has(lead.id)) current.set(lead.id, existing[index]);
      });
      let added = 0;
      let newestMs: number | null = null;
      const written = new Map<string, StoredLead>();
      for (const lead of leads) {
        const updatedMs = updatedMsOf(lead);
        newestMs = newestMs === null ? updatedMs : Math.max(newestMs, updatedMs);
        const before = current.get(lead.id);
        if (before === undefined) added++;
        if (before && before.updatedMs > updatedMs) {
          current.set(lead.id, { ...before, generation: Math.max(before.generation, context.generation) });
          continue;
        }
        const row: StoredLead = {
          id: lead.id,
          lead,
          updatedMs,
          syncedAt: context.syncedAt,
          generation: Math.max(before?.generation ?? 0, context.generation),
          ...context.keysOf(lead),
        };
        current.set(lead.id, row);
        written.set(lead.id, row);
      }
      const meta = nextMeta({ added, newestMs });
      const puts: Array<Promise<unknown>> = [...current.values()].flatMap((row) => (row ? [store.put(row)] : []));
      puts.push(tx.objectStore('meta').put(meta, 'sync'));
      await Promise.all([...puts, done]);
      return { written: [...written.values()], meta };
    } catch (error) {
      throw await failed(tx, done, error);
    }
  }

  /** Removes every lead the given full sync did not see; returns their ids. */
  async sweep(
    generation: number,
    nextMeta: (removed: number) => SyncMeta,
  ): Promise<{ removed: string[]; meta: SyncMeta }> {
    const tx = this.db.transaction(['leads', 'meta'], 'readwrite');
    const done = tx.done;
    try {
      const store = tx.objectStore('leads');
      const removed = await store.index('generation').getAllKeys(IDBKeyRange.upperBound(generation, true));
      const meta = nextMeta(removed.length);
      await Promise.all([...removed.map((id) => store.delete(id)), tx.objectStore('meta').put(meta, 'sync'), done]);
      return { removed, meta };
    } catch (error) {
      throw await failed(tx, done, error);
    }
  }

  /** Empties the copy (leads and search snapshot) and saves `meta`, in one transaction. */
  async clear(meta: SyncMeta): Promise<void> {
    const tx = this.db.transaction(['leads', 'meta', 'snapshot'], 'readwrite');
    await Promise.all([
      tx.objectStore('leads').clear(),
      tx.objectStore('snapshot').clear(),
      tx.objectStore('meta').put(meta, 'sync'),
      tx.done,
    ]);
  }

  async get(ids: readonly string[]): Promise<Array<StoredLead | undefined>> {
    const tx = this.db.transaction('leads');
    const rows = await Promise.all(ids.map((id) => tx.store.get(id)));
    await tx.done;
    return rows;
  }

  /** Every lead with any of these keys: index reads only, no scan. */
  async find(keys: LookupKeys): Promise<StoredLead[]> {
    const tx = this.db.transaction('leads');
    const reads: Array<Promise<StoredLead[]>> = [];
    if (keys.phoneLast10 !== undefined) reads.push(tx.store.index('phoneLast10').getAll(keys.phoneLast10));
    if (keys.phoneE164 !== undefined) reads.push(tx.store.index('phoneE164').getAll(keys.phoneE164));
    if (keys.email !== undefined) reads.push(tx.store.index('email').getAll(keys.email));
    const found = (await Promise.all(reads)).flat();
    await tx.done;
    const byId = new Map(found.map((row) => [row.id, row]));
    return [...byId.values()];
  }

  /** The leads for each of many key sets, in one transaction (the known-lead marks ask in batches). */
  async findMany(keyList: readonly LookupKeys[]): Promise<StoredLead[][]> {
    const tx = this.db.transaction('leads');
    const read = (index: 'phoneLast10' | 'phoneE164' | 'email', key: string | undefined): Promise<StoredLead[]> =>
      key === undefined ? Promise.resolve([]) : tx.store.index(index).getAll(key);
    const found = await Promise.all(
      keyList.map(async (keys) => {
        const rows = (
          await Promise.all([
            read('phoneLast10', keys.phoneLast10),
            read('phoneE164', keys.phoneE164),
            read('email', keys.email),
          ])
        ).flat();
        return [...new Map(rows.map((row) => [row.id, row])).values()];
      }),
    );
    await tx.done;
    return found;
  }

  /** Reads every lead, a chunk at a time, in id order. */
  async forEachChunk(chunkSize: number, visit: (rows: StoredLead[]) => void): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
      const rows = await this.db.getAll('leads', range, chunkSize);
      if (rows.length === 0) return;
      visit(rows);
      after = rows[rows.length - 1]!.id;
      if (rows.length < chunkSize) return;
    }
  }

  /** Derives every lead's keys again (the phone region changed), a chunk per transaction. */
  async rekey(chunkSize: number, keysOf: (lead: Lead) => LookupKeys, meta: SyncMeta): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const tx = this.db.transaction('leads', 'readwrite');
      const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
      const rows = await tx.store.getAll(range, chunkSize);
      const puts = rows.map((row) => {
        const { phoneLast10: _last10, phoneE164: _e164, email: _email, ...rest } = row;
        return tx.store.put({ ...rest, ...keysOf(row.lead) });
      });
      await Promise.all([...puts, tx.done]);
      if (rows.length < chunkSize) break;
      after = rows[rows.length - 1]!.id;
    }
    await this.saveMeta(meta);
  }

  async readSnapshot(): Promise<SearchSnapshot | undefined> {
    return this.db.get('snapshot', 'search');
  }

  async saveSnapshot(snapshot: SearchSnapshot): Promise<void> {
    await this.db.put('snapshot', snapshot, 'search');
  }
}

/**
 * Undoes a transaction that failed part-way and says why it failed. A full disk may show on one
 * request or only on the transaction as a whole; either way the quota error is the one reported.
 */
async function failed(tx: { abort(): void }, done: Promise<void>, error: unknown): Promise<unknown> {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted: nothing to undo.
  }
  const reason = await done.then(
    () => undefined,
    (txError: unknown) => txError,
  );
  return isQuotaError(reason) && !isQuotaError(error) ? reason : error;
}
