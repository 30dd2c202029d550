import { CARD_KEYS } from '@/components/card-keys';
import { t } from '@/utils/i18n';
import { INTO_CARD_KEY } from '@/utils/into-card-key';

/** The card's keys at its foot: the one that moves into it, then, once in, what each key does. */
export function CardKeys() {
  const keys: Array<[string, string]> = [
    ...CARD_KEYS.map(({ key, label }): [string, string] => [key, t(label)]),
    ['↑ ↓', t('keyMatches')],
    ['Esc', t('keyClose')],
  ];
  return (
    <footer class="card__keys" aria-label={t('cardKeys')}>
      <p class="card__keys-out">{t('cardKeyInto', INTO_CARD_KEY)}</p>
      <p class="card__keys-in">
        {keys.map(([key, label], index) => (
          <span key={key}>
            {index > 0 && ' · '}
            <kbd>{key}</kbd> {label}
          </span>
        ))}
      </p>
    </footer>
  );
}
