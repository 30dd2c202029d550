/**
 * The language Lead Lens speaks: the browser's, or one the user picks. It applies as soon as it is
 * picked, in this page and every other open one (they follow the settings), so there is no save
 * button; an administrator may lock it.
 */
import { useState } from 'preact/hooks';
import { browserUiLanguage, t } from '@/utils/i18n';
import { LANGUAGES, PSEUDO_LANGUAGES, languageFor } from '@/utils/languages';
import { describedBy, Field } from './fields';
import { saveLanguage, type OptionsState } from './options-store';

const ID = 'language';

/** The generated test languages are offered in development builds only. */
const OFFERED = import.meta.env.DEV ? [...LANGUAGES, ...PSEUDO_LANGUAGES] : LANGUAGES;

export function LanguageSection({ state, reload }: { state: OptionsState; reload: () => Promise<unknown> }) {
  const { settings, managed, locked } = state.effective;
  const [failed, setFailed] = useState(false);
  const policy = locked.has('language') ? 'locked' : managed.has('language') ? 'managed' : null;
  const onValue = async (language: string) => {
    try {
      await saveLanguage(language, state);
      setFailed(false);
      await reload();
    } catch {
      setFailed(true);
    }
  };
  return (
    <section class="card" aria-labelledby="language-heading">
      <h2 id="language-heading">{t('sectionLanguage')}</h2>
      <Field id={ID} label={t('languageLabel')} hint={t('languageHint')} policy={policy}>
        <select
          id={ID}
          class="text-input select-input"
          value={settings.language}
          disabled={policy === 'locked'}
          onChange={(event) => void onValue(event.currentTarget.value)}
          aria-describedby={describedBy(ID, { hint: true, policy })}
        >
          <option value="auto">{t('languageAutomatic', languageFor(browserUiLanguage()).name)}</option>
          {OFFERED.map((language) => (
            <option key={language.tag} value={language.tag} lang={language.tag}>
              {language.name}
            </option>
          ))}
        </select>
      </Field>
      <p role="status" aria-live="polite" class={failed ? 'status status-error' : 'status'}>
        {failed ? t('settingsNotStored') : ''}
      </p>
    </section>
  );
}
