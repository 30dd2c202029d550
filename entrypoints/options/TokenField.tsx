/**
 * The API token: masked unless the user asks to see what they typed. A saved token is never put
 * back in the field; only its last four characters are shown, and an empty field keeps it.
 */
import type { Ref } from 'preact';
import { t } from '@/utils/i18n';
import { describedBy, FieldError, LockIcon } from './fields';

interface TokenFieldProps {
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
  /** "Saved token ending in •••• abcd", or null when none is saved. */
  savedHint: string | null;
  shown: boolean;
  onToggleShown: () => void;
  inputRef?: Ref<HTMLInputElement>;
}

const ID = 'api-token';
const TOKEN_PREFIX = 'mega_';
/** Stands in for the prefix while the hint is split around it, so the prefix can be shown as code. */
const MARK = '\uE000';

export function TokenField({ value, onValue, error, savedHint, shown, onToggleShown, inputRef }: TokenFieldProps) {
  const [hintBefore, ...hintAfter] = t('apiTokenHint', MARK).split(MARK);
  const described = [describedBy(ID, { hint: true, error }), savedHint ? `${ID}-saved` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label class="field-label" for={ID}>
        {t('apiToken')}
      </label>
      <p id={`${ID}-hint`} class="field-hint">
        {hintBefore}
        {hintAfter.length > 0 && <code>{TOKEN_PREFIX}</code>}
        {hintAfter.join(TOKEN_PREFIX)}
      </p>
      <FieldError id={ID} error={error} />
      <div class="token-row">
        <input
          ref={inputRef}
          id={ID}
          class="text-input token-input"
          type={shown ? 'text' : 'password'}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
          placeholder={savedHint ? t('tokenKeepPlaceholder') : undefined}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
        />
        <button
          type="button"
          class="button button-quiet reveal-button"
          aria-pressed={shown}
          aria-controls={ID}
          aria-label={shown ? t('hideToken') : t('showToken')}
          onClick={onToggleShown}
        >
          <EyeIcon crossed={shown} />
          <span>{shown ? t('hide') : t('show')}</span>
        </button>
      </div>
      {savedHint ? (
        <div class="saved-token">
          <LockIcon />
          <p id={`${ID}-saved`} class="saved-token-text">
            <strong>{savedHint}</strong> <span class="saved-token-note">{t('tokenKeepNote')}</span>
          </p>
        </div>
      ) : null}
    </div>
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path
        d="M1.5 10S4.5 4 10 4s8.5 6 8.5 6-3 6-8.5 6-8.5-6-8.5-6Z"
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
      />
      <circle cx="10" cy="10" r="2.75" fill="none" stroke="currentColor" stroke-width="1.5" />
      {crossed ? <path d="M3 17 17 3" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" /> : null}
    </svg>
  );
}
