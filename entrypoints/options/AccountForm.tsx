/**
 * Adding or editing one MEGA account: its name, token, customer id and base URL, with Save, Test
 * connection and, for a saved account, Remove account (after a confirm step).
 *
 * Nothing is stored until every field is valid. Save and Test connection ask the browser for host
 * access first, synchronously in the click or submit handler, since Firefox only shows its prompt
 * while it is handling the user's input. One file over 300 lines: the fields, their checks and
 * the three buttons share one draft and one status line.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { plural, t, type MessageKey } from '@/utils/i18n';
import { DEFAULT_BASE_URL, type Account, type TokenMemory } from '@/utils/storage';
import {
  ACCOUNT_FIELDS,
  blankAccountForm,
  checkAccountConnection,
  checkAccountForm,
  formFromAccount,
  sameForm,
  suggestedName,
  type AccountErrors,
  type AccountField,
  type AccountFormContext,
  type AccountFormValues,
} from './account-form';
import { ChoiceGroup, TextField, type Choice } from './fields';
import { AccountRefused, removeAccountFromPage, saveAccountFromPage } from './options-store';
import { requestHostAccess } from './permissions';
import { describeRefusedAccess } from './settings-form';
import { BusyButton, SaveAndTest, testFromForm, type FormContext } from './form-actions';
import { TokenField } from './TokenField';

export type AccountsBusy = 'save' | 'test' | 'remove' | 'switch' | null;

export interface AccountFormProps extends FormContext {
  /** The saved account being edited; null while adding one. */
  editing: Account | null;
  /** Moves focus into the form when it opens (the user asked for it, rather than the page load). */
  focusOnOpen: boolean;
  /** False while there is nothing to go back to: a first account is the page's first step. */
  canClose: boolean;
  /** The account was stored; resolves once the page shows it. */
  onSaved: (account: Account) => Promise<void>;
  onClose: () => void;
  /** The account and its token were removed; resolves once the page shows it. */
  onRemoved: (account: Account) => Promise<void>;
}

const TOKEN_MEMORY: readonly { value: TokenMemory; label: MessageKey }[] = [
  { value: 'local', label: 'tokenMemoryLocal' },
  { value: 'session', label: 'tokenMemorySession' },
];

export function memoryChoices(): Choice<TokenMemory>[] {
  return TOKEN_MEMORY.map(({ value, label }) => ({ value, label: t(label) }));
}

/** "Not saved. 2 fields need fixing.", or the same for Test connection. */
function fieldsToFix(errors: AccountErrors, action: 'save' | 'test'): string {
  const count = ACCOUNT_FIELDS.filter((field) => errors[field]).length;
  return action === 'save'
    ? plural(count, 'notSavedFieldsOne', 'notSavedFieldsOther', String(count))
    : plural(count, 'notTestedFieldsOne', 'notTestedFieldsOther', String(count));
}

function hostOf(url: string): string {
  return new URL(url).host;
}

function startingValues(editing: Account | null): AccountFormValues {
  return editing ? formFromAccount(editing) : blankAccountForm();
}

/** After a disabled button is enabled again, gives keyboard users their place back. */
export function refocus(button: HTMLElement | null): void {
  requestAnimationFrame(() => {
    if (document.activeElement === null || document.activeElement === document.body) button?.focus();
  });
}

export function AccountForm({
  editing,
  state,
  locale,
  testConnection,
  permissions,
  busy,
  setBusy,
  setStatus,
  focusOnOpen,
  canClose,
  onSaved,
  onClose,
  onRemoved,
}: AccountFormProps) {
  const [values, setValues] = useState<AccountFormValues>(() => startingValues(editing));
  const [errors, setErrors] = useState<AccountErrors>({});
  const [tokenShown, setTokenShown] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  /** The form as it was for the saved account: edits are whatever differs from it. */
  const baseline = useRef<AccountFormValues>(values);
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const testRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);

  const savedHint = editing ? (state.tokenHints[editing.id] ?? null) : null;
  const dirty = !sameForm(values, baseline.current);
  const context: AccountFormContext = {
    accounts: state.effective.settings.accounts,
    editing,
    hasSavedToken: savedHint !== null,
  };

  useEffect(() => {
    if (focusOnOpen) nameRef.current?.focus();
  }, []);

  // The account changed elsewhere (another tab): show its new details unless the user is editing.
  const editingKey = editing ? JSON.stringify(formFromAccount(editing)) : null;
  useEffect(() => {
    if (!editing || busy !== null) return;
    const fresh = formFromAccount(editing);
    if (sameForm(fresh, baseline.current)) return;
    if (!dirty) setValues(fresh);
    baseline.current = fresh;
  }, [editingKey]);

  // After a failed Save or Test connection, take the user to the first field that needs fixing.
  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (confirmingRemove) keepRef.current?.focus();
  }, [confirmingRemove]);

  const update = <K extends keyof AccountFormValues>(key: K, value: AccountFormValues[K]) => {
    setValues({ ...values, [key]: value });
    if (key in errors) {
      const rest = { ...errors };
      delete rest[key as AccountField];
      setErrors(rest);
    }
  };

  const showErrors = (found: AccountErrors, action: 'save' | 'test') => {
    setErrors(found);
    setStatus({ tone: 'error', text: fieldsToFix(found, action) });
    setFocusRequest((count) => count + 1);
  };

  const onSave = async (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkAccountForm(values, context);
    if (!checked.ok) {
      showErrors(checked.errors, 'save');
      return;
    }
    setErrors({});
    setConfirmingRemove(false);
    // Before any await: the browser only prompts while it still sees the user's gesture.
    const asked = requestHostAccess(checked.draft.baseUrl, permissions);
    setBusy('save');
    setStatus({ tone: 'progress', text: t('saving') });
    try {
      const access = await asked;
      const refused = describeRefusedAccess(access, 'save');
      if (refused) {
        setErrors({ baseUrl: t('baseUrlNotAllowed') });
        setStatus({ tone: 'error', text: refused });
        setFocusRequest((count) => count + 1);
        return;
      }
      const saved = await saveAccountFromPage(checked.draft, state, permissions);
      const fresh = formFromAccount(saved);
      baseline.current = fresh;
      setValues(fresh);
      setTokenShown(false);
      await onSaved(saved);
      const activeId = state.effective.settings.activeAccountId ?? saved.id;
      const active = state.effective.settings.accounts.find((account) => account.id === activeId);
      const notes = [
        access.state === 'granted' ? t('nowMayConnect', hostOf(saved.baseUrl)) : '',
        checked.draft.token !== null && saved.tokenMemory === 'session' ? t('tokenKeptForSession') : '',
        active && active.id !== saved.id ? t('otherAccountActive', active.name) : '',
      ];
      setStatus({ tone: 'success', text: [t('settingsSaved'), ...notes].filter(Boolean).join(' ') });
    } catch (error) {
      if (error instanceof AccountRefused) {
        if (error.field) {
          setErrors({ [error.field]: error.message });
          setFocusRequest((count) => count + 1);
        }
        setStatus({
          tone: 'error',
          text: error.field ? fieldsToFix({ [error.field]: error.message }, 'save') : error.message,
        });
      } else {
        setStatus({ tone: 'error', text: t('settingsNotStored') });
      }
    } finally {
      setBusy(null);
      refocus(saveRef.current);
    }
  };

  const onTest = async () => {
    if (busy) return;
    const checked = checkAccountConnection(values, context);
    if (!checked.ok) {
      showErrors({ ...errors, ...checked.errors }, 'test');
      return;
    }
    await testFromForm(checked.connection, { permissions, testConnection, locale, setBusy, setStatus });
    refocus(testRef.current);
  };

  const cancelRemove = () => {
    setConfirmingRemove(false);
    requestAnimationFrame(() => removeRef.current?.focus());
  };

  const onRemove = async () => {
    if (busy || !editing) return;
    setBusy('remove');
    setStatus({ tone: 'progress', text: t('removingAccount') });
    try {
      await removeAccountFromPage(editing, state, permissions);
      await onRemoved(editing);
    } catch (error) {
      setStatus({ tone: 'error', text: error instanceof AccountRefused ? error.message : t('accountNotRemoved') });
      setConfirmingRemove(false);
      refocus(removeRef.current);
    } finally {
      setBusy(null);
    }
  };

  const suggestion = suggestedName(values);
  const title = editing ? t('editAccountTitle', editing.name) : t('addAccount');

  return (
    <form ref={formRef} class="account-form" noValidate onSubmit={onSave} aria-labelledby="account-form-heading">
      <h3 id="account-form-heading" class="account-form-title">
        {title}
      </h3>
      <TextField
        id="account-name"
        label={t('accountName')}
        hint={t('accountNameHint')}
        placeholder={suggestion ?? t('accountNamePlaceholder')}
        value={values.name}
        onValue={(value) => update('name', value)}
        error={errors.name}
        autocomplete="off"
        maxLength={120}
        inputRef={nameRef}
      />
      <TokenField
        value={values.token}
        onValue={(value) => update('token', value)}
        error={errors.token}
        savedHint={savedHint}
        shown={tokenShown}
        onToggleShown={() => setTokenShown(!tokenShown)}
      />
      <ChoiceGroup
        name="token-memory"
        legend={t('rememberToken')}
        hint={t('rememberTokenHint')}
        choices={memoryChoices()}
        value={values.tokenMemory}
        onValue={(value) => update('tokenMemory', value)}
      />
      <TextField
        id="customer-id"
        label={t('customerId')}
        hint={t('customerIdHint')}
        value={values.customerId}
        onValue={(value) => update('customerId', value)}
        error={errors.customerId}
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
      />
      <TextField
        id="api-base-url"
        label={t('apiBaseUrl')}
        hint={t('apiBaseUrlHint', DEFAULT_BASE_URL)}
        type="url"
        inputMode="url"
        value={values.baseUrl}
        onValue={(value) => update('baseUrl', value)}
        error={errors.baseUrl}
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
      />

      <div class="form-actions">
        <SaveAndTest busy={busy} onTest={onTest} saveRef={saveRef} testRef={testRef} />
        {canClose ? (
          <button type="button" class="button button-quiet" onClick={onClose} disabled={busy !== null}>
            {editing ? t('close') : t('cancel')}
          </button>
        ) : null}
        {dirty && busy === null ? <span class="unsaved">{t('unsavedChanges')}</span> : null}
        {editing && !confirmingRemove ? (
          <button
            ref={removeRef}
            type="button"
            class="button button-quiet button-danger remove-account"
            onClick={() => setConfirmingRemove(true)}
            disabled={busy !== null}
          >
            {t('removeAccount')}
          </button>
        ) : null}
      </div>
      {editing && confirmingRemove ? (
        <div
          class="confirm-remove"
          role="group"
          aria-labelledby="remove-confirm-text"
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancelRemove();
          }}
        >
          <p id="remove-confirm-text" class="confirm-text">
            {t('removeAccountConfirm', editing.name)}
          </p>
          <div class="confirm-buttons">
            <BusyButton action="remove" busy={busy} class="button button-danger-solid" onClick={() => void onRemove()}>
              {t('removeAccountYes')}
            </BusyButton>
            <button ref={keepRef} type="button" class="button" onClick={cancelRemove} disabled={busy !== null}>
              {t('keepAccount')}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
