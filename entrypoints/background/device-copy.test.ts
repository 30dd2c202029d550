import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateBudget } from '@/utils/api/rate-budget';
import { DEFAULT_SETTINGS, type Account } from '@/utils/storage';
import type { MegaClient } from './api/client';
import type { Connection, ConnectionService } from './connection';
import { createDeviceCopy } from './device-copy';
import { accountIdFor, type LeadIndex } from './lead-index/lead-index';
import { databaseNameFor } from './lead-index/keys';

const ACCOUNT: Account = {
  id: 'account-1',
  name: 'Acme',
  customerId: 'customer-1',
  baseUrl: 'https://app.gomega.ai',
  tokenMemory: 'local',
  revision: 1,
};
const ACTIVE: Connection = {
  settings: { ...DEFAULT_SETTINGS, accounts: [ACCOUNT], activeAccountId: ACCOUNT.id, keepCopyFor: [ACCOUNT.id] },
  account: ACCOUNT,
  token: 'token',
};

/** A copy whose account MEGA has (or has not) refused; the index itself is a stand-in that records what it was asked. */
function setup() {
  const state = { refused: false, syncs: 0 };
  const index = {
    syncIfDue: async () => void (state.syncs += 1),
    status: async () => ({ state: 'ready' }),
    close: async () => undefined,
  } as unknown as LeadIndex;
  const connection = {
    load: async () => ACTIVE,
    accountFor: () => ({ client: {} as MegaClient, budget: new RateBudget({ now: Date.now }) }),
    tokenRefused: async () => state.refused,
  } as unknown as ConnectionService;
  const copy = createDeviceCopy({ connection, open: async () => index });
  return { copy, index, state };
}

describe('the copy on this device after MEGA refused the token', () => {
  it('answers nothing and does not sync while the token is refused, and answers again once it is accepted', async () => {
    const { copy, index, state } = setup();
    expect(await copy.indexFor(ACTIVE)).toBe(index);
    state.refused = true;
    expect(await copy.indexFor(ACTIVE)).toBeNull();
    await copy.syncIfDue();
    expect(state.syncs).toBe(0);
    state.refused = false;
    expect(await copy.indexFor(ACTIVE)).toBe(index);
  });

  it('still shows its status on the options page, so the user can see and delete it', async () => {
    const { copy, state } = setup();
    state.refused = true;
    expect(await copy.status()).toEqual({ state: 'ready' });
  });
});

const OTHER: Account = { ...ACCOUNT, id: 'account-2', name: 'Globex', customerId: 'customer-2' };

afterEach(() => void vi.unstubAllGlobals());

/** Two accounts' copies on a device (its IndexedDB, as idb finds it), and settings that can change under them. */
async function twoCopies() {
  const indexedDB = new IDBFactory();
  vi.stubGlobal('indexedDB', indexedDB);
  const names = await Promise.all(
    [ACCOUNT, OTHER].map(async (account) => databaseNameFor(await accountIdFor(account.baseUrl, account.customerId))),
  );
  for (const name of names) (await openDB(name, 1)).close();
  let settings = { ...ACTIVE.settings, accounts: [ACCOUNT, OTHER], keepCopyFor: [ACCOUNT.id, OTHER.id] };
  const closed: string[] = [];
  const index = { status: async () => ({ state: 'idle' }), close: async () => void closed.push('active') };
  const connection = {
    load: async () => ({ ...ACTIVE, settings }),
    accountFor: () => ({ client: {} as MegaClient, budget: new RateBudget({ now: Date.now }) }),
    tokenRefused: async () => false,
  } as unknown as ConnectionService;
  const copy = createDeviceCopy({ connection, open: async () => index as unknown as LeadIndex });
  const onDevice = async () => (await indexedDB.databases()).map((database) => database.name);
  return {
    copy,
    closed,
    names: { active: names[0], other: names[1] },
    onDevice,
    setKeepCopyFor: (ids: string[]) => void (settings = { ...settings, keepCopyFor: ids }),
  };
}

describe('copies nobody keeps any more', () => {
  it('are deleted from the device, and the open copy is closed only when it is one of them', async () => {
    const { copy, closed, names, onDevice, setKeepCopyFor } = await twoCopies();
    await copy.status(); // the active account's copy is open
    setKeepCopyFor([ACCOUNT.id]);
    await copy.settingsChanged();
    expect(await onDevice()).toEqual([names.active]);
    expect(closed, 'the active copy after another account stopped keeping one').toEqual([]);

    setKeepCopyFor([]);
    await copy.settingsChanged();
    expect(await onDevice()).toEqual([]);
    expect(closed, 'the active copy after its own account stopped keeping one').toEqual(['active']);
  });

  it('are judged by the settings as they are when the device is looked at, so a copy just turned on stays', async () => {
    const { copy, closed, names, onDevice, setKeepCopyFor } = await twoCopies();
    setKeepCopyFor([]);
    // The settings change that made the copy wanted lands while an older change is still handled.
    const handled = copy.settingsChanged();
    setKeepCopyFor([ACCOUNT.id]);
    await copy.status();
    await handled;
    expect(await onDevice()).toEqual([names.active]);
    expect(closed).toEqual([]);
  });
});
