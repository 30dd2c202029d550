/**
 * What the parts of one open index share (the sync, the reads, the row snapshot and the lifecycle
 * in lead-index.ts): its database, the sync state as last saved, whether it was closed, and the
 * one queue its writes take turns in.
 */
import type { Lead } from '@/utils/api/schemas';
import type { CountryCode } from '@/utils/contact';
import { initialMeta, type LeadDb, type SyncMeta } from './db';
import { leadKeys, type LookupKeys } from './keys';

export interface CopyState {
  readonly db: LeadDb;
  readonly region: CountryCode;
  /** The keys a lead is found by, read with the user's region. */
  keysOf(lead: Lead): LookupKeys;
  /** The sync state as last saved; each write replaces it. */
  meta: SyncMeta;
  /** Set once the index stops for good (an account switch, the worker shutting down, a deletion). */
  closedBy: 'closed' | 'deleted' | null;
  /** Writes and the building of the search rows take turns, so the rows never miss a write. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Settles once every turn taken so far is over. */
  turnsTaken(): Promise<unknown>;
}

/** Leads read or rewritten per transaction when the whole copy is walked. */
export const CHUNK = 1_000;

/** The state of a database just opened; a new copy's state is saved with its first run. */
export async function copyStateOf(db: LeadDb, region: CountryCode): Promise<CopyState> {
  let turn: Promise<unknown> = Promise.resolve();
  const keysOf = (lead: Lead) => leadKeys(lead, region);
  const state: CopyState = {
    db,
    region,
    keysOf,
    meta: (await db.readMeta()) ?? initialMeta(region),
    closedBy: null,
    exclusive(task) {
      const result = turn.then(task);
      turn = result.catch(() => undefined);
      return result;
    },
    turnsTaken: () => turn,
  };
  if (state.meta.region !== region) {
    state.meta = { ...state.meta, region };
    await db.rekey(CHUNK, keysOf, state.meta);
  }
  return state;
}

/** Lookups and searches answer from the copy: open, not off, and fully synced once. */
export function usable(copy: CopyState): boolean {
  return copy.closedBy === null && copy.meta.off === null && copy.meta.lastFullSyncAt !== null;
}
