/**
 * The card's way to the language: the one the background last loaded, which it keeps in session
 * storage (`languageInEffectItem` in `utils/storage.ts`), followed as it changes. Read here from
 * the storage area itself: the card's script stays small without the storage module and the
 * settings' policy checks. The pages with settings on them follow the settings themselves
 * (`utils/language-setting.ts`).
 */
import { browser } from 'wxt/browser';
import { loadLanguage } from './i18n';

/** The item's key in session storage. */
export const LANGUAGE_IN_EFFECT_KEY = 'languageInEffect';

/** Loads the language in effect, and again (then `onChange`) whenever the background changes it. */
export async function followLanguageInEffect(onChange: () => void): Promise<() => void> {
  const area = browser.storage.session;
  const saved = (await area.get(LANGUAGE_IN_EFFECT_KEY))[LANGUAGE_IN_EFFECT_KEY];
  await loadLanguage(typeof saved === 'string' ? saved : 'auto');
  const heard = (changes: Record<string, { newValue?: unknown }>) => {
    const change = changes[LANGUAGE_IN_EFFECT_KEY];
    if (!change) return;
    // Removed: the background speaks the browser's language again.
    const tag = typeof change.newValue === 'string' ? change.newValue : 'auto';
    void loadLanguage(tag).then(onChange, () => undefined);
  };
  area.onChanged.addListener(heard);
  return () => area.onChanged.removeListener(heard);
}
