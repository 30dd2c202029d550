/**
 * The on-device copy of the active account's leads (opt-in per account: "Keep a copy of my leads
 * on this device"): which index is open, when it syncs, and what is left of a copy nobody wants.
 *
 * One index is open at a time, the active account's, named after that account's base URL and
 * customer (see `lead-index/keys.ts`): a switch of account closes it before the next one opens,
 * and a copy that no account with the option on uses any more is deleted from the device.
 */
import { partitionFor, type Connection, type ConnectionService } from './connection';
import {
  accountIdFor,
  openLeadIndex,
  syncBudgetOf,
  type IndexStatus,
  type LeadIndex,
  type LocalSearchQuery,
} from './lead-index/lead-index';
import type { Lead } from '@/utils/api/schemas';
import { deleteDB } from 'idb';
import { DATABASE_PREFIX } from './lead-index/keys';
import type { CountryCode } from '@/utils/contact';
import { keepsCopy, type Account } from '@/utils/storage';

/** How long after the user's last lookup the sync holds off, so it never competes with them. */
const BUSY_FOR_MS = 10_000;

export interface DeviceCopyDeps {
  connection: ConnectionService;
  open?: typeof openLeadIndex;
  indexedDB?: IDBFactory;
  now?: () => number;
  /** Told whenever the copy's status changes, e.g. to schedule the next sync. */
  onStatus?: (status: IndexStatus) => void;
}

export function createDeviceCopy(deps: DeviceCopyDeps) {
  const now = deps.now ?? Date.now;
  const open = deps.open ?? openLeadIndex;
  const factory = () => deps.indexedDB ?? globalThis.indexedDB;
  /** The open index: `key` says which account, settings and token it serves; `copyId` names its database. */
  let current: { key: string; copyId: Promise<string>; index: Promise<LeadIndex | null> } | undefined;
  let lastUserRequest = -Infinity;

  const copyIdOf = (account: Account) => accountIdFor(account.baseUrl, account.customerId);

  async function close(): Promise<void> {
    const open = current;
    current = undefined;
    await (await open?.index.catch(() => null))?.close().catch(() => undefined);
  }

  /**
   * The active account's index to answer from (cards, search, marks): none where `openFor` has
   * none, and none while MEGA refuses the account's token (a revoked token must not go on showing
   * leads) until a request with it succeeds again, or its token is changed (a new partition).
   */
  async function indexFor(connection: Connection): Promise<LeadIndex | null> {
    return (await deps.connection.tokenRefused(connection)) ? null : openFor(connection);
  }

  /** The active account's index when it keeps a copy; null otherwise. Opens it on first use. */
  async function openFor(connection: Connection): Promise<LeadIndex | null> {
    const { account } = connection;
    const link = deps.connection.accountFor(connection);
    if (!account || !keepsCopy(connection.settings, account) || !link) {
      if (current) await close();
      return null;
    }
    const key = `${partitionFor(connection)}|${connection.settings.defaultRegion}`;
    if (current?.key !== key) {
      await close();
      const copyId = copyIdOf(account);
      const index = (async () => {
        try {
          return await open({
            accountId: await copyId,
            client: link.client,
            budget: syncBudgetOf(link.budget),
            defaultRegion: connection.settings.defaultRegion as CountryCode,
            indexedDB: factory(),
            isUserBusy: () => now() - lastUserRequest < BUSY_FOR_MS,
            now,
            onProgress: (status) => deps.onStatus?.(status),
          });
        } catch {
          // No IndexedDB (a private window in some browsers): lookups simply ask MEGA.
          return null;
        }
      })();
      current = { key, copyId, index };
    }
    return current.index;
  }

  return {
    indexFor,

    /** The user is looking things up: the sync waits until they have been quiet a while. */
    userIsActive(): void {
      lastUserRequest = now();
    },

    /** Runs a sync of the active account's copy if one is due (an alarm calls this). */
    async syncIfDue(): Promise<void> {
      const index = await indexFor(await deps.connection.load());
      await index?.syncIfDue();
    },

    /** The user's "Sync now": tried also with a refused token, which it may find accepted again. */
    async syncNow(): Promise<IndexStatus | null> {
      const index = await openFor(await deps.connection.load());
      return index ? index.syncNow() : null;
    },

    /** The popup's search over the copy, or null when there is no usable copy to search. */
    async search(query: LocalSearchQuery & { search?: string }): Promise<{ leads: Lead[]; total: number } | null> {
      const index = await indexFor(await deps.connection.load());
      const { search, ...rest } = query;
      const page = await index?.search({ ...rest, text: search ?? rest.text ?? '' });
      return page ? { leads: page.leads.map((hit) => hit.lead), total: page.total } : null;
    },

    async status(): Promise<IndexStatus | null> {
      const index = await openFor(await deps.connection.load());
      return index?.status() ?? null;
    },

    /** When the next sync of the open copy is due, or null. */
    async nextSyncAt(): Promise<number | null> {
      return (await current?.index)?.nextSyncAt() ?? null;
    },

    /** Deletes the active account's copy now (the page turns the option off with it). */
    async deleteCopy(): Promise<void> {
      const index = await openFor(await deps.connection.load());
      await index?.deleteCopy();
      current = undefined;
    },

    /**
     * The accounts changed. Copies that no account with the option on still uses are deleted
     * (the option turned off, the account removed, or its customer or base URL changed).
     *
     * The settings are read here, after the databases are listed, not taken from the caller: a
     * copy opened since the caller read them (the user turned the option on a moment after adding
     * the account) must not be taken for one nobody wants.
     */
    async settingsChanged(): Promise<void> {
      const known =
        (await factory()
          .databases?.()
          .catch(() => [])) ?? [];
      const { settings } = await deps.connection.load();
      const keeping = settings.accounts.filter((account) => keepsCopy(settings, account));
      const wanted = new Set(await Promise.all(keeping.map(copyIdOf)));
      const stale = known
        .map((database) => database.name ?? '')
        .filter((name) => name.startsWith(DATABASE_PREFIX) && !wanted.has(name.slice(DATABASE_PREFIX.length)))
        .map((name) => name.slice(DATABASE_PREFIX.length));
      // The open copy is closed only if it is one of them; another account's leaving does not stop its sync.
      if (current && stale.includes(await current.copyId)) await close();
      await Promise.all(stale.map((copyId) => deleteDB(DATABASE_PREFIX + copyId).catch(() => undefined)));
    },
  };
}

export type DeviceCopy = ReturnType<typeof createDeviceCopy>;
