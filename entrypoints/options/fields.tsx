/**
 * The form's building blocks. Each control has a visible label that is also its accessible name;
 * hints, errors and the administrator's note are tied to it with aria-describedby, so a screen
 * reader reads them on focus.
 */
import type { ComponentChildren, JSX, Ref } from 'preact';
import { t } from '@/utils/i18n';

/**
 * What the administrator's policy does to a field: `locked` fields are read-only, `managed` ones
 * start from the administrator's value and the user may change them.
 */
export type PolicyMark = 'locked' | 'managed' | null;

/** The ids of the error, the policy note and the hint shown for a control, in reading order. */
export function describedBy(
  id: string,
  parts: { hint?: boolean; error?: string | undefined; policy?: PolicyMark | undefined },
): string | undefined {
  const ids = [
    parts.error ? `${id}-error` : '',
    parts.policy ? `${id}-policy` : '',
    parts.hint ? `${id}-hint` : '',
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} class="field-error">
      <svg class="field-error-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M8 1.5 15 14H1L8 1.5Z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
        <path d="M8 6v3.5M8 11.5v.5" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
      </svg>
      <span>{error}</span>
    </p>
  );
}

/** "Set by your administrator", beside a field the policy sets. */
export function PolicyNote({ id, policy }: { id: string; policy: PolicyMark | undefined }) {
  if (!policy) return null;
  return (
    <p id={`${id}-policy`} class={`policy-note policy-note-${policy}`}>
      <LockIcon />
      <span>{policy === 'locked' ? t('setByAdministrator') : t('setByAdministratorChangeable')}</span>
    </p>
  );
}

export function LockIcon() {
  return (
    <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <rect x="4" y="9" width="12" height="8.5" rx="1.75" fill="none" stroke="currentColor" stroke-width="1.5" />
      <path d="M7 9V6.5a3 3 0 0 1 6 0V9" fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}

interface FieldProps {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  policy?: PolicyMark | undefined;
  children: ComponentChildren;
}

/** Label, policy note, hint, error and control, in the order a reader meets them. */
export function Field({ id, label, hint, error, policy, children }: FieldProps) {
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label class="field-label" for={id}>
        {label}
      </label>
      <PolicyNote id={id} policy={policy} />
      {hint ? (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
      {children}
    </div>
  );
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onInput' | 'label'>;

interface TextFieldProps extends InputAttributes {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: ComponentChildren;
  error?: string | undefined;
  policy?: PolicyMark | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({ id, label, value, onValue, hint, error, policy, inputRef, ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} policy={policy}>
      <input
        {...input}
        ref={inputRef}
        id={id}
        class="text-input"
        value={value}
        disabled={input.disabled || policy === 'locked'}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, { hint: !!hint, error, policy })}
      />
    </Field>
  );
}

interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: ComponentChildren;
  error?: string | undefined;
  policy?: PolicyMark | undefined;
  rows?: number;
  placeholder?: string;
}

export function TextAreaField({
  id,
  label,
  value,
  onValue,
  hint,
  error,
  policy,
  rows = 4,
  placeholder,
}: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} policy={policy}>
      <textarea
        id={id}
        class="text-input text-area"
        rows={rows}
        value={value}
        placeholder={placeholder}
        disabled={policy === 'locked'}
        spellcheck={false}
        autocapitalize="off"
        autocomplete="off"
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, { hint: !!hint, error, policy })}
      />
    </Field>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  /** More words about the choice, read after its name. */
  detail?: string;
}

interface ChoiceGroupProps<T extends string> {
  name: string;
  legend: string;
  hint?: ComponentChildren;
  choices: readonly Choice<T>[];
  value: T;
  onValue: (value: T) => void;
  policy?: PolicyMark | undefined;
  disabled?: boolean;
}

/** A radio group: a fieldset whose legend names the group; arrow keys move between choices. */
export function ChoiceGroup<T extends string>({
  name,
  legend,
  hint,
  choices,
  value,
  onValue,
  policy,
  disabled = false,
}: ChoiceGroupProps<T>) {
  return (
    <fieldset
      class="field choice-group"
      disabled={disabled || policy === 'locked'}
      aria-describedby={describedBy(name, { hint: !!hint, policy })}
    >
      <legend class="field-label">{legend}</legend>
      <PolicyNote id={name} policy={policy} />
      {hint ? (
        <p id={`${name}-hint`} class="field-hint">
          {hint}
        </p>
      ) : null}
      {choices.map((choice) => {
        const id = `${name}-${choice.value}`;
        return (
          <div class="choice" key={choice.value}>
            <input
              type="radio"
              id={id}
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onValue(choice.value)}
              aria-describedby={choice.detail ? `${id}-detail` : undefined}
            />
            <div class="choice-text">
              <label for={id}>{choice.label}</label>
              {choice.detail ? (
                <p id={`${id}-detail`} class="choice-detail">
                  {choice.detail}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  detail?: string;
  checked: boolean;
  onValue: (checked: boolean) => void;
  policy?: PolicyMark | undefined;
}

export function CheckboxField({ id, label, detail, checked, onValue, policy }: CheckboxFieldProps) {
  const described = [policy ? `${id}-policy` : '', detail ? `${id}-detail` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <div class="choice">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          disabled={policy === 'locked'}
          onChange={(event) => onValue(event.currentTarget.checked)}
          aria-describedby={described || undefined}
        />
        <div class="choice-text">
          <label for={id}>{label}</label>
          {detail ? (
            <p id={`${id}-detail`} class="choice-detail">
              {detail}
            </p>
          ) : null}
        </div>
      </div>
      <PolicyNote id={id} policy={policy} />
    </div>
  );
}
