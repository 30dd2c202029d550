/**
 * The options page's "Accounts" card: the list, "Add account", and the form that adds or edits
 * one account. With no account yet the form is shown at once: connecting is a new user's first
 * step. A deployed account without a deployed token opens the user's own token in its row instead.
 * One status line under the card says what Save, Test connection and Remove did.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { setActiveAccount } from '@/utils/accounts';
import { t } from '@/utils/i18n';
import type { ConnectionDraft, TestConnectionReply } from '@/utils/protocol';
import type { Account } from '@/utils/storage';
import { AccountForm, type AccountsBusy } from './AccountForm';
import { AccountList } from './AccountList';
import { KeepCopy, type DeviceCopyMessages } from './KeepCopy';
import { LockIcon } from './fields';
import { deployedTokenOf, type OptionsState } from './options-store';
import { OwnTokenForm } from './OwnTokenForm';
import type { HostPermissions } from './permissions';
import type { StatusMessage } from './settings-form';

interface AccountsSectionProps {
  state: OptionsState;
  reload: () => Promise<OptionsState | null>;
  locale: string;
  testConnection: (draft: ConnectionDraft) => Promise<TestConnectionReply>;
  permissions: HostPermissions | undefined;
  deviceCopy: DeviceCopyMessages;
}

/** The open form: a new account (`accountId` null) or a saved one. */
interface Editor {
  /** Each opening of the form starts it afresh. */
  opening: number;
  accountId: string | null;
  focusOnOpen: boolean;
  /** Only the user's own token of a deployed account, in its row. */
  ownToken?: boolean;
}

/** Where focus goes when the form closes: the button that opened it, or "Add account". */
type FocusTarget = { kind: 'add' } | { kind: 'edit'; accountId: string };

export function AccountsSection({
  state,
  reload,
  locale,
  testConnection,
  permissions,
  deviceCopy,
}: AccountsSectionProps) {
  const { accounts, activeAccountId, keepCopyFor } = state.effective.settings;
  const locked = state.effective.locked.has('accounts');
  const [editor, setEditor] = useState<Editor | null>(() =>
    accounts.length === 0 && !locked ? { opening: 1, accountId: null, focusOnOpen: false } : null,
  );
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState<AccountsBusy>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  const cardRef = useRef<HTMLElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const editing = editor?.accountId ? (accounts.find((account) => account.id === editor.accountId) ?? null) : null;

  // The account being edited was removed elsewhere, or is now the administrator's, or (its token
  // open) the administrator now deploys a token for it: close the form.
  const deployedToken = editing ? state.effective.tokens[editing.id] !== undefined : false;
  useEffect(() => {
    if (!editor?.accountId || busy !== null) return;
    if (editing && (editor.ownToken ? editing.managed && !deployedToken : !editing.managed)) return;
    setEditor(null);
    const why = !editing ? t('accountGone') : editor.ownToken ? t('tokenDeployedWins') : t('accountManaged');
    setStatus({ tone: 'error', text: why });
    setFocusTarget({ kind: 'add' });
  }, [editor, editing, deployedToken, busy]);

  // The administrator's policy, read after the page opened or changed while it is open, locks the
  // accounts: a form for a new account could save nothing, and an open form hides the buttons of
  // the list (a deployed account's "Enter token"). It closes; whoever opened it is told why.
  useEffect(() => {
    if (!locked || editor === null || editor.accountId !== null || busy !== null) return;
    setEditor(null);
    if (editor.focusOnOpen) {
      setStatus({ tone: 'error', text: t('accountsLocked') });
      setFocusTarget({ kind: 'add' });
    }
  }, [locked, editor, busy]);

  // Once nothing is busy: a disabled button cannot take the focus.
  useEffect(() => {
    if (!focusTarget || busy !== null) return;
    const button =
      focusTarget.kind === 'edit'
        ? [...(cardRef.current?.querySelectorAll<HTMLElement>('[data-edit-account]') ?? [])].find(
            (candidate) => candidate.dataset.editAccount === focusTarget.accountId,
          )
        : addRef.current;
    (button ?? cardRef.current?.querySelector<HTMLElement>('h2'))?.focus();
    setFocusTarget(null);
  }, [focusTarget, busy]);

  const open = (accountId: string | null, ownToken = false) => {
    setStatus(null);
    setEditor({ opening: (editor?.opening ?? 0) + 1, accountId, focusOnOpen: true, ownToken });
  };

  const close = () => {
    const accountId = editor?.accountId ?? null;
    setEditor(null);
    setStatus(null);
    setFocusTarget(accountId ? { kind: 'edit', accountId } : { kind: 'add' });
  };

  const onSaved = async (account: Account) => {
    await reload();
    // The form stays open on the saved account, so Test connection can follow right away.
    setEditor((current) => current && { ...current, accountId: account.id });
  };

  const onRemoved = async (account: Account) => {
    const fresh = await reload();
    setEditor(null);
    const left = fresh?.effective.settings;
    const nextActive =
      left && account.id === activeAccountId
        ? left.accounts.find((candidate) => candidate.id === left.activeAccountId)
        : undefined;
    const notes = [
      t('accountRemoved', account.name),
      left?.accounts.length === 0 ? t('noAccountLeft') : nextActive ? t('accountNowActive', nextActive.name) : '',
    ];
    setStatus({ tone: 'success', text: notes.filter(Boolean).join(' ') });
    setFocusTarget({ kind: 'add' });
  };

  const onMakeActive = async (account: Account) => {
    if (busy) return;
    setBusy('switch');
    try {
      await setActiveAccount(account.id, locale);
      await reload();
      setStatus({ tone: 'success', text: t('accountNowActive', account.name) });
    } catch {
      setStatus({ tone: 'error', text: t('accountNotSwitched') });
    } finally {
      setBusy(null);
      setFocusTarget({ kind: 'edit', accountId: account.id });
    }
  };

  const formOpen = editor !== null;
  /** What both forms are given alike. */
  const formContext = { state, locale, testConnection, permissions, busy, setBusy, setStatus };
  const emptyText = locked ? t('noAccountsLocked') : t('noAccountsYet');

  return (
    <section ref={cardRef} class="card" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading" tabIndex={-1}>
        {t('sectionAccounts')}
      </h2>
      <p class="section-intro">{t('sectionAccountsIntro')}</p>
      {locked ? (
        <p class="policy-note policy-note-locked" id="accounts-policy">
          <LockIcon />
          <span>{t('accountsLocked')}</span>
        </p>
      ) : null}

      {accounts.length > 0 ? (
        <AccountList
          accounts={accounts}
          activeAccountId={activeAccountId}
          tokenHints={state.tokenHints}
          actionsShown={!formOpen}
          onEdit={(account) => open(account.id)}
          deployedTokenOf={(account) => deployedTokenOf(state.effective, account)}
          onEditToken={(account) => open(account.id, true)}
          onMakeActive={(account) => void onMakeActive(account)}
          more={(account, nameId) => (
            <>
              {editor?.ownToken && editor.accountId === account.id ? (
                <OwnTokenForm
                  key={editor.opening}
                  account={account}
                  {...formContext}
                  onChanged={async () => {
                    await reload();
                  }}
                  onClose={close}
                />
              ) : null}
              <KeepCopy
                account={account}
                active={account.id === activeAccountId}
                kept={keepCopyFor.includes(account.id)}
                state={state}
                deviceCopy={deviceCopy}
                nameId={nameId}
                setStatus={setStatus}
              />
            </>
          )}
        />
      ) : !formOpen ? (
        <p class="empty-note">{emptyText}</p>
      ) : null}

      {!formOpen && !locked ? (
        <button
          ref={addRef}
          type="button"
          class="button add-account"
          onClick={() => open(null)}
          disabled={busy !== null}
        >
          <PlusIcon />
          {t('addAccount')}
        </button>
      ) : null}

      {editor && !editor.ownToken ? (
        <AccountForm
          key={editor.opening}
          editing={editing}
          {...formContext}
          focusOnOpen={editor.focusOnOpen}
          canClose={accounts.length > 0}
          onSaved={onSaved}
          onClose={close}
          onRemoved={onRemoved}
        />
      ) : null}

      <p role="status" aria-live="polite" class={`status${status ? ` status-${status.tone}` : ''}`}>
        {status?.text ?? ''}
      </p>
    </section>
  );
}

function PlusIcon() {
  return (
    <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d="M10 4.5v11M4.5 10h11" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
    </svg>
  );
}
