import { useMemo } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { regionChoices } from './settings-form';
import { describedBy, Field } from './fields';

interface RegionSelectProps {
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
  /** The language the country names are written in. */
  locale: string;
}

const ID = 'default-region';

/** The country whose numbering plan reads phone numbers written without a country code. */
export function RegionSelect({ value, onValue, error, locale }: RegionSelectProps) {
  const choices = useMemo(() => regionChoices(locale), [locale]);
  return (
    <Field
      id={ID}
      label={t('defaultRegion')}
      hint={t('defaultRegionHint')}
      error={error}
    >
      <select
        id={ID}
        class="text-input select-input"
        value={value}
        onChange={(event) => onValue(event.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(ID, { hint: true, error })}
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
