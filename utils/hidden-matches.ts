/**
 * "Not this person": leads the user said a selected value does not belong to, per account, on this
 * device. A later lookup of that value leaves them out; the options page lists them and can bring
 * each back. Kept in the extension's IndexedDB, out of content scripts' reach, like the leads
 * themselves (docs/security.md §2).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface HiddenMatch {
  accountId: string;
  /** The normalised value that was looked up: an E.164 number or a lower-case email. */
  value: string;
  leadId: string;
  /** For the options page's list; the lead may have changed since. */
  leadName: string;
  hiddenAt: number;
}

interface HiddenSchema extends DBSchema {
  hidden: {
    key: [string, string, string];
    value: HiddenMatch;
    indexes: { byAccount: string; byValue: [string, string] };
  };
}

let opened: Promise<IDBPDatabase<HiddenSchema>> | undefined;

function db(): Promise<IDBPDatabase<HiddenSchema>> {
  opened ??= openDB<HiddenSchema>('lead-lens-hidden', 1, {
    upgrade(database) {
      const store = database.createObjectStore('hidden', { keyPath: ['accountId', 'value', 'leadId'] });
      store.createIndex('byAccount', 'accountId');
      store.createIndex('byValue', ['accountId', 'value']);
    },
  }).catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
}

export async function hideMatch(match: HiddenMatch): Promise<void> {
  await (await db()).put('hidden', match);
}

export async function unhideMatch(accountId: string, value: string, leadId: string): Promise<void> {
  await (await db()).delete('hidden', [accountId, value, leadId]);
}

/** The ids of the leads hidden for this value under this account. */
export async function hiddenLeadIds(accountId: string, value: string): Promise<Set<string>> {
  const matches = await (await db()).getAllFromIndex('hidden', 'byValue', [accountId, value]);
  return new Set(matches.map((match) => match.leadId));
}

/** Everything hidden under this account, newest first. */
export async function hiddenMatches(accountId: string): Promise<HiddenMatch[]> {
  const matches = await (await db()).getAllFromIndex('hidden', 'byAccount', accountId);
  return matches.sort((a, b) => b.hiddenAt - a.hiddenAt);
}

/** Forgets everything hidden under an account (it was removed). */
export async function forgetHiddenMatches(accountId: string): Promise<void> {
  const database = await db();
  const tx = database.transaction('hidden', 'readwrite');
  for (const key of await tx.store.index('byAccount').getAllKeys(accountId)) await tx.store.delete(key);
  await tx.done;
}
