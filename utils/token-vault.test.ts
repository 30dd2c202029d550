import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Account } from './storage';
import { clearToken, migrateLegacyToken, moveToken, readToken, writeToken } from './token-vault';

const TOKEN = `mega_${'ab'.repeat(32)}`;
const OTHER_TOKEN = `mega_${'cd'.repeat(32)}`;

const ACCOUNT: Account = {
  id: 'account-1',
  name: 'Acme',
  customerId: '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d',
  baseUrl: 'https://app.gomega.ai',
  tokenMemory: 'local',
  revision: 1,
};

async function openVault() {
  await readToken('nobody'); // the vault creates its database on first use
  return openDB('lead-lens-vault');
}

/** Where the token of `accountId` is: in the vault's database, in session storage, both or neither. */
async function placesOf(accountId: string): Promise<string[]> {
  const db = await openVault();
  const sealed = await db.get('tokens', accountId);
  db.close();
  const session = (await fakeBrowser.storage.session.get('tokens')).tokens as Record<string, string> | undefined;
  return [...(sealed ? ['device'] : []), ...(session?.[accountId] ? ['session'] : [])];
}

/** Every storage area as text: content scripts can read `local`, so no token may be there. */
async function storageText(): Promise<string> {
  const [local, session] = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.session.get(null),
  ]);
  return JSON.stringify({ local, session });
}

beforeEach(async () => {
  fakeBrowser.reset();
  const db = await openVault();
  await db.clear('tokens');
  db.close();
});

describe('token vault', () => {
  it('has no token for an account none was saved for', async () => {
    expect(await readToken(ACCOUNT.id)).toBeNull();
  });

  it('"on this device" keeps it in the extension’s database, encrypted, and nowhere in storage', async () => {
    await writeToken(ACCOUNT.id, TOKEN, 'local');
    expect(await readToken(ACCOUNT.id)).toBe(TOKEN);
    expect(await placesOf(ACCOUNT.id)).toEqual(['device']);
    expect(await storageText()).not.toContain(TOKEN);

    const db = await openVault();
    const sealed = (await db.get('tokens', ACCOUNT.id)) as { data: ArrayBuffer };
    db.close();
    expect(new TextDecoder().decode(sealed.data)).not.toContain(TOKEN.slice(5, 25));
  });

  it('"until the browser closes" keeps it in session storage only', async () => {
    await writeToken(ACCOUNT.id, TOKEN, 'session');
    expect(await readToken(ACCOUNT.id)).toBe(TOKEN);
    expect(await placesOf(ACCOUNT.id)).toEqual(['session']);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
  });

  it('a new token replaces the old one, wherever that was', async () => {
    await writeToken(ACCOUNT.id, TOKEN, 'local');
    await writeToken(ACCOUNT.id, OTHER_TOKEN, 'session');
    expect(await placesOf(ACCOUNT.id)).toEqual(['session']);
    expect(await readToken(ACCOUNT.id)).toBe(OTHER_TOKEN);
    await writeToken(ACCOUNT.id, TOKEN, 'local');
    expect(await placesOf(ACCOUNT.id)).toEqual(['device']);
    expect(await readToken(ACCOUNT.id)).toBe(TOKEN);
  });

  it('moves between the two places without being lost or copied', async () => {
    await writeToken(ACCOUNT.id, TOKEN, 'local');
    await moveToken(ACCOUNT.id, 'session');
    expect(await placesOf(ACCOUNT.id)).toEqual(['session']);
    await moveToken(ACCOUNT.id, 'local');
    expect(await placesOf(ACCOUNT.id)).toEqual(['device']);
    expect(await readToken(ACCOUNT.id)).toBe(TOKEN);
  });

  it('moving with no saved token stores nothing', async () => {
    await moveToken(ACCOUNT.id, 'session');
    expect(await placesOf(ACCOUNT.id)).toEqual([]);
  });

  it('keeps each account’s token apart, and clears one without the others', async () => {
    await writeToken('a1', TOKEN, 'local');
    await writeToken('a2', OTHER_TOKEN, 'session');
    expect([await readToken('a1'), await readToken('a2')]).toEqual([TOKEN, OTHER_TOKEN]);
    await clearToken('a1');
    await clearToken('a2');
    expect([await readToken('a1'), await readToken('a2')]).toEqual([null, null]);
    await writeToken('a1', TOKEN, 'session');
    await clearToken('a2');
    expect(await readToken('a1')).toBe(TOKEN);
  });

  it.each<['local' | 'session']>([['local'], ['session']])(
    'moves a token that version 2 kept in %s storage to the account, and removes it there',
    async (area) => {
      await fakeBrowser.storage[area].set({ apiToken: TOKEN });
      await migrateLegacyToken(ACCOUNT);
      expect(await readToken(ACCOUNT.id)).toBe(TOKEN);
      expect(await placesOf(ACCOUNT.id)).toEqual([area === 'session' ? 'session' : 'device']);
      expect(await fakeBrowser.storage[area].get('apiToken')).toEqual({});
    },
  );

  it('removes an old token even when there is no account to give it to', async () => {
    await fakeBrowser.storage.local.set({ apiToken: TOKEN });
    await migrateLegacyToken(null);
    expect(await storageText()).not.toContain(TOKEN);
  });
});
