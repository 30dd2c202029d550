/**
 * "Custom field names": one row per field, its slug (as MEGA sends it), the name the card shows,
 * how its value is shown and, for money, the currency. Rows are added and removed here; nothing
 * is stored until the card's Save. Focus follows the user: into a new row, to the next row (or
 * "Add a field") after a removal.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CustomFieldType } from '@/utils/custom-fields';
import { t } from '@/utils/i18n';
import { blankRow, FIELD_TYPE_LABELS, FIELD_TYPES, type FieldRow, type RowErrors } from './card-form';
import { FieldError, PolicyNote, type PolicyMark } from './fields';

interface CustomFieldTableProps {
  rows: readonly FieldRow[];
  onRows: (rows: FieldRow[]) => void;
  errors: Readonly<Record<string, RowErrors>>;
  policy: PolicyMark;
}

const ID = 'custom-fields';

export function CustomFieldTable({ rows, onRows, errors, policy }: CustomFieldTableProps) {
  const locked = policy === 'locked';
  const tableRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  /** The row whose slug takes the focus after the next render, or 'add' for the button. */
  const [focusNext, setFocusNext] = useState<string | null>(null);

  useEffect(() => {
    if (focusNext === null) return;
    setFocusNext(null);
    if (focusNext === 'add') addRef.current?.focus();
    else tableRef.current?.querySelector<HTMLInputElement>(`[data-row="${focusNext}"] input`)?.focus();
  }, [focusNext]);

  const change = (key: string, patch: Partial<FieldRow>) =>
    onRows(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  const add = () => {
    const row = blankRow();
    onRows([...rows, row]);
    setFocusNext(row.key);
  };

  const remove = (index: number) => {
    const next = rows.filter((_, at) => at !== index);
    onRows(next);
    setFocusNext(next[index]?.key ?? next[index - 1]?.key ?? 'add');
  };

  const describe = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

  return (
    <fieldset class="field custom-fields" aria-describedby={describe(policy && `${ID}-policy`, `${ID}-hint`)}>
      <legend class="field-label">{t('customFieldNames')}</legend>
      <PolicyNote id={ID} policy={policy} />
      <p id={`${ID}-hint`} class="field-hint">
        {t('customFieldNamesHint')}
      </p>
      {rows.length === 0 ? (
        <p class="empty-note custom-fields-empty">{t('customFieldNamesEmpty')}</p>
      ) : (
        <div ref={tableRef} class="custom-fields-scroll">
          <table class="custom-fields-table">
            <thead>
              <tr>
                <th scope="col">{t('fieldSlug')}</th>
                <th scope="col">{t('fieldLabel')}</th>
                <th scope="col">{t('fieldType')}</th>
                <th scope="col">{t('fieldCurrency')}</th>
                {!locked ? <td /> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const number = String(index + 1);
                const rowErrors = errors[row.key] ?? {};
                const cell = (name: keyof RowErrors) => `${ID}-${row.key}-${name}`;
                return (
                  <tr
                    key={row.key}
                    data-row={row.key}
                    class={Object.keys(rowErrors).length > 0 ? 'row-invalid' : undefined}
                  >
                    <td>
                      <input
                        class="text-input cell-input cell-mono"
                        value={row.slug}
                        disabled={locked}
                        aria-label={t('fieldSlugOf', number)}
                        aria-invalid={rowErrors.slug ? 'true' : undefined}
                        aria-describedby={rowErrors.slug ? `${cell('slug')}-error` : undefined}
                        autocomplete="off"
                        autocapitalize="off"
                        spellcheck={false}
                        onInput={(event) => change(row.key, { slug: event.currentTarget.value })}
                      />
                      <FieldError id={cell('slug')} error={rowErrors.slug} />
                    </td>
                    <td>
                      <input
                        class="text-input cell-input"
                        value={row.label}
                        disabled={locked}
                        aria-label={t('fieldLabelOf', number)}
                        aria-invalid={rowErrors.label ? 'true' : undefined}
                        aria-describedby={rowErrors.label ? `${cell('label')}-error` : undefined}
                        autocomplete="off"
                        onInput={(event) => change(row.key, { label: event.currentTarget.value })}
                      />
                      <FieldError id={cell('label')} error={rowErrors.label} />
                    </td>
                    <td>
                      <select
                        class="text-input select-input cell-input"
                        value={row.type}
                        disabled={locked}
                        aria-label={t('fieldTypeOf', number)}
                        onChange={(event) => change(row.key, { type: event.currentTarget.value as CustomFieldType })}
                      >
                        {FIELD_TYPES.map((type) => (
                          <option key={type} value={type}>
                            {t(FIELD_TYPE_LABELS[type])}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {row.type === 'currency' ? (
                        <>
                          <input
                            class="text-input cell-input cell-mono cell-currency"
                            value={row.currency}
                            disabled={locked}
                            maxLength={3}
                            placeholder={t('fieldCurrencyPlaceholder')}
                            aria-label={t('fieldCurrencyOf', number)}
                            aria-invalid={rowErrors.currency ? 'true' : undefined}
                            aria-describedby={rowErrors.currency ? `${cell('currency')}-error` : undefined}
                            autocomplete="off"
                            autocapitalize="characters"
                            spellcheck={false}
                            onInput={(event) => change(row.key, { currency: event.currentTarget.value })}
                          />
                          <FieldError id={cell('currency')} error={rowErrors.currency} />
                        </>
                      ) : null}
                    </td>
                    {!locked ? (
                      <td class="cell-remove">
                        <button
                          type="button"
                          class="button button-quiet button-danger"
                          aria-label={t('removeFieldOf', number)}
                          title={t('removeFieldOf', number)}
                          onClick={() => remove(index)}
                        >
                          {t('removeField')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!locked ? (
        <button ref={addRef} type="button" class="button button-quiet add-field" onClick={add}>
          <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M10 4.5v11M4.5 10h11" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
          </svg>
          {t('addField')}
        </button>
      ) : null}
    </fieldset>
  );
}
