/**
 * The user's own token for an account the administrator deployed without one, in that account's
 * row: the name, customer id and base URL are shown read-only (they are the administrator's), the
 * token and where it is kept are the user's. Save, Test connection and, once a token of the user's
 * is saved, Remove token. Save and Test connection ask for host access first, in the handler
 * itself, as the account form does (Firefox prompts only while it handles the user's input).
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { ConnectionDraft } from '@/utils/protocol';
import type { Account, TokenMemory } from '@/utils/storage';
import { memoryChoices, refocus } from './AccountForm';
import { checkOwnToken } from './account-form';
import { ChoiceGroup, TextField } from './fields';
import { AccountRefused, removeOwnTokenFromPage, saveOwnTokenFromPage } from './options-store';
import { requestHostAccess } from './permissions';
import { describeRefusedAccess } from './settings-form';
import { BusyButton, SaveAndTest, testFromForm, type FormContext } from './form-actions';
import { TokenField } from './TokenField';

export interface OwnTokenFormProps extends FormContext {
  /** The deployed account. */
  account: Account;
  /** The token was stored or removed; resolves once the page shows it. */
  onChanged: () => Promise<void>;
  onClose: () => void;
}

export function OwnTokenForm({
  account,
  state,
  locale,
  testConnection,
  permissions,
  busy,
  setBusy,
  setStatus,
  onChanged,
  onClose,
}: OwnTokenFormProps) {
  const [token, setToken] = useState('');
  const [tokenMemory, setTokenMemory] = useState<TokenMemory>(account.tokenMemory);
  const [error, setError] = useState<string | undefined>();
  const [tokenShown, setTokenShown] = useState(false);
  const tokenRef = useRef<HTMLInputElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const testRef = useRef<HTMLButtonElement>(null);

  // Only the user's own token is kept here: one the administrator deploys closes the form.
  const savedHint = state.effective.ownTokenIds.has(account.id) ? (state.tokenHints[account.id] ?? null) : null;
  const entered = account.id in state.effective.settings.ownTokens;

  useEffect(() => tokenRef.current?.focus(), []);

  /** The token to save or test (null: the saved one), or undefined when the field needs fixing. */
  const checked = (action: 'save' | 'test'): string | null | undefined => {
    const result = checkOwnToken(token, savedHint !== null);
    if (result.ok) return result.value;
    setError(result.error);
    setStatus({ tone: 'error', text: action === 'save' ? t('notSavedFieldsOne') : t('notTestedFieldsOne') });
    tokenRef.current?.focus();
    return undefined;
  };

  const onSave = async (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const typed = checked('save');
    if (typed === undefined) return;
    setError(undefined);
    // Before any await: the browser only prompts while it still sees the user's gesture.
    const asked = requestHostAccess(account.baseUrl, permissions);
    setBusy('save');
    setStatus({ tone: 'progress', text: t('saving') });
    try {
      const refused = describeRefusedAccess(await asked, 'save');
      if (refused) {
        setStatus({ tone: 'error', text: refused });
        return;
      }
      await saveOwnTokenFromPage({ accountId: account.id, token: typed, tokenMemory }, state);
      setToken('');
      setTokenShown(false);
      await onChanged();
      const kept = typed !== null && tokenMemory === 'session' ? t('tokenKeptForSession') : '';
      setStatus({ tone: 'success', text: [t('settingsSaved'), kept].filter(Boolean).join(' ') });
    } catch (failure) {
      setStatus({ tone: 'error', text: failure instanceof AccountRefused ? failure.message : t('settingsNotStored') });
    } finally {
      setBusy(null);
      refocus(saveRef.current);
    }
  };

  const onTest = async () => {
    if (busy) return;
    const typed = checked('test');
    if (typed === undefined) return;
    const connection: ConnectionDraft = { baseUrl: account.baseUrl, customerId: account.customerId };
    if (typed === null) connection.accountId = account.id;
    else connection.token = typed;
    await testFromForm(connection, { permissions, testConnection, locale, setBusy, setStatus });
    refocus(testRef.current);
  };

  const onRemove = async () => {
    if (busy) return;
    setBusy('remove');
    setStatus({ tone: 'progress', text: t('removingAccount') });
    try {
      await removeOwnTokenFromPage(account, state);
      await onChanged();
      setStatus({ tone: 'success', text: t('ownTokenRemoved', account.name) });
    } catch {
      setStatus({ tone: 'error', text: t('ownTokenNotRemoved') });
    } finally {
      setBusy(null);
      refocus(tokenRef.current);
    }
  };

  const ignore = () => undefined;
  return (
    <form class="account-form own-token-form" noValidate onSubmit={onSave} aria-labelledby="own-token-heading">
      <h4 id="own-token-heading" class="account-form-title">
        {t('ownTokenTitle', account.name)}
      </h4>
      <p class="section-intro">{t('ownTokenIntro')}</p>
      <TextField id="account-name" label={t('accountName')} value={account.name} onValue={ignore} policy="locked" />
      <TextField id="customer-id" label={t('customerId')} value={account.customerId} onValue={ignore} policy="locked" />
      <TextField id="api-base-url" label={t('apiBaseUrl')} value={account.baseUrl} onValue={ignore} policy="locked" />
      <TokenField
        value={token}
        onValue={(value) => {
          setToken(value);
          setError(undefined);
        }}
        error={error}
        savedHint={savedHint}
        shown={tokenShown}
        onToggleShown={() => setTokenShown(!tokenShown)}
        inputRef={tokenRef}
      />
      <ChoiceGroup
        name="token-memory"
        legend={t('rememberToken')}
        hint={t('rememberTokenHint')}
        choices={memoryChoices()}
        value={tokenMemory}
        onValue={setTokenMemory}
      />
      <div class="form-actions">
        <SaveAndTest busy={busy} onTest={onTest} saveRef={saveRef} testRef={testRef} />
        <button type="button" class="button button-quiet" onClick={onClose} disabled={busy !== null}>
          {t('close')}
        </button>
        {entered ? (
          <BusyButton
            action="remove"
            busy={busy}
            class="button button-quiet button-danger remove-account"
            onClick={() => void onRemove()}
          >
            {t('removeToken')}
          </BusyButton>
        ) : null}
      </div>
    </form>
  );
}
