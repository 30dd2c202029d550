// Connecting the extension to a MEGA account the way a user does: through the options page.
// Shared by the cases and the Firefox demo (no test runner needed).
import type { Connection } from './fixtures.ts';
import type { ExtensionBrowser, OptionsPage } from './types.ts';

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
