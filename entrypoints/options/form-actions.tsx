/**
 * What both account forms (an account of the user's own, and the user's own token of a deployed
 * one) do alike: their Save and Test connection buttons, and Test connection itself, which asks the
 * browser for host access first, synchronously in the click (Firefox only prompts while it is
 * handling the user's input), then sends one request.
 */
import type { ComponentChildren, Ref } from 'preact';
import { t } from '@/utils/i18n';
import type { ConnectionDraft, TestConnectionReply } from '@/utils/protocol';
import type { AccountsBusy } from './AccountForm';
import type { OptionsState } from './options-store';
import { requestHostAccess, type HostPermissions } from './permissions';
import { describeConnectionResult, describeRefusedAccess, type StatusMessage } from './settings-form';
import { Spinner } from './Spinner';

export interface ConnectionTestDeps {
  permissions: HostPermissions | undefined;
  testConnection: (draft: ConnectionDraft) => Promise<TestConnectionReply>;
  locale: string;
  setBusy: (busy: AccountsBusy) => void;
  setStatus: (status: StatusMessage) => void;
}

/** What the accounts card gives both forms alike. */
export interface FormContext extends ConnectionTestDeps {
  state: OptionsState;
  busy: AccountsBusy;
}

/** Runs Test connection and says how it went; call it in the click handler, before any await. */
export async function testFromForm(connection: ConnectionDraft, deps: ConnectionTestDeps): Promise<void> {
  const asked = requestHostAccess(connection.baseUrl, deps.permissions);
  deps.setBusy('test');
  deps.setStatus({ tone: 'progress', text: t('testingConnection') });
  try {
    const refused = describeRefusedAccess(await asked, 'test');
    if (refused) {
      deps.setStatus({ tone: 'error', text: refused });
      return;
    }
    const reply = await deps.testConnection(connection).catch((): TestConnectionReply => ({
      ok: false,
      failure: { kind: 'unknown' },
    }));
    deps.setStatus(describeConnectionResult(reply));
  } finally {
    deps.setBusy(null);
  }
}

interface BusyButtonProps {
  /** The action this button starts: it shows a spinner while that one runs. */
  action: Exclude<AccountsBusy, null>;
  busy: AccountsBusy;
  class: string;
  onClick?: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
  submit?: boolean;
  children: ComponentChildren;
}

/** A button that is off while anything runs, with a spinner while its own action does. */
export function BusyButton({ action, busy, class: className, onClick, buttonRef, submit, children }: BusyButtonProps) {
  return (
    <button
      ref={buttonRef}
      type={submit ? 'submit' : 'button'}
      class={className}
      onClick={onClick}
      disabled={busy !== null}
      aria-busy={busy === action}
    >
      {busy === action ? <Spinner /> : null}
      {children}
    </button>
  );
}

interface SaveAndTestProps {
  busy: AccountsBusy;
  onTest: () => void;
  saveRef: Ref<HTMLButtonElement>;
  testRef: Ref<HTMLButtonElement>;
}

/** Save (the form's submit button) and Test connection. */
export function SaveAndTest({ busy, onTest, saveRef, testRef }: SaveAndTestProps) {
  return (
    <>
      <BusyButton action="save" busy={busy} class="button button-primary" buttonRef={saveRef} submit>
        {t('save')}
      </BusyButton>
      <BusyButton action="test" busy={busy} class="button" onClick={onTest} buttonRef={testRef}>
        {t('testConnection')}
      </BusyButton>
    </>
  );
}
