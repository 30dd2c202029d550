// Functions that run inside the extension, in its service worker or an extension page (passed to
// the drivers' evaluate, so each one must stay self-contained), to read its storage as the
// extension itself does.
import type { AreaRead, ExtensionStorage } from './types.ts';

type StorageArea = { get(keys: null): Promise<Record<string, unknown>> };
type ExtensionApi = { storage: Record<string, StorageArea | undefined> };

/** Runs in the extension (its service worker, or an extension page): its local and session areas. */
export async function extensionStorage(): Promise<ExtensionStorage> {
  const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const { storage } = (scope.browser ?? scope.chrome)!;
  return { local: (await storage.local?.get(null)) ?? {}, session: (await storage.session?.get(null)) ?? {} };
}

/** Runs in an extension context: each of these storage areas' items, or why reading it was refused. */
export async function readStorageAreas(areas: readonly string[]): Promise<Record<string, AreaRead>> {
  const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const { storage } = (scope.browser ?? scope.chrome)!;
  const read: Record<string, AreaRead> = {};
  for (const area of areas) {
    try {
      const items = await storage[area]?.get(null);
      read[area] = items ? { read: 'items', items } : { read: 'refused', reason: `no storage.${area}` };
    } catch (error) {
      read[area] = { read: 'refused', reason: String((error as Error).message ?? error) };
    }
  }
  return read;
}

/**
 * Runs in an extension page: the ids of the accounts the token vault (the extension's own
 * IndexedDB, see utils/token-vault.ts) holds a token for. Opening it never creates it: a vault not
 * made yet holds none.
 */
export function tokenVaultAccounts(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('lead-lens-vault');
    let created = false;
    request.onupgradeneeded = () => {
      created = true;
      request.transaction?.abort();
    };
    request.onerror = () => (created ? resolve([]) : reject(request.error));
    request.onsuccess = () => {
      const db = request.result;
      const keys = db.objectStoreNames.contains('tokens')
        ? db.transaction('tokens').objectStore('tokens').getAllKeys()
        : null;
      if (!keys) {
        db.close();
        resolve([]);
        return;
      }
      keys.onsuccess = () => {
        db.close();
        resolve(keys.result.map(String));
      };
      keys.onerror = () => reject(keys.error);
    };
  });
}
