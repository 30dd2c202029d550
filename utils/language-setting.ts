/**
 * The "Language" setting at work: every page and the background load the language in effect
 * before they word anything, and again whenever the user or the administrator changes it.
 */
import { loadLanguage } from './i18n';
import { browserLocale, readEffectiveSettings, watchSettings } from './settings';

/**
 * Loads the language the settings choose, and calls `onChange` once a later change of the setting
 * (or a policy the browser was slow to tell of) is loaded. The first read does not wait for the
 * policy: a new profile's first read of managed storage takes seconds, and the card cannot. A
 * policy that names another language then follows as a change.
 */
export async function followLanguageSetting(onChange: () => void): Promise<() => void> {
  const first = await readEffectiveSettings(browserLocale(), 0);
  let shown = first.settings.language;
  await loadLanguage(shown);
  let queue = Promise.resolve();
  const check = () => {
    queue = queue.then(async () => {
      const { settings } = await readEffectiveSettings();
      if (settings.language === shown) return;
      shown = settings.language;
      await loadLanguage(shown);
      onChange();
    });
    queue = queue.catch(() => undefined);
  };
  if (first.policyPending) check();
  return watchSettings(check);
}
