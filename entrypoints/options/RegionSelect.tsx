import { useMemo } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { regionChoices } from './settings-form';
import { describedBy, Field, type PolicyMark } from './fields';

interface RegionSelectProps {
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
  /** The language the country names are written in. */
  locale: string;
  policy?: PolicyMark;
}

const ID = 'default-region';

/** The country whose numbering plan reads phone numbers written without a country code. */
export function RegionSelect({ value, onValue, error, locale, policy }: RegionSelectProps) {
  const choices = useMemo(() => regionChoices(locale), [locale]);
  return (
    <Field id={ID} label={t('defaultRegion')} hint={t('defaultRegionHint')} error={error} policy={policy}>
      <select
        id={ID}
        class="text-input select-input"
        value={value}
        disabled={policy === 'locked'}
        onChange={(event) => onValue(event.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(ID, { hint: true, error, policy })}
      >
        {choices.map((choice) => (
          <option key={choice.code} value={choice.code}>
            {choice.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
