/**
 * Where API tokens are kept: out of reach of web pages (docs/security.md §1).
 *
 * "On this device": IndexedDB of the extension's own origin, which no content script can open
 * (content scripts run in the page's origin), encrypted with an AES-GCM key that is generated
 * once, stored beside it and marked non-extractable, so the raw bytes on disk are not the token.
 * "Until the browser closes": `storage.session`, which content scripts cannot read (its access
 * level stays at trusted contexts; the background sets it explicitly at start).
 *
 * Only the background and the options page use this module.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AppliedPolicy } from './managed-policy';
import { legacyTokenItems, sessionTokensItem, type Account, type TokenMemory } from './storage';

interface VaultSchema extends DBSchema {
  keys: { key: string; value: CryptoKey };
  tokens: { key: string; value: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer } };
}

const DB_NAME = 'lead-lens-vault';
const KEY_ID = 'tokens';

let opened: Promise<IDBPDatabase<VaultSchema>> | undefined;

function vault(): Promise<IDBPDatabase<VaultSchema>> {
  opened ??= openDB<VaultSchema>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('keys');
      db.createObjectStore('tokens');
    },
  }).catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
}

async function cipherKey(db: IDBPDatabase<VaultSchema>): Promise<CryptoKey> {
  const existing = await db.get('keys', KEY_ID);
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  // Two contexts may race to create it: the first one stored wins, and both use that one.
  const tx = db.transaction('keys', 'readwrite');
  const stored = await tx.store.get(KEY_ID);
  if (!stored) await tx.store.put(key, KEY_ID);
  await tx.done;
  return stored ?? key;
}

async function readDeviceToken(accountId: string): Promise<string | null> {
  const db = await vault();
  const sealed = await db.get('tokens', accountId);
  if (!sealed) return null;
  try {
    const key = await cipherKey(db);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
    return new TextDecoder().decode(plain);
  } catch {
    // A key that no longer opens it (e.g. the key store was cleared): the token must be entered again.
    return null;
  }
}

async function writeDeviceToken(accountId: string, token: string): Promise<void> {
  const db = await vault();
  const key = await cipherKey(db);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(token));
  await db.put('tokens', { iv, data }, accountId);
}

async function removeDeviceToken(accountId: string): Promise<void> {
  await (await vault()).delete('tokens', accountId);
}

async function setSessionToken(accountId: string, token: string | null): Promise<void> {
  const tokens = { ...(await sessionTokensItem.getValue()) };
  if (token === null) {
    if (!(accountId in tokens)) return;
    delete tokens[accountId];
  } else tokens[accountId] = token;
  await sessionTokensItem.setValue(tokens);
}

/** The account's token from wherever it is kept, or null when none is saved. */
export async function readToken(accountId: string): Promise<string | null> {
  const session = (await sessionTokensItem.getValue())[accountId];
  return session ?? (await readDeviceToken(accountId));
}

/**
 * The token an account in effect is used with: the one the administrator's policy deploys, else
 * the one saved for it. A deployed account takes a saved token only where the settings in effect
 * say it is the user's own (see `applyPolicy`): a token left in the vault otherwise is not sent.
 */
export async function tokenInEffect(
  effective: Pick<AppliedPolicy, 'tokens' | 'ownTokenIds'>,
  account: Pick<Account, 'id' | 'managed'>,
): Promise<string | null> {
  const deployed = effective.tokens[account.id];
  if (deployed) return deployed;
  if (account.managed && !effective.ownTokenIds.has(account.id)) return null;
  return readToken(account.id);
}

/** Saves the token in exactly one place and removes it from the other. */
export async function writeToken(accountId: string, token: string, memory: TokenMemory): Promise<void> {
  if (memory === 'session') {
    await setSessionToken(accountId, token);
    await removeDeviceToken(accountId);
  } else {
    await writeDeviceToken(accountId, token);
    await setSessionToken(accountId, null);
  }
}

/** Moves an already saved token to the other place when the user changes where it is kept. */
export async function moveToken(accountId: string, memory: TokenMemory): Promise<void> {
  const token = await readToken(accountId);
  if (token) await writeToken(accountId, token, memory);
}

export async function clearToken(accountId: string): Promise<void> {
  await Promise.all([removeDeviceToken(accountId), setSessionToken(accountId, null)]);
}

/**
 * Moves a token saved by version 2 (in `storage.local` or `storage.session`) to the account the
 * upgrade made of it, then removes it from there. Safe to call any number of times.
 */
export async function migrateLegacyToken(account: Account | null): Promise<void> {
  const [local, session] = await Promise.all([legacyTokenItems.local.getValue(), legacyTokenItems.session.getValue()]);
  if (local === null && session === null) return;
  const token = session ?? local;
  if (account && token) await writeToken(account.id, token, session ? 'session' : account.tokenMemory);
  await Promise.all([legacyTokenItems.local.removeValue(), legacyTokenItems.session.removeValue()]);
}
