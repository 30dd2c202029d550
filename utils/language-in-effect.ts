/**
 * The card's way to the language: the one the background last loaded, which it keeps in local
 * storage (`languageInEffectItem` in `utils/storage.ts`), followed as it changes. Read here from
 * the storage area itself: the card's script stays small without the storage module and the
 * settings' policy checks. The pages with settings on them follow the settings themselves
 * (`utils/language-setting.ts`).
 */
import { browser } from 'wxt/browser';
import { loadLanguage } from './i18n';

/** The item's key in local storage. */
export const LANGUAGE_IN_EFFECT_KEY = 'languageInEffect';

/** Loads the language in effect, and again (then `onChange`) whenever the background changes it. */
export async function followLanguageInEffect(onChange: () => void): Promise<() => void> {
  // Not the settings, which only utils/settings.ts reads: the one item the background writes for the card.
  // eslint-disable-next-line no-restricted-syntax
  const area = browser.storage.local;
  const saved = (await area.get(LANGUAGE_IN_EFFECT_KEY))[LANGUAGE_IN_EFFECT_KEY];
  await loadLanguage(typeof saved === 'string' ? saved : 'auto');
  const heard = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    const change = changes[LANGUAGE_IN_EFFECT_KEY];
    if (areaName !== 'local' || !change) return;
    // Removed: the background speaks the browser's language again.
    const tag = typeof change.newValue === 'string' ? change.newValue : 'auto';
    void loadLanguage(tag).then(onChange, () => undefined);
  };
  browser.storage.onChanged.addListener(heard);
  return () => browser.storage.onChanged.removeListener(heard);
}
