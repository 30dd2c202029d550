// The saved settings as the extension keeps them in storage.local, for the set-ups that write them
// directly instead of through the options page (the demo, the screenshots, the benchmark) and for
// test set-up that changes what the options page has no field for (e2e/shared/card-settings.ts).
import type { Connection } from '../../e2e/shared/fixtures.ts';
import { SETTINGS_VERSION } from '../../utils/settings-version.ts';
import type { Settings } from '../../utils/storage.ts';

/** Where the storage module keeps the `local:settings` item in storage.local. */
export const SETTINGS_KEY = 'settings';

/** The id of the one account the record holds. */
export const RECORD_ACCOUNT_ID = 'account-1';

/**
 * The storage.local items that connect the extension to one MEGA account ("Demo"), with `change`
 * on top; every other setting is the extension's default, which it fills in when it reads a
 * record (readSettings in utils/storage.ts). The settings are marked with the layout version the
 * extension expects (else it would migrate them as an older layout), and the token is where an
 * earlier version kept it: the background moves it into its vault, out of storage.local, before
 * it reads it (as for a user upgrading).
 */
export function settingsRecord(
  { baseUrl, customerId, token }: Connection,
  change: Partial<Settings> = {},
): Record<string, unknown> {
  const account = {
    id: RECORD_ACCOUNT_ID,
    name: 'Demo',
    customerId,
    baseUrl,
    tokenMemory: 'local',
    revision: 1,
  } as const;
  const settings: Partial<Settings> = { accounts: [account], activeAccountId: account.id, ...change };
  return { [SETTINGS_KEY]: settings, [`${SETTINGS_KEY}$`]: { v: SETTINGS_VERSION }, apiToken: token };
}
