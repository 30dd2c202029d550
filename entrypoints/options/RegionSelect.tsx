import { useEffect, useMemo, useState } from 'preact/hooks';
import { messagesLocale, t } from '@/utils/i18n';
import { describedBy, Field, type PolicyMark } from './fields';
import { loadRegions, type Regions } from './load-regions';
import type { RegionChoice } from './regions';

interface RegionSelectProps {
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
  policy?: PolicyMark;
}

const ID = 'default-region';

/**
 * The country whose numbering plan reads phone numbers written without a country code. Until the
 * list of regions has loaded (see regions.ts), it shows the saved region alone.
 */
export function RegionSelect({ value, onValue, error, policy }: RegionSelectProps) {
  const [regions, setRegions] = useState<Regions | null>(null);
  useEffect(() => {
    let alive = true;
    void loadRegions().then(
      (loaded) => alive && setRegions(loaded),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  const choices = useMemo<RegionChoice[] | null>(
    () => regions?.regionChoices(messagesLocale()) ?? null,
    [regions, messagesLocale()],
  );
  // Until the list is there, the saved region by its code: naming it takes the browser's region
  // names, whose first load would cost the page's first screen tens of milliseconds.
  const options = choices ?? [{ code: value, label: value }];
  return (
    <Field id={ID} label={t('defaultRegion')} hint={t('defaultRegionHint')} error={error} policy={policy}>
      <select
        id={ID}
        class="text-input select-input"
        value={value}
        disabled={policy === 'locked'}
        aria-busy={choices ? undefined : 'true'}
        onChange={(event) => onValue(event.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(ID, { hint: true, error, policy })}
      >
        {options.map((choice) => (
          <option key={choice.code} value={choice.code}>
            {choice.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
