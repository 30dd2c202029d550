// Connecting the extension to a MEGA account the way a user does: through the options page.
// Shared by the cases and the Firefox demo (no test runner needed).
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
