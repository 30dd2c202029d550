import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  clearToken,
  DEFAULT_SETTINGS,
  migrateSettingsV1,
  moveToken,
  readSettings,
  readToken,
  settingsItem,
  writeToken,
  type Settings,
} from './storage';

const TOKEN = `mega_${'ab'.repeat(32)}`;
const OTHER_TOKEN = `mega_${'cd'.repeat(32)}`;
const CUSTOMER = '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d';

/** Every area's raw content, to check where the token is and is not. */
async function tokenAreas(): Promise<{ local: unknown; session: unknown }> {
  const [local, session] = await Promise.all([
    fakeBrowser.storage.local.get('apiToken'),
    fakeBrowser.storage.session.get('apiToken'),
  ]);
  return { local: local.apiToken, session: session.apiToken };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settings', () => {
  it('reads the defaults when nothing is stored', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      baseUrl: 'https://app.gomega.ai',
      customerId: '',
      trigger: 'auto',
      disabledSites: [],
      tokenMemory: 'local',
      allowCreate: true,
    });
  });

  it('fills fields that an older or partial record lacks', async () => {
    await fakeBrowser.storage.local.set({ settings: { customerId: CUSTOMER }, settings$: { v: 2 } });
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, customerId: CUSTOMER });
  });

  it('reads back what was saved', async () => {
    const saved: Settings = {
      baseUrl: 'http://127.0.0.1:8787',
      customerId: CUSTOMER,
      defaultRegion: 'GB',
      trigger: 'button',
      disabledSites: ['mail.example.com'],
      tokenMemory: 'session',
      allowCreate: false,
    };
    await settingsItem.setValue(saved);
    expect(await readSettings()).toEqual(saved);
  });

  it('migrates a version 1 record, stored with its version, to version 2', async () => {
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

    expect(await readSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      baseUrl: 'http://localhost:8787',
      customerId: CUSTOMER,
      trigger: 'manual',
      disabledSites: ['mail.example.com', 'crm.example'],
    });
    const raw = await fakeBrowser.storage.local.get(['settings', 'settings$']);
    expect(raw.settings$).toEqual({ v: 2 });
    expect(raw.settings).not.toHaveProperty('apiBaseUrl');
    expect(raw.settings).not.toHaveProperty('blockedHosts');
  });

  it('migrates a version 1 record stored without version metadata', async () => {
    await fakeBrowser.storage.local.set({ settings: { customerId: CUSTOMER, lookupsEnabled: true } });
    await settingsItem.migrate();
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, customerId: CUSTOMER, trigger: 'auto' });
  });

  it('keeps a record in the current layout that lost its version mark', async () => {
    const current = { ...DEFAULT_SETTINGS, baseUrl: 'http://127.0.0.1:8787', customerId: CUSTOMER };
    await fakeBrowser.storage.local.set({ settings: current });
    await settingsItem.migrate();
    expect(await readSettings()).toEqual(current);
  });

  it('leaves a version 2 record as it is', async () => {
    const current = { ...DEFAULT_SETTINGS, customerId: CUSTOMER, trigger: 'manual' as const };
    await fakeBrowser.storage.local.set({ settings: current, settings$: { v: 2 } });
    await settingsItem.migrate();
    expect(await readSettings()).toEqual(current);
  });

  it.each<[string, Parameters<typeof migrateSettingsV1>[0], Partial<Settings>]>([
    ['nothing', null, {}],
    ['an empty record', {}, {}],
    ['an empty base URL', { apiBaseUrl: '' }, { baseUrl: 'https://app.gomega.ai' }],
    ['lookups on', { lookupsEnabled: true }, { trigger: 'auto' }],
    ['lookups off', { lookupsEnabled: false }, { trigger: 'manual' }],
  ])('migrates %s from version 1', (_, old, expected) => {
    expect(migrateSettingsV1(old)).toEqual({ ...DEFAULT_SETTINGS, ...expected });
  });
});

describe('token', () => {
  it('is null when none is saved', async () => {
    expect(await readToken()).toBeNull();
  });

  it('"on this device" keeps it in local storage only', async () => {
    await writeToken(TOKEN, 'local');
    expect(await tokenAreas()).toEqual({ local: TOKEN, session: undefined });
    expect(await readToken()).toBe(TOKEN);
  });

  it('"until the browser closes" keeps it in session storage only', async () => {
    await writeToken(TOKEN, 'session');
    expect(await tokenAreas()).toEqual({ local: undefined, session: TOKEN });
    expect(await readToken()).toBe(TOKEN);
  });

  it('a new token replaces the old one in the other area', async () => {
    await writeToken(TOKEN, 'local');
    await writeToken(OTHER_TOKEN, 'session');
    expect(await tokenAreas()).toEqual({ local: undefined, session: OTHER_TOKEN });
    await writeToken(TOKEN, 'local');
    expect(await tokenAreas()).toEqual({ local: TOKEN, session: undefined });
  });

  it('moves between areas without being lost or copied', async () => {
    await writeToken(TOKEN, 'local');
    await moveToken('session');
    expect(await tokenAreas()).toEqual({ local: undefined, session: TOKEN });
    await moveToken('local');
    expect(await tokenAreas()).toEqual({ local: TOKEN, session: undefined });
  });

  it('moving with no saved token stores nothing', async () => {
    await moveToken('session');
    expect(await tokenAreas()).toEqual({ local: undefined, session: undefined });
  });

  it('clearing removes it from both areas', async () => {
    await writeToken(TOKEN, 'session');
    await clearToken();
    expect(await tokenAreas()).toEqual({ local: undefined, session: undefined });
    expect(await readToken()).toBeNull();
  });

  it('is never stored with the settings', async () => {
    await writeToken(TOKEN, 'local');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, customerId: CUSTOMER });
    const { settings } = await fakeBrowser.storage.local.get('settings');
    expect(JSON.stringify(settings)).not.toContain(TOKEN);
  });
});
