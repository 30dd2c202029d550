// The saved settings as the extension keeps them in storage.local, for the set-ups that write them
// directly instead of through the options page (the demo, the screenshots, the benchmark, the
// browser cases that do not test that page) and for test set-up that changes what the options page
// has no field for (e2e/shared/card-settings.ts).
import type { Connection } from '../../e2e/shared/fixtures.ts';
import { SETTINGS_VERSION } from '../../utils/settings-version.ts';
import type { Settings, TokenMemory } from '../../utils/storage.ts';

/** Where the storage module keeps the `local:settings` item in storage.local. */
export const SETTINGS_KEY = 'settings';

/** Where the storage module keeps the `session:tokens` item (tokens kept until the browser closes) in storage.session. */
export const SESSION_TOKENS_KEY = 'tokens';

/** The id of the one account the record holds. */
export const RECORD_ACCOUNT_ID = 'account-1';

/** The record's settings: one account ("Demo") with its token kept as `tokenMemory` says, `change` on top. */
function recordSettings(
  { baseUrl, customerId }: Connection,
  tokenMemory: TokenMemory,
  change: Partial<Settings>,
): Record<string, unknown> {
  const account = { id: RECORD_ACCOUNT_ID, name: 'Demo', customerId, baseUrl, tokenMemory, revision: 1 } as const;
  const settings: Partial<Settings> = { accounts: [account], activeAccountId: account.id, ...change };
  return { [SETTINGS_KEY]: settings, [`${SETTINGS_KEY}$`]: { v: SETTINGS_VERSION } };
}

/**
 * The storage.local items that connect the extension to one MEGA account ("Demo"), with `change`
 * on top; every other setting is the extension's default, which it fills in when it reads a
 * record (readSettings in utils/storage.ts). The settings are marked with the layout version the
 * extension expects (else it would migrate them as an older layout), and the token is where an
 * earlier version kept it: the background moves it into its vault, out of storage.local, before
 * it reads it (as for a user upgrading).
 */
export function settingsRecord(connection: Connection, change: Partial<Settings> = {}): Record<string, unknown> {
  return { ...recordSettings(connection, 'local', change), apiToken: connection.token };
}

/**
 * The same account with its token kept "Until the browser closes", as the options page saves it
 * with that choice: the settings for storage.local, the token for storage.session (which only the
 * extension's own pages and background can write). Read as it is, with no upgrade step, so it can
 * be written into a running extension at any moment: the browser cases connect this way wherever
 * the options page is not what they test.
 */
export function sessionSettingsRecord(
  connection: Connection,
  change: Partial<Settings> = {},
): { local: Record<string, unknown>; session: Record<string, unknown> } {
  return {
    local: recordSettings(connection, 'session', change),
    session: { [SESSION_TOKENS_KEY]: { [RECORD_ACCOUNT_ID]: connection.token } },
  };
}
