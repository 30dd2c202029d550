/**
 * The form's building blocks. Each control has a visible label that is also its accessible name;
 * hints and errors are tied to it with aria-describedby, so a screen reader reads them on focus.
 */
import type { ComponentChildren, JSX } from 'preact';

/** The ids of the hint and the error shown for a control, in reading order (error first). */
export function describedBy(id: string, parts: { hint?: boolean; error?: string | undefined }): string | undefined {
  const ids = [parts.error ? `${id}-error` : '', parts.hint ? `${id}-hint` : ''].filter(Boolean);
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

interface FieldProps {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  children: ComponentChildren;
}

/** Label, hint, error and control, in the order a reader meets them. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label class="field-label" for={id}>
        {label}
      </label>
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
}

export function TextField({ id, label, value, onValue, hint, error, ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        {...input}
        id={id}
        class="text-input"
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, { hint: !!hint, error })}
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
  rows?: number;
  placeholder?: string;
}

export function TextAreaField({ id, label, value, onValue, hint, error, rows = 4, placeholder }: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        class="text-input text-area"
        rows={rows}
        value={value}
        placeholder={placeholder}
        spellcheck={false}
        autocapitalize="off"
        autocomplete="off"
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, { hint: !!hint, error })}
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
}

/** A radio group: a fieldset whose legend names the group; arrow keys move between choices. */
export function ChoiceGroup<T extends string>({ name, legend, hint, choices, value, onValue }: ChoiceGroupProps<T>) {
  const hintId = `${name}-hint`;
  return (
    <fieldset class="field choice-group" aria-describedby={hint ? hintId : undefined}>
      <legend class="field-label">{legend}</legend>
      {hint ? (
        <p id={hintId} class="field-hint">
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
}

export function CheckboxField({ id, label, detail, checked, onValue }: CheckboxFieldProps) {
  return (
    <div class="field choice">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(event) => onValue(event.currentTarget.checked)}
        aria-describedby={detail ? `${id}-detail` : undefined}
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
  );
}
