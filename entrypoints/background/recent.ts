/**
 * The last leads looked up, per account, for the popup's "Recent" list when its search box is
 * empty. Kept in session storage (gone when the browser closes; content scripts cannot read it).
 */
import type { Lead } from '@/utils/api/schemas';

export const RECENT_LIMIT = 20;

export interface RecentStore {
  load(): Promise<Record<string, Lead[]> | null>;
  save(recent: Record<string, Lead[]>): Promise<void>;
}

export function createRecentLeads(store: RecentStore) {
  let recent: Promise<Record<string, Lead[]>> | undefined;
  const loaded = () =>
    (recent ??= store.load().then(
      (saved): Record<string, Lead[]> => saved ?? {},
      (): Record<string, Lead[]> => ({}),
    ));
  return {
    /** Puts these leads first in the account's list, once each, newest first. */
    async note(partition: string, leads: readonly Lead[]): Promise<void> {
      if (leads.length === 0) return;
      const all = await loaded();
      const ids = new Set(leads.map((lead) => lead.id));
      all[partition] = [...leads, ...(all[partition] ?? []).filter((lead) => !ids.has(lead.id))].slice(0, RECENT_LIMIT);
      await store.save(all).catch(() => undefined);
    },
    async list(partition: string): Promise<Lead[]> {
      return (await loaded())[partition] ?? [];
    },
    /** Forgets the lists of accounts that are gone. */
    async keepOnly(partitions: ReadonlySet<string>): Promise<void> {
      const all = await loaded();
      const gone = Object.keys(all).filter((key) => !partitions.has(key));
      if (gone.length === 0) return;
      for (const key of gone) delete all[key];
      await store.save(all).catch(() => undefined);
    },
  };
}

export type RecentLeads = ReturnType<typeof createRecentLeads>;
