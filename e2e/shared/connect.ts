// Connecting the extension to a MEGA account: the way a user does, through the options page
// (shared by the cases and the Firefox demo, no test runner needed), or straight into storage for
// the cases that test something else.
import { sessionSettingsRecord } from '../../scripts/lib/settings-record.ts';
import type { Connection, NamedConnection } from './fixtures.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';
import type { OptionsPage } from '../pages/options.ts';
import type { TokenMemoryChoice } from './types.ts';

/** Fills in the options page, saves, and waits until it says so; the page stays open. */
export async function connectThroughOptions(browser: ExtensionBrowser, connection: Connection): Promise<OptionsPage> {
  const options = await browser.openOptions();
  await options.fill('API token', connection.token);
  await options.fill('Customer ID', connection.customerId);
  await options.fill('API base URL', connection.baseUrl);
  await options.click('Save');
  await options.waitForStatus('Settings saved');
  return options;
}

/**
 * Adds one more account on the open options page ("Add account", its fields, Save) and waits
 * until the page says it is saved; the form then stays open on it.
 */
export async function addAccountThroughOptions(
  options: OptionsPage,
  account: NamedConnection,
  remember: TokenMemoryChoice = 'On this device',
): Promise<void> {
  await options.addAccount();
  await options.fill('Account name', account.name);
  await options.fill('API token', account.token);
  await options.rememberToken(remember);
  await options.fill('Customer ID', account.customerId);
  await options.fill('API base URL', account.baseUrl);
  await options.click('Save');
  await options.waitForStatus('Settings saved');
}

/** Runs in an extension page: writes the account's settings and, first, its token. */
async function writeAccount(record: { local: object; session: object }): Promise<void> {
  type Area = { set(items: object): Promise<void> };
  const scope = globalThis as unknown as {
    browser?: { storage: { local: Area; session: Area } };
    chrome?: { storage: { local: Area; session: Area } };
  };
  const { storage } = (scope.browser ?? scope.chrome)!;
  await storage.session.set(record.session);
  await storage.local.set(record.local);
}

/**
 * Connects the extension without the options page: the account as that page saves one kept "Until
 * the browser closes" (scripts/lib/settings-record.ts), written from an extension page, which the
 * background picks up as it does any change of settings. For the cases that test something else:
 * filling in the options page took about 2.5 s of each case's 10 on two busy cores, and the
 * options, accounts, accessibility and security cases still connect through it.
 */
export async function connectDirectly(browser: ExtensionBrowser, connection: Connection): Promise<void> {
  await browser.inExtensionPage(writeAccount, sessionSettingsRecord(connection));
}
