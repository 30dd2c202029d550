import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readEffectiveSettings } from '../../utils/settings';
import { activeAccount } from '../../utils/storage';
import { migrateLegacyToken, readToken, tokenInEffect } from '../../utils/token-vault';
import { sessionSettingsRecord, settingsRecord } from './settings-record';

// The records are written straight into storage by the demo, the screenshots, the bench and the
// browser cases: the extension's own modules must read them as a user's saved account.
const CONNECTION = { baseUrl: 'http://127.0.0.1:4010', customerId: 'cust-demo', token: `mega_${'ab'.repeat(32)}` };

describe('settings records', () => {
  beforeEach(() => fakeBrowser.reset());

  it('with the token for the session: the account is in effect and its token is read as it is', async () => {
    const { local, session } = sessionSettingsRecord(CONNECTION, { defaultRegion: 'GB' });
    await fakeBrowser.storage.local.set(local);
    await fakeBrowser.storage.session.set(session);
    const effective = await readEffectiveSettings('en-US');
    const account = activeAccount(effective.settings);
    expect(account).toMatchObject({ name: 'Demo', baseUrl: CONNECTION.baseUrl, customerId: 'cust-demo' });
    expect(effective.settings.defaultRegion).toBe('GB');
    expect(await tokenInEffect(effective, account!)).toBe(CONNECTION.token);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(CONNECTION.token);
  });

  it('with the token where an earlier version kept it: the upgrade moves it to the account', async () => {
    await fakeBrowser.storage.local.set(settingsRecord(CONNECTION));
    const effective = await readEffectiveSettings('en-US');
    const account = activeAccount(effective.settings);
    expect(account?.tokenMemory).toBe('local');
    await migrateLegacyToken(account);
    expect(await readToken(account!.id)).toBe(CONNECTION.token);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(CONNECTION.token);
  });
});
