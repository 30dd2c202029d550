// Test set-up for the card's display settings (the lead link template, custom field labels, who
// the user is in MEGA), for the cases that check what the card shows with them. Written into the
// extension's settings from an extension page, as the options page's "Lead card" section saves
// them, so those cases do not depend on that form (its own tests cover it). Also a pseudo-locale
// as the language, which a release build does not offer on the options page.
import { SETTINGS_KEY } from '../../scripts/lib/settings-record.ts';
import type { Settings } from '../../utils/storage.ts';
import type { ExtensionBrowser } from '../pages/extension-browser.ts';

export type CardSettings = Partial<Pick<Settings, 'leadUrlTemplate' | 'customFieldLabels' | 'me'>>;

/** Runs in the extension page: merges `change.patch` into the saved settings. */
async function mergeIntoSettings(change: { key: string; patch: Partial<Settings> }): Promise<string | null> {
  type Area = {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  const scope = globalThis as unknown as {
    browser?: { storage: { local: Area } };
    chrome?: { storage: { local: Area } };
  };
  const local = (scope.browser ?? scope.chrome)?.storage.local;
  if (!local) return 'no extension storage in this page';
  const saved = (await local.get(change.key))[change.key];
  if (!saved || typeof saved !== 'object') return 'no saved settings: connect the extension first';
  await local.set({ [change.key]: { ...saved, ...change.patch } });
  return null;
}

/**
 * Sets the card's display settings on top of the saved ones (connect first, e.g. with
 * `configure`); the background picks them up as it does any change of settings.
 */
export async function setCardSettings(browser: ExtensionBrowser, patch: CardSettings): Promise<void> {
  const problem = await browser.inExtensionPage(mergeIntoSettings, { key: SETTINGS_KEY, patch });
  if (problem) throw new Error(`Could not set the card settings: ${problem}.`);
}

/**
 * Chooses a language the options page offers only in development builds (a pseudo-locale), as its
 * Language list would: every open page follows the settings.
 */
export async function setLanguageSetting(browser: ExtensionBrowser, language: string): Promise<void> {
  const problem = await browser.inExtensionPage(mergeIntoSettings, { key: SETTINGS_KEY, patch: { language } });
  if (problem) throw new Error(`Could not set the language: ${problem}.`);
}
