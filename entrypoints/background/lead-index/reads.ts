/**
 * What the copy answers: lookups by phone number or email, and the popup's search. Each answers
 * null, which means "ask MEGA", while the copy is not usable or when reading it fails.
 */
import { PAGE_LIMIT } from '@/utils/api/constants';
import type { Lead } from '@/utils/api/schemas';
import type { Contact } from '@/utils/contact';
import { usable, type CopyState } from './copy-state';
import type { StoredLead } from './db';
import { contactKeys } from './keys';
import type { RowSnapshot } from './row-snapshot';
import type { LocalSearchQuery } from './search-rows';

/** A lead from the copy, and when that version came from MEGA. */
export interface IndexedLead {
  lead: Lead;
  syncedAt: number;
}

export interface LocalSearchPage {
  leads: IndexedLead[];
  /** Every match, as the API's `total`. */
  total: number;
  offset: number;
  limit: number;
}

export interface CopyReads {
  /** Leads with this phone number or email, most recent interaction first; null: ask MEGA. */
  lookup(contact: Contact): Promise<IndexedLead[] | null>;
  /** `lookup` for many contacts at once, in one read of the database; null: ask MEGA. */
  lookupMany(contacts: readonly Contact[]): Promise<IndexedLead[][] | null>;
  /** The popup's search, paged as MEGA pages it; null: ask MEGA. */
  search(query: LocalSearchQuery): Promise<LocalSearchPage | null>;
}

/** Most recent interaction first, leads without one last; then the most recently updated. */
function byRecentInteraction(a: StoredLead, b: StoredLead): number {
  const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) || 0 : -Infinity);
  return time(b.lead.last_interaction_at) - time(a.lead.last_interaction_at) || b.updatedMs - a.updatedMs;
}

function found(rows: StoredLead[]): IndexedLead[] {
  return rows.sort(byRecentInteraction).map(({ lead, syncedAt }) => ({ lead, syncedAt }));
}

export function createReads(copy: CopyState, rows: RowSnapshot): CopyReads {
  return {
    async lookup(contact) {
      if (!usable(copy)) return null;
      try {
        return found(await copy.db.find(contactKeys(contact)));
      } catch {
        return null;
      }
    },

    async lookupMany(contacts) {
      if (!usable(copy)) return null;
      try {
        return (await copy.db.findMany(contacts.map(contactKeys))).map(found);
      } catch {
        return null;
      }
    },

    async search(query) {
      if (!usable(copy)) return null;
      try {
        const hits = (await rows.load()).query(query);
        const stored = await copy.db.get(hits.ids);
        const leads = stored.flatMap((row) => (row ? [{ lead: row.lead, syncedAt: row.syncedAt }] : []));
        return {
          leads,
          total: hits.total,
          offset: Math.max(0, Math.trunc(query.offset ?? 0)),
          limit: Math.min(PAGE_LIMIT.max, Math.max(PAGE_LIMIT.min, Math.trunc(query.limit ?? PAGE_LIMIT.default))),
        };
      } catch {
        return null;
      }
    },
  };
}
