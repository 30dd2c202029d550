import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  activeAccount,
  DEFAULT_SETTINGS,
  DEFAULT_SETTINGS_V2,
  hasSavedSettings,
  migrateSettingsV1,
  migrateSettingsV2,
  partitionOf,
  readSettings,
  settingsItem,
  UPGRADED_ACCOUNT_ID,
  type Account,
  type Settings,
  type SettingsV2,
} from './storage';
import { migrateLegacyToken, readToken } from './token-vault';

const TOKEN = `mega_${'ab'.repeat(32)}`;
const CUSTOMER = '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d';

const ACME: Account = {
  id: 'a1',
  name: 'Acme',
  customerId: CUSTOMER,
  baseUrl: 'https://app.gomega.ai',
  tokenMemory: 'local',
  revision: 1,
};
const GLOBEX: Account = { ...ACME, id: 'a2', name: 'Globex', customerId: '9e1f0c2a-0000-4000-8000-000000000001' };

/** A version 2 record as that release stored it: one account's details beside the settings. */
const V2: SettingsV2 = {
  baseUrl: 'http://127.0.0.1:8787',
  customerId: CUSTOMER,
  defaultRegion: 'GB',
  trigger: 'button',
  disabledSites: ['mail.example.com', 'crm.example'],
  tokenMemory: 'local',
  allowCreate: false,
};

/** Everything in a storage area, as text, to check where a token is and is not. */
async function areaText(area: 'local' | 'session'): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage[area].get(null));
}

/** Empties the token vault, which lives in IndexedDB beside the storage areas. */
async function emptyVault(): Promise<void> {
  await readToken('nobody'); // the vault creates its database on first use
  const db = await openDB('lead-lens-vault');
  await db.clear('tokens');
  db.close();
}

beforeEach(async () => {
  fakeBrowser.reset();
  await emptyVault();
});

describe('settings', () => {
  it('reads the defaults when nothing is stored: no account, lookups on, Add to MEGA offered', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({
      accounts: [],
      activeAccountId: null,
      defaultRegion: 'US',
      trigger: 'auto',
      disabledSites: [],
      allowCreate: true,
      me: null,
      leadUrlTemplate: '',
      customFieldLabels: {},
      keepCopyFor: [],
      markSites: [],
      ownTokens: {},
      language: 'auto',
    });
    expect(await hasSavedSettings()).toBe(false);
  });

  it('reads back what was saved', async () => {
    const saved: Settings = {
      accounts: [ACME, { ...GLOBEX, tokenMemory: 'session', baseUrl: 'http://127.0.0.1:8787' }],
      activeAccountId: GLOBEX.id,
      defaultRegion: 'GB',
      trigger: 'button',
      disabledSites: ['mail.example.com'],
      allowCreate: false,
      me: { name: 'Priya Patel' },
      leadUrlTemplate: 'https://app.gomega.ai/leads/{id}',
      customFieldLabels: { budget_max: { label: 'Budget', type: 'currency', currency: 'USD' } },
      keepCopyFor: [GLOBEX.id],
      markSites: ['crm.example.com'],
      ownTokens: {
        'managed-head%20office': {
          tokenMemory: 'session',
          baseUrl: 'https://mega.example.com',
          savedAt: 1700000000000,
        },
      },
      language: 'pt-BR',
    };
    await settingsItem.setValue(saved);
    expect(await readSettings()).toEqual(saved);
    expect(await hasSavedSettings()).toBe(true);
  });

  it('fills fields that a partial record lacks', async () => {
    await fakeBrowser.storage.local.set({ settings: { accounts: [ACME] }, settings$: { v: 3 } });
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, accounts: [ACME] });
  });
});

describe('upgrade from version 2', () => {
  it('keeps the one account, named after its customer, and every other setting', async () => {
    await fakeBrowser.storage.local.set({ settings: V2, settings$: { v: 2 } });
    await settingsItem.migrate();

    expect(await readSettings()).toEqual({
      accounts: [
        {
          id: UPGRADED_ACCOUNT_ID,
          name: 'Customer 3f2a9c4e',
          customerId: CUSTOMER,
          baseUrl: 'http://127.0.0.1:8787',
          tokenMemory: 'local',
          revision: 1,
        },
      ],
      activeAccountId: UPGRADED_ACCOUNT_ID,
      defaultRegion: 'GB',
      trigger: 'button',
      disabledSites: ['mail.example.com', 'crm.example'],
      allowCreate: false,
      // Settings version 3 added for the card; nothing to carry over from version 2.
      me: null,
      leadUrlTemplate: '',
      customFieldLabels: {},
      keepCopyFor: [],
      markSites: [],
      ownTokens: {},
      language: 'auto',
    });
    expect((await fakeBrowser.storage.local.get('settings$')).settings$).toEqual({ v: 3 });
  });

  it.each<[string, SettingsV2['tokenMemory'], 'local' | 'session']>([
    ['on this device', 'local', 'local'],
    ['until the browser closes', 'session', 'session'],
  ])('moves a token kept %s out of storage, to the upgraded account', async (_, memory, area) => {
    await fakeBrowser.storage.local.set({ settings: { ...V2, tokenMemory: memory }, settings$: { v: 2 } });
    await fakeBrowser.storage[area].set({ apiToken: TOKEN });
    await settingsItem.migrate();
    const account = activeAccount(await readSettings());
    await migrateLegacyToken(account);

    expect(account?.tokenMemory).toBe(memory);
    expect(await readToken(UPGRADED_ACCOUNT_ID)).toBe(TOKEN);
    // Content scripts can read storage.local: the token is no longer there, in any form.
    expect(await areaText('local')).not.toContain(TOKEN);
    expect(await fakeBrowser.storage.local.get('apiToken')).toEqual({});
    expect(await fakeBrowser.storage.session.get('apiToken')).toEqual({});
    // Moving it again finds nothing to move and keeps the token where it went.
    await migrateLegacyToken(account);
    expect(await readToken(UPGRADED_ACCOUNT_ID)).toBe(TOKEN);
  });

  it('makes no account of settings that never had a customer id, and keeps the rest', () => {
    expect(migrateSettingsV2({ ...V2, customerId: '' })).toEqual({
      accounts: [],
      activeAccountId: null,
      defaultRegion: 'GB',
      trigger: 'button',
      disabledSites: ['mail.example.com', 'crm.example'],
      allowCreate: false,
      // Settings version 3 added for the card; nothing to carry over from version 2.
      me: null,
      leadUrlTemplate: '',
      customFieldLabels: {},
      keepCopyFor: [],
      markSites: [],
      ownTokens: {},
      language: 'auto',
    });
  });

  it('upgrades a version 1 record through version 2', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        apiBaseUrl: 'http://localhost:8787',
        customerId: CUSTOMER,
        lookupsEnabled: false,
        blockedHosts: ['mail.example.com', 'crm.example'],
      },
      settings$: { v: 1 },
    });
    await settingsItem.migrate();

    const settings = await readSettings();
    expect(settings).toMatchObject({
      activeAccountId: UPGRADED_ACCOUNT_ID,
      trigger: 'manual',
      disabledSites: ['mail.example.com', 'crm.example'],
    });
    expect(settings.accounts).toEqual([
      expect.objectContaining({ customerId: CUSTOMER, baseUrl: 'http://localhost:8787', name: 'Customer 3f2a9c4e' }),
    ]);
    const raw = await fakeBrowser.storage.local.get(['settings', 'settings$']);
    expect(raw.settings$).toEqual({ v: 3 });
    expect(raw.settings).not.toHaveProperty('apiBaseUrl');
    expect(raw.settings).not.toHaveProperty('customerId');
  });

  it.each<[string, Parameters<typeof migrateSettingsV1>[0], Partial<SettingsV2>]>([
    ['nothing', null, {}],
    ['an empty record', {}, {}],
    ['an empty base URL', { apiBaseUrl: '' }, { baseUrl: 'https://app.gomega.ai' }],
    ['lookups on', { lookupsEnabled: true }, { trigger: 'auto' }],
    ['lookups off', { lookupsEnabled: false }, { trigger: 'manual' }],
    ['a version 2 record without its version mark', { ...V2 }, V2],
  ])('reads %s from version 1', (_, old, expected) => {
    expect(migrateSettingsV1(old)).toEqual({ ...DEFAULT_SETTINGS_V2, ...expected });
  });
});

describe('accounts', () => {
  it.each<[string, Partial<Settings>, string | null]>([
    ['the one marked active', { accounts: [ACME, GLOBEX], activeAccountId: GLOBEX.id }, GLOBEX.id],
    ['the first when the mark points nowhere', { accounts: [ACME, GLOBEX], activeAccountId: 'gone' }, ACME.id],
    ['none when there is no account', { accounts: [], activeAccountId: null }, null],
  ])('the active account is %s', (_, settings, expected) => {
    expect(activeAccount({ ...DEFAULT_SETTINGS, ...settings })?.id ?? null).toBe(expected);
  });

  it('keeps what an account produces apart by its id and credentials revision', () => {
    expect(partitionOf(ACME)).not.toBe(partitionOf(GLOBEX));
    expect(partitionOf(ACME)).not.toBe(partitionOf({ ...ACME, revision: 2 }));
  });
});
