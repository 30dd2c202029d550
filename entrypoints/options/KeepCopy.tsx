/**
 * "Keep a copy of my leads on this device", on one account of the list. The background keeps one
 * copy open, the active account's: that one shows how far it is, with "Sync now" and "Delete the
 * copy" (after a confirm step); another account's copy syncs while that account is active.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { deviceCopySentence, useDeviceCopy, type DeviceCopyAsk } from '@/components/use-device-copy';
import { t } from '@/utils/i18n';
import type { Account } from '@/utils/storage';
import { setKeepCopyFromPage, type OptionsState } from './options-store';
import type { StatusMessage } from './settings-form';
import { Spinner } from './Spinner';
import './keep-copy.css';

/** How the page reaches the background for the copy: its status, "Sync now", and deleting it. */
export interface DeviceCopyMessages extends DeviceCopyAsk {
  remove: () => Promise<void>;
}

interface KeepCopyProps {
  account: Account;
  /** The account lookups use: the only one whose copy is open. */
  active: boolean;
  /** The settings say this account keeps a copy. */
  kept: boolean;
  state: OptionsState;
  deviceCopy: DeviceCopyMessages;
  /** The id of the account's name, which the switch is read with. */
  nameId: string;
  /** The Accounts card's one status line. */
  setStatus: (status: StatusMessage | null) => void;
}

export function KeepCopy({ account, active, kept, state, deviceCopy, nameId, setStatus }: KeepCopyProps) {
  /** What the user switched to, until the settings say so. */
  const [wanted, setWanted] = useState<boolean | null>(null);
  const switchRef = useRef<HTMLInputElement>(null);
  const id = `keep-copy-${account.id}`;
  const on = wanted ?? kept;

  useEffect(() => {
    if (wanted === kept) setWanted(null);
  }, [kept, wanted]);

  const change = async (next: boolean) => {
    if (wanted !== null) return;
    setWanted(next);
    setStatus(null);
    try {
      await setKeepCopyFromPage(account.id, next, state);
      const text = !next
        ? t('keepCopyTurnedOff', account.name)
        : active
          ? t('keepCopyTurnedOn', account.name)
          : t('keepCopyTurnedOnLater', account.name);
      setStatus({ tone: 'success', text });
    } catch {
      setWanted(null);
      setStatus({ tone: 'error', text: t('keepCopyNotChanged') });
    }
  };

  const deleted = async (): Promise<boolean> => {
    try {
      await setKeepCopyFromPage(account.id, false, state);
      setStatus({ tone: 'success', text: t('copyDeleted', account.name) });
      // The status and its buttons are gone with the copy: the switch is where the user was.
      requestAnimationFrame(() => switchRef.current?.focus());
      return true;
    } catch {
      setStatus({ tone: 'error', text: t('copyNotDeleted') });
      return false;
    }
  };

  return (
    <div class="keep-copy">
      <div class="keep-copy-switch">
        <input
          ref={switchRef}
          id={id}
          class="switch"
          type="checkbox"
          role="switch"
          checked={on}
          aria-busy={wanted !== null}
          aria-describedby={`${nameId} ${id}-detail`}
          onChange={(event) => void change(event.currentTarget.checked)}
        />
        <div class="choice-text">
          <label for={id}>{t('keepCopy')}</label>
          <p id={`${id}-detail`} class="choice-detail">
            {t('keepCopyDetail', account.name)}
          </p>
        </div>
      </div>
      {kept && active ? (
        <CopyStatus account={account} deviceCopy={deviceCopy} onDeleted={deleted} />
      ) : kept ? (
        <p class="keep-copy-note">{t('keepCopyOtherAccount', account.name)}</p>
      ) : null}
    </div>
  );
}

interface CopyStatusProps {
  account: Account;
  deviceCopy: DeviceCopyMessages;
  /** The copy was deleted: turn the option off; false when that failed. */
  onDeleted: () => Promise<boolean>;
}

/** The active account's copy: how far it is, "Sync now" and "Delete the copy". */
function CopyStatus({ account, deviceCopy, onDeleted }: CopyStatusProps) {
  const view = useDeviceCopy(deviceCopy, true, account.id);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const syncing = view.syncRequested || view.status?.state === 'syncing';
  const textId = `copy-status-${account.id}`;

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => deleteRef.current?.focus());
  };

  const remove = async () => {
    if (deleting) return;
    setDeleting(true);
    // Deleting the option alone would also make the background delete the copy; asking first
    // stops a sync in progress at once.
    await deviceCopy.remove().catch(() => undefined);
    const done = await onDeleted();
    if (!done) {
      setDeleting(false);
      setConfirming(false);
      requestAnimationFrame(() => deleteRef.current?.focus());
    }
  };

  return (
    <div class="copy-status" aria-busy={syncing}>
      <p id={textId} class="copy-status-text">
        {syncing ? <Spinner /> : null}
        <span>{deviceCopySentence(view, Date.now())}</span>
      </p>
      {view.syncFailed ? (
        <p class="field-error" role="alert">
          {t('syncNotStarted')}
        </p>
      ) : null}
      {!confirming ? (
        <div class="copy-status-actions">
          <button
            type="button"
            class="button button-quiet"
            // Not `disabled`: a disabled button would drop the keyboard focus while it syncs.
            aria-disabled={syncing || undefined}
            aria-describedby={textId}
            onClick={view.syncNow}
          >
            {t('syncNow')}
          </button>
          <button
            ref={deleteRef}
            type="button"
            class="button button-quiet button-danger"
            onClick={() => setConfirming(true)}
          >
            {t('deleteCopy')}
          </button>
        </div>
      ) : (
        <div
          class="confirm-remove"
          role="group"
          aria-labelledby={`${textId}-confirm`}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !deleting) cancel();
          }}
        >
          <p id={`${textId}-confirm`} class="confirm-text">
            {t('deleteCopyConfirm', account.name)}
          </p>
          <div class="confirm-buttons">
            <button type="button" class="button button-danger-solid" onClick={() => void remove()} aria-busy={deleting}>
              {deleting ? <Spinner /> : null}
              {deleting ? t('deletingCopy') : t('deleteCopyYes')}
            </button>
            <button ref={keepRef} type="button" class="button" onClick={cancel} disabled={deleting}>
              {t('keepTheCopy')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
